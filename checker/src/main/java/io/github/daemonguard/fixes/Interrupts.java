package io.github.daemonguard.fixes;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import io.github.daemonguard.analysis.Trees;
import java.util.List;
import javax.lang.model.element.Modifier;

/** How a fix that waits must treat {@code InterruptedException} where it waits. */
public enum Interrupts {
  /** The enclosing method or lambda already declares it: wait plainly. */
  PROPAGATE,
  /** A {@code main} method: it may gain {@code throws InterruptedException}. */
  ADD_THROWS,
  /** Anywhere else: catch it, cancel the task, and restore the interrupt flag. */
  CATCH;

  /** The treatment for a wait placed at {@code path}. */
  public static Interrupts at(TreePath path, VisitorState state) {
    TreePath unit = Trees.enclosingCodeUnit(path);
    if (unit == null || caughtOnTheWay(path, unit, state)) {
      // An enclosing catch (Exception e) would take the interrupt and lose it.
      return CATCH;
    }
    Tree leaf = unit.getLeaf();
    if (leaf instanceof MethodTree method) {
      MethodSymbol symbol = ASTHelpers.getSymbol(method);
      if (symbol != null && declares(symbol.getThrownTypes(), state)) {
        return PROPAGATE;
      }
      return isMain(method) ? ADD_THROWS : CATCH;
    }
    if (leaf instanceof LambdaExpressionTree lambda) {
      Type type = ASTHelpers.getType(lambda);
      if (type != null) {
        try {
          MethodSymbol descriptor = (MethodSymbol) state.getTypes().findDescriptorSymbol(type.tsym);
          if (declares(descriptor.getThrownTypes(), state)) {
            return PROPAGATE;
          }
        } catch (RuntimeException notFunctional) {
          return CATCH;
        }
      }
    }
    return CATCH;
  }

  /** Whether {@code method} declares {@code InterruptedException} or a supertype of it. */
  public static boolean declaresInterrupted(MethodSymbol method, VisitorState state) {
    return declares(method.getThrownTypes(), state);
  }

  /** Whether a try between {@code path} and {@code unit} catches an InterruptedException. */
  private static boolean caughtOnTheWay(TreePath path, TreePath unit, VisitorState state) {
    Type interrupted = state.getTypeFromString("java.lang.InterruptedException");
    for (TreePath p = path; p.getParentPath() != null && p != unit; p = p.getParentPath()) {
      if (p.getParentPath().getLeaf() instanceof com.sun.source.tree.TryTree tryTree
          && tryTree.getBlock() == p.getLeaf()) {
        for (com.sun.source.tree.CatchTree handler : tryTree.getCatches()) {
          Type caught = ASTHelpers.getType(handler.getParameter());
          if (caught == null) {
            continue;
          }
          List<Type> alternatives =
              caught instanceof Type.UnionClassType union
                  ? com.google.common.collect.ImmutableList.copyOf(union.getAlternativeTypes())
                  : List.of(caught);
          if (declares(alternatives, state)) {
            return true;
          }
        }
      }
      if (p.getLeaf() == unit.getLeaf()) {
        break;
      }
    }
    return false;
  }

  private static boolean declares(List<Type> thrown, VisitorState state) {
    Type interrupted = state.getTypeFromString("java.lang.InterruptedException");
    return thrown.stream().anyMatch(t -> ASTHelpers.isSubtype(interrupted, t, state));
  }

  private static boolean isMain(MethodTree method) {
    return method.getName().contentEquals("main")
        && method.getModifiers().getFlags().contains(Modifier.STATIC)
        && method.getModifiers().getFlags().contains(Modifier.PUBLIC)
        && method.getParameters().size() == 1;
  }
}
