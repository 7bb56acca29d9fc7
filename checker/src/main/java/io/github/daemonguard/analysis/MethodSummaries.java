package io.github.daemonguard.analysis;

import static com.google.errorprone.util.ASTHelpers.getSymbol;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.Sets;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.api.JavacTrees;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.PackageSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import com.sun.tools.javac.comp.AttrContext;
import com.sun.tools.javac.comp.Enter;
import com.sun.tools.javac.comp.Env;
import com.sun.tools.javac.tree.JCTree.JCClassDecl;
import io.github.daemonguard.analysis.ExecutorCreations.ExecutorCreation;
import io.github.daemonguard.analysis.MethodSummary.Act;
import io.github.daemonguard.analysis.MethodSummary.Forward;
import io.github.daemonguard.analysis.MethodSummary.Slot;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * The {@link MethodSummary summaries} of the methods whose source is in the compilation, in any of
 * its files, built lazily (only when a candidate launch asks) and kept for the whole compilation.
 *
 * <p>A summary holds only what its method's own body does; the questions that follow calls ({@link
 * #argumentActs}, {@link #factory}, {@link ResourceScanner}'s callees) walk the summaries from the
 * method asked about, at most {@link #MAX_DEPTH} calls deep, and only such an answer, computed from
 * its root, is memoized. So no answer depends on which launch, or which file, asked first: the
 * order of the files never changes a result. Resolution is static: the method a call names, with
 * its body; an abstract method, or one whose class comes from a jar, adds nothing.
 *
 * <p>Holds trees of other compilation units (javac keeps them for the whole compilation anyway),
 * never a {@link VisitorState}.
 */
public final class MethodSummaries {
  /** How many calls deep a question follows the summaries. */
  public static final int MAX_DEPTH = 3;

  private final Map<Symbol, Optional<TreePath>> declarations = new HashMap<>();

  private final Map<MethodSymbol, Optional<MethodSummary>> summaries = new HashMap<>();

  /** The resource part of each summary, alone: following a task's callees needs no more. */
  private final Map<MethodSymbol, Optional<MethodUses>> uses = new HashMap<>();

  private final Map<ArgumentKey, Optional<ImmutableSet<Act>>> argumentActs = new HashMap<>();
  private final Map<MethodSymbol, Optional<Factory>> factories = new HashMap<>();
  private final Deque<MethodSymbol> factoriesInProgress = new ArrayDeque<>();

  private record ArgumentKey(MethodSymbol method, int index) {
    // Written out: a record's generated equals/hashCode bootstrap method handles on first use,
    // a fixed cost paid by every compilation.
    @Override
    public boolean equals(@Nullable Object object) {
      return object instanceof ArgumentKey other
          && Objects.equals(method, other.method)
          && index == other.index;
    }

    @Override
    public int hashCode() {
      return Objects.hash(method, index);
    }
  }

  /**
   * A method of the compilation that hands its callers a new executor: every {@code return} returns
   * one that it creates (or that another such factory does).
   *
   * @param daemonReason why the executor's threads are daemon, or null when they are not
   */
  public record Factory(@Nullable String daemonReason) {}

  MethodSummaries() {}

  /** The summaries of {@code state}'s compilation. */
  public static MethodSummaries of(VisitorState state) {
    return AnalysisContext.of(state).methodSummaries();
  }

  /**
   * The declaration of {@code symbol} (a method or class) in whichever file of the compilation
   * declares it, or null when its source is not in the compilation.
   */
  @Nullable
  public TreePath declaration(@Nullable Symbol symbol, VisitorState state) {
    if (symbol == null) {
      return null;
    }
    Optional<TreePath> known = declarations.get(symbol);
    if (known == null) {
      TreePath path =
          symbol instanceof ClassSymbol type
              ? classDeclaration(type, state)
              : symbol instanceof MethodSymbol method ? methodDeclaration(method, state) : null;
      known = Optional.ofNullable(path);
      declarations.put(symbol, known);
    }
    return known.orElse(null);
  }

  /**
   * The declaration of {@code type}: a top-level or member class is found from javac's own record
   * of its declaration, walking only the members of its enclosing classes (asking javac for a
   * symbol's path walks the whole file each time); a local or anonymous class is asked of javac.
   */
  @Nullable
  private TreePath classDeclaration(ClassSymbol type, VisitorState state) {
    if (type.sourcefile == null) {
      // From a class file, or javac's own (the array class, whose owner is no symbol at all).
      return null;
    }
    if (type.owner instanceof PackageSymbol) {
      Env<AttrContext> env = Enter.instance(state.context).getEnv(type);
      return env != null && env.toplevel != null && env.tree instanceof JCClassDecl
          ? new TreePath(new TreePath(env.toplevel), env.tree)
          : null;
    }
    if (type.owner instanceof ClassSymbol outer) {
      TreePath outerPath = declaration(outer, state);
      return outerPath == null ? null : member(outerPath, type);
    }
    return JavacTrees.instance(state.context).getPath(type);
  }

  @Nullable
  private TreePath methodDeclaration(MethodSymbol method, VisitorState state) {
    if (!(method.owner instanceof ClassSymbol owner)) {
      return null;
    }
    TreePath ownerPath = declaration(owner, state);
    return ownerPath == null ? null : member(ownerPath, method);
  }

  /** The path of the member of the class at {@code classPath} that declares {@code symbol}. */
  @Nullable
  private static TreePath member(TreePath classPath, Symbol symbol) {
    if (!(classPath.getLeaf() instanceof ClassTree type)) {
      return null;
    }
    for (Tree member : type.getMembers()) {
      if ((member instanceof MethodTree || member instanceof ClassTree)
          && getSymbol(member) == symbol) {
        return new TreePath(classPath, member);
      }
    }
    return null;
  }

  /** The declaration tree of {@code symbol}, as {@link #declaration}, or null. */
  @Nullable
  public Tree declarationTree(@Nullable Symbol symbol, VisitorState state) {
    TreePath path = declaration(symbol, state);
    return path == null ? null : path.getLeaf();
  }

  /** The summary of {@code method}, or null when its body is not in the compilation. */
  @Nullable
  public MethodSummary summary(@Nullable Symbol method, VisitorState state) {
    if (!(method instanceof MethodSymbol methodSymbol)) {
      return null;
    }
    Optional<MethodSummary> known = summaries.get(methodSymbol);
    if (known == null) {
      known = Optional.ofNullable(compute(methodSymbol, state));
      summaries.put(methodSymbol, known);
    }
    return known.orElse(null);
  }

  /**
   * The resources {@code method}'s body uses and the methods it calls (its summary's resource part,
   * computed without the rest), or null when its body is not in the compilation.
   */
  @Nullable
  public MethodUses uses(@Nullable Symbol method, VisitorState state) {
    if (!(method instanceof MethodSymbol methodSymbol)) {
      return null;
    }
    Optional<MethodUses> known = uses.get(methodSymbol);
    if (known == null) {
      known = Optional.ofNullable(computeUses(methodSymbol, state));
      uses.put(methodSymbol, known);
    }
    return known.orElse(null);
  }

  /**
   * What {@code callee} does, through its own callees, with the value its caller passes as the
   * argument at {@code index} (or as its receiver, {@link MethodSummary#RECEIVER_INDEX}); null when
   * the callee's source is not in the compilation. A value handed on to code whose source is
   * missing, or deeper than {@link #MAX_DEPTH} calls, {@link Act#ESCAPES escapes}; a receiver's
   * call to a method without source does nothing with it.
   */
  @Nullable
  public ImmutableSet<Act> argumentActs(@Nullable Symbol callee, int index, VisitorState state) {
    if (!(callee instanceof MethodSymbol method)) {
      return null;
    }
    ArgumentKey key = new ArgumentKey(method, index);
    Optional<ImmutableSet<Act>> known = argumentActs.get(key);
    if (known == null) {
      Set<Act> acts = EnumSet.noneOf(Act.class);
      boolean seen = collect(method, index, 1, new HashSet<>(), acts, state);
      known = seen ? Optional.of(Sets.immutableEnumSet(acts)) : Optional.empty();
      argumentActs.put(key, known);
    }
    return known.orElse(null);
  }

  private boolean collect(
      MethodSymbol method,
      int index,
      int depth,
      Set<ArgumentKey> visited,
      Set<Act> acts,
      VisitorState state) {
    MethodSummary summary = summary(method, state);
    if (summary == null) {
      return false;
    }
    if (!visited.add(new ArgumentKey(method, index))) {
      return true;
    }
    Object slot = MethodSummary.slotOf(method, index);
    if (slot == null) {
      return true;
    }
    acts.addAll(summary.acts().getOrDefault(slot, ImmutableSet.of()));
    for (Forward forward : summary.forwards()) {
      if (!forward.slot().equals(slot)) {
        continue;
      }
      boolean receiver = forward.index() == MethodSummary.RECEIVER_INDEX;
      boolean seen =
          depth < MAX_DEPTH
              && collect(forward.callee(), forward.index(), depth + 1, visited, acts, state);
      if (!seen && !(receiver && summary(forward.callee(), state) == null)) {
        // Handed to code the analysis does not see (missing, or too deep): its owner is there.
        acts.add(Act.ESCAPES);
      }
    }
    return true;
  }

  /**
   * What {@code method}, and the methods it calls on its own receiver ({@code this.m()}, {@code
   * super.m()}, {@code m()}), do with {@code field}: the closes and awaits a class's method reaches
   * through its own helpers. Empty when the method's source is not in the compilation.
   */
  public ImmutableSet<Act> fieldActs(@Nullable Symbol method, VarSymbol field, VisitorState state) {
    if (!(method instanceof MethodSymbol methodSymbol)) {
      return ImmutableSet.of();
    }
    Set<Act> acts = EnumSet.noneOf(Act.class);
    collectField(methodSymbol, field, 1, new HashSet<>(), acts, state);
    return Sets.immutableEnumSet(acts);
  }

  private void collectField(
      MethodSymbol method,
      VarSymbol field,
      int depth,
      Set<MethodSymbol> visited,
      Set<Act> acts,
      VisitorState state) {
    MethodSummary summary = summary(method, state);
    if (summary == null || !visited.add(method)) {
      return;
    }
    acts.addAll(summary.acts().getOrDefault(field, ImmutableSet.of()));
    for (Forward forward : summary.forwards()) {
      if (forward.slot().equals(field)) {
        ImmutableSet<Act> handed = argumentActs(forward.callee(), forward.index(), state);
        if (handed != null) {
          acts.addAll(handed);
        } else if (forward.index() != MethodSummary.RECEIVER_INDEX) {
          acts.add(Act.ESCAPES);
        }
      } else if (forward.slot() == Slot.RECEIVER
          && forward.index() == MethodSummary.RECEIVER_INDEX
          && depth < MAX_DEPTH) {
        collectField(forward.callee(), field, depth + 1, visited, acts, state);
      }
    }
  }

  /**
   * The executor factory {@code method} is, or null: a method of the compilation whose every {@code
   * return} returns an executor it creates ({@code Executors.new*}, {@code new
   * ThreadPoolExecutor(..)}, another factory's result, or a local initialized so).
   */
  @Nullable
  public Factory factory(@Nullable Symbol method, VisitorState state) {
    if (!(method instanceof MethodSymbol methodSymbol)
        || !mayReturnAnExecutor(methodSymbol, state)) {
      return null;
    }
    boolean root = factoriesInProgress.isEmpty();
    if (root) {
      Optional<Factory> known = factories.get(methodSymbol);
      if (known != null) {
        return known.orElse(null);
      }
    }
    if (factoriesInProgress.contains(methodSymbol) || factoriesInProgress.size() >= MAX_DEPTH) {
      return null;
    }
    MethodSummary summary = summary(methodSymbol, state);
    Factory factory = null;
    if (summary != null && !summary.returns().isEmpty()) {
      factoriesInProgress.push(methodSymbol);
      try {
        factory = computeFactory(summary, state.withPath(summary.path()));
      } finally {
        factoriesInProgress.pop();
      }
    }
    if (root) {
      factories.put(methodSymbol, Optional.ofNullable(factory));
    }
    return factory;
  }

  /**
   * Whether {@code method}'s declared return type can hold an executor: an {@code Executor}, or a
   * type as wide as {@code Object} or a type variable. The cheap test before a method's summary.
   */
  private static boolean mayReturnAnExecutor(MethodSymbol method, VisitorState state) {
    Type returned = method.getReturnType();
    if (returned == null || !returned.hasTag(TypeTag.CLASS)) {
      return returned != null && returned.hasTag(TypeTag.TYPEVAR);
    }
    return returned.tsym.getQualifiedName().contentEquals("java.lang.Object")
        || Resources.isSubtype(returned, "java.util.concurrent.Executor", state);
  }

  @Nullable
  private static Factory computeFactory(MethodSummary summary, VisitorState state) {
    MethodTree method = (MethodTree) summary.path().getLeaf();
    String daemonReason = null;
    boolean allDaemon = true;
    for (ExpressionTree returned : summary.returns()) {
      ExpressionTree value = ASTHelpers.stripParentheses(returned);
      if (value instanceof IdentifierTree
          && getSymbol(value) instanceof VarSymbol local
          && local.getKind() == ElementKind.LOCAL_VARIABLE
          && neverReassigned(method, local)) {
        VariableTree declaration = Trees.localDeclaration(method, local, state);
        value = declaration == null ? null : declaration.getInitializer();
      }
      ExecutorCreation creation = value == null ? null : ExecutorCreations.of(value, method, state);
      if (creation == null) {
        return null;
      }
      if (creation.isDaemon()) {
        daemonReason = daemonReason == null ? creation.daemonReason() : daemonReason;
      } else {
        allDaemon = false;
      }
    }
    return new Factory(allDaemon ? daemonReason : null);
  }

  /**
   * Whether {@code local} is assigned nowhere in {@code scope} but at its declaration: read from
   * the tree, not from javac's effectively-final flag, which flow analysis sets file by file, so
   * that a file javac has not flowed yet answers as one it has.
   */
  static boolean neverReassigned(Tree scope, Symbol local) {
    boolean[] assigned = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitAssignment(AssignmentTree node, Void unused) {
        assigned[0] |= getSymbol(node.getVariable()) == local;
        return super.visitAssignment(node, null);
      }

      @Override
      public Void visitCompoundAssignment(CompoundAssignmentTree node, Void unused) {
        assigned[0] |= getSymbol(node.getVariable()) == local;
        return super.visitCompoundAssignment(node, null);
      }

      @Override
      public Void visitUnary(UnaryTree node, Void unused) {
        assigned[0] |=
            (node.getKind() == Tree.Kind.PREFIX_INCREMENT
                    || node.getKind() == Tree.Kind.PREFIX_DECREMENT
                    || node.getKind() == Tree.Kind.POSTFIX_INCREMENT
                    || node.getKind() == Tree.Kind.POSTFIX_DECREMENT)
                && getSymbol(node.getExpression()) == local;
        return super.visitUnary(node, null);
      }
    }.scan(scope, null);
    return !assigned[0];
  }

  /** Summarizes {@code method}'s own body; never asks for another summary. */
  @Nullable
  private MethodSummary compute(MethodSymbol method, VisitorState state) {
    MethodUses own = uses(method, state);
    if (own == null) {
      return null;
    }
    TreePath path = own.path();
    MethodTree tree = (MethodTree) path.getLeaf();
    VisitorState here = state.withPath(path);
    BodyScanner body = new BodyScanner(method, tree, here);
    body.scan(path, null);
    Map<Object, ImmutableSet<Act>> acts = new LinkedHashMap<>();
    for (Map.Entry<Object, Set<Act>> act : body.acts.entrySet()) {
      acts.put(act.getKey(), Sets.immutableEnumSet(act.getValue()));
    }
    return new MethodSummary(
        method,
        path,
        own.resourceUses(),
        own.writtenParameters(),
        own.callees(),
        own.foreignCallees(),
        ImmutableMap.copyOf(acts),
        ImmutableList.copyOf(body.forwards),
        ImmutableList.copyOf(body.returns),
        EndlessLoops.in(ImmutableList.of(tree.getBody()), here) != null);
  }

  @Nullable
  private MethodUses computeUses(MethodSymbol method, VisitorState state) {
    TreePath path = declaration(method, state);
    if (path == null
        || !(path.getLeaf() instanceof MethodTree tree)
        || tree.getBody() == null
        || getSymbol(tree) != method) {
      return null;
    }
    Set<Integer> written = new LinkedHashSet<>();
    Set<MethodSymbol> callees = new LinkedHashSet<>();
    Set<MethodSymbol> foreignCallees = new LinkedHashSet<>();
    ImmutableList<ResourceUse> resourceUses =
        ResourceScanner.direct(
            method, path, state.withPath(path), written, callees, foreignCallees);
    return new MethodUses(
        path,
        resourceUses,
        ImmutableSet.copyOf(written),
        ImmutableList.copyOf(callees),
        ImmutableList.copyOf(foreignCallees));
  }

  /** Classifies what one method body does with its parameters, its receiver and fields. */
  private static final class BodyScanner extends TreePathScanner<Void, Void> {
    private final MethodSymbol method;
    private final MethodTree tree;
    private final VisitorState state;
    private final Config config;
    private final Set<Symbol> parameters;
    final Map<Object, Set<Act>> acts = new LinkedHashMap<>();
    final List<Forward> forwards = new ArrayList<>();
    final List<ExpressionTree> returns = new ArrayList<>();

    BodyScanner(MethodSymbol method, MethodTree tree, VisitorState state) {
      this.method = method;
      this.tree = tree;
      this.state = state;
      this.config = AnalysisContext.of(state).config();
      this.parameters = new HashSet<>(method.getParameters());
    }

    @Override
    public Void visitReturn(ReturnTree node, Void unused) {
      if (node.getExpression() != null && !Trees.inNestedCode(getCurrentPath(), tree)) {
        returns.add(node.getExpression());
      }
      return super.visitReturn(node, null);
    }

    @Override
    public Void visitIdentifier(IdentifierTree node, Void unused) {
      Symbol symbol = getSymbol(node);
      if (symbol instanceof VarSymbol) {
        String name = node.getName().toString();
        if (name.equals("this") || name.equals("super")) {
          use(Slot.RECEIVER, getCurrentPath());
        } else if (parameters.contains(symbol) || symbol.getKind() == ElementKind.FIELD) {
          use(symbol, getCurrentPath());
        }
      }
      return null;
    }

    @Override
    public Void visitMemberSelect(MemberSelectTree node, Void unused) {
      Symbol symbol = getSymbol(node);
      if (symbol instanceof VarSymbol && symbol.getKind() == ElementKind.FIELD) {
        use(symbol, getCurrentPath());
        return null;
      }
      return super.visitMemberSelect(node, null);
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
      // m(): a call on the implicit receiver, when m is an instance method of this class.
      MethodSymbol callee = getSymbol(node);
      if (node.getMethodSelect() instanceof IdentifierTree
          && callee != null
          && !callee.isStatic()
          && !callee.isConstructor()
          && method.enclClass() != null
          && callee.owner instanceof ClassSymbol owner
          && method.enclClass().isSubClass(owner, state.getTypes())
          && !Trees.inNestedCode(getCurrentPath(), tree)) {
        receiverCall(Slot.RECEIVER, callee, node);
      }
      return super.visitMethodInvocation(node, null);
    }

    private void act(Object slot, Act act) {
      Set<Act> known = acts.get(slot);
      if (known == null) {
        known = EnumSet.noneOf(Act.class);
        acts.put(slot, known);
      }
      known.add(act);
    }

    /** Classifies one use of the value in {@code slot}, at {@code use}. */
    private void use(Object slot, TreePath use) {
      if (Trees.inNestedCode(use, tree)) {
        // Captured by a lambda or class that may run who knows when; a field stays the class's.
        if (!(slot instanceof Symbol field && field.getKind() == ElementKind.FIELD)) {
          act(slot, Act.ESCAPES);
        }
        return;
      }
      Tree leaf = use.getLeaf();
      TreePath parentPath = use.getParentPath();
      while (parentPath.getLeaf() instanceof ParenthesizedTree
          || parentPath.getLeaf() instanceof TypeCastTree) {
        leaf = parentPath.getLeaf();
        parentPath = parentPath.getParentPath();
      }
      Tree parent = parentPath.getLeaf();
      if (parent instanceof MemberSelectTree select
          && parentPath.getParentPath().getLeaf() instanceof MethodInvocationTree call
          && call.getMethodSelect() == select) {
        MethodSymbol callee = getSymbol(call);
        if (callee != null) {
          receiverCall(slot, callee, call);
        }
        return;
      }
      if (parent instanceof MethodInvocationTree call && call.getArguments().contains(leaf)) {
        argument(slot, call, call.getArguments().indexOf(leaf));
        return;
      }
      if (parent instanceof ReturnTree
          || parent instanceof AssignmentTree assignment && assignment.getExpression() == leaf
          || parent instanceof VariableTree variable && variable.getInitializer() == leaf
          || parent instanceof NewClassTree
          || parent instanceof NewArrayTree
          || parent instanceof ConditionalExpressionTree
          || parent instanceof LambdaExpressionTree
          || parent instanceof MemberReferenceTree) {
        act(slot, Act.ESCAPES);
      }
    }

    private void receiverCall(Object slot, MethodSymbol callee, MethodInvocationTree call) {
      String name = callee.getSimpleName().toString();
      switch (name) {
        case "join", "get", "awaitTermination", "awaitQuiescence" -> act(slot, Act.AWAITS);
        case "shutdown", "shutdownNow" -> act(slot, Act.SHUTS_DOWN);
        case "interrupt", "cancel" -> act(slot, Act.SIGNALS);
        case "close" -> act(slot, Act.CLOSES);
        default -> {
          if (callee.owner != null
              && Resources.closeMethods(callee.owner.type, state).contains(name)) {
            act(slot, Act.CLOSES);
          } else {
            forwards.add(new Forward(slot, callee, MethodSummary.RECEIVER_INDEX));
          }
        }
      }
    }

    private void argument(Object slot, MethodInvocationTree call, int index) {
      Symbol callee = getSymbol(call);
      String name = callee == null ? "" : callee.getSimpleName().toString();
      if (config.isAwaitMethod(callee) && index == 0) {
        act(slot, Act.AWAITS);
      } else if (name.equals("shutdownAndAwaitTermination")) {
        act(slot, Act.SHUTS_DOWN);
        act(slot, Act.AWAITS);
      } else if (Fates.NEUTRAL_ARGUMENT_METHODS.contains(name) || Awaits.combinesAny(name)) {
        // Logged, checked for null, formatted: neither waited for nor handed on.
      } else if (callee instanceof MethodSymbol calleeMethod) {
        forwards.add(new Forward(slot, calleeMethod, index));
      } else {
        act(slot, Act.ESCAPES);
      }
    }
  }
}
