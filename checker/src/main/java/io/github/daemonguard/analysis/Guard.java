package io.github.daemonguard.analysis;

import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Description;
import java.util.function.Supplier;

/**
 * Keeps a check from crashing the compiler on a tree it does not model: the check skips it and
 * reports nothing. With {@code -XepOpt:DaemonGuard:Strict=true} (set in our own tests and the
 * corpus audit) the failure propagates instead, so they still see it.
 */
public final class Guard {
  private Guard() {}

  /** The description {@code match} computes, or no match when it fails unexpectedly. */
  public static Description safely(VisitorState state, Supplier<Description> match) {
    try {
      return match.get();
    } catch (RuntimeException | StackOverflowError unexpected) {
      if (AnalysisContext.of(state).config().strict()) {
        throw unexpected;
      }
      return Description.NO_MATCH;
    }
  }
}
