package io.github.daemonguard.checks;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.BugCheckerRefactoringTestHelper.TestMode;
import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * "Awaited" means awaited on every normal path from the launch to the launching method's exit,
 * decided on its control-flow graph; exceptional paths do not count, nor do branches that test only
 * the thread or future.
 */
final class EveryNormalPathTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(DaemonThreadResource.class, getClass());

  private static final String WRITE =
      "  static void write(java.io.Writer w) { try { w.write(\"x\"); }"
          + " catch (java.io.IOException e) {} }";

  /** A class whose method {@code run} launches a daemon thread writing to {@code out}. */
  private void daemonThread(String throwsClause, String... afterStart) {
    String[] lines = new String[afterStart.length + 9];
    int i = 0;
    lines[i++] = "import java.io.Writer;";
    lines[i++] = "import java.util.List;";
    lines[i++] = "class Launcher {";
    lines[i++] =
        "  void run(Writer out, boolean flag, int mode, List<String> names) " + throwsClause + "{";
    lines[i++] = "    Thread t = new Thread(() -> write(out));";
    lines[i++] = "    t.setDaemon(true);";
    for (String line : afterStart) {
      lines[i++] = line;
    }
    lines[i++] = "  }";
    lines[i++] = WRITE;
    lines[i++] = "}";
    helper.addSourceLines("Launcher.java", lines).doTest();
  }

  private static final String FLAGGED =
      "    // BUG: Diagnostic contains: A daemon thread (setDaemon(true)) writes to 'out' and is"
          + " awaited on some paths only";

  // ---- flagged: some normal path misses the join ----

  @Test
  void joinOnlyInAnIf() {
    daemonThread(
        "throws InterruptedException ",
        FLAGGED,
        "    t.start();",
        "    if (flag) {",
        "      t.join();",
        "    }");
  }

  @Test
  void joinOnlyInOneSwitchCase() {
    daemonThread(
        "throws InterruptedException ",
        FLAGGED,
        "    t.start();",
        "    switch (mode) {",
        "      case 1:",
        "        t.join();",
        "        break;",
        "      case 2:",
        "        System.out.println(\"two\");",
        "        break;",
        "      default:",
        "        break;",
        "    }");
  }

  @Test
  void joinOnlyInALoopOverSomethingElseThatMayRunZeroTimes() {
    daemonThread(
        "throws InterruptedException ",
        FLAGGED,
        "    t.start();",
        "    for (String name : names) {",
        "      System.out.println(name);",
        "      t.join();",
        "    }");
  }

  @Test
  void earlyReturnBeforeTheJoin() {
    daemonThread(
        "throws InterruptedException ",
        FLAGGED,
        "    t.start();",
        "    if (names.isEmpty()) {",
        "      return;",
        "    }",
        "    t.join();");
  }

  @Test
  void guardMixingTheHandleWithAnotherCondition() {
    daemonThread(
        "throws InterruptedException ",
        FLAGGED,
        "    t.start();",
        "    if (flag && t.isAlive()) {",
        "      t.join();",
        "    }");
  }

  @Test
  void commonPoolFutureJoinedOnlyInAnIf() {
    helper
        .addSourceLines(
            "Async.java",
            "import java.io.Writer;",
            "import java.util.concurrent.CompletableFuture;",
            "class Async {",
            "  void run(Writer out, boolean x) {",
            "    // BUG: Diagnostic contains: A task on the common ForkJoinPool (daemon threads) writes to 'out' and is awaited on some paths only",
            "    CompletableFuture<Void> f = CompletableFuture.runAsync(() -> write(out));",
            "    if (x) {",
            "      f.join();",
            "    }",
            "  }",
            WRITE,
            "}")
        .doTest();
  }

  @Test
  void threadInACollectionJoinedOnlyInAnIf() {
    helper
        .addSourceLines(
            "Pool.java",
            "import java.io.Writer;",
            "import java.util.ArrayList;",
            "import java.util.List;",
            "class Pool {",
            "  void run(Writer out, boolean flag) throws InterruptedException {",
            "    List<Thread> threads = new ArrayList<>();",
            "    Thread t = new Thread(() -> write(out));",
            "    t.setDaemon(true);",
            "    threads.add(t);",
            "    // BUG: Diagnostic contains: nobody waits for it",
            "    t.start();",
            "    if (flag) {",
            "      for (Thread x : threads) {",
            "        x.join();",
            "      }",
            "    }",
            "  }",
            WRITE,
            "}")
        .doTest();
  }

  // ---- not flagged: awaited on every normal path ----

  @Test
  void joinInBothBranches() {
    daemonThread(
        "throws InterruptedException ",
        "    t.start();",
        "    if (flag) {",
        "      System.out.println(\"flag\");",
        "      t.join();",
        "    } else {",
        "      t.join();",
        "    }");
  }

  @Test
  void joinAfterTheBranches() {
    daemonThread(
        "throws InterruptedException ",
        "    t.start();",
        "    if (flag) {",
        "      System.out.println(\"flag\");",
        "    }",
        "    t.join();");
  }

  @Test
  void guardedByIsAlive() {
    daemonThread(
        "throws InterruptedException ",
        "    t.start();",
        "    if (t.isAlive()) {",
        "      t.join();",
        "    }");
  }

  @Test
  void guardedByNotIsAliveReturn() {
    daemonThread(
        "throws InterruptedException ",
        "    t.start();",
        "    if (!t.isAlive()) {",
        "      return;",
        "    }",
        "    t.join();");
  }

  @Test
  void guardedByNotNull() {
    daemonThread(
        "throws InterruptedException ",
        "    t.start();",
        "    if (t != null) {",
        "      t.join();",
        "    }");
  }

  @Test
  void guardedByNullReturn() {
    daemonThread(
        "throws InterruptedException ",
        "    t.start();",
        "    if (t == null) {",
        "      return;",
        "    }",
        "    t.join();");
  }

  @Test
  void guardedByCurrentThread() {
    daemonThread(
        "throws InterruptedException ",
        "    t.start();",
        "    if (Thread.currentThread() != t) {",
        "      t.join();",
        "    }");
  }

  @Test
  void guardedByACombinationOfHandleTests() {
    daemonThread(
        "throws InterruptedException ",
        "    t.start();",
        "    if (t != null && (t.isAlive() || Thread.currentThread() != t)) {",
        "      t.join();",
        "    }",
        "    if (t == null || !t.isAlive()) {",
        "      return;",
        "    }",
        "    t.join();");
  }

  @Test
  void futureGuardedByIsDone() {
    helper
        .addSourceLines(
            "Async.java",
            "import java.io.Writer;",
            "import java.util.concurrent.CompletableFuture;",
            "class Async {",
            "  void run(Writer out) {",
            "    CompletableFuture<Void> f = CompletableFuture.runAsync(() -> write(out));",
            "    if (!f.isDone()) {",
            "      f.join();",
            "    }",
            "  }",
            WRITE,
            "}")
        .doTest();
  }

  @Test
  void joinInFinally() {
    daemonThread(
        "throws InterruptedException ",
        "    t.start();",
        "    try {",
        "      if (flag) {",
        "        return;",
        "      }",
        "      System.out.println(\"work\");",
        "    } finally {",
        "      t.join();",
        "    }");
  }

  @Test
  void joinInTryWithInterruptedCatch() {
    daemonThread(
        "",
        "    t.start();",
        "    try {",
        "      Thread.sleep(10);",
        "      t.join();",
        "    } catch (InterruptedException e) {",
        "      Thread.currentThread().interrupt();",
        "    }");
  }

  @Test
  void loopOverTrackedListThatMayBeEmpty() {
    helper
        .addSourceLines(
            "Pool.java",
            "import java.io.Writer;",
            "import java.util.ArrayList;",
            "import java.util.List;",
            "class Pool {",
            "  void run(Writer out, int n) throws InterruptedException {",
            "    List<Thread> threads = new ArrayList<>();",
            "    for (int i = 0; i < n; i++) {",
            "      Thread t = new Thread(() -> write(out));",
            "      t.setDaemon(true);",
            "      threads.add(t);",
            "      t.start();",
            "    }",
            "    for (Thread x : threads) {",
            "      x.join();",
            "    }",
            "  }",
            WRITE,
            "}")
        .doTest();
  }

  @Test
  void timedJoinWhoseResultIsChecked() {
    // A timed join counts (as today) when its result is checked: here it is the else branch's only
    // await.
    daemonThread(
        "throws InterruptedException ",
        "    t.start();",
        "    if (flag) {",
        "      t.join();",
        "    } else {",
        "      t.join(1000);",
        "      if (t.isAlive()) {",
        "        System.err.println(\"writer still running\");",
        "      }",
        "    }");
  }

  @Test
  void timedJoinInALoop() {
    daemonThread(
        "throws InterruptedException ",
        "    t.start();",
        "    while (t.isAlive()) {",
        "      t.join(1000);",
        "    }");
  }

  @Test
  void timedGetOfAFuture() {
    helper
        .addSourceLines(
            "Async.java",
            "import java.io.Writer;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.TimeUnit;",
            "class Async {",
            "  void run(Writer out) throws Exception {",
            "    CompletableFuture<Void> f = CompletableFuture.runAsync(() -> write(out));",
            "    f.get(1, TimeUnit.SECONDS);",
            "  }",
            WRITE,
            "}")
        .doTest();
  }

  @Test
  void joinAfterAWhileNotDoneLoop() {
    daemonThread(
        "throws InterruptedException ",
        "    t.start();",
        "    boolean done = false;",
        "    while (!done) {",
        "      done = names.remove(\"x\");",
        "      if (flag) {",
        "        break;",
        "      }",
        "    }",
        "    t.join();");
  }

  @Test
  void throwingBranchBeforeTheJoin() {
    daemonThread(
        "throws InterruptedException ",
        "    t.start();",
        "    if (names.isEmpty()) {",
        "      throw new IllegalArgumentException(\"no names\");",
        "    }",
        "    t.join();");
  }

  // ---- fixes: a join appended after the existing conditional one would duplicate it ----

  @Test
  void conditionalJoinGetsNoJoinFixOnlyTheDaemonFlagAlternative() {
    BugCheckerRefactoringTestHelper.newInstance(DaemonThreadResource.class, getClass())
        .addInputLines(
            "Launcher.java",
            "import java.io.Writer;",
            "class Launcher {",
            "  void run(Writer out, boolean flag) throws InterruptedException {",
            "    Thread t = new Thread(() -> write(out));",
            "    t.setDaemon(true);",
            "    t.start();",
            "    if (flag) {",
            "      return;",
            "    }",
            "    t.join();",
            "  }",
            WRITE,
            "}")
        .addOutputLines(
            "Launcher.java",
            "import java.io.Writer;",
            "class Launcher {",
            "  void run(Writer out, boolean flag) throws InterruptedException {",
            "    Thread t = new Thread(() -> write(out));",
            "    t.setDaemon(false);",
            "    t.start();",
            "    if (flag) {",
            "      return;",
            "    }",
            "    t.join();",
            "  }",
            WRITE,
            "}")
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  void conditionallyJoinedFutureGetsNoFix() {
    BugCheckerRefactoringTestHelper.newInstance(DaemonThreadResource.class, getClass())
        .addInputLines(
            "Async.java",
            "import java.io.Writer;",
            "import java.util.concurrent.CompletableFuture;",
            "class Async {",
            "  void run(Writer out, boolean x) {",
            "    CompletableFuture<Void> f = CompletableFuture.runAsync(() -> write(out));",
            "    if (x) {",
            "      f.join();",
            "    }",
            "  }",
            WRITE,
            "}")
        .expectUnchanged()
        .doTest(TestMode.TEXT_MATCH);
  }
}
