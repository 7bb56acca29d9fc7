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
  public static final class Probe extends BugChecker
      implements MethodTreeMatcher,
          BugChecker.LambdaExpressionTreeMatcher,
          BugChecker.ClassTreeMatcher {
    private static final long serialVersionUID = 1L;

    /** Lambdas and initializer blocks are code units too; probed in the Extra* classes only. */
    private static boolean extra(VisitorState state) {
      ClassTree owner = state.findEnclosing(ClassTree.class);
      return owner != null && owner.getSimpleName().toString().startsWith("Extra");
    }

    @Override
    public Description matchLambdaExpression(LambdaExpressionTree tree, VisitorState state) {
      if (!extra(state)) {
        return Description.NO_MATCH;
      }
      return probe(state.getPath(), new TreePath(state.getPath(), tree.getBody()), tree, state);
    }

    @Override
    public Description matchClass(ClassTree tree, VisitorState state) {
      if (!tree.getSimpleName().toString().startsWith("Extra")) {
        return Description.NO_MATCH;
      }
      for (Tree member : tree.getMembers()) {
        if (member instanceof com.sun.source.tree.BlockTree block) {
          TreePath unit = new TreePath(state.getPath(), block);
          Description d = probe(unit, unit, block, state);
          if (d != Description.NO_MATCH) {
            state.reportMatch(d);
          }
        }
      }
      return Description.NO_MATCH;
    }

    @Override
    public Description matchMethod(MethodTree tree, VisitorState state) {
      if (tree.getBody() == null) {
        return Description.NO_MATCH;
      }
      return probe(state.getPath(), new TreePath(state.getPath(), tree.getBody()), tree, state);
    }

    private Description probe(TreePath method, TreePath body, Tree tree, VisitorState state) {
      List<Tree> calls = new ArrayList<>();
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
      }.scan(body, null);
      NormalPaths graph = NormalPaths.create();
      // Calls inside nested lambdas and classes: inUnitCode sends them to UNKNOWN without a graph.
      List<MethodInvocationTree> nested = new ArrayList<>();
      new TreePathScanner<Void, Boolean>() {
        @Override
        public Void visitMethodInvocation(MethodInvocationTree call, Boolean inside) {
          if (inside) {
            nested.add(call);
          }
          return super.visitMethodInvocation(call, inside);
        }

        @Override
        public Void visitLambdaExpression(LambdaExpressionTree lambda, Boolean inside) {
          return super.visitLambdaExpression(lambda, true);
        }

        @Override
        public Void visitClass(ClassTree type, Boolean inside) {
          return super.visitClass(type, true);
        }
      }.scan(body, false);
      for (MethodInvocationTree call : nested) {
        if (StraightLines.inUnitCode(method, call)) {
          continue;
        }
        for (Tree stop : stops) {
          List<Tree> avoid = List.of(stop);
          if (graph.onGraph(method, call, null, avoid, t -> Set.of(), state)
                  == NormalPaths.Answer.YES
              || graph.onGraph(method, null, call, avoid, t -> Set.of(), state)
                  == NormalPaths.Answer.YES) {
            state.reportMatch(
                buildDescription(call)
                    .setMessage("DISAGREE: inUnitCode says nested, the graph answers YES")
                    .build());
          }
        }
      }
      int answered = 0;
      int unknown = 0;
      // Object creations start paths too (a launch may be one); in the Extra* classes, each stop
      // also goes with the next one, as a set.
      boolean extra = extra(state) || tree instanceof com.sun.source.tree.BlockTree;
      if (extra) {
        new TreePathScanner<Void, Void>() {
          @Override
          public Void visitNewClass(com.sun.source.tree.NewClassTree creation, Void unused) {
            calls.add(creation);
            return super.visitNewClass(creation, null);
          }

          @Override
          public Void visitLambdaExpression(LambdaExpressionTree lambda, Void unused) {
            return null;
          }

          @Override
          public Void visitClass(ClassTree type, Void unused) {
            return null;
          }
        }.scan(body, null);
      }
      for (Tree call : calls) {
        for (int s = 0; s < stops.size() * (extra ? 2 : 1); s++) {
          Tree stop = stops.get(s % stops.size());
          if (stop == call || contains(call, stop)) {
            continue;
          }
          List<Tree> avoid = List.of(stop);
          if (s >= stops.size()) {
            Tree next = stops.get((s + 1) % stops.size());
            if (next == call || contains(call, next) || next == stop) {
              continue;
            }
            avoid = List.of(stop, next);
          }
          if (StraightLines.everyPathToExitPasses(method, call, avoid)) {
            answered++;
            NormalPaths.Answer onGraph =
                graph.onGraph(method, call, null, avoid, t -> Set.of(), state);
            if (onGraph == NormalPaths.Answer.UNKNOWN) {
              unknown++;
            }
            if (onGraph == NormalPaths.Answer.YES) {
              state.reportMatch(
                  buildDescription(call)
                      .setMessage("DISAGREE: the graph finds a path to the exit avoiding " + stop)
                      .build());
            }
          }
          if (StraightLines.everyPathFromEntryPasses(method, call, avoid)) {
            answered++;
            NormalPaths.Answer onGraph =
                graph.onGraph(method, null, call, avoid, t -> Set.of(), state);
            if (onGraph == NormalPaths.Answer.UNKNOWN) {
              unknown++;
            }
            if (onGraph == NormalPaths.Answer.YES) {
              state.reportMatch(
                  buildDescription(call)
                      .setMessage(
                          "DISAGREE: the graph finds a path from the entry avoiding " + stop)
                      .build());
            }
          }
        }
      }
      // In the Extra* classes only disagreements are reported (so no diagnostic at all is
      // expected).
      return answered == 0 || extra(state) || tree instanceof com.sun.source.tree.BlockTree
          ? Description.NO_MATCH
          : buildDescription(tree)
              .setMessage(
                  "shortcut answered "
                      + answered
                      + (unknown == 0 ? "" : ", graph unknown " + unknown))
              .build();
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

  @Test
  void extraShapes() {
    helper
        .addSourceLines(
            "Extra.java",
            "abstract class Extra {",
            "  abstract void a();",
            "  abstract void b();",
            "  abstract void c();",
            "  abstract boolean f();",
            "  abstract boolean g();",
            "  abstract Boolean h();",
            "  abstract java.io.Writer open(Object o);",
            "  abstract int n();",
            "  void breakInFinally(Thread t) throws Exception {",
            "    while (f()) {",
            "      try {",
            "        a();",
            "        return;",
            "      } finally {",
            "        b();",
            "        break;",
            "      }",
            "    }",
            "    t.join();",
            "    c();",
            "  }",
            "  void doubleLabel(Thread t) throws Exception {",
            "    x: y: while (f()) {",
            "      a();",
            "      if (g()) continue y;",
            "      b();",
            "    }",
            "    t.join();",
            "  }",
            "  void doubleLabelBreak(Thread t) throws Exception {",
            "    x: y: {",
            "      a();",
            "      if (g()) break x;",
            "      b();",
            "    }",
            "    t.join();",
            "  }",
            "  void resources(Thread t, java.io.Writer w) throws Exception {",
            "    try (java.io.Writer x = open(a0())) {",
            "      b();",
            "    } finally {",
            "      t.join();",
            "    }",
            "    try (w) {",
            "      c();",
            "    }",
            "    w.flush();",
            "  }",
            "  Object a0() { return null; }",
            "  void switchRules(Thread t, int x) throws Exception {",
            "    switch (x) {",
            "      case 1 -> a();",
            "      case 2 -> { b(); t.join(); }",
            "      default -> { if (f()) break; c(); }",
            "    }",
            "    t.join();",
            "  }",
            "  void oldSwitch(Thread t, int x) throws Exception {",
            "    switch (x) {",
            "      case 1:",
            "        a();",
            "      case 2: {",
            "        b();",
            "        t.join();",
            "      }",
            "      default:",
            "        c();",
            "    }",
            "    t.join();",
            "  }",
            "  int switchExprTry(Thread t, int x) throws Exception {",
            "    int v = switch (x) {",
            "      case 1 -> {",
            "        try {",
            "          a();",
            "          yield 1;",
            "        } finally {",
            "          b();",
            "        }",
            "      }",
            "      default -> { c(); t.join(); yield 2; }",
            "    };",
            "    t.join();",
            "    return v;",
            "  }",
            "  void loopConditionStop(Thread t) throws Exception {",
            "    while (!t.isInterrupted()) {",
            "      a();",
            "    }",
            "    do {",
            "      b();",
            "      if (f()) continue;",
            "      c();",
            "    } while (!t.isAlive());",
            "    t.join();",
            "  }",
            "  void forParts(Thread t) throws Exception {",
            "    for (a(); f(); b()) {",
            "      c();",
            "      t.join();",
            "    }",
            "    for (int i = n(); i < n(); i++) t.join();",
            "    a();",
            "  }",
            "  void syncStop(Thread t) throws Exception {",
            "    synchronized (t) {",
            "      a();",
            "      t.join();",
            "    }",
            "    synchronized (open(null)) {",
            "      b();",
            "    }",
            "    c();",
            "  }",
            "  void localAndAnon(Thread t) throws Exception {",
            "    a();",
            "    class L { void m() { b(); } }",
            "    Object o = new Object() { void m() { c(); } };",
            "    Runnable r = () -> { a(); return; };",
            "    t.join();",
            "    b();",
            "  }",
            "  void asserts(Thread t) throws Exception {",
            "    assert f() : \"x\";",
            "    a();",
            "    assert g();",
            "    t.join();",
            "    b();",
            "  }",
            "  void conditionals(Thread t) throws Exception {",
            "    boolean x = f() ? t.isAlive() : g();",
            "    a();",
            "    boolean y = g() && t.isAlive();",
            "    b();",
            "    if (f() || t.isAlive()) c();",
            "    boolean z = h();",
            "    if (h()) a();",
            "    t.join();",
            "  }",
            "  void stopInArgs(Thread t) throws Exception {",
            "    a();",
            "    t.join(n());",
            "    b();",
            "    open(t.getName());",
            "    c();",
            "  }",
            "  void returnInFinallyNested(Thread t) throws Exception {",
            "    try {",
            "      a();",
            "    } finally {",
            "      try {",
            "        b();",
            "      } finally {",
            "        if (f()) return;",
            "      }",
            "    }",
            "    t.join();",
            "  }",
            "  void continueThroughFinally(Thread t) throws Exception {",
            "    for (int i = 0; i < 3; i++) {",
            "      try {",
            "        a();",
            "        if (f()) continue;",
            "      } finally {",
            "        b();",
            "      }",
            "      t.join();",
            "    }",
            "    c();",
            "  }",
            "  void entryLoops(Thread t) throws Exception {",
            "    while (f()) {",
            "      a();",
            "      t.join();",
            "      b();",
            "    }",
            "    do {",
            "      c();",
            "      if (g()) continue;",
            "      t.join();",
            "      a();",
            "    } while (f());",
            "    for (;;) {",
            "      if (f()) break;",
            "      t.join();",
            "      b();",
            "    }",
            "  }",
            "  void entryFinally(Thread t) throws Exception {",
            "    try {",
            "      if (f()) return;",
            "      a();",
            "    } finally {",
            "      t.join();",
            "      b();",
            "    }",
            "    try {",
            "      t.join();",
            "    } catch (InterruptedException e) {",
            "      c();",
            "    } finally {",
            "      a();",
            "    }",
            "    b();",
            "  }",
            "  void exitsInTry(Thread t) throws Exception {",
            "    try {",
            "      a();",
            "      System.exit(1);",
            "    } finally {",
            "      b();",
            "    }",
            "    t.join();",
            "  }",
            "  void catchBreak(Thread t) throws Exception {",
            "    while (f()) {",
            "      try {",
            "        a();",
            "      } catch (RuntimeException e) {",
            "        break;",
            "      }",
            "      t.join();",
            "    }",
            "    b();",
            "  }",
            "  void labeledInTry(Thread t) throws Exception {",
            "    out: {",
            "      try {",
            "        a();",
            "        if (f()) break out;",
            "      } finally {",
            "        b();",
            "      }",
            "      t.join();",
            "    }",
            "    c();",
            "  }",
            "  void fromInStatementExpr(Thread t) throws Exception {",
            "    if (f()) {",
            "      a();",
            "    } else {",
            "      b();",
            "    }",
            "    while (g()) {",
            "      if (f()) { c(); continue; }",
            "      t.join();",
            "    }",
            "    a();",
            "  }",
            "  void instanceofStop(Object o, Thread t) throws Exception {",
            "    if (o instanceof Thread th && th.isAlive()) a();",
            "    b();",
            "    t.join();",
            "  }",
            "  void nestedCode(Thread t) throws Exception {",
            "    a();",
            "    Runnable r = () -> { b(); c(); };",
            "    Object o = new Object() { { a(); } void m() { b(); } };",
            "    class L { int x = n(); }",
            "    java.util.function.IntSupplier s = () -> switch (n()) { case 1 -> { a(); yield 1; } default -> 2; };",
            "    java.util.function.Supplier<Object> s2 = () -> new Object() { public String toString() { c(); return \"\"; } };",
            "    t.join();",
            "    b();",
            "  }",
            "  void yieldInNestedSwitch(Thread t, int x) throws Exception {",
            "    int v = switch (x) {",
            "      case 1 -> {",
            "        a();",
            "        switch (n()) { case 0: yield 5; default: }",
            "        t.join();",
            "        yield 1;",
            "      }",
            "      default -> 0;",
            "    };",
            "    b();",
            "  }",
            "  void staticViaReceiver(Thread t) throws Exception {",
            "    a();",
            "    Thread.sleep(1);",
            "    t.sleep(1);",
            "    b();",
            "    Thread.interrupted();",
            "    c();",
            "  }",
            "  void breakSwallows(Thread t) throws Exception {",
            "    while (f()) {",
            "      try {",
            "        t.join();",
            "        a();",
            "      } finally {",
            "        b();",
            "        break;",
            "      }",
            "    }",
            "    c();",
            "  }",
            "  void exitFrom(Thread t) throws Exception {",
            "    System.exit(1);",
            "    a();",
            "    Runtime.getRuntime().halt(1);",
            "    t.join();",
            "  }",
            "  void enhancedFor(Thread t, java.util.List<Thread> ts) throws Exception {",
            "    for (Thread u : ts) {",
            "      u.join();",
            "      a();",
            "    }",
            "    for (Thread u : ts) a();",
            "    t.join();",
            "  }",
            "  void nestedTryInFinallyEntry(Thread t) throws Exception {",
            "    try {",
            "      a();",
            "    } finally {",
            "      try {",
            "        t.join();",
            "      } finally {",
            "        b();",
            "      }",
            "      c();",
            "    }",
            "    a();",
            "  }",
            "  void methodRef(Thread t) throws Exception {",
            "    a();",
            "    Runnable r = t::interrupt;",
            "    java.util.function.Supplier<Boolean> s = this::f;",
            "    b();",
            "    t.join();",
            "  }",
            "}",
            "abstract class ExtraUnits {",
            "  abstract void a();",
            "  abstract void b();",
            "  abstract void c();",
            "  abstract boolean f();",
            "  abstract boolean g();",
            "  static void sa() {}",
            "  static boolean sf() { return true; }",
            "  Thread t0 = new Thread();",
            "  static Thread s0 = new Thread();",
            "  {",
            "    a();",
            "    if (f()) { b(); }",
            "    t0.interrupt();",
            "    c();",
            "    x: {",
            "      a();",
            "      if (g()) break x;",
            "      t0.interrupt();",
            "    }",
            "    try {",
            "      b();",
            "    } finally {",
            "      t0.interrupt();",
            "    }",
            "    c();",
            "  }",
            "  static {",
            "    sa();",
            "    while (sf()) {",
            "      sa();",
            "      if (sf()) break;",
            "      s0.interrupt();",
            "    }",
            "    s0.interrupt();",
            "    sa();",
            "  }",
            "  void m(Thread t) {",
            "    Runnable r = () -> { a(); if (f()) return; t.interrupt(); b(); };",
            "    Runnable r2 = () -> { try { a(); } finally { t.interrupt(); } b(); };",
            "    java.util.function.Supplier<Boolean> s = () -> f() && t.isAlive();",
            "    Runnable r3 = () -> { while (f()) { a(); if (g()) continue; t.interrupt(); } b(); };",
            "    Runnable r4 = () -> { Runnable inner = () -> { a(); t.interrupt(); }; b(); t.interrupt(); c(); };",
            "    Runnable r5 = () -> { int v = switch (t.getPriority()) { case 1 -> { a(); t.interrupt(); yield 1; } default -> 0; }; c(); };",
            "    Runnable r6 = () -> t.interrupt();",
            "    Runnable r7 = () -> { synchronized (t) { a(); } t.interrupt(); try { b(); return; } finally { c(); } };",
            "  }",
            "}",
            "abstract class ExtraJumps {",
            "  abstract void a();",
            "  abstract void b();",
            "  abstract void c();",
            "  abstract boolean f();",
            "  abstract boolean g();",
            "  abstract Boolean h();",
            "  abstract Integer boxed();",
            "  abstract int n();",
            "  abstract Object o(Object x);",
            "  void labelReuse(Thread t) throws Exception {",
            "    x: { if (f()) break x; a(); }",
            "    try {",
            "      x: {",
            "        try { if (g()) break x; } finally { b(); }",
            "        c();",
            "      }",
            "      a();",
            "    } finally {",
            "      b();",
            "    }",
            "    t.join();",
            "    x: while (f()) {",
            "      try { if (g()) continue x; } finally { c(); }",
            "      a();",
            "    }",
            "    t.join();",
            "  }",
            "  void twoFinallys(Thread t) throws Exception {",
            "    out: {",
            "      try {",
            "        try {",
            "          a();",
            "          if (f()) break out;",
            "          b();",
            "        } finally {",
            "          c();",
            "        }",
            "      } finally {",
            "        t.join();",
            "      }",
            "      a();",
            "    }",
            "    b();",
            "    t.join();",
            "  }",
            "  void switchInTry(Thread t) throws Exception {",
            "    while (f()) {",
            "      try {",
            "        switch (n()) {",
            "          case 1: a(); break;",
            "          case 2: continue;",
            "          default: b();",
            "        }",
            "        c();",
            "      } finally {",
            "        a();",
            "      }",
            "      t.join();",
            "    }",
            "    b();",
            "  }",
            "  void conversions(Thread t) throws Exception {",
            "    a();",
            "    if (h()) b();",
            "    boolean z = !h();",
            "    Boolean w = f();",
            "    Object x = n();",
            "    int v = f() ? n() : boxed();",
            "    Integer u = g() ? boxed() : null;",
            "    String s = \"\" + n() + boxed();",
            "    long l = n() + 1L;",
            "    switch (boxed()) { default: }",
            "    t.join();",
            "    o(boxed());",
            "    c();",
            "  }",
            "  void anonArgs(Thread t) throws Exception {",
            "    a();",
            "    Object r = new Object() { int x = n(); };",
            "    Thread th = new Thread(() -> b()) { public void run() { c(); } };",
            "    t.join();",
            "    b();",
            "  }",
            "  void whileStopCond(Thread t) throws Exception {",
            "    while (t.isAlive() && f()) {",
            "      a();",
            "    }",
            "    b();",
            "    while (f() ? t.isAlive() : g()) {",
            "      c();",
            "    }",
            "    a();",
            "  }",
            "  void finallyReturnEntry(Thread t) throws Exception {",
            "    try {",
            "      try {",
            "        if (f()) return;",
            "      } finally {",
            "        t.join();",
            "      }",
            "      a();",
            "    } finally {",
            "      b();",
            "      t.join();",
            "      c();",
            "    }",
            "    a();",
            "  }",
            "  void doWhileEntry(Thread t) throws Exception {",
            "    do {",
            "      if (f()) continue;",
            "      t.join();",
            "      a();",
            "    } while (g());",
            "    b();",
            "  }",
            "  void fromInStopExpr(Thread t) throws Exception {",
            "    o(o(n()));",
            "    t.join(n());",
            "    if (o(n()) == null) t.join();",
            "    b();",
            "    t.join();",
            "  }",
            "}",
            "abstract class ExtraCreations {",
            "  abstract void a();",
            "  abstract boolean f();",
            "  void creations(Thread t) throws Exception {",
            "    Thread u = new Thread(() -> a());",
            "    if (f()) return;",
            "    u.start();",
            "    new Thread(() -> a()).start();",
            "    try {",
            "      Object o = new Object() { };",
            "    } finally {",
            "      t.join();",
            "    }",
            "    while (f()) {",
            "      Thread w = new Thread(() -> a());",
            "      if (f()) continue;",
            "      w.join();",
            "    }",
            "    t.join();",
            "  }",
            "}",
            "abstract class ExtraModern {",
            "  abstract void a();",
            "  abstract void b();",
            "  abstract boolean f();",
            "  abstract String str();",
            "  enum E { X, Y }",
            "  abstract E e();",
            "  void modern(Thread t, Object o) throws Exception {",
            "    var v = str();",
            "    if (o instanceof String s && s.isEmpty()) a();",
            "    record R(int x) { int y() { return x; } }",
            "    R r = new R(1);",
            "    r.y();",
            "    switch (str()) {",
            "      case \"a\":",
            "        a();",
            "      case \"b\":",
            "        break;",
            "      default:",
            "        b();",
            "    }",
            "    switch (e()) {",
            "      case X -> a();",
            "      case Y -> { if (f()) break; b(); }",
            "    }",
            "    this.a();",
            "    super.toString();",
            "    int n = f() ? (f() ? 1 : t.getPriority()) : 2;",
            "    out:",
            "    for (int i = 0; i < 3; i++) {",
            "      switch (i) {",
            "        case 0: continue out;",
            "        case 1: break out;",
            "        default: a();",
            "      }",
            "      t.join();",
            "    }",
            "    t.join();",
            "    b();",
            "  }",
            "  void loopFinallyBreakEntry(Thread t) throws Exception {",
            "    for (int i = 0; i < 3; i++) {",
            "      try {",
            "        t.join();",
            "        if (f()) break;",
            "      } finally {",
            "        a();",
            "      }",
            "      b();",
            "    }",
            "    a();",
            "  }",
            "}")
        .expectNoDiagnostics()
        .doTest();
  }
}
