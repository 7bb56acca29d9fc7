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
}
