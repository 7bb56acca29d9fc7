package io.github.daemonguard.analysis;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.util.TreePathScanner;

/**
 * Scans a method's own code: not the lambdas and classes nested in it, whose code runs who knows
 * when (a close or an await there is not the method's).
 */
abstract class OwnCodeScanner extends TreePathScanner<Void, Void> {
  @Override
  public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
    return null;
  }

  @Override
  public Void visitClass(ClassTree tree, Void unused) {
    return null;
  }
}
