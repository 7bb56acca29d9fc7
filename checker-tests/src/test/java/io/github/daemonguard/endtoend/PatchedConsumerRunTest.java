package io.github.daemonguard.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs a daemon queue consumer in its own JVM before and after the sentinel fix: before, the JVM
 * exits with records still buffered or queued; after, every record reaches the file and the program
 * exits.
 */
final class PatchedConsumerRunTest {
  private static final int RECORDS = 20_000;

  @TempDir Path work;

  @Test
  void sentinelFixMakesEveryQueuedRecordReachTheFile() throws Exception {
    Path source = work.resolve("src/demo/QueueExporter.java");
    Files.createDirectories(source.getParent());
    Files.writeString(
        source,
        Files.readString(Path.of("src/test/resources/buggy/QueueExporter.java.txt")),
        StandardCharsets.UTF_8);
    List<String> flags = List.of("--release", "17");

    Path before = work.resolve("before");
    PatchAndRecompile.compile(source, before, flags, "");
    long lost = RECORDS - run(before, work.resolve("before.txt"));
    assertTrue(lost > 0, "the unpatched program was expected to lose records");

    String patched = PatchAndRecompile.patch(source, work.resolve("patch"), flags);
    assertTrue(patched.contains("queue.put(END_OF_QUEUE);"), patched);
    Path after = work.resolve("after");
    assertEquals(
        List.of(), PatchAndRecompile.problems(PatchAndRecompile.compile(source, after, flags, "")));
    assertEquals(
        RECORDS, run(after, work.resolve("after.txt")), "records in the file after the fix");
  }

  /** Runs the program in a fresh JVM and counts the lines it wrote. */
  private static long run(Path classes, Path output) throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                java.toString(), "-cp", classes.toString(), "demo.QueueExporter", output.toString())
            .redirectErrorStream(true)
            .start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the program did not exit");
    assertEquals(0, process.exitValue(), new String(process.getInputStream().readAllBytes()));
    try (var lines = Files.lines(output, StandardCharsets.UTF_8)) {
      return lines.count();
    }
  }
}
