package io.github.daemonguard.analysis;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.ClassTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.ClassTree;
import org.junit.jupiter.api.Test;

/**
 * {@link LifecycleCandidates} decides, before any lifecycle analysis, which classes can have a
 * class-lifecycle finding at all: a call of a launching method (name, then owner) and a close of a
 * field the class declares. It may only ever keep too many classes, never too few (the lifecycle
 * tests' positives pass through it); these cases pin down that it also leaves out the common
 * classes that merely name a launch and a close.
 */
final class LifecycleCandidatesTest {

  /** Reports each named class the filter keeps. */
  @BugPattern(summary = "Reports the lifecycle candidates", severity = WARNING)
  public static final class Probe extends BugChecker implements ClassTreeMatcher {
    private static final long serialVersionUID = 1L;

    @Override
    public Description matchClass(ClassTree tree, VisitorState state) {
      return LifecycleCandidates.mayHaveLifecycle(state.getPath(), state)
          ? buildDescription(tree).setMessage("candidate").build()
          : Description.NO_MATCH;
    }
  }

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(Probe.class, getClass());

  @Test
  void keepsClassesThatLaunchAndCloseTheirOwnField() {
    helper
        .addSourceLines(
            "Classes.java",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "import java.util.concurrent.ExecutorService;",
            "// Top-level classes: what a nested class holds counts for its enclosing class too.",
            "// BUG: Diagnostic contains: candidate",
            "class Worker {",
            "    private final Writer out;",
            "    private Thread thread;",
            "    Worker(Writer out) { this.out = out; }",
            "    void start() { thread = new Thread(this::run); thread.start(); }",
            "    void run() {}",
            "    void close() throws IOException { out.close(); }",
            "}",
            "// BUG: Diagnostic contains: candidate",
            "class ThroughAHelper {",
            "    private final Writer out;",
            "    private final ExecutorService pool;",
            "    ThroughAHelper(Writer out, ExecutorService pool) { this.out = out; this.pool = pool; }",
            "    void flushLater() { pool.submit(() -> {}); }",
            "    void stop() throws IOException { closeWriter(); }",
            "    private void closeWriter() throws IOException { this.out.close(); }",
            "}")
        .doTest();
  }

  @Test
  void leavesOutClassesWhoseLaunchOrCloseIsOnlyANameMatch() {
    helper
        .addSourceLines(
            "Classes.java",
            "import java.io.BufferedReader;",
            "import java.io.FileReader;",
            "import java.io.IOException;",
            "import java.io.Writer;",
            "import java.sql.Connection;",
            "import java.sql.SQLException;",
            "import java.sql.Statement;",
            "/** A JDBC statement's execute() is no launch. */",
            "class Jdbc {",
            "    private final Connection conn;",
            "    private final Statement stat;",
            "    Jdbc(Connection conn, Statement stat) { this.conn = conn; this.stat = stat; }",
            "    void run() throws SQLException { stat.execute(\"checkpoint\"); }",
            "    void close() throws SQLException { conn.close(); }",
            "}",
            "interface Server { void start(); }",
            "/** A server's start() is no launch. */",
            "class Starter {",
            "    private final Server server;",
            "    private final Writer out;",
            "    Starter(Server server, Writer out) { this.server = server; this.out = out; }",
            "    void begin() { server.start(); }",
            "    void close() throws IOException { out.close(); }",
            "}",
            "/** The close is of a local reader, not of a field of the class. */",
            "class LocalClose {",
            "    void load(String path) throws IOException {",
            "      new Thread(() -> {}).start();",
            "      BufferedReader in = new BufferedReader(new FileReader(path));",
            "      in.close();",
            "    }",
            "}",
            "class Holder { Writer out; }",
            "/** The closed field is another object's. */",
            "class OthersField {",
            "    void stop(Holder holder) throws IOException {",
            "      new Thread(() -> {}).start();",
            "      holder.out.close();",
            "    }",
            "}")
        .doTest();
  }
}
