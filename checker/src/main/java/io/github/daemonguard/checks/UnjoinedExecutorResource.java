package io.github.daemonguard.checks;

import static com.google.errorprone.BugPattern.LinkType.CUSTOM;
import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.auto.service.AutoService;
import com.google.common.collect.ImmutableList;
import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import io.github.daemonguard.analysis.CloseOrder;
import io.github.daemonguard.analysis.ExecutorCreations.ExecutorCreation;
import io.github.daemonguard.analysis.ExecutorUses;
import io.github.daemonguard.analysis.Guard;
import io.github.daemonguard.analysis.ResourceUse;
import io.github.daemonguard.analysis.Suppressions;
import io.github.daemonguard.analysis.Talk;
import io.github.daemonguard.analysis.UnjoinedExecutors;
import io.github.daemonguard.analysis.UnjoinedExecutors.Missing;
import io.github.daemonguard.analysis.UnjoinedExecutors.UnjoinedExecutor;
import io.github.daemonguard.analysis.Verdict;
import io.github.daemonguard.analysis.Verdicts;
import io.github.daemonguard.fixes.ExecutorFix;
import java.util.List;
import java.util.Set;
import javax.inject.Inject;

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
public final class UnjoinedExecutorResource extends DaemonGuardCheck
    implements MethodInvocationTreeMatcher {
  private static final long serialVersionUID = 1L;

  /** With no flags: the service loader that finds plugin checks needs this constructor. */
  public UnjoinedExecutorResource() {
    this(ErrorProneFlags.empty());
  }

  /** Error Prone injects the compilation's flags; see {@code docs/configuration.md}. */
  @Inject
  public UnjoinedExecutorResource(ErrorProneFlags flags) {
    super(flags);
  }

  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    if (!analysis(state).mayLaunch(tree)) {
      return Description.NO_MATCH;
    }
    try {
      return match(tree, state);
    } catch (RuntimeException | StackOverflowError unexpected) {
      return Guard.skip(unexpected, state);
    }
  }

  private Description match(MethodInvocationTree tree, VisitorState state) {
    if (Verdicts.of(tree, state) != Verdict.UNJOINED_EXECUTOR_RESOURCE) {
      return Description.NO_MATCH;
    }
    UnjoinedExecutor finding = UnjoinedExecutors.at(tree, state);
    if (finding == null || Suppressions.onVariable(finding.executor(), canonicalName())) {
      return Description.NO_MATCH;
    }
    VarSymbol executor = finding.executor();
    boolean field = finding.field();
    Missing missing = finding.missing();
    ImmutableList<ResourceUse> relevant = finding.relevant();
    TreePath declaration = finding.declaration();
    ExecutorUses uses = finding.uses();
    long firstLaunch = CloseOrder.at(tree);
    Set<Symbol> talk = finding.talk();
    List<ResourceUse> resources = finding.resources();
    ExecutorCreation creation = finding.creation();
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

  private static String describe(ImmutableList<ResourceUse> resources) {
    ResourceUse first = resources.get(0);
    String name = first.openedByTask() ? first.name() : "'" + first.name() + "'";
    return resources.size() == 1 ? name : name + " (and " + (resources.size() - 1) + " more)";
  }
}
