package io.github.daemonguard.checks;

import static io.github.daemonguard.checks.TestArgs.STRICT;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * Shapes from real libraries that an earlier version flagged wrongly; each test is named after the
 * library and class it comes from (see docs/real-world.md).
 */
final class RealWorldNegativesTest {
  private final CompilationTestHelper daemon =
      CompilationTestHelper.newInstance(DaemonThreadResource.class, getClass());
  private final CompilationTestHelper outlives =
      CompilationTestHelper.newInstance(TaskOutlivesResource.class, getClass());

  /** A WatchService handed to a daemon watcher thread is only read from (take, poll). */
  @Test
  void zookeeper_FileChangeWatcher_watchServiceIsNotWritten() {
    daemon
        .addSourceLines(
            "FileChangeWatcher.java",
            "import java.io.IOException;",
            "import java.nio.file.FileSystems;",
            "import java.nio.file.WatchKey;",
            "import java.nio.file.WatchService;",
            "final class FileChangeWatcher {",
            "  private final WatcherThread watcherThread;",
            "  FileChangeWatcher() throws IOException {",
            "    WatchService watchService = FileSystems.getDefault().newWatchService();",
            "    this.watcherThread = new WatcherThread(watchService);",
            "    this.watcherThread.setDaemon(true);",
            "  }",
            "  void start() {",
            "    watcherThread.start();",
            "  }",
            "  private static class WatcherThread extends Thread {",
            "    final WatchService watchService;",
            "    WatcherThread(WatchService watchService) { this.watchService = watchService; }",
            "    @Override public void run() {",
            "      try {",
            "        while (true) {",
            "          WatchKey key = watchService.take();",
            "          key.pollEvents();",
            "          key.reset();",
            "        }",
            "      } catch (InterruptedException e) {",
            "        Thread.currentThread().interrupt();",
            "      } finally {",
            "        try { watchService.close(); } catch (IOException e) {}",
            "      }",
            "    }",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  /** The client is closed only when the executor rejected its task, which then never runs. */
  @Test
  void logback_ConcurrentServerRunner_closeOnlyWhenTheLaunchIsRejected() {
    outlives
        .addSourceLines(
            "ServerRunner.java",
            "import java.io.Closeable;",
            "import java.io.IOException;",
            "import java.util.concurrent.Executor;",
            "import java.util.concurrent.RejectedExecutionException;",
            "class ServerRunner {",
            "  interface Client extends Closeable, Runnable {}",
            "  private final Executor executor;",
            "  ServerRunner(Executor executor) { this.executor = executor; }",
            "  void accept(Client client) throws IOException {",
            "    try {",
            "      executor.execute(new Wrapper(client));",
            "    } catch (RejectedExecutionException ex) {",
            "      client.close();",
            "    }",
            "  }",
            "  private static final class Wrapper implements Runnable {",
            "    private final Client delegate;",
            "    Wrapper(Client delegate) { this.delegate = delegate; }",
            "    @Override public void run() {",
            "      try (delegate) { delegate.run(); } catch (IOException e) {}",
            "    }",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  /**
   * activemq-client 6.3.1 {@code SelectorWorker}: tasks on the executor only wake the selector the
   * worker closes in its {@code finally}; {@code Selector.wakeup()} is allowed after the close and
   * then does nothing, so closing it under them breaks nothing.
   */
  @Test
  void activemq_SelectorWorker_wakeupAfterCloseIsHarmless() {
    outlives
        .addSourceLines(
            "Worker.java",
            "import java.io.IOException;",
            "import java.nio.channels.Selector;",
            "import java.util.concurrent.Executor;",
            "class Worker implements Runnable {",
            "  final Selector selector;",
            "  final Executor pool;",
            "  volatile boolean released;",
            "  Worker(Executor pool) throws IOException {",
            "    this.pool = pool;",
            "    selector = Selector.open();",
            "  }",
            "  void poke() { selector.wakeup(); }",
            "  public void run() {",
            "    try {",
            "      while (!released) {",
            "        selector.select(10);",
            "        pool.execute(() -> selector.wakeup());",
            "        pool.execute(this::poke);",
            "      }",
            "    } catch (IOException e) {",
            "    } finally {",
            "      try { selector.close(); } catch (IOException e) { }",
            "    }",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  /** The same worker, whose tasks select on the selector it closes: that is a use. */
  @Test
  void activemq_SelectorWorker_selectingTaskStillFlagged() {
    outlives
        .addSourceLines(
            "Worker.java",
            "import java.io.IOException;",
            "import java.io.UncheckedIOException;",
            "import java.nio.channels.Selector;",
            "import java.util.concurrent.ExecutorService;",
            "class Worker {",
            "  void run(ExecutorService pool) throws IOException {",
            "    try (Selector selector = Selector.open()) {",
            "      // BUG: Diagnostic contains: 'selector'",
            "      pool.execute(() -> {",
            "        try { selector.select(10); } catch (IOException e) {",
            "          throw new UncheckedIOException(e);",
            "        }",
            "      });",
            "    }",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  /**
   * activemq-client 6.3.1, reduced: a task that calls a method on another object of the class
   * writes that object's field, not the one the launching method closes.
   */
  @Test
  void activemq_fieldOfAnotherObjectIsNotTheClosedOne() {
    outlives
        .addSourceLines(
            "Emitter.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "class Emitter {",
            "  private final Writer out;",
            "  private final Emitter other;",
            "  Emitter(Writer out, Emitter other) { this.out = out; this.other = other; }",
            "  void emit() throws IOException { out.write(\"x\"); }",
            "  void forward(ExecutorService pool) throws IOException {",
            "    Emitter o = other;",
            "    pool.submit(() -> { o.emit(); return null; });",
            "    out.close();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  /** The same class calling its own {@code emit()}: the task writes the field that is closed. */
  @Test
  void activemq_ownFieldThroughOwnMethodStillFlagged() {
    outlives
        .addSourceLines(
            "Emitter.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "class Emitter {",
            "  private final Writer out;",
            "  Emitter(Writer out) { this.out = out; }",
            "  void emit() throws IOException { out.write(\"x\"); }",
            "  void forward(ExecutorService pool) throws IOException {",
            "    // BUG: Diagnostic contains: 'out'",
            "    pool.submit(() -> { emit(); return null; });",
            "    out.close();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  /**
   * jboss-logmanager 2.1.19 {@code AsyncHandler}: a task that clones an array calls the array
   * class's {@code clone()}, a method with no source and no real owner; following it crashed the
   * check in strict mode (and silently skipped the launch otherwise).
   */
  @Test
  void jbossLogmanager_AsyncHandler_arrayCloneInTaskIsFollowedSafely() {
    daemon
        .addSourceLines(
            "Async.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "class Async {",
            "  void run(Writer out, String[] names) {",
            "    Thread t = new Thread(() -> {",
            "      String[] copy = names.clone();",
            "      try { out.write(copy[0]); } catch (IOException e) { }",
            "    });",
            "    t.setDaemon(true);",
            "    // BUG: Diagnostic contains: writes to 'out'",
            "    t.start();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }
}
