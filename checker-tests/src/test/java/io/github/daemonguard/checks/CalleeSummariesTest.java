package io.github.daemonguard.checks;

import static io.github.daemonguard.checks.TestArgs.STRICT;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * Callees in other files of the same compilation: each test compiles two or three source files in
 * one javac run, with the method that decides the finding in a file other than the launch's.
 */
final class CalleeSummariesTest {
  private final CompilationTestHelper daemon =
      CompilationTestHelper.newInstance(DaemonThreadResource.class, getClass());
  private final CompilationTestHelper executors =
      CompilationTestHelper.newInstance(UnjoinedExecutorResource.class, getClass());
  private final CompilationTestHelper outlives =
      CompilationTestHelper.newInstance(TaskOutlivesResource.class, getClass());

  private static final String[] DUMPER = {
    "import java.io.IOException;",
    "import java.nio.file.Files;",
    "import java.nio.file.Path;",
    "final class Dumper {",
    "  private Dumper() {}",
    "  static void dump(Path p) {",
    "    try { Files.writeString(p, \"state\"); } catch (IOException e) {}",
    "  }",
    "  static void peek(Path p) {",
    "    try { Files.readString(p); } catch (IOException e) {}",
    "  }",
    "  static void one(Path p) { two(p); }",
    "  static void two(Path p) { three(p); }",
    "  static void three(Path p) { dump(p); }",
    "}"
  };

  @Test
  void taskWritesThroughAStaticMethodOfAnotherFile() {
    daemon
        .addSourceLines("Dumper.java", DUMPER)
        .addSourceLines(
            "Exporter.java",
            "import java.nio.file.Path;",
            "class Exporter {",
            "  static void export(Path p) {",
            "    Thread t = new Thread(() -> Dumper.dump(p));",
            "    t.setDaemon(true);",
            "    // BUG: Diagnostic contains: writes to Files.writeString(p, \"state\")",
            "    t.start();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void taskThatOnlyReadsThroughAnotherFileIsNotFlagged() {
    daemon
        .addSourceLines("Dumper.java", DUMPER)
        .addSourceLines(
            "Exporter.java",
            "import java.nio.file.Path;",
            "class Exporter {",
            "  static void export(Path p) {",
            "    Thread t = new Thread(() -> Dumper.peek(p));",
            "    t.setDaemon(true);",
            "    t.start();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void callsAreFollowedThreeDeepAndNoFurther() {
    daemon
        .addSourceLines("Dumper.java", DUMPER)
        .addSourceLines(
            "Exporter.java",
            "import java.nio.file.Path;",
            "class Exporter {",
            "  static void threeDeep(Path p) {",
            // two -> three -> dump: the write is the third call.
            "    Thread t = new Thread(() -> Dumper.two(p));",
            "    t.setDaemon(true);",
            "    // BUG: Diagnostic contains: writes to Files.writeString(p, \"state\")",
            "    t.start();",
            "  }",
            "  static void fourDeep(Path p) {",
            // one -> two -> three -> dump: too deep, not seen.
            "    Thread t = new Thread(() -> Dumper.one(p));",
            "    t.setDaemon(true);",
            "    t.start();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void abstractCalleesAddNothing() {
    daemon
        .addSourceLines(
            "Sink.java",
            "import java.nio.file.Path;",
            "interface Sink {",
            "  void dump(Path p);",
            "}")
        .addSourceLines(
            "Exporter.java",
            "import java.nio.file.Path;",
            "class Exporter {",
            "  static void export(Sink sink, Path p) {",
            "    Thread t = new Thread(() -> sink.dump(p));",
            "    t.setDaemon(true);",
            "    t.start();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void aCalleeThatWritesItsParameterMakesTheArgumentWritten() {
    daemon
        .addSourceLines(
            "Channel.java",
            "import java.io.Closeable;",
            "interface Channel extends Closeable {",
            "  void send(String message);",
            "}")
        .addSourceLines(
            "Relay.java",
            "final class Relay {",
            "  private Relay() {}",
            "  static void pass(Channel c) { c.send(\"tick\"); }",
            "  static void look(Channel c) { c.hashCode(); }",
            "}")
        .addSourceLines(
            "Ticker.java",
            "class Ticker {",
            "  static void tick(Channel channel) {",
            "    Thread t = new Thread(() -> Relay.pass(channel));",
            "    t.setDaemon(true);",
            "    // BUG: Diagnostic contains: writes to 'channel'",
            "    t.start();",
            "  }",
            "  static void look(Channel channel) {",
            "    Thread t = new Thread(() -> Relay.look(channel));",
            "    t.setDaemon(true);",
            "    t.start();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void aFieldWrittenByAnotherClassesMethodIsClosedUnderTheTask() {
    outlives
        .addSourceLines(
            "Journal.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "final class Journal {",
            "  private Journal() {}",
            "  static void entry(Writer w) {",
            "    try { w.write(\"entry\"); } catch (IOException e) {}",
            "  }",
            "}")
        .addSourceLines(
            "Recorder.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "import java.util.concurrent.ExecutorService;",
            "class Recorder {",
            "  static void record(ExecutorService pool, Path p) throws IOException {",
            "    try (Writer w = Files.newBufferedWriter(p)) {",
            "      // BUG: Diagnostic contains: 'w'",
            "      pool.execute(() -> Journal.entry(w));",
            "    }",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  private static final String[] THREADS = {
    "final class Threads {",
    "  private Threads() {}",
    "  static void await(Thread t) throws InterruptedException { t.join(); }",
    "  static void awaitVia(Thread t) throws InterruptedException { await(t); }",
    "  static void stop(Thread t) { t.interrupt(); }",
    "  static final java.util.List<Thread> ALL = new java.util.ArrayList<>();",
    "  static void keep(Thread t) { ALL.add(t); }",
    "  static String name(Thread t) { return t.getName(); }",
    "}"
  };

  @Test
  void aHelperOfAnotherFileThatJoinsIsAnAwait() {
    daemon
        .addSourceLines("Threads.java", THREADS)
        .addSourceLines(
            "Exporter.java",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "class Exporter {",
            "  static void export(Path p) throws Exception {",
            "    Thread t = new Thread(() -> {",
            "      try { Files.writeString(p, \"x\"); } catch (java.io.IOException e) {}",
            "    });",
            "    t.setDaemon(true);",
            "    t.start();",
            "    Threads.await(t);",
            "  }",
            "  static void exportVia(Path p) throws Exception {",
            "    Thread t = new Thread(() -> {",
            "      try { Files.writeString(p, \"x\"); } catch (java.io.IOException e) {}",
            "    });",
            "    t.setDaemon(true);",
            "    t.start();",
            "    Threads.awaitVia(t);",
            "  }",
            "  static void kept(Path p) {",
            "    Thread t = new Thread(() -> {",
            "      try { Files.writeString(p, \"x\"); } catch (java.io.IOException e) {}",
            "    });",
            "    t.setDaemon(true);",
            "    t.start();",
            "    Threads.keep(t);",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void aHelperOfAnotherFileThatOnlySignalsLeavesTheThreadTheCallers() {
    daemon
        .addSourceLines("Threads.java", THREADS)
        .addSourceLines(
            "Exporter.java",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "class Exporter {",
            "  static void export(Path p) {",
            "    Thread t = new Thread(() -> {",
            "      try { Files.writeString(p, \"x\"); } catch (java.io.IOException e) {}",
            "    });",
            "    t.setDaemon(true);",
            "    // BUG: Diagnostic contains: nobody waits",
            "    t.start();",
            "    Threads.stop(t);",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void anAwaitThroughAHelperMustBeOnEveryNormalPath() {
    daemon
        .addSourceLines("Threads.java", THREADS)
        .addSourceLines(
            "Exporter.java",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "class Exporter {",
            "  static void export(Path p, boolean wait) throws Exception {",
            "    Thread t = new Thread(() -> {",
            "      try { Files.writeString(p, \"x\"); } catch (java.io.IOException e) {}",
            "    });",
            "    t.setDaemon(true);",
            "    // BUG: Diagnostic contains: DaemonThreadResource",
            "    t.start();",
            "    if (wait) {",
            "      Threads.await(t);",
            "    }",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  /** The h2 TranslateThread shape: the thread's own method joins itself, via another file. */
  @Test
  void aThreadWhoseOwnMethodJoinsItIsAwaitedByTheOwnerThatCallsIt() {
    daemon
        .addSourceLines("Threads.java", THREADS)
        .addSourceLines(
            "Exporter.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "class Exporter {",
            "  private Worker worker;",
            "  private static final class Worker extends Thread {",
            "    private volatile boolean done;",
            "    Worker() { setDaemon(true); }",
            "    void finish() throws InterruptedException {",
            "      done = true;",
            "      Threads.await(this);",
            "    }",
            "    @Override public void run() {",
            "      while (!done) {",
            "        try (Writer w = Files.newBufferedWriter(Path.of(\"out.txt\"))) {",
            "          w.write(\"tick\");",
            "          Thread.sleep(1000);",
            "        } catch (IOException | InterruptedException e) {",
            "          return;",
            "        }",
            "      }",
            "    }",
            "  }",
            "  void start() { worker = new Worker(); worker.start(); }",
            "  void stop() throws InterruptedException { worker.finish(); }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void aThreadWhoseOwnMethodJoinsItselfDirectlyIsAwaited() {
    daemon
        .addSourceLines(
            "Exporter.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "class Exporter {",
            "  private Worker worker;",
            "  private static final class Worker extends Thread {",
            "    private volatile boolean done;",
            "    Worker() { setDaemon(true); }",
            "    void finish() throws InterruptedException {",
            "      done = true;",
            "      join();",
            "    }",
            "    @Override public void run() {",
            "      while (!done) {",
            "        try (Writer w = Files.newBufferedWriter(Path.of(\"out.txt\"))) {",
            "          w.write(\"tick\");",
            "          Thread.sleep(1000);",
            "        } catch (IOException | InterruptedException e) {",
            "          return;",
            "        }",
            "      }",
            "    }",
            "  }",
            "  void restart() throws InterruptedException {",
            "    if (worker != null) {",
            "      worker.finish();",
            "    }",
            "    worker = new Worker();",
            "    worker.start();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void aThreadWhoseOwnMethodOnlySignalsIsNotAwaited() {
    daemon
        .addSourceLines("Threads.java", THREADS)
        .addSourceLines(
            "Exporter.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "class Exporter {",
            "  private Worker worker;",
            "  private static final class Worker extends Thread {",
            "    private volatile boolean done;",
            "    Worker() { setDaemon(true); }",
            "    void finish() {",
            "      done = true;",
            "      Threads.stop(this);",
            "    }",
            "    @Override public void run() {",
            "      while (!done) {",
            "        try (Writer w = Files.newBufferedWriter(Path.of(\"out.txt\"))) {",
            "          w.write(\"tick\");",
            "          Thread.sleep(1000);",
            "        } catch (IOException | InterruptedException e) {",
            "          return;",
            "        }",
            "      }",
            "    }",
            "  }",
            "  void start() {",
            "    worker = new Worker();",
            "    // BUG: Diagnostic contains: DaemonThreadResource",
            "    worker.start();",
            "  }",
            "  void stop() { worker.finish(); }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  private static final String[] POOLS = {
    "import java.util.concurrent.ExecutorService;",
    "import java.util.concurrent.Executors;",
    "import java.util.concurrent.LinkedBlockingQueue;",
    "import java.util.concurrent.ThreadPoolExecutor;",
    "import java.util.concurrent.TimeUnit;",
    "final class Pools {",
    "  private Pools() {}",
    "  static final ExecutorService SHARED = Executors.newCachedThreadPool();",
    "  static ExecutorService newPool() { return Executors.newFixedThreadPool(2); }",
    "  static ExecutorService viaLocal() {",
    "    ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,",
    "        new LinkedBlockingQueue<>());",
    "    pool.allowCoreThreadTimeOut(false);",
    "    return pool;",
    "  }",
    "  static ExecutorService viaFactory() { return newPool(); }",
    "  static ExecutorService daemonPool() {",
    "    return Executors.newCachedThreadPool(new DaemonFactory());",
    "  }",
    "  static ExecutorService shared() { return SHARED; }",
    "  static ExecutorService either(boolean big) {",
    "    if (big) { return Executors.newFixedThreadPool(8); }",
    "    return SHARED;",
    "  }",
    "  static void stop(ExecutorService pool) throws InterruptedException {",
    "    pool.shutdown();",
    "    pool.awaitTermination(1, TimeUnit.MINUTES);",
    "  }",
    "  static void stopVia(ExecutorService pool) throws InterruptedException { stop(pool); }",
    "  static void signal(ExecutorService pool) { pool.shutdown(); }",
    "  static void await(java.util.concurrent.Future<?> f) throws Exception { f.get(); }",
    "}"
  };

  private static final String[] DAEMON_FACTORY = {
    "import java.util.concurrent.ThreadFactory;",
    "final class DaemonFactory implements ThreadFactory {",
    "  @Override public Thread newThread(Runnable r) {",
    "    Thread t = new Thread(r);",
    "    t.setDaemon(true);",
    "    return t;",
    "  }",
    "}"
  };

  @Test
  void anExecutorFromAFactoryOfAnotherFileIsTheCallers() {
    executors
        .addSourceLines("Pools.java", POOLS)
        .addSourceLines("DaemonFactory.java", DAEMON_FACTORY)
        .addSourceLines(
            "Exporter.java",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "import java.util.concurrent.ExecutorService;",
            "class Exporter {",
            "  static void direct(Path p) {",
            "    ExecutorService pool = Pools.newPool();",
            "    // BUG: Diagnostic contains: Executor 'pool' (non-daemon threads)",
            "    pool.execute(() -> {",
            "      try { Files.writeString(p, \"x\"); } catch (java.io.IOException e) {}",
            "    });",
            "  }",
            "  static void local(Path p) {",
            "    ExecutorService pool = Pools.viaLocal();",
            "    // BUG: Diagnostic contains: Executor 'pool' (non-daemon threads)",
            "    pool.execute(() -> {",
            "      try { Files.writeString(p, \"x\"); } catch (java.io.IOException e) {}",
            "    });",
            "  }",
            "  static void nested(Path p) {",
            "    ExecutorService pool = Pools.viaFactory();",
            "    // BUG: Diagnostic contains: Executor 'pool' (non-daemon threads)",
            "    pool.execute(() -> {",
            "      try { Files.writeString(p, \"x\"); } catch (java.io.IOException e) {}",
            "    });",
            "  }",
            "  static void shared(Path p) {",
            "    ExecutorService pool = Pools.shared();",
            "    pool.execute(() -> {",
            "      try { Files.writeString(p, \"x\"); } catch (java.io.IOException e) {}",
            "    });",
            "  }",
            "  static void either(Path p) {",
            "    ExecutorService pool = Pools.either(true);",
            "    pool.execute(() -> {",
            "      try { Files.writeString(p, \"x\"); } catch (java.io.IOException e) {}",
            "    });",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void aDaemonBackedFactoryOfAnotherFileMakesTheCallersExecutorDaemon() {
    executors
        .addSourceLines("Pools.java", POOLS)
        .addSourceLines("DaemonFactory.java", DAEMON_FACTORY)
        .addSourceLines(
            "Exporter.java",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "import java.util.concurrent.ExecutorService;",
            "class Exporter {",
            "  static void export(Path p) {",
            "    ExecutorService pool = Pools.daemonPool();",
            "    // BUG: Diagnostic contains: daemon threads: made by Pools.daemonPool() from a"
                + " thread factory calling setDaemon(true)",
            "    pool.execute(() -> {",
            "      try { Files.writeString(p, \"x\"); } catch (java.io.IOException e) {}",
            "    });",
            "    pool.shutdown();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void anExecutorHandedToAHelperOfAnotherFileFollowsItsSummary() {
    executors
        .addSourceLines("Pools.java", POOLS)
        .addSourceLines("DaemonFactory.java", DAEMON_FACTORY)
        .addSourceLines(
            "Exporter.java",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Future;",
            "class Exporter {",
            "  static void stopped(Path p) throws InterruptedException {",
            "    ExecutorService pool = Pools.daemonPool();",
            "    pool.execute(() -> {",
            "      try { Files.writeString(p, \"x\"); } catch (java.io.IOException e) {}",
            "    });",
            "    Pools.stop(pool);",
            "  }",
            "  static void stoppedVia(Path p) throws InterruptedException {",
            "    ExecutorService pool = Pools.daemonPool();",
            "    pool.execute(() -> {",
            "      try { Files.writeString(p, \"x\"); } catch (java.io.IOException e) {}",
            "    });",
            "    Pools.stopVia(pool);",
            "  }",
            "  static void signalled(Path p) {",
            "    ExecutorService pool = Pools.daemonPool();",
            "    // BUG: Diagnostic contains: but is only shut down, never awaited",
            "    pool.execute(() -> {",
            "      try { Files.writeString(p, \"x\"); } catch (java.io.IOException e) {}",
            "    });",
            "    Pools.signal(pool);",
            "  }",
            "  static void futureAwaited(Path p) throws Exception {",
            "    ExecutorService pool = Pools.daemonPool();",
            "    Future<?> f = pool.submit(() -> {",
            "      try { Files.writeString(p, \"x\"); } catch (java.io.IOException e) {}",
            "    });",
            "    Pools.await(f);",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  /**
   * A daemon thread that writes through a method called on another object (the logger's own writer)
   * still writes: the JVM kills it at exit all the same.
   */
  @Test
  void daemonWritesThroughAMethodOfAnotherObject() {
    daemon
        .addSourceLines(
            "FileLog.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "final class FileLog {",
            "  private final Writer out;",
            "  FileLog(Writer out) { this.out = out; }",
            "  void append(String line) {",
            "    try { out.write(line); } catch (IOException e) { }",
            "  }",
            "}")
        .addSourceLines(
            "Shipper.java",
            "final class Shipper {",
            "  void ship(FileLog log) {",
            "    Thread t = new Thread(() -> log.append(\"x\"));",
            "    t.setDaemon(true);",
            "    // BUG: Diagnostic contains: A daemon thread (setDaemon(true)) writes to 'out'",
            "    t.start();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }
}
