package io.github.daemonguard.checks;

import static com.google.common.collect.ImmutableList.toImmutableList;
import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;
import static com.google.errorprone.util.ASTHelpers.getSymbol;

import com.google.auto.service.AutoService;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.BugPattern;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import io.github.daemonguard.analysis.CloseOrder;
import io.github.daemonguard.analysis.ExecutorCreations;
import io.github.daemonguard.analysis.ExecutorCreations.ExecutorCreation;
import io.github.daemonguard.analysis.ExecutorLaunches;
import io.github.daemonguard.analysis.ExecutorLaunches.ExecutorLaunch;
import io.github.daemonguard.analysis.ExecutorUses;
import io.github.daemonguard.analysis.ExecutorUses.Launched;
import io.github.daemonguard.analysis.Guard;
import io.github.daemonguard.analysis.Latches;
import io.github.daemonguard.analysis.Launches;
import io.github.daemonguard.analysis.ResourceScanner;
import io.github.daemonguard.analysis.ResourceUse;
import io.github.daemonguard.analysis.Suppressions;
import io.github.daemonguard.analysis.Talk;
import io.github.daemonguard.analysis.Task;
import io.github.daemonguard.analysis.Tasks;
import io.github.daemonguard.analysis.Trees;
import io.github.daemonguard.fixes.ExecutorFix;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import org.jspecify.annotations.Nullable;

/**
 * Flags an executor created by a method, whose tasks use a resource, that the method never shuts
 * down and waits for: reported once per executor, at its first launch.
 */
@AutoService(BugChecker.class)
@BugPattern(
    summary =
        "An executor whose tasks use a file or other resource is never shut down and awaited:"
            + " its tasks may still run when the method goes on, hang the JVM at exit, or (daemon"
            + " threads, System.exit) be killed mid-write",
    severity = WARNING,
    linkType = CUSTOM,
    link =
        "https://github.com/daemonguard/daemonguard/blob/v0.1.0/docs/bugpatterns/UnjoinedExecutorResource.md",
    tags = BugPattern.StandardTags.CONCURRENCY)
public final class UnjoinedExecutorResource extends BugChecker
    implements MethodInvocationTreeMatcher {
  private static final long serialVersionUID = 1L;

  /** What the launcher fails to do. */
  private enum Missing {
    /** A non-daemon executor never shut down: its threads keep the JVM alive. */
    NEVER_SHUT_DOWN,
    /** A daemon executor never shut down or awaited. */
    DAEMON_NOT_AWAITED,
    /** A daemon executor shut down but not awaited. */
    DAEMON_SHUTDOWN_ONLY,
    /** {@code System.exit} runs before the tasks are awaited. */
    EXIT_BEFORE_AWAIT,
    /**
     * A non-daemon executor shut down but not awaited, after which the method goes on using a
     * resource its tasks use.
     */
    USED_AFTER_SHUTDOWN
  }

  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    if (!ExecutorLaunches.mayLaunch(tree)) {
      return Description.NO_MATCH;
    }
    return Guard.safely(() -> match(tree, state));
  }

  private Description match(MethodInvocationTree tree, VisitorState state) {
    ExecutorLaunch launch = ExecutorLaunches.of(tree, state);
    if (launch == null
        || !(getSymbol(launch.executor()) instanceof VarSymbol executor)
        || Suppressions.onVariable(executor, canonicalName())) {
      return Description.NO_MATCH;
    }
    boolean field = executor.getKind() == ElementKind.FIELD;
    TreePath declaration = null;
    TreePath scope;
    if (field) {
      // A private instance field is owned by its class; any other field escapes.
      Set<Modifier> modifiers = executor.getModifiers();
      if (!modifiers.contains(Modifier.PRIVATE) || modifiers.contains(Modifier.STATIC)) {
        return Description.NO_MATCH;
      }
      scope = owningClass(state.getPath(), executor);
    } else if (executor.getKind() == ElementKind.LOCAL_VARIABLE) {
      TreePath launchUnit = Trees.enclosingCodeUnit(state.getPath());
      declaration = declaration(executor, launchUnit);
      scope = declaration == null ? null : Trees.enclosingCodeUnit(declaration);
      if (scope != null && scope.getLeaf() != launchUnit.getLeaf()) {
        // Declared in an enclosing method and captured here: its owner is elsewhere.
        return Description.NO_MATCH;
      }
    } else {
      return Description.NO_MATCH;
    }
    if (scope == null) {
      return Description.NO_MATCH;
    }
    ExecutorUses uses = ExecutorUses.scan(executor, scope, state);
    if (uses.escapes()
        || uses.value() == null
        || uses.launches().isEmpty()
        || uses.launches().get(0).launch().call() != tree) {
      return Description.NO_MATCH;
    }
    ExecutorCreation creation = ExecutorCreations.of(uses.value(), scope.getLeaf(), state);
    if (creation == null) {
      return Description.NO_MATCH;
    }
    // Each launch's tasks, and where the launcher waits on a latch they count down.
    Map<Launched, List<Task>> tasks = new HashMap<>();
    Map<Launched, Long> latchAwaits = new HashMap<>();
    for (Launched launched : uses.launches()) {
      TreePath launcher = field ? Trees.enclosingCodeUnit(launched.path()) : scope;
      List<Task> resolved = new ArrayList<>();
      long latch = CloseOrder.NEVER;
      for (ExpressionTree taskExpression : launched.launch().tasks()) {
        Task task = Tasks.resolve(taskExpression, Launches.enclosingMethod(launched.path()), state);
        if (task != null) {
          resolved.add(task);
          if (launcher != null) {
            latch = Math.min(latch, Latches.awaitAfter(task, launched.path(), launcher, state));
          }
        }
      }
      tasks.put(launched, resolved);
      latchAwaits.put(launched, latch);
    }
    long firstLaunch = CloseOrder.at(tree);
    long done = uses.doneKey(latchAwaits::get);
    boolean awaited = done != CloseOrder.NEVER;
    Missing missing;
    if (!awaited && creation.isDaemon()) {
      missing = uses.shutDown() ? Missing.DAEMON_SHUTDOWN_ONLY : Missing.DAEMON_NOT_AWAITED;
    } else if (!awaited && !uses.shutDown()) {
      missing = Missing.NEVER_SHUT_DOWN;
    } else if (!field && uses.exitsBetween(firstLaunch, done)) {
      missing = Missing.EXIT_BEFORE_AWAIT;
    } else if (!field && !awaited) {
      // Shut down, not awaited, non-daemon: the JVM waits for the tasks, unless the method goes
      // on to use what they use (checked below, once their resources are known).
      missing = Missing.USED_AFTER_SHUTDOWN;
    } else {
      return Description.NO_MATCH;
    }

    List<ResourceUse> resources = new ArrayList<>();
    Set<Symbol> talk = new HashSet<>();
    for (Launched launched : uses.launches()) {
      TreePath launcher = field ? Trees.enclosingCodeUnit(launched.path()) : scope;
      if (launcher == null) {
        continue;
      }
      // A field executor is awaited in another method, if at all: within the launching method
      // only a wait for the launch's own future (or latch) comes before a close.
      long await = field ? Math.min(launched.futureAwait(), latchAwaits.get(launched)) : done;
      for (Task task : tasks.get(launched)) {
        ImmutableList<ResourceUse> taskUses = ResourceScanner.usesOf(task, state);
        for (ResourceUse use : taskUses) {
          if (use.symbol() != null
              && !use.openedByTask()
              && CloseOrder.closesBeforeAwait(
                  use.symbol(), launched.path(), await, launcher.getLeaf(), state)) {
            // The launcher closes the resource under the task: TaskOutlivesResource's case.
            return Description.NO_MATCH;
          }
        }
        resources.addAll(taskUses);
        talk.addAll(Talk.symbolsOf(task, state));
      }
    }
    // Only a write can be lost when the JVM kills a thread at exit; a pool that keeps the JVM
    // alive and may still be working when the method goes on matters for reads too.
    ImmutableList<ResourceUse> relevant =
        distinctByName(
            missing == Missing.NEVER_SHUT_DOWN || missing == Missing.USED_AFTER_SHUTDOWN
                ? resources
                : resources.stream().filter(ResourceUse::output).collect(toImmutableList()));
    if (missing == Missing.USED_AFTER_SHUTDOWN) {
      relevant =
          relevant.stream()
              .filter(use -> use.symbol() != null)
              .filter(use -> uses.mentionedAfterShutdown(ImmutableSet.of(use.symbol())))
              .collect(toImmutableList());
    }
    if (relevant.isEmpty()) {
      return Description.NO_MATCH;
    }
    Description.Builder description =
        buildDescription(tree).setMessage(message(executor, field, creation, missing, relevant));
    if (declaration != null) {
      int deadline = uses.firstExitAfter(firstLaunch);
      // After a bare shutdown(), the wait goes before the method touches the resources again.
      Set<Symbol> waitBefore =
          missing == Missing.USED_AFTER_SHUTDOWN ? Talk.resourceSymbols(relevant) : Set.of();
      ExecutorFix.forExecutor(
              executor,
              declaration,
              talk,
              Talk.resourceSymbols(resources),
              deadline,
              waitBefore,
              state)
          .forEach(description::addFix);
    }
    return description.build();
  }

  /** The path of the class that declares field {@code field}, found around {@code path}. */
  @Nullable
  private static TreePath owningClass(TreePath path, VarSymbol field) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof ClassTree && getSymbol((ClassTree) p.getLeaf()) == field.owner) {
        return p;
      }
    }
    return null;
  }

  /** The path of the declaration of local {@code variable}, searched outwards from {@code unit}. */
  @Nullable
  private static TreePath declaration(VarSymbol variable, @Nullable TreePath unit) {
    for (TreePath p = unit; p != null; p = Trees.enclosingCodeUnit(p.getParentPath())) {
      VariableTree declaration = Trees.localDeclaration(p.getLeaf(), variable);
      if (declaration != null) {
        return TreePath.getPath(p, declaration);
      }
      if (p.getParentPath() == null) {
        break;
      }
    }
    return null;
  }

  private static String message(
      VarSymbol executor,
      boolean field,
      ExecutorCreation creation,
      Missing missing,
      ImmutableList<ResourceUse> resources) {
    String name = executor.getSimpleName().toString();
    String threads =
        creation.isDaemon() ? "daemon threads: " + creation.daemonReason() : "non-daemon threads";
    String use =
        missing == Missing.NEVER_SHUT_DOWN || missing == Missing.USED_AFTER_SHUTDOWN
            ? "use"
            : "write to";
    String what =
        String.format(
            "%s '%s' (%s) runs tasks that %s %s",
            field ? "Executor field" : "Executor", name, threads, use, describe(resources));
    if (field) {
      String never =
          missing == Missing.DAEMON_SHUTDOWN_ONLY
              ? " but no method of its class waits for it after shutdown(): the JVM kills daemon"
                  + " threads at exit, so a task may die mid-write"
              : missing == Missing.DAEMON_NOT_AWAITED
                  ? " but no method of its class shuts it down and waits for it: the JVM kills"
                      + " daemon threads at exit, so a task may die mid-write"
                  : " but no method of its class ever shuts it down: its threads keep the JVM from"
                      + " exiting";
      return what + never + "; add a close()/stop() that calls shutdown() and awaits termination";
    }
    return switch (missing) {
      case NEVER_SHUT_DOWN ->
          what
              + " but is never shut down or awaited: its threads keep the JVM from exiting, and"
              + " its tasks may still be running when this method goes on; shut it down and wait"
              + " for it (try-with-resources on Java 19+, or shutdown() and awaitTermination)";
      case DAEMON_NOT_AWAITED ->
          what
              + " but is never shut down or awaited: the JVM kills daemon threads at exit, so a"
              + " task may die mid-write and buffered output is lost; shut it down and wait for"
              + " it";
      case DAEMON_SHUTDOWN_ONLY ->
          what
              + " but is only shut down, never awaited: shutdown() does not wait, and the JVM kills"
              + " daemon threads at exit, so a task may die mid-write; await termination after"
              + " shutdown()";
      case USED_AFTER_SHUTDOWN ->
          what
              + " and is shut down but not awaited before this method uses "
              + describe(resources)
              + " again: shutdown() does not wait, so its tasks may still be using it; await"
              + " termination right after shutdown()";
      case EXIT_BEFORE_AWAIT ->
          what
              + " but System.exit(..) runs before they are awaited: it kills every thread, so"
              + " their output may be lost; wait for the executor before exiting";
    };
  }

  /**
   * One use per resource name: tasks share resources, and a task class names the resource handed to
   * its constructor again as its own field.
   */
  private static ImmutableList<ResourceUse> distinctByName(List<ResourceUse> uses) {
    Map<String, ResourceUse> byName = new LinkedHashMap<>();
    for (ResourceUse use : uses) {
      byName.putIfAbsent(use.name(), use);
    }
    return ImmutableList.copyOf(byName.values());
  }

  private static String describe(ImmutableList<ResourceUse> resources) {
    ResourceUse first = resources.get(0);
    String name = first.openedByTask() ? first.name() : "'" + first.name() + "'";
    return resources.size() == 1 ? name : name + " (and " + (resources.size() - 1) + " more)";
  }
}
