package io.github.daemonguard.checks;

import static io.github.daemonguard.checks.TestArgs.STRICT;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.BugCheckerRefactoringTestHelper.TestMode;
import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * A thread built in a local and then stored in a private field ({@code Thread t = ..; t.start();
 * worker = t;}): the class owns it through the field, exactly as if the field had been assigned
 * directly. Only the store is followed: a local that is also joined, passed on or stored in a field
 * others can see keeps its old verdict.
 */
final class ThreadStoredInFieldTest {
  private final CompilationTestHelper daemon =
      CompilationTestHelper.newInstance(DaemonThreadResource.class, getClass()).setArgs(STRICT);
  private final CompilationTestHelper outlives =
      CompilationTestHelper.newInstance(TaskOutlivesResource.class, getClass()).setArgs(STRICT);
  private final BugCheckerRefactoringTestHelper daemonFix =
      BugCheckerRefactoringTestHelper.newInstance(DaemonThreadResource.class, getClass())
          .setArgs(STRICT);

  @Test
  void daemonStoredInAPrivateFieldThatNoMethodJoinsIsFlagged() {
    daemon
        .addSourceLines(
            "Flusher.java",
            """
            import java.io.IOException;
            import java.io.Writer;
            class Flusher {
              private final Writer out;
              private Thread worker;
              Flusher(Writer out) { this.out = out; }
              void start() {
                Thread t = new Thread(() -> { try { out.write("x"); } catch (IOException e) {} });
                t.setDaemon(true);
                // BUG: Diagnostic contains: no method of its class ever joins it
                t.start();
                worker = t;
              }
              void stop() {
                worker.interrupt();
              }
            }
            """)
        .doTest();
  }

  @Test
  void notFlagged_daemonStoredInAPrivateFieldThatStopJoins() {
    daemon
        .addSourceLines(
            "Flusher.java",
            """
            import java.io.IOException;
            import java.io.Writer;
            class Flusher {
              private final Writer out;
              private Thread worker;
              Flusher(Writer out) { this.out = out; }
              void start() {
                Thread t = new Thread(() -> { try { out.write("x"); } catch (IOException e) {} });
                t.setDaemon(true);
                t.start();
                this.worker = t;
              }
              void stop() throws InterruptedException {
                worker.join();
              }
            }
            """)
        .doTest();
  }

  @Test
  void notFlagged_daemonStoredInAFieldOthersCanSee() {
    daemon
        .addSourceLines(
            "Flusher.java",
            """
            import java.io.IOException;
            import java.io.Writer;
            class Flusher {
              private final Writer out;
              Thread worker;
              Flusher(Writer out) { this.out = out; }
              void start() {
                Thread t = new Thread(() -> { try { out.write("x"); } catch (IOException e) {} });
                t.setDaemon(true);
                t.start();
                worker = t;
              }
            }
            """)
        .doTest();
  }

  @Test
  void notFlagged_localAlsoJoinedWhereItIsStarted() {
    daemon
        .addSourceLines(
            "Flusher.java",
            """
            import java.io.IOException;
            import java.io.Writer;
            class Flusher {
              private final Writer out;
              private Thread last;
              Flusher(Writer out) { this.out = out; }
              void flushNow() throws InterruptedException {
                Thread t = new Thread(() -> { try { out.write("x"); } catch (IOException e) {} });
                t.setDaemon(true);
                t.start();
                last = t;
                t.join();
              }
            }
            """)
        .doTest();
  }

  @Test
  void closeUnderTheStoredThreadIsFlaggedAtTheClose() {
    outlives
        .addSourceLines(
            "Exporter.java",
            """
            import java.io.IOException;
            import java.io.OutputStream;
            class Exporter {
              private final OutputStream out;
              private Thread worker;
              Exporter(OutputStream out) { this.out = out; }
              void start() {
                Thread t = new Thread(() -> { try { out.write(1); } catch (IOException e) {} });
                t.start();
                this.worker = t;
              }
              void close() throws IOException {
                // BUG: Diagnostic contains: while the thread 'worker'
                out.close();
              }
            }
            """)
        .doTest();
  }

  @Test
  void notFlagged_closeAfterJoiningTheStoredThread() {
    outlives
        .addSourceLines(
            "Exporter.java",
            """
            import java.io.IOException;
            import java.io.OutputStream;
            class Exporter {
              private final OutputStream out;
              private Thread worker;
              Exporter(OutputStream out) { this.out = out; }
              void start() {
                Thread t = new Thread(() -> { try { out.write(1); } catch (IOException e) {} });
                t.start();
                worker = t;
              }
              void close() throws IOException, InterruptedException {
                worker.join();
                out.close();
              }
            }
            """)
        .doTest();
  }

  @Test
  void daemonStoredInAFieldIsJoinedInStop() {
    daemonFix
        .addInputLines(
            "Flusher.java",
            """
            import java.io.IOException;
            import java.io.Writer;
            class Flusher {
              private final Writer out;
              private Thread worker;
              Flusher(Writer out) { this.out = out; }
              void start() {
                Thread t = new Thread(() -> { try { out.write("x"); } catch (IOException e) {} });
                t.setDaemon(true);
                t.start();
                worker = t;
              }
              void stop() {
                System.out.println("stopping");
              }
            }
            """)
        .addOutputLines(
            "Flusher.java",
            """
            import java.io.IOException;
            import java.io.Writer;
            class Flusher {
              private final Writer out;
              private Thread worker;
              Flusher(Writer out) { this.out = out; }
              void start() {
                Thread t = new Thread(() -> { try { out.write("x"); } catch (IOException e) {} });
                t.setDaemon(true);
                t.start();
                worker = t;
              }
              void stop() {
                System.out.println("stopping");
                if (worker != null) {
                  try {
                    worker.join();
                  } catch (InterruptedException e) {
                    worker.interrupt();
                    Thread.currentThread().interrupt();
                  }
                }
              }
            }
            """)
        .doTest(TestMode.TEXT_MATCH);
  }
}
