package io.github.daemonguard.analysis;

import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.getStartPosition;
import static com.google.errorprone.util.ASTHelpers.getSymbol;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.Iterables;
import com.google.errorprone.VisitorState;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import java.util.List;

/**
 * The order in which a launcher closes resources and waits for its tasks.
 *
 * <p>Points in the launcher's code are compared by a <em>key</em>: the source position, refined for
 * the resources of one try-with-resources statement, which all close at the end of its block, last
 * declared first. So in {@code try (ExecutorService ex = …; Writer w = …) {…}} the writer closes
 * before the executor waits, and in {@code try (Writer w = …; ExecutorService ex = …) {…}} after.
 * Everything here is pure: it reads trees and returns a value.
 */
public final class CloseOrder {
  private CloseOrder() {}

  /** Room for the resources of one try-with-resources statement. */
  private static final int SLOTS = 1024;

  /** A key that lies after every point in the code: "never". */
  public static final long NEVER = Long.MAX_VALUE;

  /** The key of a call or statement starting at {@code position}. */
  public static long at(int position) {
    return (long) position * SLOTS;
  }

  /** The key of {@code tree}'s start. */
  public static long at(Tree tree) {
    return at(getStartPosition(tree));
  }

  /**
   * The key at which the try-with-resources statement {@code tryTree} closes its resource number
   * {@code index} (0 for the first declared): at the end of its block, later resources first.
   */
  public static long tryClose(TryTree tryTree, int index, VisitorState state) {
    int end = state.getEndPosition(tryTree.getBlock()) - 1;
    return at(end) + (SLOTS - 1 - Math.min(index, SLOTS - 1));
  }

  /**
   * The key at which the launcher first closes {@code resource} after the launch at {@code launch}:
   * the end of a try-with-resources around the launch that declares (or names) it, or a {@code
   * resource.close()} in {@code scope} after the launch (not counting nested lambdas or classes,
   * whose code runs who knows when); {@link #NEVER} if it does not.
   */
  public static long firstCloseAfter(
      Symbol resource, TreePath launch, Tree scope, VisitorState state) {
    long launchKey = at(launch.getLeaf());
    long first = NEVER;
    for (TreePath p = launch; p != null && p.getLeaf() != scope; p = p.getParentPath()) {
      if (p.getLeaf() instanceof TryTree tryTree
          && Trees.contains(tryTree.getBlock(), launch.getLeaf(), state)) {
        List<? extends Tree> resources = tryTree.getResources();
        for (int i = 0; i < resources.size(); i++) {
          if (getSymbol(resources.get(i)) == resource) {
            first = Math.min(first, tryClose(tryTree, i, state));
          }
        }
      }
    }
    long call = NEVER;
    ScopeIndex index = ScopeIndex.of(scope, state);
    Iterable<TreePath> closes = ImmutableList.of();
    for (String name : Resources.closeMethods(resource.type, state)) {
      closes = Iterables.concat(closes, index.invocations(name));
    }
    for (TreePath closePath : closes) {
      MethodInvocationTree tree = (MethodInvocationTree) closePath.getLeaf();
      long key = at(tree);
      if (tree.getArguments().isEmpty()
          && getSymbol(getReceiver(tree)) == resource
          && key > launchKey
          && key < call
          && !Trees.inNestedCode(closePath, scope)
          && !inHandlerOfLaunch(closePath, launch.getLeaf(), state)) {
        call = key;
      }
    }
    return Math.min(first, call);
  }

  /**
   * Whether {@code close} sits in a {@code catch} of a {@code try} whose block holds the launch:
   * typically the launch itself failed ({@code RejectedExecutionException}) and the task never
   * runs, so the close cannot cut it short.
   */
  private static boolean inHandlerOfLaunch(TreePath close, Tree launch, VisitorState state) {
    for (TreePath p = close; p.getParentPath() != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof com.sun.source.tree.CatchTree
          && p.getParentPath().getLeaf() instanceof TryTree tryTree
          && Trees.contains(tryTree.getBlock(), launch, state)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the launcher closes {@code resource} after the launch at {@code launch} and before the
   * point {@code awaitKey} (a key from this class; {@link #NEVER} when it never waits) at which it
   * waits for the task: the task then meets a closed resource.
   */
  public static boolean closesBeforeAwait(
      Symbol resource, TreePath launch, long awaitKey, Tree scope, VisitorState state) {
    return firstCloseAfter(resource, launch, scope, state) < awaitKey;
  }
}
