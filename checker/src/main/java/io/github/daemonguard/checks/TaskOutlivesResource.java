package io.github.daemonguard.checks;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.auto.service.AutoService;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.CompilationUnitTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodInvocationTree;
import io.github.daemonguard.analysis.AnalysisContext;
import io.github.daemonguard.analysis.Closes;
import io.github.daemonguard.analysis.EndlessLoops;
import io.github.daemonguard.analysis.ExecutorLaunchFacts;
import io.github.daemonguard.analysis.Guard;
import io.github.daemonguard.analysis.Launch;
import io.github.daemonguard.analysis.LaunchFacts;
import io.github.daemonguard.analysis.LaunchSites;
import io.github.daemonguard.analysis.Launches;
import io.github.daemonguard.analysis.ResourceUse;
import io.github.daemonguard.analysis.Suppressions;
import io.github.daemonguard.analysis.Talk;
import io.github.daemonguard.analysis.Verdict;
import io.github.daemonguard.analysis.Verdicts;
import io.github.daemonguard.fixes.ExecutorFix;
import io.github.daemonguard.fixes.JoinFix;
import javax.inject.Inject;
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
public final class TaskOutlivesResource extends BugChecker
    implements CompilationUnitTreeMatcher, MethodInvocationTreeMatcher {
  private static final long serialVersionUID = 1L;

  private final ErrorProneFlags flags;

  /** With no flags: the service loader that finds plugin checks needs this constructor. */
  public TaskOutlivesResource() {
    this(ErrorProneFlags.empty());
  }

  /** Error Prone injects the compilation's flags; see {@code docs/configuration.md}. */
  @Inject
  public TaskOutlivesResource(ErrorProneFlags flags) {
    this.flags = flags;
  }

  @Override
  public Description matchCompilationUnit(CompilationUnitTree tree, VisitorState state) {
    AnalysisContext.instance(state, flags).reportProblemsOnce(state);
    return Description.NO_MATCH;
  }

  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    if (!LaunchSites.mayLaunch(tree)) {
      return Description.NO_MATCH;
    }
    return Guard.safely(
        state,
        () ->
            LaunchSites.kind(tree, state) == LaunchSites.Kind.EXECUTOR_TASK
                ? matchExecutorLaunch(tree, state)
                : match(tree, state));
  }

  private Description match(MethodInvocationTree tree, VisitorState state) {
    if (Verdicts.of(tree, state) != Verdict.TASK_OUTLIVES_RESOURCE) {
      return Description.NO_MATCH;
    }
    LaunchFacts facts = Verdicts.threadFacts(tree, state);
    if (Suppressions.onVariable(facts.launch().handle(), canonicalName())) {
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

  /** A task handed to an executor whose resource the launcher closes before awaiting it. */
  private Description matchExecutorLaunch(MethodInvocationTree tree, VisitorState state) {
    if (Verdicts.of(tree, state) != Verdict.TASK_OUTLIVES_RESOURCE) {
      return Description.NO_MATCH;
    }
    ExecutorLaunchFacts facts = Verdicts.executorFacts(tree, state);
    if (Suppressions.onVariable(facts.executor(), canonicalName())
        || Suppressions.onVariable(Launches.resultVariable(state), canonicalName())) {
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
