package io.github.daemonguard.analysis;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * "Awaited" means awaited on every normal path: a thread or future held in a local variable, which
 * {@link Fates} finds awaited somewhere after its launch, is not awaited when some normal path of
 * the launching method (or lambda, or initializer) leads from the launch to its regular exit
 * without passing an await.
 *
 * <p>The awaits are the uses {@link Fates}' use scanner counts as awaits, and, for a thread added
 * to a collection, each loop or {@code forEach} that awaits the collection's elements: its entry
 * counts, so a loop that runs zero times over an empty collection awaits it. A branch that tests
 * only the handle ({@link HandleTests}) makes no unawaited path. Only refines: a launch that is not
 * awaited, or escapes, stays so; when the graph cannot answer, the lenient verdict (awaited)
 * stands.
 */
public final class EveryNormalPath {
  private EveryNormalPath() {}

  /**
   * {@code fate}, or {@link Fate#NOT_AWAITED} when an awaited launch misses its await on a path.
   */
  static Fate refine(Launch launch, Fate fate, VisitorState state) {
    VarSymbol handle = launch.handle();
    if (fate != Fate.AWAITED || handle == null || handle.getKind() != ElementKind.LOCAL_VARIABLE) {
      return fate;
    }
    return skipsAwait(launch, handle, state) ? Fate.NOT_AWAITED : fate;
  }

  /**
   * Whether the launcher waits for {@code launch}'s task after the launch, but not on every normal
   * path: {@code fate} (the launch's refined fate) is {@link Fate#NOT_AWAITED} only because of this
   * class. Such a finding has an await to move, not one to add: a join appended after the existing
   * conditional one would duplicate it.
   */
  public static boolean awaitedOnSomePathsOnly(Launch launch, Fate fate, VisitorState state) {
    VarSymbol handle = launch.handle();
    return fate == Fate.NOT_AWAITED
        && handle != null
        && handle.getKind() == ElementKind.LOCAL_VARIABLE
        && Fates.ofHandle(handle, state) == Fate.AWAITED;
  }

  /**
   * Whether {@code launch}, whose thread or future the local {@code handle} holds, reaches the
   * regular exit of its code unit on some normal path with no await of {@code handle}.
   */
  public static boolean skipsAwait(Launch launch, VarSymbol handle, VisitorState state) {
    Tree scope = Fates.owningScope(handle, state);
    if (scope == null || scope instanceof ClassTree) {
      return false;
    }
    TreePath scopePath = pathOf(scope, state);
    if (scopePath == null) {
      return false;
    }
    List<Tree> awaits = awaitTrees(handle, scope, state);
    if (awaits.isEmpty()) {
      return false;
    }
    NormalPaths.Answer answer =
        NormalPaths.of(state)
            .reachesExitAvoiding(
                scopePath,
                launch.call(),
                awaits,
                condition -> HandleTests.settledOutcomes(condition, handle),
                state);
    return answer == NormalPaths.Answer.YES;
  }

  /** The trees at which the launcher waits for {@code handle}'s task, directly or in bulk. */
  private static List<Tree> awaitTrees(VarSymbol handle, Tree scope, VisitorState state) {
    Fates.UseScanner scanner = Fates.scan(handle, scope, state);
    List<Tree> awaits = new ArrayList<>(scanner.awaitUses);
    for (Symbol collection : scanner.collections) {
      Fates.ofCollection(collection, scope, state, awaits);
    }
    return awaits;
  }

  /** The path of {@code scope}: an ancestor of {@code state}'s path, or found from the unit. */
  @Nullable
  private static TreePath pathOf(Tree scope, VisitorState state) {
    for (TreePath p = state.getPath(); p != null; p = p.getParentPath()) {
      if (p.getLeaf() == scope) {
        return p;
      }
    }
    CompilationUnitTree unit = state.getPath().getCompilationUnit();
    return TreePath.getPath(unit, scope);
  }
}
