package io.github.daemonguard.analysis;

import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Description;

/**
 * Keeps a check from crashing the compiler on a tree it does not model: the check skips it and
 * reports nothing. With {@code -XepOpt:DaemonGuard:Strict=true} (set in our own tests and the
 * corpus audit) the failure propagates instead, so they still see it.
 *
 * <p>Each check catches {@code RuntimeException | StackOverflowError} around its match and hands
 * the failure here (a try block rather than a function passed in: no lambda to spin up per check in
 * every javac process).
 */
public final class Guard {
  private Guard() {}

  /** What a check returns after {@code unexpected}: no match, or in strict mode the failure. */
  public static Description skip(Throwable unexpected, VisitorState state) {
    if (AnalysisContext.of(state).config().strict()) {
      if (unexpected instanceof RuntimeException failure) {
        throw failure;
      }
      throw (Error) unexpected;
    }
    return Description.NO_MATCH;
  }
}
