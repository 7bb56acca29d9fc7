package io.github.daemonguard.checks;

import static io.github.daemonguard.checks.TestArgs.STRICT;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.BugCheckerRefactoringTestHelper.TestMode;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.scanner.BuiltInCheckerSuppliers;
import com.google.errorprone.scanner.ScannerSupplier;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

/**
 * Each fix, applied, gives the expected program; that program then compiles with Error Prone's
 * default checks plus ours and raises no warning at all, while the original raised ours and nothing
 * else: the fix removes the finding and adds no other Error Prone warning.
 */
final class UnjoinedExecutorResourceCleanFixTest {
  private static final String FINDING = "// BUG: Diagnostic contains: UnjoinedExecutorResource";

  private static final ScannerSupplier DEFAULT_CHECKS_AND_OURS =
      BuiltInCheckerSuppliers.defaultChecks()
          .plus(ScannerSupplier.fromBugCheckerClasses(UnjoinedExecutorResource.class));

  @Test
  void mainGainsShutdownAwaitAndThrows() {
    check(
        "Export.java",
        new String[] {"--release", "17"},
        lines(
            "package demo;",
            "",
            "import java.io.IOException;",
            "import java.io.UncheckedIOException;",
            "import java.io.Writer;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "class Export {",
            "  public static void main(String[] args) throws IOException {",
            "    Writer out = Files.newBufferedWriter(Path.of(args[0]));",
            "    ExecutorService pool = Executors.newFixedThreadPool(2);",
            FINDING,
            "    pool.execute(",
            "        () -> {",
            "          try {",
            "            out.write(\"report\");",
            "            out.flush();",
            "          } catch (IOException e) {",
            "            throw new UncheckedIOException(e);",
            "          }",
            "        });",
            "    System.out.println(\"submitted\");",
            "  }",
            "}"),
        lines(
            "package demo;",
            "",
            "import java.io.IOException;",
            "import java.io.UncheckedIOException;",
            "import java.io.Writer;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "import java.util.concurrent.TimeUnit;",
            "class Export {",
            "  public static void main(String[] args) throws IOException, InterruptedException {",
            "    Writer out = Files.newBufferedWriter(Path.of(args[0]));",
            "    ExecutorService pool = Executors.newFixedThreadPool(2);",
            "    pool.execute(",
            "        () -> {",
            "          try {",
            "            out.write(\"report\");",
            "            out.flush();",
            "          } catch (IOException e) {",
            "            throw new UncheckedIOException(e);",
            "          }",
            "        });",
            "    System.out.println(\"submitted\");",
            "    pool.shutdown();",
            "    while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {}",
            "  }",
            "}"));
  }

  @Test
  void catchingTheInterruptCancelsAndRestoresWithoutNewWarnings() {
    check(
        "Saver.java",
        new String[] {"--release", "17"},
        lines(
            "package demo;",
            "",
            "import java.io.IOException;",
            "import java.io.UncheckedIOException;",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "class Saver {",
            "  void save(Writer out, Iterable<String> rows) {",
            "    ExecutorService pool = Executors.newSingleThreadExecutor();",
            "    for (String row : rows) {",
            FINDING,
            "      pool.execute(",
            "          () -> {",
            "            try {",
            "              out.write(row);",
            "            } catch (IOException e) {",
            "              throw new UncheckedIOException(e);",
            "            }",
            "          });",
            "    }",
            "  }",
            "}"),
        lines(
            "package demo;",
            "",
            "import java.io.IOException;",
            "import java.io.UncheckedIOException;",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "import java.util.concurrent.TimeUnit;",
            "class Saver {",
            "  void save(Writer out, Iterable<String> rows) {",
            "    ExecutorService pool = Executors.newSingleThreadExecutor();",
            "    for (String row : rows) {",
            "      pool.execute(",
            "          () -> {",
            "            try {",
            "              out.write(row);",
            "            } catch (IOException e) {",
            "              throw new UncheckedIOException(e);",
            "            }",
            "          });",
            "    }",
            "    pool.shutdown();",
            "    try {",
            "      while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {}",
            "    } catch (InterruptedException e) {",
            "      pool.shutdownNow();",
            "      Thread.currentThread().interrupt();",
            "    }",
            "  }",
            "}"));
  }

  @Test
  void earlyReturnGetsAFinally() {
    check(
        "Early.java",
        new String[] {"--release", "17"},
        lines(
            "package demo;",
            "",
            "import java.io.IOException;",
            "import java.io.UncheckedIOException;",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.ForkJoinPool;",
            "class Early {",
            "  int go(Writer w, boolean quick) throws InterruptedException {",
            "    ExecutorService pool = new ForkJoinPool(2);",
            FINDING,
            "    pool.execute(() -> write(w, \"x\"));",
            "    if (quick) {",
            "      return 0;",
            "    }",
            "    pool.execute(() -> write(w, \"y\"));",
            "    pool.shutdown();",
            "    return 1;",
            "  }",
            "",
            "  private static void write(Writer w, String s) {",
            "    try {",
            "      w.write(s);",
            "    } catch (IOException e) {",
            "      throw new UncheckedIOException(e);",
            "    }",
            "  }",
            "}"),
        lines(
            "package demo;",
            "",
            "import java.io.IOException;",
            "import java.io.UncheckedIOException;",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.ForkJoinPool;",
            "import java.util.concurrent.TimeUnit;",
            "class Early {",
            "  int go(Writer w, boolean quick) throws InterruptedException {",
            "    ExecutorService pool = new ForkJoinPool(2);",
            "    pool.execute(() -> write(w, \"x\"));",
            "    try {",
            "      if (quick) {",
            "        return 0;",
            "      }",
            "      pool.execute(() -> write(w, \"y\"));",
            "      pool.shutdown();",
            "      return 1;",
            "    } finally {",
            "      while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {}",
            "    }",
            "  }",
            "",
            "  private static void write(Writer w, String s) {",
            "    try {",
            "      w.write(s);",
            "    } catch (IOException e) {",
            "      throw new UncheckedIOException(e);",
            "    }",
            "  }",
            "}"));
  }

  @Test
  @EnabledForJreRange(min = JRE.JAVA_21)
  void tryWithResourcesOnRelease21() {
    check(
        "Export.java",
        new String[] {"--release", "21"},
        lines(
            "package demo;",
            "",
            "import java.io.IOException;",
            "import java.io.UncheckedIOException;",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "class Export {",
            "  void export(Writer out, Iterable<String> rows) {",
            "    ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();",
            "    for (String row : rows) {",
            FINDING,
            "      pool.execute(",
            "          () -> {",
            "            try {",
            "              out.write(row);",
            "            } catch (IOException e) {",
            "              throw new UncheckedIOException(e);",
            "            }",
            "          });",
            "    }",
            "    System.out.println(\"exported\");",
            "  }",
            "}"),
        lines(
            "package demo;",
            "",
            "import java.io.IOException;",
            "import java.io.UncheckedIOException;",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "class Export {",
            "  void export(Writer out, Iterable<String> rows) {",
            "    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {",
            "      for (String row : rows) {",
            "        pool.execute(",
            "            () -> {",
            "              try {",
            "                out.write(row);",
            "              } catch (IOException e) {",
            "                throw new UncheckedIOException(e);",
            "              }",
            "            });",
            "      }",
            "    }",
            "    System.out.println(\"exported\");",
            "  }",
            "}"));
  }

  @Test
  void twoExecutorsPatchedAtOnce() {
    check(
        "Two.java",
        new String[] {"--release", "17"},
        lines(
            "package demo;",
            "",
            "import java.io.IOException;",
            "import java.io.UncheckedIOException;",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "class Two {",
            "  void go(Writer a, Writer b) throws InterruptedException {",
            "    ExecutorService first = Executors.newFixedThreadPool(1);",
            "    ExecutorService second = Executors.newFixedThreadPool(1);",
            FINDING,
            "    first.execute(() -> write(a));",
            FINDING,
            "    second.execute(() -> write(b));",
            "  }",
            "",
            "  private static void write(Writer w) {",
            "    try {",
            "      w.write(\"x\");",
            "    } catch (IOException e) {",
            "      throw new UncheckedIOException(e);",
            "    }",
            "  }",
            "}"),
        lines(
            "package demo;",
            "",
            "import java.io.IOException;",
            "import java.io.UncheckedIOException;",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "import java.util.concurrent.TimeUnit;",
            "class Two {",
            "  void go(Writer a, Writer b) throws InterruptedException {",
            "    ExecutorService first = Executors.newFixedThreadPool(1);",
            "    ExecutorService second = Executors.newFixedThreadPool(1);",
            "    first.execute(() -> write(a));",
            "    second.execute(() -> write(b));",
            "    first.shutdown();",
            "    while (!first.awaitTermination(1, TimeUnit.MINUTES)) {}",
            "    second.shutdown();",
            "    while (!second.awaitTermination(1, TimeUnit.MINUTES)) {}",
            "  }",
            "",
            "  private static void write(Writer w) {",
            "    try {",
            "      w.write(\"x\");",
            "    } catch (IOException e) {",
            "      throw new UncheckedIOException(e);",
            "    }",
            "  }",
            "}"));
  }

  /**
   * The input raises our finding (on the lines marked) and nothing else under the default checks;
   * the fix turns it into {@code expected}; and {@code expected} raises nothing at all.
   */
  private void check(String file, String[] release, String[] input, String[] expected) {
    String[] args = Stream.concat(Stream.of(STRICT), Arrays.stream(release)).toArray(String[]::new);
    CompilationTestHelper.newInstance(DEFAULT_CHECKS_AND_OURS, getClass())
        .addSourceLines(file, input)
        .setArgs(args)
        .doTest();
    BugCheckerRefactoringTestHelper.newInstance(UnjoinedExecutorResource.class, getClass())
        .addInputLines(file, withoutMarkers(input))
        .addOutputLines(file, expected)
        .setArgs(args)
        .doTest(TestMode.TEXT_MATCH);
    CompilationTestHelper.newInstance(DEFAULT_CHECKS_AND_OURS, getClass())
        .addSourceLines(file, expected)
        .setArgs(args)
        .expectNoDiagnostics()
        .doTest();
  }

  private static String[] lines(String... lines) {
    return lines;
  }

  private static String[] withoutMarkers(String[] lines) {
    return Arrays.stream(lines).filter(line -> !line.equals(FINDING)).toArray(String[]::new);
  }
}
