package io.github.daemonguard.checks;

import static io.github.daemonguard.checks.TestArgs.STRICT;

import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.scanner.ScannerSupplier;
import org.junit.jupiter.api.Test;

/**
 * Launch shapes of issue #9, compiled with all three checks together: each marked launch gets its
 * one finding from the check the precedence gives it, and each unmarked one (the negatives beside
 * it) none.
 */
final class LaunchShapesTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(
          ScannerSupplier.fromBugCheckerClasses(
              TaskOutlivesResource.class,
              UnjoinedExecutorResource.class,
              DaemonThreadResource.class),
          getClass());

  /**
   * schedule* on a scheduled executor and runAsync/supplyAsync/*Async(.., executor) inside the
   * resource's try-with-resources.
   */
  @Test
  void executorLaunchesNamedLikeOtherLaunchKindsInsideTheTry() {
    helper
        .addSourceLines(
            "Sched.java",
            "import java.io.*;",
            "import java.nio.file.*;",
            "import java.util.concurrent.*;",
            "class Sched {",
            "  static void write(Writer w) { try { w.write(\"x\"); } catch (IOException e) { throw new UncheckedIOException(e); } }",
            "  void schedOwnedElsewhere(ScheduledExecutorService ses, Path p) throws IOException {",
            "    try (Writer w = Files.newBufferedWriter(p)) {",
            "      // BUG: Diagnostic contains: closes before waiting for the task",
            "      ScheduledFuture<?> f = ses.schedule(() -> write(w), 1, TimeUnit.SECONDS);",
            "    }",
            "  }",
            "  void schedStatement(ScheduledExecutorService ses, Path p) throws IOException {",
            "    try (Writer w = Files.newBufferedWriter(p)) {",
            "      // BUG: Diagnostic contains: closes before waiting for the task",
            "      ses.scheduleAtFixedRate(() -> write(w), 1, 1, TimeUnit.SECONDS);",
            "    }",
            "  }",
            "  void schedLocal(Path p) throws IOException {",
            "    ScheduledExecutorService ses = Executors.newScheduledThreadPool(1);",
            "    try (Writer w = Files.newBufferedWriter(p)) {",
            "      // BUG: Diagnostic contains: closes before waiting for the task",
            "      ScheduledFuture<?> f = ses.schedule(() -> write(w), 1, TimeUnit.SECONDS);",
            "    }",
            "    ses.shutdown();",
            "  }",
            "  void runAsyncEx(ExecutorService ex, Path p) throws IOException {",
            "    try (Writer w = Files.newBufferedWriter(p)) {",
            "      // BUG: Diagnostic contains: closes before waiting for the task",
            "      CompletableFuture<Void> f = CompletableFuture.runAsync(() -> write(w), ex);",
            "    }",
            "  }",
            "  void runAsyncExStmt(ExecutorService ex, Path p) throws IOException {",
            "    try (Writer w = Files.newBufferedWriter(p)) {",
            "      // BUG: Diagnostic contains: closes before waiting for the task",
            "      CompletableFuture.runAsync(() -> write(w), ex);",
            "    }",
            "  }",
            "  void supplyAsyncEx(ExecutorService ex, Path p) throws IOException {",
            "    try (Writer w = Files.newBufferedWriter(p)) {",
            "      // BUG: Diagnostic contains: closes before waiting for the task",
            "      CompletableFuture<Integer> f = CompletableFuture.supplyAsync(() -> { write(w); return 1; }, ex);",
            "    }",
            "  }",
            "  void thenAsyncEx(ExecutorService ex, CompletableFuture<String> in, Path p) throws IOException {",
            "    try (Writer w = Files.newBufferedWriter(p)) {",
            "      // BUG: Diagnostic contains: closes before waiting for the task",
            "      CompletableFuture<Void> f = in.thenAcceptAsync(s -> write(w), ex);",
            "    }",
            "  }",
            "  void runAsyncLocal(Path p) throws IOException {",
            "    ExecutorService ex = Executors.newFixedThreadPool(2);",
            "    try (Writer w = Files.newBufferedWriter(p)) {",
            "      // BUG: Diagnostic contains: closes before waiting for the task",
            "      CompletableFuture.runAsync(() -> write(w), ex);",
            "    }",
            "    ex.shutdown();",
            "  }",
            "  void ok(ScheduledExecutorService ses, Path p) throws Exception {",
            "    try (Writer w = Files.newBufferedWriter(p)) {",
            "      ScheduledFuture<?> f = ses.schedule(() -> write(w), 1, TimeUnit.SECONDS);",
            "      f.get();",
            "      CompletableFuture.runAsync(() -> write(w), ses).join();",
            "    }",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  /**
   * *Async continuations used as statements, never stored: a continuation that writes, on the
   * common pool.
   */
  @Test
  void asyncChainsUsedAsStatementsOnTheCommonPool() {
    helper
        .addSourceLines(
            "Chains.java",
            "import java.io.*;",
            "import java.nio.file.*;",
            "import java.util.concurrent.*;",
            "class Chains {",
            "  static void write(Writer w) { try { w.write(\"x\"); } catch (IOException e) { throw new UncheckedIOException(e); } }",
            "  static Writer out;",
            "  public static void main(String[] args) throws IOException {",
            "    Writer w = Files.newBufferedWriter(Path.of(args[0]));",
            "    out = w;",
            "    // BUG: Diagnostic contains: but nobody waits for it",
            "    CompletableFuture.supplyAsync(() -> \"x\").thenAcceptAsync(s -> write(w));",
            "  }",
            "  void stored(CompletableFuture<String> f, Writer w) {",
            "    // BUG: Diagnostic contains: but nobody waits for it",
            "    f.thenRunAsync(() -> write(w));",
            "  }",
            "  void awaited(CompletableFuture<String> f, Writer w) {",
            "    f.thenRunAsync(() -> write(w)).join();",
            "    CompletableFuture.supplyAsync(() -> \"x\").thenAcceptAsync(s -> write(w)).join();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  /**
   * Iterable.forEach, Map.forEach and stream operations run during the call: part of the launching
   * code.
   */
  @Test
  void launchesAndAwaitsInsideSynchronousCallbacksOnALocalExecutor() {
    helper
        .addSourceLines(
            "Callbacks.java",
            "import java.io.*;",
            "import java.nio.file.*;",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "class Callbacks {",
            "  static void write(Path p) { try { Files.writeString(p, \"x\"); } catch (IOException e) { throw new UncheckedIOException(e); } }",
            "  void neverShut(List<Path> paths) {",
            "    ExecutorService ex = Executors.newFixedThreadPool(2);",
            "    // BUG: Diagnostic contains: Executor 'ex'",
            "    paths.forEach(p -> ex.execute(() -> write(p)));",
            "  }",
            "  void mapNeverShut(Map<String, Path> paths) {",
            "    ExecutorService ex = Executors.newFixedThreadPool(2);",
            "    // BUG: Diagnostic contains: Executor 'ex'",
            "    paths.forEach((k, p) -> ex.execute(() -> write(p)));",
            "  }",
            "  void streamNeverShut(List<Path> paths) {",
            "    ExecutorService ex = Executors.newFixedThreadPool(2);",
            "    // BUG: Diagnostic contains: Executor 'ex'",
            "    paths.stream().forEach(p -> ex.execute(() -> write(p)));",
            "  }",
            "  void shutAndAwaited(List<Path> paths) throws InterruptedException {",
            "    ExecutorService ex = Executors.newFixedThreadPool(2);",
            "    paths.forEach(p -> ex.execute(() -> write(p)));",
            "    ex.shutdown();",
            "    ex.awaitTermination(1, TimeUnit.MINUTES);",
            "  }",
            "  void futuresAwaitedInForEach(List<Path> paths) throws Exception {",
            "    ExecutorService ex = Executors.newFixedThreadPool(2, r -> { Thread t = new Thread(r); t.setDaemon(true); return t; });",
            "    List<Future<?>> fs = new ArrayList<>();",
            "    paths.forEach(p -> fs.add(ex.submit(() -> write(p))));",
            "    for (Future<?> f : fs) f.get();",
            "  }",
            "  void daemonNeverAwaited(List<Path> paths) {",
            "    ExecutorService ex = Executors.newFixedThreadPool(2, r -> { Thread t = new Thread(r); t.setDaemon(true); return t; });",
            "    // BUG: Diagnostic contains: Executor 'ex'",
            "    paths.forEach(p -> ex.execute(() -> write(p)));",
            "    ex.shutdown();",
            "  }",
            "  void daemonAwaitedInCallback(List<Path> paths) throws Exception {",
            "    ExecutorService ex = Executors.newFixedThreadPool(2, r -> { Thread t = new Thread(r); t.setDaemon(true); return t; });",
            "    paths.forEach(p -> ex.execute(() -> write(p)));",
            "    ex.shutdown();",
            "    List.of(1).forEach(i -> { try { ex.awaitTermination(1, TimeUnit.MINUTES); } catch (InterruptedException e) { Thread.currentThread().interrupt(); } });",
            "  }",
            "  void torInCallback(List<String> rows, Path p) throws IOException {",
            "    ExecutorService ex = Executors.newFixedThreadPool(2);",
            "    try (Writer w = Files.newBufferedWriter(p)) {",
            "      // BUG: Diagnostic contains: closes before waiting for the task",
            "      rows.forEach(r -> ex.execute(() -> { try { w.write(r); } catch (IOException e) { throw new UncheckedIOException(e); } }));",
            "    }",
            "    ex.shutdown();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  /** shutdownNow() is a signal, not a wait. */
  @Test
  void shutdownNowWithNoAwait() {
    helper
        .addSourceLines(
            "Shutnow.java",
            "import java.io.*;",
            "import java.nio.file.*;",
            "import java.util.concurrent.*;",
            "class Shutnow {",
            "  static void write(Writer w) { try { w.write(\"x\"); } catch (IOException e) { throw new UncheckedIOException(e); } }",
            "  static void writeP(Path p) { try { Files.writeString(p, \"x\"); } catch (IOException e) { throw new UncheckedIOException(e); } }",
            "  void tor(Path p) throws IOException {",
            "    ExecutorService ex = Executors.newFixedThreadPool(2);",
            "    try (Writer w = Files.newBufferedWriter(p)) {",
            "      // BUG: Diagnostic contains: closes before waiting for the task",
            "      ex.execute(() -> write(w));",
            "      ex.shutdownNow();",
            "    }",
            "  }",
            "  void daemon(Path p) {",
            "    ExecutorService ex = Executors.newFixedThreadPool(2, r -> { Thread t = new Thread(r); t.setDaemon(true); return t; });",
            "    // BUG: Diagnostic contains: Executor 'ex'",
            "    ex.execute(() -> writeP(p));",
            "    ex.shutdownNow();",
            "  }",
            "  void awaited(Path p) throws Exception {",
            "    ExecutorService ex = Executors.newFixedThreadPool(2, r -> { Thread t = new Thread(r); t.setDaemon(true); return t; });",
            "    ex.execute(() -> writeP(p));",
            "    ex.shutdownNow();",
            "    ex.awaitTermination(1, TimeUnit.SECONDS);",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  /**
   * A thread, a future, an executor and a non-daemon Timer (its task may cancel its own timer),
   * awaited only after the resource closes.
   */
  @Test
  void awaitsOnlyAfterTheCloseForEveryHandleKind() {
    helper
        .addSourceLines(
            "After.java",
            "import java.io.*;",
            "import java.nio.file.*;",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "class After {",
            "  static void write(Writer w) { try { w.write(\"x\"); } catch (IOException e) { throw new UncheckedIOException(e); } }",
            "  void thread(Path p) throws Exception {",
            "    Writer w = Files.newBufferedWriter(p);",
            "    Thread t = new Thread(() -> write(w));",
            "    // BUG: Diagnostic contains: closes before waiting for the task",
            "    t.start();",
            "    w.close();",
            "    t.join();",
            "  }",
            "  void threadTwr(Path p) throws Exception {",
            "    Thread t;",
            "    try (Writer w = Files.newBufferedWriter(p)) {",
            "      t = new Thread(() -> write(w));",
            "      // BUG: Diagnostic contains: closes before waiting for the task",
            "      t.start();",
            "    }",
            "    t.join();",
            "  }",
            "  void future(ExecutorService pool, Path p) throws Exception {",
            "    Writer w = Files.newBufferedWriter(p);",
            "    // BUG: Diagnostic contains: closes before waiting for the task",
            "    Future<?> f = pool.submit(() -> write(w));",
            "    w.close();",
            "    f.get();",
            "  }",
            "  void futureTwr(ExecutorService pool, Path p) throws Exception {",
            "    Future<?> f;",
            "    try (Writer w = Files.newBufferedWriter(p)) {",
            "      // BUG: Diagnostic contains: closes before waiting for the task",
            "      f = pool.submit(() -> write(w));",
            "    }",
            "    f.get();",
            "  }",
            "  void executor(Path p) throws Exception {",
            "    ExecutorService ex = Executors.newFixedThreadPool(2);",
            "    Writer w = Files.newBufferedWriter(p);",
            "    // BUG: Diagnostic contains: closes before waiting for the task",
            "    ex.execute(() -> write(w));",
            "    w.close();",
            "    ex.shutdown();",
            "    ex.awaitTermination(1, TimeUnit.MINUTES);",
            "  }",
            "  void timer(Path p) throws Exception {",
            "    Timer timer = new Timer();",
            "    Writer w = Files.newBufferedWriter(p);",
            "    // BUG: Diagnostic contains: closes before waiting for the task",
            "    timer.schedule(new TimerTask() { public void run() { write(w); } }, 100);",
            "    w.close();",
            "  }",
            "  void timerCancelsItself(Path p) throws Exception {",
            "    Timer timer = new Timer();",
            "    Writer w = Files.newBufferedWriter(p);",
            "    // BUG: Diagnostic contains: closes before waiting for the task",
            "    timer.schedule(new TimerTask() { public void run() { write(w); timer.cancel(); } }, 100);",
            "    w.close();",
            "  }",
            "  void timerTwr(Path p) throws Exception {",
            "    Timer timer = new Timer();",
            "    try (Writer w = Files.newBufferedWriter(p)) {",
            "      // BUG: Diagnostic contains: closes before waiting for the task",
            "      timer.schedule(new TimerTask() { public void run() { write(w); timer.cancel(); } }, 100);",
            "    }",
            "  }",
            "  void okBefore(Path p) throws Exception {",
            "    Writer w = Files.newBufferedWriter(p);",
            "    Thread t = new Thread(() -> write(w));",
            "    t.start();",
            "    t.join();",
            "    w.close();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  /**
   * ThreadFactory.newThread(..).start(): daemon by setDaemon(true) on the thread or by a daemon
   * factory.
   */
  @Test
  void threadFactoryThreadsWithADaemonMarkOrADaemonFactory() {
    helper
        .addSourceLines(
            "Factory.java",
            "import java.io.*;",
            "import java.nio.file.*;",
            "import java.util.concurrent.*;",
            "import com.google.common.util.concurrent.ThreadFactoryBuilder;",
            "class Factory {",
            "  static void writeP(Path p) { try { Files.writeString(p, \"x\"); } catch (IOException e) { throw new UncheckedIOException(e); } }",
            "  void marked(ThreadFactory tf, Path p) {",
            "    Thread t = tf.newThread(() -> writeP(p));",
            "    t.setDaemon(true);",
            "    // BUG: Diagnostic contains: but nobody waits for it",
            "    t.start();",
            "  }",
            "  void daemonFactory(Path p) {",
            "    ThreadFactory tf = r -> { Thread t = new Thread(r); t.setDaemon(true); return t; };",
            "    Thread t = tf.newThread(() -> writeP(p));",
            "    // BUG: Diagnostic contains: but nobody waits for it",
            "    t.start();",
            "  }",
            "  void guavaFactory(Path p) {",
            "    ThreadFactory tf = new ThreadFactoryBuilder().setDaemon(true).build();",
            "    // BUG: Diagnostic contains: but nobody waits for it",
            "    tf.newThread(() -> writeP(p)).start();",
            "  }",
            "  void notDaemon(ThreadFactory tf, Path p) {",
            "    tf.newThread(() -> writeP(p)).start();",
            "  }",
            "  void joined(Path p) throws InterruptedException {",
            "    ThreadFactory tf = r -> { Thread t = new Thread(r); t.setDaemon(true); return t; };",
            "    Thread t = tf.newThread(() -> writeP(p));",
            "    t.start();",
            "    t.join();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  /**
   * A timed wait counts wherever it sits, checked or not: here a finally inside the
   * try-with-resources.
   */
  @Test
  void timedAwaitsInAFinallyInsideTheTryAreAwaits() {
    helper
        .addSourceLines(
            "Timed.java",
            "import java.io.*;",
            "import java.nio.file.*;",
            "import java.util.concurrent.*;",
            "class Timed {",
            "  static void write(Writer w) { try { w.write(\"x\"); } catch (IOException e) { throw new UncheckedIOException(e); } }",
            "  void nestedFinally(Path p) throws Exception {",
            "    try (Writer w = Files.newBufferedWriter(p)) {",
            "      Thread t = new Thread(() -> write(w));",
            "      t.start();",
            "      try {",
            "        w.write(\"y\");",
            "      } finally {",
            "        t.join(1000);",
            "      }",
            "    }",
            "  }",
            "  void nestedFinallyFuture(ExecutorService pool, Path p) throws Exception {",
            "    try (Writer w = Files.newBufferedWriter(p)) {",
            "      Future<?> f = pool.submit(() -> write(w));",
            "      try {",
            "        w.write(\"y\");",
            "      } finally {",
            "        f.get(1, TimeUnit.SECONDS);",
            "      }",
            "    }",
            "  }",
            "  void nestedFinallyExec(Path p) throws Exception {",
            "    ExecutorService ex = Executors.newFixedThreadPool(1);",
            "    try (Writer w = Files.newBufferedWriter(p)) {",
            "      ex.execute(() -> write(w));",
            "      try {",
            "        w.write(\"y\");",
            "      } finally {",
            "        ex.shutdown();",
            "        ex.awaitTermination(1, TimeUnit.SECONDS);",
            "      }",
            "    }",
            "  }",
            "  void timedLatch(Path p) throws Exception {",
            "    CountDownLatch l = new CountDownLatch(1);",
            "    try (Writer w = Files.newBufferedWriter(p)) {",
            "      Thread t = new Thread(() -> { write(w); l.countDown(); });",
            "      t.start();",
            "      try { w.write(\"y\"); } finally { l.await(1, TimeUnit.SECONDS); }",
            "    }",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  /** The launch names are {@code \w+Async} and {@code schedule\w*}: a {@code $} is no word part. */
  @Test
  void methodNamedWithADollarBeforeAsyncIsNoStage() {
    helper
        .addSourceLines(
            "Dollar.java",
            "import java.io.FileWriter;",
            "import java.io.IOException;",
            "import java.io.UncheckedIOException;",
            "import java.io.Writer;",
            "import java.util.concurrent.CompletableFuture;",
            "class Dollar {",
            "  static class MyFuture<T> extends CompletableFuture<T> {",
            "    CompletableFuture<Void> run$Async(Runnable r) { return new CompletableFuture<>(); }",
            "  }",
            "  void m(MyFuture<String> f) throws IOException {",
            "    try (Writer w = new FileWriter(\"x\")) {",
            "      f.run$Async(() -> {",
            "        try { w.write(\"x\"); } catch (IOException e) { throw new UncheckedIOException(e); }",
            "      });",
            "    }",
            "  }",
            "}")
        .doTest();
  }
}
