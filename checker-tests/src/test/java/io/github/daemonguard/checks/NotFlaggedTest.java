package io.github.daemonguard.checks;

import static io.github.daemonguard.checks.TestArgs.STRICT;

import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.scanner.ScannerSupplier;
import org.junit.jupiter.api.Test;

/**
 * One negative test per entry of the contract's "Not flagged" list, each named after its entry and
 * compiled with all three checks together.
 */
final class NotFlaggedTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(
          ScannerSupplier.fromBugCheckerClasses(
              TaskOutlivesResource.class,
              UnjoinedExecutorResource.class,
              DaemonThreadResource.class),
          getClass());

  /** A thread, a future, an executor and a common-pool task, each awaited before the close. */
  @Test
  void awaitedLaunches() {
    helper
        .addSourceLines(
            "AwaitedLaunches.java",
            "import java.io.*;",
            "import java.nio.file.*;",
            "import java.util.concurrent.*;",
            "class AwaitedLaunches {",
            "  static void write(Writer w) { try { w.write(\"x\"); } catch (IOException e) { throw new UncheckedIOException(e); } }",
            "  void thread(Path p) throws Exception {",
            "    try (Writer w = Files.newBufferedWriter(p)) {",
            "      Thread t = new Thread(() -> write(w));",
            "      t.setDaemon(true);",
            "      t.start();",
            "      t.join();",
            "    }",
            "  }",
            "  void future(ExecutorService pool, Path p) throws Exception {",
            "    try (Writer w = Files.newBufferedWriter(p)) {",
            "      pool.submit(() -> write(w)).get();",
            "    }",
            "  }",
            "  void executor(Path p) throws Exception {",
            "    ExecutorService ex = Executors.newFixedThreadPool(2);",
            "    try (Writer w = Files.newBufferedWriter(p)) {",
            "      ex.execute(() -> write(w));",
            "      ex.shutdown();",
            "      ex.awaitTermination(1, TimeUnit.MINUTES);",
            "    }",
            "  }",
            "  void commonPool(Path p) throws Exception {",
            "    try (Writer w = Files.newBufferedWriter(p)) {",
            "      CompletableFuture.runAsync(() -> write(w)).join();",
            "    }",
            "  }",
            "}")
        .setArgs(STRICT)
        .expectNoDiagnostics()
        .doTest();
  }

  /** Handles returned or handed to code whose source is elsewhere: their owner is elsewhere. */
  @Test
  void escapingThreadsFuturesAndExecutors() {
    helper
        .addSourceLines(
            "EscapingHandles.java",
            "import java.io.*;",
            "import java.util.concurrent.*;",
            "class EscapingHandles {",
            "  static void write(Writer w) { try { w.write(\"x\"); } catch (IOException e) { throw new UncheckedIOException(e); } }",
            "  static void register(Object handle) {}",
            "  Thread thread(Writer w) {",
            "    Thread t = new Thread(() -> write(w));",
            "    t.setDaemon(true);",
            "    t.start();",
            "    return t;",
            "  }",
            "  Future<?> future(ExecutorService pool, Writer w) {",
            "    return pool.submit(() -> write(w));",
            "  }",
            "  ExecutorService executor(Writer w) {",
            "    ExecutorService ex = Executors.newFixedThreadPool(2);",
            "    ex.execute(() -> write(w));",
            "    return ex;",
            "  }",
            "  void passedOn(Writer w) {",
            "    ExecutorService ex = Executors.newFixedThreadPool(2);",
            "    ex.execute(() -> write(w));",
            "    register(ex);",
            "  }",
            "}")
        .setArgs(STRICT)
        .expectNoDiagnostics()
        .doTest();
  }

  /** The JVM waits for a non-daemon thread; its own try-with-resources closes its writer. */
  @Test
  void nonDaemonThreadsThatOnlyUseResourcesTheyOpenAndClose() {
    helper
        .addSourceLines(
            "OwnResources.java",
            "import java.io.*;",
            "import java.nio.file.*;",
            "class OwnResources {",
            "  public static void main(String[] args) {",
            "    Thread t = new Thread(() -> {",
            "      try (Writer w = Files.newBufferedWriter(Path.of(args[0]))) {",
            "        w.write(\"x\");",
            "      } catch (IOException e) {",
            "        throw new UncheckedIOException(e);",
            "      }",
            "    });",
            "    t.start();",
            "  }",
            "}")
        .setArgs(STRICT)
        .expectNoDiagnostics()
        .doTest();
  }

  /** Killing a reader at exit loses nothing. */
  @Test
  void daemonThreadsThatTouchNoResourceOrOnlyRead() {
    helper
        .addSourceLines(
            "DaemonNoResourceOrReadOnly.java",
            "import java.io.*;",
            "import java.util.concurrent.atomic.AtomicLong;",
            "class DaemonNoResourceOrReadOnly {",
            "  public static void main(String[] args) {",
            "    AtomicLong ticks = new AtomicLong();",
            "    Thread counter = new Thread(() -> { while (true) { ticks.incrementAndGet(); } });",
            "    counter.setDaemon(true);",
            "    counter.start();",
            "    Thread reader = new Thread(() -> {",
            "      try (BufferedReader in = new BufferedReader(new FileReader(args[0]))) {",
            "        ticks.addAndGet(in.lines().count());",
            "      } catch (IOException e) {",
            "        throw new UncheckedIOException(e);",
            "      }",
            "    });",
            "    reader.setDaemon(true);",
            "    reader.start();",
            "  }",
            "}")
        .setArgs(STRICT)
        .expectNoDiagnostics()
        .doTest();
  }

  /** StringWriter and ByteArrayOutputStream hold no OS resource. */
  @Test
  void inMemoryStreams() {
    helper
        .addSourceLines(
            "InMemoryStreams.java",
            "import java.io.*;",
            "class InMemoryStreams {",
            "  public static void main(String[] args) {",
            "    StringWriter text = new StringWriter();",
            "    ByteArrayOutputStream bytes = new ByteArrayOutputStream();",
            "    Thread t = new Thread(() -> { text.write(\"x\"); bytes.write(1); });",
            "    t.setDaemon(true);",
            "    t.start();",
            "  }",
            "}")
        .setArgs(STRICT)
        .expectNoDiagnostics()
        .doTest();
  }

  /** A parallel stream's terminal operation waits for every element. */
  @Test
  void parallelStream() {
    helper
        .addSourceLines(
            "ParallelStream.java",
            "import java.io.*;",
            "import java.nio.file.*;",
            "import java.util.List;",
            "class ParallelStream {",
            "  void save(List<Path> paths) {",
            "    paths.parallelStream().forEach(p -> {",
            "      try { Files.writeString(p, \"x\"); } catch (IOException e) { throw new UncheckedIOException(e); }",
            "    });",
            "  }",
            "}")
        .setArgs(STRICT)
        .expectNoDiagnostics()
        .doTest();
  }

  /** A shutdown hook runs at exit, handed to the runtime. */
  @Test
  void shutdownHooks() {
    helper
        .addSourceLines(
            "ShutdownHooks.java",
            "import java.io.*;",
            "class ShutdownHooks {",
            "  void install(Writer w) {",
            "    Thread hook = new Thread(() -> { try { w.flush(); } catch (IOException e) { } });",
            "    hook.setDaemon(true);",
            "    Runtime.getRuntime().addShutdownHook(hook);",
            "  }",
            "}")
        .setArgs(STRICT)
        .expectNoDiagnostics()
        .doTest();
  }

  /** Guava's directExecutor() and Runnable::run run the task on the calling thread. */
  @Test
  void directExecutors() {
    helper
        .addSourceLines(
            "DirectExecutors.java",
            "import com.google.common.util.concurrent.MoreExecutors;",
            "import java.io.*;",
            "import java.nio.file.*;",
            "import java.util.concurrent.Executor;",
            "class DirectExecutors {",
            "  static void write(Writer w) { try { w.write(\"x\"); } catch (IOException e) { throw new UncheckedIOException(e); } }",
            "  void direct(Path p) throws IOException {",
            "    Executor inline = Runnable::run;",
            "    try (Writer w = Files.newBufferedWriter(p)) {",
            "      MoreExecutors.directExecutor().execute(() -> write(w));",
            "      inline.execute(() -> write(w));",
            "    }",
            "  }",
            "}")
        .setArgs(STRICT)
        .expectNoDiagnostics()
        .doTest();
  }

  /**
   * @SuppressWarnings with each check's name on the enclosing method.
   */
  @Test
  void suppressWarnings() {
    helper
        .addSourceLines(
            "Suppressed.java",
            "import java.io.*;",
            "import java.nio.file.*;",
            "import java.util.concurrent.*;",
            "class Suppressed {",
            "  static void write(Writer w) { try { w.write(\"x\"); } catch (IOException e) { throw new UncheckedIOException(e); } }",
            "  @SuppressWarnings(\"TaskOutlivesResource\")",
            "  void outlives(ExecutorService pool, Path p) throws IOException {",
            "    try (Writer w = Files.newBufferedWriter(p)) {",
            "      pool.execute(() -> write(w));",
            "    }",
            "  }",
            "  @SuppressWarnings(\"UnjoinedExecutorResource\")",
            "  void unjoined(Writer w) {",
            "    ExecutorService ex = Executors.newFixedThreadPool(2);",
            "    ex.execute(() -> write(w));",
            "  }",
            "  @SuppressWarnings(\"DaemonThreadResource\")",
            "  void daemon(Writer w) {",
            "    Thread t = new Thread(() -> write(w));",
            "    t.setDaemon(true);",
            "    t.start();",
            "  }",
            "}")
        .setArgs(STRICT)
        .expectNoDiagnostics()
        .doTest();
  }

  /**
   * The JVM waits for a non-daemon pool that is shut down, when its owner leaves the tasks alone.
   */
  @Test
  void nonDaemonExecutorShutDownWithoutAnAwait() {
    helper
        .addSourceLines(
            "ShutDownWithoutAwait.java",
            "import java.io.*;",
            "import java.nio.file.*;",
            "import java.util.concurrent.*;",
            "class ShutDownWithoutAwait {",
            "  public static void main(String[] args) {",
            "    ExecutorService ex = Executors.newFixedThreadPool(2);",
            "    ex.execute(() -> {",
            "      try { Files.writeString(Path.of(args[0]), \"x\"); } catch (IOException e) { throw new UncheckedIOException(e); }",
            "    });",
            "    ex.shutdown();",
            "  }",
            "}")
        .setArgs(STRICT)
        .expectNoDiagnostics()
        .doTest();
  }
}
