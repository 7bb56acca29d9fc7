package io.github.daemonguard.analysis;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The classes and methods declared in one compilation unit, by symbol.
 *
 * <p>Built at most once per compilation unit, and only when a launch has matched, so that a file
 * without launches pays nothing for it.
 */
public final class Declarations {
  private final Map<Symbol, MethodTree> methods = new HashMap<>();
  private final Map<Symbol, ClassTree> classes = new HashMap<>();

  Declarations(CompilationUnitTree unit) {
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethod(MethodTree tree, Void unused) {
        Symbol symbol = ASTHelpers.getSymbol(tree);
        if (symbol != null) {
          methods.put(symbol, tree);
        }
        return super.visitMethod(tree, null);
      }

      @Override
      public Void visitClass(ClassTree tree, Void unused) {
        Symbol symbol = ASTHelpers.getSymbol(tree);
        if (symbol != null) {
          classes.put(symbol, tree);
        }
        return super.visitClass(tree, null);
      }
    }.scan(unit, null);
  }

  /** The declarations of the compilation unit {@code state} is in. */
  public static Declarations of(VisitorState state) {
    return AnalysisContext.of(state).declarations(state);
  }

  /** The declaration of {@code method} in this compilation unit, or null. */
  @Nullable
  public MethodTree method(@Nullable Symbol method) {
    return method == null ? null : methods.get(method);
  }

  /** The declaration of {@code type} in this compilation unit, or null. */
  @Nullable
  public ClassTree type(@Nullable Symbol type) {
    return type == null ? null : classes.get(type);
  }
}
