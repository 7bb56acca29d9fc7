package io.github.daemonguard.analysis;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.sun.source.tree.MethodInvocationTree;
import org.jspecify.annotations.Nullable;

/**
 * What the checks need to know about one thread launch, computed once: the launch, the resources
 * its task uses, where the launcher waits for it, and which resource (if any) the launcher closes
 * before waiting.
 *
 * <p>This is also where the checks' precedence lives: a launch whose resource is closed before the
 * await belongs to {@code TaskOutlivesResource}, whatever else is true of it.
 */
public record LaunchFacts(
    Launch launch,
    ImmutableList<ResourceUse> uses,
    ImmutableList<Integer> awaitPositions,
    @Nullable ResourceUse closedBeforeAwait) {

  /** The facts of the thread launch {@code call}, or null when it is none or its task is unseen. */
  @Nullable
  public static LaunchFacts of(MethodInvocationTree call, VisitorState state) {
    if (!Launches.mayLaunch(call)) {
      return null;
    }
    Launch launch = Launches.of(call, state);
    if (launch == null || launch.task() == null) {
      return null;
    }
    ImmutableList<ResourceUse> uses = ResourceScanner.usesOf(launch.task(), state);
    if (uses.isEmpty()) {
      return null;
    }
    ImmutableList<Integer> awaits = Fates.awaitPositions(launch.handle(), state);
    return new LaunchFacts(launch, uses, awaits, Closes.closedBeforeAwait(uses, awaits, state));
  }

  /** The uses that write: the only ones a daemon's death at exit can lose. */
  public ImmutableList<ResourceUse> writes() {
    return uses.stream().filter(ResourceUse::output).collect(ImmutableList.toImmutableList());
  }

  /**
   * Whether {@code TaskOutlivesResource} owns this launch: its resource closes before the await.
   */
  public boolean resourceClosedFirst() {
    return closedBeforeAwait != null;
  }
}
