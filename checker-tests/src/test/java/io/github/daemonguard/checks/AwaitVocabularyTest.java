package io.github.daemonguard.checks;

import static io.github.daemonguard.checks.TestArgs.STRICT;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * The waits both engines (threads and futures; executors) recognize the same way: {@code allOf}
 * awaits all, {@code anyOf} none; a dependent future is followed to its own wait; {@code
 * Runtime.halt} ends the JVM like {@code System.exit}.
 */
final class AwaitVocabularyTest {
  private final CompilationTestHelper daemon =
      CompilationTestHelper.newInstance(DaemonThreadResource.class, getClass());
  private final CompilationTestHelper executor =
      CompilationTestHelper.newInstance(UnjoinedExecutorResource.class, getClass());

  private static final String WRITE =
      "  static void write(java.io.Writer w) { try { w.write(\"x\"); } catch (java.io.IOException"
          + " e) { throw new java.io.UncheckedIOException(e); } }";

  @Test
  void anyOfAwaitsNoneOfItsFuturesButAllOfAwaitsThemAll() {
    daemon
        .addSourceLines(
            "Race.java",
            "import java.io.Writer;",
            "import java.util.concurrent.CompletableFuture;",
            "class Race {",
            WRITE,
            "  void first(Writer a, Writer b) {",
            "    // BUG: Diagnostic contains: writes to 'a'",
            "    CompletableFuture<Void> fa = CompletableFuture.runAsync(() -> write(a));",
            "    // BUG: Diagnostic contains: writes to 'b'",
            "    CompletableFuture<Void> fb = CompletableFuture.runAsync(() -> write(b));",
            "    CompletableFuture.anyOf(fa, fb).join();",
            "  }",
            "  void all(Writer a, Writer b) {",
            "    CompletableFuture<Void> fa = CompletableFuture.runAsync(() -> write(a));",
            "    CompletableFuture<Void> fb = CompletableFuture.runAsync(() -> write(b));",
            "    CompletableFuture.allOf(fa, fb).join();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void aDependentFutureIsFollowedToItsWait() {
    daemon
        .addSourceLines(
            "Chain.java",
            "import java.io.Writer;",
            "import java.util.concurrent.CompletableFuture;",
            "class Chain {",
            WRITE,
            "  void dropped(Writer w) {",
            "    // BUG: Diagnostic contains: writes to 'w'",
            "    CompletableFuture<Void> f = CompletableFuture.runAsync(() -> write(w));",
            "    f.thenRun(() -> System.out.println(\"done\"));",
            "  }",
            "  void awaited(Writer w) {",
            "    CompletableFuture<Void> f = CompletableFuture.runAsync(() -> write(w));",
            "    f.thenRun(() -> System.out.println(\"done\")).join();",
            "  }",
            "  CompletableFuture<Void> handedOn(Writer w) {",
            "    CompletableFuture<Void> f = CompletableFuture.runAsync(() -> write(w));",
            "    return f.whenComplete((v, e) -> System.out.println(\"done\"));",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void runtimeHaltKillsTheThreadLikeSystemExit() {
    daemon
        .addSourceLines(
            "Halt.java",
            "import java.io.Writer;",
            "class Halt {",
            WRITE,
            "  void halt(Writer w) throws InterruptedException {",
            "    Thread t = new Thread(() -> write(w));",
            "    // BUG: Diagnostic contains: System.exit(..) runs before anybody waits",
            "    t.start();",
            "    Runtime.getRuntime().halt(1);",
            "  }",
            "  void haltAfterJoin(Writer w) throws InterruptedException {",
            "    Thread t = new Thread(() -> write(w));",
            "    t.start();",
            "    t.join();",
            "    Runtime.getRuntime().halt(1);",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void futuresVisitedByForEachAreAwaitedByBothEngines() {
    executor
        .addSourceLines(
            "Each.java",
            "import java.io.Writer;",
            "import java.util.ArrayList;",
            "import java.util.List;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "import java.util.concurrent.Future;",
            "class Each {",
            WRITE,
            "  void each(List<Writer> outs) {",
            "    ExecutorService pool = Executors.newWorkStealingPool();",
            "    List<Future<?>> futures = new ArrayList<>();",
            "    for (Writer w : outs) {",
            "      futures.add(pool.submit(() -> write(w)));",
            "    }",
            "    futures.forEach(f -> { try { f.get(); } catch (Exception e) { throw new"
                + " IllegalStateException(e); } });",
            "  }",
            "  void none(List<Writer> outs) {",
            "    ExecutorService pool = Executors.newWorkStealingPool();",
            "    List<Future<?>> futures = new ArrayList<>();",
            "    for (Writer w : outs) {",
            "      // BUG: Diagnostic contains: never shut down or awaited",
            "      futures.add(pool.submit(() -> write(w)));",
            "    }",
            "    System.out.println(futures.size());",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }
}
