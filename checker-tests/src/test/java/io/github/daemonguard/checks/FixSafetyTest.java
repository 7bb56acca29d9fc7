package io.github.daemonguard.checks;

import static io.github.daemonguard.checks.TestArgs.STRICT;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.BugCheckerRefactoringTestHelper.TestMode;
import com.google.errorprone.fixes.SuggestedFix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

/** Shapes where a careless join would hang, not compile, or lose an interrupt. */
final class FixSafetyTest {
  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(DaemonThreadResource.class, getClass())
          .setArgs(STRICT);

  @Test
  void joinGoesAfterTheLauncherFeedsThePipe() {
    refactoring
        .addInputLines(
            "Pipe.java",
            "import java.io.IOException;",
            "import java.io.PipedInputStream;",
            "import java.io.PipedOutputStream;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "class Pipe {",
            "  static void copy(Path target, byte[] data) throws IOException, InterruptedException {",
            "    PipedOutputStream pos = new PipedOutputStream();",
            "    PipedInputStream pis = new PipedInputStream(pos);",
            "    Thread t = new Thread(() -> {",
            "      try { Files.copy(pis, target); } catch (IOException e) {}",
            "    });",
            "    t.setDaemon(true);",
            "    t.start();",
            "    pos.write(data);",
            "    pos.close();",
            "  }",
            "}")
        .addOutputLines(
            "Pipe.java",
            "import java.io.IOException;",
            "import java.io.PipedInputStream;",
            "import java.io.PipedOutputStream;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "class Pipe {",
            "  static void copy(Path target, byte[] data) throws IOException, InterruptedException {",
            "    PipedOutputStream pos = new PipedOutputStream();",
            "    PipedInputStream pis = new PipedInputStream(pos);",
            "    Thread t = new Thread(() -> {",
            "      try { Files.copy(pis, target); } catch (IOException e) {}",
            "    });",
            "    t.setDaemon(true);",
            "    t.start();",
            "    pos.write(data);",
            "    pos.close();",
            "    t.join();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  void noJoinInsideALockTheTaskNeeds() {
    refactoring
        .addInputLines(
            "Locked.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "class Locked {",
            "  private final Object lock = new Object();",
            "  void write(Writer out) {",
            "    synchronized (lock) {",
            "      Thread t = new Thread(() -> {",
            "        synchronized (lock) {",
            "          try { out.write(\"x\"); } catch (IOException e) {}",
            "        }",
            "      });",
            "      t.setDaemon(true);",
            "      t.start();",
            "    }",
            "  }",
            "}")
        .expectUnchanged()
        .setFixChooser(
            fixes ->
                fixes.stream()
                    .filter(f -> f.toString().contains("join"))
                    .findFirst()
                    .orElse(SuggestedFix.emptyFix()))
        .setArgs(STRICT)
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  void noFinallyJoinWhenAnEarlyExitSkipsFeedingTheTask() {
    refactoring
        .addInputLines(
            "Feed.java",
            "import java.io.IOException;",
            "import java.nio.charset.StandardCharsets;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "import java.util.concurrent.BlockingQueue;",
            "class Feed {",
            "  int feed(Path p, BlockingQueue<String> q, int n) throws InterruptedException {",
            "    Thread t = new Thread(() -> {",
            "      try { Files.writeString(p, q.take(), StandardCharsets.UTF_8); }",
            "      catch (IOException | InterruptedException e) {}",
            "    });",
            "    t.setDaemon(true);",
            "    t.start();",
            "    if (n < 0) {",
            "      throw new IllegalArgumentException();",
            "    }",
            "    q.add(\"small\");",
            "    return 2;",
            "  }",
            "}")
        .expectUnchanged()
        .setFixChooser(
            fixes ->
                fixes.stream()
                    .filter(f -> f.toString().contains("join"))
                    .findFirst()
                    .orElse(SuggestedFix.emptyFix()))
        .setArgs(STRICT)
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  void enclosingCatchOfExceptionGetsAnExplicitInterruptHandler() {
    refactoring
        .addInputLines(
            "Logged.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "class Logged {",
            "  static void save(Writer out) throws Exception {",
            "    try {",
            "      Thread t = new Thread(() -> {",
            "        try { out.write(\"x\"); } catch (IOException e) {}",
            "      });",
            "      t.setDaemon(true);",
            "      t.start();",
            "    } catch (Exception e) {",
            "      System.err.println(e);",
            "    }",
            "  }",
            "}")
        .addOutputLines(
            "Logged.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "class Logged {",
            "  static void save(Writer out) throws Exception {",
            "    try {",
            "      Thread t = new Thread(() -> {",
            "        try { out.write(\"x\"); } catch (IOException e) {}",
            "      });",
            "      t.setDaemon(true);",
            "      t.start();",
            "      try {",
            "        t.join();",
            "      } catch (InterruptedException e) {",
            "        t.interrupt();",
            "        Thread.currentThread().interrupt();",
            "      }",
            "    } catch (Exception e) {",
            "      System.err.println(e);",
            "    }",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  void genericSubclassWithDiamondGetsItsFullType() {
    refactoring
        .addInputLines(
            "Worker.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "class Worker<T> extends Thread {",
            "  private final T item;",
            "  private final Writer out;",
            "  Worker(T item, Writer out) { this.item = item; this.out = out; setDaemon(true); }",
            "  @Override public void run() {",
            "    try { out.write(String.valueOf(item)); } catch (IOException e) {}",
            "  }",
            "  static void go(Writer out) throws InterruptedException {",
            "    new Worker<>(1, out).start();",
            "  }",
            "}")
        .addOutputLines(
            "Worker.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "class Worker<T> extends Thread {",
            "  private final T item;",
            "  private final Writer out;",
            "  Worker(T item, Writer out) { this.item = item; this.out = out; setDaemon(true); }",
            "  @Override public void run() {",
            "    try { out.write(String.valueOf(item)); } catch (IOException e) {}",
            "  }",
            "  static void go(Writer out) throws InterruptedException {",
            "    Worker<Integer> thread = new Worker<>(1, out);",
            "    thread.start();",
            "    thread.join();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  @EnabledForJreRange(min = JRE.JAVA_21)
  void twoUnnamedVirtualThreadsGetDistinctNamesEvenWhenTheFirstIsTaken() {
    refactoring
        .addInputLines(
            "Export.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "class Export {",
            "  void export(Writer a, Writer b, Object thread) throws InterruptedException {",
            "    Thread.startVirtualThread(() -> write(a));",
            "    Thread.startVirtualThread(() -> write(b));",
            "  }",
            "  static void write(Writer w) {",
            "    try { w.write(\"x\"); } catch (IOException e) {}",
            "  }",
            "}")
        .addOutputLines(
            "Export.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "class Export {",
            "  void export(Writer a, Writer b, Object thread) throws InterruptedException {",
            "    Thread thread4 = Thread.startVirtualThread(() -> write(a));",
            "    Thread thread2 = Thread.startVirtualThread(() -> write(b));",
            "    thread4.join();",
            "    thread2.join();",
            "  }",
            "  static void write(Writer w) {",
            "    try { w.write(\"x\"); } catch (IOException e) {}",
            "  }",
            "}")
        .setArgs(STRICT, "--release", "21")
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  void joinGoesBeforeTheYieldOfASwitchRule() {
    refactoring
        .addInputLines(
            "Rule.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "class Rule {",
            "  int run(Object o, Writer out) throws InterruptedException {",
            "    return switch (o.hashCode()) {",
            "      case 1 -> {",
            "        Thread t = new Thread(() -> {",
            "          try { out.write(\"s\"); } catch (IOException e) {}",
            "        });",
            "        t.setDaemon(true);",
            "        t.start();",
            "        yield 1;",
            "      }",
            "      default -> 0;",
            "    };",
            "  }",
            "}")
        .addOutputLines(
            "Rule.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "class Rule {",
            "  int run(Object o, Writer out) throws InterruptedException {",
            "    return switch (o.hashCode()) {",
            "      case 1 -> {",
            "        Thread t = new Thread(() -> {",
            "          try { out.write(\"s\"); } catch (IOException e) {}",
            "        });",
            "        t.setDaemon(true);",
            "        t.start();",
            "        t.join();",
            "        yield 1;",
            "      }",
            "      default -> 0;",
            "    };",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  void joinGoesInsideTheLaunchingBranchThatExits() {
    refactoring
        .addInputLines(
            "Early.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "class Early {",
            "  void run(Writer out, boolean quick) throws InterruptedException {",
            "    Thread t = new Thread(() -> {",
            "      try { out.write(\"x\"); } catch (IOException e) {}",
            "    });",
            "    t.setDaemon(true);",
            "    if (quick) {",
            "      t.start();",
            "      return;",
            "    }",
            "    System.out.println(\"slow\");",
            "  }",
            "}")
        .addOutputLines(
            "Early.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "class Early {",
            "  void run(Writer out, boolean quick) throws InterruptedException {",
            "    Thread t = new Thread(() -> {",
            "      try { out.write(\"x\"); } catch (IOException e) {}",
            "    });",
            "    t.setDaemon(true);",
            "    if (quick) {",
            "      t.start();",
            "      t.join();",
            "      return;",
            "    }",
            "    System.out.println(\"slow\");",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest(TestMode.TEXT_MATCH);
  }
}
