package io.github.daemonguard.fixes;

import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.getStartPosition;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import java.util.Optional;

/** The alternative fix: make the thread non-daemon, so the JVM waits for it at exit. */
public final class DaemonFlagFix {
  private DaemonFlagFix() {}

  /** Removes the {@code setDaemon(true)} statement or the {@code .daemon()} builder call. */
  public static Optional<SuggestedFix> drop(Tree marker, VisitorState state) {
    if (marker instanceof StatementTree statement) {
      return Optional.of(
          SuggestedFix.builder()
              .setShortDescription("make the thread non-daemon")
              .replace(lineStart(statement, state), lineEnd(statement, state), "")
              .build());
    }
    if (marker instanceof MethodInvocationTree daemon) {
      ExpressionTree receiver = getReceiver(daemon);
      if (receiver == null) {
        return Optional.empty();
      }
      return Optional.of(
          SuggestedFix.builder()
              .setShortDescription("make the thread non-daemon")
              .replace(daemon, state.getSourceForNode(receiver))
              .build());
    }
    return Optional.empty();
  }

  /** Where the statement's line starts, when only whitespace precedes it; else its start. */
  private static int lineStart(Tree tree, VisitorState state) {
    CharSequence source = state.getSourceCode();
    int start = getStartPosition(tree);
    int p = start;
    while (p > 0 && (source.charAt(p - 1) == ' ' || source.charAt(p - 1) == '\t')) {
      p--;
    }
    return p == 0 || source.charAt(p - 1) == '\n' ? p : start;
  }

  /** Past the statement's line break, when only whitespace follows it; else its end. */
  private static int lineEnd(Tree tree, VisitorState state) {
    CharSequence source = state.getSourceCode();
    int end = state.getEndPosition(tree);
    int p = end;
    while (p < source.length() && (source.charAt(p) == ' ' || source.charAt(p) == '\t')) {
      p++;
    }
    return p < source.length() && source.charAt(p) == '\n' ? p + 1 : end;
  }
}
