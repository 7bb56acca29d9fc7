package io.github.daemonguard.analysis;

import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.getSymbol;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import io.github.daemonguard.analysis.ExecutorLaunches.ExecutorLaunch;
import io.github.daemonguard.analysis.MethodSummary.Act;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * What the code that declares an executor variable does with it: the tasks it hands over, whether
 * and where it shuts the executor down and waits for it, whether it lets the executor escape, and
 * where it calls {@code System.exit}.
 *
 * <p>One scan of the declaring code unit (a method or lambda) classifies every use of the variable.
 * Like {@link Fates}, the analysis is lenient: an await anywhere counts, since a check that cries
 * wolf gets disabled.
 */
public final class ExecutorUses {

  /** Calls on a collection of futures that neither wait for them nor let them escape. */
  private static final ImmutableSet<String> NEUTRAL_COLLECTION_METHODS =
      ImmutableSet.of("add", "addAll", "addLast", "offer", "size", "isEmpty", "clear", "contains");

  /** How many links of futures (variables, collections, continuations) are followed. */
  private static final int MAX_FUTURE_DEPTH = 8;

  /**
   * One launch on the executor.
   *
   * @param launch the launching call and its tasks
   * @param path the path of the launching call
   * @param futureFate what becomes of the future the launch returns ({@link Fate#NOT_AWAITED} for
   *     {@code execute}, which returns none)
   * @param futureAwait the key ({@link CloseOrder}) where the launcher first waits for the future,
   *     or {@link CloseOrder#NEVER}
   */
  public record Launched(ExecutorLaunch launch, TreePath path, Fate futureFate, long futureAwait) {
    // Written out: a record's generated equals/hashCode bootstrap method handles on first use,
    // a fixed cost paid by every compilation.
    @Override
    public boolean equals(@Nullable Object object) {
      return object instanceof Launched other
          && Objects.equals(launch, other.launch)
          && Objects.equals(path, other.path)
          && Objects.equals(futureFate, other.futureFate)
          && futureAwait == other.futureAwait;
    }

    @Override
    public int hashCode() {
      return Objects.hash(launch, path, futureFate, futureAwait);
    }
  }

  private final VarSymbol executor;
  private final TreePath unit;
  private final VisitorState state;
  private final List<Launched> launches = new ArrayList<>();
  private final List<ExpressionTree> values = new ArrayList<>();
  private final List<Long> exits = new ArrayList<>();
  private final List<Long> terminationAwaits = new ArrayList<>();
  private final java.util.Map<Symbol, CollectionFate> collectionFates = new java.util.HashMap<>();
  private long otherAwait = CloseOrder.NEVER;
  private boolean shutDown;
  private long lastShutdown = -1;
  private boolean escapes;
  private boolean closedByTryWithResources;
  private final List<Tree> shutdownCalls = new ArrayList<>();
  private final List<Tree> awaitCalls = new ArrayList<>();

  private ExecutorUses(VarSymbol executor, TreePath unit, VisitorState state) {
    this.executor = executor;
    this.unit = unit;
    this.state = state;
  }

  /**
   * Scans the scope that owns {@code executor}: the code unit (a method or lambda) that declares a
   * local, or the class that declares a private instance field. Uses inside lambdas and classes
   * nested in that scope count as escapes.
   */
  public static ExecutorUses scan(VarSymbol executor, TreePath unit, VisitorState state) {
    // Every launch on the executor asks about the same uses: scan its scope once.
    AnalysisContext context = AnalysisContext.of(state);
    Object known = context.recall("ExecutorUses", unit.getLeaf(), executor);
    return known != AnalysisContext.UNKNOWN
        ? (ExecutorUses) known
        : context.remember(
            "ExecutorUses", unit.getLeaf(), executor, scanOnce(executor, unit, state));
  }

  private static ExecutorUses scanOnce(VarSymbol executor, TreePath unit, VisitorState state) {
    ExecutorUses uses = new ExecutorUses(executor, unit, state);
    uses.new Scanner().scan(unit, null);
    sortBySource(uses.launches);
    return uses;
  }

  /** Sorts {@code launches} by where they start (an insertion sort: there are a few). */
  private static void sortBySource(List<Launched> launches) {
    for (int i = 1; i < launches.size(); i++) {
      Launched next = launches.get(i);
      int position = ASTHelpers.getStartPosition(next.launch().call());
      int j = i - 1;
      while (j >= 0 && ASTHelpers.getStartPosition(launches.get(j).launch().call()) > position) {
        launches.set(j + 1, launches.get(j));
        j--;
      }
      launches.set(j + 1, next);
    }
  }

  /** The launches on the executor, in source order. */
  public ImmutableList<Launched> launches() {
    return ImmutableList.copyOf(launches);
  }

  /** The one value ever assigned to the variable, or null when there are several or none. */
  @Nullable
  public ExpressionTree value() {
    return values.size() == 1 ? values.get(0) : null;
  }

  /**
   * Whether the executor's owner is elsewhere: it is returned, stored, passed to another method or
   * used inside another lambda or class.
   */
  public boolean escapes() {
    return escapes;
  }

  /** Whether the launcher calls {@code shutdown()}/{@code shutdownNow()} (or Guava's helper). */
  public boolean shutDown() {
    return shutDown;
  }

  /**
   * Whether code of the scope after the last {@code shutdown()}/{@code shutdownNow()} call mentions
   * one of {@code symbols} (not counting nested lambdas and classes): the launcher goes on using
   * something its tasks use, while they may still run.
   */
  public boolean mentionedAfterShutdown(Set<Symbol> symbols) {
    if (lastShutdown < 0 || symbols.isEmpty()) {
      return false;
    }
    boolean[] found = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree tree, Void unused) {
        found[0] |= symbols.contains(getSymbol(tree)) && CloseOrder.at(tree) > lastShutdown;
        return null;
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
        return tree == unit.getLeaf() ? super.visitLambdaExpression(tree, null) : null;
      }

      @Override
      public Void visitClass(ClassTree tree, Void unused) {
        return tree == unit.getLeaf() ? super.visitClass(tree, null) : null;
      }
    }.scan(unit.getLeaf(), null);
    return found[0];
  }

  /**
   * The key where the launcher first waits for the executor to terminate (shutdown and await,
   * {@code close()}, try-with-resources, {@code awaitQuiescence}), or {@link CloseOrder#NEVER}.
   */
  public long executorAwait() {
    long await = otherAwait;
    if (shutDown) {
      for (long key : terminationAwaits) {
        await = Math.min(await, key);
      }
    }
    return await;
  }

  /**
   * The key by which every task is known to be done: the executor's await, or the last wait for a
   * launch's future when every launch's future is waited for (or handed elsewhere); {@link
   * CloseOrder#NEVER} when the launcher never waits for them all.
   */
  public long doneKey() {
    return doneKey(Map.of());
  }

  /**
   * As {@link #doneKey()}, counting also {@code otherAwaits}: for each launch, the key of another
   * wait for its task (on a latch the task counts down, say), or {@link CloseOrder#NEVER}.
   */
  public long doneKey(Map<Launched, Long> otherAwaits) {
    long all = 0;
    for (Launched launched : launches) {
      Long otherAwait = otherAwaits.get(launched);
      long other = otherAwait == null ? CloseOrder.NEVER : otherAwait;
      long own =
          switch (launched.futureFate()) {
            case AWAITED -> Math.min(launched.futureAwait(), other);
            case ESCAPES -> 0;
            case NOT_AWAITED -> other;
          };
      all = Math.max(all, own);
    }
    return Math.min(executorAwait(), all);
  }

  /**
   * Whether a normal path leads from {@code launch} to the regular exit of the scope without an
   * await of the executor (awaitTermination, close, a helper that awaits); false when the answer is
   * unknown, or the executor is a try-with-resources resource (closed on every path).
   */
  public boolean awaitSkippedOnSomePath(Tree launch) {
    return !closedByTryWithResources && skippedOnSomePath(launch, awaitCalls);
  }

  /** As {@link #awaitSkippedOnSomePath}, for a shutdown (or an await, which implies one). */
  public boolean shutdownSkippedOnSomePath(Tree launch) {
    List<Tree> ends = new ArrayList<>(shutdownCalls);
    ends.addAll(awaitCalls);
    return !closedByTryWithResources && skippedOnSomePath(launch, ends);
  }

  private boolean skippedOnSomePath(Tree launch, List<Tree> ends) {
    if (ends.isEmpty() || unit.getLeaf() instanceof ClassTree) {
      return false;
    }
    return NormalPaths.of(state)
            .reachesExitAvoiding(
                unit,
                launch,
                ends,
                condition -> HandleTests.settledOutcomes(condition, executor),
                state)
        == NormalPaths.Answer.YES;
  }

  /** Whether the launcher waits for every task, one way or another. */
  public boolean awaited() {
    return doneKey() != CloseOrder.NEVER;
  }

  /** Whether a {@code System.exit(..)} runs after {@code after} and before {@code before}. */
  public boolean exitsBetween(long after, long before) {
    for (long key : exits) {
      if (key > after && key < before) {
        return true;
      }
    }
    return false;
  }

  /**
   * The source position of the first {@code System.exit(..)} after {@code after}, or {@code
   * Integer.MAX_VALUE}.
   */
  public int firstExitAfter(long after) {
    long first = CloseOrder.NEVER;
    for (long key : exits) {
      if (key > after && key < first) {
        first = key;
      }
    }
    return first == CloseOrder.NEVER ? Integer.MAX_VALUE : (int) (first / CloseOrder.at(1));
  }

  /** Classifies the uses of the executor variable in its declaring code unit. */
  private final class Scanner extends TreePathScanner<Void, Void> {
    private int nested;

    @Override
    public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
      if (SynchronousCallbacks.isSynchronous(getCurrentPath(), state)) {
        // list.forEach(x -> pool.execute(..)): run during the call, part of the launching code.
        return super.visitLambdaExpression(tree, null);
      }
      int outer = enterNested(tree);
      super.visitLambdaExpression(tree, null);
      nested = outer;
      return null;
    }

    @Override
    public Void visitClass(ClassTree tree, Void unused) {
      int outer = enterNested(tree);
      super.visitClass(tree, null);
      nested = outer;
      return null;
    }

    /** Counts {@code tree} as nested code unless it is the unit itself; returns the old depth. */
    private int enterNested(Tree tree) {
      int outer = nested;
      if (tree != unit.getLeaf()) {
        nested++;
      }
      return outer;
    }

    @Override
    public Void visitVariable(VariableTree tree, Void unused) {
      if (getSymbol(tree) == executor) {
        if (tree.getInitializer() != null) {
          values.add(tree.getInitializer());
        }
        Tree parent = getCurrentPath().getParentPath().getLeaf();
        if (parent instanceof TryTree tryTree) {
          closedByTryWithResources = true;
          otherAwait =
              Math.min(
                  otherAwait,
                  CloseOrder.tryClose(tryTree, tryTree.getResources().indexOf(tree), state));
        }
      }
      return super.visitVariable(tree, null);
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
      if (nested == 0 && Awaits.isExit(tree)) {
        exits.add(CloseOrder.at(tree));
      }
      return super.visitMethodInvocation(tree, null);
    }

    @Override
    public Void visitIdentifier(IdentifierTree tree, Void unused) {
      if (getSymbol(tree) == executor) {
        use();
      }
      return null;
    }

    @Override
    public Void visitMemberSelect(MemberSelectTree tree, Void unused) {
      if (getSymbol(tree) == executor) {
        // this.pool: a use of a field executor.
        use();
        return null;
      }
      return super.visitMemberSelect(tree, null);
    }

    private void use() {
      if (nested > 0) {
        escapes = true;
      } else {
        classify(getCurrentPath());
      }
    }
  }

  /** Classifies one use of the executor variable, at {@code use}. */
  private void classify(TreePath use) {
    TreePath parentPath = use.getParentPath();
    Tree leaf = use.getLeaf();
    while (parentPath.getLeaf() instanceof ParenthesizedTree) {
      leaf = parentPath.getLeaf();
      parentPath = parentPath.getParentPath();
    }
    Tree parent = parentPath.getLeaf();
    if (parent instanceof MemberSelectTree select
        && parentPath.getParentPath().getLeaf() instanceof MethodInvocationTree call
        && call.getMethodSelect() == select) {
      TreePath callPath = parentPath.getParentPath();
      if (launchedHere(call, callPath)) {
        return;
      }
      switch (select.getIdentifier().toString()) {
        case "shutdown", "shutdownNow" -> {
          shutDown = true;
          lastShutdown = Math.max(lastShutdown, CloseOrder.at(call));
          shutdownCalls.add(call);
        }
        // Timed or not, checked or not: a wait's bound is its author's choice.
        case "awaitTermination" -> {
          terminationAwaits.add(CloseOrder.at(call));
          awaitCalls.add(call);
        }
        case "awaitQuiescence", "close" -> {
          otherAwait = Math.min(otherAwait, CloseOrder.at(call));
          awaitCalls.add(call);
        }
        default -> {
          // A method of the compilation called on the executor follows its summary.
          ImmutableSet<Act> acts =
              MethodSummaries.of(state)
                  .argumentActs(getSymbol(call), MethodSummary.RECEIVER_INDEX, state);
          if (acts != null && !acts.isEmpty()) {
            handedTo(getSymbol(call), MethodSummary.RECEIVER_INDEX, call);
          }
        }
      }
      return;
    }
    if (parent instanceof MethodInvocationTree call && call.getArguments().contains(leaf)) {
      if (launchedHere(call, parentPath)) {
        return;
      }
      Symbol callee = getSymbol(call);
      String name = callee == null ? "" : callee.getSimpleName().toString();
      if (name.equals("shutdownAndAwaitTermination")
          || (AnalysisContext.of(state).config().isAwaitMethod(callee)
              && call.getArguments().get(0) == leaf)) {
        shutDown = true;
        otherAwait = Math.min(otherAwait, CloseOrder.at(call));
        awaitCalls.add(call);
        return;
      }
      if (!Fates.NEUTRAL_ARGUMENT_METHODS.contains(name)) {
        handedTo(callee, call.getArguments().indexOf(leaf), call);
      }
      return;
    }
    if (parent instanceof TryTree tryTree && tryTree.getResources().contains(leaf)) {
      closedByTryWithResources = true;
      otherAwait =
          Math.min(
              otherAwait,
              CloseOrder.tryClose(tryTree, tryTree.getResources().indexOf(leaf), state));
      return;
    }
    if (parent instanceof AssignmentTree assignment && assignment.getVariable() == leaf) {
      values.add(assignment.getExpression());
      return;
    }
    if (parent instanceof ReturnTree
        || parent instanceof AssignmentTree
        || parent instanceof VariableTree
        || parent instanceof MemberReferenceTree
        || parent instanceof NewClassTree
        || parent instanceof NewArrayTree
        || parent instanceof ConditionalExpressionTree
        || parent instanceof LambdaExpressionTree) {
      escapes = true;
    }
  }

  /**
   * The executor is handed to {@code callee} (as its argument at {@code index}, or its receiver) at
   * {@code call}: a method of the compilation that shuts it down, awaits it or both does so here;
   * one that lets it escape, does nothing with it, or has no source in the compilation, lets it
   * escape.
   */
  private void handedTo(@Nullable Symbol callee, int index, MethodInvocationTree call) {
    ImmutableSet<Act> acts = MethodSummaries.of(state).argumentActs(callee, index, state);
    if (acts == null
        || acts.contains(Act.ESCAPES)
        || (!acts.contains(Act.AWAITS)
            && !acts.contains(Act.CLOSES)
            && !acts.contains(Act.SHUTS_DOWN))) {
      escapes = true;
      return;
    }
    long at = CloseOrder.at(call);
    boolean shuts = acts.contains(Act.SHUTS_DOWN) || acts.contains(Act.CLOSES);
    if (shuts) {
      shutDown = true;
      lastShutdown = Math.max(lastShutdown, at);
      shutdownCalls.add(call);
    }
    if (acts.contains(Act.CLOSES) || (shuts && acts.contains(Act.AWAITS))) {
      otherAwait = Math.min(otherAwait, at);
      awaitCalls.add(call);
    } else if (acts.contains(Act.AWAITS)) {
      terminationAwaits.add(at);
      awaitCalls.add(call);
    }
  }

  /** Records {@code call} if it launches a task on the executor. */
  private boolean launchedHere(MethodInvocationTree call, TreePath callPath) {
    ExecutorLaunch launch = ExecutorLaunches.of(call, state);
    if (launch == null || getSymbol(launch.executor()) != executor) {
      return false;
    }
    List<Long> awaits = new ArrayList<>();
    Fate fate = futureOf(callPath, 0, new HashSet<>(), awaits);
    long await = CloseOrder.NEVER;
    for (long key : awaits) {
      await = Math.min(await, key);
    }
    launches.add(new Launched(launch, callPath, fate, await));
    return true;
  }

  /**
   * What becomes of the future the expression at {@code path} evaluates to; each place where it is
   * waited for is reported to {@code awaits}.
   */
  private Fate futureOf(TreePath path, int depth, Set<Symbol> seen, List<Long> awaits) {
    if (depth > MAX_FUTURE_DEPTH) {
      return Fate.ESCAPES;
    }
    Tree leaf = path.getLeaf();
    TreePath parentPath = path.getParentPath();
    while (parentPath.getLeaf() instanceof ParenthesizedTree) {
      leaf = parentPath.getLeaf();
      parentPath = parentPath.getParentPath();
    }
    Tree parent = parentPath.getLeaf();
    if (parent instanceof MemberSelectTree select
        && parentPath.getParentPath().getLeaf() instanceof MethodInvocationTree call
        && call.getMethodSelect() == select) {
      String name = select.getIdentifier().toString();
      TreePath callPath = parentPath.getParentPath();
      if (Awaits.waitsForHandle(name)) {
        awaits.add(CloseOrder.at(call));
        return Fate.AWAITED;
      }
      if (isFuture(ASTHelpers.getType(call))) {
        // A continuation: thenRun(..), exceptionally(..) … completes after the task.
        return futureOf(callPath, depth + 1, seen, awaits);
      }
      return Fate.NOT_AWAITED;
    }
    if (parent instanceof VariableTree variable && variable.getInitializer() == leaf) {
      return ofVariable(getSymbol(variable), depth, seen, awaits);
    }
    if (parent instanceof AssignmentTree assignment && assignment.getExpression() == leaf) {
      return ofVariable(getSymbol(assignment.getVariable()), depth, seen, awaits);
    }
    if (parent instanceof MethodInvocationTree call && call.getArguments().contains(leaf)) {
      Symbol callee = getSymbol(call);
      String name = callee == null ? "" : callee.getSimpleName().toString();
      Symbol receiver = getSymbol(getReceiver(call));
      if ((name.equals("add") || name.equals("addLast") || name.equals("offer"))
          && isLocal(receiver)) {
        return ofCollection(receiver, depth, seen, awaits);
      }
      if (AnalysisContext.of(state).config().isAwaitMethod(callee)
          && call.getArguments().get(0) == leaf) {
        awaits.add(CloseOrder.at(call));
        return Fate.AWAITED;
      }
      if (Awaits.combinesAll(name)) {
        return futureOf(parentPath, depth + 1, seen, awaits);
      }
      if (Fates.NEUTRAL_ARGUMENT_METHODS.contains(name) || Awaits.combinesAny(name)) {
        return Fate.NOT_AWAITED;
      }
      // A method of the compilation: awaited there, or cancelled (the future stays the caller's).
      ImmutableSet<Act> acts =
          MethodSummaries.of(state).argumentActs(callee, call.getArguments().indexOf(leaf), state);
      if (acts == null || acts.contains(Act.ESCAPES)) {
        return Fate.ESCAPES;
      }
      if (acts.contains(Act.AWAITS)) {
        awaits.add(CloseOrder.at(call));
        return Fate.AWAITED;
      }
      return acts.contains(Act.SIGNALS) ? Fate.NOT_AWAITED : Fate.ESCAPES;
    }
    if (parent instanceof LambdaExpressionTree && discardsItsValue(parentPath)) {
      // paths.forEach(p -> pool.submit(..)): the future is dropped, as by a statement.
      return Fate.NOT_AWAITED;
    }
    if (parent instanceof ReturnTree
        || parent instanceof LambdaExpressionTree
        || parent instanceof NewClassTree
        || parent instanceof NewArrayTree) {
      return Fate.ESCAPES;
    }
    return Fate.NOT_AWAITED;
  }

  /** Whether {@code lambda} is a synchronous {@code forEach} callback, whose value is dropped. */
  private boolean discardsItsValue(TreePath lambda) {
    return SynchronousCallbacks.isSynchronous(lambda, state)
        && lambda.getParentPath().getLeaf() instanceof MethodInvocationTree call
        && getSymbol(call) != null
        && (getSymbol(call).getSimpleName().contentEquals("forEach")
            || getSymbol(call).getSimpleName().contentEquals("forEachOrdered"));
  }

  /** What becomes of the future held in local {@code variable}. */
  private Fate ofVariable(
      @Nullable Symbol variable, int depth, Set<Symbol> seen, List<Long> awaits) {
    if (!isLocal(variable)) {
      return variable == null ? Fate.NOT_AWAITED : Fate.ESCAPES;
    }
    if (!seen.add(variable)) {
      return Fate.NOT_AWAITED;
    }
    List<Fate> fates = new ArrayList<>();
    for (TreePath use : identifierUses(variable)) {
      if (Trees.inNestedCode(use, unit.getLeaf())) {
        fates.add(Fate.ESCAPES);
        continue;
      }
      Tree parent = use.getParentPath().getLeaf();
      if (parent instanceof AssignmentTree assignment
          && assignment.getVariable() == use.getLeaf()) {
        continue;
      }
      fates.add(futureOf(use, depth + 1, seen, awaits));
    }
    return combine(fates);
  }

  /** What becomes of the futures gathered in local collection {@code collection}. */
  private Fate ofCollection(Symbol collection, int depth, Set<Symbol> seen, List<Long> awaits) {
    // Every launch whose future goes into one collection asks the same question: answer it once,
    // or a long method of `futures.add(pool.submit(..))` costs launches × uses.
    CollectionFate known = collectionFates.get(collection);
    if (known != null) {
      awaits.addAll(known.awaits());
      return known.fate();
    }
    List<Long> keys = new ArrayList<>();
    Fate fate = computeCollectionFate(collection, depth, seen, keys);
    collectionFates.put(collection, new CollectionFate(fate, ImmutableList.copyOf(keys)));
    awaits.addAll(keys);
    return fate;
  }

  /** A collection's fate and where its futures are awaited. */
  private record CollectionFate(Fate fate, ImmutableList<Long> awaits) {}

  private Fate computeCollectionFate(
      Symbol collection, int depth, Set<Symbol> seen, List<Long> awaits) {
    if (!seen.add(collection)) {
      return Fate.NOT_AWAITED;
    }
    List<Fate> fates = new ArrayList<>();
    for (TreePath use : identifierUses(collection)) {
      if (Trees.inNestedCode(use, unit.getLeaf())) {
        fates.add(Fate.ESCAPES);
        continue;
      }
      TreePath parentPath = use.getParentPath();
      Tree parent = parentPath.getLeaf();
      if (parent instanceof EnhancedForLoopTree loop && loop.getExpression() == use.getLeaf()) {
        fates.add(ofVariable(getSymbol(loop.getVariable()), depth + 1, seen, awaits));
        continue;
      }
      if (parent instanceof MemberSelectTree select
          && parentPath.getParentPath().getLeaf() instanceof MethodInvocationTree) {
        String name = select.getIdentifier().toString();
        if (Awaits.visitsElements(name)) {
          // forEach(Future::get), stream().map(Future::join) …: every element, synchronously.
          awaits.add(CloseOrder.at(parentPath.getParentPath().getLeaf()));
          fates.add(Fate.AWAITED);
        } else if (name.equals("get")
            || name.equals("poll")
            || name.equals("take")
            || name.equals("remove")) {
          fates.add(futureOf(parentPath.getParentPath(), depth + 1, seen, awaits));
        } else if (!NEUTRAL_COLLECTION_METHODS.contains(name)) {
          // iterator(), subList(..) …: what happens to the futures is not followed.
          fates.add(Fate.ESCAPES);
        }
        continue;
      }
      if (parent instanceof VariableTree variable && variable.getInitializer() == use.getLeaf()) {
        continue;
      }
      if (parent instanceof AssignmentTree assignment
          && assignment.getVariable() == use.getLeaf()) {
        continue;
      }
      fates.add(futureOf(use, depth + 1, seen, awaits));
    }
    return combine(fates);
  }

  /** Each use of {@code variable} in the unit by its simple name. */
  private List<TreePath> identifierUses(Symbol variable) {
    // From the scope's index: rescanning the unit for every use made long methods cubic.
    List<TreePath> found = new ArrayList<>();
    for (TreePath use : ScopeIndex.of(unit.getLeaf(), state).uses(variable)) {
      if (use.getLeaf() instanceof IdentifierTree) {
        found.add(use);
      }
    }
    return found;
  }

  private static Fate combine(List<Fate> fates) {
    if (fates.contains(Fate.ESCAPES)) {
      return Fate.ESCAPES;
    }
    return fates.contains(Fate.AWAITED) ? Fate.AWAITED : Fate.NOT_AWAITED;
  }

  private boolean isFuture(com.sun.tools.javac.code.Type type) {
    return Resources.isSubtype(type, "java.util.concurrent.Future", state)
        || Resources.isSubtype(type, "java.util.concurrent.CompletionStage", state);
  }

  private static boolean isLocal(@Nullable Symbol symbol) {
    return symbol instanceof VarSymbol && symbol.getKind() == ElementKind.LOCAL_VARIABLE;
  }
}
