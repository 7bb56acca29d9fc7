package io.github.daemonguard.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Runs one javac compilation several times in this JVM, so that the second and later runs find
 * Error Prone's and daemonguard's classes loaded and their code compiled: what is left of the
 * checks' time then is the analysis itself, and the first run's excess is the fixed cost of a cold
 * process (class loading, verification, interpretation until the JIT compiles).
 *
 * <p>Arguments: the number of runs, the timings file that {@code -Xplugin:DaemonguardTimings} is
 * given among the javac arguments, then the javac arguments. Each run prints {@code run N wall MS}
 * and the timings file's lines, indented.
 */
public final class RepeatedCompile {
  private RepeatedCompile() {}

  public static void main(String[] args) throws IOException {
    int runs = Integer.parseInt(args[0]);
    Path timings = Path.of(args[1]);
    String[] javacArgs = Arrays.copyOfRange(args, 2, args.length);
    for (int run = 1; run <= runs; run++) {
      long start = System.nanoTime();
      int status = com.sun.tools.javac.Main.compile(javacArgs);
      long wall = (System.nanoTime() - start) / 1_000_000;
      if (status != 0) {
        System.out.println("run " + run + " failed: javac exit status " + status);
        System.exit(1);
      }
      System.out.println("run " + run + " wall " + wall);
      for (String line : Files.readAllLines(timings, StandardCharsets.UTF_8)) {
        System.out.println("  " + line);
      }
    }
  }
}
