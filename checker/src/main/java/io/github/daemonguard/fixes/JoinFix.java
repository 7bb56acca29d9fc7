package io.github.daemonguard.fixes;

import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.getStartPosition;
import static com.google.errorprone.util.ASTHelpers.getSymbol;
import static com.google.errorprone.util.ASTHelpers.stripParentheses;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.Sets;
import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.fixes.SuggestedFixes;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import io.github.daemonguard.analysis.ClassLifecycles;
import io.github.daemonguard.analysis.Declarations;
import io.github.daemonguard.analysis.EndlessLoops;
import io.github.daemonguard.analysis.EndlessLoops.EndlessLoop;
import io.github.daemonguard.analysis.Futures;
import io.github.daemonguard.analysis.Launch;
import io.github.daemonguard.analysis.LaunchKind;
import io.github.daemonguard.analysis.Resources;
import io.github.daemonguard.analysis.Tasks;
import io.github.daemonguard.analysis.Trees;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * The {@code join()} fix: wait for a launched thread after the last statement that talks to its
 * task and before any resource the task uses is closed.
 *
 * <p>A thread started in a loop is collected into a list that is joined after the loop; an unnamed
 * thread gets a variable. With several exits after the launch, the join goes into a {@code
 * finally}. {@code InterruptedException} is treated as {@link Interrupts} says.
 */
public final class JoinFix {
  private JoinFix() {}

  /**
   * The fix for {@code launch}, found at {@code state}'s path.
   *
   * @param talkedTo variables through which the launcher talks to the task (the thread, what the
   *     task captures): the join goes after the last statement that mentions one
   * @param closedResources resources the task uses: the join goes before a statement that closes
   *     one
   * @param deadline a source position the join must precede (where a resource the task uses is
   *     closed), or {@code Integer.MAX_VALUE}; no fix when the join cannot go before it
   */
  public static Optional<SuggestedFix> forThread(
      Launch launch,
      Set<Symbol> talkedTo,
      Set<Symbol> closedResources,
      int deadline,
      VisitorState state) {
    TreePath statementPath = statementPath(state.getPath());
    if (statementPath == null) {
      return Optional.empty();
    }
    TreePath codeUnit = Trees.enclosingCodeUnit(statementPath);
    if (codeUnit == null || codeUnit.getLeaf() instanceof ClassTree) {
      return Optional.empty();
    }
    TreePath loop = outermostLoop(statementPath, codeUnit.getLeaf());
    VarSymbol handle = launch.handle();
    if (handle != null && handle.getKind() != ElementKind.LOCAL_VARIABLE) {
      return Optional.empty();
    }
    Waited waited = Waited.of(launch, state);
    String signal = "";
    SuggestedFix consumerSide = null;
    EndlessLoop endless = launch.task() == null ? null : EndlessLoops.in(launch.task(), state);
    if (endless != null) {
      // Joining a task that never leaves its loop hangs: send a sentinel first, or offer nothing.
      if (endless.take() == null || !waited.interruptible()) {
        return Optional.empty();
      }
      Optional<SentinelFix.Plan> plan =
          SentinelFix.plan(
              endless.take(), flushables(closedResources, state), state.getPath(), state);
      if (plan.isEmpty()) {
        return Optional.empty();
      }
      signal = plan.get().signal() + "\n";
      consumerSide = plan.get().consumerSide();
    }
    Interrupts interrupts =
        waited.interruptible() ? Interrupts.at(statementPath, state) : Interrupts.PROPAGATE;
    Set<String> taken =
        Source.namesIn(enclosingClassOrUnit(codeUnit), getStartPosition(launch.call()), state);
    Set<String> catchTaken =
        Source.localsInScope(codeUnit.getLeaf(), getStartPosition(launch.call()), state);
    int ordinal = ordinal(launch, codeUnit.getLeaf(), state);
    int stride = launchCount(codeUnit.getLeaf()) + 1;
    if (loop != null) {
      if (endless != null) {
        return Optional.empty();
      }
      return joinAfterLoop(
          launch,
          statementPath,
          loop,
          talkedTo,
          closedResources,
          deadline,
          interrupts,
          waited,
          taken,
          catchTaken,
          ordinal,
          stride,
          state);
    }
    StatementTree anchor;
    BlockTree block;
    SuggestedFix.Builder fix = SuggestedFix.builder();
    if (consumerSide != null) {
      fix.merge(consumerSide);
    }
    String threadName;
    if (handle != null) {
      Tree assignment = assignmentStatement(codeUnit.getLeaf(), handle, state);
      TreePath assignmentPath = assignment == null ? null : TreePath.getPath(codeUnit, assignment);
      if (assignmentPath == null
          || !(assignmentPath.getParentPath().getLeaf() instanceof BlockTree declaringBlock)) {
        return Optional.empty();
      }
      block = declaringBlock;
      anchor = childOf(block, statementPath);
      threadName = handle.getSimpleName().toString();
    } else {
      if (!(statementPath.getParentPath().getLeaf() instanceof BlockTree launchBlock)) {
        return Optional.empty();
      }
      block = launchBlock;
      anchor = (StatementTree) statementPath.getLeaf();
      threadName = Source.freshName(waited.singular(), ordinal, stride, taken);
      if (!nameUnnamedThread(launch, waited, anchor, threadName, fix, state)) {
        return Optional.empty();
      }
    }
    if (anchor == null) {
      return Optional.empty();
    }
    Set<Symbol> talk = new java.util.HashSet<>(talkedTo);
    if (handle != null) {
      talk.add(handle);
    }
    String join = joinCode(signal, threadName, interrupts, state, catchTaken);
    boolean waitsForLauncher = Tasks.waitsForLauncher(launch.task(), state);
    Optional<SuggestedFix> placed =
        placeAfter(
                block,
                anchor,
                closedResources,
                Set.of(),
                deadline,
                join,
                interrupts,
                codeUnit,
                waitsForLauncher,
                fix,
                state)
            .map(SuggestedFix.Builder::build);
    if (placed.isPresent()
        || handle == null
        || !(statementPath.getParentPath().getLeaf() instanceof BlockTree launchBlock)
        || launchBlock == block
        || mentionedAfter(statementPath, block, Sets.difference(talk, Set.of(handle)))) {
      return placed;
    }
    // The thread outlives the block it is started in (a try-with-resources, say) and the join
    // cannot go before the close out there: join at the end of the launching block instead, since
    // nothing after it talks to the task.
    SuggestedFix.Builder inner = SuggestedFix.builder();
    if (consumerSide != null) {
      inner.merge(consumerSide);
    }
    return placeAfter(
            launchBlock,
            (StatementTree) statementPath.getLeaf(),
            closedResources,
            Set.of(),
            deadline,
            join,
            interrupts,
            codeUnit,
            waitsForLauncher,
            inner,
            state)
        .map(SuggestedFix.Builder::build);
  }

  /**
   * The statement that gives {@code variable} its value: its declaration when it has an
   * initializer, else its only assignment statement; null otherwise.
   */
  @Nullable
  private static Tree assignmentStatement(Tree scope, VarSymbol variable, VisitorState state) {
    VariableTree declaration = Trees.localDeclaration(scope, variable, state);
    if (declaration == null) {
      return null;
    }
    if (declaration.getInitializer() != null) {
      return declaration;
    }
    List<Tree> assignments = new java.util.ArrayList<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitExpressionStatement(ExpressionStatementTree tree, Void unused) {
        if (tree.getExpression() instanceof com.sun.source.tree.AssignmentTree assignment
            && getSymbol(assignment.getVariable()) == variable) {
          assignments.add(tree);
        }
        return super.visitExpressionStatement(tree, null);
      }
    }.scan(scope, null);
    return assignments.size() == 1 ? assignments.get(0) : null;
  }

  /**
   * Whether a statement after the one at {@code path}, in its block or any enclosing block up to
   * {@code outer}, mentions one of {@code symbols}.
   */
  static boolean mentionedAfter(TreePath path, BlockTree outer, Set<Symbol> symbols) {
    for (TreePath p = path; p.getParentPath() != null; p = p.getParentPath()) {
      if (p.getParentPath().getLeaf() instanceof BlockTree block) {
        // javac's own List is linked: copy it, or every get(i) walks the list.
        List<? extends StatementTree> statements = ImmutableList.copyOf(block.getStatements());
        int index = statements.indexOf(p.getLeaf());
        for (int i = index + 1; i < statements.size(); i++) {
          if (Source.mentions(statements.get(i), symbols)) {
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
   * The fix for a thread held in a private field that no method joins: the class's own {@code
   * close()}, {@code stop()} or {@code shutdown()} joins it (after sending a sentinel when its task
   * consumes a queue forever); empty when the class has no such method.
   */
  public static Optional<SuggestedFix> inStopMethod(
      Launch launch, Set<Symbol> closedResources, VisitorState state) {
    VarSymbol field = launch.handle();
    ClassTree owner = field == null ? null : Declarations.of(state).type(field.owner);
    MethodTree stop = owner == null ? null : stopMethod(owner);
    List<Tree> code =
        stop == null || launch.task() == null
            ? null
            : ClassLifecycles.reachableCode(launch.task(), owner);
    if (stop == null || code == null || locks(stop) || ClassCloseFix.reaches(code, stop)) {
      // A join under a monitor the task may need, or in a method the task itself calls, hangs.
      return Optional.empty();
    }
    SuggestedFix.Builder fix = SuggestedFix.builder();
    String signal = "";
    EndlessLoop endless = EndlessLoops.in(launch.task(), state);
    boolean flagCleared =
        endless != null && endless.flag() != null && EndlessLoops.clears(stop, endless.flag());
    if (flagCleared) {
      // stop() already clears the flag the loop runs on: after that, a join ends.
      endless = null;
    }
    if (endless == null
        && ClassCloseFix.loops(code)
        && !(flagCleared && !ClassCloseFix.blocks(code))) {
      // A loop that stop() has not told to end (or that a cleared flag cannot end while it waits
      // in a blocking call): the join could wait for ever.
      return Optional.empty();
    }
    if (endless != null) {
      if (endless.take() == null || endless.take().queue().getKind() != ElementKind.FIELD) {
        return Optional.empty();
      }
      Optional<SentinelFix.Plan> plan =
          SentinelFix.plan(
              endless.take(), flushables(closedResources, state), state.getPath(), state);
      if (plan.isEmpty()) {
        return Optional.empty();
      }
      fix.merge(plan.get().consumerSide());
      signal = plan.get().signal() + "\n";
    }
    MethodSymbol stopSymbol = ASTHelpers.getSymbol(stop);
    Interrupts interrupts =
        stopSymbol != null && Interrupts.declaresInterrupted(stopSymbol, state)
            ? Interrupts.PROPAGATE
            : Interrupts.CATCH;
    Set<String> taken = Source.namesIn(stop, getStartPosition(stop.getBody()), state);
    String join = joinCode(signal, field.getSimpleName().toString(), interrupts, state, taken);
    if (!field.getModifiers().contains(javax.lang.model.element.Modifier.FINAL)) {
      // The thread may never have been started, and the field never set.
      join =
          "if (" + field.getSimpleName() + " != null) {\n  " + Source.indented(join, "  ") + "\n}";
    }
    List<? extends StatementTree> statements = ImmutableList.copyOf(stop.getBody().getStatements());
    StatementTree before = null;
    for (StatementTree statement : statements) {
      if (closes(statement, closedResources) || isExit(statement)) {
        before = statement;
        break;
      }
    }
    if (before != null) {
      String indent = Source.indentOf(before, state);
      fix.prefixWith(before, Source.indented(join, indent) + "\n" + indent);
    } else if (!statements.isEmpty()) {
      StatementTree last = statements.get(statements.size() - 1);
      String indent = Source.indentOf(last, state);
      Source.addLinesAfter(fix, last, indent + Source.indented(join, indent), state);
    } else {
      String indent = Source.indentOf(stop, state) + "  ";
      int open = getStartPosition(stop.getBody()) + 1;
      fix.replace(open, open, "\n" + indent + Source.indented(join, indent));
    }
    return Optional.of(fix.build());
  }

  /** Whether {@code method} is {@code synchronized} or holds a {@code synchronized} block. */
  private static boolean locks(MethodTree method) {
    if (method.getModifiers().getFlags().contains(javax.lang.model.element.Modifier.SYNCHRONIZED)) {
      return true;
    }
    boolean[] found = {false};
    new com.sun.source.util.TreeScanner<Void, Void>() {
      @Override
      public Void visitSynchronized(com.sun.source.tree.SynchronizedTree tree, Void unused) {
        found[0] = true;
        return null;
      }
    }.scan(method.getBody(), null);
    return found[0];
  }

  /** The method {@link #inStopMethod} places its wait in, or null. */
  @Nullable
  static MethodTree stopMethodOf(Launch launch, VisitorState state) {
    VarSymbol field = launch.handle();
    ClassTree owner = field == null ? null : Declarations.of(state).type(field.owner);
    return owner == null ? null : stopMethod(owner);
  }

  /** The class's own {@code close()}, {@code stop()} or {@code shutdown()}, or null. */
  @Nullable
  private static MethodTree stopMethod(ClassTree owner) {
    for (Tree member : owner.getMembers()) {
      if (member instanceof MethodTree method
          && method.getBody() != null
          && method.getParameters().isEmpty()
          && !method.getModifiers().getFlags().contains(javax.lang.model.element.Modifier.STATIC)
          && (method.getName().contentEquals("close")
              || method.getName().contentEquals("stop")
              || method.getName().contentEquals("shutdown"))) {
        return method;
      }
    }
    return null;
  }

  /** A thread started in a loop: collect it into a list and join every element after the loop. */
  private static Optional<SuggestedFix> joinAfterLoop(
      Launch launch,
      TreePath statementPath,
      TreePath loop,
      Set<Symbol> talkedTo,
      Set<Symbol> closedResources,
      int deadline,
      Interrupts interrupts,
      Waited waited,
      Set<String> taken,
      Set<String> catchTaken,
      int ordinal,
      int stride,
      VisitorState state) {
    if (!(loop.getParentPath().getLeaf() instanceof BlockTree outer)) {
      return Optional.empty();
    }
    VarSymbol handle = launch.handle();
    TreePath codeUnit = Trees.enclosingCodeUnit(loop);
    if (handle != null) {
      VariableTree declaration = Trees.localDeclaration(loop.getLeaf(), handle, state);
      if (declaration == null || declaration.getInitializer() == null) {
        return Optional.empty();
      }
    }
    SuggestedFix.Builder fix = SuggestedFix.builder();
    String list = Source.freshName(waited.plural(), ordinal, stride, taken);
    String element = Source.freshName(waited.singular(), ordinal, stride, taken);
    String listType = SuggestedFixes.qualifyType(state, fix, "java.util.List");
    String arrayList = SuggestedFixes.qualifyType(state, fix, "java.util.ArrayList");
    String loopIndent = Source.indentOf(loop.getLeaf(), state);
    fix.prefixWith(
        loop.getLeaf(),
        listType
            + "<"
            + waited.elementType()
            + "> "
            + list
            + " = new "
            + arrayList
            + "<>();\n"
            + loopIndent);
    StatementTree statement = (StatementTree) statementPath.getLeaf();
    String indent = Source.indentOf(statement, state);
    if (handle != null) {
      Source.addLinesAfter(
          fix, statement, indent + list + ".add(" + handle.getSimpleName() + ");", state);
    } else if (returnsThread(launch.call())) {
      if (!(statement instanceof ExpressionStatementTree expression
          && expression.getExpression() == waited.launched())) {
        return Optional.empty();
      }
      fix.prefixWith(waited.launched(), list + ".add(").postfixWith(waited.launched(), ")");
    } else {
      String name = Source.freshName(waited.singular(), ordinal, stride, taken);
      if (!nameUnnamedThread(launch, waited, statement, name, fix, state)) {
        return Optional.empty();
      }
      Source.addLinesAfter(fix, statement, indent + list + ".add(" + name + ");", state);
    }
    String join = joinCode("", element, interrupts, state, catchTaken);
    String joinAll =
        "for ("
            + waited.elementType()
            + " "
            + element
            + " : "
            + list
            + ") {\n  "
            + Source.indented(join, "  ")
            + "\n}";
    if (interrupts == Interrupts.CATCH) {
      String catchName = Source.freshName("e", 0, catchTaken);
      joinAll =
          "try {\n  for ("
              + waited.elementType()
              + " "
              + element
              + " : "
              + list
              + ") {\n    "
              + element
              + ".join();\n  }\n} catch (InterruptedException "
              + catchName
              + ") {\n  for ("
              + waited.elementType()
              + " "
              + element
              + " : "
              + list
              + ") {\n    "
              + element
              + ".interrupt();\n  }\n  Thread.currentThread().interrupt();\n}";
    }
    return placeAfter(
            outer,
            (StatementTree) loop.getLeaf(),
            closedResources,
            Set.of(),
            deadline,
            joinAll,
            interrupts,
            codeUnit,
            Tasks.waitsForLauncher(launch.task(), state),
            fix,
            state)
        .map(SuggestedFix.Builder::build);
  }

  /**
   * Puts {@code code} as late as it can go in {@code block} after {@code anchor}: after the last
   * statement, before one that returns or throws at the end, before any statement that closes one
   * of {@code closed} or reaches {@code deadline}; wraps the statements in between in {@code try …
   * finally} when one of them may leave the block early. Empty when no placement is safe: the block
   * is inside a {@code synchronized} the task may need, it ends in a loop that never completes, or
   * an early exit would wait for a task that waits for the launcher.
   *
   * @param taskWaitsForLauncher whether the task blocks on something the launcher provides (a
   *     queue, a latch, a pipe): then a wait on an early-exit path, which skips the providing,
   *     hangs
   * @param waitBefore variables the launcher must not touch before the wait (a resource the tasks
   *     still use): the wait goes before the first statement that mentions one
   */
  static Optional<SuggestedFix.Builder> placeAfter(
      BlockTree block,
      StatementTree anchor,
      Set<Symbol> closed,
      Set<Symbol> waitBefore,
      int deadline,
      String code,
      Interrupts interrupts,
      TreePath codeUnit,
      boolean taskWaitsForLauncher,
      SuggestedFix.Builder fix,
      VisitorState state) {
    // javac's own List is linked: copy it, or every get(i) walks the list.
    List<? extends StatementTree> statements = ImmutableList.copyOf(block.getStatements());
    int anchorIndex = statements.indexOf(anchor);
    if (anchorIndex < 0
        || insideSynchronized(codeUnit, block)
        || exits(anchor, getStartPosition(state.getPath().getLeaf()))) {
      // An exit inside the launching statement itself (if (q) { start; return; }) would skip a
      // wait placed after it.
      return Optional.empty();
    }
    int limit = statements.size();
    for (int i = anchorIndex + 1; i < statements.size(); i++) {
      if (closes(statements.get(i), closed)
          || Source.mentions(statements.get(i), waitBefore)
          || state.getEndPosition(statements.get(i)) > deadline) {
        limit = i;
        break;
      }
    }
    int last = limit - 1;
    if (last > anchorIndex && neverCompletes(statements.get(last))) {
      return Optional.empty();
    }
    boolean lastIsExit = last > anchorIndex && isExit(statements.get(last));
    int exitsUpTo = lastIsExit ? last - 1 : last;
    boolean earlyExit = false;
    for (int i = anchorIndex + 1; i <= exitsUpTo; i++) {
      earlyExit |= containsExit(statements.get(i));
    }
    if (earlyExit && taskWaitsForLauncher) {
      return Optional.empty();
    }
    int insertion =
        earlyExit
            ? state.getEndPosition(statements.get(limit - 1))
            : lastIsExit
                ? getStartPosition(statements.get(last))
                : state.getEndPosition(statements.get(last));
    if (insertion > deadline) {
      return Optional.empty();
    }
    String indent = Source.indentOf(anchor, state);
    if (earlyExit) {
      StatementTree first = statements.get(anchorIndex + 1);
      StatementTree end = statements.get(limit - 1);
      CharSequence source = state.getSourceCode();
      String body =
          source
              .subSequence(getStartPosition(first), state.getEndPosition(end))
              .toString()
              .replace("\n", "\n  ");
      String wrapped =
          "try {\n"
              + indent
              + "  "
              + body
              + "\n"
              + indent
              + "} finally {\n"
              + indent
              + "  "
              + Source.indented(code, indent + "  ")
              + "\n"
              + indent
              + "}";
      fix.replace(getStartPosition(first), state.getEndPosition(end), wrapped);
    } else if (lastIsExit) {
      fix.prefixWith(statements.get(last), Source.indented(code, indent) + "\n" + indent);
    } else {
      Source.addLinesAfter(
          fix, statements.get(last), indent + Source.indented(code, indent), state);
    }
    if (interrupts == Interrupts.ADD_THROWS) {
      addThrowsInterrupted((MethodTree) codeUnit.getLeaf(), fix, state);
    }
    return Optional.of(fix);
  }

  /** The wait, as a statement or a try/catch that cancels the task and restores the interrupt. */
  private static String joinCode(
      String signal,
      String thread,
      Interrupts interrupts,
      VisitorState state,
      Set<String> catchTaken) {
    if (interrupts != Interrupts.CATCH) {
      return signal + thread + ".join();";
    }
    String catchName = Source.freshName("e", 0, catchTaken);
    return "try {\n  "
        + Source.indented(signal, "  ")
        + thread
        + ".join();\n} catch (InterruptedException "
        + catchName
        + ") {\n  "
        + thread
        + ".interrupt();\n  Thread.currentThread().interrupt();\n}";
  }

  /** The resources among {@code resources} that buffer output and can be flushed. */
  private static Set<Symbol> flushables(Set<Symbol> resources, VisitorState state) {
    Set<Symbol> flushables = new java.util.LinkedHashSet<>();
    for (Symbol resource : resources) {
      if (Resources.isSubtype(resource.type, "java.io.Flushable", state)) {
        flushables.add(resource);
      }
    }
    return flushables;
  }

  /** Adds {@code throws InterruptedException} to {@code method}. */
  static void addThrowsInterrupted(
      MethodTree method, SuggestedFix.Builder fix, VisitorState state) {
    if (method.getThrows().isEmpty()) {
      int bodyStart = getStartPosition(method.getBody());
      fix.replace(bodyStart, bodyStart, "throws InterruptedException ");
    } else {
      ExpressionTree last = method.getThrows().get(method.getThrows().size() - 1);
      fix.postfixWith(last, ", InterruptedException");
    }
  }

  /**
   * Gives an unnamed thread a variable: {@code Thread t = builder.start(task);} or {@code Worker w
   * = new Worker(); w.start();}.
   */
  private static boolean nameUnnamedThread(
      Launch launch,
      Waited waited,
      StatementTree statement,
      String name,
      SuggestedFix.Builder fix,
      VisitorState state) {
    if (!(statement instanceof ExpressionStatementTree expression
        && expression.getExpression() == waited.launched())) {
      return false;
    }
    if (returnsThread(launch.call())) {
      fix.prefixWith(statement, waited.type(fix, state) + " " + name + " = ");
      return true;
    }
    ExpressionTree receiver = getReceiver(launch.call());
    if (!(receiver != null && stripParentheses(receiver) instanceof NewClassTree newThread)) {
      return false;
    }
    com.sun.tools.javac.code.Type threadType = ASTHelpers.getType(newThread);
    String type =
        newThread.getClassBody() == null && threadType != null
            ? SuggestedFixes.prettyType(state, fix, threadType)
            : "Thread";
    String indent = Source.indentOf(statement, state);
    fix.replace(
        statement,
        type
            + " "
            + name
            + " = "
            + state.getSourceForNode(newThread)
            + ";\n"
            + indent
            + name
            + ".start();");
    return true;
  }

  /** Whether the launch call returns the started thread (a builder's or a virtual start). */
  private static boolean returnsThread(MethodInvocationTree call) {
    Symbol method = getSymbol(call);
    return method != null && !((Symbol.MethodSymbol) method).getReturnType().isPrimitiveOrVoid();
  }

  /**
   * The path of the statement containing {@code path}, or null when a lambda or class is nearer.
   */
  @Nullable
  private static TreePath statementPath(TreePath path) {
    for (TreePath p = path; p.getParentPath() != null; p = p.getParentPath()) {
      Tree parent = p.getParentPath().getLeaf();
      if (p.getLeaf() instanceof StatementTree && parent instanceof BlockTree) {
        return p;
      }
      if (p.getLeaf() instanceof LambdaExpressionTree || p.getLeaf() instanceof ClassTree) {
        return null;
      }
    }
    return null;
  }

  /** The outermost loop around {@code path} inside {@code codeUnit}, or null. */
  @Nullable
  private static TreePath outermostLoop(TreePath path, Tree codeUnit) {
    TreePath loop = null;
    for (TreePath p = path; p != null && p.getLeaf() != codeUnit; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof ForLoopTree
          || leaf instanceof EnhancedForLoopTree
          || leaf instanceof WhileLoopTree
          || leaf instanceof DoWhileLoopTree) {
        loop = p;
      }
    }
    return loop;
  }

  /** The statement of {@code block} that contains {@code path}, or null. */
  @Nullable
  private static StatementTree childOf(BlockTree block, TreePath path) {
    for (TreePath p = path; p.getParentPath() != null; p = p.getParentPath()) {
      if (p.getParentPath().getLeaf() == block) {
        return (StatementTree) p.getLeaf();
      }
    }
    return null;
  }

  /** The class (or, for a top-level lambda, the unit) whose names a new local must avoid. */
  private static Tree enclosingClassOrUnit(TreePath codeUnit) {
    for (TreePath p = codeUnit; p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof ClassTree) {
        return p.getLeaf();
      }
    }
    return codeUnit.getCompilationUnit();
  }

  /**
   * How many launch statements precede this one in its code unit: fixes for several launches in one
   * method then choose distinct names and compose.
   */
  private static int ordinal(Launch launch, Tree codeUnit, VisitorState state) {
    int position = getStartPosition(launch.call());
    int[] count = {1};
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
        if (getStartPosition(tree) < position
            && io.github.daemonguard.analysis.LaunchSites.mayLaunch(tree)) {
          count[0]++;
        }
        return super.visitMethodInvocation(tree, null);
      }
    }.scan(codeUnit, null);
    return count[0];
  }

  /** How many launch-like calls the code unit holds. */
  private static int launchCount(Tree codeUnit) {
    int[] count = {0};
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
        if (io.github.daemonguard.analysis.LaunchSites.mayLaunch(tree)) {
          count[0]++;
        }
        return super.visitMethodInvocation(tree, null);
      }
    }.scan(codeUnit, null);
    return count[0];
  }

  private static boolean isExit(StatementTree statement) {
    return statement instanceof ReturnTree
        || statement instanceof ThrowTree
        || statement instanceof com.sun.source.tree.YieldTree;
  }

  /** Whether {@code block} lies inside a {@code synchronized} statement of the code unit. */
  private static boolean insideSynchronized(TreePath codeUnit, BlockTree block) {
    TreePath path = TreePath.getPath(codeUnit, block);
    for (TreePath p = path; p != null && p.getLeaf() != codeUnit.getLeaf(); p = p.getParentPath()) {
      if (p.getLeaf() instanceof com.sun.source.tree.SynchronizedTree) {
        return true;
      }
    }
    return path == null;
  }

  /** Whether {@code statement} is a loop that never completes: code after it is unreachable. */
  private static boolean neverCompletes(StatementTree statement) {
    com.sun.source.tree.ExpressionTree condition =
        statement instanceof WhileLoopTree whileLoop
            ? whileLoop.getCondition()
            : statement instanceof ForLoopTree forLoop ? forLoop.getCondition() : null;
    boolean constantTrue =
        statement instanceof ForLoopTree && condition == null
            || condition != null
                && stripParentheses(condition) instanceof com.sun.source.tree.LiteralTree literal
                && Boolean.TRUE.equals(literal.getValue());
    if (!constantTrue) {
      return false;
    }
    boolean[] breaks = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitBreak(BreakTree tree, Void unused) {
        breaks[0] = true;
        return null;
      }
    }.scan(statement, null);
    return !breaks[0];
  }

  /** Whether {@code statement} may leave the block early (not counting nested code units). */
  private static boolean containsExit(StatementTree statement) {
    return exits(statement, -1);
  }

  /**
   * Whether {@code statement} holds, after {@code position}, a return, throw, yield, or labeled
   * break or continue (not counting nested lambdas and classes).
   */
  private static boolean exits(StatementTree statement, int position) {
    boolean[] found = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitReturn(ReturnTree tree, Void unused) {
        found[0] |= getStartPosition(tree) > position;
        return null;
      }

      @Override
      public Void visitThrow(ThrowTree tree, Void unused) {
        found[0] |= getStartPosition(tree) > position;
        return null;
      }

      @Override
      public Void visitYield(com.sun.source.tree.YieldTree tree, Void unused) {
        found[0] |= getStartPosition(tree) > position;
        return null;
      }

      @Override
      public Void visitBreak(BreakTree tree, Void unused) {
        found[0] |= tree.getLabel() != null && getStartPosition(tree) > position;
        return null;
      }

      @Override
      public Void visitContinue(ContinueTree tree, Void unused) {
        found[0] |= tree.getLabel() != null && getStartPosition(tree) > position;
        return null;
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
        return null;
      }

      @Override
      public Void visitClass(ClassTree tree, Void unused) {
        return null;
      }
    }.scan(statement, null);
    return found[0];
  }

  /** Whether {@code statement} is {@code r.close();} for a resource in {@code closed}. */
  static boolean closes(StatementTree statement, Set<Symbol> closed) {
    return statement instanceof ExpressionStatementTree expression
        && expression.getExpression() instanceof MethodInvocationTree call
        && getSymbol(call) != null
        && getSymbol(call).getSimpleName().contentEquals("close")
        && closed.contains(getSymbol(getReceiver(call)));
  }

  /**
   * What the fix waits on: a {@code Thread}, or the {@code CompletableFuture} of a common-pool
   * task; both wait with {@code join()}, but only a thread's join can be interrupted.
   *
   * @param launched the expression whose value is waited on: the launch call, or the end of the
   *     chain of continuations built on it
   */
  private record Waited(
      ExpressionTree launched,
      String elementType,
      String singular,
      String plural,
      boolean interruptible) {

    static Waited of(Launch launch, VisitorState state) {
      if (launch.kind() == LaunchKind.COMMON_POOL) {
        ExpressionTree top = (ExpressionTree) Futures.chainTop(state.getPath()).getLeaf();
        return new Waited(top, "CompletableFuture<?>", "future", "futures", false);
      }
      return new Waited(launch.call(), "Thread", "thread", "threads", true);
    }

    /** The declared type of a new variable holding the waited-on value. */
    String type(SuggestedFix.Builder fix, VisitorState state) {
      if (!interruptible) {
        com.sun.tools.javac.code.Type type = ASTHelpers.getType(launched);
        if (type != null) {
          return SuggestedFixes.prettyType(state, fix, type);
        }
      }
      return "Thread";
    }
  }
}
