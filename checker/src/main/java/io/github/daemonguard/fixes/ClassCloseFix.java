package io.github.daemonguard.fixes;

import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.getStartPosition;
import static com.google.errorprone.util.ASTHelpers.getSymbol;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import io.github.daemonguard.analysis.ClassLifecycles.ClassClose;
import io.github.daemonguard.analysis.ClassLifecycles.ClassLaunch;
import io.github.daemonguard.analysis.ClassLifecycles.Handle;
import io.github.daemonguard.analysis.EndlessLoops;
import io.github.daemonguard.analysis.EndlessLoops.EndlessLoop;
import io.github.daemonguard.analysis.Launch;
import io.github.daemonguard.analysis.Launches;
import io.github.daemonguard.analysis.Task;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Modifier;
import org.jspecify.annotations.Nullable;

/**
 * The fix for a class method that closes what its running tasks use: wait for them right before the
 * close. Offered only where the wait cannot hang: each task is finite, or the method already sent
 * it the signal that ends its loop (a cleared flag, an interrupt of a loop that blocks only
 * interruptibly, {@code shutdownNow()}); the close is not inside a {@code synchronized} region; and
 * each task is held in a private field (a field that may be unset is null-guarded).
 */
public final class ClassCloseFix {
  private ClassCloseFix() {}

  /** Blocking calls that an interrupt ends. */
  private static final Set<String> INTERRUPTIBLE =
      Set.of("take", "poll", "sleep", "wait", "join", "await", "put");

  /** Blocking calls that an interrupt does not end (socket and stream reads). */
  private static final Set<String> UNINTERRUPTIBLE =
      Set.of("read", "readLine", "readFully", "accept", "receive", "select");

  /** The wait before {@code close}, or empty when no safe one exists. */
  public static Optional<SuggestedFix> awaitBefore(ClassClose close, VisitorState state) {
    TreePath statementPath = statementInBlock(close.path());
    if (statementPath == null || inSynchronized(close.path()) || isSynchronized(close)) {
      return Optional.empty();
    }
    StatementTree statement = (StatementTree) statementPath.getLeaf();
    Set<String> awaited = new LinkedHashSet<>();
    StringBuilder code = new StringBuilder();
    Interrupts interrupts = Interrupts.at(statementPath, state);
    for (ClassLaunch launch : close.launches()) {
      if (launch.handle() != Handle.FIELD || launch.holder() == null) {
        return Optional.empty();
      }
      VarSymbol holder = launch.holder();
      if (!awaited.add(holder.getSimpleName().toString())) {
        continue;
      }
      if (!signalled(launch, close, state)) {
        // A queue consumer told nothing yet: a sentinel it stops on, then the join.
        return close.launches().size() == 1
            ? sentinelAndJoin(launch, close, state)
            : Optional.empty();
      }
      code.append(waitCode(launch, holder, close, interrupts, statement, state)).append('\n');
    }
    String indent = Source.indentOf(statement, state);
    SuggestedFix.Builder fix = SuggestedFix.builder();
    if (interrupts == Interrupts.ADD_THROWS) {
      JoinFix.addThrowsInterrupted(close.method(), fix, state);
    }
    if (close.launches().stream().anyMatch(ClassLaunch::executor)) {
      fix.addImport("java.util.concurrent.TimeUnit");
    }
    fix.prefixWith(
        statement, Source.indented(code.toString().stripTrailing(), indent) + "\n" + indent);
    return Optional.of(fix.build());
  }

  /**
   * For a consumer looping on a field queue: the sentinel fix of the class's own stop method, when
   * that is the method that closes.
   */
  private static Optional<SuggestedFix> sentinelAndJoin(
      ClassLaunch launch, ClassClose close, VisitorState state) {
    VisitorState atLaunch = state.withPath(launch.path());
    Launch thread = Launches.of(launch.call(), atLaunch);
    if (thread == null || thread.handle() != launch.holder()) {
      return Optional.empty();
    }
    return JoinFix.stopMethodOf(thread, atLaunch) == close.method()
        ? JoinFix.inStopMethod(thread, Set.of(close.resource()), atLaunch)
        : Optional.empty();
  }

  /** The statement, directly in a block, that holds the close. */
  @Nullable
  private static TreePath statementInBlock(TreePath close) {
    for (TreePath p = close; p.getParentPath() != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof LambdaExpressionTree || p.getLeaf() instanceof ClassTree) {
        return null;
      }
      if (p.getLeaf() instanceof StatementTree
          && p.getParentPath().getLeaf() instanceof BlockTree) {
        return p;
      }
    }
    return null;
  }

  private static boolean inSynchronized(TreePath close) {
    for (TreePath p = close; p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof SynchronizedTree) {
        return true;
      }
      if (p.getLeaf() instanceof ClassTree) {
        return false;
      }
    }
    return false;
  }

  private static boolean isSynchronized(ClassClose close) {
    return close.method().getModifiers().getFlags().contains(Modifier.SYNCHRONIZED);
  }

  /**
   * Whether waiting for {@code launch}'s tasks before the close ends: they are finite, or the
   * closing method has already told their loop to stop.
   */
  private static boolean signalled(ClassLaunch launch, ClassClose close, VisitorState state) {
    for (Task task : launch.tasks()) {
      EndlessLoop endless = EndlessLoops.in(task, state);
      if (endless == null) {
        continue;
      }
      boolean flag = endless.flag() != null && EndlessLoops.clears(close.method(), endless.flag());
      boolean stopped =
          launch.executor()
              ? callsOn(close, launch.holder(), "shutdownNow")
              : callsOn(close, launch.holder(), "interrupt") && blocksOnlyInterruptibly(task);
      if (!flag && !stopped) {
        return false;
      }
    }
    return true;
  }

  /** Whether the closing method calls {@code name} on {@code holder} before the close. */
  private static boolean callsOn(ClassClose close, Symbol holder, String name) {
    int before = getStartPosition(close.call());
    boolean[] found = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        Symbol method = getSymbol(call);
        found[0] |=
            method != null
                && method.getSimpleName().contentEquals(name)
                && getSymbol(getReceiver(call)) == holder
                && getStartPosition(call) < before;
        return super.visitMethodInvocation(call, null);
      }
    }.scan(close.method().getBody(), null);
    return found[0];
  }

  /** Whether the task blocks only on calls an interrupt ends (no socket or stream reads). */
  private static boolean blocksOnlyInterruptibly(Task task) {
    boolean[] interruptible = {false};
    boolean[] uninterruptible = {false};
    for (Tree body : task.bodies()) {
      new TreeScanner<Void, Void>() {
        @Override
        public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
          Symbol method = getSymbol(call);
          String name = method == null ? "" : method.getSimpleName().toString();
          interruptible[0] |= INTERRUPTIBLE.contains(name);
          uninterruptible[0] |= UNINTERRUPTIBLE.contains(name);
          return super.visitMethodInvocation(call, null);
        }
      }.scan(body, null);
    }
    return interruptible[0] && !uninterruptible[0];
  }

  /** The wait for one holder: a join, or an executor's shutdown and await. */
  private static String waitCode(
      ClassLaunch launch,
      VarSymbol holder,
      ClassClose close,
      Interrupts interrupts,
      StatementTree statement,
      VisitorState state) {
    String name = holder.getSimpleName().toString();
    Set<String> taken = Source.namesIn(close.method(), getStartPosition(statement), state);
    String wait;
    if (launch.executor()) {
      String shutdown =
          callsOn(close, holder, "shutdown") || callsOn(close, holder, "shutdownNow")
              ? ""
              : name + ".shutdown();\n";
      String await = "while (!" + name + ".awaitTermination(1, TimeUnit.MINUTES)) {}";
      wait =
          interrupts == Interrupts.CATCH
              ? shutdown
                  + "try {\n  "
                  + await
                  + "\n} catch (InterruptedException "
                  + Source.freshName("e", 0, taken)
                  + ") {\n  "
                  + name
                  + ".shutdownNow();\n  Thread.currentThread().interrupt();\n}"
              : shutdown + await;
    } else {
      wait =
          interrupts == Interrupts.CATCH
              ? "try {\n  "
                  + name
                  + ".join();\n} catch (InterruptedException "
                  + Source.freshName("e", 0, taken)
                  + ") {\n  "
                  + name
                  + ".interrupt();\n  Thread.currentThread().interrupt();\n}"
              : name + ".join();";
    }
    if (holder.getModifiers().contains(Modifier.FINAL)) {
      return wait;
    }
    // Set when the task is launched: before that (or if it never was) there is nothing to wait for.
    return "if (" + name + " != null) {\n  " + Source.indented(wait, "  ") + "\n}";
  }
}
