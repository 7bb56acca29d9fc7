package io.github.daemonguard.checks;

import static io.github.daemonguard.checks.TestArgs.STRICT;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.BugCheckerRefactoringTestHelper.TestMode;
import org.junit.jupiter.api.Test;

/**
 * The fixes for executor launches of issue #9: the await goes before the close when the executor is
 * declared before the try (a {@code shutdown()} inside the block, or the await only after it), and
 * for launches inside a synchronous callback.
 */
final class ExecutorAwaitBeforeCloseFixTest {
  @Test
  void awaitBeforeTheCloseForAnExecutorDeclaredBeforeTheTry() {
    BugCheckerRefactoringTestHelper.newInstance(TaskOutlivesResource.class, getClass())
        .addInputLines(
            "Export.java",
            "import java.io.*;",
            "import java.util.concurrent.*;",
            "class Export {",
            "  void shutInside(Writer out) throws IOException, InterruptedException {",
            "    ExecutorService pool = Executors.newFixedThreadPool(2);",
            "    try (out) {",
            "      pool.execute(() -> { try { out.write(\"x\"); } catch (IOException e) {} });",
            "      pool.shutdown();",
            "    }",
            "  }",
            "  void awaitAfter(Writer out) throws IOException, InterruptedException {",
            "    ExecutorService pool = Executors.newFixedThreadPool(2);",
            "    try (out) {",
            "      pool.execute(() -> { try { out.write(\"x\"); } catch (IOException e) {} });",
            "    }",
            "    pool.shutdown();",
            "    pool.awaitTermination(1, TimeUnit.MINUTES);",
            "  }",
            "  void callback(java.util.List<String> rows, Writer out) throws IOException, InterruptedException {",
            "    ExecutorService pool = Executors.newFixedThreadPool(2);",
            "    try (out) {",
            "      rows.forEach(r -> pool.execute(() -> { try { out.write(r); } catch (IOException e) {} }));",
            "    }",
            "  }",
            "  void elsewhere(ExecutorService pool, Writer out) throws IOException {",
            "    try (out) {",
            "      Future<?> f = pool.submit(() -> { try { out.write(\"x\"); } catch (IOException e) {} });",
            "    }",
            "  }",
            "}")
        .addOutputLines(
            "Export.java",
            "import java.io.*;",
            "import java.io.IOException;",
            "import java.util.concurrent.*;",
            "import java.util.concurrent.ExecutionException;",
            "",
            "class Export {",
            "  void shutInside(Writer out) throws IOException, InterruptedException {",
            "    ExecutorService pool = Executors.newFixedThreadPool(2);",
            "    try (out) {",
            "      pool.execute(",
            "          () -> {",
            "            try {",
            "              out.write(\"x\");",
            "            } catch (IOException e) {",
            "            }",
            "          });",
            "      pool.shutdown();",
            "      while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {}",
            "    }",
            "  }",
            "",
            "  void awaitAfter(Writer out) throws IOException, InterruptedException {",
            "    ExecutorService pool = Executors.newFixedThreadPool(2);",
            "    try (out) {",
            "      pool.execute(",
            "          () -> {",
            "            try {",
            "              out.write(\"x\");",
            "            } catch (IOException e) {",
            "            }",
            "          });",
            "      pool.shutdown();",
            "      while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {}",
            "    }",
            "    pool.shutdown();",
            "    pool.awaitTermination(1, TimeUnit.MINUTES);",
            "  }",
            "",
            "  void callback(java.util.List<String> rows, Writer out) throws IOException, InterruptedException {",
            "    ExecutorService pool = Executors.newFixedThreadPool(2);",
            "    try (out) {",
            "      rows.forEach(",
            "          r ->",
            "              pool.execute(",
            "                  () -> {",
            "                    try {",
            "                      out.write(r);",
            "                    } catch (IOException e) {",
            "                    }",
            "                  }));",
            "      pool.shutdown();",
            "      while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {}",
            "    }",
            "  }",
            "",
            "  void elsewhere(ExecutorService pool, Writer out) throws IOException {",
            "    try (out) {",
            "      Future<?> f =",
            "          pool.submit(",
            "              () -> {",
            "                try {",
            "                  out.write(\"x\");",
            "                } catch (IOException e) {",
            "                }",
            "              });",
            "      try {",
            "        f.get();",
            "      } catch (InterruptedException e) {",
            "        f.cancel(true);",
            "        Thread.currentThread().interrupt();",
            "      } catch (ExecutionException e) {",
            "        throw new IOException(e.getCause());",
            "      }",
            "    }",
            "  }",
            "}")
        .setArgs(STRICT, "--release", "17")
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  void shutdownAndAwaitForLaunchesInsideForEach() {
    BugCheckerRefactoringTestHelper.newInstance(UnjoinedExecutorResource.class, getClass())
        .addInputLines(
            "Save.java",
            "import java.io.*;",
            "import java.nio.file.*;",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "class Save {",
            "  static void write(Path p) { try { Files.writeString(p, \"x\"); } catch (IOException e) { throw new UncheckedIOException(e); } }",
            "  void neverShut(List<Path> paths) {",
            "    ExecutorService ex = Executors.newFixedThreadPool(2);",
            "    paths.forEach(p -> ex.execute(() -> write(p)));",
            "  }",
            "}")
        .addOutputLines(
            "Save.java",
            "import java.io.*;",
            "import java.nio.file.*;",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "",
            "class Save {",
            "  static void write(Path p) {",
            "    try {",
            "      Files.writeString(p, \"x\");",
            "    } catch (IOException e) {",
            "      throw new UncheckedIOException(e);",
            "    }",
            "  }",
            "",
            "  void neverShut(List<Path> paths) {",
            "    ExecutorService ex = Executors.newFixedThreadPool(2);",
            "    paths.forEach(p -> ex.execute(() -> write(p)));",
            "    ex.shutdown();",
            "    try {",
            "      while (!ex.awaitTermination(1, TimeUnit.MINUTES)) {}",
            "    } catch (InterruptedException e) {",
            "      ex.shutdownNow();",
            "      Thread.currentThread().interrupt();",
            "    }",
            "  }",
            "}")
        .setArgs(STRICT, "--release", "17")
        .doTest(TestMode.TEXT_MATCH);
  }
}
