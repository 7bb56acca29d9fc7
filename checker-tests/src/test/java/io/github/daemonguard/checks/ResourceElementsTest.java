package io.github.daemonguard.checks;

import static io.github.daemonguard.checks.TestArgs.STRICT;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * A task that uses the resources a captured array or collection holds: a loop over it ({@code for
 * (Handler h : handlers) h.publish(r)}), also through a local copy of it ({@code Handler[] handlers
 * = this.handlers}), uses the captured variable, as writing to a field resource would.
 */
final class ResourceElementsTest {
  private final CompilationTestHelper daemon =
      CompilationTestHelper.newInstance(DaemonThreadResource.class, getClass()).setArgs(STRICT);

  /**
   * The shape of jboss-logmanager 2.1.19's {@code AsyncHandler}: a daemon thread, held in a field
   * that no method joins, publishes queued records to the child handlers in an array held by the
   * superclass, through a local copy of it; close() only interrupts it (docs/real-world.md).
   */
  @Test
  void jbossLogmanager_AsyncHandler_daemonPublishingToChildHandlersIsFlagged() {
    daemon
        .addSourceLines(
            "ExtHandler.java",
            """
            import java.util.logging.Handler;
            import java.util.logging.LogRecord;
            abstract class ExtHandler extends Handler {
              protected volatile Handler[] handlers = new Handler[0];
              @Override public void flush() {}
              @Override public void close() {
                for (Handler handler : handlers) {
                  handler.close();
                }
              }
            }
            """)
        .addSourceLines(
            "AsyncHandler.java",
            """
            import java.util.concurrent.BlockingQueue;
            import java.util.concurrent.LinkedBlockingQueue;
            import java.util.logging.Handler;
            import java.util.logging.LogRecord;
            class AsyncHandler extends ExtHandler {
              private final BlockingQueue<LogRecord> recordQueue = new LinkedBlockingQueue<>();
              private final Thread thread;
              AsyncHandler() {
                thread = new Thread(new AsyncTask());
                thread.setDaemon(true);
              }
              @Override public void publish(LogRecord record) {
                if (!thread.isAlive()) {
                  // BUG: Diagnostic contains: A daemon thread (setDaemon(true)) writes to 'handlers'
                  thread.start();
                }
                recordQueue.offer(record);
              }
              @Override public void close() {
                thread.interrupt();
                super.close();
              }
              private final class AsyncTask implements Runnable {
                public void run() {
                  final Handler[] handlers = AsyncHandler.this.handlers;
                  for (;;) {
                    LogRecord rec;
                    try {
                      rec = recordQueue.take();
                    } catch (InterruptedException e) {
                      return;
                    }
                    for (Handler handler : handlers) {
                      handler.publish(rec);
                    }
                  }
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void daemonWritingToEachWriterOfACapturedListIsFlagged() {
    daemon
        .addSourceLines(
            "Fanout.java",
            """
            import java.io.IOException;
            import java.io.Writer;
            import java.util.List;
            class Fanout {
              static void send(List<Writer> outs, String line) {
                Thread t = new Thread(() -> {
                  for (Writer out : outs) {
                    try { out.write(line); } catch (IOException e) {}
                  }
                });
                t.setDaemon(true);
                // BUG: Diagnostic contains: writes to 'outs' but nobody waits for it
                t.start();
              }
            }
            """)
        .doTest();
  }

  @Test
  void daemonWritingToEachStreamOfAFieldArrayIsFlagged() {
    daemon
        .addSourceLines(
            "Mirror.java",
            """
            import java.io.IOException;
            import java.io.OutputStream;
            class Mirror {
              private final OutputStream[] copies;
              Mirror(OutputStream[] copies) { this.copies = copies; }
              void mirror(byte[] data) {
                Thread t = new Thread(() -> {
                  for (OutputStream copy : copies) {
                    try { copy.write(data); } catch (IOException e) {}
                  }
                });
                t.setDaemon(true);
                // BUG: Diagnostic contains: writes to 'copies'
                t.start();
              }
            }
            """)
        .doTest();
  }

  @Test
  void notFlagged_daemonOnlyReadingEachStreamOfAnArray() {
    daemon
        .addSourceLines(
            "Drain.java",
            """
            import java.io.IOException;
            import java.io.InputStream;
            class Drain {
              static void drain(InputStream[] ins) {
                Thread t = new Thread(() -> {
                  for (InputStream in : ins) {
                    try { while (in.read() >= 0) {} } catch (IOException e) {}
                  }
                });
                t.setDaemon(true);
                t.start();
              }
            }
            """)
        .doTest();
  }

  @Test
  void notFlagged_daemonOverAnArrayOfResourcesIsJoined() {
    daemon
        .addSourceLines(
            "Fanout.java",
            """
            import java.io.IOException;
            import java.io.Writer;
            class Fanout {
              static void send(Writer[] outs, String line) throws InterruptedException {
                Thread t = new Thread(() -> {
                  for (Writer out : outs) {
                    try { out.write(line); } catch (IOException e) {}
                  }
                });
                t.setDaemon(true);
                t.start();
                t.join();
              }
            }
            """)
        .doTest();
  }

  @Test
  void notFlagged_daemonOverAnArrayOfPlainValues() {
    daemon
        .addSourceLines(
            "Names.java",
            """
            import java.util.List;
            class Names {
              static void print(String[] names, List<StringBuilder> sinks) {
                Thread t = new Thread(() -> {
                  for (String name : names) {
                    System.out.println(name);
                  }
                  for (StringBuilder sink : sinks) {
                    sink.append("x");
                  }
                });
                t.setDaemon(true);
                t.start();
              }
            }
            """)
        .doTest();
  }
}
