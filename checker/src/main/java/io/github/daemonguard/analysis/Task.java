package io.github.daemonguard.analysis;

import com.google.common.collect.ImmutableList;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.Tree;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Code that runs on another thread.
 *
 * @param origin the expression that denotes the task at its launch (a lambda, a method reference, a
 *     {@code new} expression), used to place and phrase fixes
 * @param bodies the trees whose code runs on the task's thread: a lambda body, a method body, a
 *     class body
 * @param handedIn expressions handed to the task from outside, e.g. a task class's constructor
 *     arguments or a method reference's receiver
 */
public record Task(
    ExpressionTree origin, ImmutableList<Tree> bodies, ImmutableList<ExpressionTree> handedIn) {
  // Written out: a record's generated equals/hashCode bootstrap method handles on first use,
  // a fixed cost paid by every compilation.
  @Override
  public boolean equals(@Nullable Object object) {
    return object instanceof Task other
        && Objects.equals(origin, other.origin)
        && Objects.equals(bodies, other.bodies)
        && Objects.equals(handedIn, other.handedIn);
  }

  @Override
  public int hashCode() {
    return Objects.hash(origin, bodies, handedIn);
  }
}
