package io.github.daemonguard.analysis;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.tree.YieldTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.tree.JCTree;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The answers {@link NormalPaths} can give without a control-flow graph: in structured code, a
 * statement that follows another in the same block, with no jump in between, is on every normal
 * path that leaves the first one. Most correct code waits that way ({@code t.start(); … t.join();},
 * or the join in a {@code finally}), and building a graph costs far more than reading a block. Only
 * "no such path" is answered here, and only when the graph could not say otherwise; everything else
 * is left to the graph.
 */
final class StraightLines {
  private StraightLines() {}

  /**
   * Whether every normal path from {@code from} to the regular exit of {@code codeUnit} certainly
   * passes one of {@code avoid}: one of them is evaluated, unconditionally, by a statement that
   * follows {@code from} on straight-line code.
   */
  static boolean everyPathToExitPasses(
      TreePath codeUnit, Tree from, Collection<? extends Tree> avoid) {
    TreePath path = pathWithin(codeUnit, from);
    if (path == null) {
      return false;
    }
    Set<Tree> stops = identitySet(avoid);
    for (TreePath at = path; at.getParentPath() != null; at = at.getParentPath()) {
      Tree parent = at.getParentPath().getLeaf();
      Tree child = at.getLeaf();
      boolean unitTop = parent == codeUnit.getLeaf();
      if (!unitTop && isBoundary(parent)) {
        return false;
      }
      if (!(child instanceof StatementTree statement)) {
        if (unitTop) {
          return false;
        }
        continue;
      }
      // Control leaves this statement only by completing it (or by a jump, ruled out here).
      if (mayJumpOut(statement)) {
        return false;
      }
      if (parent instanceof BlockTree block) {
        List<? extends StatementTree> statements = block.getStatements();
        Run run = run(statements, statements.indexOf(statement) + 1, stops);
        if (run != Run.FALLS_THROUGH) {
          return run == Run.PASSES;
        }
        if (at.getParentPath().getParentPath() != null
            && at.getParentPath().getParentPath().getLeaf() instanceof TryTree tryTree
            && tryTree.getBlock() == block
            && tryTree.getFinallyBlock() != null
            && startsWith(tryTree.getFinallyBlock(), stops)) {
          return true;
        }
      } else if (!isSequential(parent)) {
        return false;
      }
      if (unitTop) {
        return false;
      }
    }
    return false;
  }

  /**
   * Whether every normal path from the entry of {@code codeUnit} to {@code target} certainly passes
   * one of {@code avoid}: a statement before the one holding {@code target}, in a block that holds
   * it, evaluates one of them unconditionally (in structured code a block is entered only at its
   * start, so every path to a statement runs through the ones before it).
   */
  static boolean everyPathFromEntryPasses(
      TreePath codeUnit, Tree target, Collection<? extends Tree> avoid) {
    TreePath path = pathWithin(codeUnit, target);
    if (path == null) {
      return false;
    }
    Set<Tree> stops = identitySet(avoid);
    for (TreePath at = path; at.getParentPath() != null; at = at.getParentPath()) {
      Tree parent = at.getParentPath().getLeaf();
      if (isBoundary(parent)) {
        return false;
      }
      if (parent instanceof BlockTree block && at.getLeaf() instanceof StatementTree statement) {
        for (StatementTree before : block.getStatements()) {
          if (before == statement) {
            break;
          }
          if (evaluatesFirst(before, stops)) {
            return true;
          }
        }
      }
      if (parent == codeUnit.getLeaf()) {
        return false;
      }
    }
    return false;
  }

  /**
   * Whether {@code tree} is code of {@code codeUnit} itself, not of a lambda or class nested in it
   * (whose code the unit's graph does not hold: a question about it has no answer there).
   */
  static boolean inUnitCode(TreePath codeUnit, Tree tree) {
    TreePath path = pathWithin(codeUnit, tree);
    if (path == null) {
      return false;
    }
    for (TreePath at = path.getParentPath();
        at != null && at.getLeaf() != codeUnit.getLeaf();
        at = at.getParentPath()) {
      if (at.getLeaf() instanceof LambdaExpressionTree || at.getLeaf() instanceof ClassTree) {
        return false;
      }
    }
    return true;
  }

  /** The path of {@code tree} inside {@code codeUnit}, or null when it is not there. */
  @Nullable
  private static TreePath pathWithin(TreePath codeUnit, Tree tree) {
    return TreePath.getPath(codeUnit, tree);
  }

  /** Code that runs elsewhere, or a unit of its own: paths do not continue through it. */
  private static boolean isBoundary(Tree tree) {
    return tree instanceof LambdaExpressionTree
        || tree instanceof ClassTree
        || tree instanceof SwitchExpressionTree
        || tree instanceof MethodTree;
  }

  /**
   * Statements after whose normal completion of a nested statement control continues at the end of
   * the statement itself (or, for a loop, at its condition, and then after the loop).
   */
  private static boolean isSequential(Tree tree) {
    return tree instanceof IfTree
        || tree instanceof WhileLoopTree
        || tree instanceof DoWhileLoopTree
        || tree instanceof ForLoopTree
        || tree instanceof EnhancedForLoopTree
        || tree instanceof SynchronizedTree
        || tree instanceof LabeledStatementTree
        || tree instanceof TryTree
        || tree instanceof BlockTree
        || tree instanceof CatchTree;
  }

  /** Whether {@code block}'s first statements evaluate one of {@code stops} before any jump. */
  private static boolean startsWith(BlockTree block, Set<Tree> stops) {
    return run(block.getStatements(), 0, stops) == Run.PASSES;
  }

  /** How running a block's statements from one of them on meets the stops. */
  private enum Run {
    /** A statement evaluates a stop before any jump. */
    PASSES,
    /** A statement may jump out first. */
    JUMPS,
    /** Neither: control reaches the block's end. */
    FALLS_THROUGH
  }

  private static Run run(List<? extends StatementTree> statements, int start, Set<Tree> stops) {
    for (int i = start; i < statements.size(); i++) {
      StatementTree statement = statements.get(i);
      if (evaluatesFirst(statement, stops)) {
        return Run.PASSES;
      }
      if (mayJumpOut(statement)) {
        return Run.JUMPS;
      }
    }
    return Run.FALLS_THROUGH;
  }

  /**
   * Whether executing {@code statement} always evaluates one of {@code stops}: the statement
   * itself, or a part of its expression, a declared variable's initializer, a returned value or the
   * condition of an {@code if} or {@code while} that is evaluated whenever the statement runs.
   */
  private static boolean evaluatesFirst(StatementTree statement, Set<Tree> stops) {
    if (stops.contains(statement)) {
      return true;
    }
    if (statement instanceof BlockTree block) {
      return startsWith(block, stops);
    }
    if (statement instanceof TryTree tryTree) {
      // The block is always entered; the finally runs on every way out of it, jumps included.
      return startsWith(tryTree.getBlock(), stops)
          || tryTree.getFinallyBlock() != null && startsWith(tryTree.getFinallyBlock(), stops);
    }
    if (statement instanceof SynchronizedTree synchronizedTree) {
      return evaluatesAlways(synchronizedTree.getExpression(), stops)
          || startsWith(synchronizedTree.getBlock(), stops);
    }
    if (statement instanceof LabeledStatementTree labeled) {
      return evaluatesFirst(labeled.getStatement(), stops);
    }
    ExpressionTree expression = null;
    if (statement instanceof ExpressionStatementTree expressionStatement) {
      expression = expressionStatement.getExpression();
    } else if (statement instanceof VariableTree variable) {
      expression = variable.getInitializer();
    } else if (statement instanceof ReturnTree returned) {
      expression = returned.getExpression();
    } else if (statement instanceof IfTree ifTree) {
      expression = ifTree.getCondition();
    } else if (statement instanceof WhileLoopTree loop) {
      expression = loop.getCondition();
    }
    return evaluatesAlways(expression, stops);
  }

  /**
   * Whether evaluating {@code expression} always evaluates one of {@code stops}: it is one, or one
   * is among the parts evaluated every time (not a right operand of {@code &&}/{@code ||}, not a
   * branch of {@code ?:}, not the body of a lambda or class).
   */
  private static boolean evaluatesAlways(@Nullable ExpressionTree expression, Set<Tree> stops) {
    if (expression == null) {
      return false;
    }
    if (stops.contains(expression)) {
      return true;
    }
    if (expression instanceof ParenthesizedTree parenthesized) {
      return evaluatesAlways(parenthesized.getExpression(), stops);
    }
    if (expression instanceof TypeCastTree cast) {
      return evaluatesAlways(cast.getExpression(), stops);
    }
    if (expression instanceof UnaryTree unary) {
      return evaluatesAlways(unary.getExpression(), stops);
    }
    if (expression instanceof MemberSelectTree select) {
      return evaluatesAlways(select.getExpression(), stops);
    }
    if (expression instanceof MethodInvocationTree call) {
      return evaluatesAlways(call.getMethodSelect(), stops)
          || anyAlways(call.getArguments(), stops);
    }
    if (expression instanceof NewClassTree creation) {
      return evaluatesAlways(creation.getEnclosingExpression(), stops)
          || anyAlways(creation.getArguments(), stops);
    }
    if (expression instanceof AssignmentTree assignment) {
      return evaluatesAlways(assignment.getExpression(), stops);
    }
    if (expression instanceof CompoundAssignmentTree assignment) {
      return evaluatesAlways(assignment.getVariable(), stops)
          || evaluatesAlways(assignment.getExpression(), stops);
    }
    if (expression instanceof BinaryTree binary) {
      boolean shortCircuit =
          binary.getKind() == Tree.Kind.CONDITIONAL_AND
              || binary.getKind() == Tree.Kind.CONDITIONAL_OR;
      return evaluatesAlways(binary.getLeftOperand(), stops)
          || !shortCircuit && evaluatesAlways(binary.getRightOperand(), stops);
    }
    if (expression instanceof ConditionalExpressionTree conditional) {
      return evaluatesAlways(conditional.getCondition(), stops);
    }
    if (expression instanceof InstanceOfTree instanceOf) {
      return evaluatesAlways(instanceOf.getExpression(), stops);
    }
    return false;
  }

  private static boolean anyAlways(List<? extends ExpressionTree> expressions, Set<Tree> stops) {
    for (ExpressionTree expression : expressions) {
      if (evaluatesAlways(expression, stops)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code statement} holds a {@code return}, or a {@code break}, {@code continue} or
   * {@code yield} whose target lies outside it (nested lambdas and classes aside).
   */
  private static boolean mayJumpOut(StatementTree statement) {
    Boolean found = new JumpScanner().scan(statement, null);
    return found != null && found;
  }

  /** Finds a jump out of the scanned statement; keeps the statements it is inside. */
  private static final class JumpScanner extends TreeScanner<Boolean, Void> {
    private final Deque<Tree> enclosing = new ArrayDeque<>();

    @Override
    public Boolean scan(@Nullable Tree tree, Void unused) {
      if (tree == null) {
        return false;
      }
      enclosing.push(tree);
      try {
        Boolean found = super.scan(tree, null);
        return found != null && found;
      } finally {
        enclosing.pop();
      }
    }

    @Override
    public Boolean reduce(@Nullable Boolean a, @Nullable Boolean b) {
      return (a != null && a) || (b != null && b);
    }

    @Override
    public Boolean visitReturn(ReturnTree tree, Void unused) {
      return true;
    }

    @Override
    public Boolean visitBreak(BreakTree tree, Void unused) {
      return !targetsInside(((JCTree.JCBreak) tree).target);
    }

    @Override
    public Boolean visitContinue(ContinueTree tree, Void unused) {
      return !targetsInside(((JCTree.JCContinue) tree).target);
    }

    @Override
    public Boolean visitYield(YieldTree tree, Void unused) {
      return !targetsInside(((JCTree.JCYield) tree).target) || super.visitYield(tree, null);
    }

    @Override
    public Boolean visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
      return false;
    }

    @Override
    public Boolean visitClass(ClassTree tree, Void unused) {
      return false;
    }

    private boolean targetsInside(@Nullable JCTree target) {
      if (target == null) {
        return false;
      }
      for (Tree tree : enclosing) {
        if (tree == target) {
          return true;
        }
      }
      return false;
    }
  }

  private static Set<Tree> identitySet(Collection<? extends Tree> trees) {
    Set<Tree> set = Collections.newSetFromMap(new IdentityHashMap<>());
    set.addAll(trees);
    return set;
  }
}
