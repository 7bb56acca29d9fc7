package io.github.daemonguard.analysis;

import static com.google.errorprone.util.ASTHelpers.getSymbol;

import com.google.common.collect.ImmutableSet;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;

/** Chains of {@code CompletableFuture} calls: {@code runAsync(a).thenRun(b).join()}. */
public final class Futures {
  private Futures() {}

  /** Methods that wait for a future. */
  private static final ImmutableSet<String> AWAITS = ImmutableSet.of("join", "get");

  /**
   * The path of the outermost call in the chain of future-returning calls that starts at {@code
   * path}: {@code runAsync(a)} in {@code runAsync(a).thenRun(b)} climbs to the {@code thenRun}
   * call. A waiting call ({@code join}, {@code get}) ends the chain and is not included.
   */
  public static TreePath chainTop(TreePath path) {
    TreePath top = path;
    while (true) {
      TreePath select = top.getParentPath();
      if (select == null
          || !(select.getLeaf() instanceof MemberSelectTree)
          || !(select.getParentPath().getLeaf() instanceof MethodInvocationTree link)) {
        return top;
      }
      Symbol method = getSymbol(link);
      if (method == null
          || AWAITS.contains(method.getSimpleName().toString())
          || !Resources.isCompletionStage(method.owner.type)) {
        return top;
      }
      top = select.getParentPath();
    }
  }

  /** Whether the chain starting at {@code path} ends in a wait: {@code runAsync(a).join()}. */
  public static boolean chainAwaits(TreePath path) {
    TreePath top = chainTop(path);
    TreePath select = top.getParentPath();
    return select != null
        && select.getLeaf() instanceof MemberSelectTree member
        && select.getParentPath().getLeaf() instanceof MethodInvocationTree
        && AWAITS.contains(member.getIdentifier().toString());
  }
}
