package io.github.daemonguard.analysis;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import java.util.Collection;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Questions about the normal paths of a code unit (a method, a lambda or an initializer block),
 * answered on its control-flow graph: may control get from one tree to the unit's regular exit, or
 * from the unit's entry to a tree, without passing any of a set of trees?
 *
 * <p>Only normal successors are followed: exceptional edges (and so {@code catch} bodies reached
 * only through them, and a {@code throw}) make no path. A call that never returns ({@code
 * System.exit}, {@code Runtime.halt}) ends its path. A condition with a compile-time constant value
 * follows only the branch it takes; a caller-supplied filter can settle other conditions (a test of
 * a thread's own state, say).
 *
 * <p>Each unit's graph is built lazily ({@link ControlFlowGraphs}, loaded only when a question
 * needs one), at most once per compilation unit, by the instance of the javac run ({@link #of});
 * the graph library is shaded third-party code, and any failure of it makes the answer {@link
 * Answer#UNKNOWN} instead of crashing the compiler (with {@code -XepOpt:DaemonGuard:Strict=true} it
 * propagates, as {@link Guard} does).
 */
public final class NormalPaths {
  /** The answer to a path question. */
  public enum Answer {
    /** Such a path exists. */
    YES,
    /** No such path exists. */
    NO,
    /** The graph could not be built, or a tree asked about is not in it. */
    UNKNOWN
  }

  /** The graphs, built on first need: most questions are answered without one. */
  @Nullable private ControlFlowGraphs graphs;

  /** A fresh cache, for a caller that keeps its own (one per check run, say). */
  public static NormalPaths create() {
    return new NormalPaths();
  }

  /** The cache of the compilation {@code state} belongs to, kept by its {@link AnalysisContext}. */
  public static NormalPaths of(VisitorState state) {
    return AnalysisContext.of(state).normalPaths();
  }

  private NormalPaths() {}

  /**
   * Whether a normal path leads from {@code from} to the regular exit of {@code codeUnit} passing
   * none of {@code avoid}.
   *
   * @param codeUnit the path of a method, lambda or initializer block that contains {@code from}
   * @param settled for a branch condition, the outcomes after which no path need be followed (the
   *     outcome cannot happen, or the question is already answered there)
   */
  public Answer reachesExitAvoiding(
      TreePath codeUnit,
      Tree from,
      Collection<? extends Tree> avoid,
      Function<Tree, Set<Boolean>> settled,
      VisitorState state) {
    return search(codeUnit, from, null, avoid, settled, state);
  }

  /**
   * Whether a normal path leads from the entry of {@code codeUnit} to {@code target} passing none
   * of {@code avoid}: is {@code target} reached, on some path, before any of them?
   */
  public Answer reachesFromEntryAvoiding(
      TreePath codeUnit,
      Tree target,
      Collection<? extends Tree> avoid,
      Function<Tree, Set<Boolean>> settled,
      VisitorState state) {
    return search(codeUnit, null, target, avoid, settled, state);
  }

  private Answer search(
      TreePath codeUnit,
      @Nullable Tree from,
      @Nullable Tree target,
      Collection<? extends Tree> avoid,
      Function<Tree, Set<Boolean>> settled,
      VisitorState state) {
    if (from != null
        ? StraightLines.everyPathToExitPasses(codeUnit, from, avoid)
        : target != null && StraightLines.everyPathFromEntryPasses(codeUnit, target, avoid)) {
      return Answer.NO;
    }
    Tree asked = from != null ? from : target;
    if (asked != null && !StraightLines.inUnitCode(codeUnit, asked)) {
      // Inside a lambda or class of the unit: not in its graph, which would answer UNKNOWN.
      return Answer.UNKNOWN;
    }
    return onGraph(codeUnit, from, target, avoid, settled, state);
  }

  /**
   * The answer of the control-flow graph alone, without {@link StraightLines}' shortcut; the test
   * that the shortcut never contradicts the graph asks it.
   */
  Answer onGraph(
      TreePath codeUnit,
      @Nullable Tree from,
      @Nullable Tree target,
      Collection<? extends Tree> avoid,
      Function<Tree, Set<Boolean>> settled,
      VisitorState state) {
    if (graphs == null) {
      graphs = new ControlFlowGraphs();
    }
    return graphs.answer(codeUnit, from, target, avoid, settled, state);
  }
}
