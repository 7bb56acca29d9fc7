package io.github.daemonguard.analysis;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one method whose source is in the compilation does in its own body, before following any
 * call: built once per compilation by {@link MethodSummaries}, which follows the calls.
 *
 * @param method the method
 * @param path the method's declaration, in whichever compilation unit declares it
 * @param resourceUses the resources the body captures (receiver and static fields) or opens, as a
 *     task's own code would use them; a parameter is the caller's argument, see {@link
 *     #writtenParameters}
 * @param writtenParameters the indexes of resource parameters the body writes to
 * @param callees the methods the body calls whose source is in the compilation, statically
 *     resolved, in source order: static ones, and instance ones on the same receiver
 * @param foreignCallees the instance methods the body calls on another object
 * @param acts for each slot (a parameter, a field, or {@link Slot#RECEIVER}) what the body does
 *     with the value in it: awaits, signals, shuts down, closes, lets escape
 * @param forwards where the body hands a slot's value to a method of the compilation
 * @param returns the expressions the body returns (not those of nested lambdas and classes)
 * @param loopsForever whether the body runs a loop that only an outside signal ends
 */
public record MethodSummary(
    MethodSymbol method,
    TreePath path,
    ImmutableList<ResourceUse> resourceUses,
    ImmutableSet<Integer> writtenParameters,
    ImmutableList<MethodSymbol> callees,
    ImmutableList<MethodSymbol> foreignCallees,
    ImmutableMap<Object, ImmutableSet<Act>> acts,
    ImmutableList<Forward> forwards,
    ImmutableList<ExpressionTree> returns,
    boolean loopsForever) {

  /** What code does with a thread, future, executor or resource it holds. */
  public enum Act {
    /** Waits for it: {@code join()}, {@code get()}, {@code awaitTermination}, an AwaitMethod. */
    AWAITS,
    /** {@code shutdown()}/{@code shutdownNow()} of an executor (a signal). */
    SHUTS_DOWN,
    /** {@code interrupt()}, {@code cancel()}: a signal, no wait. */
    SIGNALS,
    /** {@code close()} (or a sink's {@code stop()}): for an executor, shutdown and await. */
    CLOSES,
    /** Returns it, stores it, hands it to code whose source the compilation lacks. */
    ESCAPES
  }

  /** The receiver of the summarized method ({@code this}, explicit or implicit, or super). */
  public enum Slot {
    RECEIVER
  }

  /**
   * The body hands the value in {@code slot} to {@code callee}: as its argument at {@code index},
   * or as its receiver when {@code index} is {@link #RECEIVER_INDEX}.
   */
  public record Forward(Object slot, MethodSymbol callee, int index) {}

  /** The index of a {@link Forward} that hands a value as the callee's receiver. */
  public static final int RECEIVER_INDEX = -1;

  /** The slot of {@code method}'s parameter at {@code index} (or its receiver), or null. */
  @Nullable
  static Object slotOf(MethodSymbol method, int index) {
    if (index == RECEIVER_INDEX) {
      return Slot.RECEIVER;
    }
    List<VarSymbol> parameters = method.getParameters();
    if (index < parameters.size()) {
      return parameters.get(index);
    }
    // The further arguments of a varargs call.
    return method.isVarArgs() && !parameters.isEmpty()
        ? parameters.get(parameters.size() - 1)
        : null;
  }
}
