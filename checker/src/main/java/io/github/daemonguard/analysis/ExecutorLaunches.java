package io.github.daemonguard.analysis;

import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.getSymbol;
import static com.google.errorprone.util.ASTHelpers.stripParentheses;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Recognizes the calls that hand a task to an executor: {@code execute}, {@code submit}, {@code
 * invokeAny}, {@code schedule*}, and {@code CompletableFuture}'s {@code runAsync}/{@code
 * supplyAsync} and {@code *Async} continuations given an executor.
 */
public final class ExecutorLaunches {
  private ExecutorLaunches() {}

  /**
   * One call that hands tasks to an executor.
   *
   * @param call the launching invocation
   * @param executor the expression denoting the executor (the receiver, or the executor argument)
   * @param tasks the expressions denoting the tasks handed over (usually one)
   */
  public record ExecutorLaunch(
      MethodInvocationTree call, ExpressionTree executor, ImmutableList<ExpressionTree> tasks) {
    // Written out: a record's generated equals/hashCode bootstrap method handles on first use,
    // a fixed cost paid by every compilation.
    @Override
    public boolean equals(@Nullable Object object) {
      return object instanceof ExecutorLaunch other
          && Objects.equals(call, other.call)
          && Objects.equals(executor, other.executor)
          && Objects.equals(tasks, other.tasks);
    }

    @Override
    public int hashCode() {
      return Objects.hash(call, executor, tasks);
    }
  }

  /** The executor launch {@code call} performs, or null when it is none. */
  @Nullable
  public static ExecutorLaunch of(MethodInvocationTree call, VisitorState state) {
    if (LaunchSites.kind(call, state) != LaunchSites.Kind.EXECUTOR_TASK) {
      return null;
    }
    MethodSymbol method = getSymbol(call);
    List<? extends ExpressionTree> arguments = call.getArguments();
    if (!LaunchSites.isAsyncCall(call, state)) {
      ExpressionTree receiver = getReceiver(call);
      // execute(task) inside an executor's own class: the executor is `this`, owned elsewhere.
      return receiver == null
          ? null
          : new ExecutorLaunch(
              call,
              stripParentheses(receiver),
              tasks(method.getSimpleName().toString(), arguments));
    }
    // The task is the argument just before the executor: runAsync(task, ex),
    // thenApplyAsync(fn, ex), thenCombineAsync(other, fn, ex), whenCompleteAsync(action, ex).
    ExpressionTree executor = arguments.get(arguments.size() - 1);
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
    if (first instanceof MethodInvocationTree list && isListOf(list)) {
      return ImmutableList.copyOf(list.getArguments());
    }
    return ImmutableList.of(first);
  }

  /** {@code List.of(..)} or {@code Arrays.asList(..)}. */
  private static boolean isListOf(MethodInvocationTree call) {
    Symbol method = getSymbol(call);
    return method != null
        && (method.getSimpleName().contentEquals("of")
            || method.getSimpleName().contentEquals("asList"));
  }
}
