package io.github.daemonguard.analysis;

import static com.google.errorprone.util.ASTHelpers.getSymbol;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import io.github.daemonguard.analysis.ExecutorCreations.ExecutorCreation;
import io.github.daemonguard.analysis.ExecutorLaunches.ExecutorLaunch;
import io.github.daemonguard.analysis.ExecutorUses.Launched;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import org.jspecify.annotations.Nullable;

/**
 * Decides {@code UnjoinedExecutorResource}'s case: an executor the launching code owns (created in
 * the method, or held in a private field and created in the class), not escaping, whose tasks use a
 * resource, and that is never shut down and awaited. Decided once per executor, at its first launch
 * in source order.
 */
public final class UnjoinedExecutors {
  private UnjoinedExecutors() {}

  /** What the launcher fails to do. */
  public enum Missing {
    /** A non-daemon executor never shut down: its threads keep the JVM alive. */
    NEVER_SHUT_DOWN,
    /** A daemon executor never shut down or awaited. */
    DAEMON_NOT_AWAITED,
    /** A daemon executor shut down but not awaited. */
    DAEMON_SHUTDOWN_ONLY,
    /** {@code System.exit} runs before the tasks are awaited. */
    EXIT_BEFORE_AWAIT,
    /**
     * A non-daemon executor shut down but not awaited, after which the method goes on using a
     * resource its tasks use.
     */
    USED_AFTER_SHUTDOWN
  }

  /**
   * An executor left running.
   *
   * @param executor the variable or field holding it
   * @param field whether it is a private field owned by its class
   * @param declaration the path of a local executor's declaration, or null for a field
   * @param creation how it was created, and whether its threads are daemon
   * @param missing what its owner fails to do
   * @param relevant the resources whose use makes that a bug, one per name
   * @param resources every resource its tasks use
   * @param talk the variables through which the owner talks to the tasks
   * @param uses the owner's uses of the executor
   */
  public record UnjoinedExecutor(
      VarSymbol executor,
      boolean field,
      @Nullable TreePath declaration,
      ExecutorCreation creation,
      Missing missing,
      ImmutableList<ResourceUse> relevant,
      ImmutableList<ResourceUse> resources,
      ImmutableSet<Symbol> talk,
      ExecutorUses uses) {}

  /**
   * The executor left running whose first launch is {@code tree} ({@code state}'s path), or null. A
   * launch whose resource its launcher closes first is {@code TaskOutlivesResource}'s, and makes
   * the executor none of this check's business.
   */
  @Nullable
  public static UnjoinedExecutor at(MethodInvocationTree tree, VisitorState state) {
    AnalysisContext context = AnalysisContext.of(state);
    Object known = context.recall("UnjoinedExecutor", tree, null);
    return known != AnalysisContext.UNKNOWN
        ? (UnjoinedExecutor) known
        : context.remember("UnjoinedExecutor", tree, null, compute(tree, state));
  }

  @Nullable
  private static UnjoinedExecutor compute(MethodInvocationTree tree, VisitorState state) {
    ExecutorLaunch launch = ExecutorLaunches.of(tree, state);
    if (launch == null || !(getSymbol(launch.executor()) instanceof VarSymbol executor)) {
      return null;
    }
    boolean field = executor.getKind() == ElementKind.FIELD;
    TreePath declaration = null;
    TreePath scope;
    if (field) {
      // A private instance field is owned by its class; any other field escapes.
      Set<Modifier> modifiers = executor.getModifiers();
      if (!modifiers.contains(Modifier.PRIVATE) || modifiers.contains(Modifier.STATIC)) {
        return null;
      }
      scope = owningClass(state.getPath(), executor);
    } else if (executor.getKind() == ElementKind.LOCAL_VARIABLE) {
      TreePath launchUnit = SynchronousCallbacks.launchingUnit(state.getPath(), state);
      declaration = declaration(executor, launchUnit, state);
      scope = declaration == null ? null : Trees.enclosingCodeUnit(declaration);
      if (scope != null && scope.getLeaf() != launchUnit.getLeaf()) {
        // Declared in an enclosing method and captured here: its owner is elsewhere.
        return null;
      }
    } else {
      return null;
    }
    if (scope == null) {
      return null;
    }
    ExecutorUses uses = ExecutorUses.scan(executor, scope, state);
    if (uses.escapes()
        || uses.value() == null
        || uses.launches().isEmpty()
        || uses.launches().get(0).launch().call() != tree) {
      return null;
    }
    ExecutorCreation creation = ExecutorCreations.of(uses.value(), scope.getLeaf(), state);
    if (creation == null) {
      return null;
    }
    // Each launch's tasks, and where the launcher waits on a latch they count down.
    Map<Launched, List<Task>> tasks = new HashMap<>();
    Map<Launched, Long> latchAwaits = new HashMap<>();
    for (Launched launched : uses.launches()) {
      TreePath launcher = field ? Trees.enclosingCodeUnit(launched.path()) : scope;
      List<Task> resolved = new ArrayList<>();
      long latch = CloseOrder.NEVER;
      for (ExpressionTree taskExpression : launched.launch().tasks()) {
        Task task = Tasks.resolve(taskExpression, Launches.enclosingMethod(launched.path()), state);
        if (task != null) {
          resolved.add(task);
          if (launcher != null) {
            latch = Math.min(latch, Latches.awaitAfter(task, launched.path(), launcher, state));
          }
        }
      }
      tasks.put(launched, resolved);
      latchAwaits.put(launched, latch);
    }
    long firstLaunch = CloseOrder.at(tree);
    long done = uses.doneKey(latchAwaits);
    boolean awaited = done != CloseOrder.NEVER;
    boolean shutDown = uses.shutDown();
    // On every normal path: an executor awaited (or shut down) on some paths only is not.
    boolean onlyTheExecutorWaits = true;
    for (Launched launched : uses.launches()) {
      onlyTheExecutorWaits &= launched.futureFate() == Fate.NOT_AWAITED;
    }
    for (long key : latchAwaits.values()) {
      onlyTheExecutorWaits &= key == CloseOrder.NEVER;
    }
    if (!field && awaited && onlyTheExecutorWaits && uses.awaitSkippedOnSomePath(tree)) {
      awaited = false;
    }
    if (!field && !awaited && shutDown && uses.shutdownSkippedOnSomePath(tree)) {
      shutDown = false;
    }
    Missing missing;
    if (!awaited && creation.isDaemon()) {
      missing = shutDown ? Missing.DAEMON_SHUTDOWN_ONLY : Missing.DAEMON_NOT_AWAITED;
    } else if (!awaited && !shutDown) {
      missing = Missing.NEVER_SHUT_DOWN;
    } else if (!field && uses.exitsBetween(firstLaunch, done)) {
      missing = Missing.EXIT_BEFORE_AWAIT;
    } else if (!field && !awaited) {
      // Shut down, not awaited, non-daemon: the JVM waits for the tasks, unless the method goes
      // on to use what they use (checked below, once their resources are known).
      missing = Missing.USED_AFTER_SHUTDOWN;
    } else {
      return null;
    }

    List<ResourceUse> resources = new ArrayList<>();
    Set<Symbol> talk = new HashSet<>();
    for (Launched launched : uses.launches()) {
      TreePath launcher = field ? Trees.enclosingCodeUnit(launched.path()) : scope;
      if (launcher == null) {
        continue;
      }
      // A field executor is awaited in another method, if at all: within the launching method
      // only a wait for the launch's own future (or latch) comes before a close.
      long await = field ? Math.min(launched.futureAwait(), latchAwaits.get(launched)) : done;
      for (Task task : tasks.get(launched)) {
        ImmutableList<ResourceUse> taskUses = ResourceScanner.usesOf(task, state);
        for (ResourceUse use : taskUses) {
          if (use.symbol() != null
              && !use.openedByTask()
              && CloseOrder.closesBeforeAwait(
                  use.symbol(), launched.path(), await, launcher.getLeaf(), state)) {
            // The launcher closes the resource under the task: TaskOutlivesResource's case.
            return null;
          }
        }
        resources.addAll(taskUses);
        talk.addAll(Talk.symbolsOf(task, state));
      }
    }
    // Only a write can be lost when the JVM kills a thread at exit; a pool that keeps the JVM
    // alive and may still be working when the method goes on matters for reads too.
    ImmutableList<ResourceUse> relevant =
        distinctByName(
            missing == Missing.NEVER_SHUT_DOWN || missing == Missing.USED_AFTER_SHUTDOWN
                ? resources
                : ResourceUse.outputsOf(resources));
    if (missing == Missing.USED_AFTER_SHUTDOWN) {
      ImmutableList.Builder<ResourceUse> mentioned = ImmutableList.builder();
      for (ResourceUse use : relevant) {
        if (use.symbol() != null && uses.mentionedAfterShutdown(ImmutableSet.of(use.symbol()))) {
          mentioned.add(use);
        }
      }
      relevant = mentioned.build();
    }
    if (relevant.isEmpty()) {
      return null;
    }
    return new UnjoinedExecutor(
        executor,
        field,
        declaration,
        creation,
        missing,
        relevant,
        ImmutableList.copyOf(resources),
        ImmutableSet.copyOf(talk),
        uses);
  }

  /** The path of the class that declares field {@code field}, found around {@code path}. */
  @Nullable
  private static TreePath owningClass(TreePath path, VarSymbol field) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof ClassTree && getSymbol((ClassTree) p.getLeaf()) == field.owner) {
        return p;
      }
    }
    return null;
  }

  /** The path of the declaration of local {@code variable}, searched outwards from {@code unit}. */
  @Nullable
  private static TreePath declaration(
      VarSymbol variable, @Nullable TreePath unit, VisitorState state) {
    for (TreePath p = unit; p != null; p = Trees.enclosingCodeUnit(p.getParentPath())) {
      VariableTree declaration = Trees.localDeclaration(p.getLeaf(), variable, state);
      if (declaration != null) {
        return TreePath.getPath(p, declaration);
      }
      if (p.getParentPath() == null) {
        break;
      }
    }
    return null;
  }

  /**
   * One use per resource name: tasks share resources, and a task class names the resource handed to
   * its constructor again as its own field.
   */
  private static ImmutableList<ResourceUse> distinctByName(List<ResourceUse> uses) {
    Map<String, ResourceUse> byName = new LinkedHashMap<>();
    for (ResourceUse use : uses) {
      byName.putIfAbsent(use.name(), use);
    }
    return ImmutableList.copyOf(byName.values());
  }
}
