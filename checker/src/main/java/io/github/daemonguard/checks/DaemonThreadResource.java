package io.github.daemonguard.checks;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.auto.service.AutoService;
import com.google.common.collect.ImmutableList;
import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.MethodInvocationTree;
import io.github.daemonguard.analysis.EndlessLoops;
import io.github.daemonguard.analysis.EndlessLoops.EndlessLoop;
import io.github.daemonguard.analysis.EveryNormalPath;
import io.github.daemonguard.analysis.Fate;
import io.github.daemonguard.analysis.Guard;
import io.github.daemonguard.analysis.Launch;
import io.github.daemonguard.analysis.LaunchFacts;
import io.github.daemonguard.analysis.LaunchKind;
import io.github.daemonguard.analysis.Launches;
import io.github.daemonguard.analysis.ResourceUse;
import io.github.daemonguard.analysis.Suppressions;
import io.github.daemonguard.analysis.Talk;
import io.github.daemonguard.analysis.Verdict;
import io.github.daemonguard.analysis.Verdicts;
import io.github.daemonguard.fixes.CloseInTaskFix;
import io.github.daemonguard.fixes.DaemonFlagFix;
import io.github.daemonguard.fixes.JoinFix;
import javax.inject.Inject;
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
        "https://github.com/daemonguard/daemonguard/blob/v0.1.0/docs/bugpatterns/DaemonThreadResource.md",
    tags = BugPattern.StandardTags.CONCURRENCY)
public final class DaemonThreadResource extends DaemonGuardCheck
    implements MethodInvocationTreeMatcher {
  private static final long serialVersionUID = 1L;

  /** With no flags: the service loader that finds plugin checks needs this constructor. */
  public DaemonThreadResource() {
    this(ErrorProneFlags.empty());
  }

  /** Error Prone injects the compilation's flags; see {@code docs/configuration.md}. */
  @Inject
  public DaemonThreadResource(ErrorProneFlags flags) {
    super(flags);
  }

  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    if (!analysis(state).mayLaunch(tree)) {
      return Description.NO_MATCH;
    }
    try {
      return match(tree, state);
    } catch (RuntimeException | StackOverflowError unexpected) {
      return Guard.skip(unexpected, state);
    }
  }

  private Description match(MethodInvocationTree tree, VisitorState state) {
    if (Verdicts.of(tree, state) != Verdict.DAEMON_THREAD_RESOURCE) {
      return Description.NO_MATCH;
    }
    LaunchFacts facts = Verdicts.threadFacts(tree, state);
    if (Suppressions.onVariable(facts.launch().handle(), canonicalName())) {
      return Description.NO_MATCH;
    }
    Launch launch = facts.launch();
    boolean killedAtExit = launch.isDaemon() && facts.fate() == Fate.NOT_AWAITED;
    Description.Builder description =
        buildDescription(tree).setMessage(message(facts, killedAtExit, state));
    boolean ownedByClass =
        launch.handle() != null && launch.handle().getKind() == ElementKind.FIELD;
    // Awaited on some paths only: a join added after the existing one would duplicate it; no fix.
    boolean somePathsOnly = EveryNormalPath.awaitedOnSomePathsOnly(launch, facts.fate(), state);
    // An array of threads: the join belongs in a loop over it, not on the array; no fix.
    if (launch.kind() != LaunchKind.TIMER
        && !ownedByClass
        && !somePathsOnly
        && !Launches.isArrayHandle(launch)) {
      JoinFix.forThread(
              launch,
              Talk.symbolsOf(launch.task(), state),
              Talk.resourceSymbols(facts.uses()),
              facts.exitsFirst() ? facts.exitPosition() : Integer.MAX_VALUE,
              state)
          .map(join -> withUnclosedClosed(join, facts, state))
          .ifPresent(description::addFix);
    }
    boolean endless = EndlessLoops.in(launch.task(), state) != null;
    if (ownedByClass && killedAtExit) {
      JoinFix.inStopMethod(launch, Talk.resourceSymbols(facts.uses()), state)
          .ifPresent(description::addFix);
    }
    if (launch.daemonMarker() != null
        && !facts.exitsFirst()
        && !endless
        && !DaemonFlagFix.mayBlockForever(launch.task())) {
      DaemonFlagFix.drop(launch.daemonMarker(), state).ifPresent(description::addFix);
    }
    return description.build();
  }

  /** The wait, plus try-with-resources on what the task opens and never closes. */
  private static SuggestedFix withUnclosedClosed(
      SuggestedFix join, LaunchFacts facts, VisitorState state) {
    return CloseInTaskFix.closeUnclosed(facts.uses(), state)
        .map(close -> SuggestedFix.builder().merge(join).merge(close).build())
        .orElse(join);
  }

  private static String message(LaunchFacts facts, boolean killedAtExit, VisitorState state) {
    Launch launch = facts.launch();
    String what = what(launch);
    String resource = describe(facts.writes());
    EndlessLoop endless = EndlessLoops.in(launch.task(), state);
    if (endless != null && killedAtExit) {
      String stop =
          endless.take() == null
              ? "give it a way to stop (a flag it checks, or an interrupt), signal it, then join it"
              : "have the producer put a sentinel (\"poison pill\") that the loop stops on, then"
                  + " join it (suggested for FIFO queues of suitable element types)";
      return String.format(
          "%s writes to %s and runs until it is stopped, and nobody stops it: the JVM kills"
              + " daemon threads at exit, so what it holds is lost; a bare join() would hang: %s",
          capitalize(what), resource, stop);
    }
    if (killedAtExit && EveryNormalPath.awaitedOnSomePathsOnly(launch, facts.fate(), state)) {
      return String.format(
          "%s writes to %s and is awaited on some paths only: on a normal path from its launch to"
              + " the method's exit nobody waits for it, and the JVM kills daemon threads at exit,"
              + " so its finally blocks never run and buffered output is lost; wait for it on every"
              + " path (after the branches, or in a finally)",
          capitalize(what), resource);
    }
    if (!killedAtExit) {
      return String.format(
          "%s writes to %s, but System.exit(..) runs before anybody waits for it and kills it"
              + " mid-write: its finally blocks never run and buffered output is lost; wait for"
              + " it before System.exit",
          capitalize(what), resource);
    }
    return String.format(
        "%s writes to %s but nobody waits for it: the JVM kills daemon threads at exit, so its"
            + " finally blocks never run and buffered output is lost; %s",
        capitalize(what), resource, remedy(launch));
  }

  /** The launched thread, named with why the JVM will not wait for it. */
  private static String what(Launch launch) {
    return switch (launch.kind()) {
      case VIRTUAL_THREAD -> "a virtual thread (always daemon)";
      case COMMON_POOL -> "a task on the common ForkJoinPool (daemon threads)";
      case TIMER ->
          launch.isDaemon()
              ? "a task of a daemon Timer (" + launch.daemonReason() + ")"
              : "a Timer task";
      case PLATFORM_THREAD ->
          launch.isDaemon() ? "a daemon thread (" + launch.daemonReason() + ")" : "a thread";
    };
  }

  private static String remedy(Launch launch) {
    if (launch.handle() != null && launch.handle().getKind() == ElementKind.FIELD) {
      return "no method of its class ever joins it: give its close()/stop() a signal for the"
          + " task to finish and a join of the thread";
    }
    return switch (launch.kind()) {
      case COMMON_POOL -> "keep its future and join() it, or run it on an executor you own";
      case TIMER ->
          "a Timer cannot be awaited: have the task signal completion (a CountDownLatch the"
              + " launcher awaits), or use a ScheduledExecutorService that is shut down and awaited";
      default -> "join it before the launching method returns";
    };
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
