package io.github.daemonguard.checks;

import static io.github.daemonguard.checks.TestArgs.STRICT;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.BugCheckerRefactoringTestHelper.FixChoosers;
import com.google.errorprone.BugCheckerRefactoringTestHelper.TestMode;
import org.junit.jupiter.api.Test;

final class DaemonThreadResourceFixTest {
  private final BugCheckerRefactoringTestHelper helper =
      BugCheckerRefactoringTestHelper.newInstance(DaemonThreadResource.class, getClass())
          .setArgs(STRICT);

  @Test
  void joinsAtEndOfMainAndDeclaresInterruptedException() {
    helper
        .addInputLines(
            "Exporter.java",
            "import java.io.IOException;",
            "import java.io.PrintWriter;",
            "class Exporter {",
            "  public static void main(String[] args) throws IOException {",
            "    PrintWriter out = new PrintWriter(args[0], \"UTF-8\");",
            "    Thread t = new Thread(() -> {",
            "      for (int i = 0; i < 1000; i++) {",
            "        out.println(i);",
            "      }",
            "      out.close();",
            "    });",
            "    t.setDaemon(true);",
            "    t.start();",
            "    System.out.println(\"started\");",
            "  }",
            "}")
        .addOutputLines(
            "Exporter.java",
            "import java.io.IOException;",
            "import java.io.PrintWriter;",
            "class Exporter {",
            "  public static void main(String[] args) throws IOException, InterruptedException {",
            "    PrintWriter out = new PrintWriter(args[0], \"UTF-8\");",
            "    Thread t = new Thread(() -> {",
            "      for (int i = 0; i < 1000; i++) {",
            "        out.println(i);",
            "      }",
            "      out.close();",
            "    });",
            "    t.setDaemon(true);",
            "    t.start();",
            "    System.out.println(\"started\");",
            "    t.join();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  void outsideMainCatchesInterruptCancelsAndRestores() {
    helper
        .addInputLines(
            "Saver.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "class Saver {",
            "  void save(Writer out) {",
            "    Thread t = new Thread(() -> {",
            "      try { out.write(\"x\"); } catch (IOException e) {}",
            "    });",
            "    t.setDaemon(true);",
            "    t.start();",
            "  }",
            "}")
        .addOutputLines(
            "Saver.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "class Saver {",
            "  void save(Writer out) {",
            "    Thread t = new Thread(() -> {",
            "      try { out.write(\"x\"); } catch (IOException e) {}",
            "    });",
            "    t.setDaemon(true);",
            "    t.start();",
            "    try {",
            "      t.join();",
            "    } catch (InterruptedException e) {",
            "      t.interrupt();",
            "      Thread.currentThread().interrupt();",
            "    }",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  void threadsStartedInALoopAreCollectedAndJoinedAfterIt() {
    helper
        .addInputLines(
            "Shards.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "import java.util.List;",
            "class Shards {",
            "  void writeAll(List<Writer> outs) throws InterruptedException {",
            "    for (Writer out : outs) {",
            "      Thread t = new Thread(() -> {",
            "        try { out.write(\"x\"); } catch (IOException e) {}",
            "      });",
            "      t.setDaemon(true);",
            "      t.start();",
            "    }",
            "  }",
            "}")
        .addOutputLines(
            "Shards.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "import java.util.ArrayList;",
            "import java.util.List;",
            "class Shards {",
            "  void writeAll(List<Writer> outs) throws InterruptedException {",
            "    List<Thread> threads = new ArrayList<>();",
            "    for (Writer out : outs) {",
            "      Thread t = new Thread(() -> {",
            "        try { out.write(\"x\"); } catch (IOException e) {}",
            "      });",
            "      t.setDaemon(true);",
            "      t.start();",
            "      threads.add(t);",
            "    }",
            "    for (Thread thread : threads) {",
            "      thread.join();",
            "    }",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  void unnamedSubclassThreadGetsAVariable() {
    helper
        .addInputLines(
            "Flusher.java",
            "import java.io.IOException;",
            "import java.io.OutputStream;",
            "class Flusher extends Thread {",
            "  private final OutputStream out;",
            "  Flusher(OutputStream out) {",
            "    this.out = out;",
            "    setDaemon(true);",
            "  }",
            "  @Override public void run() {",
            "    try { out.write(42); out.flush(); } catch (IOException e) {}",
            "  }",
            "  static void launch(OutputStream out) throws InterruptedException {",
            "    new Flusher(out).start();",
            "  }",
            "}")
        .addOutputLines(
            "Flusher.java",
            "import java.io.IOException;",
            "import java.io.OutputStream;",
            "class Flusher extends Thread {",
            "  private final OutputStream out;",
            "  Flusher(OutputStream out) {",
            "    this.out = out;",
            "    setDaemon(true);",
            "  }",
            "  @Override public void run() {",
            "    try { out.write(42); out.flush(); } catch (IOException e) {}",
            "  }",
            "  static void launch(OutputStream out) throws InterruptedException {",
            "    Flusher thread = new Flusher(out);",
            "    thread.start();",
            "    thread.join();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  void earlyExitsGetTheJoinInFinally() {
    helper
        .addInputLines(
            "Saver.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "class Saver {",
            "  int save(Writer out, boolean quick) throws InterruptedException {",
            "    Thread t = new Thread(() -> {",
            "      try { out.write(\"x\"); } catch (IOException e) {}",
            "    });",
            "    t.setDaemon(true);",
            "    t.start();",
            "    if (quick) {",
            "      return 0;",
            "    }",
            "    System.out.println(t.getName());",
            "    return 1;",
            "  }",
            "}")
        .addOutputLines(
            "Saver.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "class Saver {",
            "  int save(Writer out, boolean quick) throws InterruptedException {",
            "    Thread t = new Thread(() -> {",
            "      try { out.write(\"x\"); } catch (IOException e) {}",
            "    });",
            "    t.setDaemon(true);",
            "    t.start();",
            "    try {",
            "      if (quick) {",
            "        return 0;",
            "      }",
            "      System.out.println(t.getName());",
            "      return 1;",
            "    } finally {",
            "      t.join();",
            "    }",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  void alternativeFixDropsTheDaemonFlag() {
    helper
        .addInputLines(
            "Saver.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "class Saver {",
            "  void save(Writer out) {",
            "    Thread t = new Thread(() -> {",
            "      try { out.write(\"x\"); } catch (IOException e) {}",
            "    });",
            "    t.setDaemon(true);",
            "    t.start();",
            "  }",
            "}")
        .addOutputLines(
            "Saver.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "class Saver {",
            "  void save(Writer out) {",
            "    Thread t = new Thread(() -> {",
            "      try { out.write(\"x\"); } catch (IOException e) {}",
            "    });",
            "    t.setDaemon(false);",
            "    t.start();",
            "  }",
            "}")
        .setFixChooser(FixChoosers.SECOND)
        .setArgs(STRICT)
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  void twoFindingsInOneMethodCompose() {
    helper
        .addInputLines(
            "Export.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "class Export {",
            "  public static void main(String[] args) throws IOException {",
            "    Writer a = new java.io.FileWriter(args[0], java.nio.charset.StandardCharsets.UTF_8);",
            "    Writer b = new java.io.FileWriter(args[1], java.nio.charset.StandardCharsets.UTF_8);",
            "    Thread first = new Thread(() -> write(a));",
            "    first.setDaemon(true);",
            "    first.start();",
            "    Thread second = new Thread(() -> write(b));",
            "    second.setDaemon(true);",
            "    second.start();",
            "  }",
            "  private static void write(Writer w) {",
            "    try (w) { w.write(\"x\"); } catch (IOException e) {}",
            "  }",
            "}")
        .addOutputLines(
            "Export.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "class Export {",
            "  public static void main(String[] args) throws IOException, InterruptedException {",
            "    Writer a = new java.io.FileWriter(args[0], java.nio.charset.StandardCharsets.UTF_8);",
            "    Writer b = new java.io.FileWriter(args[1], java.nio.charset.StandardCharsets.UTF_8);",
            "    Thread first = new Thread(() -> write(a));",
            "    first.setDaemon(true);",
            "    first.start();",
            "    Thread second = new Thread(() -> write(b));",
            "    second.setDaemon(true);",
            "    second.start();",
            "    first.join();",
            "    second.join();",
            "  }",
            "  private static void write(Writer w) {",
            "    try (w) { w.write(\"x\"); } catch (IOException e) {}",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  void resourceTheTaskOpensAndNeverClosesGetsTryWithResources() {
    helper
        .addInputLines(
            "Dump.java",
            "import java.io.FileWriter;",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "import java.nio.charset.StandardCharsets;",
            "class Dump {",
            "  static void dump(String text) throws InterruptedException {",
            "    Thread t = new Thread(() -> {",
            "      try {",
            "        Writer w = new FileWriter(\"dump.txt\", StandardCharsets.UTF_8);",
            "        w.write(text);",
            "        w.write(\"\\n\");",
            "      } catch (IOException e) {",
            "        throw new java.io.UncheckedIOException(e);",
            "      }",
            "    });",
            "    t.setDaemon(true);",
            "    t.start();",
            "  }",
            "}")
        .addOutputLines(
            "Dump.java",
            "import java.io.FileWriter;",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "import java.nio.charset.StandardCharsets;",
            "class Dump {",
            "  static void dump(String text) throws InterruptedException {",
            "    Thread t = new Thread(() -> {",
            "      try {",
            "        try (Writer w = new FileWriter(\"dump.txt\", StandardCharsets.UTF_8)) {",
            "          w.write(text);",
            "          w.write(\"\\n\");",
            "        }",
            "      } catch (IOException e) {",
            "        throw new java.io.UncheckedIOException(e);",
            "      }",
            "    });",
            "    t.setDaemon(true);",
            "    t.start();",
            "    t.join();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest(TestMode.TEXT_MATCH);
  }
}
