package io.github.daemonguard.analysis;

import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.getSymbol;
import static com.google.errorprone.util.ASTHelpers.stripParentheses;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Recognizes the calls that hand a task to an executor: {@code execute}, {@code submit}, {@code
 * invokeAny}, {@code schedule*}, and {@code CompletableFuture}'s {@code runAsync}/{@code
 * supplyAsync} and {@code *Async} continuations given an executor.
 */
public final class ExecutorLaunches {
  private ExecutorLaunches() {}

  private static final String EXECUTOR = "java.util.concurrent.Executor";
  private static final String COMPLETABLE_FUTURE = "java.util.concurrent.CompletableFuture";

  /** Launching methods called on the executor itself. */
  private static final ImmutableSet<String> EXECUTOR_METHOD_NAMES =
      ImmutableSet.of(
          "execute",
          "submit",
          "invokeAny",
          "schedule",
          "scheduleAtFixedRate",
          "scheduleWithFixedDelay");

  /**
   * One call that hands tasks to an executor.
   *
   * @param call the launching invocation
   * @param executor the expression denoting the executor (the receiver, or the executor argument)
   * @param tasks the expressions denoting the tasks handed over (usually one)
   */
  public record ExecutorLaunch(
      MethodInvocationTree call, ExpressionTree executor, ImmutableList<ExpressionTree> tasks) {}

  /** Whether {@code call} may hand a task to an executor, judged by its name alone. */
  public static boolean mayLaunch(MethodInvocationTree call) {
    String name = methodName(call);
    return EXECUTOR_METHOD_NAMES.contains(name)
        || (name.endsWith("Async") && call.getArguments().size() >= 2);
  }

  /** The executor launch {@code call} performs, or null when it is none. */
  @Nullable
  public static ExecutorLaunch of(MethodInvocationTree call, VisitorState state) {
    if (!mayLaunch(call)) {
      return null;
    }
    MethodSymbol method = getSymbol(call);
    if (method == null || method.owner == null) {
      return null;
    }
    String name = method.getSimpleName().toString();
    List<? extends ExpressionTree> arguments = call.getArguments();
    if (EXECUTOR_METHOD_NAMES.contains(name)) {
      ExpressionTree receiver = getReceiver(call);
      if (method.isStatic()
          || receiver == null
          || arguments.isEmpty()
          || !Resources.isSubtype(method.owner.type, EXECUTOR, state)) {
        return null;
      }
      return new ExecutorLaunch(call, stripParentheses(receiver), tasks(name, arguments));
    }
    if (!method.owner.getQualifiedName().contentEquals(COMPLETABLE_FUTURE)) {
      return null;
    }
    ExpressionTree executor = arguments.get(arguments.size() - 1);
    if (method.getParameters().isEmpty()
        || !Resources.isSubtype(method.getParameters().last().type, EXECUTOR, state)) {
      return null;
    }
    // The task is the argument just before the executor: runAsync(task, ex),
    // thenApplyAsync(fn, ex), thenCombineAsync(other, fn, ex), whenCompleteAsync(action, ex).
    ExpressionTree task = arguments.get(arguments.size() - 2);
    return new ExecutorLaunch(call, stripParentheses(executor), ImmutableList.of(task));
  }

  /** The tasks among a launching method's arguments. */
  private static ImmutableList<ExpressionTree> tasks(
      String name, List<? extends ExpressionTree> arguments) {
    ExpressionTree first = stripParentheses(arguments.get(0));
    if (!name.equals("invokeAny")) {
      return ImmutableList.of(first);
    }
    // invokeAny(List.of(a, b)) or invokeAny(Arrays.asList(a, b)): the listed tasks.
    if (first instanceof MethodInvocationTree list
        && (methodName(list).equals("of") || methodName(list).equals("asList"))) {
      return ImmutableList.copyOf(list.getArguments());
    }
    return ImmutableList.of(first);
  }

  private static String methodName(MethodInvocationTree call) {
    ExpressionTree select = call.getMethodSelect();
    if (select instanceof MemberSelectTree member) {
      return member.getIdentifier().toString();
    }
    return select instanceof IdentifierTree identifier ? identifier.getName().toString() : "";
  }
}
