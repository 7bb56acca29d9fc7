package io.github.daemonguard.checks;

import static io.github.daemonguard.checks.TestArgs.STRICT;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.BugCheckerRefactoringTestHelper.TestMode;
import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * Class lifecycles: a constructor or start() launches a task that uses a field resource; close() or
 * stop() closes that resource while the task may still run. Reported once, at the close.
 */
final class ClassLifecycleTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(TaskOutlivesResource.class, getClass());
  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(TaskOutlivesResource.class, getClass());

  // ---- positives ----

  @Test
  void closeAfterOnlyClearingTheFlagGetsTheJoinBeforeTheClose() {
    refactoring
        .addInputLines(
            "AuditLogger.java",
            "import java.io.IOException;",
            "import java.io.UncheckedIOException;",
            "import java.io.Writer;",
            "class AuditLogger implements AutoCloseable {",
            "  private final Writer out;",
            "  private volatile boolean running = true;",
            "  private final Thread flusher;",
            "  AuditLogger(Writer out) {",
            "    this.out = out;",
            "    flusher = new Thread(this::flushLoop, \"audit-flusher\");",
            "    flusher.setDaemon(true);",
            "    flusher.start();",
            "  }",
            "  private void flushLoop() {",
            "    while (running) {",
            "      try {",
            "        out.write(\"tick\\n\");",
            "        out.flush();",
            "        Thread.sleep(10);",
            "      } catch (IOException e) {",
            "        throw new UncheckedIOException(e);",
            "      } catch (InterruptedException e) {",
            "        return;",
            "      }",
            "    }",
            "  }",
            "  @Override",
            "  public void close() throws IOException {",
            "    running = false;",
            "    out.close();",
            "  }",
            "}")
        .addOutputLines(
            "AuditLogger.java",
            "import java.io.IOException;",
            "import java.io.UncheckedIOException;",
            "import java.io.Writer;",
            "class AuditLogger implements AutoCloseable {",
            "  private final Writer out;",
            "  private volatile boolean running = true;",
            "  private final Thread flusher;",
            "  AuditLogger(Writer out) {",
            "    this.out = out;",
            "    flusher = new Thread(this::flushLoop, \"audit-flusher\");",
            "    flusher.setDaemon(true);",
            "    flusher.start();",
            "  }",
            "  private void flushLoop() {",
            "    while (running) {",
            "      try {",
            "        out.write(\"tick\\n\");",
            "        out.flush();",
            "        Thread.sleep(10);",
            "      } catch (IOException e) {",
            "        throw new UncheckedIOException(e);",
            "      } catch (InterruptedException e) {",
            "        return;",
            "      }",
            "    }",
            "  }",
            "  @Override",
            "  public void close() throws IOException {",
            "    running = false;",
            "    try {",
            "      flusher.join();",
            "    } catch (InterruptedException e) {",
            "      flusher.interrupt();",
            "      Thread.currentThread().interrupt();",
            "    }",
            "    out.close();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  void reportedOnceAtTheCloseNamingTheTaskAndItsLaunch() {
    helper
        .addSourceLines(
            "AuditLogger.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "class AuditLogger {",
            "  private final Writer out;",
            "  private volatile boolean running = true;",
            "  private Thread flusher;",
            "  AuditLogger(Writer out) { this.out = out; }",
            "  void start() {",
            "    flusher = new Thread(() -> {",
            "      while (running) {",
            "        try { out.flush(); Thread.sleep(10); } catch (Exception e) { return; }",
            "      }",
            "    });",
            "    flusher.setDaemon(true);",
            "    flusher.start();",
            "  }",
            "  void stop() throws IOException {",
            "    running = false;",
            "    // BUG: Diagnostic contains: 'out' is closed here while the thread 'flusher' started"
                + " in start() (line 15) may still use it",
            "    out.close();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void aThreadNobodyHoldsIsOutlivedWithoutAFix() {
    helper
        .addSourceLines(
            "Pump.java",
            "import java.io.IOException;",
            "import java.io.OutputStream;",
            "class Pump {",
            "  private final OutputStream out;",
            "  Pump(OutputStream out) { this.out = out; }",
            "  void start() {",
            "    new Thread(this::pump).start();",
            "  }",
            "  private void pump() {",
            "    try { out.write(42); } catch (IOException e) {}",
            "  }",
            "  void close() throws IOException {",
            "    // BUG: Diagnostic contains: keep the thread in a field",
            "    out.close();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void scheduledFlushOnAFieldExecutorGetsTheAwaitAfterItsShutdown() {
    refactoring
        .addInputLines(
            "FileLog.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "import java.util.concurrent.Executors;",
            "import java.util.concurrent.ScheduledExecutorService;",
            "import java.util.concurrent.TimeUnit;",
            "class FileLog {",
            "  private final Writer out;",
            "  private final ScheduledExecutorService flusher =",
            "      Executors.newSingleThreadScheduledExecutor();",
            "  FileLog(Writer out) {",
            "    this.out = out;",
            "    var unused = flusher.scheduleAtFixedRate(this::flush, 1, 1, TimeUnit.SECONDS);",
            "  }",
            "  private void flush() {",
            "    try { out.flush(); } catch (IOException e) {}",
            "  }",
            "  void close() throws IOException {",
            "    flusher.shutdown();",
            "    out.close();",
            "  }",
            "}")
        .addOutputLines(
            "FileLog.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "import java.util.concurrent.Executors;",
            "import java.util.concurrent.ScheduledExecutorService;",
            "import java.util.concurrent.TimeUnit;",
            "class FileLog {",
            "  private final Writer out;",
            "  private final ScheduledExecutorService flusher =",
            "      Executors.newSingleThreadScheduledExecutor();",
            "  FileLog(Writer out) {",
            "    this.out = out;",
            "    var unused = flusher.scheduleAtFixedRate(this::flush, 1, 1, TimeUnit.SECONDS);",
            "  }",
            "  private void flush() {",
            "    try { out.flush(); } catch (IOException e) {}",
            "  }",
            "  void close() throws IOException {",
            "    flusher.shutdown();",
            "    try {",
            "      while (!flusher.awaitTermination(1, TimeUnit.MINUTES)) {}",
            "    } catch (InterruptedException e) {",
            "      flusher.shutdownNow();",
            "      Thread.currentThread().interrupt();",
            "    }",
            "    out.close();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  void closedThroughAPrivateHelperIsReportedWhereTheHelperIsCalled() {
    helper
        .addSourceLines(
            "Shipper.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "class Shipper {",
            "  private final Writer out;",
            "  private final Thread sender;",
            "  Shipper(Writer out) {",
            "    this.out = out;",
            "    sender = new Thread(() -> { try { out.write(\"x\"); } catch (IOException e) {} });",
            "    sender.start();",
            "  }",
            "  private void closeQuietly() {",
            "    try { out.close(); } catch (IOException e) {}",
            "  }",
            "  void stop() {",
            "    // BUG: Diagnostic contains: 'out' is closed here while the thread 'sender'",
            "    closeQuietly();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void perConnectionThreadsKeptInAListAndNeverJoined() {
    helper
        .addSourceLines(
            "Server.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "import java.util.ArrayList;",
            "import java.util.List;",
            "class Server {",
            "  private final Writer log;",
            "  private final List<Thread> handlers = new ArrayList<>();",
            "  Server(Writer log) { this.log = log; }",
            "  void accept(String client) {",
            "    Thread handler = new Thread(() -> { try { log.write(client); } catch (IOException"
                + " e) {} });",
            "    handlers.add(handler);",
            "    handler.start();",
            "  }",
            "  void close() throws IOException {",
            "    // BUG: Diagnostic contains: the threads kept in 'handlers'",
            "    log.close();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void notFlagged_perConnectionThreadsJoinedInALoopBeforeTheClose() {
    helper
        .addSourceLines(
            "Server.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "import java.util.ArrayList;",
            "import java.util.List;",
            "class Server {",
            "  private final Writer log;",
            "  private final List<Thread> handlers = new ArrayList<>();",
            "  Server(Writer log) { this.log = log; }",
            "  void accept(String client) {",
            "    Thread handler = new Thread(() -> { try { log.write(client); } catch (IOException"
                + " e) {} });",
            "    handlers.add(handler);",
            "    handler.start();",
            "  }",
            "  void close() throws IOException, InterruptedException {",
            "    for (Thread h : handlers) {",
            "      h.join();",
            "    }",
            "    log.close();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void awaitedOnSomePathsOnly() {
    helper
        .addSourceLines(
            "Exporter.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "class Exporter {",
            "  private final Writer out;",
            "  private final Thread worker;",
            "  Exporter(Writer out) {",
            "    this.out = out;",
            "    worker = new Thread(() -> { try { out.write(\"x\"); } catch (IOException e) {} });",
            "    worker.start();",
            "  }",
            "  void close(boolean wait) throws IOException, InterruptedException {",
            "    if (wait) {",
            "      worker.join();",
            "    }",
            "    // BUG: Diagnostic contains: 'out' is closed here while the thread 'worker'",
            "    out.close();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  // ---- negatives ----

  @Test
  void notFlagged_joinedBeforeTheClose() {
    helper
        .addSourceLines(
            "Exporter.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "class Exporter {",
            "  private final Writer out;",
            "  private volatile boolean running = true;",
            "  private final Thread worker;",
            "  Exporter(Writer out) {",
            "    this.out = out;",
            "    worker = new Thread(() -> {",
            "      while (running) { try { out.flush(); } catch (IOException e) { return; } }",
            "    });",
            "    worker.start();",
            "  }",
            "  void close() throws IOException, InterruptedException {",
            "    running = false;",
            "    worker.join();",
            "    out.close();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void notFlagged_stopJoinsBesideACloseThatCloses() {
    helper
        .addSourceLines(
            "Exporter.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "class Exporter {",
            "  private final Writer out;",
            "  private volatile boolean running = true;",
            "  private final Thread worker;",
            "  Exporter(Writer out) {",
            "    this.out = out;",
            "    worker = new Thread(() -> {",
            "      while (running) { try { out.flush(); } catch (IOException e) { return; } }",
            "    });",
            "    worker.start();",
            "  }",
            "  void stop() throws InterruptedException {",
            "    running = false;",
            "    worker.join();",
            "  }",
            "  void close() throws IOException {",
            "    out.close();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void notFlagged_closeReachedOnlyFromTheTask() {
    helper
        .addSourceLines(
            "Exporter.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "class Exporter {",
            "  private final Writer out;",
            "  private final Thread worker;",
            "  Exporter(Writer out) {",
            "    this.out = out;",
            "    worker = new Thread(this::export);",
            "    worker.start();",
            "  }",
            "  private void export() {",
            "    try {",
            "      out.write(\"x\");",
            "    } catch (IOException e) {",
            "    } finally {",
            "      closeOut();",
            "    }",
            "  }",
            "  private void closeOut() {",
            "    try { out.close(); } catch (IOException e) {}",
            "  }",
            "  void await() throws InterruptedException { worker.join(); }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void notFlagged_closingWhatTheLoopBlocksOnIsHowItStops() {
    helper
        .addSourceLines(
            "Listener.java",
            "import java.io.IOException;",
            "import java.net.ServerSocket;",
            "import java.net.Socket;",
            "class Listener {",
            "  private final ServerSocket server;",
            "  private final Thread acceptor;",
            "  Listener(ServerSocket server) {",
            "    this.server = server;",
            "    acceptor = new Thread(() -> {",
            "      while (true) {",
            "        try (Socket s = server.accept()) {",
            "          s.getOutputStream().write(1);",
            "        } catch (IOException e) {",
            "          return;",
            "        }",
            "      }",
            "    });",
            "    acceptor.start();",
            "  }",
            "  void close() throws IOException {",
            "    server.close();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void notFlagged_aHandleOtherClassesCanReachIsOwnedElsewhere() {
    helper
        .addSourceLines(
            "Exporter.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "class Exporter {",
            "  private final Writer out;",
            "  final Thread worker;",
            "  Exporter(Writer out) {",
            "    this.out = out;",
            "    worker = new Thread(() -> { try { out.write(\"x\"); } catch (IOException e) {} });",
            "    worker.start();",
            "  }",
            "  void close() throws IOException {",
            "    out.close();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void notFlagged_executorShutDownAndAwaitedBeforeTheClose() {
    helper
        .addSourceLines(
            "FileLog.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "import java.util.concurrent.TimeUnit;",
            "class FileLog {",
            "  private final Writer out;",
            "  private final ExecutorService pool = Executors.newSingleThreadExecutor();",
            "  FileLog(Writer out) { this.out = out; }",
            "  void log(String line) {",
            "    pool.execute(() -> { try { out.write(line); } catch (IOException e) {} });",
            "  }",
            "  void close() throws IOException, InterruptedException {",
            "    pool.shutdown();",
            "    pool.awaitTermination(10, TimeUnit.SECONDS);",
            "    out.close();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void notFlagged_aTaskThatOpensItsOwnResource() {
    helper
        .addSourceLines(
            "Exporter.java",
            "import java.io.FileWriter;",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "class Exporter {",
            "  private final Writer out;",
            "  Exporter(Writer out) { this.out = out; }",
            "  void start() {",
            "    new Thread(() -> {",
            "      try (Writer own = new FileWriter(\"x.txt\")) { own.write(\"x\"); }",
            "      catch (IOException e) {}",
            "    }).start();",
            "  }",
            "  void close() throws IOException {",
            "    out.close();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }
}
