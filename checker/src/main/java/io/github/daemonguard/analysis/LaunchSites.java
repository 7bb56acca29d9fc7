package io.github.daemonguard.analysis;

import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;
import static com.google.errorprone.matchers.method.MethodMatchers.staticMethod;
import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.getSymbol;
import static com.google.errorprone.util.ASTHelpers.stripParentheses;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.matchers.Matchers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * The one launch recognizer: which calls hand a task to another thread, and of what kind. {@link
 * Launches} and {@link ExecutorLaunches} describe a launch further; both start here, so the method
 * lists are written once and owner-checked with Error Prone's method matchers.
 */
public final class LaunchSites {
  private LaunchSites() {}

  /** What runs the task a launch hands over. */
  public enum Kind {
    /** A platform or virtual thread: {@code Thread.start()}, a builder's {@code start(task)}. */
    THREAD,
    /** An executor: {@code execute}, {@code submit}, {@code schedule*}, {@code *Async(.., ex)}. */
    EXECUTOR_TASK,
    /** {@code CompletableFuture.runAsync/supplyAsync} or an {@code *Async} stage, common pool. */
    ASYNC_FUTURE,
    /** {@code Timer.schedule*}. */
    TIMER_TASK
  }

  private static final String THREAD = "java.lang.Thread";
  private static final String COMPLETABLE_FUTURE = "java.util.concurrent.CompletableFuture";
  private static final String EXECUTOR = "java.util.concurrent.Executor";
  private static final String MORE_EXECUTORS = "com.google.common.util.concurrent.MoreExecutors";

  static final Matcher<ExpressionTree> THREAD_START =
      instanceMethod().onDescendantOf(THREAD).named("start").withNoParameters();
  static final Matcher<ExpressionTree> BUILDER_START =
      instanceMethod().onDescendantOf("java.lang.Thread.Builder").named("start");
  static final Matcher<ExpressionTree> START_VIRTUAL_THREAD =
      staticMethod().onClass(THREAD).named("startVirtualThread");
  static final Matcher<ExpressionTree> ASYNC_SUPPLIER =
      staticMethod().onClass(COMPLETABLE_FUTURE).namedAnyOf("runAsync", "supplyAsync");

  // The two below take any name: callers test it first (isAsyncCall, kindByMethod), by plain string
  // tests rather than a regular expression compiled in every javac process.
  /** An instance method of a CompletableFuture: a stage, launching when named {@code *Async}. */
  private static final Matcher<ExpressionTree> ASYNC_STAGE =
      instanceMethod().onDescendantOf(COMPLETABLE_FUTURE);

  /** An instance method of a Timer: a launch when named {@code schedule*}. */
  private static final Matcher<ExpressionTree> TIMER_METHOD =
      instanceMethod().onDescendantOf("java.util.Timer");

  static final Matcher<ExpressionTree> EXECUTOR_LAUNCH =
      Matchers.anyOf(
          instanceMethod().onDescendantOf(EXECUTOR).named("execute"),
          instanceMethod()
              .onDescendantOf("java.util.concurrent.ExecutorService")
              .namedAnyOf("submit", "invokeAny"),
          instanceMethod()
              .onDescendantOf("java.util.concurrent.ScheduledExecutorService")
              .namedAnyOf("schedule", "scheduleAtFixedRate", "scheduleWithFixedDelay"));
  private static final Matcher<ExpressionTree> DIRECT_EXECUTOR =
      staticMethod()
          .onClass(MORE_EXECUTORS)
          .namedAnyOf("directExecutor", "newDirectExecutorService");

  /** Names of every launching method but the {@code *Async} ones: the cheap first filter. */
  static final ImmutableSet<String> LAUNCH_METHOD_NAMES =
      ImmutableSet.of(
          "start",
          "startVirtualThread",
          "execute",
          "submit",
          "invokeAny",
          "schedule",
          "scheduleAtFixedRate",
          "scheduleWithFixedDelay");

  /** Whether {@code call} may be a launch, judged by its name alone (no types, no symbols). */
  public static boolean mayLaunch(MethodInvocationTree call) {
    return mayLaunchByName(methodName(call));
  }

  /**
   * As {@link #mayLaunch(MethodInvocationTree)}, for the checks' per-call filter: each method name
   * judged once per compilation (decoding a name is the costly part).
   */
  public static boolean mayLaunch(MethodInvocationTree call, VisitorState state) {
    return AnalysisContext.of(state).mayLaunch(call);
  }

  /** Whether a method of this name may launch. */
  static boolean mayLaunchByName(String name) {
    return LAUNCH_METHOD_NAMES.contains(name) || name.endsWith("Async");
  }

  /** The kind of launch {@code call} is, or null when it hands no task to another thread. */
  @Nullable
  public static Kind kind(MethodInvocationTree call, VisitorState state) {
    if (!mayLaunch(call, state)) {
      return null;
    }
    // Several checks and fixes ask about the same call; the matchers below resolve its symbol.
    AnalysisContext context = AnalysisContext.of(state);
    Object known = context.recall("LaunchKind", call, null);
    return known != AnalysisContext.UNKNOWN
        ? (Kind) known
        : context.remember("LaunchKind", call, null, matchKind(call, state));
  }

  /** The kind of {@code call}, trying only the matchers its name can satisfy. */
  @Nullable
  private static Kind matchKind(MethodInvocationTree call, VisitorState state) {
    Kind kind = kindByMethod(call, state);
    // An executor's execute/submit/schedule* on a direct executor runs the task right here.
    return kind == Kind.EXECUTOR_TASK
            && !methodName(call).endsWith("Async")
            && runsOnCaller(getReceiver(call), state)
        ? null
        : kind;
  }

  /**
   * Whether the method {@code call} invokes is a launching one, by its name and owner: every call
   * {@link #kind} classifies, and the few whose receiver, a direct executor, runs the task at once.
   * Needs no path: {@link LifecycleCandidates}' walk of a unit asks it.
   */
  static boolean isLaunchMethod(MethodInvocationTree call, VisitorState state) {
    return kindByMethod(call, state) != null;
  }

  /** The kind of launch the invoked method makes, judged by its name and owner alone. */
  @Nullable
  private static Kind kindByMethod(MethodInvocationTree call, VisitorState state) {
    String name = methodName(call);
    boolean noArguments = call.getArguments().isEmpty();
    if (name.equals("start")) {
      return THREAD_START.matches(call, state)
              || call.getArguments().size() == 1 && BUILDER_START.matches(call, state)
          ? Kind.THREAD
          : null;
    }
    if (noArguments) {
      return null;
    }
    if (name.equals("startVirtualThread")) {
      return START_VIRTUAL_THREAD.matches(call, state) ? Kind.THREAD : null;
    }
    if (name.endsWith("Async")) {
      if (!isAsyncCall(call, state)) {
        return null;
      }
      return takesExecutor(call, state) ? Kind.EXECUTOR_TASK : Kind.ASYNC_FUTURE;
    }
    if (name.startsWith("schedule")
        && isWord(name, "schedule".length(), name.length())
        && TIMER_METHOD.matches(call, state)) {
      return Kind.TIMER_TASK;
    }
    return EXECUTOR_LAUNCH.matches(call, state) ? Kind.EXECUTOR_TASK : null;
  }

  /**
   * Whether {@code call} is {@code CompletableFuture.runAsync/supplyAsync} or a stage method named
   * {@code xxxAsync} (its name ends with "Async" after at least one more character).
   */
  static boolean isAsyncCall(MethodInvocationTree call, VisitorState state) {
    String name = methodName(call);
    return name.length() > "Async".length()
        && name.endsWith("Async")
        && isWord(name, 0, name.length() - "Async".length())
        && (ASYNC_SUPPLIER.matches(call, state) || ASYNC_STAGE.matches(call, state));
  }

  /**
   * Whether {@code name}'s characters from {@code start} to {@code end} are all regex {@code \w}
   * ones ({@code [A-Za-z0-9_]}): the launch names are {@code \w+Async} and {@code schedule\w*}.
   */
  private static boolean isWord(String name, int start, int end) {
    for (int i = start; i < end; i++) {
      char c = name.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_')) {
        return false;
      }
    }
    return true;
  }

  /** Whether an {@code *Async} call's last parameter is the executor it runs on. */
  private static boolean takesExecutor(MethodInvocationTree call, VisitorState state) {
    MethodSymbol method = getSymbol(call);
    return method != null
        && !method.getParameters().isEmpty()
        && Resources.isSubtype(method.getParameters().last().type, EXECUTOR, state);
  }

  /**
   * Whether {@code executor} runs tasks on the calling thread: Guava's {@code directExecutor()} or
   * {@code newDirectExecutorService()}, {@code Runnable::run}, or a local initialized with one.
   */
  static boolean runsOnCaller(@Nullable ExpressionTree executor, VisitorState state) {
    ExpressionTree expression = executor == null ? null : stripParentheses(executor);
    if (expression == null) {
      return false;
    }
    if (expression instanceof MethodInvocationTree && DIRECT_EXECUTOR.matches(expression, state)) {
      return true;
    }
    if (expression instanceof MemberReferenceTree reference) {
      Symbol method = getSymbol(reference);
      return method != null
          && method.getSimpleName().contentEquals("run")
          && method.owner.getQualifiedName().contentEquals("java.lang.Runnable");
    }
    Symbol symbol = getSymbol(expression);
    if (expression instanceof IdentifierTree
        && symbol instanceof VarSymbol variable
        && variable.getKind() == ElementKind.LOCAL_VARIABLE) {
      Tree scope =
          Trees.enclosingCodeUnit(state.getPath()) == null
              ? null
              : Trees.enclosingCodeUnit(state.getPath()).getLeaf();
      VariableTree declaration =
          scope == null ? null : ScopeIndex.of(scope, state).declaration(variable);
      return declaration != null
          && declaration.getInitializer() != null
          && declaration.getInitializer() != expression
          && runsOnCaller(declaration.getInitializer(), state);
    }
    return false;
  }

  private static String methodName(MethodInvocationTree call) {
    ExpressionTree select = call.getMethodSelect();
    if (select instanceof MemberSelectTree member) {
      return member.getIdentifier().toString();
    }
    return select instanceof IdentifierTree identifier ? identifier.getName().toString() : "";
  }
}
