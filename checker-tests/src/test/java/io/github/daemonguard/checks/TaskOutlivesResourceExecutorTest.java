package io.github.daemonguard.checks;

import static io.github.daemonguard.checks.TestArgs.STRICT;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.BugCheckerRefactoringTestHelper.TestMode;
import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

/** TaskOutlivesResource on tasks handed to executors, and on the close-to-stop idiom. */
final class TaskOutlivesResourceExecutorTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(TaskOutlivesResource.class, getClass());
  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(TaskOutlivesResource.class, getClass())
          .setArgs(STRICT);

  @Test
  void taskSubmittedToAPoolOwnedElsewhere() {
    helper
        .addSourceLines(
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
            "      // BUG: Diagnostic contains: The task handed to pool uses 'w'",
            "      Future<?> unused = pool.submit(() -> { w.write(s); return null; });",
            "    }",
            "  }",
            "  void awaited(ExecutorService pool, Path path, String s) throws Exception {",
            "    try (Writer w = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {",
            "      Future<?> done = pool.submit(() -> { w.write(s); return null; });",
            "      done.get();",
            "    }",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  /** An executor that runs tasks on the calling thread is no launch: the task is done first. */
  @Test
  void directExecutorsAreNotLaunches() {
    helper
        .addSourceLines(
            "Direct.java",
            "import com.google.common.util.concurrent.MoreExecutors;",
            "import java.io.IOException;",
            "import java.io.UncheckedIOException;",
            "import java.io.Writer;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "import java.util.concurrent.Executor;",
            "import java.util.concurrent.ExecutorService;",
            "class Direct {",
            "  static void write(Writer w) {",
            "    try { w.write(\"x\"); } catch (IOException e) { throw new UncheckedIOException(e); }",
            "  }",
            "  void guava(Path path) throws IOException {",
            "    try (Writer w = Files.newBufferedWriter(path)) {",
            "      MoreExecutors.directExecutor().execute(() -> write(w));",
            "    }",
            "  }",
            "  void guavaService(Path path) throws IOException {",
            "    ExecutorService direct = MoreExecutors.newDirectExecutorService();",
            "    try (Writer w = Files.newBufferedWriter(path)) {",
            "      direct.execute(() -> write(w));",
            "    }",
            "  }",
            "  void runnableRun(Path path) throws IOException {",
            "    Executor inline = Runnable::run;",
            "    try (Writer w = Files.newBufferedWriter(path)) {",
            "      inline.execute(() -> write(w));",
            "    }",
            "  }",
            "  void realPool(ExecutorService pool, Path path) throws IOException {",
            "    try (Writer w = Files.newBufferedWriter(path)) {",
            "      // BUG: Diagnostic contains: The task handed to pool uses 'w'",
            "      pool.execute(() -> write(w));",
            "    }",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void localPoolGetsShutdownAndAwaitBeforeTheClose() {
    refactoring
        .addInputLines(
            "Export.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "class Export {",
            "  void export(Writer out) throws IOException, InterruptedException {",
            "    ExecutorService pool = Executors.newFixedThreadPool(2);",
            "    try (out) {",
            "      pool.execute(() -> {",
            "        try { out.write(\"x\"); } catch (IOException e) {}",
            "      });",
            "    }",
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
            "  void export(Writer out) throws IOException, InterruptedException {",
            "    ExecutorService pool = Executors.newFixedThreadPool(2);",
            "    try (out) {",
            "      pool.execute(() -> {",
            "        try { out.write(\"x\"); } catch (IOException e) {}",
            "      });",
            "      pool.shutdown();",
            "      while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {}",
            "    }",
            "  }",
            "}")
        .setArgs(STRICT, "--release", "17")
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  @EnabledForJreRange(min = JRE.JAVA_21)
  void executorDeclaredBeforeTheWriterInOneTryIsSwapped() {
    refactoring
        .addInputLines(
            "Export.java",
            "import java.io.FileWriter;",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "import java.nio.charset.StandardCharsets;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "class Export {",
            "  void export(String file) throws IOException {",
            "    try (ExecutorService ex = Executors.newFixedThreadPool(2);",
            "        Writer w = new FileWriter(file, StandardCharsets.UTF_8)) {",
            "      ex.execute(() -> {",
            "        try { w.write(\"x\"); } catch (IOException e) {}",
            "      });",
            "    }",
            "  }",
            "}")
        .addOutputLines(
            "Export.java",
            "import java.io.FileWriter;",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "import java.nio.charset.StandardCharsets;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "class Export {",
            "  void export(String file) throws IOException {",
            "    try (Writer w = new FileWriter(file, StandardCharsets.UTF_8);",
            "        ExecutorService ex = Executors.newFixedThreadPool(2)) {",
            "      ex.execute(() -> {",
            "        try { w.write(\"x\"); } catch (IOException e) {}",
            "      });",
            "    }",
            "  }",
            "}")
        .setArgs(STRICT, "--release", "21")
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  void notFlagged_closingTheServerSocketIsHowTheAcceptLoopStops() {
    helper
        .addSourceLines(
            "Server.java",
            "import java.io.IOException;",
            "import java.net.ServerSocket;",
            "import java.net.Socket;",
            "import java.util.concurrent.CountDownLatch;",
            "class Server {",
            "  void serve(CountDownLatch stop) throws IOException, InterruptedException {",
            "    Thread acceptor;",
            "    try (ServerSocket ss = new ServerSocket(0)) {",
            "      acceptor = new Thread(() -> {",
            "        while (!ss.isClosed()) {",
            "          try (Socket s = ss.accept()) {",
            "            s.getOutputStream().write(1);",
            "          } catch (IOException e) {",
            "            return;",
            "          }",
            "        }",
            "      });",
            "      acceptor.start();",
            "      stop.await();",
            "    }",
            "    acceptor.join();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }
}
