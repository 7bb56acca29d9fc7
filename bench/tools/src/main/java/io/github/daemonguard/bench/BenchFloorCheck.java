package io.github.daemonguard.bench;

import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;

import com.google.errorprone.BugPattern;
import com.google.errorprone.BugPattern.LinkType;
import com.google.errorprone.BugPattern.SeverityLevel;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.matchers.Matcher;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;

/**
 * The cheapest useful check, as a floor to compare daemonguard's cost against: one
 * method-invocation matcher that asks whether a call is {@code Thread.start()} and never reports.
 * Only {@code bench/run.sh --floor} enables it.
 */
@BugPattern(
    name = "BenchFloorCheck",
    summary = "Benchmark floor: matches Thread.start() calls and reports nothing",
    severity = SeverityLevel.WARNING,
    linkType = LinkType.NONE)
public final class BenchFloorCheck extends BugChecker implements MethodInvocationTreeMatcher {

  private static final Matcher<ExpressionTree> THREAD_START =
      instanceMethod().onDescendantOf("java.lang.Thread").named("start");

  private int starts;

  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    if (THREAD_START.matches(tree, state)) {
      starts++;
    }
    return Description.NO_MATCH;
  }
}
