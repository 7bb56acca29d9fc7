package io.github.daemonguard.checks;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.auto.service.AutoService;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.BugPattern;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import io.github.daemonguard.analysis.Closes;
import io.github.daemonguard.analysis.Guard;
import io.github.daemonguard.analysis.Launch;
import io.github.daemonguard.analysis.LaunchFacts;
import io.github.daemonguard.analysis.Launches;
import io.github.daemonguard.analysis.ResourceUse;
import io.github.daemonguard.analysis.Suppressions;
import io.github.daemonguard.analysis.Talk;
import io.github.daemonguard.fixes.JoinFix;
import javax.lang.model.element.ElementKind;

/** Flags a task that uses a resource its launcher closes before waiting for the task. */
@AutoService(BugChecker.class)
@BugPattern(
    summary =
        "A task uses a resource that its launcher closes before waiting for the task: the task"
            + " meets 'IOException: Stream closed' or writes nothing",
    severity = WARNING,
    linkType = CUSTOM,
    link =
        "https://github.com/daemonguard/daemonguard/blob/main/docs/bugpatterns/TaskOutlivesResource.md",
    tags = BugPattern.StandardTags.CONCURRENCY)
public final class TaskOutlivesResource extends BugChecker implements MethodInvocationTreeMatcher {
  private static final long serialVersionUID = 1L;

  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    if (!Launches.mayLaunch(tree)) {
      return Description.NO_MATCH;
    }
    return Guard.safely(() -> match(tree, state));
  }

  private Description match(MethodInvocationTree tree, VisitorState state) {
    LaunchFacts facts = LaunchFacts.of(tree, state);
    if (facts == null
        || !facts.resourceClosedFirst()
        || Suppressions.onVariable(facts.launch().handle(), canonicalName())) {
      return Description.NO_MATCH;
    }
    Launch launch = facts.launch();
    ResourceUse closed = facts.closedBeforeAwait();
    Description.Builder description =
        buildDescription(tree).setMessage(message(launch, closed, state));
    if (launch.handle() == null || launch.handle().getKind() == ElementKind.LOCAL_VARIABLE) {
      JoinFix.forThread(
              launch,
              Talk.symbolsOf(launch.task(), state),
              ImmutableSet.of(closed.symbol()),
              closePosition(closed, state),
              state)
          .ifPresent(description::addFix);
    }
    return description.build();
  }

  private static int closePosition(ResourceUse closed, VisitorState state) {
    MethodTree method = ASTHelpers.findEnclosingNode(state.getPath(), MethodTree.class);
    return Closes.closePosition(
        closed.symbol(), ASTHelpers.getStartPosition(state.getPath().getLeaf()), method, state);
  }

  private static String message(Launch launch, ResourceUse closed, VisitorState state) {
    String thread = launch.isDaemon() ? "daemon " + launch.kind().noun() : launch.kind().noun();
    return String.format(
        "The %s's task uses '%s', which this method closes before waiting for the task: the task"
            + " meets 'IOException: Stream closed' (often unseen) or writes nothing; wait for the"
            + " task before '%s' is closed",
        thread, closed.name(), closed.name());
  }
}
