package io.github.daemonguard.checks;

import static io.github.daemonguard.checks.TestArgs.STRICT;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

final class UnjoinedExecutorResourceTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(UnjoinedExecutorResource.class, getClass());

  // ---- positives: never shut down ----

  @Test
  void fixedPoolNeverShutDownWritingCapturedWriter() {
    helper
        .addSourceLines(
            "Exporter.java",
            "import java.io.IOException;",
            "import java.io.UncheckedIOException;",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "class Exporter {",
            "  void export(Writer out) {",
            "    ExecutorService pool = Executors.newFixedThreadPool(4);",
            "    // BUG: Diagnostic contains: Executor 'pool' (non-daemon threads) runs tasks that"
                + " use 'out' but is never shut down or awaited",
            "    pool.execute(() -> {",
            "      try {",
            "        out.write(\"row\");",
            "      } catch (IOException e) {",
            "        throw new UncheckedIOException(e);",
            "      }",
            "    });",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void reportedOnceAtTheFirstLaunchEvenWhenOnlyALaterTaskUsesTheResource() {
    helper
        .addSourceLines(
            "Twice.java",
            "import java.io.IOException;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "class Twice {",
            "  void run(Path p) {",
            "    ExecutorService pool = Executors.newCachedThreadPool();",
            "    // BUG: Diagnostic contains: Files.writeString(p, \"b\")",
            "    pool.execute(() -> System.out.println(\"a\"));",
            "    pool.execute(() -> {",
            "      try {",
            "        Files.writeString(p, \"b\");",
            "      } catch (IOException e) {",
            "        throw new RuntimeException(e);",
            "      }",
            "    });",
            "    pool.execute(() -> System.out.println(\"c\"));",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void submittedFutureNeverWaitedFor() {
    helper
        .addSourceLines(
            "Saver.java",
            "import java.io.OutputStream;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "import java.util.concurrent.Future;",
            "class Saver {",
            "  void save(OutputStream out, byte[] data) {",
            "    ExecutorService pool = Executors.newSingleThreadExecutor();",
            "    // BUG: Diagnostic contains: 'out'",
            "    Future<?> f = pool.submit(() -> { out.write(data); return null; });",
            "    System.out.println(f.isDone());",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void readingTaskCountsForAPoolNeverShutDown() {
    helper
        .addSourceLines(
            "Loader.java",
            "import java.io.IOException;",
            "import java.io.Reader;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "class Loader {",
            "  void load(Reader in) {",
            "    ExecutorService pool = Executors.newFixedThreadPool(1);",
            "    // BUG: Diagnostic contains: runs tasks that use 'in'",
            "    pool.submit(() -> in.read());",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void threadPoolExecutorConstructedDirectly() {
    helper
        .addSourceLines(
            "Direct.java",
            "import java.io.Writer;",
            "import java.util.concurrent.LinkedBlockingQueue;",
            "import java.util.concurrent.ThreadPoolExecutor;",
            "import java.util.concurrent.TimeUnit;",
            "class Direct {",
            "  void go(Writer w) {",
            "    ThreadPoolExecutor pool =",
            "        new ThreadPoolExecutor(1, 2, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>());",
            "    // BUG: Diagnostic contains: Executor 'pool' (non-daemon threads)",
            "    pool.submit(() -> { w.flush(); return null; });",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void scheduledPoolScheduleTask() {
    helper
        .addSourceLines(
            "Later.java",
            "import java.io.PrintStream;",
            "import java.util.concurrent.ScheduledThreadPoolExecutor;",
            "import java.util.concurrent.TimeUnit;",
            "class Later {",
            "  void later(PrintStream log) {",
            "    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);",
            "    // BUG: Diagnostic contains: Executor 'timer'",
            "    timer.schedule(() -> log.println(\"tick\"), 1, TimeUnit.SECONDS);",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void completableFutureRunAsyncOnTheExecutorNotJoined() {
    helper
        .addSourceLines(
            "Async.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "class Async {",
            "  void go(Writer w) {",
            "    ExecutorService pool = Executors.newFixedThreadPool(2);",
            "    // BUG: Diagnostic contains: Executor 'pool'",
            "    CompletableFuture<Void> f = CompletableFuture.runAsync(() -> {",
            "      try { w.write(1); } catch (IOException e) {}",
            "    }, pool);",
            "    System.out.println(f);",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void taskClassHandedTheStreamThroughItsConstructor() {
    helper
        .addSourceLines(
            "Copier.java",
            "import java.io.IOException;",
            "import java.io.InputStream;",
            "import java.io.OutputStream;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "class Copier {",
            "  static final class CopyTask implements Runnable {",
            "    private final InputStream in;",
            "    private final OutputStream out;",
            "    CopyTask(InputStream in, OutputStream out) { this.in = in; this.out = out; }",
            "    @Override public void run() {",
            "      try { in.transferTo(out); } catch (IOException e) {}",
            "    }",
            "  }",
            "  void copy(InputStream in, OutputStream out) {",
            "    ExecutorService pool = Executors.newFixedThreadPool(1);",
            "    // BUG: Diagnostic contains: 'in' (and 1 more)",
            "    pool.execute(new CopyTask(in, out));",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void awaitTerminationWithoutShutdownIsNotAnAwait() {
    helper
        .addSourceLines(
            "NoShutdown.java",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "import java.util.concurrent.TimeUnit;",
            "class NoShutdown {",
            "  void go(Writer w) throws InterruptedException {",
            "    ExecutorService pool = Executors.newFixedThreadPool(1);",
            "    // BUG: Diagnostic contains: never shut down",
            "    pool.submit(() -> { w.flush(); return null; });",
            "    if (!pool.awaitTermination(1, TimeUnit.SECONDS)) {",
            "      System.err.println(\"still running\");",
            "    }",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void onlySomeFuturesWaitedFor() {
    helper
        .addSourceLines(
            "Half.java",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "import java.util.concurrent.Future;",
            "class Half {",
            "  void go(Writer a, Writer b) throws Exception {",
            "    ExecutorService pool = Executors.newFixedThreadPool(2);",
            "    // BUG: Diagnostic contains: Executor 'pool'",
            "    Future<?> first = pool.submit(() -> { a.flush(); return null; });",
            "    pool.execute(() -> System.out.println(b));",
            "    first.get();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  // ---- positives: daemon executors ----

  @Test
  void forkJoinPoolOnlyShutDown() {
    helper
        .addSourceLines(
            "Fj.java",
            "import java.io.Writer;",
            "import java.util.concurrent.ForkJoinPool;",
            "class Fj {",
            "  void go(Writer w) {",
            "    ForkJoinPool pool = new ForkJoinPool(2);",
            "    // BUG: Diagnostic contains: Executor 'pool' (daemon threads: a ForkJoinPool) runs"
                + " tasks that write to 'w' but is only shut down, never awaited",
            "    pool.execute(() -> { try { w.write(\"x\"); } catch (java.io.IOException e) {} });",
            "    pool.shutdown();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void workStealingPoolNeverAwaited() {
    helper
        .addSourceLines(
            "Ws.java",
            "import java.io.OutputStream;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "class Ws {",
            "  void go(OutputStream out) {",
            "    ExecutorService pool = Executors.newWorkStealingPool();",
            "    // BUG: Diagnostic contains: (daemon threads: a work-stealing ForkJoinPool)",
            "    pool.submit(() -> { out.write(1); return null; });",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void daemonThreadFactoryLambdaShutDownOnly() {
    helper
        .addSourceLines(
            "Factory.java",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "class Factory {",
            "  void go(Writer w) {",
            "    ExecutorService pool = Executors.newFixedThreadPool(2, r -> {",
            "      Thread t = new Thread(r, \"worker\");",
            "      t.setDaemon(true);",
            "      return t;",
            "    });",
            "    // BUG: Diagnostic contains: (daemon threads: a thread factory calling"
                + " setDaemon(true))",
            "    pool.submit(() -> { w.write(\"x\"); return null; });",
            "    pool.shutdown();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void daemonThreadFactoryHeldInALocalAndAnonymousClass() {
    helper
        .addSourceLines(
            "Factory.java",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "import java.util.concurrent.ThreadFactory;",
            "class Factory {",
            "  void go(Writer w) {",
            "    ThreadFactory daemons = new ThreadFactory() {",
            "      @Override public Thread newThread(Runnable r) {",
            "        Thread t = new Thread(r);",
            "        t.setDaemon(true);",
            "        return t;",
            "      }",
            "    };",
            "    ExecutorService pool = Executors.newSingleThreadExecutor(daemons);",
            "    // BUG: Diagnostic contains: daemon threads",
            "    pool.submit(() -> { w.write(\"x\"); return null; });",
            "    pool.shutdown();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void guavaThreadFactoryBuilderSetDaemon() {
    helper
        .addSourceLines(
            "Guava.java",
            "import com.google.common.util.concurrent.ThreadFactoryBuilder;",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "class Guava {",
            "  void go(Writer w) {",
            "    ExecutorService pool = Executors.newCachedThreadPool(",
            "        new ThreadFactoryBuilder().setNameFormat(\"io-%d\").setDaemon(true).build());",
            "    // BUG: Diagnostic contains: (daemon threads: ThreadFactoryBuilder.setDaemon(true))",
            "    pool.submit(() -> { w.write(\"x\"); return null; });",
            "    pool.shutdown();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  /** A timed await counts, checked or not: its bound is its author's choice (the contract). */
  @Test
  void notFlagged_timedAwaitWhoseResultIsIgnored() {
    helper
        .addSourceLines(
            "Ignored.java",
            "import java.io.Writer;",
            "import java.util.concurrent.ForkJoinPool;",
            "import java.util.concurrent.TimeUnit;",
            "class Ignored {",
            "  void go(Writer w) throws InterruptedException {",
            "    ForkJoinPool pool = new ForkJoinPool();",
            "    pool.submit(() -> { w.write(\"x\"); return null; });",
            "    pool.shutdown();",
            "    pool.awaitTermination(1, TimeUnit.SECONDS);",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void systemExitBeforeTheAwait() {
    helper
        .addSourceLines(
            "Exit.java",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "import java.util.concurrent.TimeUnit;",
            "class Exit {",
            "  void go(Writer w, boolean failed) throws InterruptedException {",
            "    ExecutorService pool = Executors.newFixedThreadPool(1);",
            "    // BUG: Diagnostic contains: System.exit(..) runs before they are awaited",
            "    pool.submit(() -> { w.write(\"x\"); return null; });",
            "    if (failed) {",
            "      System.exit(1);",
            "    }",
            "    pool.shutdown();",
            "    while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {}",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void systemExitAfterShutdownOnlyOfANonDaemonPool() {
    helper
        .addSourceLines(
            "Exit.java",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "class Exit {",
            "  public static void main(String[] args) throws Exception {",
            "    Writer w = new java.io.FileWriter(args[0]);",
            "    ExecutorService pool = Executors.newFixedThreadPool(1);",
            "    // BUG: Diagnostic contains: System.exit",
            "    pool.submit(() -> { w.write(\"x\"); w.flush(); return null; });",
            "    pool.shutdown();",
            "    System.exit(0);",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  // ---- negatives: awaited ----

  @Test
  void shutdownAndAwaitTerminationInALoop() {
    helper
        .addSourceLines(
            "Awaited.java",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "import java.util.concurrent.TimeUnit;",
            "class Awaited {",
            "  void go(Writer w) throws InterruptedException {",
            "    ExecutorService pool = Executors.newFixedThreadPool(2, r -> {",
            "      Thread t = new Thread(r);",
            "      t.setDaemon(true);",
            "      return t;",
            "    });",
            "    pool.submit(() -> { w.write(\"x\"); return null; });",
            "    pool.shutdown();",
            "    while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {}",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void timedAwaitWhoseResultIsCheckedInFinally() {
    helper
        .addSourceLines(
            "Checked.java",
            "import java.io.Writer;",
            "import java.util.concurrent.ForkJoinPool;",
            "import java.util.concurrent.TimeUnit;",
            "class Checked {",
            "  void go(Writer w) throws InterruptedException {",
            "    ForkJoinPool pool = new ForkJoinPool();",
            "    try {",
            "      pool.submit(() -> { w.write(\"x\"); return null; });",
            "    } finally {",
            "      pool.shutdown();",
            "      if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {",
            "        throw new IllegalStateException(\"export did not finish\");",
            "      }",
            "    }",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void futureGetOnEverySubmittedTask() {
    helper
        .addSourceLines(
            "Got.java",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "import java.util.concurrent.Future;",
            "class Got {",
            "  void go(Writer a, Writer b) throws Exception {",
            "    ExecutorService pool = Executors.newWorkStealingPool();",
            "    Future<?> first = pool.submit(() -> { a.flush(); return null; });",
            "    Future<?> second = pool.submit(() -> { b.flush(); return null; });",
            "    first.get();",
            "    second.get();",
            "    pool.submit(() -> { a.flush(); return null; }).get();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void futuresCollectedInAListAndEachGot() {
    helper
        .addSourceLines(
            "Listed.java",
            "import java.io.Writer;",
            "import java.util.ArrayList;",
            "import java.util.List;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "import java.util.concurrent.Future;",
            "class Listed {",
            "  void go(List<Writer> outs) throws Exception {",
            "    ExecutorService pool = Executors.newWorkStealingPool();",
            "    List<Future<?>> futures = new ArrayList<>();",
            "    for (Writer w : outs) {",
            "      futures.add(pool.submit(() -> { w.flush(); return null; }));",
            "    }",
            "    for (Future<?> f : futures) {",
            "      f.get();",
            "    }",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void completableFuturesJoinedThroughAllOf() {
    helper
        .addSourceLines(
            "AllOf.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "class AllOf {",
            "  void go(Writer a) {",
            "    ExecutorService pool = Executors.newWorkStealingPool();",
            "    CompletableFuture<Void> one = CompletableFuture.runAsync(() -> {",
            "      try { a.flush(); } catch (IOException e) {}",
            "    }, pool);",
            "    CompletableFuture<Void> two = CompletableFuture.runAsync(() -> {",
            "      try { a.write(2); } catch (IOException e) {}",
            "    }, pool).thenRun(() -> System.out.println(\"two\"));",
            "    CompletableFuture.allOf(one, two).join();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void invokeAllWaitsForItsTasks() {
    helper
        .addSourceLines(
            "All.java",
            "import java.io.Writer;",
            "import java.util.List;",
            "import java.util.concurrent.Callable;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.ForkJoinPool;",
            "class All {",
            "  void go(Writer w) throws InterruptedException {",
            "    ExecutorService pool = new ForkJoinPool();",
            "    Callable<Void> task = () -> { w.write(\"x\"); return null; };",
            "    pool.invokeAll(List.of(task, task));",
            "    pool.shutdown();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void forkJoinAwaitQuiescenceInALoop() {
    helper
        .addSourceLines(
            "Quiet.java",
            "import java.io.Writer;",
            "import java.util.concurrent.ForkJoinPool;",
            "import java.util.concurrent.TimeUnit;",
            "class Quiet {",
            "  void go(Writer w) {",
            "    ForkJoinPool pool = new ForkJoinPool();",
            "    pool.execute(() -> { try { w.write(\"x\"); } catch (java.io.IOException e) {} });",
            "    while (!pool.awaitQuiescence(1, TimeUnit.SECONDS)) {",
            "      System.out.println(\"waiting\");",
            "    }",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void guavaShutdownAndAwaitTermination() {
    helper
        .addSourceLines(
            "GuavaAwait.java",
            "import com.google.common.util.concurrent.MoreExecutors;",
            "import java.io.Writer;",
            "import java.time.Duration;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "class GuavaAwait {",
            "  void go(Writer w) {",
            "    ExecutorService pool = Executors.newWorkStealingPool();",
            "    pool.execute(() -> { try { w.write(\"x\"); } catch (java.io.IOException e) {} });",
            "    MoreExecutors.shutdownAndAwaitTermination(pool, Duration.ofMinutes(1));",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void nonDaemonPoolShutDownWithoutAwaitIsLeftToTheJvm() {
    helper
        .addSourceLines(
            "ShutOnly.java",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "class ShutOnly {",
            "  void go(Writer w) {",
            "    ExecutorService pool = Executors.newFixedThreadPool(2);",
            "    pool.execute(() -> { try { w.write(\"x\"); } catch (java.io.IOException e) {} });",
            "    pool.shutdown();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  // ---- negatives: escapes ----

  @Test
  void returnedExecutorEscapes() {
    helper
        .addSourceLines(
            "Returned.java",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "class Returned {",
            "  ExecutorService go(Writer w) {",
            "    ExecutorService pool = Executors.newFixedThreadPool(2);",
            "    pool.execute(() -> { try { w.write(\"x\"); } catch (java.io.IOException e) {} });",
            "    return pool;",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void executorPassedToAnotherMethodEscapes() {
    helper
        .addSourceLines(
            "Passed.java",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "class Passed {",
            "  void go(Writer w) {",
            "    ExecutorService pool = Executors.newFixedThreadPool(2);",
            "    pool.execute(() -> { try { w.write(\"x\"); } catch (java.io.IOException e) {} });",
            "    register(pool);",
            "  }",
            "  void register(ExecutorService pool) {}",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void executorCapturedByAShutdownHookEscapes() {
    helper
        .addSourceLines(
            "Hook.java",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "class Hook {",
            "  void go(Writer w) {",
            "    ExecutorService pool = Executors.newWorkStealingPool();",
            "    pool.execute(() -> { try { w.write(\"x\"); } catch (java.io.IOException e) {} });",
            "    Runtime.getRuntime().addShutdownHook(new Thread(() -> pool.shutdownNow()));",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void executorStoredInAFieldEscapes() {
    helper
        .addSourceLines(
            "Stored.java",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "class Stored {",
            "  private ExecutorService workers;",
            "  void go(Writer w) {",
            "    ExecutorService pool = Executors.newFixedThreadPool(2);",
            "    pool.execute(() -> { try { w.write(\"x\"); } catch (java.io.IOException e) {} });",
            "    this.workers = pool;",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void escapingFutureIsOwnedElsewhere() {
    helper
        .addSourceLines(
            "FutureOut.java",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "import java.util.concurrent.Future;",
            "class FutureOut {",
            "  Future<?> go(Writer w) {",
            "    ExecutorService pool = Executors.newWorkStealingPool();",
            "    return pool.submit(() -> { w.flush(); return null; });",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void executorsNotCreatedHereAreNotJudged() {
    helper
        .addSourceLines(
            "Given.java",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.ForkJoinPool;",
            "class Given {",
            "  private final ExecutorService shared;",
            "  Given(ExecutorService shared) { this.shared = shared; }",
            "  void go(Writer w, ExecutorService pool) {",
            "    pool.execute(() -> { try { w.write(\"x\"); } catch (java.io.IOException e) {} });",
            "    shared.execute(() -> { try { w.write(\"y\"); } catch (java.io.IOException e) {} });",
            "    ExecutorService common = ForkJoinPool.commonPool();",
            "    common.execute(() -> { try { w.write(\"z\"); } catch (java.io.IOException e) {} });",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  // ---- negatives: no resource ----

  @Test
  void inMemoryStreamsAndStandardOutputAreNotResources() {
    helper
        .addSourceLines(
            "Memory.java",
            "import java.io.ByteArrayOutputStream;",
            "import java.io.StringWriter;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "class Memory {",
            "  void go() {",
            "    StringWriter text = new StringWriter();",
            "    ByteArrayOutputStream bytes = new ByteArrayOutputStream();",
            "    ExecutorService pool = Executors.newFixedThreadPool(2);",
            "    pool.execute(() -> text.write(\"x\"));",
            "    pool.execute(() -> bytes.write(1));",
            "    pool.execute(() -> System.out.println(\"hello\"));",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void tasksTouchingNoResource() {
    helper
        .addSourceLines(
            "Pure.java",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "import java.util.concurrent.atomic.AtomicInteger;",
            "class Pure {",
            "  void go(AtomicInteger counter) {",
            "    ExecutorService pool = Executors.newFixedThreadPool(2);",
            "    pool.execute(counter::incrementAndGet);",
            "    pool.execute(() -> counter.addAndGet(2));",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void daemonPoolWhoseTasksOnlyReadLosesNothingAtExit() {
    helper
        .addSourceLines(
            "Reads.java",
            "import java.io.InputStream;",
            "import java.util.concurrent.ForkJoinPool;",
            "class Reads {",
            "  void go(InputStream in) {",
            "    ForkJoinPool pool = new ForkJoinPool();",
            "    pool.submit(() -> in.read());",
            "    pool.shutdown();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  // ---- negatives: suppression and precedence ----

  @Test
  void suppressedOnTheMethod() {
    helper
        .addSourceLines(
            "Suppressed.java",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "class Suppressed {",
            "  @SuppressWarnings(\"UnjoinedExecutorResource\")",
            "  void go(Writer w) {",
            "    ExecutorService pool = Executors.newFixedThreadPool(2);",
            "    pool.execute(() -> { try { w.write(\"x\"); } catch (java.io.IOException e) {} });",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void suppressedOnTheExecutorVariable() {
    helper
        .addSourceLines(
            "Suppressed.java",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "class Suppressed {",
            "  void go(Writer w) {",
            "    @SuppressWarnings(\"UnjoinedExecutorResource\")",
            "    ExecutorService pool = Executors.newFixedThreadPool(2);",
            "    pool.execute(() -> { try { w.write(\"x\"); } catch (java.io.IOException e) {} });",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void resourceClosedUnderTheTaskIsLeftToTaskOutlivesResource() {
    helper
        .addSourceLines(
            "Closed.java",
            "import java.io.FileWriter;",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "class Closed {",
            "  void go(String path) throws IOException {",
            "    ExecutorService pool = Executors.newFixedThreadPool(2);",
            "    try (Writer w = new FileWriter(path)) {",
            "      // With all checks: Diagnostic contains: [TaskOutlivesResource] The task handed to pool uses 'w'",
            "      pool.execute(() -> { try { w.write(\"x\"); } catch (IOException e) {} });",
            "    }",
            "    Writer log = new FileWriter(path + \".log\");",
            "    // With all checks: Diagnostic contains: [TaskOutlivesResource] The task handed to pool uses 'log'",
            "    pool.execute(() -> { try { log.write(\"y\"); } catch (IOException e) {} });",
            "    log.close();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  // ---- Java 21 shapes ----

  @Test
  @EnabledForJreRange(min = JRE.JAVA_21)
  void virtualThreadExecutorNeverAwaited() {
    helper
        .addSourceLines(
            "Virtual.java",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "class Virtual {",
            "  void go(Writer w) {",
            "    ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();",
            "    // BUG: Diagnostic contains: Executor 'pool' (daemon threads: virtual threads) runs"
                + " tasks that write to 'w' but is never shut down or awaited",
            "    pool.submit(() -> { w.write(\"x\"); return null; });",
            "  }",
            "}")
        .setArgs(STRICT, "--release", "21")
        .doTest();
  }

  @Test
  @EnabledForJreRange(min = JRE.JAVA_21)
  void virtualThreadFactoryShutDownOnly() {
    helper
        .addSourceLines(
            "VirtualFactory.java",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "class VirtualFactory {",
            "  void go(Writer w) {",
            "    ExecutorService pool =",
            "        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(\"io\").factory());",
            "    // BUG: Diagnostic contains: (daemon threads: Thread.ofVirtual().factory())",
            "    pool.submit(() -> { w.write(\"x\"); return null; });",
            "    pool.shutdown();",
            "  }",
            "}")
        .setArgs(STRICT, "--release", "21")
        .doTest();
  }

  @Test
  @EnabledForJreRange(min = JRE.JAVA_21)
  void daemonPlatformBuilderFactoryShutDownOnly() {
    helper
        .addSourceLines(
            "DaemonBuilder.java",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "class DaemonBuilder {",
            "  void go(Writer w) {",
            "    ExecutorService pool =",
            "        Executors.newFixedThreadPool(2, Thread.ofPlatform().daemon().factory());",
            "    // BUG: Diagnostic contains: (daemon threads: Thread.ofPlatform().daemon())",
            "    pool.submit(() -> { w.write(\"x\"); return null; });",
            "    pool.shutdown();",
            "  }",
            "}")
        .setArgs(STRICT, "--release", "21")
        .doTest();
  }

  @Test
  @EnabledForJreRange(min = JRE.JAVA_21)
  void closeAndTryWithResourcesAwait() {
    helper
        .addSourceLines(
            "Closed.java",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "class Closed {",
            "  void closes(Writer w) {",
            "    ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();",
            "    pool.submit(() -> { w.write(\"x\"); return null; });",
            "    pool.close();",
            "  }",
            "  void declaredInTry(Writer w) {",
            "    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {",
            "      pool.submit(() -> { w.write(\"x\"); return null; });",
            "    }",
            "  }",
            "  void namedInTry(Writer w) {",
            "    ExecutorService pool = Executors.newFixedThreadPool(2);",
            "    try (pool) {",
            "      pool.submit(() -> { w.write(\"x\"); return null; });",
            "    }",
            "  }",
            "}")
        .setArgs(STRICT, "--release", "21")
        .doTest();
  }

  @Test
  void docsExampleIsFlagged() {
    helper
        .addSourceLines(
            "Exporter.java",
            "import java.io.IOException;",
            "import java.io.UncheckedIOException;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "import java.util.List;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "class Exporter {",
            "  record Report(Path path, String text) {}",
            "  void export(List<Report> reports) {",
            "    ExecutorService pool = Executors.newFixedThreadPool(4);",
            "    for (Report report : reports) {",
            "      // BUG: Diagnostic contains: Files.writeString(report.path(), report.text())",
            "      pool.execute(() -> save(report));",
            "    }",
            "    System.out.println(\"exported \" + reports.size() + \" reports\");",
            "  }",
            "  private static void save(Report report) {",
            "    try {",
            "      Files.writeString(report.path(), report.text());",
            "    } catch (IOException e) {",
            "      throw new UncheckedIOException(e);",
            "    }",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  // ---- executors in private instance fields: owned by their class ----

  @Test
  void fieldExecutorNoMethodEverShutsDown() {
    helper
        .addSourceLines(
            "Archiver.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "class Archiver {",
            "  private final ExecutorService pool = Executors.newFixedThreadPool(2);",
            "  private final Writer out;",
            "  Archiver(Writer out) { this.out = out; }",
            "  void archive(String entry) {",
            "    // BUG: Diagnostic contains: Executor field 'pool' (non-daemon threads) runs tasks"
                + " that use 'out' but no method of its class ever shuts it down",
            "    pool.execute(() -> { try { out.write(entry); } catch (IOException e) {} });",
            "  }",
            "  void flushLater() {",
            "    this.pool.execute(() -> { try { out.flush(); } catch (IOException e) {} });",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void daemonFieldExecutorWhoseCloseOnlyShutsDown() {
    helper
        .addSourceLines(
            "Archiver.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "class Archiver implements AutoCloseable {",
            "  private final ExecutorService pool;",
            "  private final Writer out;",
            "  Archiver(Writer out) {",
            "    this.out = out;",
            "    this.pool = Executors.newSingleThreadExecutor(r -> {",
            "      Thread t = new Thread(r);",
            "      t.setDaemon(true);",
            "      return t;",
            "    });",
            "  }",
            "  void archive(String entry) {",
            "    // BUG: Diagnostic contains: but no method of its class waits for it after"
                + " shutdown()",
            "    pool.execute(() -> { try { out.write(entry); } catch (IOException e) {} });",
            "  }",
            "  @Override public void close() {",
            "    pool.shutdown();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void fieldExecutorAwaitedInClose() {
    helper
        .addSourceLines(
            "Archiver.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "import java.util.concurrent.ForkJoinPool;",
            "import java.util.concurrent.TimeUnit;",
            "class Archiver implements AutoCloseable {",
            "  private final ForkJoinPool pool = new ForkJoinPool(2);",
            "  private final Writer out;",
            "  Archiver(Writer out) { this.out = out; }",
            "  void archive(String entry) {",
            "    pool.execute(() -> { try { out.write(entry); } catch (IOException e) {} });",
            "  }",
            "  @Override public void close() throws InterruptedException {",
            "    pool.shutdown();",
            "    while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {}",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void nonDaemonFieldExecutorShutDownInStop() {
    helper
        .addSourceLines(
            "Archiver.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "class Archiver {",
            "  private final ExecutorService pool = Executors.newFixedThreadPool(2);",
            "  private final Writer out;",
            "  Archiver(Writer out) { this.out = out; }",
            "  void archive(String entry) {",
            "    pool.execute(() -> { try { out.write(entry); } catch (IOException e) {} });",
            "  }",
            "  void stop() {",
            "    pool.shutdownNow();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void fieldExecutorsThatEscapeOrAreNotPrivateInstanceFields() {
    helper
        .addSourceLines(
            "Exposed.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "class Exposed {",
            "  private final ExecutorService gotten = Executors.newFixedThreadPool(2);",
            "  private final ExecutorService hooked = Executors.newFixedThreadPool(2);",
            "  final ExecutorService packagePrivate = Executors.newFixedThreadPool(2);",
            "  private static final ExecutorService SHARED = Executors.newFixedThreadPool(2);",
            "  @SuppressWarnings(\"UnjoinedExecutorResource\")",
            "  private final ExecutorService suppressed = Executors.newFixedThreadPool(2);",
            "  private final Writer out;",
            "  Exposed(Writer out) {",
            "    this.out = out;",
            "    Runtime.getRuntime().addShutdownHook(new Thread(() -> hooked.shutdown()));",
            "  }",
            "  ExecutorService executor() { return gotten; }",
            "  void archive(String entry) {",
            "    gotten.execute(() -> { try { out.write(entry); } catch (IOException e) {} });",
            "    hooked.execute(() -> { try { out.write(entry); } catch (IOException e) {} });",
            "    packagePrivate.execute(() -> { try { out.write(entry); } catch (IOException e) {} });",
            "    SHARED.execute(() -> { try { out.write(entry); } catch (IOException e) {} });",
            "    suppressed.execute(() -> { try { out.write(entry); } catch (IOException e) {} });",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  // ---- latches ----

  @Test
  void latchCountedDownByTheTasksAndAwaited() {
    helper
        .addSourceLines(
            "Latched.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "import java.util.List;",
            "import java.util.concurrent.CountDownLatch;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "import java.util.concurrent.TimeUnit;",
            "class Latched {",
            "  void untimed(Writer w, List<String> rows) throws InterruptedException {",
            "    ExecutorService pool = Executors.newWorkStealingPool();",
            "    CountDownLatch done = new CountDownLatch(rows.size());",
            "    for (String row : rows) {",
            "      pool.execute(() -> {",
            "        try { w.write(row); } catch (IOException e) {} finally { done.countDown(); }",
            "      });",
            "    }",
            "    done.await();",
            "  }",
            "  void timedInALoop(Writer w) throws InterruptedException {",
            "    ExecutorService pool = Executors.newWorkStealingPool();",
            "    CountDownLatch done = new CountDownLatch(1);",
            "    pool.execute(() -> {",
            "      try { w.write(\"x\"); } catch (IOException e) {} finally { done.countDown(); }",
            "    });",
            "    while (!done.await(1, TimeUnit.SECONDS)) {",
            "      System.out.println(\"waiting\");",
            "    }",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void latchWaitThatDoesNotCoverTheTask() {
    helper
        .addSourceLines(
            "Latched.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "import java.util.concurrent.CountDownLatch;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "import java.util.concurrent.TimeUnit;",
            "class Latched {",
            "  void timedAndUnchecked(Writer w) throws InterruptedException {",
            "    ExecutorService pool = Executors.newWorkStealingPool();",
            "    CountDownLatch done = new CountDownLatch(1);",
            "    pool.execute(() -> {",
            "      try { w.write(\"x\"); } catch (IOException e) {} finally { done.countDown(); }",
            "    });",
            "    done.await(1, TimeUnit.SECONDS);",
            "  }",
            "  void anotherLatch(Writer w, CountDownLatch started) throws InterruptedException {",
            "    ExecutorService pool = Executors.newWorkStealingPool();",
            "    CountDownLatch done = new CountDownLatch(1);",
            "    // BUG: Diagnostic contains: Executor 'pool'",
            "    pool.execute(() -> {",
            "      started.countDown();",
            "      try { w.write(\"x\"); } catch (IOException e) {}",
            "    });",
            "    done.await();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  // ---- a non-daemon pool shut down, then the method goes on using the resource ----

  @Test
  void resourceUsedAgainAfterShutdownWithoutAwait() {
    helper
        .addSourceLines(
            "GoesOn.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "class GoesOn {",
            "  void go(Writer out, String path) throws IOException {",
            "    ExecutorService pool = Executors.newFixedThreadPool(2);",
            "    // BUG: Diagnostic contains: is shut down but not awaited before this method uses"
                + " 'out' again",
            "    pool.execute(() -> { try { out.write(\"rows\"); } catch (IOException e) {} });",
            "    pool.shutdown();",
            "    out.write(\"footer\");",
            "    System.out.println(path);",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void shutdownThenOnlyUnrelatedCodeIsLeftToTheJvm() {
    helper
        .addSourceLines(
            "GoesOn.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "class GoesOn {",
            "  void go(Writer out, String path) {",
            "    ExecutorService pool = Executors.newFixedThreadPool(2);",
            "    pool.execute(() -> { try { out.write(path); } catch (IOException e) {} });",
            "    out.hashCode();",
            "    pool.shutdown();",
            "    System.out.println(\"writing \" + path);",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }
}
