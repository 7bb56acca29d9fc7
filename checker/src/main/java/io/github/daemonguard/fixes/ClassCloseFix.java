package io.github.daemonguard.fixes;

import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.getStartPosition;
import static com.google.errorprone.util.ASTHelpers.getSymbol;

import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import io.github.daemonguard.analysis.ClassLifecycles;
import io.github.daemonguard.analysis.ClassLifecycles.ClassClose;
import io.github.daemonguard.analysis.ClassLifecycles.ClassLaunch;
import io.github.daemonguard.analysis.ClassLifecycles.Handle;
import io.github.daemonguard.analysis.EndlessLoops;
import io.github.daemonguard.analysis.EndlessLoops.EndlessLoop;
import io.github.daemonguard.analysis.Launch;
import io.github.daemonguard.analysis.Launches;
import io.github.daemonguard.analysis.LifecycleCandidates;
import io.github.daemonguard.analysis.Task;
import io.github.daemonguard.analysis.Trees;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
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

  /** Calls that block until another thread acts. */
  private static final Set<String> BLOCKING =
      Set.of("take", "put", "accept", "receive", "select", "join", "readLine");

  /** The wait before {@code close}, or empty when no safe one exists. */
  public static Optional<SuggestedFix> awaitBefore(ClassClose close, VisitorState state) {
    TreePath statementPath = statementInBlock(close.path());
    if (statementPath == null
        || inSynchronized(close.path())
        || isSynchronized(close)
        || close.method().getModifiers().getFlags().contains(Modifier.STATIC)
        || takesALock(close)
        || calledUnderALock(close)) {
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
    EndlessLoop endless = thread == null ? null : EndlessLoops.in(thread.task(), atLaunch);
    if (thread == null
        || thread.handle() != launch.holder()
        || endless == null
        || endless.take() == null
        || reaches(ClassLifecycles.reachableCode(thread.task(), close, state), close.method())) {
      // Only a consumer that loops taking from a queue stops on a sentinel.
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
      List<Tree> code = ClassLifecycles.reachableCode(task, close, state);
      if (reaches(code, close.method())) {
        // The task itself may call the closing method: it would wait for itself.
        return false;
      }
      if (!loops(code)) {
        continue;
      }
      // A loop ends on a wait only when the method has already told it to stop: a flag the loop
      // runs on, cleared before the close, and no blocking call a cleared flag cannot end.
      EndlessLoop endless = EndlessLoops.in(task, state);
      boolean flagCleared =
          ((endless != null && endless.flag() != null && clearsBefore(close, endless.flag()))
                  || everyLoopTestsAFlagClearedBefore(code, close))
              && !blocks(code);
      // A consumer that leaves its loop on what it takes, told by an item the method puts first.
      boolean sentinelSent = leaves(code) && putsBefore(close, queuesTakenFrom(code));
      if (!flagCleared && !sentinelSent && !stoppedByAnEarlierClose(code, close, state)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether the closing method has already stopped the loop by closing what it blocks on ({@code
   * server.close()} before {@code log.close()} ends {@code server.accept()}): every blocking call
   * of the code is on a field the method closes before the close, and the failure of each leaves
   * its loop (no {@code try} around it in the loop whose {@code catch} goes on looping).
   */
  private static boolean stoppedByAnEarlierClose(
      List<Tree> code, ClassClose close, VisitorState state) {
    Set<Symbol> closedFirst = closedOnTheWayTo(close, state);
    if (closedFirst.isEmpty()) {
      return false;
    }
    boolean[] stops = {false};
    boolean[] keepsBlocking = {false};
    for (Tree body : code) {
      new TreePathScanner<Void, Void>() {
        @Override
        public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
          if (isBlocking(call)) {
            if (closedFirst.contains(getSymbol(getReceiver(call)))
                && failureEndsTheTask(getCurrentPath(), body)) {
              stops[0] = true;
            } else {
              keepsBlocking[0] = true;
            }
          }
          return super.visitMethodInvocation(call, null);
        }
      }.scan(new TreePath(new TreePath(state.getPath().getCompilationUnit()), body), null);
    }
    return stops[0] && !keepsBlocking[0];
  }

  /**
   * The fields of the class that the closing method closes on every way to the close ({@code
   * server.close();}, {@code this.server.close();}, {@link #onTheWayTo}).
   */
  private static Set<Symbol> closedOnTheWayTo(ClassClose close, VisitorState state) {
    Set<Symbol> closed = new java.util.HashSet<>();
    for (ExpressionTree done : onTheWayTo(close)) {
      if (done instanceof MethodInvocationTree call
          && call.getArguments().isEmpty()
          && LifecycleCandidates.isCloseName(nameOf(call))
          && Trees.namesOwnMember(getReceiver(call), state)
          && getSymbol(getReceiver(call)) instanceof VarSymbol field
          && field.getKind() == javax.lang.model.element.ElementKind.FIELD) {
        closed.add(getSymbol(getReceiver(call)));
      }
    }
    closed.remove(null);
    return closed;
  }

  /**
   * The calls and assignments the closing method makes, as statements, on every way to the close:
   * earlier statements of each block that holds the close, and what those run unconditionally
   * (plain, {@code synchronized} and {@code try} blocks, a {@code finally}) — not a branch, a loop,
   * a handler or a lambda. A signal sent there has been sent when the close runs.
   */
  private static List<ExpressionTree> onTheWayTo(ClassClose close) {
    List<ExpressionTree> done = new ArrayList<>();
    Tree inner = close.path().getLeaf();
    for (TreePath p = close.path().getParentPath(); p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof LambdaExpressionTree || leaf instanceof ClassTree) {
        break;
      }
      if (leaf instanceof BlockTree block) {
        for (StatementTree statement : block.getStatements()) {
          if (statement == inner) {
            break;
          }
          collectUnconditional(statement, done);
        }
      }
      if (leaf == close.method()) {
        break;
      }
      inner = leaf;
    }
    return done;
  }

  /** Adds the expressions {@code statement} runs whenever it completes normally. */
  private static void collectUnconditional(StatementTree statement, List<ExpressionTree> done) {
    if (statement instanceof com.sun.source.tree.ExpressionStatementTree expression) {
      done.add(expression.getExpression());
    } else if (statement instanceof BlockTree block) {
      block.getStatements().forEach(inner -> collectUnconditional(inner, done));
    } else if (statement instanceof SynchronizedTree synchronizedTree) {
      collectUnconditional(synchronizedTree.getBlock(), done);
    } else if (statement instanceof com.sun.source.tree.TryTree tryTree) {
      collectUnconditional(tryTree.getBlock(), done);
      if (tryTree.getFinallyBlock() != null) {
        collectUnconditional(tryTree.getFinallyBlock(), done);
      }
    } else if (statement instanceof com.sun.source.tree.LabeledStatementTree labeled) {
      collectUnconditional(labeled.getStatement(), done);
    }
  }

  /**
   * Whether an exception thrown by the call at {@code call} ends the task's one loop around it in
   * {@code body}: every {@code try} it sits in ends each {@code catch} with a jump out ({@code
   * return}, {@code break}, {@code throw}, never {@code continue}) and has no {@code finally} that
   * jumps; and no other loop encloses that one (one that would go round again).
   */
  private static boolean failureEndsTheTask(TreePath call, Tree body) {
    Tree inner = call.getLeaf();
    boolean inLoop = false;
    for (TreePath p = call.getParentPath(); p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof com.sun.source.tree.WhileLoopTree
          || leaf instanceof com.sun.source.tree.DoWhileLoopTree
          || leaf instanceof com.sun.source.tree.ForLoopTree
          || leaf instanceof com.sun.source.tree.EnhancedForLoopTree) {
        if (inLoop) {
          return false;
        }
        inLoop = true;
      }
      if (!inLoop
          && leaf instanceof com.sun.source.tree.TryTree tryTree
          && (tryTree.getBlock() == inner || tryTree.getResources().contains(inner))) {
        for (com.sun.source.tree.CatchTree handler : tryTree.getCatches()) {
          if (com.google.errorprone.util.Reachability.canCompleteNormally(handler.getBlock())
              || contains(List.of(handler.getBlock()), Set.of(Tree.Kind.CONTINUE))) {
            return false;
          }
        }
        if (tryTree.getFinallyBlock() != null
            && contains(
                List.of(tryTree.getFinallyBlock()),
                Set.of(Tree.Kind.CONTINUE, Tree.Kind.BREAK, Tree.Kind.RETURN, Tree.Kind.THROW))) {
          return false;
        }
      }
      if (leaf == body || leaf instanceof LambdaExpressionTree || leaf instanceof ClassTree) {
        // The body's top: its one loop, if any, was found; no loop means the failure is not
        // followed.
        return inLoop;
      }
      inner = leaf;
    }
    return false;
  }

  /** Whether the call blocks until something else happens ({@link #blocks}). */
  private static boolean isBlocking(MethodInvocationTree call) {
    String name = nameOf(call);
    return BLOCKING.contains(name)
        || (name.startsWith("read") && !name.equals("ready"))
        || ((name.equals("wait") || name.equals("poll") || name.equals("await"))
            && call.getArguments().isEmpty());
  }

  /** Whether the code can leave a loop: a {@code break} or a {@code return}. */
  private static boolean leaves(List<Tree> code) {
    return contains(code, Set.of(Tree.Kind.BREAK, Tree.Kind.RETURN));
  }

  /** Whether the code holds a while, do or classic for loop (a for-each over a collection ends). */
  static boolean loops(List<Tree> code) {
    return contains(
        code, Set.of(Tree.Kind.WHILE_LOOP, Tree.Kind.DO_WHILE_LOOP, Tree.Kind.FOR_LOOP));
  }

  /** Whether any tree of {@code code} is of one of {@code kinds}. */
  private static boolean contains(List<Tree> code, Set<Tree.Kind> kinds) {
    boolean[] found = {false};
    for (Tree body : code) {
      new TreeScanner<Void, Void>() {
        @Override
        public Void scan(Tree tree, Void unused) {
          if (tree != null && kinds.contains(tree.getKind())) {
            found[0] = true;
            return null;
          }
          return found[0] ? null : super.scan(tree, null);
        }
      }.scan(body, null);
    }
    return found[0];
  }

  /** The fields the code takes items from ({@code queue.take()}, {@code queue.poll(..)}). */
  private static Set<Symbol> queuesTakenFrom(List<Tree> code) {
    Set<Symbol> queues = new java.util.HashSet<>();
    for (Tree body : code) {
      new TreeScanner<Void, Void>() {
        @Override
        public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
          Symbol method = getSymbol(call);
          Symbol receiver = getSymbol(getReceiver(call));
          if (method != null
              && (method.getSimpleName().contentEquals("take")
                  || method.getSimpleName().contentEquals("poll"))
              && receiver != null
              && receiver.getKind() == javax.lang.model.element.ElementKind.FIELD) {
            queues.add(receiver);
          }
          return super.visitMethodInvocation(call, null);
        }
      }.scan(body, null);
    }
    return queues;
  }

  /** Whether the closing method puts an item on one of {@code queues} before the close. */
  private static boolean putsBefore(ClassClose close, Set<Symbol> queues) {
    for (Symbol queue : queues) {
      if (callsOn(close, queue, "put")
          || callsOn(close, queue, "add")
          || callsOn(close, queue, "offer")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the closing method is called from a {@code synchronized} method or block of its class:
   * a task that takes the same monitor could then never finish while the close waits for it.
   */
  private static boolean calledUnderALock(ClassClose close) {
    String name = close.method().getName().toString();
    TreePath classPath = close.path();
    while (classPath != null && !(classPath.getLeaf() instanceof ClassTree)) {
      classPath = classPath.getParentPath();
    }
    if (classPath == null) {
      return true;
    }
    boolean[] found = {false};
    new TreeScanner<Boolean, Boolean>() {
      @Override
      public Boolean visitMethod(com.sun.source.tree.MethodTree method, Boolean locked) {
        return super.visitMethod(
            method, method.getModifiers().getFlags().contains(Modifier.SYNCHRONIZED));
      }

      @Override
      public Boolean visitSynchronized(SynchronizedTree tree, Boolean locked) {
        return super.visitSynchronized(tree, true);
      }

      @Override
      public Boolean visitMethodInvocation(MethodInvocationTree call, Boolean locked) {
        Symbol method = getSymbol(call);
        found[0] |=
            Boolean.TRUE.equals(locked)
                && method != null
                && method.getSimpleName().contentEquals(name);
        return super.visitMethodInvocation(call, locked);
      }
    }.scan(classPath.getLeaf(), false);
    return found[0];
  }

  /** Whether the code makes a call that blocks until something else happens. */
  static boolean blocks(List<Tree> code) {
    return anyCall(code, ClassCloseFix::isBlocking);
  }

  /**
   * Whether the task's code calls a method named like {@code method}, or hands {@code this} on: a
   * wait there could be the task waiting for itself.
   */
  static boolean reaches(List<Tree> code, MethodTree method) {
    String name = method.getName().toString();
    return anyCall(
        code,
        call ->
            nameOf(call).equals(name)
                || call.getArguments().stream()
                    .anyMatch(
                        a ->
                            a instanceof com.sun.source.tree.IdentifierTree i
                                && i.getName().contentEquals("this")));
  }

  /**
   * Whether every while, do and classic for loop of the code tests, in its condition, a field the
   * closing method clears before the close ({@code while (running || !queue.isEmpty())}).
   */
  private static boolean everyLoopTestsAFlagClearedBefore(List<Tree> code, ClassClose close) {
    boolean[] all = {true};
    boolean[] any = {false};
    for (Tree body : code) {
      new TreeScanner<Void, Void>() {
        @Override
        public Void visitWhileLoop(com.sun.source.tree.WhileLoopTree loop, Void unused) {
          check(loop.getCondition());
          return super.visitWhileLoop(loop, null);
        }

        @Override
        public Void visitDoWhileLoop(com.sun.source.tree.DoWhileLoopTree loop, Void unused) {
          check(loop.getCondition());
          return super.visitDoWhileLoop(loop, null);
        }

        @Override
        public Void visitForLoop(com.sun.source.tree.ForLoopTree loop, Void unused) {
          check(loop.getCondition());
          return super.visitForLoop(loop, null);
        }

        private void check(@Nullable Tree condition) {
          boolean[] flagged = {false};
          if (condition != null) {
            new TreeScanner<Void, Void>() {
              @Override
              public Void visitIdentifier(com.sun.source.tree.IdentifierTree id, Void unused) {
                Symbol symbol = getSymbol(id);
                flagged[0] |=
                    symbol != null
                        && symbol.getKind() == javax.lang.model.element.ElementKind.FIELD
                        && clearsBefore(close, symbol);
                return null;
              }
            }.scan(condition, null);
          }
          any[0] = true;
          all[0] &= flagged[0];
        }
      }.scan(body, null);
    }
    return any[0] && all[0];
  }

  /**
   * Whether the closing method clears {@code flag} on every way to the close ({@code running =
   * false;}, {@code running.set(false);}, {@link #onTheWayTo}).
   */
  private static boolean clearsBefore(ClassClose close, Symbol flag) {
    for (ExpressionTree done : onTheWayTo(close)) {
      if ((done instanceof com.sun.source.tree.AssignmentTree assignment
              && getSymbol(assignment.getVariable()) == flag)
          || (done instanceof MethodInvocationTree call
              && nameOf(call).equals("set")
              && getSymbol(getReceiver(call)) == flag)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the closing method takes an explicit lock ({@code lock()}), which the task may need.
   */
  private static boolean takesALock(ClassClose close) {
    return anyCall(
        List.of(close.method().getBody()),
        call -> Set.of("lock", "lockInterruptibly", "tryLock").contains(nameOf(call)));
  }

  /**
   * Whether the closing method calls {@code name} on {@code holder} on every way to the close
   * ({@link #onTheWayTo}).
   */
  private static boolean callsOn(ClassClose close, Symbol holder, String name) {
    for (ExpressionTree done : onTheWayTo(close)) {
      if (done instanceof MethodInvocationTree call
          && nameOf(call).equals(name)
          && getSymbol(getReceiver(call)) == holder) {
        return true;
      }
    }
    return false;
  }

  /** Whether some method invocation in {@code code} satisfies {@code test}. */
  private static boolean anyCall(List<? extends Tree> code, Predicate<MethodInvocationTree> test) {
    boolean[] found = {false};
    for (Tree body : code) {
      new TreeScanner<Void, Void>() {
        @Override
        public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
          found[0] |= test.test(call);
          return found[0] ? null : super.visitMethodInvocation(call, null);
        }
      }.scan(body, null);
    }
    return found[0];
  }

  /** The simple name of the method {@code call} invokes, or "" when it is unresolved. */
  private static String nameOf(MethodInvocationTree call) {
    Symbol method = getSymbol(call);
    return method == null ? "" : method.getSimpleName().toString();
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
