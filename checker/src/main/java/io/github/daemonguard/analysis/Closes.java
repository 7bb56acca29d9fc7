package io.github.daemonguard.analysis;

import static com.google.errorprone.util.ASTHelpers.getStartPosition;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.code.Symbol;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where a launcher closes the resources its task uses, relative to where it waits for the task.
 *
 * <p>Positions are source offsets in the launcher's code: a close "comes before the await" when no
 * await lies between the launch and the close.
 */
public final class Closes {
  private Closes() {}

  /**
   * The first use among {@code uses} whose resource the launcher closes after the launch at {@code
   * state}'s path and before any of {@code awaitPositions}; null when there is none.
   *
   * @param awaitPositions source positions where the launcher waits for the task, or hands it to
   *     code that may
   */
  @Nullable
  public static ResourceUse closedBeforeAwait(
      List<ResourceUse> uses, List<Integer> awaitPositions, VisitorState state) {
    int launch = getStartPosition(state.getPath().getLeaf());
    Tree scope = Trees.enclosingCodeUnit(state.getPath()) == null ? null : methodScope(state);
    if (scope == null) {
      return null;
    }
    for (ResourceUse use : uses) {
      if (use.symbol() == null || use.openedByTask()) {
        continue;
      }
      int close = closePosition(use.symbol(), launch, scope, state);
      if (close >= 0 && awaitPositions.stream().noneMatch(p -> p > launch && p < close)) {
        return use;
      }
    }
    return null;
  }

  /**
   * Where {@code resource} is first closed after {@code launch}: the end of a try-with-resources
   * block around the launch that declares it, or a {@code resource.close()} call; -1 if never.
   */
  public static int closePosition(Symbol resource, int launch, Tree scope, VisitorState state) {
    long key = CloseOrder.firstCloseAfter(resource, state.getPath(), scope, state);
    return key == CloseOrder.NEVER ? -1 : (int) (key / CloseOrder.at(1));
  }

  @Nullable
  private static Tree methodScope(VisitorState state) {
    return com.google.errorprone.util.ASTHelpers.findEnclosingNode(
        state.getPath(), com.sun.source.tree.MethodTree.class);
  }
}
