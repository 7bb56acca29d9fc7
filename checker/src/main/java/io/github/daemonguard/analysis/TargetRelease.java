package io.github.daemonguard.analysis;

import com.google.errorprone.VisitorState;
import com.sun.tools.javac.code.Source;

/**
 * The Java release the code being compiled targets, taken from the compilation itself ({@code
 * --release}, {@code -source}/{@code -target}).
 *
 * <p>Never inferred from the compile classpath: JDK 25 compiling with {@code -source 17 -target 17}
 * sees an {@code AutoCloseable} {@code ExecutorService}, yet the class files it writes run on Java
 * 17, where {@code ExecutorService.close()} does not exist.
 */
public final class TargetRelease {
  private TargetRelease() {}

  /**
   * The feature release (17, 21 …) the compiled code may rely on. The source level is used: javac
   * never targets a release older than the source level, so code built from it runs only on that
   * release or a later one; {@code --release N} sets both.
   */
  public static int of(VisitorState state) {
    Source source = Source.instance(state.context);
    return source == null ? 8 : Source.toSourceVersion(source).ordinal();
  }

  /** Whether {@code ExecutorService} is {@code AutoCloseable} in the release the code targets. */
  public static boolean hasExecutorClose(VisitorState state) {
    return of(state) >= 19;
  }
}
