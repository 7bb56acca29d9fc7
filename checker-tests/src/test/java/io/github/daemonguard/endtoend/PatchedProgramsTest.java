package io.github.daemonguard.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each buggy program gets daemonguard's first fix applied by a real {@code -XepPatchChecks} run;
 * the patched program must then compile with Error Prone's default checks plus ours and raise no
 * warning at all: the fix compiles, removes the finding, and adds no other Error Prone warning.
 */
final class PatchedProgramsTest {
  @TempDir Path work;

  static Stream<String> buggyPrograms() throws IOException {
    Path dir = Path.of("src/test/resources/buggy");
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("buggyPrograms")
  void patchedProgramCompilesCleanUnderDefaultChecks(String file) throws IOException {
    String original = Files.readString(Path.of("src/test/resources/buggy", file));
    String className = file.substring(0, file.indexOf('.'));
    Path source = work.resolve("demo").resolve(className + ".java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, original, StandardCharsets.UTF_8);
    List<String> flags = List.of("--release", "17");

    List<String> before =
        PatchAndRecompile.problems(
            PatchAndRecompile.compile(source, work.resolve("before"), flags, ""));
    assertTrue(
        before.stream()
            .anyMatch(
                p ->
                    p.contains("[DaemonThreadResource]")
                        || p.contains("[TaskOutlivesResource]")
                        || p.contains("[UnjoinedExecutorResource]")),
        "expected a daemonguard finding before the fix, got " + before);

    String patched = PatchAndRecompile.patch(source, work.resolve("patch"), flags);
    assertNotEquals(original, patched, "the patch run changed nothing");

    List<String> after =
        PatchAndRecompile.problems(
            PatchAndRecompile.compile(source, work.resolve("after"), flags, ""));
    assertEquals(List.of(), after, "warnings after the fix in:\n" + patched);
  }
}
