package io.github.daemonguard.analysis;

import static com.google.errorprone.util.ASTHelpers.getSymbol;

import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.tools.javac.code.Symbol;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Branch conditions that test only a launched thread or future: {@code t != null}, {@code
 * t.isAlive()}, {@code Thread.currentThread() != t}, {@code f.isDone()}, {@code
 * pool.isTerminated()}, and their combinations with {@code !}, {@code &&} and {@code ||}.
 *
 * <p>After the launch, such a branch does not make an unawaited path: one outcome is impossible
 * (the handle is not null, the launcher is not the launched thread) or says the task is already
 * over ({@code !t.isAlive()}, {@code f.isDone()}).
 */
final class HandleTests {
  private HandleTests() {}

  private static final Set<Boolean> NONE = Set.of();
  private static final Set<Boolean> WHEN_TRUE = Set.of(true);
  private static final Set<Boolean> WHEN_FALSE = Set.of(false);

  /**
   * The outcomes of {@code condition} after which nothing more need be awaited for {@code handle}'s
   * task (it is over) or that cannot happen after its launch; empty for any other condition.
   */
  static Set<Boolean> settledOutcomes(Tree condition, Symbol handle) {
    Tree tree = strip(condition);
    if (tree instanceof UnaryTree not && tree.getKind() == Tree.Kind.LOGICAL_COMPLEMENT) {
      Set<Boolean> inner = settledOutcomes(not.getExpression(), handle);
      Set<Boolean> flipped = new HashSet<>();
      for (Boolean outcome : inner) {
        flipped.add(!outcome);
      }
      return flipped;
    }
    if (tree instanceof BinaryTree binary) {
      switch (tree.getKind()) {
        case CONDITIONAL_AND -> {
          Set<Boolean> left = settledOutcomes(binary.getLeftOperand(), handle);
          Set<Boolean> right = settledOutcomes(binary.getRightOperand(), handle);
          Set<Boolean> done = new HashSet<>();
          // true: both were true. false: the left was false, or the left true and the right false.
          if (left.contains(true) || right.contains(true)) {
            done.add(true);
          }
          if (left.contains(false) && (left.contains(true) || right.contains(false))) {
            done.add(false);
          }
          return done;
        }
        case CONDITIONAL_OR -> {
          Set<Boolean> left = settledOutcomes(binary.getLeftOperand(), handle);
          Set<Boolean> right = settledOutcomes(binary.getRightOperand(), handle);
          Set<Boolean> done = new HashSet<>();
          // false: both were false. true: the left was true, or the left false and the right true.
          if (left.contains(false) || right.contains(false)) {
            done.add(false);
          }
          if (left.contains(true) && (left.contains(false) || right.contains(true))) {
            done.add(true);
          }
          return done;
        }
        case EQUAL_TO, NOT_EQUAL_TO -> {
          // t == null and Thread.currentThread() == t cannot hold after the launch.
          boolean impossibleWhenEqual =
              isHandleAgainst(binary.getLeftOperand(), binary.getRightOperand(), handle)
                  || isHandleAgainst(binary.getRightOperand(), binary.getLeftOperand(), handle);
          if (!impossibleWhenEqual) {
            return NONE;
          }
          return tree.getKind() == Tree.Kind.EQUAL_TO ? WHEN_TRUE : WHEN_FALSE;
        }
        default -> {
          return NONE;
        }
      }
    }
    if (tree instanceof MethodInvocationTree call
        && call.getArguments().isEmpty()
        && call.getMethodSelect() instanceof MemberSelectTree select
        && refersTo(select.getExpression(), handle)) {
      String name = select.getIdentifier().toString();
      if (name.equals("isAlive")) {
        return WHEN_FALSE;
      }
      if (name.equals("isDone") || name.equals("isTerminated")) {
        // Nothing left to wait for once it is done (a future) or terminated (an executor).
        return WHEN_TRUE;
      }
    }
    return NONE;
  }

  /** {@code handle} compared with {@code null} or with {@code Thread.currentThread()}. */
  private static boolean isHandleAgainst(ExpressionTree mine, ExpressionTree other, Symbol handle) {
    if (!refersTo(mine, handle)) {
      return false;
    }
    Tree against = strip(other);
    if (against.getKind() == Tree.Kind.NULL_LITERAL) {
      return true;
    }
    if (against instanceof MethodInvocationTree call && call.getArguments().isEmpty()) {
      Symbol method = getSymbol(call);
      return method != null
          && method.getSimpleName().contentEquals("currentThread")
          && method.owner.getQualifiedName().contentEquals("java.lang.Thread");
    }
    return false;
  }

  private static boolean refersTo(@Nullable Tree tree, Symbol handle) {
    return tree != null && getSymbol(strip(tree)) == handle;
  }

  private static Tree strip(Tree tree) {
    Tree current = tree;
    while (current instanceof ParenthesizedTree parenthesized) {
      current = parenthesized.getExpression();
    }
    return current;
  }
}
