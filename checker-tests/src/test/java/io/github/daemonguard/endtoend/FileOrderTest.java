package io.github.daemonguard.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A module build compiles many files in one javac run, and the checks follow callees into any of
 * them: the findings must not depend on the order in which javac is handed the files.
 */
final class FileOrderTest {
  private static final Map<String, String> SOURCES = new LinkedHashMap<>();

  static {
    SOURCES.put(
        "demo/Dumper.java",
        String.join(
            "\n",
            "package demo;",
            "import java.io.IOException;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "final class Dumper {",
            "  private Dumper() {}",
            "  static void dump(Path p) {",
            "    try { Files.writeString(p, \"state\"); } catch (IOException e) {}",
            "  }",
            "  static void viaOne(Path p) { dump(p); }",
            "}",
            ""));
    SOURCES.put(
        "demo/Pools.java",
        String.join(
            "\n",
            "package demo;",
            "import java.util.concurrent.ExecutorService;",
            "import java.util.concurrent.Executors;",
            "import java.util.concurrent.LinkedBlockingQueue;",
            "import java.util.concurrent.ThreadPoolExecutor;",
            "import java.util.concurrent.TimeUnit;",
            "final class Pools {",
            "  private Pools() {}",
            "  static ExecutorService newPool() { return Executors.newFixedThreadPool(2); }",
            "  static ExecutorService viaLocal() {",
            "    ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,",
            "        new LinkedBlockingQueue<>());",
            "    return pool;",
            "  }",
            "  static ExecutorService daemonPool() {",
            "    return Executors.newCachedThreadPool(new DaemonFactory());",
            "  }",
            "  static void stop(ExecutorService pool) throws InterruptedException {",
            "    pool.shutdown();",
            "    pool.awaitTermination(1, TimeUnit.MINUTES);",
            "  }",
            "}",
            ""));
    SOURCES.put(
        "demo/DaemonFactory.java",
        String.join(
            "\n",
            "package demo;",
            "import java.util.concurrent.ThreadFactory;",
            "final class DaemonFactory implements ThreadFactory {",
            "  @Override public Thread newThread(Runnable r) {",
            "    Thread t = new Thread(r);",
            "    t.setDaemon(true);",
            "    return t;",
            "  }",
            "}",
            ""));
    SOURCES.put(
        "demo/Threads.java",
        String.join(
            "\n",
            "package demo;",
            "final class Threads {",
            "  private Threads() {}",
            "  static void await(Thread t) throws InterruptedException { t.join(); }",
            "  static void stop(Thread t) { t.interrupt(); }",
            "}",
            ""));
    SOURCES.put(
        "demo/Exporter.java",
        String.join(
            "\n",
            "package demo;",
            "import java.nio.file.Path;",
            "import java.util.concurrent.ExecutorService;",
            "public class Exporter {",
            "  static void writesInAnotherFile(Path p) {",
            "    Thread t = new Thread(() -> Dumper.viaOne(p));",
            "    t.setDaemon(true);",
            "    t.start();", // 8: a finding
            "    Threads.stop(t);",
            "  }",
            "  static void joinedInAnotherFile(Path p) throws InterruptedException {",
            "    Thread t = new Thread(() -> Dumper.dump(p));",
            "    t.setDaemon(true);",
            "    t.start();",
            "    Threads.await(t);",
            "  }",
            "  static void fromAFactory(Path p) {",
            "    ExecutorService pool = Pools.newPool();",
            "    pool.execute(() -> Dumper.dump(p));", // 19: a finding
            "  }",
            "  static void fromALocalFactory(Path p) {",
            "    ExecutorService pool = Pools.viaLocal();",
            "    pool.execute(() -> Dumper.dump(p));", // 23: a finding
            "  }",
            "  static void fromADaemonFactory(Path p) {",
            "    ExecutorService pool = Pools.daemonPool();",
            "    pool.execute(() -> Dumper.dump(p));", // 27: a finding
            "    pool.shutdown();",
            "  }",
            "  static void stoppedInAnotherFile(Path p) throws InterruptedException {",
            "    ExecutorService pool = Pools.daemonPool();",
            "    pool.execute(() -> Dumper.dump(p));",
            "    Pools.stop(pool);",
            "  }",
            "}",
            ""));
  }

  @Test
  void theOrderOfTheFilesNeverChangesAFinding(@TempDir Path dir) throws IOException {
    List<Path> files = new ArrayList<>();
    for (Map.Entry<String, String> source : SOURCES.entrySet()) {
      Path file = dir.resolve("src").resolve(source.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, source.getValue(), StandardCharsets.UTF_8);
      files.add(file);
    }
    List<String> forward = findings(files, dir.resolve("forward"));
    List<String> backward = findings(reversed(files), dir.resolve("backward"));
    assertEquals(forward, backward);
    assertEquals(
        List.of(
            "Exporter.java:8: [DaemonThreadResource]",
            "Exporter.java:19: [UnjoinedExecutorResource]",
            "Exporter.java:23: [UnjoinedExecutorResource]",
            "Exporter.java:27: [UnjoinedExecutorResource]"),
        forward.stream().map(f -> f.substring(0, f.indexOf(']') + 1)).toList(),
        String.join("\n", forward));
    assertTrue(forward.get(0).contains("Files.writeString(p, \"state\")"), forward.get(0));
    assertTrue(
        forward.get(3).contains("made by Pools.daemonPool() from a thread factory"),
        forward.get(3));
  }

  private static List<Path> reversed(List<Path> files) {
    List<Path> reversed = new ArrayList<>(files);
    java.util.Collections.reverse(reversed);
    return reversed;
  }

  /** Each warning or error of one javac run over {@code files}, as "File.java:line: message". */
  private static List<String> findings(List<Path> files, Path classes) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    Files.createDirectories(classes);
    try (StandardJavaFileManager manager =
        javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      List<String> options =
          List.of(
              "-proc:none",
              "-d",
              classes.toString(),
              "-processorpath",
              System.getProperty("java.class.path"),
              "-XDcompilePolicy=simple",
              "--should-stop=ifError=FLOW",
              "-Xplugin:ErrorProne -XepDisableAllChecks -XepOpt:DaemonGuard:Strict=true"
                  + " -Xep:DaemonThreadResource:WARN -Xep:TaskOutlivesResource:WARN"
                  + " -Xep:UnjoinedExecutorResource:WARN");
      StringWriter output = new StringWriter();
      Boolean ok =
          javac
              .getTask(
                  output,
                  manager,
                  diagnostics,
                  options,
                  null,
                  manager.getJavaFileObjectsFromPaths(files))
              .call();
      assertTrue(Boolean.TRUE.equals(ok), output + " " + diagnostics.getDiagnostics());
    }
    List<String> findings = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getKind() == Diagnostic.Kind.NOTE) {
        continue;
      }
      String file =
          d.getSource() == null ? "?" : Path.of(d.getSource().toUri()).getFileName().toString();
      findings.add(file + ":" + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT));
    }
    findings.sort(
        java.util.Comparator.comparing((String f) -> f.substring(0, f.indexOf(':')))
            .thenComparingInt(f -> Integer.parseInt(f.split(":")[1])));
    return findings;
  }
}
