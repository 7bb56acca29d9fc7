package io.github.daemonguard.analysis;

import static com.google.errorprone.util.ASTHelpers.getSymbol;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.processing.JavacProcessingEnvironment;
import io.github.daemonguard.analysis.NormalPaths.Answer;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.checkerframework.errorprone.dataflow.cfg.ControlFlowGraph;
import org.checkerframework.errorprone.dataflow.cfg.UnderlyingAST;
import org.checkerframework.errorprone.dataflow.cfg.block.Block;
import org.checkerframework.errorprone.dataflow.cfg.block.ConditionalBlock;
import org.checkerframework.errorprone.dataflow.cfg.block.SingleSuccessorBlock;
import org.checkerframework.errorprone.dataflow.cfg.builder.CFGBuilder;
import org.checkerframework.errorprone.dataflow.cfg.node.Node;
import org.jspecify.annotations.Nullable;

/**
 * The control-flow graphs behind {@link NormalPaths}: built with the Checker Framework's dataflow
 * library that Error Prone bundles, once per code unit and compilation unit, and searched along
 * normal successors only. A class of its own so that the graph library is loaded only by a
 * compilation that needs a graph.
 */
final class ControlFlowGraphs {
  /**
   * The graphs built for the current compilation unit, by code unit; empty when building failed.
   */
  private final Map<Tree, Optional<ControlFlowGraph>> graphs = new IdentityHashMap<>();

  @Nullable private CompilationUnitTree unit;

  /** The answer of the control-flow graph of {@code codeUnit} ({@link NormalPaths#onGraph}). */
  Answer answer(
      TreePath codeUnit,
      @Nullable Tree from,
      @Nullable Tree target,
      Collection<? extends Tree> avoid,
      Function<Tree, Set<Boolean>> settled,
      VisitorState state) {
    ControlFlowGraph cfg = graph(codeUnit, state);
    if (cfg == null) {
      return Answer.UNKNOWN;
    }
    Set<Node> starts = from == null ? identitySet() : nodesOf(cfg, List.of(from));
    Set<Node> stops = nodesOf(cfg, avoid);
    Set<Node> targets = target == null ? identitySet() : nodesOf(cfg, List.of(target));
    if (starts == null || stops == null || targets == null) {
      return Answer.UNKNOWN;
    }
    Block exit = target == null ? cfg.getRegularExitBlock() : null;
    Set<Block> seen = identitySet();
    Deque<Block> work = new ArrayDeque<>();
    if (from == null) {
      work.add(cfg.getEntryBlock());
    }
    for (Node start : starts) {
      Block block = start.getBlock();
      if (block == null) {
        return Answer.UNKNOWN;
      }
      List<Node> nodes = block.getNodes();
      int index = indexOf(nodes, start);
      Step step = walk(nodes.subList(index + 1, nodes.size()), stops, targets);
      if (step == Step.FOUND) {
        return Answer.YES;
      }
      if (step == Step.ON) {
        work.addAll(successors(block, settled));
      }
    }
    while (!work.isEmpty()) {
      Block block = work.pop();
      if (!seen.add(block)) {
        continue;
      }
      if (block == exit) {
        return Answer.YES;
      }
      Step step = walk(block.getNodes(), stops, targets);
      if (step == Step.FOUND) {
        return Answer.YES;
      }
      if (step == Step.ON) {
        work.addAll(successors(block, settled));
      }
    }
    return Answer.NO;
  }

  private enum Step {
    ON,
    STOPPED,
    FOUND
  }

  private static Step walk(List<Node> nodes, Set<Node> stops, Set<Node> targets) {
    for (Node node : nodes) {
      if (targets.contains(node)) {
        return Step.FOUND;
      }
      if (stops.contains(node) || neverReturns(node)) {
        return Step.STOPPED;
      }
    }
    return Step.ON;
  }

  /** The normal successors of {@code block}: no exceptional edge, no settled branch. */
  private static List<Block> successors(Block block, Function<Tree, Set<Boolean>> settled) {
    if (block instanceof ConditionalBlock conditional) {
      Set<Boolean> done = settledOutcomes(conditional, settled);
      List<Block> next = new java.util.ArrayList<>(2);
      if (!done.contains(true)) {
        next.add(conditional.getThenSuccessor());
      }
      if (!done.contains(false)) {
        next.add(conditional.getElseSuccessor());
      }
      return next;
    }
    if (block instanceof SingleSuccessorBlock single && single.getSuccessor() != null) {
      // For an exception block, the successor is the regular one; exceptional ones are separate.
      return List.of(single.getSuccessor());
    }
    return List.of();
  }

  /** The outcomes of a branch's condition not worth following. */
  private static Set<Boolean> settledOutcomes(
      ConditionalBlock conditional, Function<Tree, Set<Boolean>> settled) {
    Set<Block> predecessors = conditional.getPredecessors();
    if (predecessors.size() != 1) {
      return Set.of();
    }
    Node condition = predecessors.iterator().next().getLastNode();
    Tree tree = condition == null ? null : condition.getTree();
    if (!(tree instanceof ExpressionTree expression)) {
      return Set.of();
    }
    Boolean constant = ASTHelpers.constValue(expression, Boolean.class);
    if (constant != null) {
      return Set.of(!constant);
    }
    Set<Boolean> done = settled.apply(expression);
    return done == null ? Set.of() : done;
  }

  private static final ImmutableSet<String> NON_RETURNING_OWNERS =
      ImmutableSet.of("java.lang.System", "java.lang.Runtime");

  /** {@code System.exit(..)}, {@code Runtime.getRuntime().exit(..)} / {@code .halt(..)}. */
  private static boolean neverReturns(Node node) {
    if (!(node.getTree() instanceof MethodInvocationTree call)) {
      return false;
    }
    Symbol method = getSymbol(call);
    return method != null
        && (method.getSimpleName().contentEquals("exit")
            || method.getSimpleName().contentEquals("halt"))
        && NON_RETURNING_OWNERS.contains(method.owner.getQualifiedName().toString());
  }

  /** The nodes standing for any of {@code trees}; null when one of them has none. */
  @Nullable
  private static Set<Node> nodesOf(ControlFlowGraph cfg, Collection<? extends Tree> trees) {
    Set<Node> nodes = identitySet();
    for (Tree tree : trees) {
      Set<Node> found = cfg.getNodesCorrespondingToTree(tree);
      if (found == null || found.isEmpty()) {
        return null;
      }
      nodes.addAll(found);
    }
    return nodes;
  }

  private static int indexOf(List<Node> nodes, Node node) {
    for (int i = 0; i < nodes.size(); i++) {
      if (nodes.get(i) == node) {
        return i;
      }
    }
    return nodes.size() - 1;
  }

  private static <T> Set<T> identitySet() {
    return Collections.newSetFromMap(new IdentityHashMap<>());
  }

  /** The graph of {@code codeUnit}, built once per compilation unit; null when it cannot be. */
  @Nullable
  private ControlFlowGraph graph(TreePath codeUnit, VisitorState state) {
    CompilationUnitTree current = codeUnit.getCompilationUnit();
    if (current != unit) {
      graphs.clear();
      unit = current;
    }
    Optional<ControlFlowGraph> cached = graphs.get(codeUnit.getLeaf());
    if (cached == null) {
      cached = Optional.ofNullable(build(codeUnit, state));
      graphs.put(codeUnit.getLeaf(), cached);
    }
    return cached.orElse(null);
  }

  @Nullable
  private static ControlFlowGraph build(TreePath codeUnit, VisitorState state) {
    Tree leaf = codeUnit.getLeaf();
    ClassTree owner = ASTHelpers.findEnclosingNode(codeUnit, ClassTree.class);
    if (owner == null) {
      return null;
    }
    TreePath body;
    UnderlyingAST ast;
    if (leaf instanceof MethodTree method) {
      if (method.getBody() == null) {
        return null;
      }
      body = new TreePath(codeUnit, method.getBody());
      ast = new UnderlyingAST.CFGMethod(method, owner);
    } else if (leaf instanceof LambdaExpressionTree lambda) {
      body = new TreePath(codeUnit, lambda.getBody());
      ast =
          new UnderlyingAST.CFGLambda(
              lambda, owner, ASTHelpers.findEnclosingNode(codeUnit, MethodTree.class));
    } else if (leaf instanceof BlockTree block) {
      body = codeUnit;
      ast = new UnderlyingAST.CFGStatement(block, owner);
    } else {
      return null;
    }
    try {
      return CFGBuilder.build(
          body,
          ast,
          /* assumeAssertionsEnabled= */ false,
          /* assumeAssertionsDisabled= */ false,
          JavacProcessingEnvironment.instance(state.context));
    } catch (RuntimeException | AssertionError | StackOverflowError failure) {
      // BugInCF and friends: the library does not model this code. Answer nothing.
      if (AnalysisContext.of(state).config().strict()) {
        throw failure;
      }
      return null;
    }
  }
}
