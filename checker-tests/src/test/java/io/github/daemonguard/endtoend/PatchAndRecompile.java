package io.github.daemonguard.endtoend;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Runs javac with Error Prone as a user's build does: the plugin and daemonguard's checks come from
 * this test's classpath, which holds the packaged checker and error_prone_core.
 */
final class PatchAndRecompile {
  private PatchAndRecompile() {}

  /** The diagnostics of compiling {@code source} with Error Prone and {@code errorProneFlags}. */
  static List<Diagnostic<? extends JavaFileObject>> compile(
      Path source, Path classes, List<String> javacFlags, String errorProneFlags)
      throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    Files.createDirectories(classes);
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      List<String> options = new ArrayList<>(javacFlags);
      options.addAll(
          List.of(
              "-d",
              classes.toString(),
              // Error Prone loads plugin checks from the processor path only.
              "-processorpath",
              System.getProperty("java.class.path"),
              "-XDcompilePolicy=simple",
              "--should-stop=ifError=FLOW",
              "-Xplugin:ErrorProne -XepOpt:DaemonGuard:Strict=true " + errorProneFlags));
      StringWriter output = new StringWriter();
      Boolean ok =
          javac
              .getTask(output, files, diagnostics, options, null, files.getJavaFileObjects(source))
              .call();
      if (!Boolean.TRUE.equals(ok) && diagnostics.getDiagnostics().isEmpty()) {
        throw new IllegalStateException("javac failed: " + output);
      }
    }
    return diagnostics.getDiagnostics();
  }

  /** Applies daemonguard's first fixes to {@code source} in place, as -XepPatchChecks does. */
  static String patch(Path source, Path classes, List<String> javacFlags) throws IOException {
    compile(
        source,
        classes,
        javacFlags,
        "-XepPatchChecks:DaemonThreadResource,TaskOutlivesResource,UnjoinedExecutorResource"
            + " -XepPatchLocation:IN_PLACE");
    return Files.readString(source, StandardCharsets.UTF_8);
  }

  /** The warnings and errors among {@code diagnostics}, one line each. */
  static List<String> problems(List<Diagnostic<? extends JavaFileObject>> diagnostics) {
    List<String> problems = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics) {
      if (diagnostic.getKind() == Diagnostic.Kind.WARNING
          || diagnostic.getKind() == Diagnostic.Kind.MANDATORY_WARNING
          || diagnostic.getKind() == Diagnostic.Kind.ERROR) {
        problems.add(diagnostic.getLineNumber() + ": " + diagnostic.getMessage(Locale.ROOT));
      }
    }
    return problems;
  }
}
