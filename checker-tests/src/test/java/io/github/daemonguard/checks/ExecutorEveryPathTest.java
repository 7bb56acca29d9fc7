package io.github.daemonguard.checks;

import static io.github.daemonguard.checks.TestArgs.STRICT;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/** An executor is shut down and awaited on every normal path from its first launch, or not. */
final class ExecutorEveryPathTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(UnjoinedExecutorResource.class, getClass());

  private static final String WRITE =
      "  static void write(java.io.Writer w) { try { w.write(\"x\"); } catch (java.io.IOException"
          + " e) { throw new java.io.UncheckedIOException(e); } }";

  @Test
  void shutDownOnOnePathOnlyIsNeverShutDownOnTheOther() {
    helper
        .addSourceLines(
            "Export.java",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "class Export {",
            WRITE,
            "  void export(Writer w, boolean done) {",
            "    ExecutorService pool = Executors.newFixedThreadPool(2);",
            "    // BUG: Diagnostic contains: is never shut down or awaited",
            "    pool.execute(() -> write(w));",
            "    if (done) {",
            "      pool.shutdown();",
            "    }",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void daemonPoolAwaitedOnOnePathOnly() {
    helper
        .addSourceLines(
            "Export.java",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "import java.util.concurrent.TimeUnit;",
            "class Export {",
            WRITE,
            "  void export(Writer w, boolean wait) throws InterruptedException {",
            "    ExecutorService pool = Executors.newWorkStealingPool();",
            "    // BUG: Diagnostic contains: only shut down, never awaited",
            "    pool.execute(() -> write(w));",
            "    pool.shutdown();",
            "    if (wait) {",
            "      pool.awaitTermination(1, TimeUnit.MINUTES);",
            "    }",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void notFlagged_awaitedInBothBranchesInFinallyOrBehindAHandleTest() {
    helper
        .addSourceLines(
            "Export.java",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "import java.util.concurrent.TimeUnit;",
            "class Export {",
            WRITE,
            "  void branches(Writer w, boolean fast) throws InterruptedException {",
            "    ExecutorService pool = Executors.newWorkStealingPool();",
            "    pool.execute(() -> write(w));",
            "    pool.shutdown();",
            "    if (fast) {",
            "      pool.awaitTermination(1, TimeUnit.SECONDS);",
            "    } else {",
            "      pool.awaitTermination(1, TimeUnit.MINUTES);",
            "    }",
            "  }",
            "  void inFinally(Writer w) throws InterruptedException {",
            "    ExecutorService pool = Executors.newWorkStealingPool();",
            "    try {",
            "      pool.execute(() -> write(w));",
            "    } finally {",
            "      pool.shutdown();",
            "      pool.awaitTermination(1, TimeUnit.MINUTES);",
            "    }",
            "  }",
            "  void guarded(Writer w) throws InterruptedException {",
            "    ExecutorService pool = Executors.newWorkStealingPool();",
            "    pool.execute(() -> write(w));",
            "    pool.shutdown();",
            "    if (!pool.isTerminated()) {",
            "      pool.awaitTermination(1, TimeUnit.MINUTES);",
            "    }",
            "  }",
            "  void shutDownOnEveryPath(Writer w, boolean early) {",
            "    ExecutorService pool = Executors.newFixedThreadPool(2);",
            "    pool.execute(() -> write(w));",
            "    if (early) {",
            "      pool.shutdown();",
            "      return;",
            "    }",
            "    pool.shutdown();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }
}
