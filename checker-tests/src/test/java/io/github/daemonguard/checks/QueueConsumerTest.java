package io.github.daemonguard.checks;

import static io.github.daemonguard.checks.TestArgs.STRICT;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.BugCheckerRefactoringTestHelper.TestMode;
import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/** Daemon consumers that loop forever: the sentinel fix, and no join that would hang. */
final class QueueConsumerTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(DaemonThreadResource.class, getClass());
  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(DaemonThreadResource.class, getClass())
          .setArgs(STRICT);

  private static String[] consumer(String queueType, String queueNew, String elementType) {
    return new String[] {
      "import java.io.IOException;",
      "import java.io.UncheckedIOException;",
      "import java.io.Writer;",
      "import java.util.concurrent.*;",
      "class Pipeline {",
      "  public static void main(String[] args) throws Exception {",
      "    Writer out = new java.io.FileWriter(args[0], java.nio.charset.StandardCharsets.UTF_8);",
      "    " + queueType + " queue = " + queueNew + ";",
      "    Thread consumer = new Thread(() -> {",
      "      try {",
      "        while (true) {",
      "          " + elementType + " item = queue.take();",
      "          out.write(String.valueOf(item));",
      "        }",
      "      } catch (InterruptedException e) {",
      "        Thread.currentThread().interrupt();",
      "      } catch (IOException e) {",
      "        throw new UncheckedIOException(e);",
      "      }",
      "    });",
      "    consumer.setDaemon(true);",
      "    consumer.start();",
      "    for (int i = 0; i < 100; i++) {",
      "      queue.put(produce(i));",
      "    }",
      "  }",
      "  static " + elementType + " produce(int i) { return null; }",
      "}"
    };
  }

  @Test
  void endlessDaemonConsumerIsFlaggedAndNeverGetsABareJoin() {
    String[] source = consumer("BlockingQueue<String>", "new LinkedBlockingQueue<>()", "String");
    java.util.List<String> marked = new java.util.ArrayList<>(java.util.List.of(source));
    marked.add(marked.indexOf("    consumer.start();"), "    // BUG: Diagnostic matches: LOOP");
    helper
        .addSourceLines("Pipeline.java", marked.toArray(new String[0]))
        .expectErrorMessage(
            "LOOP",
            m -> m.contains("runs until it is stopped") && m.contains("a bare join() would hang"))
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void stringQueueGetsASentinelCheckedByIdentity() {
    refactoring
        .addInputLines(
            "Pipeline.java",
            consumer("BlockingQueue<String>", "new LinkedBlockingQueue<>()", "String"))
        .addOutputLines(
            "Pipeline.java",
            "import java.io.IOException;",
            "import java.io.UncheckedIOException;",
            "import java.io.Writer;",
            "import java.util.concurrent.*;",
            "class Pipeline {",
            "  public static void main(String[] args) throws Exception {",
            "    Writer out = new java.io.FileWriter(args[0], java.nio.charset.StandardCharsets.UTF_8);",
            "    BlockingQueue<String> queue = new LinkedBlockingQueue<>();",
            "    Thread consumer = new Thread(() -> {",
            "      try {",
            "        while (true) {",
            "          String item = queue.take();",
            "          if (isEndOfQueue(item)) {",
            "            out.flush();",
            "            break;",
            "          }",
            "          out.write(String.valueOf(item));",
            "        }",
            "      } catch (InterruptedException e) {",
            "        Thread.currentThread().interrupt();",
            "      } catch (IOException e) {",
            "        throw new UncheckedIOException(e);",
            "      }",
            "    });",
            "    consumer.setDaemon(true);",
            "    consumer.start();",
            "    for (int i = 0; i < 100; i++) {",
            "      queue.put(produce(i));",
            "    }",
            "    queue.put(END_OF_QUEUE);",
            "    consumer.join();",
            "  }",
            "  static String produce(int i) { return null; }",
            "  /** Put on the queue after the last item: the consumer stops when it takes it. */",
            "  private static final String END_OF_QUEUE = new String(\"END_OF_QUEUE\");",
            "  /** Whether {@code item} is the sentinel itself, not an equal string. */",
            "  @SuppressWarnings(\"ReferenceEquality\") // identity is the point",
            "  private static boolean isEndOfQueue(String item) {",
            "    return item == END_OF_QUEUE;",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  void objectQueueComparesTheSentinelDirectly() {
    refactoring
        .addInputLines(
            "Pipeline.java",
            consumer("ArrayBlockingQueue<Object>", "new ArrayBlockingQueue<>(16)", "Object"))
        .addOutputLines(
            "Pipeline.java",
            "import java.io.IOException;",
            "import java.io.UncheckedIOException;",
            "import java.io.Writer;",
            "import java.util.concurrent.*;",
            "class Pipeline {",
            "  public static void main(String[] args) throws Exception {",
            "    Writer out = new java.io.FileWriter(args[0], java.nio.charset.StandardCharsets.UTF_8);",
            "    ArrayBlockingQueue<Object> queue = new ArrayBlockingQueue<>(16);",
            "    Thread consumer = new Thread(() -> {",
            "      try {",
            "        while (true) {",
            "          Object item = queue.take();",
            "          if (item == END_OF_QUEUE) {",
            "            out.flush();",
            "            break;",
            "          }",
            "          out.write(String.valueOf(item));",
            "        }",
            "      } catch (InterruptedException e) {",
            "        Thread.currentThread().interrupt();",
            "      } catch (IOException e) {",
            "        throw new UncheckedIOException(e);",
            "      }",
            "    });",
            "    consumer.setDaemon(true);",
            "    consumer.start();",
            "    for (int i = 0; i < 100; i++) {",
            "      queue.put(produce(i));",
            "    }",
            "    queue.put(END_OF_QUEUE);",
            "    consumer.join();",
            "  }",
            "  static Object produce(int i) { return null; }",
            "  /** Put on the queue after the last item: the consumer stops when it takes it. */",
            "  private static final Object END_OF_QUEUE = new Object();",
            "}")
        .setArgs(STRICT)
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  void noFixForPriorityQueuesBoxedElementsOrUnknownQueues() {
    String[][] inputs = {
      consumer("BlockingQueue<String>", "new PriorityBlockingQueue<>()", "String"),
      consumer("BlockingQueue<Integer>", "new LinkedBlockingQueue<>()", "Integer"),
    };
    for (String[] input : inputs) {
      BugCheckerRefactoringTestHelper.newInstance(DaemonThreadResource.class, getClass())
          .setArgs(STRICT)
          .addInputLines("Pipeline.java", input)
          .expectUnchanged()
          .doTest(TestMode.TEXT_MATCH);
    }
  }

  @Test
  void noFixForAnEndlessLoopThatTakesFromNoQueue() {
    refactoring
        .addInputLines(
            "Heartbeat.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "class Heartbeat {",
            "  static void beat(Writer out) {",
            "    Thread t = new Thread(() -> {",
            "      while (!Thread.currentThread().isInterrupted()) {",
            "        try { out.write(\"beat\\n\"); out.flush(); Thread.sleep(1000); }",
            "        catch (IOException | InterruptedException e) { return; }",
            "      }",
            "    });",
            "    t.setDaemon(true);",
            "    t.start();",
            "  }",
            "}")
        .expectUnchanged()
        .setArgs(STRICT)
        .doTest(TestMode.TEXT_MATCH);
  }
}
