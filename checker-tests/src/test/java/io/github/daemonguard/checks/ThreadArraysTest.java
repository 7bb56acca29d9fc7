package io.github.daemonguard.checks;

import static io.github.daemonguard.checks.TestArgs.STRICT;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/** Threads held in arrays are launches like any other; the array is joined element by element. */
final class ThreadArraysTest {
  private final CompilationTestHelper daemon =
      CompilationTestHelper.newInstance(DaemonThreadResource.class, getClass());
  private final CompilationTestHelper outlives =
      CompilationTestHelper.newInstance(TaskOutlivesResource.class, getClass());

  private static final String WRITE =
      "  static void write(java.io.Writer w) { try { w.write(\"x\"); } catch (java.io.IOException"
          + " e) { throw new java.io.UncheckedIOException(e); } }";

  @Test
  void daemonThreadsInAnArrayNeverJoined() {
    daemon
        .addSourceLines(
            "Shards.java",
            "import java.io.Writer;",
            "class Shards {",
            WRITE,
            "  void export(Writer out, int n) {",
            "    Thread[] workers = new Thread[n];",
            "    for (int i = 0; i < n; i++) {",
            "      workers[i] = new Thread(() -> write(out));",
            "      workers[i].setDaemon(true);",
            "      // BUG: Diagnostic contains: A daemon thread (setDaemon(true)) writes to 'out'",
            "      workers[i].start();",
            "    }",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void notFlagged_arrayJoinedInAForEachLoopOrByIndex() {
    daemon
        .addSourceLines(
            "Shards.java",
            "import java.io.Writer;",
            "class Shards {",
            WRITE,
            "  void forEach(Writer out, int n) throws InterruptedException {",
            "    Thread[] workers = new Thread[n];",
            "    for (int i = 0; i < n; i++) {",
            "      workers[i] = new Thread(() -> write(out));",
            "      workers[i].setDaemon(true);",
            "      workers[i].start();",
            "    }",
            "    for (Thread w : workers) {",
            "      w.join();",
            "    }",
            "  }",
            "  void byIndex(Writer out, int n) throws InterruptedException {",
            "    Thread[] workers = new Thread[n];",
            "    for (int i = 0; i < n; i++) {",
            "      workers[i] = new Thread(() -> write(out));",
            "      workers[i].setDaemon(true);",
            "      workers[i].start();",
            "    }",
            "    for (int i = 0; i < n; i++) {",
            "      workers[i].join();",
            "    }",
            "  }",
            "  Thread[] handedOn(Writer out, int n) {",
            "    Thread[] workers = new Thread[n];",
            "    for (int i = 0; i < n; i++) {",
            "      workers[i] = new Thread(() -> write(out));",
            "      workers[i].setDaemon(true);",
            "      workers[i].start();",
            "    }",
            "    return workers;",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void theWriterClosesBeforeTheArrayIsJoinedButNotAfter() {
    outlives
        .addSourceLines(
            "Shards.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "class Shards {",
            WRITE,
            "  void early(Writer out, int n) throws IOException, InterruptedException {",
            "    Thread[] workers = new Thread[n];",
            "    for (int i = 0; i < n; i++) {",
            "      workers[i] = new Thread(() -> write(out));",
            "      // BUG: Diagnostic contains: uses 'out', which this method closes",
            "      workers[i].start();",
            "    }",
            "    out.close();",
            "    for (Thread w : workers) {",
            "      w.join();",
            "    }",
            "  }",
            "  void late(Writer out, int n) throws IOException, InterruptedException {",
            "    Thread[] workers = new Thread[n];",
            "    for (int i = 0; i < n; i++) {",
            "      workers[i] = new Thread(() -> write(out));",
            "      workers[i].start();",
            "    }",
            "    for (Thread w : workers) {",
            "      w.join();",
            "    }",
            "    out.close();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }
}
