package io.github.daemonguard.checks;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.auto.service.AutoService;
import com.google.common.collect.ImmutableList;
import com.google.errorprone.BugPattern;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.MethodInvocationTree;
import io.github.daemonguard.analysis.Fate;
import io.github.daemonguard.analysis.Fates;
import io.github.daemonguard.analysis.Launch;
import io.github.daemonguard.analysis.LaunchFacts;
import io.github.daemonguard.analysis.Launches;
import io.github.daemonguard.analysis.ResourceUse;
import io.github.daemonguard.analysis.Suppressions;
import io.github.daemonguard.analysis.Talk;
import io.github.daemonguard.fixes.DaemonFlagFix;
import io.github.daemonguard.fixes.JoinFix;
import javax.lang.model.element.ElementKind;

/** Flags a daemon thread that writes to a resource and that nobody waits for. */
@AutoService(BugChecker.class)
@BugPattern(
    summary =
        "A daemon thread writes to a file or other resource but nobody waits for it: the JVM"
            + " kills it at exit, its finally blocks never run and buffered output is lost",
    severity = WARNING,
    linkType = CUSTOM,
    link =
        "https://github.com/daemonguard/daemonguard/blob/main/docs/bugpatterns/DaemonThreadResource.md",
    tags = BugPattern.StandardTags.CONCURRENCY)
public final class DaemonThreadResource extends BugChecker implements MethodInvocationTreeMatcher {
  private static final long serialVersionUID = 1L;

  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    if (!Launches.mayLaunch(tree)) {
      return Description.NO_MATCH;
    }
    LaunchFacts facts = LaunchFacts.of(tree, state);
    if (facts == null
        || !facts.launch().isDaemon()
        || facts.resourceClosedFirst()
        || facts.writes().isEmpty()
        || Suppressions.onVariable(facts.launch().handle(), canonicalName())
        || Fates.ofThread(facts.launch().handle(), state) != Fate.NOT_AWAITED) {
      return Description.NO_MATCH;
    }
    Launch launch = facts.launch();
    Description.Builder description =
        buildDescription(tree).setMessage(message(launch, facts.writes()));
    if (launch.handle() == null || launch.handle().getKind() == ElementKind.LOCAL_VARIABLE) {
      JoinFix.forThread(
              launch,
              Talk.symbolsOf(launch.task(), state),
              Talk.resourceSymbols(facts.uses()),
              Integer.MAX_VALUE,
              state)
          .ifPresent(description::addFix);
    }
    if (launch.daemonMarker() != null) {
      DaemonFlagFix.drop(launch.daemonMarker(), state).ifPresent(description::addFix);
    }
    return description.build();
  }

  private static String message(Launch launch, ImmutableList<ResourceUse> writes) {
    String thread =
        launch.daemonReason().startsWith("a ")
            ? launch.daemonReason()
            : "a daemon " + launch.kind().noun() + " (" + launch.daemonReason() + ")";
    String remedy =
        launch.handle() != null && launch.handle().getKind() == ElementKind.FIELD
            ? "no method of its class ever joins it: add a close()/stop() that signals the task"
                + " to finish and joins the thread"
            : "join it before the launching method returns";
    return String.format(
        "%s writes to %s but nobody waits for it: the JVM kills daemon threads at exit, so its"
            + " finally blocks never run and buffered output is lost; %s",
        capitalize(thread), describe(writes), remedy);
  }

  private static String describe(ImmutableList<ResourceUse> writes) {
    ResourceUse first = writes.get(0);
    String name = first.openedByTask() ? first.name() : "'" + first.name() + "'";
    return writes.size() == 1 ? name : name + " (and " + (writes.size() - 1) + " more)";
  }

  private static String capitalize(String text) {
    return Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
