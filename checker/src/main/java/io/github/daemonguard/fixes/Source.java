package io.github.daemonguard.fixes;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import java.util.HashSet;
import java.util.Set;

/** Helpers for generating source text that fits the code around it. */
final class Source {
  private Source() {}

  /** The whitespace that starts the line {@code tree} starts on. */
  static String indentOf(Tree tree, VisitorState state) {
    CharSequence source = state.getSourceCode();
    int position = ASTHelpers.getStartPosition(tree);
    int lineStart = position;
    while (lineStart > 0 && source.charAt(lineStart - 1) != '\n') {
      lineStart--;
    }
    int end = lineStart;
    while (end < position && Character.isWhitespace(source.charAt(end))) {
      end++;
    }
    return source.subSequence(lineStart, end).toString();
  }

  /**
   * Adds {@code lines} (already indented) on lines of their own after {@code statement}: at the
   * start of the next line when the statement ends its line, so that a diagnostic's "Did you mean"
   * shows the new code rather than the statement before it.
   */
  static void addLinesAfter(
      SuggestedFix.Builder fix, Tree statement, String lines, VisitorState state) {
    CharSequence source = state.getSourceCode();
    int end = state.getEndPosition(statement);
    int p = end;
    while (p < source.length() && (source.charAt(p) == ' ' || source.charAt(p) == '\t')) {
      p++;
    }
    if (p < source.length() && source.charAt(p) == '\n') {
      fix.replace(p + 1, p + 1, lines + "\n");
    } else {
      fix.postfixWith(statement, "\n" + lines);
    }
  }

  /** {@code code}, each line after the first prefixed with {@code indent}. */
  static String indented(String code, String indent) {
    return code.replace("\n", "\n" + indent);
  }

  /**
   * The simple names a new local at {@code position} must avoid: every name used in {@code scope},
   * and every name declared there except in lambdas and classes that do not enclose {@code
   * position} (their locals are out of scope).
   */
  static Set<String> namesIn(Tree scope, int position, VisitorState state) {
    Set<String> names = new HashSet<>();
    new TreeScanner<Void, Void>() {
      private int foreignDepth;
      // Names used in code that ends before the new local cannot be rebound by it.
      private int pastDepth;

      @Override
      public Void visitVariable(VariableTree tree, Void unused) {
        if (foreignDepth == 0) {
          names.add(tree.getName().toString());
        }
        return super.visitVariable(tree, null);
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
        return scanNested(tree, () -> super.visitLambdaExpression(tree, null));
      }

      @Override
      public Void visitClass(ClassTree tree, Void unused) {
        return scanNested(tree, () -> super.visitClass(tree, null));
      }

      private Void scanNested(Tree tree, java.util.function.Supplier<Void> scan) {
        boolean past = tree != scope && state.getEndPosition(tree) < position;
        boolean foreign = past || (tree != scope && ASTHelpers.getStartPosition(tree) > position);
        foreignDepth += foreign ? 1 : 0;
        pastDepth += past ? 1 : 0;
        scan.get();
        foreignDepth -= foreign ? 1 : 0;
        pastDepth -= past ? 1 : 0;
        return null;
      }

      @Override
      public Void visitIdentifier(IdentifierTree tree, Void unused) {
        if (pastDepth == 0) {
          names.add(tree.getName().toString());
        }
        return null;
      }

      @Override
      public Void visitMemberSelect(MemberSelectTree tree, Void unused) {
        if (pastDepth == 0) {
          names.add(tree.getIdentifier().toString());
        }
        return super.visitMemberSelect(tree, null);
      }
    }.scan(scope, null);
    return names;
  }

  /**
   * The names a {@code catch} parameter placed after {@code position} in {@code scope} must avoid:
   * the locals in scope at the launch, and locals declared later as statements of blocks (which may
   * enclose the catch). Names of other catch clauses and of closed lambdas do not clash.
   */
  static Set<String> localsInScope(Tree scope, int position, VisitorState state) {
    Set<String> names = new HashSet<>();
    for (Symbol local : com.google.errorprone.util.FindIdentifiers.findAllIdents(state)) {
      if (local.owner instanceof Symbol.MethodSymbol) {
        names.add(local.getSimpleName().toString());
      }
    }
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitBlock(com.sun.source.tree.BlockTree block, Void unused) {
        for (Tree statement : block.getStatements()) {
          if (statement instanceof VariableTree variable
              && ASTHelpers.getStartPosition(variable) > position) {
            names.add(variable.getName().toString());
          }
        }
        return super.visitBlock(block, null);
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
        return encloses(tree) ? super.visitLambdaExpression(tree, null) : null;
      }

      @Override
      public Void visitClass(ClassTree tree, Void unused) {
        return tree == scope || encloses(tree) ? super.visitClass(tree, null) : null;
      }

      private boolean encloses(Tree tree) {
        return ASTHelpers.getStartPosition(tree) <= position
            && state.getEndPosition(tree) >= position;
      }
    }.scan(scope, null);
    return names;
  }

  /** Whether {@code scope} mentions any of {@code symbols}. */
  static boolean mentions(Tree scope, Set<? extends Symbol> symbols) {
    if (symbols.isEmpty()) {
      return false;
    }
    boolean[] found = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree tree, Void unused) {
        found[0] |= symbols.contains(ASTHelpers.getSymbol(tree));
        return null;
      }

      @Override
      public Void visitMemberSelect(MemberSelectTree tree, Void unused) {
        found[0] |= symbols.contains(ASTHelpers.getSymbol(tree));
        return super.visitMemberSelect(tree, null);
      }

      @Override
      public Void visitClass(ClassTree tree, Void unused) {
        return super.visitClass(tree, null);
      }
    }.scan(scope, null);
    return found[0];
  }

  /** {@code base}, or {@code base2}, {@code base3} … starting at {@code ordinal}, not in use. */
  static String freshName(String base, int ordinal, Set<String> taken) {
    return freshName(base, ordinal, 1, taken);
  }

  /**
   * {@code base} numbered from {@code ordinal} in steps of {@code stride}, not in use: fixes for
   * the launches of one method, numbered 1…stride-1, never pick the same name.
   */
  static String freshName(String base, int ordinal, int stride, Set<String> taken) {
    for (int i = ordinal; ; i += stride) {
      String candidate = i <= 1 ? base : base + i;
      if (!taken.contains(candidate)) {
        return candidate;
      }
    }
  }
}
