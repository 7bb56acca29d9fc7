package io.github.daemonguard.fixes;

import static com.google.errorprone.util.ASTHelpers.getSymbol;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.fixes.SuggestedFixes;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import io.github.daemonguard.analysis.Resources;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * For a task handed to an executor owned elsewhere (a parameter, a field), whose resource the
 * try-with-resources around the launch closes: wait for the task's own future, {@code get()}, as
 * the last statement of the try block, so the resource closes after the task is done.
 *
 * <p>The future's {@code ExecutionException} is rethrown the way the method already reports
 * failures: its cause as the {@code IOException} the method declares, else unchecked. A periodic
 * task ({@code scheduleAtFixedRate}) has no such wait: its future never completes, so no fix.
 */
public final class FutureGetFix {
  private FutureGetFix() {}

  /** The {@code get()} before the close, or empty when none is safe here. */
  public static Optional<SuggestedFix> beforeClose(
      MethodInvocationTree launch, Symbol resource, VisitorState state) {
    MethodSymbol method = getSymbol(launch);
    if (method == null
        || method.getSimpleName().toString().startsWith("scheduleAt")
        || method.getSimpleName().toString().startsWith("scheduleWith")
        || !Resources.isSubtype(method.getReturnType(), "java.util.concurrent.Future", state)) {
      return Optional.empty();
    }
    TreePath statementPath = state.getPath().getParentPath();
    StatementTree statement = statementPath.getLeaf() instanceof StatementTree s ? s : null;
    TreePath blockPath = statementPath.getParentPath();
    if (statement == null
        || !(blockPath.getLeaf() instanceof BlockTree block)
        || !(blockPath.getParentPath().getLeaf() instanceof TryTree tryTree)
        || tryTree.getBlock() != block
        || !declaresResource(tryTree, resource)) {
      return Optional.empty();
    }
    MethodTree enclosing = ASTHelpers.findEnclosingNode(state.getPath(), MethodTree.class);
    if (enclosing == null) {
      return Optional.empty();
    }
    List<? extends StatementTree> statements = block.getStatements();
    StatementTree last = statements.get(statements.size() - 1);
    Set<String> taken = Source.namesIn(enclosing, ASTHelpers.getStartPosition(last), state);
    SuggestedFix.Builder fix = SuggestedFix.builder();
    String future;
    if (statement instanceof VariableTree variable && variable.getInitializer() == launch) {
      future = variable.getName().toString();
    } else if (statement instanceof ExpressionStatementTree expression
        && expression.getExpression() == launch) {
      future = Source.freshName("future", 0, taken);
      Type type = ASTHelpers.getType(launch);
      fix.prefixWith(launch, typeName(type, fix, state) + " " + future + " = ");
      fix.addImport("java.util.concurrent.Future");
    } else {
      return Optional.empty();
    }
    String indent = Source.indentOf(last, state);
    Interrupts interrupts = Interrupts.at(new TreePath(blockPath, last), state);
    String code = getCode(future, enclosing, interrupts, taken, state);
    if (code.contains("ExecutionException")) {
      fix.addImport("java.util.concurrent.ExecutionException");
    }
    if (code.contains("new IOException")) {
      fix.addImport("java.io.IOException");
    }
    if (last instanceof ReturnTree || last instanceof ThrowTree) {
      // Nothing runs after the block's exit: the wait goes before it.
      fix.prefixWith(last, Source.indented(code, indent) + "\n" + indent);
    } else {
      Source.addLinesAfter(fix, last, indent + Source.indented(code, indent), state);
    }
    if (interrupts == Interrupts.ADD_THROWS) {
      JoinFix.addThrowsInterrupted(enclosing, fix, state);
    }
    return Optional.of(fix.build());
  }

  private static boolean declaresResource(TryTree tryTree, Symbol resource) {
    for (Tree declared : tryTree.getResources()) {
      if (getSymbol(declared) == resource) {
        return true;
      }
    }
    return false;
  }

  /** {@code Future<?>}, or the launch's own future type. */
  private static String typeName(
      @Nullable Type type, SuggestedFix.Builder fix, VisitorState state) {
    return type == null || type.getTypeArguments().isEmpty()
        ? "Future<?>"
        : SuggestedFixes.prettyType(state, fix, type);
  }

  /** The wait, handling what {@code get()} throws the way the method reports failures. */
  private static String getCode(
      String future,
      MethodTree method,
      Interrupts interrupts,
      Set<String> taken,
      VisitorState state) {
    boolean rethrowsAll = declares(method, "java.lang.Exception", state);
    if (rethrowsAll
        || (interrupts != Interrupts.CATCH
            && declares(method, "java.util.concurrent.ExecutionException", state))) {
      return future + ".get();";
    }
    String e = Source.freshName("e", 0, taken);
    StringBuilder code = new StringBuilder("try {\n  ").append(future).append(".get();\n}");
    if (interrupts == Interrupts.CATCH) {
      code.append(" catch (InterruptedException ")
          .append(e)
          .append(") {\n  ")
          .append(future)
          .append(".cancel(true);\n  Thread.currentThread().interrupt();\n}");
    }
    String cause = e + ".getCause()";
    String rethrow =
        declares(method, "java.io.IOException", state)
            ? "throw new IOException(" + cause + ");"
            : "throw new IllegalStateException(" + cause + ");";
    code.append(" catch (ExecutionException ")
        .append(e)
        .append(") {\n  ")
        .append(rethrow)
        .append("\n}");
    return code.toString();
  }

  private static boolean declares(MethodTree method, String exception, VisitorState state) {
    MethodSymbol symbol = ASTHelpers.getSymbol(method);
    Type type = state.getTypeFromString(exception);
    if (symbol == null || type == null) {
      return false;
    }
    for (Type thrown : symbol.getThrownTypes()) {
      if (ASTHelpers.isSubtype(type, thrown, state)) {
        return true;
      }
    }
    return false;
  }
}
