package io.github.daemonguard.checks;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;
import static com.google.errorprone.util.ASTHelpers.getStartPosition;

import com.google.auto.service.AutoService;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.LineMap;
import com.sun.source.tree.MethodInvocationTree;
import io.github.daemonguard.analysis.AnalysisContext;
import io.github.daemonguard.analysis.ClassLifecycles;
import io.github.daemonguard.analysis.ClassLifecycles.ClassClose;
import io.github.daemonguard.analysis.ClassLifecycles.ClassLaunch;
import io.github.daemonguard.analysis.Closes;
import io.github.daemonguard.analysis.EndlessLoops;
import io.github.daemonguard.analysis.ExecutorLaunchFacts;
import io.github.daemonguard.analysis.Guard;
import io.github.daemonguard.analysis.Launch;
import io.github.daemonguard.analysis.LaunchFacts;
import io.github.daemonguard.analysis.LaunchSites;
import io.github.daemonguard.analysis.Launches;
import io.github.daemonguard.analysis.LifecycleCandidates;
import io.github.daemonguard.analysis.ResourceUse;
import io.github.daemonguard.analysis.Suppressions;
import io.github.daemonguard.analysis.Talk;
import io.github.daemonguard.analysis.Verdict;
import io.github.daemonguard.analysis.Verdicts;
import io.github.daemonguard.fixes.ClassCloseFix;
import io.github.daemonguard.fixes.ExecutorFix;
import io.github.daemonguard.fixes.FutureGetFix;
import io.github.daemonguard.fixes.JoinFix;
import java.util.ArrayList;
import java.util.List;
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
public final class TaskOutlivesResource extends DaemonGuardCheck
    implements MethodInvocationTreeMatcher {
  private static final long serialVersionUID = 1L;

  /** With no flags: the service loader that finds plugin checks needs this constructor. */
  public TaskOutlivesResource() {
    this(ErrorProneFlags.empty());
  }

  /** Error Prone injects the compilation's flags; see {@code docs/configuration.md}. */
  @Inject
  public TaskOutlivesResource(ErrorProneFlags flags) {
    super(flags);
  }

  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    AnalysisContext analysis = analysis(state);
    boolean mayLaunch = analysis.mayLaunch(tree);
    boolean mayClose = LifecycleCandidates.mayClose(tree, analysis, state);
    if (!mayLaunch && !mayClose) {
      return Description.NO_MATCH;
    }
    try {
      if (mayLaunch) {
        Description launch =
            LaunchSites.kind(tree, state) == LaunchSites.Kind.EXECUTOR_TASK
                ? matchExecutorLaunch(tree, state)
                : match(tree, state);
        if (launch != Description.NO_MATCH) {
          return launch;
        }
      }
      return mayClose ? matchClassClose(tree, state) : Description.NO_MATCH;
    } catch (RuntimeException | StackOverflowError unexpected) {
      return Guard.skip(unexpected, state);
    }
  }

  /**
   * A method of a class closing a field resource that tasks the class launched elsewhere still use:
   * reported once, at the close, naming each task.
   */
  private Description matchClassClose(MethodInvocationTree tree, VisitorState state) {
    ClassClose close =
        LifecycleCandidates.mayHaveLifecycle(state.getPath(), state)
            ? ClassLifecycles.closeAt(tree, state)
            : null;
    if (close == null
        || Suppressions.onVariable(close.resource(), canonicalName())
        || close.launches().stream()
            .anyMatch(l -> Suppressions.onVariable(l.holder(), canonicalName()))) {
      return Description.NO_MATCH;
    }
    Description.Builder description =
        buildDescription(tree).setMessage(classCloseMessage(close, state));
    ClassCloseFix.awaitBefore(close, state).ifPresent(description::addFix);
    return description.build();
  }

  private static String classCloseMessage(ClassClose close, VisitorState state) {
    LineMap lines = state.getPath().getCompilationUnit().getLineMap();
    List<String> tasks = new ArrayList<>();
    for (ClassLaunch launch : close.launches()) {
      String where =
          launch.method() == null
              ? "an initializer"
              : launch.method().getName().contentEquals("<init>")
                  ? "the constructor"
                  : launch.method().getName() + "()";
      String what =
          launch.executor()
              ? "the task submitted to '" + launch.holder().getSimpleName() + "'"
              : launch.handle() == ClassLifecycles.Handle.COLLECTION
                  ? "the threads kept in '" + launch.holder().getSimpleName() + "'"
                  : launch.holder() == null
                      ? "the thread"
                      : "the thread '" + launch.holder().getSimpleName() + "'";
      tasks.add(
          String.format(
              "%s started in %s (line %d)",
              what, where, lines.getLineNumber(getStartPosition(launch.call()))));
    }
    boolean unheld =
        close.launches().stream().anyMatch(l -> l.handle() == ClassLifecycles.Handle.NONE);
    String name = close.resource().getSimpleName().toString();
    return String.format(
        "'%s' is closed here while %s may still use it: nothing waits for %s before the close,"
            + " so the task meets 'IOException: Stream closed' (often unseen) or its output is"
            + " cut short; %s",
        name,
        String.join(" and ", tasks),
        close.launches().size() == 1 ? "it" : "them",
        unheld
            ? "keep the thread in a field, signal it to stop, and join it before closing '"
                + name
                + "'"
            : "signal the task to stop and wait for it (join, or shutdown and awaitTermination)"
                + " before closing '"
                + name
                + "'");
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
    if ((launch.handle() == null || launch.handle().getKind() == ElementKind.LOCAL_VARIABLE)
        && !Launches.isArrayHandle(launch)) {
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
    } else {
      // An executor owned elsewhere: only the task's own future can be waited for here.
      FutureGetFix.beforeClose(tree, closed.symbol(), state).ifPresent(description::addFix);
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
