package io.github.daemonguard.fixes;

import static com.google.errorprone.util.ASTHelpers.getReceiver;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import io.github.daemonguard.analysis.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The alternative fix: make the thread non-daemon, so the JVM waits for it at exit. */
public final class DaemonFlagFix {
  private DaemonFlagFix() {}

  /**
   * Whether {@code task} loops on a blocking call ({@code take()}, {@code accept()}, a read): run
   * by a non-daemon thread it could keep the JVM from ever exiting, so this fix is not for it.
   */
  public static boolean mayBlockForever(Task task) {
    List<Tree> code = new ArrayList<>(task.bodies());
    return ClassCloseFix.loops(code) && ClassCloseFix.blocks(code);
  }

  /**
   * Turns {@code setDaemon(true)} into {@code setDaemon(false)}, or removes the {@code .daemon()}
   * call from a builder chain.
   */
  public static Optional<SuggestedFix> drop(Tree marker, VisitorState state) {
    if (marker instanceof ExpressionStatementTree statement
        && statement.getExpression() instanceof MethodInvocationTree setDaemon
        && setDaemon.getArguments().size() == 1) {
      return Optional.of(
          SuggestedFix.builder()
              .setShortDescription("make the thread non-daemon")
              .replace(setDaemon.getArguments().get(0), "false")
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
}
