package io.github.daemonguard.endtoend;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * javac with {@code -Xplugin:ErrorProne}, finding daemonguard's checks in the packaged checker
 * through their service registration, the way a user's build loads them.
 */
final class JavacPluginTest {
  private static final JavaFileObject LOST_WRITE =
      JavaFileObjects.forSourceLines(
          "demo.Exporter",
          "package demo;",
          "import java.io.IOException;",
          "import java.io.Writer;",
          "public class Exporter {",
          "  static void export(Writer out) {",
          "    Thread t = new Thread(() -> {",
          "      try { out.write(\"x\"); } catch (IOException e) { throw new RuntimeException(e); }",
          "    });",
          "    t.setDaemon(true);",
          "    t.start();",
          "  }",
          "}");

  private static Compilation compile(String errorProneFlags) {
    return javac()
        .withOptions(
            "-processorpath",
            System.getProperty("java.class.path"),
            "-XDcompilePolicy=simple",
            "--should-stop=ifError=FLOW",
            // PackageInfo cannot read compile-testing's in-memory file names.
            "-Xplugin:ErrorProne -XepOpt:DaemonGuard:Strict=true -Xep:PackageInfo:OFF "
                + errorProneFlags)
        .compile(LOST_WRITE);
  }

  @Test
  void reportsTheFindingAsAWarningWithItsDocLink() {
    Compilation compilation = compile("");
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningContaining("[DaemonThreadResource] A daemon thread");
    assertThat(compilation).hadWarningContaining("docs/bugpatterns/DaemonThreadResource.md");
  }

  @Test
  void failsTheBuildWhenPromotedToError() {
    assertThat(compile("-Xep:DaemonThreadResource:ERROR")).hadErrorContaining("nobody waits");
  }

  @Test
  void staysQuietWhenDisabled() {
    Compilation compilation = compile("-Xep:DaemonThreadResource:OFF");
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(0);
  }
}
