package io.github.daemonguard.analysis;

import static com.google.errorprone.util.ASTHelpers.getSymbol;

import com.google.errorprone.VisitorState;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.util.Name;
import com.sun.tools.javac.util.Names;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/** Small, pure helpers over trees and paths. */
public final class Trees {
  private Trees() {}

  /** {@code this} or {@code super}, by name identity (decoding a name is what costs). */
  public static boolean isThisOrSuper(@Nullable ExpressionTree expression, VisitorState state) {
    if (!(expression instanceof IdentifierTree identifier)) {
      return false;
    }
    Names names = state.getNames();
    Name name = (Name) identifier.getName();
    return name == names._this || name == names._super;
  }

  /**
   * Whether {@code expression} names a member of this object: {@code x}, {@code this.x} or {@code
   * super.x} (not {@code other.x}).
   */
  public static boolean namesOwnMember(@Nullable ExpressionTree expression, VisitorState state) {
    return expression instanceof IdentifierTree
        || (expression instanceof MemberSelectTree select
            && isThisOrSuper(select.getExpression(), state));
  }

  /**
   * The declaration of local variable {@code symbol} inside {@code scope}, or null. The scope's
   * variables are indexed once per compilation unit: a method with many launches asks about each.
   */
  @Nullable
  public static VariableTree localDeclaration(Tree scope, Symbol symbol, VisitorState state) {
    AnalysisContext context = AnalysisContext.of(state);
    Object known = context.recall("LocalDeclarations", scope, null);
    @SuppressWarnings("unchecked") // only ever remembered as this map
    Map<Symbol, VariableTree> variables =
        known != AnalysisContext.UNKNOWN
            ? (Map<Symbol, VariableTree>) known
            : context.remember("LocalDeclarations", scope, null, variablesIn(scope));
    return variables.get(symbol);
  }

  /** Every variable declared in {@code scope}, by symbol (the first declaration of each). */
  private static Map<Symbol, VariableTree> variablesIn(Tree scope) {
    Map<Symbol, VariableTree> variables = new HashMap<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree tree, Void unused) {
        Symbol declared = getSymbol(tree);
        if (declared != null) {
          variables.putIfAbsent(declared, tree);
        }
        return super.visitVariable(tree, null);
      }
    }.scan(scope, null);
    return variables;
  }

  /** Every method invocation in {@code scope}, including nested lambdas and classes. */
  public static List<MethodInvocationTree> invocations(
      Tree scope, Predicate<MethodInvocationTree> filter) {
    List<MethodInvocationTree> found = new ArrayList<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
        if (filter.test(tree)) {
          found.add(tree);
        }
        return super.visitMethodInvocation(tree, null);
      }
    }.scan(scope, null);
    return found;
  }

  /** The static or instance initializer block that encloses {@code path}, or null. */
  @Nullable
  public static Tree initializer(TreePath path) {
    for (TreePath p = path; p != null && p.getParentPath() != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof MethodTree) {
        return null;
      }
      if (p.getLeaf() instanceof com.sun.source.tree.BlockTree
          && p.getParentPath().getLeaf() instanceof ClassTree) {
        return p.getLeaf();
      }
    }
    return null;
  }

  /**
   * Whether {@code path} lies in a lambda or class nested inside {@code scope} (whose code runs who
   * knows when), rather than in {@code scope}'s own code.
   */
  public static boolean inNestedCode(TreePath path, Tree scope) {
    for (TreePath p = path; p != null && p.getLeaf() != scope; p = p.getParentPath()) {
      if (p.getLeaf() instanceof LambdaExpressionTree || p.getLeaf() instanceof ClassTree) {
        return true;
      }
    }
    return false;
  }

  /**
   * The innermost code unit that encloses {@code path}: a method, a lambda, or a class (for an
   * initializer or a field). Exceptions a statement may throw are judged against it.
   */
  @Nullable
  public static TreePath enclosingCodeUnit(TreePath path) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof MethodTree
          || leaf instanceof LambdaExpressionTree
          || leaf instanceof ClassTree) {
        return p;
      }
    }
    return null;
  }

  /** Whether {@code inner} lies within {@code outer}'s source range. */
  public static boolean contains(Tree outer, Tree inner, com.google.errorprone.VisitorState state) {
    int start = com.google.errorprone.util.ASTHelpers.getStartPosition(outer);
    int end = state.getEndPosition(outer);
    int innerStart = com.google.errorprone.util.ASTHelpers.getStartPosition(inner);
    return start >= 0 && innerStart >= start && innerStart < end;
  }
}
