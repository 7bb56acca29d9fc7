package io.github.daemonguard.analysis;

import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.getSymbol;
import static com.google.errorprone.util.ASTHelpers.stripParentheses;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * Recognizes the creation of an executor the launching code owns ({@code Executors.new*}, {@code
 * new ThreadPoolExecutor}, {@code new ScheduledThreadPoolExecutor}, {@code new ForkJoinPool}) and
 * whether its threads are daemon.
 */
public final class ExecutorCreations {
  private ExecutorCreations() {}

  private static final String EXECUTORS = "java.util.concurrent.Executors";
  private static final String THREAD_FACTORY = "java.util.concurrent.ThreadFactory";

  /** Executor classes whose constructors create a pool the caller owns. */
  private static final ImmutableSet<String> POOL_CLASSES =
      ImmutableSet.of(
          "java.util.concurrent.ThreadPoolExecutor",
          "java.util.concurrent.ScheduledThreadPoolExecutor",
          "java.util.concurrent.ForkJoinPool");

  /** How deep a chain of local variables is followed to find a thread factory. */
  private static final int MAX_FACTORY_DEPTH = 3;

  /**
   * An executor created by the launching code.
   *
   * @param expression the creating expression
   * @param daemonReason why its threads are daemon ("virtual threads", "a ForkJoinPool" …), or null
   *     when they are not, as far as can be seen
   */
  public record ExecutorCreation(ExpressionTree expression, @Nullable String daemonReason) {
    /** Whether the JVM does not wait for the executor's threads at exit. */
    public boolean isDaemon() {
      return daemonReason != null;
    }
  }

  /**
   * The creation {@code expression} performs, or null when it does not create an executor.
   *
   * @param scope the code in which locals named by a thread factory argument are declared
   */
  @Nullable
  public static ExecutorCreation of(
      @Nullable ExpressionTree expression, @Nullable Tree scope, VisitorState state) {
    if (expression == null) {
      return null;
    }
    ExpressionTree creation = stripParentheses(expression);
    if (creation instanceof MethodInvocationTree call) {
      MethodSymbol method = getSymbol(call);
      Config config = AnalysisContext.of(state).config();
      if (config.isDaemonFactory(method)) {
        return new ExecutorCreation(
            creation, "made by " + factoryName(method) + " (DaemonFactories)");
      }
      if (config.isExecutorFactory(method)) {
        return new ExecutorCreation(creation, null);
      }
      if (method == null
          || !method.isStatic()
          || method.owner == null
          || !method.owner.getQualifiedName().contentEquals(EXECUTORS)
          || !method.getSimpleName().toString().startsWith("new")) {
        // A factory of the compilation, in any file: its callers own what it creates.
        MethodSummaries.Factory factory = MethodSummaries.of(state).factory(method, state);
        return factory == null
            ? null
            : new ExecutorCreation(
                creation,
                factory.daemonReason() == null
                    ? null
                    : "made by " + factoryName(method) + " from " + factory.daemonReason());
      }
      String name = method.getSimpleName().toString();
      if (name.equals("newVirtualThreadPerTaskExecutor")) {
        return new ExecutorCreation(creation, "virtual threads");
      }
      if (name.equals("newWorkStealingPool")) {
        return new ExecutorCreation(creation, "a work-stealing ForkJoinPool");
      }
      return new ExecutorCreation(creation, factoryDaemonReason(call.getArguments(), scope, state));
    }
    if (creation instanceof NewClassTree newClass) {
      Type type = ASTHelpers.getType(newClass);
      if (type == null || !POOL_CLASSES.contains(type.tsym.getQualifiedName().toString())) {
        return null;
      }
      if (type.tsym.getQualifiedName().contentEquals("java.util.concurrent.ForkJoinPool")) {
        return new ExecutorCreation(creation, "a ForkJoinPool");
      }
      return new ExecutorCreation(
          creation, factoryDaemonReason(newClass.getArguments(), scope, state));
    }
    return null;
  }

  /** Why the thread factory among {@code arguments} makes daemon threads, or null. */
  @Nullable
  private static String factoryDaemonReason(
      java.util.List<? extends ExpressionTree> arguments,
      @Nullable Tree scope,
      VisitorState state) {
    for (ExpressionTree argument : arguments) {
      if (Resources.isSubtype(ASTHelpers.getType(argument), THREAD_FACTORY, state)) {
        return daemonFactory(argument, scope, state, 0);
      }
    }
    return null;
  }

  /**
   * Why the {@code ThreadFactory} denoted by {@code factory} makes daemon threads (its threads
   * started directly: {@code factory.newThread(task).start()}), or null.
   */
  @Nullable
  static String threadFactoryDaemonReason(
      ExpressionTree factory, @Nullable Tree scope, VisitorState state) {
    return daemonFactory(factory, scope, state, 0);
  }

  /** Why {@code factory} makes daemon threads, or null when it does not or cannot be seen. */
  @Nullable
  private static String daemonFactory(
      ExpressionTree factory, @Nullable Tree scope, VisitorState state, int depth) {
    ExpressionTree expression = stripParentheses(factory);
    if (expression instanceof LambdaExpressionTree lambda) {
      return makesDaemonThreads(lambda.getBody())
          ? "a thread factory calling setDaemon(true)"
          : null;
    }
    if (expression instanceof MemberReferenceTree reference) {
      Tree method = MethodSummaries.of(state).declarationTree(getSymbol(reference), state);
      return method != null && makesDaemonThreads(method)
          ? "a thread factory calling setDaemon(true)"
          : null;
    }
    if (expression instanceof NewClassTree newClass) {
      Tree type =
          newClass.getClassBody() != null
              ? newClass.getClassBody()
              : MethodSummaries.of(state)
                  .declarationTree(getSymbol(newClass.getIdentifier()), state);
      return type != null && makesDaemonThreads(type)
          ? "a thread factory calling setDaemon(true)"
          : null;
    }
    if (expression instanceof MethodInvocationTree call) {
      MethodSymbol method = getSymbol(call);
      if (AnalysisContext.of(state).config().isDaemonFactory(method)) {
        return "a thread factory from " + factoryName(method) + " (DaemonFactories)";
      }
      return builtDaemonFactory(call);
    }
    if (expression instanceof IdentifierTree && scope != null && depth < MAX_FACTORY_DEPTH) {
      Symbol symbol = getSymbol(expression);
      if (symbol instanceof VarSymbol
          && symbol.getKind() == ElementKind.LOCAL_VARIABLE
          // Not javac's effectively-final flag: a factory in a file not yet flowed lacks it.
          && MethodSummaries.neverReassigned(scope, symbol)) {
        VariableTree declaration = Trees.localDeclaration(scope, symbol, state);
        if (declaration != null && declaration.getInitializer() != null) {
          return daemonFactory(declaration.getInitializer(), scope, state, depth + 1);
        }
      }
    }
    return null;
  }

  /**
   * A factory built by a chain: Guava's {@code new ThreadFactoryBuilder()…setDaemon(true)…build()},
   * {@code Thread.ofVirtual()…factory()}, {@code Thread.ofPlatform().daemon()…factory()}.
   */
  @Nullable
  private static String builtDaemonFactory(MethodInvocationTree call) {
    for (ExpressionTree link = call;
        link instanceof MethodInvocationTree invocation;
        link = getReceiver(invocation)) {
      Symbol method = getSymbol(invocation);
      String name = method == null ? "" : method.getSimpleName().toString();
      switch (name) {
        case "ofVirtual":
          return "Thread.ofVirtual().factory()";
        case "setDaemon":
          if (isTrueArgument(invocation)) {
            return "ThreadFactoryBuilder.setDaemon(true)";
          }
          break;
        case "daemon":
          if (invocation.getArguments().isEmpty() || isTrueArgument(invocation)) {
            return "Thread.ofPlatform().daemon()";
          }
          break;
        default:
          break;
      }
    }
    return null;
  }

  /**
   * Whether code that makes threads makes daemon ones: it calls {@code setDaemon(true)}, or builds
   * them with {@code Thread.ofVirtual()} or a {@code .daemon()} builder.
   */
  private static boolean makesDaemonThreads(Tree code) {
    boolean[] found = new boolean[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree invocation, Void unused) {
        Symbol method = getSymbol(invocation);
        String name = method == null ? "" : method.getSimpleName().toString();
        found[0] |=
            (name.equals("setDaemon") && isTrueArgument(invocation))
                || (name.equals("daemon")
                    && (invocation.getArguments().isEmpty() || isTrueArgument(invocation)))
                || name.equals("ofVirtual");
        return super.visitMethodInvocation(invocation, null);
      }
    }.scan(code, null);
    return found[0];
  }

  private static boolean isTrueArgument(MethodInvocationTree invocation) {
    return invocation.getArguments().size() == 1
        && stripParentheses(invocation.getArguments().get(0)) instanceof LiteralTree literal
        && Boolean.TRUE.equals(literal.getValue());
  }

  /** {@code Type.method}, for messages. */
  static String factoryName(Symbol method) {
    return method.owner.getSimpleName() + "." + method.getSimpleName() + "()";
  }
}
