package io.github.daemonguard.analysis;

import static com.google.errorprone.util.ASTHelpers.getSymbol;
import static com.google.errorprone.util.ASTHelpers.stripParentheses;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import org.jspecify.annotations.Nullable;

/** Finds the task behind an expression handed to a launch. */
public final class Tasks {
  private Tasks() {}

  /**
   * The task that {@code expression} denotes, or null when it cannot be seen (a parameter, a field,
   * a call's result, a class compiled elsewhere): no finding is better than a guess.
   */
  @Nullable
  public static Task resolve(
      @Nullable ExpressionTree expression,
      @Nullable MethodTree enclosingMethod,
      VisitorState state) {
    if (expression == null) {
      return null;
    }
    ExpressionTree task = stripParentheses(expression);
    if (task instanceof LambdaExpressionTree lambda) {
      return new Task(task, ImmutableList.of(lambda.getBody()), ImmutableList.of());
    }
    if (task instanceof MemberReferenceTree reference) {
      MethodTree method = Declarations.of(state).method(getSymbol(reference));
      if (method == null || method.getBody() == null) {
        return null;
      }
      ImmutableList<ExpressionTree> handedIn =
          isValue(reference.getQualifierExpression())
              ? ImmutableList.of(reference.getQualifierExpression())
              : ImmutableList.of();
      return new Task(task, ImmutableList.of(method), handedIn);
    }
    if (task instanceof NewClassTree newClass) {
      ImmutableList<ExpressionTree> arguments = ImmutableList.copyOf(newClass.getArguments());
      if (newClass.getClassBody() != null) {
        return new Task(task, ImmutableList.of(newClass.getClassBody()), arguments);
      }
      MethodTree run = runMethod(Declarations.of(state).type(getSymbol(newClass.getIdentifier())));
      return run == null ? null : new Task(task, ImmutableList.of(run), arguments);
    }
    if (task instanceof IdentifierTree && enclosingMethod != null) {
      Symbol symbol = getSymbol(task);
      if (symbol instanceof VarSymbol && symbol.getKind() == ElementKind.LOCAL_VARIABLE) {
        VariableTree declaration = Trees.localDeclaration(enclosingMethod, symbol, state);
        if (declaration != null
            && declaration.getInitializer() != null
            && ASTHelpers.isConsideredFinal(symbol)
            && !(stripParentheses(declaration.getInitializer()) instanceof IdentifierTree)) {
          return resolve(declaration.getInitializer(), enclosingMethod, state);
        }
      }
    }
    return null;
  }

  /** Blocking calls through which a task may wait for its launcher to hand it something. */
  private static final com.google.common.collect.ImmutableSet<String> WAITING_CALLS =
      com.google.common.collect.ImmutableSet.of(
          "take",
          "poll",
          "await",
          "acquire",
          "exchange",
          "read",
          "readLine",
          "readAllBytes",
          "readNBytes",
          "transferTo",
          "accept",
          "receive",
          "wait",
          "join",
          "get");

  /**
   * Whether {@code task} blocks on something declared outside it (a queue, a latch, a pipe, a
   * socket): its launcher may be what unblocks it, so waiting for it on a path that skips the
   * launcher's part can hang.
   */
  public static boolean waitsForLauncher(@Nullable Task task, VisitorState state) {
    if (task == null) {
      return false;
    }
    java.util.Set<Symbol> declaredInside = new java.util.HashSet<>();
    boolean[] waits = new boolean[1];
    for (Tree body : task.bodies()) {
      new com.sun.source.util.TreeScanner<Void, Void>() {
        @Override
        public Void visitVariable(VariableTree tree, Void unused) {
          declaredInside.add(getSymbol(tree));
          return super.visitVariable(tree, null);
        }

        @Override
        public Void visitMethodInvocation(
            com.sun.source.tree.MethodInvocationTree tree, Void unused) {
          Symbol method = getSymbol(tree);
          Symbol receiver = getSymbol(ASTHelpers.getReceiver(tree));
          if (method != null
              && WAITING_CALLS.contains(method.getSimpleName().toString())
              && receiver instanceof VarSymbol
              && !declaredInside.contains(receiver)) {
            waits[0] = true;
          }
          return super.visitMethodInvocation(tree, null);
        }
      }.scan(body, null);
    }
    return waits[0];
  }

  /** The {@code run()} or {@code call()} method a task class declares, or null. */
  @Nullable
  public static MethodTree runMethod(@Nullable ClassTree type) {
    if (type == null) {
      return null;
    }
    for (Tree member : type.getMembers()) {
      if (member instanceof MethodTree method
          && method.getParameters().isEmpty()
          && method.getBody() != null
          && !method.getModifiers().getFlags().contains(Modifier.STATIC)
          && (method.getName().contentEquals("run") || method.getName().contentEquals("call"))) {
        return method;
      }
    }
    return null;
  }

  /** Whether a method reference's qualifier is a value (not a type name). */
  private static boolean isValue(ExpressionTree qualifier) {
    Symbol symbol = getSymbol(qualifier);
    return !(symbol instanceof ClassSymbol);
  }
}
