package io.github.daemonguard.checks;

import static io.github.daemonguard.checks.TestArgs.STRICT;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.BugCheckerRefactoringTestHelper.FixChoosers;
import com.google.errorprone.BugCheckerRefactoringTestHelper.TestMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

final class UnjoinedExecutorResourceFixTest {
  private final BugCheckerRefactoringTestHelper helper =
      BugCheckerRefactoringTestHelper.newInstance(UnjoinedExecutorResource.class, getClass())
          .setArgs(STRICT);

  // ---- target release below 19: shutdown() and an await with no deadline ----

  @Test
  void mainShutsDownAndAwaitsAndDeclaresInterruptedException() {
    helper
        .addInputLines(
            "Export.java",
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
            "    pool.execute(() -> {",
            "      try {",
            "        out.write(\"x\");",
            "        out.flush();",
            "      } catch (IOException e) {",
            "        throw new UncheckedIOException(e);",
            "      }",
            "    });",
            "    System.out.println(\"submitted\");",
            "  }",
            "}")
        .addOutputLines(
            "Export.java",
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
            "    pool.execute(() -> {",
            "      try {",
            "        out.write(\"x\");",
            "        out.flush();",
            "      } catch (IOException e) {",
            "        throw new UncheckedIOException(e);",
            "      }",
            "    });",
            "    System.out.println(\"submitted\");",
            "    pool.shutdown();",
            "    while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {}",
            "  }",
            "}")
        .setArgs(STRICT, "-source", "17", "-target", "17")
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  void outsideMainCatchesInterruptShutsDownNowAndRestores() {
    helper
        .addInputLines(
            "Saver.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "class Saver {",
            "  void save(Writer out) {",
            "    ExecutorService pool = Executors.newSingleThreadExecutor();",
            "    pool.execute(() -> {",
            "      try { out.write(\"x\"); } catch (IOException e) {}",
            "    });",
            "  }",
            "}")
        .addOutputLines(
            "Saver.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "import java.util.concurrent.TimeUnit;",
            "class Saver {",
            "  void save(Writer out) {",
            "    ExecutorService pool = Executors.newSingleThreadExecutor();",
            "    pool.execute(() -> {",
            "      try { out.write(\"x\"); } catch (IOException e) {}",
            "    });",
            "    pool.shutdown();",
            "    try {",
            "      while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {}",
            "    } catch (InterruptedException e) {",
            "      pool.shutdownNow();",
            "      Thread.currentThread().interrupt();",
            "    }",
            "  }",
            "}")
        .setArgs(STRICT, "--release", "17")
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  void methodDeclaringInterruptedExceptionAwaitsPlainlyAfterTheLastTalk() {
    helper
        .addInputLines(
            "Batch.java",
            "import java.io.Writer;",
            "import java.util.List;",
            "import java.util.concurrent.BlockingQueue;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "class Batch {",
            "  void run(Writer out, BlockingQueue<String> queue, List<String> rows)",
            "      throws InterruptedException {",
            "    ExecutorService pool = Executors.newFixedThreadPool(1);",
            "    pool.execute(() -> {",
            "      try {",
            "        for (String row = queue.take(); !row.isEmpty(); row = queue.take()) {",
            "          out.write(row);",
            "        }",
            "      } catch (Exception e) {",
            "        throw new IllegalStateException(e);",
            "      }",
            "    });",
            "    for (String row : rows) {",
            "      queue.put(row);",
            "    }",
            "    queue.put(\"\");",
            "    System.out.println(\"queued\");",
            "  }",
            "}")
        .addOutputLines(
            "Batch.java",
            "import java.io.Writer;",
            "import java.util.List;",
            "import java.util.concurrent.BlockingQueue;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "import java.util.concurrent.TimeUnit;",
            "class Batch {",
            "  void run(Writer out, BlockingQueue<String> queue, List<String> rows)",
            "      throws InterruptedException {",
            "    ExecutorService pool = Executors.newFixedThreadPool(1);",
            "    pool.execute(() -> {",
            "      try {",
            "        for (String row = queue.take(); !row.isEmpty(); row = queue.take()) {",
            "          out.write(row);",
            "        }",
            "      } catch (Exception e) {",
            "        throw new IllegalStateException(e);",
            "      }",
            "    });",
            "    for (String row : rows) {",
            "      queue.put(row);",
            "    }",
            "    queue.put(\"\");",
            "    System.out.println(\"queued\");",
            "    pool.shutdown();",
            "    while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {}",
            "  }",
            "}")
        .setArgs(STRICT, "--release", "17")
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  void daemonPoolAlreadyShutDownGainsOnlyTheAwait() {
    helper
        .addInputLines(
            "Fj.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "import java.util.concurrent.ForkJoinPool;",
            "class Fj {",
            "  void go(Writer w) throws InterruptedException {",
            "    ForkJoinPool pool = new ForkJoinPool(2);",
            "    pool.execute(() -> {",
            "      try { w.write(\"x\"); } catch (IOException e) {}",
            "    });",
            "    pool.shutdown();",
            "  }",
            "}")
        .addOutputLines(
            "Fj.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "import java.util.concurrent.ForkJoinPool;",
            "import java.util.concurrent.TimeUnit;",
            "class Fj {",
            "  void go(Writer w) throws InterruptedException {",
            "    ForkJoinPool pool = new ForkJoinPool(2);",
            "    pool.execute(() -> {",
            "      try { w.write(\"x\"); } catch (IOException e) {}",
            "    });",
            "    pool.shutdown();",
            "    while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {}",
            "  }",
            "}")
        .setArgs(STRICT, "--release", "17")
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  void earlyExitWrapsTheRestInTryFinally() {
    helper
        .addInputLines(
            "Early.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "class Early {",
            "  int go(Writer w, boolean quick) throws InterruptedException {",
            "    ExecutorService pool = Executors.newFixedThreadPool(1);",
            "    pool.execute(() -> {",
            "      try { w.write(\"x\"); } catch (IOException e) {}",
            "    });",
            "    if (quick) {",
            "      return 0;",
            "    }",
            "    pool.execute(() -> {",
            "      try { w.write(\"y\"); } catch (IOException e) {}",
            "    });",
            "    return 1;",
            "  }",
            "}")
        .addOutputLines(
            "Early.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "import java.util.concurrent.TimeUnit;",
            "class Early {",
            "  int go(Writer w, boolean quick) throws InterruptedException {",
            "    ExecutorService pool = Executors.newFixedThreadPool(1);",
            "    pool.execute(() -> {",
            "      try { w.write(\"x\"); } catch (IOException e) {}",
            "    });",
            "    try {",
            "      if (quick) {",
            "        return 0;",
            "      }",
            "      pool.execute(() -> {",
            "        try { w.write(\"y\"); } catch (IOException e) {}",
            "      });",
            "      return 1;",
            "    } finally {",
            "      pool.shutdown();",
            "      while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {}",
            "    }",
            "  }",
            "}")
        .setArgs(STRICT, "--release", "17")
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  void awaitGoesBeforeSystemExit() {
    helper
        .addInputLines(
            "Exit.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "class Exit {",
            "  static void finish(Writer w) throws InterruptedException {",
            "    ExecutorService pool = Executors.newFixedThreadPool(1);",
            "    pool.execute(() -> {",
            "      try { w.write(\"x\"); w.flush(); } catch (IOException e) {}",
            "    });",
            "    pool.shutdown();",
            "    System.exit(0);",
            "  }",
            "}")
        .addOutputLines(
            "Exit.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "import java.util.concurrent.TimeUnit;",
            "class Exit {",
            "  static void finish(Writer w) throws InterruptedException {",
            "    ExecutorService pool = Executors.newFixedThreadPool(1);",
            "    pool.execute(() -> {",
            "      try { w.write(\"x\"); w.flush(); } catch (IOException e) {}",
            "    });",
            "    pool.shutdown();",
            "    while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {}",
            "    System.exit(0);",
            "  }",
            "}")
        .setArgs(STRICT, "--release", "17")
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  @EnabledForJreRange(min = JRE.JAVA_21)
  void release21ExecutorAssignedAfterItsDeclarationGetsShutdownAndAwait() {
    helper
        .addInputLines(
            "Late.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "class Late {",
            "  void go(Writer w) throws InterruptedException {",
            "    ExecutorService pool;",
            "    pool = Executors.newCachedThreadPool();",
            "    pool.execute(() -> {",
            "      try { w.write(\"x\"); } catch (IOException e) {}",
            "    });",
            "  }",
            "}")
        .addOutputLines(
            "Late.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "import java.util.concurrent.TimeUnit;",
            "class Late {",
            "  void go(Writer w) throws InterruptedException {",
            "    ExecutorService pool;",
            "    pool = Executors.newCachedThreadPool();",
            "    pool.execute(() -> {",
            "      try { w.write(\"x\"); } catch (IOException e) {}",
            "    });",
            "    pool.shutdown();",
            "    while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {}",
            "  }",
            "}")
        .setArgs(STRICT, "--release", "21")
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  void twoExecutorsInOneMethodPatchedTogether() {
    helper
        .addInputLines(
            "Two.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "class Two {",
            "  void go(Writer a, Writer b) {",
            "    ExecutorService first = Executors.newFixedThreadPool(1);",
            "    first.execute(() -> {",
            "      try { a.write(\"x\"); } catch (IOException e) {}",
            "    });",
            "    ExecutorService second = Executors.newFixedThreadPool(1);",
            "    second.execute(() -> {",
            "      try { b.write(\"y\"); } catch (IOException e) {}",
            "    });",
            "  }",
            "}")
        .addOutputLines(
            "Two.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "import java.util.concurrent.TimeUnit;",
            "class Two {",
            "  void go(Writer a, Writer b) {",
            "    ExecutorService first = Executors.newFixedThreadPool(1);",
            "    first.execute(() -> {",
            "      try { a.write(\"x\"); } catch (IOException e) {}",
            "    });",
            "    ExecutorService second = Executors.newFixedThreadPool(1);",
            "    second.execute(() -> {",
            "      try { b.write(\"y\"); } catch (IOException e) {}",
            "    });",
            "    first.shutdown();",
            "    try {",
            "      while (!first.awaitTermination(1, TimeUnit.MINUTES)) {}",
            "    } catch (InterruptedException e) {",
            "      first.shutdownNow();",
            "      Thread.currentThread().interrupt();",
            "    }",
            "    second.shutdown();",
            "    try {",
            "      while (!second.awaitTermination(1, TimeUnit.MINUTES)) {}",
            "    } catch (InterruptedException e) {",
            "      second.shutdownNow();",
            "      Thread.currentThread().interrupt();",
            "    }",
            "  }",
            "}")
        .setArgs(STRICT, "--release", "17")
        .doTest(TestMode.TEXT_MATCH);
  }

  // ---- target release 19 or later: try-with-resources ----

  @Test
  @EnabledForJreRange(min = JRE.JAVA_21)
  void release21PutsTheExecutorInTryWithResources() {
    helper
        .addInputLines(
            "Export.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "class Export {",
            "  void export(Writer out) {",
            "    System.out.println(\"start\");",
            "    ExecutorService pool = Executors.newFixedThreadPool(2);",
            "    pool.execute(() -> {",
            "      try { out.write(\"a\"); } catch (IOException e) {}",
            "    });",
            "",
            "    pool.execute(() -> {",
            "      try { out.write(\"b\"); } catch (IOException e) {}",
            "    });",
            "    System.out.println(\"done\");",
            "  }",
            "}")
        .addOutputLines(
            "Export.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "class Export {",
            "  void export(Writer out) {",
            "    System.out.println(\"start\");",
            "    try (ExecutorService pool = Executors.newFixedThreadPool(2)) {",
            "      pool.execute(() -> {",
            "        try { out.write(\"a\"); } catch (IOException e) {}",
            "      });",
            "",
            "      pool.execute(() -> {",
            "        try { out.write(\"b\"); } catch (IOException e) {}",
            "      });",
            "    }",
            "    System.out.println(\"done\");",
            "  }",
            "}")
        .setArgs(STRICT, "--release", "21")
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  @EnabledForJreRange(min = JRE.JAVA_21)
  void release21OffersShutdownAndAwaitAsTheAlternative() {
    helper
        .setFixChooser(FixChoosers.SECOND)
        .addInputLines(
            "Export.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "class Export {",
            "  void export(Writer out) throws InterruptedException {",
            "    ExecutorService pool = Executors.newFixedThreadPool(2);",
            "    pool.execute(() -> {",
            "      try { out.write(\"a\"); } catch (IOException e) {}",
            "    });",
            "  }",
            "}")
        .addOutputLines(
            "Export.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "import java.util.concurrent.TimeUnit;",
            "class Export {",
            "  void export(Writer out) throws InterruptedException {",
            "    ExecutorService pool = Executors.newFixedThreadPool(2);",
            "    pool.execute(() -> {",
            "      try { out.write(\"a\"); } catch (IOException e) {}",
            "    });",
            "    pool.shutdown();",
            "    while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {}",
            "  }",
            "}")
        .setArgs(STRICT, "--release", "21")
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  @EnabledForJreRange(min = JRE.JAVA_21)
  void release21VirtualThreadExecutorShutDownOnlyGetsTryWithResources() {
    helper
        .addInputLines(
            "Virtual.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "class Virtual {",
            "  void go(Writer w) {",
            "    ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();",
            "    pool.execute(() -> {",
            "      try { w.write(\"x\"); } catch (IOException e) {}",
            "    });",
            "    pool.shutdown();",
            "  }",
            "}")
        .addOutputLines(
            "Virtual.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "class Virtual {",
            "  void go(Writer w) {",
            "    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {",
            "      pool.execute(() -> {",
            "        try { w.write(\"x\"); } catch (IOException e) {}",
            "      });",
            "      pool.shutdown();",
            "    }",
            "  }",
            "}")
        .setArgs(STRICT, "--release", "21")
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  @EnabledForJreRange(min = JRE.JAVA_21)
  void release21LocalDeclaredInsideAndUsedAfterFallsBackToShutdownAndAwait() {
    helper
        .addInputLines(
            "Summary.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "class Summary {",
            "  void go(Writer w) throws InterruptedException {",
            "    ExecutorService pool = Executors.newFixedThreadPool(2);",
            "    pool.execute(() -> {",
            "      try { w.write(\"x\"); } catch (IOException e) {}",
            "    });",
            "    String summary = \"queued\";",
            "    pool.execute(() -> {",
            "      try { w.write(\"y\"); } catch (IOException e) {}",
            "    });",
            "    System.out.println(summary);",
            "  }",
            "}")
        .addOutputLines(
            "Summary.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "import java.util.concurrent.TimeUnit;",
            "class Summary {",
            "  void go(Writer w) throws InterruptedException {",
            "    ExecutorService pool = Executors.newFixedThreadPool(2);",
            "    pool.execute(() -> {",
            "      try { w.write(\"x\"); } catch (IOException e) {}",
            "    });",
            "    String summary = \"queued\";",
            "    pool.execute(() -> {",
            "      try { w.write(\"y\"); } catch (IOException e) {}",
            "    });",
            "    System.out.println(summary);",
            "    pool.shutdown();",
            "    while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {}",
            "  }",
            "}")
        .setArgs(STRICT, "--release", "21")
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  @EnabledForJreRange(min = JRE.JAVA_21)
  void source17OnANewerJdkNeverUsesTryWithResources() {
    // JDK 21+ compiling with -source/-target 17 sees an AutoCloseable ExecutorService on its own
    // classpath, but the class files run on Java 17, where close() does not exist.
    helper
        .addInputLines(
            "Old.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "class Old {",
            "  void go(Writer w) throws InterruptedException {",
            "    ExecutorService pool = Executors.newFixedThreadPool(2);",
            "    pool.execute(() -> {",
            "      try { w.write(\"x\"); } catch (IOException e) {}",
            "    });",
            "  }",
            "}")
        .addOutputLines(
            "Old.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "import java.util.concurrent.TimeUnit;",
            "class Old {",
            "  void go(Writer w) throws InterruptedException {",
            "    ExecutorService pool = Executors.newFixedThreadPool(2);",
            "    pool.execute(() -> {",
            "      try { w.write(\"x\"); } catch (IOException e) {}",
            "    });",
            "    pool.shutdown();",
            "    while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {}",
            "  }",
            "}")
        .setArgs(STRICT, "-source", "17", "-target", "17")
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  @EnabledForJreRange(min = JRE.JAVA_21)
  void docsExampleGetsTryWithResourcesOnRelease21() {
    helper
        .addInputLines(
            "Exporter.java",
            "import java.io.IOException;",
            "import java.io.UncheckedIOException;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "import java.util.List;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "class Exporter {",
            "  record Report(Path path, String text) {}",
            "  void export(List<Report> reports) {",
            "    ExecutorService pool = Executors.newFixedThreadPool(4);",
            "    for (Report report : reports) {",
            "      pool.execute(() -> save(report));",
            "    }",
            "    System.out.println(\"exported \" + reports.size() + \" reports\");",
            "  }",
            "  private static void save(Report report) {",
            "    try {",
            "      Files.writeString(report.path(), report.text());",
            "    } catch (IOException e) {",
            "      throw new UncheckedIOException(e);",
            "    }",
            "  }",
            "}")
        .addOutputLines(
            "Exporter.java",
            "import java.io.IOException;",
            "import java.io.UncheckedIOException;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "import java.util.List;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "class Exporter {",
            "  record Report(Path path, String text) {}",
            "  void export(List<Report> reports) {",
            "    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {",
            "      for (Report report : reports) {",
            "        pool.execute(() -> save(report));",
            "      }",
            "    }",
            "    System.out.println(\"exported \" + reports.size() + \" reports\");",
            "  }",
            "  private static void save(Report report) {",
            "    try {",
            "      Files.writeString(report.path(), report.text());",
            "    } catch (IOException e) {",
            "      throw new UncheckedIOException(e);",
            "    }",
            "  }",
            "}")
        .setArgs(STRICT, "--release", "21")
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  void resourceUsedAfterShutdownGetsTheAwaitRightAfterTheShutdown() {
    helper
        .addInputLines(
            "GoesOn.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "class GoesOn {",
            "  void go(Writer out) throws IOException, InterruptedException {",
            "    ExecutorService pool = Executors.newFixedThreadPool(2);",
            "    pool.execute(() -> {",
            "      try { out.write(\"rows\"); } catch (IOException e) {}",
            "    });",
            "    pool.shutdown();",
            "    out.write(\"footer\");",
            "  }",
            "}")
        .addOutputLines(
            "GoesOn.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "import java.util.concurrent.TimeUnit;",
            "class GoesOn {",
            "  void go(Writer out) throws IOException, InterruptedException {",
            "    ExecutorService pool = Executors.newFixedThreadPool(2);",
            "    pool.execute(() -> {",
            "      try { out.write(\"rows\"); } catch (IOException e) {}",
            "    });",
            "    pool.shutdown();",
            "    while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {}",
            "    out.write(\"footer\");",
            "  }",
            "}")
        .setArgs(STRICT, "--release", "17")
        .doTest(TestMode.TEXT_MATCH);
  }
}
