package io.github.daemonguard.analysis;

import static com.google.errorprone.util.ASTHelpers.getSymbol;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import io.github.daemonguard.analysis.Resources.Opening;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * Finds the resources a task uses: those it captures or is handed, and those it opens.
 *
 * <p>Calls to methods whose source is in the compilation (in any of its files) are followed a few
 * levels deep through their {@link MethodSummaries summaries}, nearest first, each method at most
 * once, so the walk stays linear in the code it reads.
 */
public final class ResourceScanner {
  private static final int MAX_CALL_DEPTH = MethodSummaries.MAX_DEPTH;
  private static final int MAX_METHODS_FOLLOWED = 50;

  private final VisitorState state;
  @Nullable private final MethodSymbol summarized;
  private final Set<Symbol> declaredInside = new HashSet<>();
  private final Set<Symbol> closedInside = new HashSet<>();
  private final Map<Object, ResourceUse> uses = new LinkedHashMap<>();
  private final Map<Tree, Symbol> localOpenedAt = new LinkedHashMap<>();
  private final Set<MethodSymbol> callees = new LinkedHashSet<>();

  /** Instance methods called on another object: their receiver's fields are not this one's. */
  private final Set<MethodSymbol> foreignCallees = new LinkedHashSet<>();

  private final Set<Integer> writtenParameters = new LinkedHashSet<>();

  /**
   * Variables declared inside that hold what a captured array or collection holds: a local copy of
   * it ({@code Handler[] handlers = this.handlers}), or the variable of a loop over it ({@code for
   * (Handler h : handlers)}); each mapped to the captured variable. A use of one is a use of that.
   */
  private final Map<Symbol, VarSymbol> heldBy = new java.util.HashMap<>();

  private ResourceScanner(VisitorState state, @Nullable MethodSymbol summarized) {
    this.state = state;
    this.summarized = summarized;
  }

  /** The resources {@code task} uses, one entry per resource. */
  public static ImmutableList<ResourceUse> usesOf(Task task, VisitorState state) {
    ResourceScanner scanner = new ResourceScanner(state, null);
    for (ExpressionTree handedIn : task.handedIn()) {
      scanner.handedIn(handedIn);
    }
    TreePath unit = new TreePath(state.getPath().getCompilationUnit());
    Set<Symbol> followed = new HashSet<>();
    for (Tree body : task.bodies()) {
      Symbol self = body instanceof MethodTree ? getSymbol(body) : null;
      if (self != null) {
        followed.add(self);
      }
      scanner.new Walker().scan(new TreePath(unit, body), null);
    }
    scanner.followCallees(followed);
    return scanner.finish();
  }

  /**
   * The resources {@code method}'s own body uses, for its summary: its parameters are the caller's
   * (each resource parameter it writes goes to {@code written}); the methods it calls go to {@code
   * calleesOut}, unfollowed, or to {@code foreignCalleesOut} when called on another object.
   */
  static ImmutableList<ResourceUse> direct(
      MethodSymbol method,
      TreePath declaration,
      VisitorState state,
      Set<Integer> written,
      Set<MethodSymbol> calleesOut,
      Set<MethodSymbol> foreignCalleesOut) {
    ResourceScanner scanner = new ResourceScanner(state, method);
    scanner.new Walker().scan(declaration, null);
    written.addAll(scanner.writtenParameters);
    calleesOut.addAll(scanner.callees);
    foreignCalleesOut.addAll(scanner.foreignCallees);
    return scanner.finish();
  }

  /**
   * Adds what the methods the task calls use, and what theirs use, nearest first, at most {@link
   * #MAX_CALL_DEPTH} calls deep.
   */
  private void followCallees(Set<Symbol> followed) {
    MethodSummaries summaries = MethodSummaries.of(state);
    Frontier own = new Frontier(false, followed, callees);
    Frontier other = new Frontier(true, new HashSet<>(), foreignCallees);
    for (int depth = 1;
        depth <= MAX_CALL_DEPTH && !(own.level.isEmpty() && other.level.isEmpty());
        depth++) {
      if (!follow(own, own, other, summaries) || !follow(other, own, other, summaries)) {
        return;
      }
      own.advance();
      other.advance();
    }
  }

  /**
   * The methods of one call depth to follow, on the task's own object or on another one, and those
   * of the next depth as they are found.
   */
  private static final class Frontier {
    final boolean foreign;
    final Set<Symbol> followed;
    List<MethodSymbol> level;
    List<MethodSymbol> next = new ArrayList<>();

    Frontier(boolean foreign, Set<Symbol> followed, Set<MethodSymbol> first) {
      this.foreign = foreign;
      this.followed = followed;
      this.level = new ArrayList<>(first);
    }

    void advance() {
      level = next;
      next = new ArrayList<>();
    }
  }

  /**
   * Records what the methods of {@code from}'s level use and queues what they call; false once
   * {@link #MAX_METHODS_FOLLOWED} methods have been followed.
   */
  private boolean follow(Frontier from, Frontier own, Frontier other, MethodSummaries summaries) {
    for (MethodSymbol method : from.level) {
      if (own.followed.size() + other.followed.size() >= MAX_METHODS_FOLLOWED) {
        return false;
      }
      MethodUses summary = from.followed.contains(method) ? null : summaries.uses(method, state);
      if (summary == null) {
        continue;
      }
      from.followed.add(method);
      for (ResourceUse use : summary.resourceUses()) {
        record(from.foreign ? onAnotherObject(use) : use);
      }
      // Whatever a method called on another object calls runs on that object too.
      (from.foreign ? other : own).next.addAll(summary.callees());
      other.next.addAll(summary.foreignCallees());
    }
    return true;
  }

  /**
   * A use by a method called on another object: a field of its receiver is that object's, not the
   * task owner's (closing the owner's field does not close it), so it is kept only as a write
   * somewhere, with no variable to match a close against.
   */
  private static ResourceUse onAnotherObject(ResourceUse use) {
    Symbol symbol = use.symbol();
    if (symbol == null
        || symbol.getKind() != ElementKind.FIELD
        || symbol.isStatic()
        || use.openedByTask()) {
      return use;
    }
    return new ResourceUse(null, use.site(), use.name(), use.output(), false, false);
  }

  /**
   * A resource the task captures and hands to {@code call}, whose summary says it writes to that
   * parameter, is written (a user {@code Closeable} whose write method is the callee's business).
   */
  private void handedToWriter(MethodInvocationTree call, @Nullable MethodSymbol method) {
    if (summarized != null || method == null || call.getArguments().isEmpty()) {
      return;
    }
    MethodUses summary = null;
    List<? extends ExpressionTree> arguments = call.getArguments();
    for (int i = 0; i < arguments.size(); i++) {
      Symbol symbol = getSymbol(arguments.get(i));
      if (!(symbol instanceof VarSymbol)
          || declaredInside.contains(symbol)
          || !isCapturable(symbol)) {
        continue;
      }
      if (summary == null) {
        summary = MethodSummaries.of(state).uses(method, state);
        if (summary == null) {
          return;
        }
      }
      int parameter = Math.min(i, method.getParameters().size() - 1);
      if (summary.writtenParameters().contains(parameter)) {
        record(
            new ResourceUse(
                symbol, arguments.get(i), symbol.getSimpleName().toString(), true, false, false));
      }
    }
  }

  /** Whether {@code call} invokes an instance method on an object other than {@code this}. */
  private boolean calledOnAnotherObject(MethodInvocationTree call, MethodSymbol callee) {
    return !callee.isStatic()
        && call.getMethodSelect() instanceof MemberSelectTree select
        && !Trees.isThisOrSuper(select.getExpression(), state);
  }

  private void handedIn(ExpressionTree expression) {
    Symbol symbol = getSymbol(expression);
    if (symbol instanceof VarSymbol && isCapturable(symbol)) {
      // A read-write type handed in counts as written only where the task's code writes it.
      boolean output = Resources.isOutputType(symbol.type, state);
      record(
          new ResourceUse(
              symbol, expression, symbol.getSimpleName().toString(), output, false, false));
    }
  }

  private boolean isCapturable(Symbol symbol) {
    return Resources.isResourceType(symbol.type, state) && !Resources.isStandardStream(symbol);
  }

  private void record(ResourceUse use) {
    Object key = use.symbol() != null ? use.symbol() : use.site();
    ResourceUse previous = uses.get(key);
    if (previous == null || (!previous.output() && use.output())) {
      uses.put(key, use);
    }
  }

  private ImmutableList<ResourceUse> finish() {
    ImmutableList.Builder<ResourceUse> result = ImmutableList.builder();
    for (ResourceUse use : uses.values()) {
      Symbol local = localOpenedAt.get(use.site());
      if (use.openedByTask() && local != null && closedInside.contains(local)) {
        use = new ResourceUse(null, use.site(), use.name(), use.output(), true, true);
      }
      result.add(use);
    }
    return result.build();
  }

  /**
   * The captured variable whose elements {@code expression} holds: a captured array or collection
   * itself, or a local copy of one; null otherwise.
   */
  @Nullable
  private VarSymbol holderOfElements(@Nullable ExpressionTree expression) {
    Symbol symbol = expression == null ? null : getSymbol(expression);
    if (!(symbol instanceof VarSymbol variable)) {
      return null;
    }
    if (heldBy.containsKey(variable)) {
      return heldBy.get(variable);
    }
    return declaredInside.contains(variable) || isCapturable(variable) ? null : variable;
  }

  private final class Walker extends TreePathScanner<Void, Void> {
    @Override
    public Void visitVariable(VariableTree tree, Void unused) {
      Symbol symbol = getSymbol(tree);
      if (symbol != null) {
        declaredInside.add(symbol);
        VarSymbol holder =
            symbol.type instanceof com.sun.tools.javac.code.Type.ArrayType
                ? holderOfElements(tree.getInitializer())
                : null;
        if (holder != null) {
          // Handler[] handlers = this.handlers: a copy of the captured array.
          heldBy.put(symbol, holder);
        }
      }
      return super.visitVariable(tree, null);
    }

    @Override
    public Void visitEnhancedForLoop(com.sun.source.tree.EnhancedForLoopTree loop, Void unused) {
      Symbol element = getSymbol(loop.getVariable());
      VarSymbol holder = holderOfElements(loop.getExpression());
      if (element != null && holder != null && isCapturable(element)) {
        // for (Handler h : handlers) h.publish(r): a use of each resource the captured one holds.
        heldBy.put(element, holder);
      }
      return super.visitEnhancedForLoop(loop, null);
    }

    @Override
    public Void visitIdentifier(IdentifierTree tree, Void unused) {
      captured(tree);
      return null;
    }

    @Override
    public Void visitMemberSelect(MemberSelectTree tree, Void unused) {
      captured(tree);
      return super.visitMemberSelect(tree, null);
    }

    private void captured(ExpressionTree tree) {
      Symbol symbol = getSymbol(tree);
      if (!(symbol instanceof VarSymbol) || !isCapturable(symbol)) {
        return;
      }
      if (summarized != null && symbol.getKind() == ElementKind.PARAMETER) {
        int index = summarized.getParameters().indexOf(symbol);
        if (index >= 0 && isOutput(symbol)) {
          writtenParameters.add(index);
        }
        return;
      }
      VarSymbol holder = heldBy.get(symbol);
      if (holder != null && !harmlessAfterClose(symbol)) {
        record(
            new ResourceUse(
                holder, tree, holder.getSimpleName().toString(), isOutput(symbol), false, false));
        return;
      }
      if (declaredInside.contains(symbol) || harmlessAfterClose(symbol)) {
        return;
      }
      record(
          new ResourceUse(
              symbol, tree, symbol.getSimpleName().toString(), isOutput(symbol), false, false));
    }

    /** Whether the current use of {@code symbol} writes to it. */
    private boolean isOutput(Symbol symbol) {
      boolean output;
      if (Resources.isSink(symbol.type, state)) {
        output = Resources.writesToSink(symbol.type, invokedName(), state);
      } else if (Resources.isOutputType(symbol.type, state)) {
        output = true;
      } else if (Resources.isInputType(symbol.type, state)) {
        output = false;
      } else {
        output = Resources.isWriteMethodName(invokedName());
      }
      return output;
    }

    /**
     * Whether the current use of {@code symbol} is a call its type allows after a close, with no
     * effect then: {@code isOpen()}, a {@code Selector}'s {@code wakeup()}.
     */
    private boolean harmlessAfterClose(Symbol symbol) {
      String invoked = invokedName();
      return invoked.equals("isOpen")
          || invoked.equals("wakeup")
              && Resources.isSubtype(symbol.type, "java.nio.channels.Selector", state);
    }

    /** The name of the method invoked on the current tree, or "" when it is not a receiver. */
    private String invokedName() {
      TreePath parent = getCurrentPath().getParentPath();
      if (parent != null
          && parent.getLeaf() instanceof MemberSelectTree select
          && parent.getParentPath().getLeaf() instanceof MethodInvocationTree) {
        return select.getIdentifier().toString();
      }
      return "";
    }

    @Override
    public Void visitNewClass(NewClassTree tree, Void unused) {
      Opening opening = Resources.opening(tree, state);
      if (opening != Opening.NONE) {
        opened(tree, opening, false);
      }
      return super.visitNewClass(tree, null);
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
      Opening opening = Resources.opening(tree, state);
      if (opening != Opening.NONE) {
        boolean returnsResource = Resources.isResourceType(ASTHelpers.getType(tree), state);
        opened(tree, opening, !returnsResource);
      }
      Symbol method = getSymbol(tree);
      Symbol receiver = method == null ? null : getSymbol(ASTHelpers.getReceiver(tree));
      if (receiver != null
          && Resources.closeMethods(receiver.type, state)
              .contains(method.getSimpleName().toString())) {
        closedInside.add(receiver);
      }
      if (method instanceof MethodSymbol callee) {
        if (calledOnAnotherObject(tree, callee)) {
          foreignCallees.add(callee);
        } else {
          callees.add(callee);
        }
        handedToWriter(tree, callee);
      }
      return super.visitMethodInvocation(tree, null);
    }

    private void opened(ExpressionTree tree, Opening opening, boolean selfClosing) {
      boolean closed = selfClosing || isTryResource();
      Symbol local = assignedLocal();
      if (local != null) {
        localOpenedAt.put(tree, local);
      }
      record(
          new ResourceUse(
              null, tree, state.getSourceForNode(tree), opening == Opening.OUTPUT, true, closed));
    }

    /** Whether the current expression, maybe wrapped, initializes a try-with-resources variable. */
    private boolean isTryResource() {
      for (TreePath p = getCurrentPath().getParentPath(); p != null; p = p.getParentPath()) {
        Tree leaf = p.getLeaf();
        if (leaf instanceof VariableTree) {
          return p.getParentPath().getLeaf() instanceof TryTree tryTree
              && tryTree.getResources().contains(leaf);
        }
        if (!(leaf instanceof NewClassTree) && !(leaf instanceof ExpressionTree)) {
          return false;
        }
      }
      return false;
    }

    /** The local the current expression, maybe wrapped, is stored into, or null. */
    private Symbol assignedLocal() {
      for (TreePath p = getCurrentPath().getParentPath(); p != null; p = p.getParentPath()) {
        Tree leaf = p.getLeaf();
        if (leaf instanceof VariableTree) {
          return getSymbol(leaf);
        }
        if (!(leaf instanceof NewClassTree)) {
          return null;
        }
      }
      return null;
    }
  }
}
