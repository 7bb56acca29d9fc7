package io.github.daemonguard.endtoend;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flags as a build passes them: a malformed entry is one compile error naming the flag and the
 * entry (no crash, no injector trace), and flags work in a patch run too.
 */
final class FlagsEndToEndTest {
  @TempDir Path work;

  private static final JavaFileObject CLEAN =
      JavaFileObjects.forSourceLines("demo.Clean", "package demo;", "class Clean {}");

  private static Compilation compile(String flags) {
    return javac()
        .withOptions(
            "-processorpath",
            System.getProperty("java.class.path"),
            "-XDcompilePolicy=simple",
            "--should-stop=ifError=FLOW",
            "-Xplugin:ErrorProne -Xep:PackageInfo:OFF " + flags)
        .compile(CLEAN);
  }

  @Test
  void aMethodWithoutHashIsOneErrorNamingFlagAndEntry() {
    Compilation compilation =
        compile("-XepOpt:DaemonGuard:AwaitMethods=com.acme.Pools#await,com.acme.Pools.halt");
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "-XepOpt:DaemonGuard:AwaitMethods has a malformed entry 'com.acme.Pools.halt'");
  }

  @Test
  void anEmptyEntryAndANonBooleanAreReportedEachOnce() {
    Compilation compilation =
        compile("-XepOpt:DaemonGuard:SinkTypes=com.acme.Sink,, -XepOpt:DaemonGuard:Strict=yes");
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation).hadErrorContaining("SinkTypes has a malformed entry ''");
    assertThat(compilation).hadErrorContaining("Strict has a malformed entry 'yes'");
  }

  @Test
  void wellFormedFlagsCompileQuietly() {
    Compilation compilation =
        compile(
            "-XepOpt:DaemonGuard:AwaitMethods=com.acme.Pools#await"
                + " -XepOpt:DaemonGuard:InMemoryTypes=com.acme.Buffer"
                + " -XepOpt:DaemonGuard:Strict=true");
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(0);
  }

  @Test
  void flagsWorkInAPatchRun() throws IOException {
    Path source = work.resolve("demo/Export.java");
    Files.createDirectories(source.getParent());
    Files.writeString(
        source,
        String.join(
            "\n",
            "package demo;",
            "",
            "import io.github.daemonguard.fixtures.Pools;",
            "import java.io.IOException;",
            "import java.io.UncheckedIOException;",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "",
            "class Export {",
            "  static void export(Writer w) throws InterruptedException {",
            "    ExecutorService pool = Pools.newPool();",
            "    pool.execute(",
            "        () -> {",
            "          try {",
            "            w.write(\"x\");",
            "          } catch (IOException e) {",
            "            throw new UncheckedIOException(e);",
            "          }",
            "        });",
            "  }",
            "}",
            ""),
        StandardCharsets.UTF_8);
    PatchAndRecompile.compile(
        source,
        work.resolve("classes"),
        List.of("--release", "17"),
        "-XepDisableAllChecks -Xep:UnjoinedExecutorResource:WARN"
            + " -XepOpt:DaemonGuard:ExecutorFactories=io.github.daemonguard.fixtures.Pools#newPool"
            + " -XepPatchChecks:UnjoinedExecutorResource -XepPatchLocation:IN_PLACE");
    String patched = Files.readString(source, StandardCharsets.UTF_8);
    assertTrue(patched.contains("pool.shutdown();"), patched);
    assertTrue(patched.contains("awaitTermination"), patched);
  }
}
