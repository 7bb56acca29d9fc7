package io.github.daemonguard.analysis;

import static com.google.errorprone.util.ASTHelpers.getSymbol;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ElementKind;

/** The variables through which a launcher talks to its task. */
public final class Talk {
  private Talk() {}

  /**
   * The locals and parameters of the launcher that {@code task} captures or is handed: a statement
   * that mentions one may still hand the task work or read its results.
   */
  public static ImmutableSet<Symbol> symbolsOf(Task task, VisitorState state) {
    Set<Symbol> declaredInside = new HashSet<>();
    ImmutableSet.Builder<Symbol> captured = ImmutableSet.builder();
    for (ExpressionTree handedIn : task.handedIn()) {
      Symbol symbol = getSymbol(handedIn);
      if (isLocal(symbol)) {
        captured.add(symbol);
      }
    }
    if (task.origin() instanceof com.sun.source.tree.LambdaExpressionTree
        || task.origin() instanceof com.sun.source.tree.NewClassTree) {
      for (Tree body : task.bodies()) {
        new TreeScanner<Void, Void>() {
          @Override
          public Void visitVariable(VariableTree tree, Void unused) {
            declaredInside.add(getSymbol(tree));
            return super.visitVariable(tree, null);
          }

          @Override
          public Void visitIdentifier(IdentifierTree tree, Void unused) {
            Symbol symbol = getSymbol(tree);
            if (isLocal(symbol) && !declaredInside.contains(symbol)) {
              captured.add(symbol);
            }
            return null;
          }
        }.scan(body, null);
      }
    }
    return captured.build();
  }

  /** The variables holding the resources in {@code uses}. */
  public static ImmutableSet<Symbol> resourceSymbols(List<ResourceUse> uses) {
    ImmutableSet.Builder<Symbol> symbols = ImmutableSet.builder();
    for (ResourceUse use : uses) {
      if (use.symbol() != null) {
        symbols.add(use.symbol());
      }
    }
    return symbols.build();
  }

  private static boolean isLocal(Symbol symbol) {
    return symbol instanceof VarSymbol
        && (symbol.getKind() == ElementKind.LOCAL_VARIABLE
            || symbol.getKind() == ElementKind.PARAMETER
            || symbol.getKind() == ElementKind.RESOURCE_VARIABLE);
  }
}
