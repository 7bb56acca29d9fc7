package io.github.daemonguard.fixes;

import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.getStartPosition;
import static com.google.errorprone.util.ASTHelpers.getSymbol;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.fixes.SuggestedFixes;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import io.github.daemonguard.analysis.Resources;
import io.github.daemonguard.analysis.TargetRelease;
import io.github.daemonguard.analysis.Trees;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The fixes for an executor nobody waits for.
 *
 * <p>When the compilation targets Java 19 or later, {@code ExecutorService} is {@code
 * AutoCloseable} and its {@code close()} shuts down and waits with no deadline: the first fix puts
 * the executor's uses in a try-with-resources statement, where that is possible without changing
 * what the code means. Otherwise, and as the alternative, {@code shutdown()} followed by a loop on
 * {@code awaitTermination} (also no deadline, as {@code close()} does) goes after the last
 * statement that talks to the executor or its tasks, handling {@code InterruptedException} as
 * {@link Interrupts} says.
 */
public final class ExecutorFix {
  private ExecutorFix() {}

  private static final String EXECUTOR_SERVICE = "java.util.concurrent.ExecutorService";

  /**
   * The fixes, first the one to apply, for the executor in local {@code executor}, whose first
   * launch is at {@code state}'s path.
   *
   * @param declaration the path of the executor variable's declaration
   * @param talkedTo variables through which the launcher talks to the tasks (what they capture):
   *     the wait goes after the last statement that mentions one, or the executor
   * @param closedResources resources the tasks use: the wait goes before a statement closing one
   * @param deadline a source position the wait must precede (a {@code System.exit}), or {@code
   *     Integer.MAX_VALUE}
   * @param waitBefore variables the launcher must not touch before the wait (a resource the tasks
   *     still use after a bare {@code shutdown()}); the shutdown-and-await goes before them
   */
  public static ImmutableList<SuggestedFix> forExecutor(
      VarSymbol executor,
      TreePath declaration,
      Set<Symbol> talkedTo,
      Set<Symbol> closedResources,
      int deadline,
      Set<Symbol> waitBefore,
      VisitorState state) {
    if (!Resources.isSubtype(executor.type, EXECUTOR_SERVICE, state)
        || !(declaration.getParentPath().getLeaf() instanceof BlockTree block)) {
      return ImmutableList.of();
    }
    TreePath codeUnit = Trees.enclosingCodeUnit(declaration);
    StatementTree anchor = childOf(block, state.getPath());
    if (codeUnit == null || codeUnit.getLeaf() instanceof ClassTree || anchor == null) {
      return ImmutableList.of();
    }
    Set<Symbol> talk = new HashSet<>(talkedTo);
    talk.add(executor);
    ImmutableList.Builder<SuggestedFix> fixes = ImmutableList.builder();
    if (TargetRelease.hasExecutorClose(state)) {
      tryWithResources(
              executor,
              (VariableTree) declaration.getLeaf(),
              block,
              anchor,
              talk,
              closedResources,
              deadline,
              state)
          .ifPresent(fixes::add);
    }
    Optional<SuggestedFix> awaited =
        shutdownAndAwait(
            executor, block, anchor, closedResources, waitBefore, deadline, codeUnit, state);
    TreePath launchStatement = statementOf(state.getPath());
    if (awaited.isEmpty()
        && launchStatement != null
        && launchStatement.getParentPath().getLeaf() instanceof BlockTree launchBlock
        && launchBlock != block
        && !mentionedAfterButToStop(launchStatement, block, talk, executor)) {
      // The executor outlives the block its task is launched in (a try-with-resources, say) and
      // the wait cannot go before the close out there: wait at the end of that block instead,
      // since nothing after it uses the executor or what its tasks use.
      awaited =
          shutdownAndAwait(
              executor,
              launchBlock,
              (StatementTree) launchStatement.getLeaf(),
              closedResources,
              waitBefore,
              deadline,
              codeUnit,
              state);
    }
    awaited.ifPresent(fixes::add);
    return fixes.build();
  }

  /**
   * For {@code try (ExecutorService ex = …; Writer w = …)}, whose resources close in reverse order
   * (the writer before the executor waits for its tasks): the two declarations swapped, so the
   * executor's close waits for the tasks before the writer closes. Empty for any other shape.
   */
  public static Optional<SuggestedFix> swapTryResources(
      @Nullable VarSymbol executor, Symbol resource, VisitorState state) {
    if (executor == null) {
      return Optional.empty();
    }
    for (TreePath p = state.getPath(); p != null; p = p.getParentPath()) {
      if (!(p.getLeaf() instanceof TryTree tryTree)) {
        continue;
      }
      List<? extends Tree> resources = tryTree.getResources();
      int executorIndex = -1;
      int resourceIndex = -1;
      for (int i = 0; i < resources.size(); i++) {
        Symbol declared = ASTHelpers.getSymbol(resources.get(i));
        executorIndex = declared == executor ? i : executorIndex;
        resourceIndex = declared == resource ? i : resourceIndex;
      }
      if (executorIndex < 0 || resourceIndex < 0) {
        continue;
      }
      Tree executorDeclaration = resources.get(executorIndex);
      Tree resourceDeclaration = resources.get(resourceIndex);
      if (executorIndex > resourceIndex
          || resourceIndex != executorIndex + 1
          || !(executorDeclaration instanceof VariableTree)
          || !(resourceDeclaration instanceof VariableTree)
          || Source.mentions(resourceDeclaration, Set.of(executor))) {
        return Optional.empty();
      }
      // A resource's end position may include its ';': swap the declarations without it.
      String executorText = declarationText(executorDeclaration, state);
      String resourceText = declarationText(resourceDeclaration, state);
      int executorStart = ASTHelpers.getStartPosition(executorDeclaration);
      int resourceStart = ASTHelpers.getStartPosition(resourceDeclaration);
      return Optional.of(
          SuggestedFix.builder()
              .setShortDescription("close the executor (waiting for its tasks) first")
              .replace(executorStart, executorStart + executorText.length(), resourceText)
              .replace(resourceStart, resourceStart + resourceText.length(), executorText)
              .build());
    }
    return Optional.empty();
  }

  /**
   * {@code shutdown()} and a loop on {@code awaitTermination} after the last statement that talks
   * to the executor or its tasks.
   */
  private static Optional<SuggestedFix> shutdownAndAwait(
      VarSymbol executor,
      BlockTree block,
      StatementTree anchor,
      Set<Symbol> closed,
      Set<Symbol> waitBefore,
      int deadline,
      TreePath codeUnit,
      VisitorState state) {
    SuggestedFix.Builder fix =
        SuggestedFix.builder().setShortDescription("shut the executor down and wait for its tasks");
    String name = executor.getSimpleName().toString();
    String timeUnit = SuggestedFixes.qualifyType(state, fix, "java.util.concurrent.TimeUnit");
    String await = "while (!" + name + ".awaitTermination(1, " + timeUnit + ".MINUTES)) {}";
    String shutdown = shutDownAfter(executor, block, anchor) ? "" : name + ".shutdown();\n";
    Interrupts interrupts = Interrupts.at(TreePath.getPath(codeUnit, anchor), state);
    String code;
    if (interrupts == Interrupts.CATCH) {
      Set<String> taken =
          Source.localsInScope(
              codeUnit.getLeaf(), getStartPosition(state.getPath().getLeaf()), state);
      String catchName = Source.freshName("e", 0, taken);
      code =
          shutdown
              + "try {\n  "
              + await
              + "\n} catch (InterruptedException "
              + catchName
              + ") {\n  "
              + name
              + ".shutdownNow();\n  Thread.currentThread().interrupt();\n}";
    } else {
      code = shutdown + await;
    }
    return JoinFix.placeAfter(
            block,
            anchor,
            closed,
            waitBefore,
            deadline,
            code,
            interrupts,
            codeUnit,
            false,
            fix,
            state)
        .map(SuggestedFix.Builder::build);
  }

  /**
   * Try-with-resources around the executor's declaration and every statement after it up to the
   * last that talks to the executor or its tasks: only when the variable is effectively final and
   * initialized at its declaration, and no local declared in that range is used after it.
   */
  private static Optional<SuggestedFix> tryWithResources(
      VarSymbol executor,
      VariableTree declaration,
      BlockTree block,
      StatementTree anchor,
      Set<Symbol> talk,
      Set<Symbol> closed,
      int deadline,
      VisitorState state) {
    // javac's own List is linked: copy it, or every get(i) walks the list.
    List<? extends StatementTree> statements = ImmutableList.copyOf(block.getStatements());
    int first = statements.indexOf(declaration);
    int anchorIndex = statements.indexOf(anchor);
    if (first < 0
        || anchorIndex <= first
        || declaration.getInitializer() == null
        || !ASTHelpers.isConsideredFinal(executor)) {
      return Optional.empty();
    }
    int last = anchorIndex;
    for (int i = anchorIndex + 1; i < statements.size(); i++) {
      if (JoinFix.closes(statements.get(i), closed)) {
        break;
      }
      if (Source.mentions(statements.get(i), talk)) {
        last = i;
      }
    }
    if (state.getEndPosition(statements.get(last)) > deadline) {
      return Optional.empty();
    }
    Set<Symbol> declaredInside = new HashSet<>();
    for (int i = first + 1; i <= last; i++) {
      Tree statement = statements.get(i);
      if (statement instanceof VariableTree || statement instanceof ClassTree) {
        Symbol symbol = getSymbol(statement);
        if (symbol != null) {
          declaredInside.add(symbol);
        }
      }
    }
    for (int i = last + 1; i < statements.size(); i++) {
      if (Source.mentions(statements.get(i), declaredInside)) {
        return Optional.empty();
      }
    }
    for (int i = first + 1; i <= last; i++) {
      if (startsOtherWork(statements.get(i), executor, state)) {
        // Another finding's fix would wait for that work after this block, out of its scope.
        return Optional.empty();
      }
    }
    CharSequence source = state.getSourceCode();
    int start = getStartPosition(declaration);
    int declarationEnd = state.getEndPosition(declaration);
    String header = source.subSequence(start, declarationEnd).toString().strip();
    if (!header.endsWith(";")) {
      // int a = …, b = …; declares two variables in one statement: leave it alone.
      return Optional.empty();
    }
    header = header.substring(0, header.length() - 1).strip();
    int end = state.getEndPosition(statements.get(last));
    String body = indentLines(source.subSequence(declarationEnd, end).toString(), "  ");
    String indent = Source.indentOf(declaration, state);
    return Optional.of(
        SuggestedFix.builder()
            .setShortDescription("close the executor with try-with-resources")
            .replace(start, end, "try (" + header + ") {" + body + "\n" + indent + "}")
            .build());
  }

  /** {@code text} with {@code indent} added to every line after the first that is not blank. */
  private static String indentLines(String text, String indent) {
    String[] lines = text.split("\n", -1);
    StringBuilder result = new StringBuilder(lines[0]);
    for (int i = 1; i < lines.length; i++) {
      result.append('\n').append(lines[i].isBlank() ? lines[i] : indent + lines[i]);
    }
    return result.toString();
  }

  /**
   * As {@link JoinFix#mentionedAfter}, not counting the statements that only stop or await the
   * executor ({@code shutdown()}, {@code shutdownNow()}, {@code awaitTermination(..)}, {@code
   * close()}): a {@code shutdown()} inside the block, or the wait after the close, which the fix's
   * wait before the close supersedes.
   */
  private static boolean mentionedAfterButToStop(
      TreePath path, BlockTree outer, Set<Symbol> symbols, VarSymbol executor) {
    for (TreePath p = path; p.getParentPath() != null; p = p.getParentPath()) {
      if (p.getParentPath().getLeaf() instanceof BlockTree block) {
        // javac's own List is linked: copy it, or every get(i) walks the list.
        List<? extends StatementTree> statements = ImmutableList.copyOf(block.getStatements());
        for (int i = statements.indexOf(p.getLeaf()) + 1; i < statements.size(); i++) {
          if (Source.mentions(statements.get(i), symbols)
              && !stopsOrAwaits(statements.get(i), executor)) {
            return true;
          }
        }
        if (block == outer) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * {@code executor.shutdown();}, {@code shutdownNow()}, {@code awaitTermination(..)}, {@code
   * close()}.
   */
  private static boolean stopsOrAwaits(StatementTree statement, VarSymbol executor) {
    return statement instanceof ExpressionStatementTree expression
        && expression.getExpression() instanceof MethodInvocationTree call
        && getSymbol(call) != null
        && getSymbol(getReceiver(call)) == executor
        && ImmutableSet.of("shutdown", "shutdownNow", "awaitTermination", "close")
            .contains(getSymbol(call).getSimpleName().toString());
  }

  /** Whether a statement of {@code block} after {@code anchor} is {@code executor.shutdown();}. */
  private static boolean shutDownAfter(VarSymbol executor, BlockTree block, StatementTree anchor) {
    // javac's own List is linked: copy it, or every get(i) walks the list.
    List<? extends StatementTree> statements = ImmutableList.copyOf(block.getStatements());
    for (int i = statements.indexOf(anchor) + 1; i < statements.size(); i++) {
      if (statements.get(i) instanceof ExpressionStatementTree expression
          && expression.getExpression() instanceof MethodInvocationTree call
          && getSymbol(call) != null
          && (getSymbol(call).getSimpleName().contentEquals("shutdown")
              || getSymbol(call).getSimpleName().contentEquals("shutdownNow"))
          && getSymbol(getReceiver(call)) == executor) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code statement} launches a thread, or declares a thread, future or other executor:
   * something a fix for another finding may wait for at the end of the block.
   */
  private static boolean startsOtherWork(Tree statement, VarSymbol executor, VisitorState state) {
    if (statement instanceof VariableTree variable) {
      com.sun.tools.javac.code.Type type = ASTHelpers.getType(variable);
      if (Resources.isSubtype(type, "java.lang.Thread", state)
          || Resources.isSubtype(type, "java.util.concurrent.Future", state)
          || Resources.isSubtype(type, "java.util.concurrent.ExecutorService", state)) {
        return true;
      }
    }
    boolean[] launches = new boolean[1];
    new com.sun.source.util.TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(
          com.sun.source.tree.MethodInvocationTree tree, Void unused) {
        launches[0] |=
            io.github.daemonguard.analysis.LaunchSites.mayLaunch(tree)
                && getSymbol(ASTHelpers.getReceiver(tree)) != executor;
        return super.visitMethodInvocation(tree, null);
      }
    }.scan(statement, null);
    return launches[0];
  }

  /** A try resource's declaration as written, without a trailing {@code ;}. */
  private static String declarationText(Tree declaration, VisitorState state) {
    String text =
        state
            .getSourceCode()
            .subSequence(
                ASTHelpers.getStartPosition(declaration), state.getEndPosition(declaration))
            .toString()
            .stripTrailing();
    return text.endsWith(";") ? text.substring(0, text.length() - 1).stripTrailing() : text;
  }

  /** The path of the statement (a direct child of a block) that contains {@code path}, or null. */
  @Nullable
  private static TreePath statementOf(TreePath path) {
    for (TreePath p = path; p.getParentPath() != null; p = p.getParentPath()) {
      if (p.getParentPath().getLeaf() instanceof BlockTree) {
        return p.getLeaf() instanceof StatementTree ? p : null;
      }
    }
    return null;
  }

  /** The statement of {@code block} that contains {@code path}, or null. */
  private static StatementTree childOf(BlockTree block, TreePath path) {
    for (TreePath p = path; p.getParentPath() != null; p = p.getParentPath()) {
      if (p.getParentPath().getLeaf() == block) {
        return p.getLeaf() instanceof StatementTree statement ? statement : null;
      }
    }
    return null;
  }
}
