package io.github.daemonguard.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.io.TempDir;

/**
 * Findings of different checks in one method, patched in one run on Java 21, where the executor fix
 * could be try-with-resources: the fixes must compose into code that compiles clean.
 */
final class ComposedFixesTest {
  @TempDir Path work;

  @Test
  @EnabledForJreRange(min = JRE.JAVA_21)
  void executorAndDaemonThreadInOneMethod() throws IOException {
    Path source = work.resolve("demo/Mixed.java");
    Files.createDirectories(source.getParent());
    String original =
        String.join(
            "\n",
            "package demo;",
            "",
            "import java.io.IOException;",
            "import java.io.UncheckedIOException;",
            "import java.nio.charset.StandardCharsets;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "",
            "public class Mixed {",
            "  static void mixed(Path p) {",
            "    ExecutorService a = Executors.newFixedThreadPool(1);",
            "    Thread t = new Thread(() -> write(p, \"t\"));",
            "    t.setDaemon(true);",
            "    t.start();",
            "    a.execute(() -> write(p, \"a\"));",
            "    System.out.println(\"y\");",
            "  }",
            "",
            "  private static void write(Path p, String s) {",
            "    try {",
            "      Files.writeString(p, s, StandardCharsets.UTF_8);",
            "    } catch (IOException e) {",
            "      throw new UncheckedIOException(e);",
            "    }",
            "  }",
            "}",
            "");
    Files.writeString(source, original, StandardCharsets.UTF_8);
    List<String> flags = List.of("--release", "21");

    String patched = PatchAndRecompile.patch(source, work.resolve("patch"), flags);
    assertNotEquals(original, patched);
    assertEquals(
        List.of(),
        PatchAndRecompile.problems(
            PatchAndRecompile.compile(source, work.resolve("after"), flags, "")),
        "after the fixes:\n" + patched);
  }
}
