package io.github.daemonguard.checks;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

final class DaemonThreadResourceTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(DaemonThreadResource.class, getClass());

  @Test
  void daemonLambdaWritingCapturedWriter() {
    helper
        .addSourceLines(
            "Exporter.java",
            "import java.io.BufferedWriter;",
            "import java.io.IOException;",
            "import java.io.UncheckedIOException;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "class Exporter {",
            "  public static void main(String[] args) throws IOException {",
            "    BufferedWriter out = Files.newBufferedWriter(Path.of(args[0]));",
            "    Thread t = new Thread(() -> {",
            "      try (out) {",
            "        for (int i = 0; i < 1000; i++) {",
            "          out.write(\"line \" + i);",
            "        }",
            "      } catch (IOException e) {",
            "        throw new UncheckedIOException(e);",
            "      }",
            "    });",
            "    t.setDaemon(true);",
            "    // BUG: Diagnostic contains: writes to 'out'",
            "    t.start();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void joinedDaemonIsFine() {
    helper
        .addSourceLines(
            "Exporter.java",
            "import java.io.Writer;",
            "class Exporter {",
            "  void export(Writer out) throws InterruptedException {",
            "    Thread t = new Thread(() -> {",
            "      try { out.write(\"x\"); } catch (java.io.IOException e) {}",
            "    });",
            "    t.setDaemon(true);",
            "    t.start();",
            "    t.join();",
            "  }",
            "}")
        .doTest();
  }
}
