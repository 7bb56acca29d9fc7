package io.github.daemonguard.checks;

import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.CompilationUnitTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.tools.javac.util.Context;
import io.github.daemonguard.analysis.AnalysisContext;
import org.jspecify.annotations.Nullable;

/**
 * What the three checks share: the compilation's flags, and the one report of malformed ones (at
 * the first compilation unit, whichever check sees it first).
 */
abstract class DaemonGuardCheck extends BugChecker implements CompilationUnitTreeMatcher {
  private static final long serialVersionUID = 1L;

  private final ErrorProneFlags flags;

  /**
   * The analysis context of the compilation this check last saw, and that compilation's javac
   * context: the per-call filter asks for it at every call, and a context lookup costs more than
   * the filter itself.
   */
  @Nullable private transient AnalysisContext analysis;

  @Nullable private transient Context analysisOf;

  DaemonGuardCheck(ErrorProneFlags flags) {
    this.flags = flags;
  }

  @Override
  public final Description matchCompilationUnit(CompilationUnitTree tree, VisitorState state) {
    analysis = AnalysisContext.instance(state, flags);
    analysisOf = state.context;
    analysis.reportProblemsOnce(state);
    return Description.NO_MATCH;
  }

  /** The analysis context of {@code state}'s compilation. */
  final AnalysisContext analysis(VisitorState state) {
    AnalysisContext known = analysis;
    if (known == null || analysisOf != state.context) {
      known = AnalysisContext.of(state);
      analysis = known;
      analysisOf = state.context;
    }
    return known;
  }
}
