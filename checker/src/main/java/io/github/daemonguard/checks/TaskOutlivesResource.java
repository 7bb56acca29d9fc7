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
import com.sun.source.tree.MethodInvocationTree;
import io.github.daemonguard.analysis.Closes;
import io.github.daemonguard.analysis.EndlessLoops;
import io.github.daemonguard.analysis.ExecutorLaunchFacts;
import io.github.daemonguard.analysis.ExecutorLaunches;
import io.github.daemonguard.analysis.Guard;
import io.github.daemonguard.analysis.Launch;
import io.github.daemonguard.analysis.LaunchFacts;
import io.github.daemonguard.analysis.Launches;
import io.github.daemonguard.analysis.ResourceUse;
import io.github.daemonguard.analysis.Suppressions;
import io.github.daemonguard.analysis.Talk;
import io.github.daemonguard.analysis.Task;
import io.github.daemonguard.fixes.ExecutorFix;
import io.github.daemonguard.fixes.JoinFix;
import java.util.List;
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
        "https://github.com/daemonguard/daemonguard/blob/v0.1.0/docs/bugpatterns/TaskOutlivesResource.md",
    tags = BugPattern.StandardTags.CONCURRENCY)
public final class TaskOutlivesResource extends BugChecker implements MethodInvocationTreeMatcher {
  private static final long serialVersionUID = 1L;

  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    if (Launches.mayLaunch(tree)) {
      return Guard.safely(() -> match(tree, state));
    }
    if (ExecutorLaunches.mayLaunch(tree)) {
      return Guard.safely(() -> matchExecutorLaunch(tree, state));
    }
    return Description.NO_MATCH;
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
    if (stopsOnClose(List.of(launch.task()), closed, state)) {
      return Description.NO_MATCH;
    }
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

  /** A task handed to an executor whose resource the launcher closes before awaiting it. */
  private Description matchExecutorLaunch(MethodInvocationTree tree, VisitorState state) {
    ExecutorLaunchFacts facts = ExecutorLaunchFacts.closingFirst(tree, state);
    if (facts == null
        || Suppressions.onVariable(facts.executor(), canonicalName())
        || Suppressions.onVariable(Launches.resultVariable(state), canonicalName())
        || stopsOnClose(facts.tasks(), facts.closedBeforeAwait(), state)) {
      return Description.NO_MATCH;
    }
    ResourceUse closed = facts.closedBeforeAwait();
    Description.Builder description =
        buildDescription(tree)
            .setMessage(
                String.format(
                    "The task handed to %s uses '%s', which this method closes before waiting"
                        + " for the task: the task meets 'IOException: Stream closed' (often"
                        + " unseen, trapped in its Future) or writes nothing; wait for the task"
                        + " (its future, or the executor's termination) before '%s' is closed",
                    state.getSourceForNode(facts.launch().executor()),
                    closed.name(),
                    closed.name()));
    ExecutorFix.swapTryResources(facts.executor(), closed.symbol(), state)
        .ifPresent(description::addFix);
    if (facts.executor() != null && facts.executorDeclaration() != null) {
      ExecutorFix.forExecutor(
              facts.executor(),
              facts.executorDeclaration(),
              ImmutableSet.copyOf(facts.talkedTo()),
              ImmutableSet.of(closed.symbol()),
              closePosition(closed, state),
              ImmutableSet.of(),
              state)
          .forEach(description::addFix);
    }
    return description.build();
  }

  /**
   * Whether closing {@code closed} is how the launcher stops the task: the task loops until it is
   * stopped and blocks on that very resource (a server socket's accept, a reader's read), which the
   * close unblocks.
   */
  private static boolean stopsOnClose(List<Task> tasks, ResourceUse closed, VisitorState state) {
    for (Task task : tasks) {
      if (EndlessLoops.in(task, state) != null && EndlessLoops.blocksOn(task, closed.symbol())) {
        return true;
      }
    }
    return false;
  }

  private static int closePosition(ResourceUse closed, VisitorState state) {
    return Closes.closePosition(closed.symbol(), state);
  }

  private static String message(Launch launch, ResourceUse closed, VisitorState state) {
    String task =
        switch (launch.kind()) {
          case COMMON_POOL -> "The common-pool task";
          case TIMER -> "The timer task";
          case VIRTUAL_THREAD -> "The virtual thread's task";
          case PLATFORM_THREAD ->
              launch.isDaemon() ? "The daemon thread's task" : "The thread's task";
        };
    String remedy =
        EndlessLoops.in(launch.task(), state) == null
            ? "wait for the task before '" + closed.name() + "' is closed"
            : "the task never leaves its loop, so stop it (a sentinel it stops on) and wait for it"
                + " before '"
                + closed.name()
                + "' is closed";
    return String.format(
        "%s uses '%s', which this method closes before waiting for the task: the task meets"
            + " 'IOException: Stream closed' (often unseen) or writes nothing; %s",
        task, closed.name(), remedy);
  }
}
