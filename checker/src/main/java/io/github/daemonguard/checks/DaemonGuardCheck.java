package io.github.daemonguard.checks;

import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.CompilationUnitTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.CompilationUnitTree;
import io.github.daemonguard.analysis.AnalysisContext;

/**
 * What the three checks share: the compilation's flags, and the one report of malformed ones (at
 * the first compilation unit, whichever check sees it first).
 */
abstract class DaemonGuardCheck extends BugChecker implements CompilationUnitTreeMatcher {
  private static final long serialVersionUID = 1L;

  private final ErrorProneFlags flags;

  DaemonGuardCheck(ErrorProneFlags flags) {
    this.flags = flags;
  }

  @Override
  public final Description matchCompilationUnit(CompilationUnitTree tree, VisitorState state) {
    AnalysisContext.instance(state, flags).reportProblemsOnce(state);
    return Description.NO_MATCH;
  }
}
