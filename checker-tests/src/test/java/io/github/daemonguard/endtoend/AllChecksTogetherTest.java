package io.github.daemonguard.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreeScanner;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The contract's reporting rule, over the whole suite: every source the diagnostic tests compile
 * (each {@code addSourceLines} of {@code checks/*Test.java} whose lines are constants) is compiled
 * once more with all three checks enabled together, as a user's build runs them. Each line marked
 * {@code // BUG: Diagnostic contains: X} (or, where a single check's test leaves the launch to
 * another check, {@code // With all checks: Diagnostic contains: X}) must get exactly one of our
 * findings, containing X; every other line none. So a launch is classified once: no second check
 * reports it, and no check reports a negative another check's test wrote.
 */
final class AllChecksTogetherTest {
  private static final Path TESTS = Path.of("src/test/java/io/github/daemonguard/checks");
  private static final String MARKER = "// BUG: Diagnostic contains: ";

  /**
   * Marks a finding in a single check's test that another check reports: a negative of that test
   * (its check leaves the launch alone) and, under the precedence, another check's positive.
   */
  private static final String OTHER_CHECK_MARKER = "// With all checks: Diagnostic contains: ";

  private static final Pattern OUR_CHECK =
      Pattern.compile("\\[(DaemonThreadResource|TaskOutlivesResource|UnjoinedExecutorResource)\\]");
  private static final int FEATURE = Runtime.version().feature();

  /** One test's compilation: its sources by file name, and the javac flags it sets. */
  private record Case(String test, Map<String, String> sources, List<String> flags) {}

  @Test
  void eachMarkedLaunchGetsExactlyOneFindingAndNoOtherLineAny() throws IOException {
    List<Case> cases = new ArrayList<>();
    try (Stream<Path> files = Files.list(TESTS)) {
      for (Path file : files.filter(f -> f.toString().endsWith("Test.java")).sorted().toList()) {
        cases.addAll(casesOf(file));
      }
    }
    List<String> mismatches = new ArrayList<>();
    int compiled = 0;
    int marked = 0;
    for (Case c : cases) {
      if (!runsHere(c.flags())) {
        continue;
      }
      Map<String, Map<Long, List<String>>> findings = compile(c);
      if (findings == null) {
        continue;
      }
      compiled++;
      for (Map.Entry<String, String> source : c.sources().entrySet()) {
        String[] lines = source.getValue().split("\n", -1);
        Map<Long, List<String>> byLine = findings.getOrDefault(source.getKey(), Map.of());
        for (int i = 0; i < lines.length; i++) {
          long line = i + 1;
          List<String> here = byLine.getOrDefault(line, List.of());
          String expected = i > 0 ? expectation(lines[i - 1]) : null;
          if (expected == null && !here.isEmpty()) {
            mismatches.add(c.test() + " " + source.getKey() + ":" + line + " unexpected " + here);
          } else if (expected != null) {
            marked++;
            if (here.size() != 1 || !here.get(0).contains(expected)) {
              mismatches.add(
                  c.test()
                      + " "
                      + source.getKey()
                      + ":"
                      + line
                      + " expected one finding with '"
                      + expected
                      + "', got "
                      + here);
            }
          }
        }
      }
    }
    assertTrue(compiled >= 80, "too few of the suite's sources compiled here: " + compiled);
    assertTrue(marked >= 30, "too few marked findings checked: " + marked);
    assertEquals(List.of(), mismatches, "compiled " + compiled + " sources");
  }

  /** The text a marker line expects on the next line, or null when it is no marker. */
  private static String expectation(String line) {
    for (String marker : List.of(MARKER, OTHER_CHECK_MARKER)) {
      int at = line.indexOf(marker);
      if (at >= 0) {
        return line.substring(at + marker.length()).trim();
      }
    }
    return null;
  }

  private static boolean runsHere(List<String> flags) {
    int release = flags.indexOf("--release");
    return release < 0 || Integer.parseInt(flags.get(release + 1)) <= FEATURE;
  }

  /** Our findings of one case, by file and line; null when the case does not compile here. */
  private static Map<String, Map<Long, List<String>>> compile(Case c) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    List<JavaFileObject> units = new ArrayList<>();
    c.sources().forEach((name, text) -> units.add(new Source(name, text)));
    List<String> options = new ArrayList<>(c.flags());
    // Error Prone's own flags go inside the -Xplugin argument.
    String errorProneFlags =
        options.stream()
            .filter(flag -> flag.startsWith("-XepOpt") && !flag.contains("DaemonGuard:Strict"))
            .collect(java.util.stream.Collectors.joining(" "));
    options.removeIf(flag -> flag.startsWith("-XepOpt"));
    options.addAll(
        List.of(
            // The processor path is there for Error Prone's plugin loader only.
            "-proc:none",
            "-d",
            Files.createTempDirectory("all-checks").toString(),
            "-processorpath",
            System.getProperty("java.class.path"),
            "-XDcompilePolicy=simple",
            "--should-stop=ifError=FLOW",
            "-Xplugin:ErrorProne -XepDisableAllChecks -XepOpt:DaemonGuard:Strict=true"
                + " -Xep:DaemonThreadResource:WARN -Xep:TaskOutlivesResource:WARN"
                + " -Xep:UnjoinedExecutorResource:WARN "
                + errorProneFlags));
    boolean ok = javac.getTask(new StringWriter(), null, diagnostics, options, null, units).call();
    Map<String, Map<Long, List<String>>> findings = new HashMap<>();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getKind() == Diagnostic.Kind.ERROR) {
        return null;
      }
      String message = d.getMessage(Locale.ROOT);
      if (d.getSource() != null && OUR_CHECK.matcher(message).find()) {
        String file = Path.of(d.getSource().toUri().getPath()).getFileName().toString();
        findings
            .computeIfAbsent(file, k -> new HashMap<>())
            .computeIfAbsent(d.getLineNumber(), k -> new ArrayList<>())
            .add(message);
      }
    }
    return ok ? findings : null;
  }

  /** The cases of one test file: per test method, its constant sources and flags. */
  private static List<Case> casesOf(Path file) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    JavacTask task =
        (JavacTask)
            javac.getTask(
                null,
                null,
                d -> {},
                List.of(),
                null,
                List.of(new Source(file.getFileName().toString(), Files.readString(file))));
    CompilationUnitTree unit = task.parse().iterator().next();
    Map<String, ExpressionTree> constants = new HashMap<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree variable, Void unused) {
        if (variable.getInitializer() != null) {
          constants.put(variable.getName().toString(), variable.getInitializer());
        }
        return super.visitVariable(variable, null);
      }
    }.scan(unit, null);
    List<Case> cases = new ArrayList<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethod(MethodTree method, Void unused) {
        if (method.getModifiers().getAnnotations().stream()
            .anyMatch(a -> a.getAnnotationType().toString().endsWith("Disabled"))) {
          return null;
        }
        Map<String, String> sources = new LinkedHashMap<>();
        List<String> flags = new ArrayList<>();
        boolean[] constant = {true};
        new TreeScanner<Void, Void>() {
          @Override
          public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
            String name =
                call.getMethodSelect() instanceof MemberSelectTree select
                    ? select.getIdentifier().toString()
                    : "";
            if (name.equals("addSourceLines")) {
              List<String> values = new ArrayList<>();
              for (ExpressionTree argument : call.getArguments()) {
                constant[0] &= evaluate(argument, constants, values);
              }
              if (constant[0] && values.size() > 1) {
                sources.put(values.get(0), String.join("\n", values.subList(1, values.size())));
              }
            } else if (name.equals("setArgs")) {
              for (ExpressionTree argument : call.getArguments()) {
                constant[0] &= evaluate(argument, constants, flags);
              }
            }
            return super.visitMethodInvocation(call, null);
          }
        }.scan(method.getBody(), null);
        if (constant[0] && !sources.isEmpty()) {
          cases.add(
              new Case(file.getFileName() + "#" + method.getName(), sources, List.copyOf(flags)));
        }
        return null;
      }
    }.scan(unit, null);
    return cases;
  }

  /**
   * Adds the strings {@code expression} denotes to {@code values}: literals, their concatenations,
   * arrays of them, and constants of the test file; false for anything else.
   */
  private static boolean evaluate(
      ExpressionTree expression, Map<String, ExpressionTree> constants, List<String> values) {
    if (expression instanceof LiteralTree literal && literal.getValue() instanceof String s) {
      values.add(s);
      return true;
    }
    if (expression instanceof NewArrayTree array && array.getInitializers() != null) {
      boolean ok = true;
      for (ExpressionTree element : array.getInitializers()) {
        ok &= evaluate(element, constants, values);
      }
      return ok;
    }
    if (expression instanceof BinaryTree binary && binary.getKind() == Tree.Kind.PLUS) {
      List<String> left = new ArrayList<>();
      List<String> right = new ArrayList<>();
      if (evaluate(binary.getLeftOperand(), constants, left)
          && evaluate(binary.getRightOperand(), constants, right)
          && left.size() == 1
          && right.size() == 1) {
        values.add(left.get(0) + right.get(0));
        return true;
      }
      return false;
    }
    if (expression instanceof IdentifierTree identifier) {
      String name = identifier.getName().toString();
      if (name.equals("STRICT")) {
        values.add("-XepOpt:DaemonGuard:Strict=true");
        return true;
      }
      ExpressionTree value = constants.get(name);
      return value != null && value != expression && evaluate(value, constants, values);
    }
    return false;
  }

  /** A source file held in memory. */
  private static final class Source extends SimpleJavaFileObject {
    private final String text;

    Source(String name, String text) {
      super(URI.create("mem:///" + name), Kind.SOURCE);
      this.text = text;
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return text;
    }
  }
}
