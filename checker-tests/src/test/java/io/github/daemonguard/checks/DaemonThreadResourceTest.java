package io.github.daemonguard.checks;

import static io.github.daemonguard.checks.TestArgs.STRICT;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

final class DaemonThreadResourceTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(DaemonThreadResource.class, getClass());

  @Test
  void daemonLambdaWritingCapturedWriter() {
    helper
        .addSourceLines(
            "Exporter.java",
            "import java.io.BufferedWriter;",
            "import java.io.IOException;",
            "import java.io.UncheckedIOException;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "class Exporter {",
            "  public static void main(String[] args) throws IOException {",
            "    BufferedWriter out = Files.newBufferedWriter(Path.of(args[0]));",
            "    Thread t = new Thread(() -> {",
            "      try (out) {",
            "        for (int i = 0; i < 1000; i++) {",
            "          out.write(\"line \" + i);",
            "        }",
            "      } catch (IOException e) {",
            "        throw new UncheckedIOException(e);",
            "      }",
            "    });",
            "    t.setDaemon(true);",
            "    // BUG: Diagnostic contains: A daemon thread (setDaemon(true)) writes to 'out'",
            "    t.start();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void methodReferenceIntoSameClassWritingField() {
    helper
        .addSourceLines(
            "AuditLog.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "class AuditLog {",
            "  private final Writer sink;",
            "  AuditLog(Writer sink) { this.sink = sink; }",
            "  private void pump() {",
            "    try { sink.write(\"entry\"); sink.flush(); } catch (IOException e) {}",
            "  }",
            "  void begin() {",
            "    Thread pumpThread = new Thread(this::pump, \"audit\");",
            "    pumpThread.setDaemon(true);",
            "    // BUG: Diagnostic contains: writes to 'sink'",
            "    pumpThread.start();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void anonymousRunnableOpeningItsOwnFile() {
    helper
        .addSourceLines(
            "Snapshot.java",
            "import java.io.FileOutputStream;",
            "import java.io.IOException;",
            "class Snapshot {",
            "  void save(byte[] data) {",
            "    Thread t = new Thread(new Runnable() {",
            "      @Override public void run() {",
            "        try (FileOutputStream out = new FileOutputStream(\"snapshot.bin\")) {",
            "          out.write(data);",
            "        } catch (IOException e) {",
            "          throw new RuntimeException(e);",
            "        }",
            "      }",
            "    });",
            "    t.setDaemon(true);",
            "    // BUG: Diagnostic contains: new FileOutputStream(\"snapshot.bin\")",
            "    t.start();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void threadSubclassDaemonInConstructor() {
    helper
        .addSourceLines(
            "Flusher.java",
            "import java.io.IOException;",
            "import java.io.OutputStream;",
            "class Flusher extends Thread {",
            "  private final OutputStream out;",
            "  Flusher(OutputStream out) {",
            "    this.out = out;",
            "    setDaemon(true);",
            "  }",
            "  @Override public void run() {",
            "    try { out.write(42); out.flush(); } catch (IOException e) {}",
            "  }",
            "  static void launch(OutputStream out) {",
            "    // BUG: Diagnostic contains: setDaemon(true) in its constructor",
            "    new Flusher(out).start();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void taskClassHandedTheWriterThroughItsConstructor() {
    helper
        .addSourceLines(
            "Copier.java",
            "import java.io.IOException;",
            "import java.io.Reader;",
            "import java.io.Writer;",
            "class Copier {",
            "  static final class CopyWorker implements Runnable {",
            "    private final Reader in;",
            "    private final Writer out;",
            "    CopyWorker(Reader in, Writer out) { this.in = in; this.out = out; }",
            "    @Override public void run() {",
            "      try { in.transferTo(out); } catch (IOException e) {}",
            "    }",
            "  }",
            "  void copy(Reader in, Writer out) {",
            "    Thread t = new Thread(new CopyWorker(in, out));",
            "    t.setDaemon(true);",
            "    // BUG: Diagnostic contains: writes to 'out'",
            "    t.start();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void threadsStartedInALoopAndInAPrivateHelper() {
    helper
        .addSourceLines(
            "Shards.java",
            "import java.io.IOException;",
            "import java.nio.charset.StandardCharsets;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "import java.util.List;",
            "class Shards {",
            "  void writeAll(List<Path> paths) {",
            "    for (Path p : paths) {",
            "      Thread t = new Thread(() -> write(p));",
            "      t.setDaemon(true);",
            "      // BUG: Diagnostic contains: writes to Files.writeString",
            "      t.start();",
            "    }",
            "  }",
            "  private static void write(Path p) {",
            "    try {",
            "      Files.writeString(p, \"shard\", StandardCharsets.UTF_8);",
            "    } catch (IOException e) {",
            "      throw new java.io.UncheckedIOException(e);",
            "    }",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void privateFieldThreadThatNoMethodJoins() {
    helper
        .addSourceLines(
            "AsyncAppender.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "class AsyncAppender {",
            "  private final Writer out;",
            "  private Thread worker;",
            "  AsyncAppender(Writer out) { this.out = out; }",
            "  void begin() {",
            "    worker = new Thread(() -> {",
            "      try { out.write(\"x\"); } catch (IOException e) {}",
            "    });",
            "    worker.setDaemon(true);",
            "    // BUG: Diagnostic contains: no method of its class ever joins it",
            "    worker.start();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  @EnabledForJreRange(min = JRE.JAVA_21)
  void platformBuilderDaemon() {
    helper
        .addSourceLines(
            "Reporter.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "class Reporter {",
            "  void report(Writer out) {",
            "    // BUG: Diagnostic contains: Thread.ofPlatform().daemon()",
            "    Thread.ofPlatform().daemon().name(\"report\").start(() -> {",
            "      try { out.write(\"report\"); } catch (IOException e) {}",
            "    });",
            "  }",
            "}")
        .setArgs(STRICT, "--release", "21")
        .doTest();
  }

  @Test
  @EnabledForJreRange(min = JRE.JAVA_21)
  void platformBuilderWithoutDaemonIsFine() {
    helper
        .addSourceLines(
            "Reporter.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "class Reporter {",
            "  void report(Writer out) {",
            "    Thread.ofPlatform().name(\"report\").start(() -> {",
            "      try { out.write(\"report\"); } catch (IOException e) {}",
            "    });",
            "  }",
            "}")
        .setArgs(STRICT, "--release", "21")
        .doTest();
  }

  @Test
  void notFlagged_joined() {
    helper
        .addSourceLines(
            "Exporter.java",
            "import java.io.Writer;",
            "class Exporter {",
            "  void export(Writer out) throws InterruptedException {",
            "    Thread t = new Thread(() -> {",
            "      try { out.write(\"x\"); } catch (java.io.IOException e) {}",
            "    });",
            "    t.setDaemon(true);",
            "    t.start();",
            "    t.join();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void notFlagged_timedJoinInALoop() {
    helper
        .addSourceLines(
            "Exporter.java",
            "import java.io.Writer;",
            "class Exporter {",
            "  void export(Writer out) throws InterruptedException {",
            "    Thread t = new Thread(() -> {",
            "      try { out.write(\"x\"); } catch (java.io.IOException e) {}",
            "    });",
            "    t.setDaemon(true);",
            "    t.start();",
            "    while (t.isAlive()) {",
            "      t.join(100);",
            "    }",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  /** A timed wait counts, checked or not: its bound is its author's choice (the contract). */
  @Test
  void notFlagged_timedJoinIsAnAwait() {
    helper
        .addSourceLines(
            "Exporter.java",
            "import java.io.Writer;",
            "class Exporter {",
            "  void export(Writer out) throws InterruptedException {",
            "    Thread t = new Thread(() -> {",
            "      try { out.write(\"x\"); } catch (java.io.IOException e) {}",
            "    });",
            "    t.setDaemon(true);",
            "    t.start();",
            "    t.join(100);",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void notFlagged_threadsCollectedAndJoined() {
    helper
        .addSourceLines(
            "Shards.java",
            "import java.io.Writer;",
            "import java.util.ArrayList;",
            "import java.util.List;",
            "class Shards {",
            "  void writeAll(List<Writer> outs) throws InterruptedException {",
            "    List<Thread> threads = new ArrayList<>();",
            "    for (Writer out : outs) {",
            "      Thread t = new Thread(() -> {",
            "        try { out.write(\"x\"); } catch (java.io.IOException e) {}",
            "      });",
            "      t.setDaemon(true);",
            "      t.start();",
            "      threads.add(t);",
            "    }",
            "    for (Thread t : threads) {",
            "      t.join();",
            "    }",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void notFlagged_nonDaemonThread() {
    helper
        .addSourceLines(
            "Exporter.java",
            "import java.io.Writer;",
            "class Exporter {",
            "  void export(Writer out) {",
            "    Thread t = new Thread(() -> {",
            "      try { out.write(\"x\"); } catch (java.io.IOException e) {}",
            "    });",
            "    t.setDaemon(false);",
            "    t.start();",
            "    new Thread(() -> {",
            "      try { out.write(\"y\"); } catch (java.io.IOException e) {}",
            "    }).start();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void notFlagged_daemonFlagNotAConstant() {
    helper
        .addSourceLines(
            "Exporter.java",
            "import java.io.Writer;",
            "class Exporter {",
            "  void export(Writer out, boolean background) {",
            "    Thread t = new Thread(() -> {",
            "      try { out.write(\"x\"); } catch (java.io.IOException e) {}",
            "    });",
            "    t.setDaemon(background);",
            "    t.start();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void notFlagged_daemonThatOnlyReads() {
    helper
        .addSourceLines(
            "Tailer.java",
            "import java.io.BufferedReader;",
            "import java.io.FileInputStream;",
            "import java.io.IOException;",
            "import java.io.InputStream;",
            "class Tailer {",
            "  void tail(BufferedReader reader) {",
            "    Thread t = new Thread(() -> {",
            "      try {",
            "        String line;",
            "        while ((line = reader.readLine()) != null) { System.out.println(line); }",
            "        try (InputStream in = new FileInputStream(\"other\")) { in.read(); }",
            "      } catch (IOException e) {}",
            "    });",
            "    t.setDaemon(true);",
            "    t.start();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void notFlagged_inMemoryStreamsAndStandardOutput() {
    helper
        .addSourceLines(
            "Buffers.java",
            "import java.io.ByteArrayOutputStream;",
            "import java.io.StringWriter;",
            "class Buffers {",
            "  void fill(ByteArrayOutputStream bytes, StringWriter text) {",
            "    Thread t = new Thread(() -> {",
            "      bytes.write(1);",
            "      text.write(\"x\");",
            "      System.out.println(\"done\");",
            "      System.err.flush();",
            "    });",
            "    t.setDaemon(true);",
            "    t.start();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void notFlagged_daemonTouchingNoResource() {
    helper
        .addSourceLines(
            "Ticker.java",
            "import java.util.concurrent.atomic.AtomicLong;",
            "class Ticker {",
            "  void tick(AtomicLong counter) {",
            "    Thread t = new Thread(() -> { while (true) { counter.incrementAndGet(); } });",
            "    t.setDaemon(true);",
            "    t.start();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void notFlagged_escapingThreads() {
    helper
        .addSourceLines(
            "Escapes.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "import java.util.function.Consumer;",
            "class Escapes {",
            "  public Thread exposed;",
            "  Thread returned(Writer out) {",
            "    Thread t = new Thread(() -> write(out));",
            "    t.setDaemon(true);",
            "    t.start();",
            "    return t;",
            "  }",
            "  void passedOn(Writer out, Consumer<Thread> registry) {",
            "    Thread t = new Thread(() -> write(out));",
            "    t.setDaemon(true);",
            "    t.start();",
            "    registry.accept(t);",
            "  }",
            "  void storedInNonPrivateField(Writer out) {",
            "    exposed = new Thread(() -> write(out));",
            "    exposed.setDaemon(true);",
            "    exposed.start();",
            "  }",
            "  void joinedByShutdownHook(Writer out) {",
            "    Thread t = new Thread(() -> write(out));",
            "    t.setDaemon(true);",
            "    t.start();",
            "    Runtime.getRuntime().addShutdownHook(new Thread(() -> {",
            "      try { t.join(); } catch (InterruptedException e) {",
            "        Thread.currentThread().interrupt();",
            "      }",
            "    }));",
            "  }",
            "  private static void write(Writer out) {",
            "    try { out.write(\"x\"); } catch (IOException e) {}",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void notFlagged_privateFieldThreadJoinedByStop() {
    helper
        .addSourceLines(
            "AsyncAppender.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "class AsyncAppender implements AutoCloseable {",
            "  private final Writer out;",
            "  private volatile boolean running = true;",
            "  private Thread worker;",
            "  AsyncAppender(Writer out) { this.out = out; }",
            "  void begin() {",
            "    worker = new Thread(() -> {",
            "      while (running) {",
            "        try { out.write(\"x\"); } catch (IOException e) {}",
            "      }",
            "    });",
            "    worker.setDaemon(true);",
            "    worker.start();",
            "  }",
            "  @Override public void close() throws InterruptedException {",
            "    running = false;",
            "    worker.interrupt();",
            "    worker.join();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void notFlagged_suppressedOnMethodOrVariable() {
    helper
        .addSourceLines(
            "Suppressed.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "class Suppressed {",
            "  @SuppressWarnings(\"DaemonThreadResource\")",
            "  void onMethod(Writer out) {",
            "    Thread t = new Thread(() -> write(out));",
            "    t.setDaemon(true);",
            "    t.start();",
            "  }",
            "  void onVariable(Writer out) {",
            "    @SuppressWarnings(\"DaemonThreadResource\")",
            "    Thread t = new Thread(() -> write(out));",
            "    t.setDaemon(true);",
            "    t.start();",
            "  }",
            "  private static void write(Writer out) {",
            "    try { out.write(\"x\"); } catch (IOException e) {}",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void notFlagged_parallelStreamAndUnknownTasks() {
    helper
        .addSourceLines(
            "Misc.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "import java.util.List;",
            "class Misc {",
            "  void parallel(List<String> lines, Writer out) {",
            "    lines.parallelStream().forEach(l -> {",
            "      try { out.write(l); } catch (IOException e) {}",
            "    });",
            "  }",
            "  void unknownTask(Runnable task) {",
            "    Thread t = new Thread(task);",
            "    t.setDaemon(true);",
            "    t.start();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }
}
