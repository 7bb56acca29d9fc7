package io.github.daemonguard.analysis;

import static com.google.errorprone.util.ASTHelpers.getSymbol;

import com.google.common.collect.ImmutableSet;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.tools.javac.code.Symbol;

/**
 * The one vocabulary of waiting, shared by the thread/future engine ({@link Fates}) and the
 * executor engine ({@link ExecutorUses}), so that both answer each question the same way.
 *
 * <ul>
 *   <li>{@code join()}/{@code get()}, timed or not, wait for a thread or future: a timed wait's
 *       bound is its author's choice.
 *   <li>{@code allOf(..)} is followed to its own await; {@code anyOf(..)} awaits none of its
 *       futures and lets none escape.
 *   <li>{@code forEach}, {@code stream()} and {@code toArray()} on a collection of handles run over
 *       every element synchronously and count as awaiting them (lenient: what the stream does is
 *       not inspected).
 *   <li>{@code System.exit}, {@code Runtime.exit} and {@code Runtime.halt} end the JVM.
 * </ul>
 */
public final class Awaits {
  private Awaits() {}

  /** Calls on a thread or future that return only once its task is done (or throw). */
  private static final ImmutableSet<String> HANDLE_WAITS = ImmutableSet.of("join", "get");

  /** Collection operations that visit every element of a collection of handles. */
  private static final ImmutableSet<String> ELEMENT_OPERATIONS =
      ImmutableSet.of("forEach", "stream", "toArray");

  /** Whether calling {@code name} on a thread or future waits for its task. */
  public static boolean waitsForHandle(String name) {
    return HANDLE_WAITS.contains(name);
  }

  /** Whether calling {@code name} on a collection of handles visits every element. */
  public static boolean visitsElements(String name) {
    return ELEMENT_OPERATIONS.contains(name);
  }

  /** Whether {@code name} combines futures so that awaiting the result awaits them all. */
  public static boolean combinesAll(String name) {
    return name.equals("allOf");
  }

  /** Whether {@code name} combines futures so that awaiting the result awaits only one. */
  public static boolean combinesAny(String name) {
    return name.equals("anyOf");
  }

  /** {@code System.exit(..)}, {@code Runtime.getRuntime().exit(..)} or {@code .halt(..)}. */
  public static boolean isExit(MethodInvocationTree call) {
    Symbol method = getSymbol(call);
    if (method == null || method.owner == null) {
      return false;
    }
    String owner = method.owner.getQualifiedName().toString();
    String name = method.getSimpleName().toString();
    return (owner.equals("java.lang.System") && name.equals("exit"))
        || (owner.equals("java.lang.Runtime") && (name.equals("exit") || name.equals("halt")));
  }
}
