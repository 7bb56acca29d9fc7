package io.github.daemonguard.analysis;

import static com.google.errorprone.util.ASTHelpers.getStartPosition;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.Iterables;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the checks need to know about one launch, computed once: the launch, the resources its task
 * uses, whether and where the launcher waits for it, which resource (if any) the launcher closes
 * before waiting, and whether {@code System.exit} comes first.
 *
 * <p>This is also where the checks' precedence lives: a launch whose resource is closed before the
 * await belongs to {@code TaskOutlivesResource}, whatever else is true of it.
 *
 * @param awaitPositions source positions where the launcher waits for the task or hands it to code
 *     that may
 * @param exitPosition where {@code System.exit} kills the task before any await, or -1
 */
public record LaunchFacts(
    Launch launch,
    ImmutableList<ResourceUse> uses,
    Fate fate,
    ImmutableList<Integer> awaitPositions,
    @Nullable ResourceUse closedBeforeAwait,
    int exitPosition) {

  /** The facts of the launch {@code call}, or null when it is none or its task is unseen. */
  @Nullable
  public static LaunchFacts of(MethodInvocationTree call, VisitorState state) {
    Launch launch = Launches.of(call, state);
    if (launch == null || launch.task() == null) {
      return null;
    }
    ImmutableList<ResourceUse> uses = ResourceScanner.usesOf(launch.task(), state);
    if (uses.isEmpty()) {
      return null;
    }
    List<Integer> awaits = new ArrayList<>(Fates.awaitPositions(launch.handle(), state));
    Fate fate = Fates.ofLaunch(launch, state);
    if (launch.handle() == null && fate != Fate.NOT_AWAITED) {
      awaits.add(state.getEndPosition(Futures.chainTop(state.getPath()).getLeaf()));
    }
    MethodTree method = ASTHelpers.findEnclosingNode(state.getPath(), MethodTree.class);
    TreePath unit = Trees.enclosingCodeUnit(state.getPath());
    long latchAwait =
        unit == null
            ? CloseOrder.NEVER
            : Latches.awaitAfter(launch.task(), state.getPath(), unit, state);
    if (latchAwait != CloseOrder.NEVER) {
      // A wait for the task's own signal: a CountDownLatch it counts down.
      awaits.add((int) (latchAwait / CloseOrder.at(1)));
      fate = fate == Fate.NOT_AWAITED ? Fate.AWAITED : fate;
    }
    ImmutableList<Integer> awaitPositions = ImmutableList.copyOf(awaits);
    return new LaunchFacts(
        launch,
        uses,
        fate,
        awaitPositions,
        Closes.closedBeforeAwait(uses, awaitPositions, state),
        exitBeforeAwait(method, awaitPositions, state));
  }

  /** The uses that write: the only ones a daemon's death at exit can lose. */
  public ImmutableList<ResourceUse> writes() {
    return ResourceUse.outputsOf(uses);
  }

  /**
   * Whether {@code TaskOutlivesResource} owns this launch: its resource closes before the await.
   */
  public boolean resourceClosedFirst() {
    return closedBeforeAwait != null;
  }

  /** Whether {@code System.exit} ends the JVM after the launch and before any await. */
  public boolean exitsFirst() {
    return exitPosition >= 0;
  }

  /** The first {@code System.exit} after the launch with no await before it, or -1. */
  private static int exitBeforeAwait(
      @Nullable MethodTree method, List<Integer> awaitPositions, VisitorState state) {
    if (method == null) {
      return -1;
    }
    int launch = getStartPosition(state.getPath().getLeaf());
    int first = -1;
    ScopeIndex index = ScopeIndex.of(method, state);
    for (TreePath exitPath :
        Iterables.concat(index.invocations("exit"), index.invocations("halt"))) {
      if (!Awaits.isExit((MethodInvocationTree) exitPath.getLeaf())
          || Trees.inNestedCode(exitPath, method)) {
        continue;
      }
      int position = getStartPosition(exitPath.getLeaf());
      if (position > launch && (first < 0 || position < first)) {
        first = position;
      }
    }
    int exit = first;
    return exit >= 0 && !Closes.anyBetween(awaitPositions, launch, exit) ? exit : -1;
  }
}
