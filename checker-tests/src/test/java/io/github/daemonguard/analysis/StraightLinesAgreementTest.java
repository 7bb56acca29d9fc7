package io.github.daemonguard.analysis;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link StraightLines} answers "no path avoids the await" without a control-flow graph. It is only
 * a shortcut: wherever it answers, the graph must not find such a path. A probe asks both, for
 * every pair of calls (and call receivers) in each method of a source full of jumps, loops,
 * branches and handlers, and reports any disagreement; it also reports how often the shortcut
 * answered, so the test fails if the shortcut stops answering where it should.
 */
final class StraightLinesAgreementTest {

  /** Asks the shortcut and the graph the same questions about one method. */
  @BugPattern(summary = "Compares StraightLines with the control-flow graph", severity = WARNING)
  public static final class Probe extends BugChecker implements MethodTreeMatcher {
    private static final long serialVersionUID = 1L;

    @Override
    public Description matchMethod(MethodTree tree, VisitorState state) {
      if (tree.getBody() == null) {
        return Description.NO_MATCH;
      }
      TreePath method = state.getPath();
      List<MethodInvocationTree> calls = new ArrayList<>();
      List<Tree> stops = new ArrayList<>();
      new TreePathScanner<Void, Void>() {
        @Override
        public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
          calls.add(call);
          stops.add(call);
          if (call.getMethodSelect() instanceof MemberSelectTree select
              && select.getExpression() instanceof IdentifierTree receiver) {
            stops.add(receiver);
          }
          return super.visitMethodInvocation(call, null);
        }

        @Override
        public Void visitLambdaExpression(LambdaExpressionTree lambda, Void unused) {
          return null;
        }

        @Override
        public Void visitClass(ClassTree type, Void unused) {
          return null;
        }
      }.scan(new TreePath(method, tree.getBody()), null);
      NormalPaths graph = NormalPaths.create();
      int answered = 0;
      for (MethodInvocationTree call : calls) {
        for (Tree stop : stops) {
          if (stop == call || contains(call, stop)) {
            continue;
          }
          List<Tree> avoid = List.of(stop);
          if (StraightLines.everyPathToExitPasses(method, call, avoid)) {
            answered++;
            if (graph.onGraph(method, call, null, avoid, t -> Set.of(), state)
                == NormalPaths.Answer.YES) {
              state.reportMatch(
                  buildDescription(call)
                      .setMessage("DISAGREE: the graph finds a path to the exit avoiding " + stop)
                      .build());
            }
          }
          if (StraightLines.everyPathFromEntryPasses(method, call, avoid)) {
            answered++;
            if (graph.onGraph(method, null, call, avoid, t -> Set.of(), state)
                == NormalPaths.Answer.YES) {
              state.reportMatch(
                  buildDescription(call)
                      .setMessage(
                          "DISAGREE: the graph finds a path from the entry avoiding " + stop)
                      .build());
            }
          }
        }
      }
      return answered == 0
          ? Description.NO_MATCH
          : buildDescription(tree).setMessage("shortcut answered " + answered).build();
    }

    private static boolean contains(Tree outer, Tree inner) {
      Boolean found =
          new com.sun.source.util.TreeScanner<Boolean, Void>() {
            @Override
            public Boolean scan(Tree tree, Void unused) {
              return tree == inner || Boolean.TRUE.equals(super.scan(tree, null));
            }

            @Override
            public Boolean reduce(Boolean a, Boolean b) {
              return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
            }
          }.scan(outer, null);
      return Boolean.TRUE.equals(found);
    }
  }

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(Probe.class, getClass());

  @Test
  void shortcutNeverContradictsTheGraph() {
    helper
        .addSourceLines(
            "Shapes.java",
            "import java.io.Writer;",
            "abstract class Shapes {",
            "  abstract void a();",
            "  abstract void b();",
            "  abstract void c();",
            "  abstract boolean f();",
            "  abstract boolean g();",
            "  // BUG: Diagnostic contains: shortcut answered",
            "  void straight(Thread t) throws Exception {",
            "    a();",
            "    t.join();",
            "    c();",
            "  }",
            "  // BUG: Diagnostic contains: shortcut answered",
            "  void inFinally(Thread t) throws Exception {",
            "    try {",
            "      a();",
            "      if (f()) return;",
            "      b();",
            "    } finally {",
            "      t.join();",
            "    }",
            "    c();",
            "  }",
            "  // BUG: Diagnostic contains: shortcut answered",
            "  void branchesAndReturns(Thread t) throws Exception {",
            "    a();",
            "    if (f()) {",
            "      b();",
            "    }",
            "    if (g()) return;",
            "    c();",
            "    boolean ok = f() && g();",
            "    t.join();",
            "  }",
            "  // BUG: Diagnostic contains: shortcut answered",
            "  void loopsWithJumps(Thread t) throws Exception {",
            "    outer:",
            "    for (int i = 0; i < 3; i++) {",
            "      for (int j = 0; j < 3; j++) {",
            "        a();",
            "        if (f()) break outer;",
            "        if (g()) continue;",
            "        b();",
            "      }",
            "      c();",
            "    }",
            "    while (f()) {",
            "      a();",
            "      if (g()) break;",
            "    }",
            "    do {",
            "      b();",
            "    } while (g());",
            "    t.join();",
            "  }",
            "  // BUG: Diagnostic contains: shortcut answered",
            "  void switchesAndYields(Thread t, int x) throws Exception {",
            "    switch (x) {",
            "      case 1:",
            "        a();",
            "        break;",
            "      default:",
            "        b();",
            "    }",
            "    int v = switch (x) {",
            "      case 1 -> {",
            "        a();",
            "        yield 1;",
            "      }",
            "      default -> 2;",
            "    };",
            "    c();",
            "    t.join();",
            "  }",
            "  // BUG: Diagnostic contains: shortcut answered",
            "  void handlers(Thread t, Writer w) throws Exception {",
            "    try {",
            "      a();",
            "    } catch (RuntimeException e) {",
            "      b();",
            "      return;",
            "    }",
            "    try (Writer closing = w) {",
            "      c();",
            "    }",
            "    synchronized (this) {",
            "      a();",
            "    }",
            "    while (!f()) {",
            "      b();",
            "    }",
            "    if (g() ? f() : g()) {",
            "      c();",
            "    }",
            "    t.join();",
            "  }",
            "  // BUG: Diagnostic contains: shortcut answered",
            "  void exits(Thread t) throws Exception {",
            "    a();",
            "    if (f()) {",
            "      System.exit(1);",
            "    }",
            "    t.join();",
            "    Runnable r = () -> b();",
            "    c();",
            "  }",
            "  // BUG: Diagnostic contains: shortcut answered",
            "  void awaitsInsideLaterTries(Thread t, java.util.concurrent.ExecutorService ex)",
            "      throws Exception {",
            "    try {",
            "      a();",
            "    } catch (IllegalStateException e) {",
            "    }",
            "    try {",
            "      b();",
            "      while (f()) {",
            "        c();",
            "      }",
            "      try {",
            "        t.join();",
            "      } catch (InterruptedException e) {",
            "        a();",
            "      }",
            "      if (g()) throw new IllegalStateException();",
            "    } finally {",
            "      ex.shutdown();",
            "      try {",
            "        if (!ex.awaitTermination(1, java.util.concurrent.TimeUnit.SECONDS)) {",
            "          b();",
            "        }",
            "      } catch (InterruptedException e) {",
            "        c();",
            "      }",
            "    }",
            "    label: {",
            "      synchronized (this) {",
            "        if (f()) break label;",
            "        a();",
            "      }",
            "    }",
            "    try {",
            "      if (f()) return;",
            "    } finally {",
            "      b();",
            "    }",
            "    c();",
            "  }",
            "  void nothingFollows() {",
            "    if (f()) {",
            "      a();",
            "    }",
            "  }",
            "}")
        .doTest();
  }
}
