package io.github.daemonguard.checks;

import static io.github.daemonguard.checks.TestArgs.STRICT;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.BugCheckerRefactoringTestHelper.TestMode;
import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

final class TaskOutlivesResourceTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(TaskOutlivesResource.class, getClass());
  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(TaskOutlivesResource.class, getClass())
          .setArgs(STRICT);

  @Test
  void threadWritingToTryWithResourcesWriter() {
    helper
        .addSourceLines(
            "Export.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "import java.nio.charset.StandardCharsets;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "class Export {",
            "  void export(Path path) throws IOException {",
            "    try (Writer w = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {",
            "      Thread t = new Thread(() -> {",
            "        try { w.write(\"x\"); } catch (IOException e) {}",
            "      });",
            "      // BUG: Diagnostic contains: uses 'w', which this method closes",
            "      t.start();",
            "    }",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void readerClosedUnderARunningThreadByAnExplicitClose() {
    helper
        .addSourceLines(
            "Tail.java",
            "import java.io.BufferedReader;",
            "import java.io.IOException;",
            "class Tail {",
            "  void tail(BufferedReader in) throws IOException {",
            "    Thread t = new Thread(() -> {",
            "      try { System.out.println(in.readLine()); } catch (IOException e) {}",
            "    });",
            "    // BUG: Diagnostic contains: uses 'in'",
            "    t.start();",
            "    in.close();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void closeInFinallyBeforeTheJoinAfterIt() {
    helper
        .addSourceLines(
            "Export.java",
            "import java.io.IOException;",
            "import java.io.OutputStream;",
            "class Export {",
            "  void export(OutputStream out) throws IOException, InterruptedException {",
            "    Thread t = new Thread(() -> {",
            "      try { out.write(1); } catch (IOException e) {}",
            "    });",
            "    try {",
            "      // BUG: Diagnostic contains: TaskOutlivesResource",
            "      t.start();",
            "    } finally {",
            "      out.close();",
            "    }",
            "    t.join();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void notFlagged_joinedInsideTheTryBlock() {
    helper
        .addSourceLines(
            "Export.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "import java.nio.charset.StandardCharsets;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "class Export {",
            "  void export(Path path) throws IOException, InterruptedException {",
            "    try (Writer w = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {",
            "      Thread t = new Thread(() -> {",
            "        try { w.write(\"x\"); } catch (IOException e) {}",
            "      });",
            "      t.start();",
            "      t.join();",
            "    }",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void notFlagged_joinBeforeExplicitClose_orResourceOpenedByTheTask() {
    helper
        .addSourceLines(
            "Export.java",
            "import java.io.FileWriter;",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "import java.nio.charset.StandardCharsets;",
            "class Export {",
            "  void joined(Writer w) throws IOException, InterruptedException {",
            "    Thread t = new Thread(() -> {",
            "      try { w.write(\"x\"); } catch (IOException e) {}",
            "    });",
            "    t.start();",
            "    t.join();",
            "    w.close();",
            "  }",
            "  void ownFile() {",
            "    Thread t = new Thread(() -> {",
            "      try (Writer w = new FileWriter(\"f\", StandardCharsets.UTF_8)) {",
            "        w.write(\"x\");",
            "      } catch (IOException e) {}",
            "    });",
            "    t.start();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void notFlagged_threadHandedOnBeforeTheClose() {
    helper
        .addSourceLines(
            "Export.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "class Export {",
            "  void export(Writer w) throws IOException {",
            "    Thread t = new Thread(() -> {",
            "      try { w.write(\"x\"); } catch (IOException e) {}",
            "    });",
            "    t.start();",
            "    awaitAll(t);",
            "    w.close();",
            "  }",
            "  private static void awaitAll(Thread... threads) {}",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void notFlagged_suppressedOnTheThreadVariable() {
    helper
        .addSourceLines(
            "Export.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "class Export {",
            "  void export(Writer w) throws IOException {",
            "    @SuppressWarnings(\"TaskOutlivesResource\")",
            "    Thread t = new Thread(() -> {",
            "      try { w.write(\"x\"); } catch (IOException e) {}",
            "    });",
            "    t.start();",
            "    w.close();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void fixJoinsAtTheEndOfTheTryBlock() {
    refactoring
        .addInputLines(
            "Export.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "import java.nio.charset.StandardCharsets;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "class Export {",
            "  void export(Path path) throws IOException, InterruptedException {",
            "    try (Writer w = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {",
            "      Thread t = new Thread(() -> {",
            "        try { w.write(\"x\"); } catch (IOException e) {}",
            "      });",
            "      t.start();",
            "      w.write(\"header\");",
            "    }",
            "    System.out.println(\"done\");",
            "  }",
            "}")
        .addOutputLines(
            "Export.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "import java.nio.charset.StandardCharsets;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "class Export {",
            "  void export(Path path) throws IOException, InterruptedException {",
            "    try (Writer w = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {",
            "      Thread t = new Thread(() -> {",
            "        try { w.write(\"x\"); } catch (IOException e) {}",
            "      });",
            "      t.start();",
            "      w.write(\"header\");",
            "      t.join();",
            "    }",
            "    System.out.println(\"done\");",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  void fixJoinsBeforeTheExplicitClose() {
    refactoring
        .addInputLines(
            "Saver.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "class Saver {",
            "  void save(Writer out) throws IOException, InterruptedException {",
            "    Thread t = new Thread(() -> {",
            "      try { out.write(\"x\"); } catch (IOException e) {}",
            "    });",
            "    t.setDaemon(true);",
            "    t.start();",
            "    out.write(\"header\");",
            "    out.close();",
            "    System.out.println(\"saved\");",
            "  }",
            "}")
        .addOutputLines(
            "Saver.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "class Saver {",
            "  void save(Writer out) throws IOException, InterruptedException {",
            "    Thread t = new Thread(() -> {",
            "      try { out.write(\"x\"); } catch (IOException e) {}",
            "    });",
            "    t.setDaemon(true);",
            "    t.start();",
            "    out.write(\"header\");",
            "    t.join();",
            "    out.close();",
            "    System.out.println(\"saved\");",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest(TestMode.TEXT_MATCH);
  }

  private static final String[] THREAD_OUTSIDE_THE_TRY = {
    "import java.io.IOException;",
    "import java.io.Writer;",
    "class Export {",
    "  void export(Writer w) throws IOException {",
    "    Thread t = new Thread(() -> {",
    "      try { w.write(\"x\"); } catch (IOException e) {}",
    "    });",
    "    try (w) {",
    "      // BUG: Diagnostic contains: TaskOutlivesResource",
    "      t.start();",
    "    }",
    "  }",
    "}"
  };

  @Test
  void threadDeclaredOutsideTheTryIsFlagged() {
    helper.addSourceLines("Export.java", THREAD_OUTSIDE_THE_TRY).setArgs(STRICT).doTest();
  }

  @Test
  void threadDeclaredOutsideTheTryIsJoinedAtTheEndOfTheTryBlock() {
    refactoring
        .addInputLines("Export.java", THREAD_OUTSIDE_THE_TRY)
        .addOutputLines(
            "Export.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "class Export {",
            "  void export(Writer w) throws IOException {",
            "    Thread t = new Thread(() -> {",
            "      try { w.write(\"x\"); } catch (IOException e) {}",
            "    });",
            "    try (w) {",
            "      // BUG: Diagnostic contains: TaskOutlivesResource",
            "      t.start();",
            "      try {",
            "        t.join();",
            "      } catch (InterruptedException e) {",
            "        t.interrupt();",
            "        Thread.currentThread().interrupt();",
            "      }",
            "    }",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  void threadAssignedInsideTheTryAndJoinedTooLateIsJoinedInside() {
    refactoring
        .addInputLines(
            "Report.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "class Report {",
            "  void write(Writer out) throws IOException, InterruptedException {",
            "    Thread details;",
            "    try (out) {",
            "      details = new Thread(() -> {",
            "        try { out.write(\"details\"); } catch (IOException e) {}",
            "      });",
            "      details.start();",
            "    }",
            "    details.join();",
            "  }",
            "}")
        .addOutputLines(
            "Report.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "class Report {",
            "  void write(Writer out) throws IOException, InterruptedException {",
            "    Thread details;",
            "    try (out) {",
            "      details = new Thread(() -> {",
            "        try { out.write(\"details\"); } catch (IOException e) {}",
            "      });",
            "      details.start();",
            "      details.join();",
            "    }",
            "    details.join();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  void noFixWhenSomethingAfterTheTryStillTalksToTheTask() {
    refactoring
        .addInputLines(
            "Export.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "import java.util.concurrent.CountDownLatch;",
            "class Export {",
            "  void export(Writer w, CountDownLatch go) throws IOException {",
            "    Thread t = new Thread(() -> {",
            "      try { go.await(); w.write(\"x\"); } catch (IOException | InterruptedException e) {}",
            "    });",
            "    try (w) {",
            "      t.start();",
            "    }",
            "    go.countDown();",
            "  }",
            "}")
        .expectUnchanged()
        .setArgs(STRICT)
        .doTest(TestMode.TEXT_MATCH);
  }
}
