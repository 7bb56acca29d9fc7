package io.github.daemonguard.analysis;

import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.getSymbol;
import static com.google.errorprone.util.ASTHelpers.stripParentheses;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Loops a task never leaves on its own: {@code while (true)}, {@code for (;;)}, a loop on "not
 * interrupted", or on a flag nothing ever clears. Joining such a task hangs.
 */
public final class EndlessLoops {
  private EndlessLoops() {}

  /**
   * A loop that only an interrupt, an error or an outside signal ends.
   *
   * @param loop the loop statement
   * @param take where the loop takes its next item from a queue, or null when it is no consumer
   * @param flag the boolean (or {@code AtomicBoolean}) the loop runs on, when it runs on one
   */
  public record EndlessLoop(StatementTree loop, @Nullable QueueTake take, @Nullable Symbol flag) {}

  /**
   * A consumer's {@code T item = queue.take();} (or {@code poll(..)}), directly in the loop's body.
   *
   * @param statement the statement that takes
   * @param item the variable the item goes into
   * @param queue the queue's variable or field
   * @param body the loop's body, which holds {@code statement}
   */
  public record QueueTake(
      StatementTree statement, VarSymbol item, VarSymbol queue, BlockTree body) {}

  /** Calls that block on a resource until data arrives or the resource is closed. */
  private static final com.google.common.collect.ImmutableSet<String> BLOCKING_CALLS =
      com.google.common.collect.ImmutableSet.of(
          "accept",
          "read",
          "readLine",
          "readAllBytes",
          "readNBytes",
          "receive",
          "take",
          "poll",
          "select",
          "readObject",
          "readUTF",
          "readInt",
          "readLong");

  /** The flag a loop condition tests ({@code running}, {@code running.get()}), or null. */
  @Nullable
  private static Symbol flag(@Nullable ExpressionTree condition) {
    if (condition == null) {
      return null;
    }
    ExpressionTree c = stripParentheses(condition);
    if (c instanceof MethodInvocationTree call && call.getArguments().isEmpty()) {
      c = getReceiver(call);
    }
    Symbol symbol = c == null ? null : getSymbol(c);
    return symbol instanceof VarSymbol ? symbol : null;
  }

  /**
   * Whether {@code method} clears {@code flag}: assigns it {@code false}, or calls {@code
   * flag.set(false)}.
   */
  public static boolean clears(Tree method, Symbol flag) {
    boolean[] cleared = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitAssignment(AssignmentTree tree, Void unused) {
        cleared[0] |=
            getSymbol(tree.getVariable()) == flag
                && stripParentheses(tree.getExpression()) instanceof LiteralTree literal
                && Boolean.FALSE.equals(literal.getValue());
        return super.visitAssignment(tree, null);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
        cleared[0] |=
            getSymbol(getReceiver(tree)) == flag
                && getSymbol(tree) != null
                && getSymbol(tree).getSimpleName().contentEquals("set")
                && tree.getArguments().size() == 1
                && stripParentheses(tree.getArguments().get(0)) instanceof LiteralTree literal
                && Boolean.FALSE.equals(literal.getValue());
        return super.visitMethodInvocation(tree, null);
      }
    }.scan(method, null);
    return cleared[0];
  }

  /** Whether {@code task}'s code makes a blocking call on {@code resource}. */
  public static boolean blocksOn(Task task, Symbol resource) {
    boolean[] found = new boolean[1];
    for (Tree body : task.bodies()) {
      new TreeScanner<Void, Void>() {
        @Override
        public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
          Symbol method = getSymbol(tree);
          if (method != null
              && BLOCKING_CALLS.contains(method.getSimpleName().toString())
              && getSymbol(getReceiver(tree)) == resource) {
            found[0] = true;
          }
          return super.visitMethodInvocation(tree, null);
        }
      }.scan(body, null);
    }
    return found[0];
  }

  /** The first endless loop in {@code task}'s own code, or null. */
  @Nullable
  public static EndlessLoop in(Task task, VisitorState state) {
    return in(task.bodies(), state);
  }

  /**
   * The first endless loop in {@code bodies}' own code (not nested lambdas or classes), or null.
   */
  @Nullable
  static EndlessLoop in(List<? extends Tree> bodies, VisitorState state) {
    EndlessLoop[] found = new EndlessLoop[1];
    for (Tree body : bodies) {
      new TreeScanner<Void, Void>() {
        @Override
        public Void visitWhileLoop(WhileLoopTree tree, Void unused) {
          check(tree, tree.getCondition(), tree.getStatement());
          return super.visitWhileLoop(tree, null);
        }

        @Override
        public Void visitDoWhileLoop(DoWhileLoopTree tree, Void unused) {
          check(tree, tree.getCondition(), tree.getStatement());
          return super.visitDoWhileLoop(tree, null);
        }

        @Override
        public Void visitForLoop(ForLoopTree tree, Void unused) {
          check(tree, tree.getCondition(), tree.getStatement());
          return super.visitForLoop(tree, null);
        }

        private void check(StatementTree loop, @Nullable ExpressionTree condition, Tree body) {
          if (found[0] == null && neverFalse(condition, state) && !leaves(loop, body)) {
            found[0] = new EndlessLoop(loop, take(body, state), flag(condition));
          }
        }

        @Override
        public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
          return body == tree.getBody() ? super.visitLambdaExpression(tree, null) : null;
        }

        @Override
        public Void visitClass(ClassTree tree, Void unused) {
          return body == tree ? super.visitClass(tree, null) : null;
        }
      }.scan(body, null);
    }
    return found[0];
  }

  /**
   * Whether a loop condition stays true until an interrupt or an outside signal: absent, {@code
   * true}, {@code !Thread.currentThread().isInterrupted()}, or a boolean flag.
   */
  private static boolean neverFalse(@Nullable ExpressionTree condition, VisitorState state) {
    if (condition == null) {
      return true;
    }
    ExpressionTree c = stripParentheses(condition);
    if (c instanceof LiteralTree literal) {
      return Boolean.TRUE.equals(literal.getValue());
    }
    if (c instanceof UnaryTree not && c.getKind() == Tree.Kind.LOGICAL_COMPLEMENT) {
      ExpressionTree operand = stripParentheses(not.getExpression());
      Symbol method = operand instanceof MethodInvocationTree call ? getSymbol(call) : null;
      // Runs until interrupted, or until someone closes the resource it serves.
      return method != null
          && (method.getSimpleName().contentEquals("isInterrupted")
              || method.getSimpleName().contentEquals("interrupted")
              || method.getSimpleName().contentEquals("isClosed")
              || method.getSimpleName().contentEquals("isShutdown"));
    }
    // A loop on a flag ends only once someone clears it: a join placed before that hangs.
    if (c instanceof IdentifierTree || c instanceof MemberSelectTree) {
      Symbol flag = getSymbol(c);
      return flag instanceof VarSymbol && isBoolean(flag.type, state);
    }
    if (c instanceof MethodInvocationTree call
        && call.getArguments().isEmpty()
        && getSymbol(call) != null
        && getSymbol(call).getSimpleName().contentEquals("get")) {
      return Resources.isSubtype(
          ASTHelpers.getType(getReceiver(call)),
          "java.util.concurrent.atomic.AtomicBoolean",
          state);
    }
    return false;
  }

  private static boolean isBoolean(com.sun.tools.javac.code.Type type, VisitorState state) {
    return type.getKind() == javax.lang.model.type.TypeKind.BOOLEAN
        || Resources.isSubtype(type, "java.lang.Boolean", state);
  }

  /**
   * Whether the loop's body can leave it in normal operation: a {@code break} that targets it, or a
   * {@code return} outside any {@code catch} (a return on interrupt or error needs those first).
   */
  private static boolean leaves(StatementTree loop, Tree body) {
    boolean[] leaves = new boolean[1];
    new TreeScanner<Void, Void>() {
      private int nestedBreakTargets;
      private int catches;

      @Override
      public Void visitBreak(BreakTree tree, Void unused) {
        leaves[0] |= tree.getLabel() != null || nestedBreakTargets == 0;
        return null;
      }

      @Override
      public Void visitReturn(ReturnTree tree, Void unused) {
        leaves[0] |= catches == 0;
        return null;
      }

      @Override
      public Void visitCatch(CatchTree tree, Void unused) {
        catches++;
        super.visitCatch(tree, null);
        catches--;
        return null;
      }

      @Override
      public Void visitWhileLoop(WhileLoopTree tree, Void unused) {
        return nested(() -> super.visitWhileLoop(tree, null));
      }

      @Override
      public Void visitDoWhileLoop(DoWhileLoopTree tree, Void unused) {
        return nested(() -> super.visitDoWhileLoop(tree, null));
      }

      @Override
      public Void visitForLoop(ForLoopTree tree, Void unused) {
        return nested(() -> super.visitForLoop(tree, null));
      }

      @Override
      public Void visitEnhancedForLoop(EnhancedForLoopTree tree, Void unused) {
        return nested(() -> super.visitEnhancedForLoop(tree, null));
      }

      @Override
      public Void visitSwitch(SwitchTree tree, Void unused) {
        return nested(() -> super.visitSwitch(tree, null));
      }

      @Override
      public Void visitLabeledStatement(LabeledStatementTree tree, Void unused) {
        return super.visitLabeledStatement(tree, null);
      }

      private Void nested(java.util.function.Supplier<Void> scan) {
        nestedBreakTargets++;
        scan.get();
        nestedBreakTargets--;
        return null;
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
        return null;
      }

      @Override
      public Void visitClass(ClassTree tree, Void unused) {
        return null;
      }
    }.scan(body, null);
    return leaves[0];
  }

  /** The consumer's take, directly in the loop's body block, or null. */
  @Nullable
  private static QueueTake take(Tree body, VisitorState state) {
    if (!(body instanceof BlockTree block)) {
      return null;
    }
    for (StatementTree statement : block.getStatements()) {
      ExpressionTree value = null;
      Symbol item = null;
      if (statement instanceof VariableTree variable) {
        value = variable.getInitializer();
        item = getSymbol(variable);
      } else if (statement instanceof ExpressionStatementTree expression
          && expression.getExpression() instanceof AssignmentTree assignment) {
        value = assignment.getExpression();
        item = getSymbol(assignment.getVariable());
      }
      if (value != null
          && item instanceof VarSymbol itemVariable
          && stripParentheses(value) instanceof MethodInvocationTree call
          && getSymbol(call) != null
          && (getSymbol(call).getSimpleName().contentEquals("take")
              || getSymbol(call).getSimpleName().contentEquals("poll"))
          && getSymbol(getReceiver(call)) instanceof VarSymbol queue
          && Resources.isSubtype(
              ASTHelpers.getType(getReceiver(call)), "java.util.concurrent.BlockingQueue", state)) {
        return new QueueTake(statement, itemVariable, queue, block);
      }
    }
    return null;
  }
}
