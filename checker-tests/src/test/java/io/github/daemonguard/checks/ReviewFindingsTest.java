package io.github.daemonguard.checks;

import static io.github.daemonguard.checks.TestArgs.STRICT;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

/** Shapes a skeptical review found misjudged, each fixed in the analysis. */
final class ReviewFindingsTest {
  private final CompilationTestHelper daemon =
      CompilationTestHelper.newInstance(DaemonThreadResource.class, getClass());
  private final CompilationTestHelper outlives =
      CompilationTestHelper.newInstance(TaskOutlivesResource.class, getClass());

  private static final String WRITE =
      "  static void write(java.io.Writer w) { try { w.write(\"x\"); }"
          + " catch (java.io.IOException e) {} }";

  @Test
  void notFlagged_timedJoinWhoseResultIsChecked() {
    daemon
        .addSourceLines(
            "Timed.java",
            "import java.io.Writer;",
            "class Timed {",
            "  void run(Writer out) throws InterruptedException {",
            "    Thread t = new Thread(() -> write(out));",
            "    t.setDaemon(true);",
            "    t.start();",
            "    t.join(5000);",
            "    if (t.isAlive()) {",
            "      throw new AssertionError(\"timed out\");",
            "    }",
            "  }",
            WRITE,
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void notFlagged_futureAwaitedThroughADependentStageOrForEach() {
    daemon
        .addSourceLines(
            "Stages.java",
            "import java.io.Writer;",
            "import java.util.ArrayList;",
            "import java.util.List;",
            "import java.util.concurrent.CompletableFuture;",
            "class Stages {",
            "  void dependent(Writer out) {",
            "    CompletableFuture<Void> f = CompletableFuture.runAsync(() -> write(out));",
            "    CompletableFuture<Void> g = f.thenRun(() -> {});",
            "    g.join();",
            "  }",
            "  void forEachJoin(Writer out) {",
            "    List<CompletableFuture<Void>> fs = new ArrayList<>();",
            "    fs.add(CompletableFuture.runAsync(() -> write(out)));",
            "    fs.forEach(CompletableFuture::join);",
            "  }",
            WRITE,
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void notFlagged_closeInAShutdownHookOrExitInAHandler() {
    outlives
        .addSourceLines(
            "Hooks.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "class Hooks {",
            "  static void run(Writer w) throws InterruptedException {",
            "    Thread t = new Thread(() -> write(w));",
            "    t.start();",
            "    Runtime.getRuntime().addShutdownHook(new Thread(() -> {",
            "      try { w.close(); } catch (IOException e) {}",
            "    }));",
            "    Thread.setDefaultUncaughtExceptionHandler((th, e) -> System.exit(1));",
            "    t.join();",
            "  }",
            WRITE,
            "}")
        .setArgs(STRICT)
        .doTest();
    daemon
        .addSourceLines(
            "Exit.java",
            "import java.io.Writer;",
            "class Exit {",
            "  static void run(Writer w) throws InterruptedException {",
            "    Thread t = new Thread(() -> write(w));",
            "    t.start();",
            "    Thread.setDefaultUncaughtExceptionHandler((th, e) -> System.exit(1));",
            "    t.join();",
            "  }",
            WRITE,
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void launchesInsideLambdasAndInitializersAreAnalysed() {
    daemon
        .addSourceLines(
            "Nested.java",
            "import java.io.Writer;",
            "class Nested {",
            "  static Writer sink;",
            "  static {",
            "    Thread t = new Thread(() -> write(sink));",
            "    t.setDaemon(true);",
            "    // BUG: Diagnostic contains: DaemonThreadResource",
            "    t.start();",
            "  }",
            "  Runnable later(Writer out) {",
            "    return () -> {",
            "      Thread t = new Thread(() -> write(out));",
            "      t.setDaemon(true);",
            "      // BUG: Diagnostic contains: DaemonThreadResource",
            "      t.start();",
            "    };",
            "  }",
            WRITE,
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  @EnabledForJreRange(min = JRE.JAVA_21)
  void notFlagged_virtualThreadsCollectedAndJoined() {
    daemon
        .addSourceLines(
            "Many.java",
            "import java.io.Writer;",
            "import java.util.ArrayList;",
            "import java.util.List;",
            "class Many {",
            "  void run(List<Writer> outs) throws InterruptedException {",
            "    List<Thread> threads = new ArrayList<>();",
            "    for (Writer out : outs) {",
            "      threads.add(Thread.startVirtualThread(() -> write(out)));",
            "    }",
            "    for (Thread t : threads) {",
            "      t.join();",
            "    }",
            "  }",
            WRITE,
            "}")
        .setArgs(STRICT, "--release", "21")
        .doTest();
  }

  @Test
  void anonymousSubclassThatOnlySetsDaemonRunsItsRunnable() {
    daemon
        .addSourceLines(
            "Anon.java",
            "import java.io.Writer;",
            "class Anon {",
            "  void run(Writer out) {",
            "    Runnable task = () -> write(out);",
            "    Thread t = new Thread(task) {{ setDaemon(true); }};",
            "    // BUG: Diagnostic contains: setDaemon(true) in its constructor",
            "    t.start();",
            "  }",
            WRITE,
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  @EnabledForJreRange(min = JRE.JAVA_21)
  void virtualBuilderHeldInAVariable() {
    daemon
        .addSourceLines(
            "Builder.java",
            "import java.io.Writer;",
            "class Builder {",
            "  void run(Writer out) {",
            "    Thread.Builder.OfVirtual b = Thread.ofVirtual().name(\"w\");",
            "    // BUG: Diagnostic contains: virtual thread (always daemon)",
            "    b.start(() -> write(out));",
            "  }",
            WRITE,
            "}")
        .setArgs(STRICT, "--release", "21")
        .doTest();
  }
}
