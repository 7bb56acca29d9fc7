package io.github.daemonguard.analysis;

import static com.google.errorprone.util.ASTHelpers.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.tree.JCTree;
import com.sun.tools.javac.tree.TreeInfo;
import com.sun.tools.javac.util.Name;
import com.sun.tools.javac.util.Names;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One walk of a scope (a method, lambda, initializer or class), indexed: where each variable is
 * used and declared, and each method invocation by name.
 *
 * <p>A method with many launches asks the same questions of the same scope once per launch; the
 * index answers each from the uses it needs instead of walking the scope again, so the cost stays
 * linear in the method's size. The compilation's {@link AnalysisContext} keeps a few recent scopes
 * of the current compilation unit.
 */
public final class ScopeIndex {
  private final Map<Symbol, List<TreePath>> uses = new HashMap<>();
  private final Map<Symbol, VariableTree> declarations = new HashMap<>();
  // By name object: decoding each call's name to a String is what an index of a big scope costs.
  private final Map<Name, List<TreePath>> invocations = new HashMap<>();
  private final Names names;

  private ScopeIndex(TreePath scope, Names names) {
    this.names = names;
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree tree, Void unused) {
        use(tree);
        return null;
      }

      @Override
      public Void visitMemberSelect(MemberSelectTree tree, Void unused) {
        use(tree);
        return super.visitMemberSelect(tree, null);
      }

      @Override
      public Void visitVariable(VariableTree tree, Void unused) {
        Symbol symbol = getSymbol(tree);
        if (symbol != null) {
          declarations.putIfAbsent(symbol, tree);
        }
        return super.visitVariable(tree, null);
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
        Symbol method = getSymbol(tree);
        if (method != null) {
          Name name = method.getSimpleName();
          List<TreePath> calls = invocations.get(name);
          if (calls == null) {
            calls = new ArrayList<>();
            invocations.put(name, calls);
          }
          calls.add(getCurrentPath());
        }
        return super.visitMethodInvocation(tree, null);
      }

      private void use(Tree tree) {
        // Only variables are asked about: types, packages and methods named here stay out.
        Symbol symbol = TreeInfo.symbol((JCTree) tree);
        if (symbol instanceof VarSymbol) {
          List<TreePath> found = uses.get(symbol);
          if (found == null) {
            found = new ArrayList<>();
            uses.put(symbol, found);
          }
          found.add(getCurrentPath());
        }
      }
    }.scan(scope, null);
  }

  /** The index of {@code scope}, a tree of the compilation unit {@code state} is in. */
  public static ScopeIndex of(Tree scope, VisitorState state) {
    return AnalysisContext.of(state).scopeIndex(scope, state);
  }

  /** Walks {@code scope}, a tree of the compilation unit of {@code here}, once. */
  static ScopeIndex build(TreePath here, Tree scope, Names names) {
    // Usually the scope encloses the tree asked about: its path is then a part of that one, and
    // no search of the unit from its root is needed.
    for (TreePath enclosing = here; enclosing != null; enclosing = enclosing.getParentPath()) {
      if (enclosing.getLeaf() == scope) {
        return new ScopeIndex(enclosing, names);
      }
    }
    CompilationUnitTree unit = here.getCompilationUnit();
    TreePath path = TreePath.getPath(unit, scope);
    return new ScopeIndex(path == null ? new TreePath(new TreePath(unit), scope) : path, names);
  }

  /**
   * The paths of every identifier or member select in the scope that refers to variable {@code
   * symbol} (none for a symbol that is not a variable).
   */
  public List<TreePath> uses(@Nullable Symbol symbol) {
    List<TreePath> found = symbol == null ? null : uses.get(symbol);
    return found == null ? List.of() : java.util.Collections.unmodifiableList(found);
  }

  /** The declaration of {@code symbol} in the scope, or null. */
  @Nullable
  public VariableTree declaration(@Nullable Symbol symbol) {
    return symbol == null ? null : declarations.get(symbol);
  }

  /** The paths of every invocation in the scope of a method named {@code name}. */
  public List<TreePath> invocations(String name) {
    List<TreePath> found = invocations.get(names.fromString(name));
    return found == null ? List.of() : java.util.Collections.unmodifiableList(found);
  }
}
