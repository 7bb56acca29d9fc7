package io.github.daemonguard.checks;

import static io.github.daemonguard.checks.TestArgs.STRICT;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.BugCheckerRefactoringTestHelper.TestMode;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.scanner.BuiltInCheckerSuppliers;
import com.google.errorprone.scanner.ScannerSupplier;
import org.junit.jupiter.api.Test;

/**
 * TaskOutlivesResource on an executor owned elsewhere: the fix waits for the task's own future
 * before the try-with-resources closes the resource, rethrowing its failure the way the method
 * already reports failures; a periodic task gets the message only.
 */
final class FutureGetFixTest {
  private static final ScannerSupplier DEFAULT_CHECKS_AND_OURS =
      BuiltInCheckerSuppliers.defaultChecks()
          .plus(ScannerSupplier.fromBugCheckerClasses(TaskOutlivesResource.class));

  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(TaskOutlivesResource.class, getClass());

  private static final String[] FIXED = {
    "import java.io.IOException;",
    "import java.io.Writer;",
    "import java.nio.charset.StandardCharsets;",
    "import java.nio.file.Files;",
    "import java.nio.file.Path;",
    "import java.util.concurrent.ExecutionException;",
    "import java.util.concurrent.ExecutorService;",
    "import java.util.concurrent.Future;",
    "class Export {",
    "  void export(ExecutorService pool, Path path, String s) throws IOException {",
    "    try (Writer w = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {",
    "      Future<?> written = pool.submit(() -> { w.write(s); return null; });",
    "      try {",
    "        written.get();",
    "      } catch (InterruptedException e) {",
    "        written.cancel(true);",
    "        Thread.currentThread().interrupt();",
    "      } catch (ExecutionException e) {",
    "        throw new IOException(e.getCause());",
    "      }",
    "    }",
    "  }",
    "}"
  };

  @Test
  void theFutureIsAwaitedBeforeTheCloseAndItsFailureRethrownAsTheMethodsIOException() {
    refactoring
        .addInputLines(
            "Export.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "import java.nio.charset.StandardCharsets;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Future;",
            "class Export {",
            "  void export(ExecutorService pool, Path path, String s) throws IOException {",
            "    try (Writer w = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {",
            "      Future<?> written = pool.submit(() -> { w.write(s); return null; });",
            "    }",
            "  }",
            "}")
        .addOutputLines("Export.java", FIXED)
        .setArgs(STRICT)
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  void theFixedCodeRaisesNoWarningUnderTheDefaultChecks() {
    CompilationTestHelper.newInstance(DEFAULT_CHECKS_AND_OURS, getClass())
        .addSourceLines(
            "demo/Export.java",
            java.util.stream.Stream.concat(
                    java.util.stream.Stream.of("package demo;"), java.util.Arrays.stream(FIXED))
                .toArray(String[]::new))
        .setArgs(STRICT)
        .expectNoDiagnostics()
        .doTest();
  }

  @Test
  void aMethodThatDeclaresExceptionWaitsPlainly() {
    refactoring
        .addInputLines(
            "Export.java",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Future;",
            "class Export {",
            "  void export(ExecutorService pool, Writer out) throws Exception {",
            "    try (Writer w = out) {",
            "      Future<?> written = pool.submit(() -> { w.write(\"x\"); return null; });",
            "    }",
            "  }",
            "}")
        .addOutputLines(
            "Export.java",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Future;",
            "class Export {",
            "  void export(ExecutorService pool, Writer out) throws Exception {",
            "    try (Writer w = out) {",
            "      Future<?> written = pool.submit(() -> { w.write(\"x\"); return null; });",
            "      written.get();",
            "    }",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  void aPeriodicTaskGetsTheMessageOnly() {
    refactoring
        .addInputLines(
            "Export.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "import java.util.concurrent.ScheduledExecutorService;",
            "import java.util.concurrent.ScheduledFuture;",
            "import java.util.concurrent.TimeUnit;",
            "class Export {",
            "  void export(ScheduledExecutorService pool, Writer out) throws IOException {",
            "    try (Writer w = out) {",
            "      ScheduledFuture<?> ticks = pool.scheduleAtFixedRate(",
            "          () -> { try { w.flush(); } catch (IOException e) {} }, 1, 1, TimeUnit.SECONDS);",
            "    }",
            "  }",
            "}")
        .expectUnchanged()
        .setArgs(STRICT)
        .doTest(TestMode.TEXT_MATCH);
  }
}
