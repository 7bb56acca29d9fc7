package io.github.daemonguard.checks;

import static io.github.daemonguard.checks.TestArgs.STRICT;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * Each {@code -XepOpt:DaemonGuard:<Flag>}: the same source, compiled with and without the flag. The
 * project types the flags name ({@code io.github.daemonguard.fixtures}) are on the classpath only,
 * as they would be in a real build where they come from a jar.
 */
final class FlagsTest {
  private static final String FIXTURES = "io.github.daemonguard.fixtures.";

  private static CompilationTestHelper daemon() {
    return CompilationTestHelper.newInstance(DaemonThreadResource.class, FlagsTest.class);
  }

  private static CompilationTestHelper outlives() {
    return CompilationTestHelper.newInstance(TaskOutlivesResource.class, FlagsTest.class);
  }

  private static CompilationTestHelper executor() {
    return CompilationTestHelper.newInstance(UnjoinedExecutorResource.class, FlagsTest.class);
  }

  private static String flag(String name, String value) {
    return "-XepOpt:DaemonGuard:" + name + "=" + value;
  }

  private static final String WRITE =
      "  static void write(java.io.Writer w) { try { w.write(\"x\"); } catch (java.io.IOException"
          + " e) { throw new java.io.UncheckedIOException(e); } }";

  // ---- AwaitMethods ----

  private static final String[] POOL_AWAITED_AFTER_THE_CLOSE = {
    "import io.github.daemonguard.fixtures.Pools;",
    "import java.io.IOException;",
    "import java.io.Writer;",
    "import java.nio.file.Files;",
    "import java.nio.file.Path;",
    "import java.util.concurrent.ExecutorService;",
    "import java.util.concurrent.Executors;",
    "class Export {",
    WRITE,
    "  void export(Path path) throws IOException, InterruptedException {",
    "    ExecutorService pool = Executors.newFixedThreadPool(2);",
    "    try (Writer w = Files.newBufferedWriter(path)) {",
    "      // BUG: Diagnostic contains: uses 'w', which this method closes before waiting",
    "      pool.execute(() -> write(w));",
    "    }",
    "    Pools.shutdownAndAwait(pool);",
    "  }",
    "}"
  };

  @Test
  void awaitMethodsMakeAProjectHelperAnAwaitInsteadOfAnEscape() {
    outlives()
        .addSourceLines("Export.java", POOL_AWAITED_AFTER_THE_CLOSE)
        .setArgs(STRICT, flag("AwaitMethods", FIXTURES + "Pools#shutdownAndAwait"))
        .doTest();
  }

  @Test
  void withoutAwaitMethodsTheHelperIsAnEscape() {
    outlives()
        .addSourceLines("Export.java", withoutMarkers(POOL_AWAITED_AFTER_THE_CLOSE))
        .setArgs(STRICT)
        .doTest();
  }

  private static final String[] THREAD_AWAITED_ON_ONE_PATH = {
    "import io.github.daemonguard.fixtures.Pools;",
    "import java.io.Writer;",
    "class Export {",
    WRITE,
    "  void export(Writer w, boolean wait) throws InterruptedException {",
    "    Thread t = new Thread(() -> write(w));",
    "    t.setDaemon(true);",
    "    // BUG: Diagnostic contains: DaemonThreadResource",
    "    t.start();",
    "    if (wait) {",
    "      Pools.awaitThread(t);",
    "    }",
    "  }",
    "}"
  };

  @Test
  void awaitMethodsCountOnEveryNormalPathLikeJoin() {
    daemon()
        .addSourceLines("Export.java", THREAD_AWAITED_ON_ONE_PATH)
        .setArgs(STRICT, flag("AwaitMethods", FIXTURES + "Pools#awaitThread"))
        .doTest();
    daemon()
        .addSourceLines("Export.java", withoutMarkers(THREAD_AWAITED_ON_ONE_PATH))
        .setArgs(STRICT)
        .doTest();
  }

  // ---- DaemonFactories ----

  private static final String[] FACTORY_THREAD = {
    "import io.github.daemonguard.fixtures.Pools;",
    "import java.io.Writer;",
    "class Export {",
    WRITE,
    "  void export(Writer w) {",
    "    Thread t = Pools.daemonThread(() -> write(w));",
    "    // BUG: Diagnostic contains: made by Pools.daemonThread() (DaemonFactories)",
    "    t.start();",
    "  }",
    "}"
  };

  @Test
  void daemonFactoriesMakeTheirThreadsDaemon() {
    daemon()
        .addSourceLines("Export.java", FACTORY_THREAD)
        .setArgs(STRICT, flag("DaemonFactories", FIXTURES + "Pools#daemonThread"))
        .doTest();
    daemon().addSourceLines("Export.java", withoutMarkers(FACTORY_THREAD)).setArgs(STRICT).doTest();
  }

  private static final String[] FACTORY_THREAD_FACTORY = {
    "import io.github.daemonguard.fixtures.Pools;",
    "import java.io.Writer;",
    "import java.util.concurrent.ExecutorService;",
    "import java.util.concurrent.Executors;",
    "class Export {",
    WRITE,
    "  void export(Writer w) {",
    "    ExecutorService pool = Executors.newFixedThreadPool(2, Pools.daemonFactory());",
    "    // BUG: Diagnostic contains: only shut down, never awaited",
    "    pool.execute(() -> write(w));",
    "    pool.shutdown();",
    "  }",
    "}"
  };

  @Test
  void daemonFactoriesMakeTheirThreadFactoriesDaemonBacked() {
    executor()
        .addSourceLines("Export.java", FACTORY_THREAD_FACTORY)
        .setArgs(STRICT, flag("DaemonFactories", FIXTURES + "Pools#daemonFactory"))
        .doTest();
    executor()
        .addSourceLines("Export.java", withoutMarkers(FACTORY_THREAD_FACTORY))
        .setArgs(STRICT)
        .doTest();
  }

  // ---- ExecutorFactories ----

  private static final String[] FACTORY_POOL = {
    "import io.github.daemonguard.fixtures.Pools;",
    "import java.io.Writer;",
    "import java.util.concurrent.ExecutorService;",
    "class Export {",
    WRITE,
    "  void export(Writer w) {",
    "    ExecutorService pool = Pools.newPool();",
    "    // BUG: Diagnostic contains: is never shut down or awaited",
    "    pool.execute(() -> write(w));",
    "  }",
    "}"
  };

  @Test
  void executorFactoriesHandTheirExecutorToTheCaller() {
    executor()
        .addSourceLines("Export.java", FACTORY_POOL)
        .setArgs(STRICT, flag("ExecutorFactories", FIXTURES + "Pools#newPool"))
        .doTest();
    executor().addSourceLines("Export.java", withoutMarkers(FACTORY_POOL)).setArgs(STRICT).doTest();
  }

  // ---- SinkTypes ----

  private static final String[] SINK_WRITER = {
    "import io.github.daemonguard.fixtures.AuditSink;",
    "class Export {",
    "  void export(AuditSink sink) {",
    "    Thread t = new Thread(() -> sink.record(\"exported\"));",
    "    t.setDaemon(true);",
    "    // BUG: Diagnostic contains: writes to 'sink'",
    "    t.start();",
    "  }",
    "  void onlyAsks(AuditSink sink) {",
    "    Thread t = new Thread(() -> System.out.println(sink.isEmpty()));",
    "    t.setDaemon(true);",
    "    t.start();",
    "  }",
    "}"
  };

  @Test
  void sinkTypesAreResourcesWhoseNonGetterMethodsWrite() {
    daemon()
        .addSourceLines("Export.java", SINK_WRITER)
        .setArgs(STRICT, flag("SinkTypes", FIXTURES + "AuditSink"))
        .doTest();
    daemon().addSourceLines("Export.java", withoutMarkers(SINK_WRITER)).setArgs(STRICT).doTest();
  }

  private static final String[] SINK_STOPPED = {
    "import io.github.daemonguard.fixtures.AuditSink;",
    "class Export {",
    "  void export(AuditSink sink) throws InterruptedException {",
    "    Thread t = new Thread(() -> sink.record(\"exported\"));",
    "    // BUG: Diagnostic contains: uses 'sink', which this method closes",
    "    t.start();",
    "    sink.stop();",
    "    t.join();",
    "  }",
    "}"
  };

  @Test
  void sinkTypesAreClosedByStop() {
    outlives()
        .addSourceLines("Export.java", SINK_STOPPED)
        .setArgs(STRICT, flag("SinkTypes", FIXTURES + "AuditSink"))
        .doTest();
  }

  // ---- InMemoryTypes ----

  private static final String[] MEMORY_LOG = {
    "import io.github.daemonguard.fixtures.MemoryLog;",
    "class Export {",
    WRITE,
    "  void export(MemoryLog log) {",
    "    Thread t = new Thread(() -> write(log));",
    "    t.setDaemon(true);",
    "    // BUG: Diagnostic contains: writes to 'log'",
    "    t.start();",
    "  }",
    "}"
  };

  @Test
  void inMemoryTypesAreNoResources() {
    daemon().addSourceLines("Export.java", MEMORY_LOG).setArgs(STRICT).doTest();
    daemon()
        .addSourceLines("Export.java", withoutMarkers(MEMORY_LOG))
        .setArgs(STRICT, flag("InMemoryTypes", FIXTURES + "MemoryLog"))
        .doTest();
  }

  @Test
  void eachListAddsToTheBuiltInOneAndTakesSeveralEntries() {
    daemon()
        .addSourceLines("Export.java", SINK_WRITER)
        .setArgs(
            STRICT,
            flag("SinkTypes", "com.acme.Other, " + FIXTURES + "AuditSink"),
            flag("InMemoryTypes", FIXTURES + "MemoryLog"))
        .doTest();
  }

  private static String[] withoutMarkers(String[] lines) {
    return java.util.Arrays.stream(lines)
        .filter(line -> !line.contains("// BUG: Diagnostic contains:"))
        .toArray(String[]::new);
  }
}
