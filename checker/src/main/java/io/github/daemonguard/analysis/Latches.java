package io.github.daemonguard.analysis;

import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import java.util.HashSet;
import java.util.Set;

/**
 * A launcher that waits on a {@code CountDownLatch} its task counts down: the wait ends only once
 * the task has got that far, so it counts as waiting for the task.
 */
public final class Latches {
  private Latches() {}

  private static final String LATCH = "java.util.concurrent.CountDownLatch";

  /**
   * The key ({@link CloseOrder}) of the first wait in {@code scope}, after the launch at {@code
   * launch}, on a latch that {@code task} counts down; {@link CloseOrder#NEVER} if there is none.
   * An untimed {@code await()} counts, and so does a timed one, checked or not: its bound is its
   * author's choice. Waits inside lambdas or classes nested in {@code scope} do not count.
   */
  public static long awaitAfter(Task task, TreePath launch, TreePath scope, VisitorState state) {
    Set<Symbol> latches = new HashSet<>();
    for (Tree body : task.bodies()) {
      new TreeScanner<Void, Void>() {
        @Override
        public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
          Symbol method = getSymbol(call);
          if (method != null
              && method.getSimpleName().contentEquals("countDown")
              && method.owner != null
              && method.owner.getQualifiedName().contentEquals(LATCH)) {
            Symbol latch = getSymbol(getReceiver(call));
            if (latch != null) {
              latches.add(latch);
            }
          }
          return super.visitMethodInvocation(call, null);
        }
      }.scan(body, null);
    }
    if (latches.isEmpty()) {
      return CloseOrder.NEVER;
    }
    long after = CloseOrder.at(launch.getLeaf());
    long[] first = {CloseOrder.NEVER};
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        Symbol method = getSymbol(call);
        long key = CloseOrder.at(call);
        if (method != null
            && method.getSimpleName().contentEquals("await")
            && latches.contains(getSymbol(getReceiver(call)))
            && key > after
            && key < first[0]) {
          first[0] = key;
        }
        return super.visitMethodInvocation(call, null);
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
        return tree == scope.getLeaf() ? super.visitLambdaExpression(tree, null) : null;
      }

      @Override
      public Void visitClass(ClassTree tree, Void unused) {
        return tree == scope.getLeaf() ? super.visitClass(tree, null) : null;
      }
    }.scan(scope, null);
    return first[0];
  }
}
