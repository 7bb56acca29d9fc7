package io.github.daemonguard.analysis;

import static com.google.errorprone.util.ASTHelpers.getSymbol;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import io.github.daemonguard.analysis.MethodSummary.Act;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import org.jspecify.annotations.Nullable;

/**
 * Decides a launched thread's {@link Fate} from the uses of the variable holding it.
 *
 * <p>One scan of the owning scope (the method for a local, the class for a private field)
 * classifies every use. Any await anywhere in the scope counts: the analysis is deliberately
 * lenient, because a check that cries wolf gets disabled.
 */
public final class Fates {
  private Fates() {}

  /** Methods of a future that build a dependent one. */
  private static final ImmutableSet<String> CONTINUATIONS =
      ImmutableSet.of(
          "thenRun",
          "thenApply",
          "thenAccept",
          "thenCompose",
          "thenCombine",
          "thenAcceptBoth",
          "runAfterBoth",
          "runAfterEither",
          "applyToEither",
          "acceptEither",
          "handle",
          "whenComplete",
          "exceptionally",
          "thenRunAsync",
          "thenApplyAsync",
          "thenAcceptAsync",
          "thenComposeAsync",
          "handleAsync",
          "whenCompleteAsync",
          "exceptionallyCompose",
          "orTimeout",
          "completeOnTimeout",
          "toCompletableFuture",
          "copy");

  /** Calls that neither await nor let the handle escape: logging, null checks, formatting. */
  static final ImmutableSet<String> NEUTRAL_ARGUMENT_METHODS =
      ImmutableSet.of(
          "requireNonNull",
          "valueOf",
          "toString",
          "format",
          "println",
          "print",
          "printf",
          "trace",
          "debug",
          "info",
          "warn",
          "warning",
          "error",
          "fine",
          "finer",
          "finest",
          "severe",
          "log",
          "checkNotNull",
          "checkState",
          "assertNotNull",
          "equals",
          "hash");

  /** The fate of {@code launch}'s thread or future, as far as its launcher shows. */
  public static Fate ofLaunch(Launch launch, VisitorState state) {
    if (launch.kind() == LaunchKind.COMMON_POOL && Futures.chainAwaits(state.getPath())) {
      return Fate.AWAITED;
    }
    if (launch.handle() == null && launch.kind() != LaunchKind.TIMER) {
      TreePath top = Futures.chainTop(state.getPath());
      Tree parent = top.getParentPath().getLeaf();
      if (parent instanceof ExpressionStatementTree) {
        return Fate.NOT_AWAITED;
      }
      // threads.add(Thread.startVirtualThread(..)): the collection's fate is the launch's.
      if (parent instanceof MethodInvocationTree add
          && isCollectionAdd(add)
          && getSymbol(ASTHelpers.getReceiver(add)) instanceof VarSymbol collection
          && collection.getKind() == ElementKind.LOCAL_VARIABLE) {
        Tree scope = ASTHelpers.findEnclosingNode(state.getPath(), MethodTree.class);
        return scope == null ? Fate.ESCAPES : ofCollection(collection, scope, state);
      }
      return launch.kind() == LaunchKind.COMMON_POOL || launch.kind().isThread()
          ? Fate.ESCAPES
          : Fate.NOT_AWAITED;
    }
    return EveryNormalPath.refine(launch, ofHandle(launch.handle(), state), state);
  }

  private static boolean isCollectionAdd(MethodInvocationTree call) {
    Symbol method = getSymbol(call);
    return method != null
        && (method.getSimpleName().contentEquals("add")
            || method.getSimpleName().contentEquals("addLast")
            || method.getSimpleName().contentEquals("offer"));
  }

  /** The fate of the thread, future or timer held in {@code handle}, judged where it is owned. */
  public static Fate ofHandle(@Nullable VarSymbol handle, VisitorState state) {
    if (handle == null) {
      return Fate.NOT_AWAITED;
    }
    Tree scope = owningScope(handle, state);
    if (scope == null) {
      return Fate.ESCAPES;
    }
    if (handle.type instanceof com.sun.tools.javac.code.Type.ArrayType) {
      // An array of threads: awaited where a loop joins each element.
      return ofCollection(handle, scope, state);
    }
    UseScanner scanner = scan(handle, scope, state);
    if (scanner.escapes) {
      return Fate.ESCAPES;
    }
    if (scanner.awaited) {
      return Fate.AWAITED;
    }
    for (Symbol collection : scanner.collections) {
      Fate fate = ofCollection(collection, scope, state);
      if (fate != Fate.NOT_AWAITED) {
        return fate;
      }
    }
    if (scanner.storedIn != null) {
      // Thread t = ..; t.start(); worker = t; — the fate of the field the class keeps it in.
      return ofHandle(scanner.storedIn, state);
    }
    return Fate.NOT_AWAITED;
  }

  /**
   * The private instance field a local handle ends up in ({@code Thread t = ..; t.start(); worker =
   * t;}) when that store is all that becomes of it in its scope (no await, no escape, no
   * collection): the class owns the thread through the field. Null otherwise.
   */
  @Nullable
  public static VarSymbol fieldHolding(VarSymbol local, VisitorState state) {
    Tree scope = owningScope(local, state);
    if (scope == null || local.getKind() != ElementKind.LOCAL_VARIABLE) {
      return null;
    }
    UseScanner scanner = scan(local, scope, state);
    return scanner.escapes || scanner.awaited || !scanner.collections.isEmpty()
        ? null
        : scanner.storedIn;
  }

  /**
   * Where the launcher waits for the thread in {@code handle}, or hands it to code that may: the
   * source positions of those uses (empty for an unnamed thread).
   */
  public static ImmutableList<Integer> awaitPositions(
      @Nullable VarSymbol handle, VisitorState state) {
    Tree scope = handle == null ? null : owningScope(handle, state);
    if (scope != null && handle.type instanceof com.sun.tools.javac.code.Type.ArrayType) {
      List<Tree> joinedAt = new ArrayList<>();
      ofCollection(handle, scope, state, joinedAt);
      ImmutableList.Builder<Integer> positions = ImmutableList.builder();
      for (Tree joined : joinedAt) {
        positions.add(ASTHelpers.getStartPosition(joined));
      }
      return positions.build();
    }
    return scope == null
        ? ImmutableList.of()
        : ImmutableList.copyOf(scan(handle, scope, state).awaitPositions);
  }

  /** The method that owns a local, or the class that owns a private instance field; else null. */
  @Nullable
  static Tree owningScope(VarSymbol handle, VisitorState state) {
    if (handle.getKind() == ElementKind.FIELD) {
      Set<Modifier> modifiers = handle.getModifiers();
      if (!modifiers.contains(Modifier.PRIVATE) || modifiers.contains(Modifier.STATIC)) {
        return null;
      }
      return Declarations.of(state).type(handle.owner);
    }
    // The innermost method, lambda or initializer that declares it: a thread started inside a
    // lambda is owned by that lambda.
    for (TreePath p = state.getPath(); p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if ((leaf instanceof MethodTree || leaf instanceof LambdaExpressionTree)
          && ScopeIndex.of(leaf, state).declaration(handle) != null) {
        return leaf;
      }
      if (leaf instanceof BlockTree block
          && p.getParentPath() != null
          && p.getParentPath().getLeaf() instanceof ClassTree) {
        return block;
      }
    }
    return null;
  }

  /** The uses of {@code handle} in {@code scope}, classified; memoized (read, never changed). */
  static UseScanner scan(VarSymbol handle, Tree scope, VisitorState state) {
    AnalysisContext context = AnalysisContext.of(state);
    Object known = context.recall("HandleUses", scope, handle);
    if (known != AnalysisContext.UNKNOWN) {
      return (UseScanner) known;
    }
    UseScanner scanner = new UseScanner(handle, scope, state);
    for (TreePath use : ScopeIndex.of(scope, state).uses(handle)) {
      scanner.classify(use);
    }
    return context.remember("HandleUses", scope, handle, scanner);
  }

  /** A collection of threads: awaited when some loop over it joins each element. */
  private static Fate ofCollection(Symbol collection, Tree scope, VisitorState state) {
    return ofCollection(collection, scope, state, new ArrayList<>());
  }

  /** As above; {@code joinedAt} receives each use of the collection that awaits its elements. */
  static Fate ofCollection(Symbol collection, Tree scope, VisitorState state, List<Tree> joinedAt) {
    boolean joined = false;
    boolean passedOn = false;
    ScopeIndex index = ScopeIndex.of(scope, state);
    for (TreePath use : index.uses(collection)) {
      Tree tree = use.getLeaf();
      Tree parent = use.getParentPath().getLeaf();
      if (parent instanceof EnhancedForLoopTree loop && loop.getExpression() == tree) {
        // for (Thread t : threads) t.join();
        VarSymbol element = getSymbol(loop.getVariable());
        if (element != null) {
          UseScanner elementUses = new UseScanner(element, loop, state);
          for (TreePath elementUse : index.uses(element)) {
            elementUses.classify(elementUse);
          }
          joined |= elementUses.awaited;
          if (elementUses.awaited) {
            joinedAt.add(tree);
          }
        }
      } else if (parent instanceof MemberSelectTree select
          && Awaits.visitsElements(select.getIdentifier().toString())) {
        // futures.forEach(CompletableFuture::join), futures.stream().map(Future::get) …
        joined = true;
        joinedAt.add(tree);
      } else if (parent instanceof com.sun.source.tree.ArrayAccessTree
          && use.getParentPath().getParentPath().getLeaf() instanceof MemberSelectTree select
          && Awaits.waitsForHandle(select.getIdentifier().toString())) {
        // threads[i].join() in a loop over the indexes.
        joined = true;
        joinedAt.add(tree);
      } else {
        passedOn |=
            parent instanceof ReturnTree
                || (parent instanceof MethodInvocationTree call
                    && call.getArguments().contains(tree))
                || parent instanceof AssignmentTree
                || (parent instanceof VariableTree variable && variable.getInitializer() == tree);
      }
    }
    return passedOn ? Fate.ESCAPES : joined ? Fate.AWAITED : Fate.NOT_AWAITED;
  }

  /** Classifies each use of one variable in a scope. */
  static final class UseScanner extends TreePathScanner<Void, Void> {
    private final VarSymbol handle;
    private final Tree scope;
    private final Config config;
    private final VisitorState state;
    boolean awaited;
    boolean escapes;
    final List<Symbol> collections = new ArrayList<>();
    final List<Integer> awaitPositions = new ArrayList<>();

    /** The private instance field a thread handle is stored in, the class's own; or null. */
    @Nullable VarSymbol storedIn;

    /**
     * Whether the handle holds a thread: only a thread stored in a field is followed there (a
     * future or timer so stored still escapes).
     */
    private final boolean threadHandle;

    /** The uses that await. */
    final List<Tree> awaitUses = new ArrayList<>();

    UseScanner(VarSymbol handle, Tree scope, VisitorState state) {
      this.handle = handle;
      this.scope = scope;
      this.state = state;
      this.config = AnalysisContext.of(state).config();
      this.threadHandle = Resources.isSubtype(handle.type, "java.lang.Thread", state);
    }

    @Override
    public Void visitIdentifier(IdentifierTree tree, Void unused) {
      if (getSymbol(tree) == handle) {
        classify(getCurrentPath());
      }
      return null;
    }

    @Override
    public Void visitMemberSelect(MemberSelectTree tree, Void unused) {
      if (getSymbol(tree) == handle) {
        classify(getCurrentPath());
        return null;
      }
      return super.visitMemberSelect(tree, null);
    }

    private void classify(TreePath use) {
      boolean awaitedBefore = awaited;
      boolean escapesBefore = escapes;
      int collectionsBefore = collections.size();
      awaited = false;
      escapes = false;
      classifyUse(use);
      if (awaited || escapes || collections.size() > collectionsBefore) {
        awaitPositions.add(ASTHelpers.getStartPosition(use.getLeaf()));
      }
      if (awaited) {
        awaitUses.add(use.getLeaf());
      }
      awaited |= awaitedBefore;
      escapes |= escapesBefore;
    }

    private void classifyUse(TreePath use) {
      if (inOwnTask(use)) {
        // A task that mentions its own thread or timer (one that cancels its own timer): neither
        // an await nor an escape.
        return;
      }
      // (t), (Thread) t: what the parentheses or the cast are used for is what the use does.
      TreePath at = use;
      while (at.getParentPath().getLeaf() instanceof com.sun.source.tree.ParenthesizedTree
          || at.getParentPath().getLeaf() instanceof com.sun.source.tree.TypeCastTree) {
        at = at.getParentPath();
      }
      Tree leaf = at.getLeaf();
      TreePath parentPath = at.getParentPath();
      Tree parent = parentPath.getLeaf();
      if (parent instanceof MemberSelectTree select
          && parentPath.getParentPath().getLeaf() instanceof MethodInvocationTree call) {
        String name = select.getIdentifier().toString();
        // join()/get(), timed or not: a timed wait's bound is its author's choice.
        awaited |= Awaits.waitsForHandle(name);
        if (CONTINUATIONS.contains(name) && !capturedElsewhere(use)) {
          // f.thenRun(..) builds a dependent future: f is awaited where that chain is.
          followChain(parentPath.getParentPath());
        }
        if (capturedElsewhere(use) && !name.equals("interrupt") && !name.equals("isAlive")) {
          escapes = true;
          return;
        }
        if (!Awaits.waitsForHandle(name)) {
          // worker.finish(): a method of the compilation awaits, signals or lets escape its
          // receiver as its summary says; one without source does nothing with it.
          ImmutableSet<Act> acts =
              MethodSummaries.of(state)
                  .argumentActs(getSymbol(call), MethodSummary.RECEIVER_INDEX, state);
          if (acts != null) {
            awaited |= acts.contains(Act.AWAITS);
            escapes |= acts.contains(Act.ESCAPES);
          }
        }
        return;
      }
      if (parent instanceof MethodInvocationTree call && call.getArguments().contains(leaf)) {
        Symbol callee = getSymbol(call);
        String name = callee == null ? "" : callee.getSimpleName().toString();
        if (config.isAwaitMethod(callee) && call.getArguments().get(0) == leaf) {
          // A project's own helper that waits for what it is handed (AwaitMethods).
          awaited = true;
          return;
        }
        if (Awaits.combinesAll(name)) {
          followChain(parentPath);
          return;
        }
        if (Awaits.combinesAny(name)) {
          // anyOf(..).join() waits for one future, not this one; nor does it let it escape.
          return;
        }
        if (name.equals("add") || name.equals("addLast") || name.equals("offer")) {
          Symbol collection = getSymbol(ASTHelpers.getReceiver(call));
          if (collection != null && collection.getKind() == ElementKind.LOCAL_VARIABLE) {
            collections.add(collection);
            return;
          }
        }
        if (NEUTRAL_ARGUMENT_METHODS.contains(name)) {
          return;
        }
        // A method of the compilation: an await there is an await, a signal there leaves the
        // handle the caller's; anything else, or a method without source, lets it escape.
        ImmutableSet<Act> acts =
            MethodSummaries.of(state)
                .argumentActs(callee, call.getArguments().indexOf(leaf), state);
        if (acts == null || acts.contains(Act.ESCAPES)) {
          escapes = true;
        } else if (acts.contains(Act.AWAITS)) {
          awaited = true;
        } else if (!acts.contains(Act.SIGNALS)) {
          escapes = true;
        }
        return;
      }
      VarSymbol field =
          parent instanceof AssignmentTree store && store.getExpression() == leaf && threadHandle
              ? ownedField(store.getVariable())
              : null;
      if (field != null && (storedIn == null || storedIn == field)) {
        // worker = t: the class owns the thread through its private field.
        storedIn = field;
        return;
      }
      if (parent instanceof ReturnTree
          || parent instanceof AssignmentTree assignment && assignment.getExpression() == leaf
          || parent instanceof VariableTree variable && variable.getInitializer() == leaf
          || parent instanceof com.sun.source.tree.NewClassTree
          || parent instanceof com.sun.source.tree.NewArrayTree
          || parent instanceof com.sun.source.tree.ConditionalExpressionTree
          || parent instanceof LambdaExpressionTree) {
        escapes = true;
      }
    }

    /**
     * The private instance field {@code target} names ({@code worker}, {@code this.worker}), or
     * null.
     */
    @Nullable
    private VarSymbol ownedField(ExpressionTree target) {
      if (!Trees.namesOwnMember(target, state)
          || !(getSymbol(target) instanceof VarSymbol field)
          || field == handle) {
        return null;
      }
      Set<Modifier> modifiers = field.getModifiers();
      // A thread kept as a Runnable or Object is no handle the class can join.
      return field.getKind() == ElementKind.FIELD
              && modifiers.contains(Modifier.PRIVATE)
              && !modifiers.contains(Modifier.STATIC)
              && Resources.isSubtype(field.type, "java.lang.Thread", state)
          ? field
          : null;
    }

    /**
     * Judges the handle by the chain of dependent futures built on it at {@code call}: awaited
     * where the chain ends in a wait, untouched where the chain is dropped as a statement, handed
     * on otherwise.
     */
    private void followChain(TreePath call) {
      if (Futures.chainAwaits(call)) {
        awaited = true;
      } else if (!(Futures.chainTop(call).getParentPath().getLeaf()
          instanceof ExpressionStatementTree)) {
        escapes = true;
      }
    }

    /**
     * Whether the use sits in the task launched on the handle itself: a lambda or class passed to a
     * call on the handle ({@code timer.schedule(new TimerTask() {.. timer.cancel(); ..})}) or in
     * the handle's own initializer ({@code Thread t = new Thread(() -> .. t ..)}).
     */
    private boolean inOwnTask(TreePath use) {
      TreePath task = null;
      for (TreePath p = use.getParentPath();
          p != null && p.getLeaf() != scope;
          p = p.getParentPath()) {
        if (p.getLeaf() instanceof LambdaExpressionTree || p.getLeaf() instanceof ClassTree) {
          task = p;
        }
      }
      if (task == null) {
        return false;
      }
      Tree taskTree = task.getLeaf();
      for (TreePath p = task.getParentPath();
          p != null && p.getLeaf() != scope;
          p = p.getParentPath()) {
        Tree leaf = p.getLeaf();
        if (leaf instanceof MethodInvocationTree call
            && anyContains(call.getArguments(), taskTree)) {
          return getSymbol(ASTHelpers.getReceiver(call)) == handle;
        }
        if (leaf instanceof VariableTree variable) {
          return getSymbol(variable) == handle;
        }
        if (leaf instanceof AssignmentTree assignment) {
          return getSymbol(assignment.getVariable()) == handle;
        }
        if (leaf instanceof com.sun.source.tree.StatementTree) {
          return false;
        }
      }
      return false;
    }

    private static boolean anyContains(List<? extends Tree> outers, Tree inner) {
      for (Tree outer : outers) {
        if (contains(outer, inner)) {
          return true;
        }
      }
      return false;
    }

    private static boolean contains(Tree outer, Tree inner) {
      boolean[] found = {false};
      new com.sun.source.util.TreeScanner<Void, Void>() {
        @Override
        public Void scan(Tree tree, Void unused) {
          if (tree == inner) {
            found[0] = true;
          }
          return found[0] ? null : super.scan(tree, null);
        }
      }.scan(outer, null);
      return found[0];
    }

    /** Whether the use sits in a lambda or class nested inside the scope. */
    private boolean capturedElsewhere(TreePath use) {
      for (TreePath p = use.getParentPath();
          p != null && p.getLeaf() != scope;
          p = p.getParentPath()) {
        if (p.getLeaf() instanceof LambdaExpressionTree || p.getLeaf() instanceof ClassTree) {
          return true;
        }
      }
      return false;
    }
  }
}
