package io.github.daemonguard.analysis;

import static com.google.errorprone.util.ASTHelpers.getSymbol;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import io.github.daemonguard.analysis.ExecutorLaunches.ExecutorLaunch;
import io.github.daemonguard.analysis.ExecutorUses.Launched;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * One launch on an executor, seen the way {@code TaskOutlivesResource} needs it: when its task is
 * awaited (its future, the executor's termination, a latch), and which resource, if any, the
 * launcher closes before that.
 *
 * @param executor the executor's local variable, when the launching code unit declares it
 * @param executorDeclaration the path of that variable's declaration, or null
 * @param talkedTo variables through which the launcher talks to the task
 * @param tasks the tasks the launch hands over
 * @param closedBeforeAwait the first resource the task uses that the launcher closes first
 */
public record ExecutorLaunchFacts(
    ExecutorLaunch launch,
    @Nullable VarSymbol executor,
    @Nullable TreePath executorDeclaration,
    ImmutableList<Symbol> talkedTo,
    ImmutableList<Task> tasks,
    ResourceUse closedBeforeAwait) {

  /**
   * The facts of the executor launch at {@code state}'s path, when a resource its task uses is
   * closed before the task is awaited; null otherwise, or when the launch's future or executor is
   * handed to code that may wait for it.
   */
  @Nullable
  public static ExecutorLaunchFacts closingFirst(MethodInvocationTree call, VisitorState state) {
    ExecutorLaunch launch = ExecutorLaunches.of(call, state);
    TreePath unit = SynchronousCallbacks.launchingUnit(state.getPath(), state);
    if (launch == null
        || unit == null
        || !Closes.mayCloseAfter(state.getPath(), unit.getLeaf(), state)) {
      return null;
    }
    VarSymbol executor = null;
    TreePath declaration = null;
    long await;
    Symbol executorSymbol = getSymbol(launch.executor());
    VariableTree local =
        executorSymbol instanceof VarSymbol variable
                && (variable.getKind() == ElementKind.LOCAL_VARIABLE
                    || variable.getKind() == ElementKind.RESOURCE_VARIABLE)
            ? Trees.localDeclaration(unit.getLeaf(), variable, state)
            : null;
    if (local != null) {
      executor = (VarSymbol) executorSymbol;
      declaration = TreePath.getPath(unit, local);
      ExecutorUses uses = ExecutorUses.scan(executor, unit, state);
      Launched launched = null;
      for (Launched candidate : uses.launches()) {
        if (candidate.launch().call() == call) {
          launched = candidate;
          break;
        }
      }
      if (uses.escapes() || launched == null || launched.futureFate() == Fate.ESCAPES) {
        return null;
      }
      await = Math.min(launched.futureAwait(), uses.executorAwait());
    } else {
      // The executor is owned elsewhere: here only the launch's own future can be awaited.
      Tree parent = state.getPath().getParentPath().getLeaf();
      VarSymbol futureVariable = futureVariable(parent, state);
      if (futureVariable != null) {
        if (Fates.ofHandle(futureVariable, state) == Fate.ESCAPES) {
          return null;
        }
        await = CloseOrder.NEVER;
        for (int position : Fates.awaitPositions(futureVariable, state)) {
          await = Math.min(await, CloseOrder.at(position));
        }
      } else if (parent instanceof ExpressionStatementTree) {
        await = CloseOrder.NEVER;
      } else {
        return null;
      }
    }
    ImmutableList.Builder<Symbol> talk = ImmutableList.builder();
    ImmutableList.Builder<Task> tasks = ImmutableList.builder();
    ResourceUse closed = null;
    for (ExpressionTree expression : launch.tasks()) {
      Task task = Tasks.resolve(expression, Launches.enclosingMethod(state.getPath()), state);
      if (task == null) {
        continue;
      }
      tasks.add(task);
      long taskAwait = Math.min(await, Latches.awaitAfter(task, state.getPath(), unit, state));
      talk.addAll(Talk.symbolsOf(task, state));
      for (ResourceUse use : ResourceScanner.usesOf(task, state)) {
        if (closed == null
            && use.symbol() != null
            && !use.openedByTask()
            && CloseOrder.closesBeforeAwait(
                use.symbol(), state.getPath(), taskAwait, unit.getLeaf(), state)) {
          closed = use;
        }
      }
    }
    return closed == null
        ? null
        : new ExecutorLaunchFacts(
            launch, executor, declaration, talk.build(), tasks.build(), closed);
  }

  /**
   * The local variable that receives the launch's future: {@code Future<?> f = pool.submit(..)}, or
   * {@code f = pool.submit(..)} on a local declared earlier (outside the try that closes the
   * resource, say); null otherwise.
   */
  @Nullable
  private static VarSymbol futureVariable(Tree parent, VisitorState state) {
    if (parent instanceof VariableTree future) {
      return getSymbol(future);
    }
    if (parent instanceof AssignmentTree assignment
        && assignment.getExpression() == state.getPath().getLeaf()
        && getSymbol(assignment.getVariable()) instanceof VarSymbol variable
        && variable.getKind() == ElementKind.LOCAL_VARIABLE
        && state.getPath().getParentPath().getParentPath().getLeaf()
            instanceof ExpressionStatementTree) {
      return variable;
    }
    return null;
  }
}
