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
import com.sun.tools.javac.code.Symbol.VarSymbol;
import io.github.daemonguard.analysis.Resources.Opening;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Finds the resources a task uses: those it captures or is handed, and those it opens.
 *
 * <p>Calls to methods declared in the same compilation unit are followed a few levels deep, each
 * method at most once, so the walk stays linear in the code it reads.
 */
public final class ResourceScanner {
  private static final int MAX_CALL_DEPTH = 3;
  private static final int MAX_METHODS_FOLLOWED = 50;

  private final VisitorState state;
  private final Declarations declarations;
  private final Set<Symbol> declaredInside = new HashSet<>();
  private final Set<Symbol> followed = new HashSet<>();
  private final Set<Symbol> closedInside = new HashSet<>();
  private final Map<Object, ResourceUse> uses = new LinkedHashMap<>();
  private final Map<Tree, Symbol> localOpenedAt = new LinkedHashMap<>();

  private ResourceScanner(VisitorState state) {
    this.state = state;
    this.declarations = Declarations.of(state);
  }

  /** The resources {@code task} uses, one entry per resource. */
  public static ImmutableList<ResourceUse> usesOf(Task task, VisitorState state) {
    ResourceScanner scanner = new ResourceScanner(state);
    for (ExpressionTree handedIn : task.handedIn()) {
      scanner.handedIn(handedIn);
    }
    TreePath unit = new TreePath(state.getPath().getCompilationUnit());
    for (Tree body : task.bodies()) {
      Symbol self = body instanceof MethodTree ? getSymbol(body) : null;
      if (self != null) {
        scanner.followed.add(self);
      }
      scanner.new Walker(0).scan(new TreePath(unit, body), null);
    }
    return scanner.finish();
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

  private final class Walker extends TreePathScanner<Void, Void> {
    private final int depth;

    Walker(int depth) {
      this.depth = depth;
    }

    @Override
    public Void visitVariable(VariableTree tree, Void unused) {
      Symbol symbol = getSymbol(tree);
      if (symbol != null) {
        declaredInside.add(symbol);
      }
      return super.visitVariable(tree, null);
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
      if (!(symbol instanceof VarSymbol)
          || declaredInside.contains(symbol)
          || !isCapturable(symbol)) {
        return;
      }
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
      record(
          new ResourceUse(symbol, tree, symbol.getSimpleName().toString(), output, false, false));
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
      follow(method);
      return super.visitMethodInvocation(tree, null);
    }

    private void follow(Symbol method) {
      if (depth >= MAX_CALL_DEPTH
          || followed.size() >= MAX_METHODS_FOLLOWED
          || method == null
          || !followed.add(method)) {
        return;
      }
      MethodTree declaration = declarations.method(method);
      if (declaration != null && declaration.getBody() != null) {
        TreePath unit = new TreePath(state.getPath().getCompilationUnit());
        new Walker(depth + 1).scan(new TreePath(unit, declaration), null);
      }
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
