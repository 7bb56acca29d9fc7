package io.github.daemonguard.checks;

import static io.github.daemonguard.checks.TestArgs.STRICT;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.BugCheckerRefactoringTestHelper.TestMode;
import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/** A daemon thread held in a private field: the fix goes into the class's own close()/stop(). */
final class ClassOwnedThreadTest {
  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(DaemonThreadResource.class, getClass())
          .setArgs(STRICT);

  /**
   * A close() that closes what the running consumer writes is TaskOutlivesResource's (the
   * precedence): reported at the close, fixed there with the sentinel and the join.
   */
  private final BugCheckerRefactoringTestHelper outlivesRefactoring =
      BugCheckerRefactoringTestHelper.newInstance(TaskOutlivesResource.class, getClass())
          .setArgs(STRICT);

  @Test
  void finiteTaskIsJoinedInStop() {
    refactoring
        .addInputLines(
            "Snapshotter.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "class Snapshotter {",
            "  private final Writer out;",
            "  private Thread worker;",
            "  Snapshotter(Writer out) { this.out = out; }",
            "  void begin() {",
            "    worker = new Thread(() -> {",
            "      try { out.write(\"snapshot\"); } catch (IOException e) {}",
            "    });",
            "    worker.setDaemon(true);",
            "    worker.start();",
            "  }",
            "  void stop() {",
            "    System.out.println(\"stopping\");",
            "  }",
            "}")
        .addOutputLines(
            "Snapshotter.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "class Snapshotter {",
            "  private final Writer out;",
            "  private Thread worker;",
            "  Snapshotter(Writer out) { this.out = out; }",
            "  void begin() {",
            "    worker = new Thread(() -> {",
            "      try { out.write(\"snapshot\"); } catch (IOException e) {}",
            "    });",
            "    worker.setDaemon(true);",
            "    worker.start();",
            "  }",
            "  void stop() {",
            "    System.out.println(\"stopping\");",
            "    if (worker != null) {",
            "      try {",
            "        worker.join();",
            "      } catch (InterruptedException e) {",
            "        worker.interrupt();",
            "        Thread.currentThread().interrupt();",
            "      }",
            "    }",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  void endlessQueueConsumerGetsASentinelInClose() {
    outlivesRefactoring
        .addInputLines(
            "AsyncAppender.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "import java.util.concurrent.BlockingQueue;",
            "import java.util.concurrent.LinkedBlockingQueue;",
            "class AsyncAppender implements AutoCloseable {",
            "  private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();",
            "  private final Writer out;",
            "  private final Thread worker;",
            "  AsyncAppender(Writer out) {",
            "    this.out = out;",
            "    worker = new Thread(this::drain, \"appender\");",
            "    worker.setDaemon(true);",
            "    worker.start();",
            "  }",
            "  void append(Object event) throws InterruptedException {",
            "    events.put(event);",
            "  }",
            "  private void drain() {",
            "    try {",
            "      for (;;) {",
            "        Object event = events.take();",
            "        out.write(event.toString());",
            "      }",
            "    } catch (InterruptedException | IOException e) {",
            "      Thread.currentThread().interrupt();",
            "    }",
            "  }",
            "  @Override public void close() throws Exception {",
            "    out.close();",
            "  }",
            "}")
        .addOutputLines(
            "AsyncAppender.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "import java.util.concurrent.BlockingQueue;",
            "import java.util.concurrent.LinkedBlockingQueue;",
            "class AsyncAppender implements AutoCloseable {",
            "  private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();",
            "  private final Writer out;",
            "  private final Thread worker;",
            "  AsyncAppender(Writer out) {",
            "    this.out = out;",
            "    worker = new Thread(this::drain, \"appender\");",
            "    worker.setDaemon(true);",
            "    worker.start();",
            "  }",
            "  void append(Object event) throws InterruptedException {",
            "    events.put(event);",
            "  }",
            "  private void drain() {",
            "    try {",
            "      for (;;) {",
            "        Object event = events.take();",
            "        if (event == END_OF_EVENTS) {",
            "          out.flush();",
            "          break;",
            "        }",
            "        out.write(event.toString());",
            "      }",
            "    } catch (InterruptedException | IOException e) {",
            "      Thread.currentThread().interrupt();",
            "    }",
            "  }",
            "  @Override public void close() throws Exception {",
            "    events.put(END_OF_EVENTS);",
            "    worker.join();",
            "    out.close();",
            "  }",
            "  /** Put on the queue after the last item: the consumer stops when it takes it. */",
            "  private static final Object END_OF_EVENTS = new Object();",
            "}")
        .setArgs(STRICT)
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  void flagLoopStoppedByStopIsJoinedThereAfterTheFlagIsCleared() {
    refactoring
        .addInputLines(
            "Flusher.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "class Flusher {",
            "  private final Writer out;",
            "  private volatile boolean running = true;",
            "  private final Thread worker;",
            "  Flusher(Writer out) {",
            "    this.out = out;",
            "    worker = new Thread(() -> {",
            "      while (running) {",
            "        try { out.flush(); Thread.sleep(100); }",
            "        catch (IOException | InterruptedException e) { return; }",
            "      }",
            "    });",
            "    worker.setDaemon(true);",
            "    worker.start();",
            "  }",
            "  void stop() throws InterruptedException {",
            "    running = false;",
            "  }",
            "}")
        .addOutputLines(
            "Flusher.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "class Flusher {",
            "  private final Writer out;",
            "  private volatile boolean running = true;",
            "  private final Thread worker;",
            "  Flusher(Writer out) {",
            "    this.out = out;",
            "    worker = new Thread(() -> {",
            "      while (running) {",
            "        try { out.flush(); Thread.sleep(100); }",
            "        catch (IOException | InterruptedException e) { return; }",
            "      }",
            "    });",
            "    worker.setDaemon(true);",
            "    worker.start();",
            "  }",
            "  void stop() throws InterruptedException {",
            "    running = false;",
            "    worker.join();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest(TestMode.TEXT_MATCH);
  }

  private final CompilationTestHelper findings =
      CompilationTestHelper.newInstance(DaemonThreadResource.class, getClass()).setArgs(STRICT);

  /**
   * stop() clears the flag, but the loop waits in {@code take()}: with an empty queue it never
   * tests the flag again, so a join in stop() could wait for ever. Reported, with no fix.
   */
  @Test
  void flagClearedWhileTheLoopWaitsInTakeGetsNoJoin() {
    findings
        .addSourceLines(
            "Pump.java",
            """
            import java.io.IOException;
            import java.io.Writer;
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.LinkedBlockingQueue;
            class Pump {
              private final Writer out;
              private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
              private volatile boolean running = true;
              private Thread worker;
              Pump(Writer out) { this.out = out; }
              void start() {
                worker = new Thread(() -> {
                  try {
                    while (running) {
                      out.write(queue.take());
                    }
                  } catch (IOException | InterruptedException e) {
                    // stopped
                  }
                });
                worker.setDaemon(true);
                // BUG: Diagnostic contains: writes to 'out'
                worker.start();
              }
              void stop() {
                running = false;
              }
            }
            """)
        .doTest();
    refactoring
        .addInputLines(
            "Pump.java",
            """
            import java.io.IOException;
            import java.io.Writer;
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.LinkedBlockingQueue;
            class Pump {
              private final Writer out;
              private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
              private volatile boolean running = true;
              private Thread worker;
              Pump(Writer out) { this.out = out; }
              void start() {
                worker = new Thread(() -> {
                  try {
                    while (running) {
                      out.write(queue.take());
                    }
                  } catch (IOException | InterruptedException e) {
                    // stopped
                  }
                });
                worker.setDaemon(true);
                worker.start();
              }
              void stop() {
                running = false;
              }
            }
            """)
        .expectUnchanged()
        .doTest(TestMode.TEXT_MATCH);
  }

  /**
   * A loop that ends only on what it takes (or an interrupt), and a stop() that sends neither: a
   * join would wait for ever, and a non-daemon thread would keep the JVM alive. No fix.
   */
  @Test
  void loopThatStopDoesNotSignalGetsNoJoinAndStaysDaemon() {
    findings
        .addSourceLines(
            "Waiter.java",
            """
            import java.io.IOException;
            import java.io.Writer;
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.LinkedBlockingQueue;
            class Waiter {
              private final Writer out;
              private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
              private Thread worker;
              Waiter(Writer out) { this.out = out; }
              void start() {
                worker = new Thread(() -> {
                  for (;;) {
                    String s;
                    try { s = queue.take(); } catch (InterruptedException e) { return; }
                    if (s.isEmpty()) { return; }
                    try { out.write(s); } catch (IOException e) { return; }
                  }
                });
                worker.setDaemon(true);
                // BUG: Diagnostic contains: writes to 'out'
                worker.start();
              }
              void stop() {
                System.out.println("stopping");
              }
            }
            """)
        .doTest();
    refactoring
        .addInputLines(
            "Waiter.java",
            """
            import java.io.IOException;
            import java.io.Writer;
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.LinkedBlockingQueue;
            class Waiter {
              private final Writer out;
              private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
              private Thread worker;
              Waiter(Writer out) { this.out = out; }
              void start() {
                worker = new Thread(() -> {
                  for (;;) {
                    String s;
                    try { s = queue.take(); } catch (InterruptedException e) { return; }
                    if (s.isEmpty()) { return; }
                    try { out.write(s); } catch (IOException e) { return; }
                  }
                });
                worker.setDaemon(true);
                worker.start();
              }
              void stop() {
                System.out.println("stopping");
              }
            }
            """)
        .expectUnchanged()
        .doTest(TestMode.TEXT_MATCH);
  }
}
