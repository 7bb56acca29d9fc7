package io.github.daemonguard.fixes;

import static com.google.errorprone.util.ASTHelpers.getStartPosition;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import io.github.daemonguard.analysis.ResourceUse;
import java.util.List;
import java.util.Optional;

/**
 * Closes what a task opens and never closes: {@code Writer w = new FileWriter(..); rest…} becomes
 * {@code try (Writer w = new FileWriter(..)) { rest… }}, so buffered data reaches the file even
 * when the task finishes normally. Added to the wait, never offered alone.
 */
public final class CloseInTaskFix {
  private CloseInTaskFix() {}

  /**
   * The edits that close every resource among {@code uses} that the task opens into a local and
   * never closes; empty when there is none, or one cannot be wrapped safely.
   */
  public static Optional<SuggestedFix> closeUnclosed(List<ResourceUse> uses, VisitorState state) {
    SuggestedFix.Builder fix = SuggestedFix.builder();
    for (ResourceUse use : uses) {
      if (!use.openedByTask() || use.closedByTask()) {
        continue;
      }
      TreePath site = TreePath.getPath(state.getPath().getCompilationUnit(), use.site());
      TreePath declaration = site == null ? null : enclosingDeclaration(site);
      if (declaration == null) {
        continue;
      }
      VariableTree variable = (VariableTree) declaration.getLeaf();
      if (!(declaration.getParentPath().getLeaf() instanceof BlockTree block)
          || !ASTHelpers.isConsideredFinal(ASTHelpers.getSymbol(variable))) {
        return Optional.empty();
      }
      // javac's own List is linked: copy it, or every get(i) walks the list.
      List<? extends StatementTree> statements = ImmutableList.copyOf(block.getStatements());
      int index = statements.indexOf(variable);
      if (index == statements.size() - 1) {
        return Optional.empty();
      }
      String header = state.getSourceForNode(variable).trim();
      if (header.endsWith(";")) {
        header = header.substring(0, header.length() - 1);
      }
      String indent = Source.indentOf(variable, state);
      StatementTree last = statements.get(statements.size() - 1);
      String rest =
          state
              .getSourceCode()
              .subSequence(getStartPosition(statements.get(index + 1)), state.getEndPosition(last))
              .toString()
              .replace("\n", "\n  ");
      fix.replace(
          getStartPosition(variable),
          state.getEndPosition(last),
          "try (" + header + ") {\n" + indent + "  " + rest + "\n" + indent + "}");
    }
    return fix.isEmpty() ? Optional.empty() : Optional.of(fix.build());
  }

  /** The local variable declaration the opened resource, maybe wrapped, initializes. */
  private static TreePath enclosingDeclaration(TreePath site) {
    for (TreePath p = site.getParentPath(); p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof VariableTree) {
        return p;
      }
      if (!(leaf instanceof NewClassTree) && !(leaf instanceof MethodInvocationTree)
          || !(leaf instanceof ExpressionTree)) {
        return null;
      }
    }
    return null;
  }
}
