package io.github.daemonguard.checks;

import static io.github.daemonguard.checks.TestArgs.STRICT;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * Output sinks that are no {@code Closeable}: a {@code java.util.logging.Handler} loses records the
 * same way a writer does (the logging frameworks' appenders and Netty's channels are matched by
 * name the same way, without a dependency).
 */
final class SinksTest {
  private final CompilationTestHelper daemon =
      CompilationTestHelper.newInstance(DaemonThreadResource.class, getClass());
  private final CompilationTestHelper outlives =
      CompilationTestHelper.newInstance(TaskOutlivesResource.class, getClass());

  @Test
  void aDaemonPublishingToAFileHandlerIsFlaggedButConsoleAndGettersAreNot() {
    daemon
        .addSourceLines(
            "Shipper.java",
            "import java.util.logging.ConsoleHandler;",
            "import java.util.logging.Handler;",
            "import java.util.logging.Level;",
            "import java.util.logging.LogRecord;",
            "class Shipper {",
            "  void ship(Handler file, ConsoleHandler console) {",
            "    Thread t = new Thread(() -> file.publish(new LogRecord(Level.INFO, \"x\")));",
            "    t.setDaemon(true);",
            "    // BUG: Diagnostic contains: writes to 'file'",
            "    t.start();",
            "    Thread c = new Thread(() -> console.publish(new LogRecord(Level.INFO, \"x\")));",
            "    c.setDaemon(true);",
            "    c.start();",
            "    Thread level = new Thread(() -> System.out.println(file.getLevel()));",
            "    level.setDaemon(true);",
            "    level.start();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }

  @Test
  void closingAHandlerUnderItsPublisher() {
    outlives
        .addSourceLines(
            "Shipper.java",
            "import java.util.logging.Handler;",
            "import java.util.logging.Level;",
            "import java.util.logging.LogRecord;",
            "class Shipper {",
            "  void ship(Handler file) throws InterruptedException {",
            "    Thread t = new Thread(() -> file.publish(new LogRecord(Level.INFO, \"x\")));",
            "    // BUG: Diagnostic contains: uses 'file', which this method closes",
            "    t.start();",
            "    file.close();",
            "    t.join();",
            "  }",
            "  void joinedFirst(Handler file) throws InterruptedException {",
            "    Thread t = new Thread(() -> file.publish(new LogRecord(Level.INFO, \"x\")));",
            "    t.start();",
            "    t.join();",
            "    file.close();",
            "  }",
            "}")
        .setArgs(STRICT)
        .doTest();
  }
}
