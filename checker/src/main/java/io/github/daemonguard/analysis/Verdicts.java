package io.github.daemonguard.analysis;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import java.util.List;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * Classifies each launch once. Every check asks this one function whether a launch is its own, so
 * no launch is reported twice and the precedence lives in one place: disabling {@code
 * TaskOutlivesResource} hides its findings, it does not hand them down.
 */
public final class Verdicts {
  private Verdicts() {}

  /** The verdict on the call at {@code state}'s path; memoized for the three checks. */
  public static Verdict of(MethodInvocationTree call, VisitorState state) {
    AnalysisContext context = AnalysisContext.of(state);
    Object known = context.recall("Verdict", call, null);
    return known != AnalysisContext.UNKNOWN
        ? (Verdict) known
        : context.remember("Verdict", call, null, classify(call, state));
  }

  private static Verdict classify(MethodInvocationTree call, VisitorState state) {
    LaunchSites.Kind kind = LaunchSites.kind(call, state);
    if (kind == null) {
      return Verdict.NONE;
    }
    if (kind != LaunchSites.Kind.EXECUTOR_TASK) {
      if (!threadMayBeFound(call, state)) {
        return Verdict.NONE;
      }
      LaunchFacts thread = threadFacts(call, state);
      if (thread == null) {
        return Verdict.NONE;
      }
      if (thread.resourceClosedFirst()) {
        return stopsOnClose(
                ImmutableList.of(thread.launch().task()), thread.closedBeforeAwait(), state)
            ? Verdict.NONE
            : Verdict.TASK_OUTLIVES_RESOURCE;
      }
      if (usesWhatTheClassHolds(thread) && outlivedByClassClose(call, state)) {
        return Verdict.OUTLIVED_BY_CLASS_CLOSE;
      }
      return killedWhileWriting(thread) ? Verdict.DAEMON_THREAD_RESOURCE : Verdict.NONE;
    }
    ExecutorLaunchFacts closing = executorFacts(call, state);
    if (closing != null) {
      return stopsOnClose(closing.tasks(), closing.closedBeforeAwait(), state)
          ? Verdict.NONE
          : Verdict.TASK_OUTLIVES_RESOURCE;
    }
    ExecutorLaunches.ExecutorLaunch launch = ExecutorLaunches.of(call, state);
    if (launch != null
        && ASTHelpers.getSymbol(launch.executor()) instanceof VarSymbol executor
        && executor.getKind() == ElementKind.FIELD
        && outlivedByClassClose(call, state)) {
      return Verdict.OUTLIVED_BY_CLASS_CLOSE;
    }
    return UnjoinedExecutors.at(call, state) != null
        ? Verdict.UNJOINED_EXECUTOR_RESOURCE
        : Verdict.NONE;
  }

  /**
   * Whether a thread, common-pool or timer launch can be any check's finding, from facts that need
   * no look at its task: it is daemon; or its method may end the JVM ({@code exit}, {@code halt})
   * or close something (a try-with-resources around it, a call without arguments named like a
   * close: all {@link Closes} looks for); or its class names a launch and a close (all a class
   * lifecycle needs to begin). Most launches are none of these, and their tasks are never scanned.
   */
  private static boolean threadMayBeFound(MethodInvocationTree call, VisitorState state) {
    Launch launch = Launches.of(call, state);
    if (launch == null || launch.task() == null) {
      return false;
    }
    if (launch.isDaemon() || LifecycleCandidates.mayHaveLifecycle(state.getPath(), state)) {
      return true;
    }
    MethodTree method = ASTHelpers.findEnclosingNode(state.getPath(), MethodTree.class);
    if (method == null) {
      return false;
    }
    ScopeIndex index = ScopeIndex.of(method, state);
    return !index.invocations("exit").isEmpty()
        || !index.invocations("halt").isEmpty()
        || Closes.mayCloseAfter(state.getPath(), method, state);
  }

  /**
   * Whether the task uses a resource a class may hold: a field, or a parameter (which a constructor
   * may have stored in one). A task using only locals has no class lifecycle.
   */
  private static boolean usesWhatTheClassHolds(LaunchFacts facts) {
    for (ResourceUse use : facts.uses()) {
      if (use.symbol() != null
          && (use.symbol().getKind() == ElementKind.FIELD
              || use.symbol().getKind() == ElementKind.PARAMETER)) {
        return true;
      }
    }
    return false;
  }

  private static boolean outlivedByClassClose(MethodInvocationTree call, VisitorState state) {
    return LifecycleCandidates.mayHaveLifecycle(state.getPath(), state)
        && ClassLifecycles.around(state.getPath(), state).outlived().contains(call);
  }

  /** The facts of a thread, common-pool or timer launch at {@code state}'s path; memoized. */
  @Nullable
  public static LaunchFacts threadFacts(MethodInvocationTree call, VisitorState state) {
    AnalysisContext context = AnalysisContext.of(state);
    Object known = context.recall("LaunchFacts", call, null);
    return known != AnalysisContext.UNKNOWN
        ? (LaunchFacts) known
        : context.remember("LaunchFacts", call, null, LaunchFacts.of(call, state));
  }

  /** The facts of an executor launch whose resource is closed before its await; memoized. */
  @Nullable
  public static ExecutorLaunchFacts executorFacts(MethodInvocationTree call, VisitorState state) {
    AnalysisContext context = AnalysisContext.of(state);
    Object known = context.recall("ExecutorLaunchFacts", call, null);
    return known != AnalysisContext.UNKNOWN
        ? (ExecutorLaunchFacts) known
        : context.remember(
            "ExecutorLaunchFacts", call, null, ExecutorLaunchFacts.closingFirst(call, state));
  }

  /**
   * Whether the task writes and the JVM kills it before anybody waits: a daemon nobody awaits, or
   * any launch {@code System.exit} ends first.
   */
  private static boolean killedWhileWriting(LaunchFacts facts) {
    return !facts.writes().isEmpty()
        && ((facts.launch().isDaemon() && facts.fate() == Fate.NOT_AWAITED) || facts.exitsFirst());
  }

  /**
   * Whether closing {@code closed} is how the launcher stops the task: the task loops until it is
   * stopped and blocks on that very resource (a server socket's accept, a reader's read), which the
   * close unblocks.
   */
  private static boolean stopsOnClose(List<Task> tasks, ResourceUse closed, VisitorState state) {
    for (Task task : tasks) {
      if (task != null
          && EndlessLoops.in(task, state) != null
          && EndlessLoops.blocksOn(task, closed.symbol())) {
        return true;
      }
    }
    return false;
  }
}
