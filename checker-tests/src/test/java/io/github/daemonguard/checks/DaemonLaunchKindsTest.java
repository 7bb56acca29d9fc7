package io.github.daemonguard.checks;

import static io.github.daemonguard.checks.TestArgs.STRICT;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.BugCheckerRefactoringTestHelper.TestMode;
import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

/** DaemonThreadResource on launches other than a platform thread's start(). */
final class DaemonLaunchKindsTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(DaemonThreadResource.class, getClass());
  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(DaemonThreadResource.class, getClass())
          .setArgs(STRICT);

  private static final String[] WRITE_HELPER = {
    "  private static void write(java.io.Writer out, String s) {",
    "    try { out.write(s); } catch (java.io.IOException e) {",
    "      throw new java.io.UncheckedIOException(e);",
    "    }",
    "  }",
  };

  private static String[] source(String... lines) {
    String[] all = new String[lines.length + WRITE_HELPER.length + 1];
    System.arraycopy(lines, 0, all, 0, lines.length);
    System.arraycopy(WRITE_HELPER, 0, all, lines.length, WRITE_HELPER.length);
    all[all.length - 1] = "}";
    return all;
  }

  @Test
  void runAsyncOnTheCommonPool() {
    helper
        .addSourceLines(
            "Export.java",
            source(
                "import java.io.Writer;",
                "import java.util.concurrent.CompletableFuture;",
                "class Export {",
                "  void export(Writer out) {",
                "    // BUG: Diagnostic contains: task on the common ForkJoinPool",
                "    CompletableFuture.runAsync(() -> write(out, \"x\"));",
                "    CompletableFuture<String> f =",
                "        // BUG: Diagnostic contains: keep its future and join() it",
                "        CompletableFuture.supplyAsync(() -> { write(out, \"y\"); return \"y\"; });",
                "  }"))
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void asyncContinuationWithoutExecutor() {
    helper
        .addSourceLines(
            "Export.java",
            source(
                "import java.io.Writer;",
                "import java.util.concurrent.CompletableFuture;",
                "class Export {",
                "  void export(Writer out, CompletableFuture<String> ready) {",
                "    // BUG: Diagnostic contains: DaemonThreadResource",
                "    ready.thenAcceptAsync(s -> write(out, s));",
                "  }"))
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void notFlagged_awaitedFuturesAndOwnedExecutors() {
    helper
        .addSourceLines(
            "Export.java",
            source(
                "import java.io.Writer;",
                "import java.util.List;",
                "import java.util.concurrent.CompletableFuture;",
                "import java.util.concurrent.ExecutorService;",
                "class Export {",
                "  void joinedChain(Writer out) {",
                "    CompletableFuture.runAsync(() -> write(out, \"x\")).thenRun(() -> {}).join();",
                "  }",
                "  void joinedVariable(Writer out) throws Exception {",
                "    CompletableFuture<Void> f = CompletableFuture.runAsync(() -> write(out, \"x\"));",
                "    f.get();",
                "  }",
                "  void allOf(Writer out) {",
                "    CompletableFuture<Void> a = CompletableFuture.runAsync(() -> write(out, \"a\"));",
                "    CompletableFuture<Void> b = CompletableFuture.runAsync(() -> write(out, \"b\"));",
                "    CompletableFuture.allOf(a, b).join();",
                "  }",
                "  CompletableFuture<Void> returned(Writer out) {",
                "    return CompletableFuture.runAsync(() -> write(out, \"x\"));",
                "  }",
                "  void ownExecutor(Writer out, ExecutorService pool) {",
                "    CompletableFuture.runAsync(() -> write(out, \"x\"), pool).join();",
                "  }",
                "  void collected(Writer out, List<CompletableFuture<Void>> all) {",
                "    all.add(CompletableFuture.runAsync(() -> write(out, \"x\")));",
                "  }"))
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void runAsyncFixKeepsTheFutureAndJoinsIt() {
    refactoring
        .addInputLines(
            "Export.java",
            source(
                "import java.io.Writer;",
                "import java.util.concurrent.CompletableFuture;",
                "class Export {",
                "  void export(Writer out) {",
                "    CompletableFuture.runAsync(() -> write(out, \"x\"));",
                "    System.out.println(\"queued\");",
                "  }"))
        .addOutputLines(
            "Export.java",
            source(
                "import java.io.Writer;",
                "import java.util.concurrent.CompletableFuture;",
                "class Export {",
                "  void export(Writer out) {",
                "    CompletableFuture<Void> future = CompletableFuture.runAsync(() -> write(out, \"x\"));",
                "    System.out.println(\"queued\");",
                "    future.join();",
                "  }"))
        .setArgs(STRICT)
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  void daemonTimerIsReportedWithoutAFix() {
    helper
        .addSourceLines(
            "Flush.java",
            source(
                "import java.io.Writer;",
                "import java.util.Timer;",
                "import java.util.TimerTask;",
                "class Flush {",
                "  void every(Writer out) {",
                "    Timer timer = new Timer(\"flush\", true);",
                "    // BUG: Diagnostic contains: a Timer cannot be awaited",
                "    timer.schedule(new TimerTask() {",
                "      @Override public void run() { write(out, \"tick\"); }",
                "    }, 0L, 1000L);",
                "  }"))
        .setArgs(STRICT)
        .doTest();
    refactoring
        .addInputLines(
            "Flush.java",
            source(
                "import java.io.Writer;",
                "import java.util.Timer;",
                "import java.util.TimerTask;",
                "class Flush {",
                "  void every(Writer out) {",
                "    Timer timer = new Timer(true);",
                "    timer.schedule(new TimerTask() {",
                "      @Override public void run() { write(out, \"tick\"); }",
                "    }, 0L, 1000L);",
                "  }"))
        .expectUnchanged()
        .setArgs(STRICT)
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  void notFlagged_nonDaemonTimerOrLatchAwaited() {
    helper
        .addSourceLines(
            "Flush.java",
            source(
                "import java.io.Writer;",
                "import java.util.Timer;",
                "import java.util.TimerTask;",
                "import java.util.concurrent.CountDownLatch;",
                "class Flush {",
                "  void plain(Writer out) {",
                "    Timer timer = new Timer(\"flush\");",
                "    timer.schedule(new TimerTask() {",
                "      @Override public void run() { write(out, \"tick\"); }",
                "    }, 1000L);",
                "  }",
                "  void signalled(Writer out) throws InterruptedException {",
                "    CountDownLatch done = new CountDownLatch(1);",
                "    Timer timer = new Timer(true);",
                "    timer.schedule(new TimerTask() {",
                "      @Override public void run() { write(out, \"tick\"); done.countDown(); }",
                "    }, 1000L);",
                "    done.await();",
                "  }"))
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void systemExitBeforeTheJoinKillsEvenANonDaemonThread() {
    helper
        .addSourceLines(
            "Main.java",
            source(
                "import java.io.Writer;",
                "class Main {",
                "  static void run(Writer out) throws InterruptedException {",
                "    Thread t = new Thread(() -> write(out, \"x\"));",
                "    // BUG: Diagnostic contains: System.exit(..) runs before anybody waits",
                "    t.start();",
                "    System.exit(0);",
                "    t.join();",
                "  }",
                "  static void fine(Writer out) throws InterruptedException {",
                "    Thread t = new Thread(() -> write(out, \"x\"));",
                "    t.start();",
                "    t.join();",
                "    System.exit(0);",
                "  }"))
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void systemExitFixJoinsBeforeTheExit() {
    refactoring
        .addInputLines(
            "Main.java",
            source(
                "import java.io.Writer;",
                "class Main {",
                "  static void run(Writer out) throws InterruptedException {",
                "    Thread t = new Thread(() -> write(out, \"x\"));",
                "    t.start();",
                "    System.out.println(\"bye\");",
                "    System.exit(0);",
                "  }"))
        .addOutputLines(
            "Main.java",
            source(
                "import java.io.Writer;",
                "class Main {",
                "  static void run(Writer out) throws InterruptedException {",
                "    Thread t = new Thread(() -> write(out, \"x\"));",
                "    t.start();",
                "    System.out.println(\"bye\");",
                "    t.join();",
                "    System.exit(0);",
                "  }"))
        .setArgs(STRICT)
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  @EnabledForJreRange(min = JRE.JAVA_21)
  void virtualThreads() {
    helper
        .addSourceLines(
            "Export.java",
            source(
                "import java.io.Writer;",
                "class Export {",
                "  void export(Writer out) throws InterruptedException {",
                "    // BUG: Diagnostic contains: virtual thread (always daemon)",
                "    Thread.startVirtualThread(() -> write(out, \"a\"));",
                "    // BUG: Diagnostic contains: virtual thread (always daemon)",
                "    Thread.ofVirtual().name(\"v\").start(() -> write(out, \"b\"));",
                "    Thread joined = Thread.ofVirtual().start(() -> write(out, \"c\"));",
                "    joined.join();",
                "  }"))
        .setArgs(STRICT, "--release", "21")
        .doTest();
  }

  @Test
  @EnabledForJreRange(min = JRE.JAVA_21)
  void virtualThreadFixNamesAndJoinsIt() {
    refactoring
        .addInputLines(
            "Export.java",
            source(
                "import java.io.Writer;",
                "class Export {",
                "  void export(Writer out) throws InterruptedException {",
                "    Thread.startVirtualThread(() -> write(out, \"a\"));",
                "  }"))
        .addOutputLines(
            "Export.java",
            source(
                "import java.io.Writer;",
                "class Export {",
                "  void export(Writer out) throws InterruptedException {",
                "    Thread thread = Thread.startVirtualThread(() -> write(out, \"a\"));",
                "    thread.join();",
                "  }"))
        .setArgs(STRICT, "--release", "21")
        .doTest(TestMode.TEXT_MATCH);
  }
}
