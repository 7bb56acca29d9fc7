package io.github.daemonguard.analysis;

import com.sun.tools.javac.code.Symbol;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Suppression on the variable that holds a thread or executor.
 *
 * <p>{@code @SuppressWarnings} cannot sit on a statement, and findings are reported at the launch
 * statement; so a suppression on the declaration of the launched thread's or executor's variable
 * counts too.
 */
public final class Suppressions {
  private Suppressions() {}

  /** Whether {@code variable}'s declaration carries {@code @SuppressWarnings(checkName)}. */
  public static boolean onVariable(@Nullable Symbol variable, String checkName) {
    if (variable == null) {
      return false;
    }
    SuppressWarnings suppression = variable.getAnnotation(SuppressWarnings.class);
    return suppression != null
        && Arrays.stream(suppression.value())
            .anyMatch(value -> value.equals(checkName) || value.equals("all"));
  }
}
