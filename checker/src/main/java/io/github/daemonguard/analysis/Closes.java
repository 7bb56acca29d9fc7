package io.github.daemonguard.analysis;

import static com.google.errorprone.util.ASTHelpers.getStartPosition;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.util.TreePath;
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
    for (ResourceUse use : uses) {
      if (use.symbol() == null || use.openedByTask()) {
        continue;
      }
      int close = closePosition(use.symbol(), state);
      if (close >= 0 && !anyBetween(awaitPositions, launch, close)) {
        return use;
      }
    }
    return null;
  }

  /**
   * Whether {@code scope} may close something after the launch at {@code launch}: a
   * try-with-resources around the launch (inside {@code scope}), or a call without arguments named
   * like a close. {@link CloseOrder#firstCloseAfter} finds closes of nothing else, so most launches
   * are settled here without a look at their tasks.
   */
  static boolean mayCloseAfter(TreePath launch, Tree scope, VisitorState state) {
    for (TreePath p = launch; p != null && p.getLeaf() != scope; p = p.getParentPath()) {
      if (p.getLeaf() instanceof TryTree tryTree && !tryTree.getResources().isEmpty()) {
        return true;
      }
    }
    ScopeIndex index = ScopeIndex.of(scope, state);
    for (String name : Resources.ANY_CLOSE_METHOD) {
      for (TreePath call : index.invocations(name)) {
        if (((MethodInvocationTree) call.getLeaf()).getArguments().isEmpty()) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether one of {@code positions} lies strictly between {@code after} and {@code before}. */
  static boolean anyBetween(List<Integer> positions, int after, int before) {
    for (int position : positions) {
      if (position > after && position < before) {
        return true;
      }
    }
    return false;
  }

  /**
   * Where {@code resource} is first closed, in the enclosing method, after the launch at {@code
   * state}'s path: the end of a try-with-resources block around the launch that declares it, or a
   * {@code resource.close()} call; -1 if never (or outside a method).
   */
  public static int closePosition(Symbol resource, VisitorState state) {
    Tree method = ASTHelpers.findEnclosingNode(state.getPath(), MethodTree.class);
    long key =
        method == null
            ? CloseOrder.NEVER
            : CloseOrder.firstCloseAfter(resource, state.getPath(), method, state);
    return key == CloseOrder.NEVER ? -1 : (int) (key / CloseOrder.at(1));
  }
}
