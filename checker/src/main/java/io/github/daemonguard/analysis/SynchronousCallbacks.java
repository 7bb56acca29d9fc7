package io.github.daemonguard.analysis;

import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.getType;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import org.jspecify.annotations.Nullable;

/**
 * Lambdas run synchronously during the call that receives them: {@code Iterable.forEach}, {@code
 * Map.forEach}, and the operations of a stream (which run when its terminal operation does). Such a
 * lambda is part of the launching code: a launch inside it launches on the executor it captures,
 * and a wait inside it is the launcher's wait.
 */
public final class SynchronousCallbacks {
  private SynchronousCallbacks() {}

  /** Whether the lambda at {@code lambda} runs during the call it is handed to. */
  public static boolean isSynchronous(TreePath lambda, VisitorState state) {
    if (!(lambda.getLeaf() instanceof LambdaExpressionTree)
        || !(lambda.getParentPath().getLeaf() instanceof MethodInvocationTree call)
        || !call.getArguments().contains(lambda.getLeaf())
        || !(call.getMethodSelect() instanceof MemberSelectTree select)) {
      return false;
    }
    Tree receiver = getReceiver(call);
    if (receiver == null) {
      return false;
    }
    String name = select.getIdentifier().toString();
    if (name.equals("forEach")
        && (Resources.isSubtype(getType(receiver), "java.lang.Iterable", state)
            || Resources.isSubtype(getType(receiver), "java.util.Map", state))) {
      return true;
    }
    return Resources.isSubtype(getType(receiver), "java.util.stream.BaseStream", state);
  }

  /**
   * The innermost code unit enclosing {@code path} whose code runs when the launching code does: as
   * {@link Trees#enclosingCodeUnit}, but looking through synchronous callbacks.
   */
  @Nullable
  public static TreePath launchingUnit(TreePath path, VisitorState state) {
    TreePath unit = Trees.enclosingCodeUnit(path);
    while (unit != null && isSynchronous(unit, state)) {
      unit = Trees.enclosingCodeUnit(unit.getParentPath());
    }
    return unit;
  }
}
