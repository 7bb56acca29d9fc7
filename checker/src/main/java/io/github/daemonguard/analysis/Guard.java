package io.github.daemonguard.analysis;

import com.google.errorprone.matchers.Description;
import java.util.function.Supplier;

/**
 * Keeps a check from crashing the compiler on a tree it does not model: the check skips it and
 * reports nothing. With {@code -Ddaemonguard.strict=true} (set in our own tests) the failure
 * propagates instead, so tests and the corpus audit still see it.
 */
public final class Guard {
  private Guard() {}

  private static final boolean STRICT = Boolean.getBoolean("daemonguard.strict");

  /** The description {@code match} computes, or no match when it fails unexpectedly. */
  public static Description safely(Supplier<Description> match) {
    try {
      return match.get();
    } catch (RuntimeException | StackOverflowError unexpected) {
      if (STRICT) {
        throw unexpected;
      }
      return Description.NO_MATCH;
    }
  }
}
