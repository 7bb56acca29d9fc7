package io.github.daemonguard.analysis;

import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;
import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.getSymbol;
import static com.google.errorprone.util.ASTHelpers.stripParentheses;

import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/** Recognizes launches: the calls that hand a task to another thread. */
public final class Launches {
  private Launches() {}

  private static final String THREAD = "java.lang.Thread";
  private static final String COMMON_POOL_REASON = "a task on the common ForkJoinPool";
  private static final String THREAD_BUILDER = "java.lang.Thread.Builder";
  private static final String VIRTUAL_BUILDER = "java.lang.Thread.Builder.OfVirtual";
  private static final Matcher<ExpressionTree> FACTORY_NEW_THREAD =
      instanceMethod().onDescendantOf("java.util.concurrent.ThreadFactory").named("newThread");

  /** The launch {@code call} performs, or null when it is none or cannot be understood. */
  @Nullable
  public static Launch of(MethodInvocationTree call, VisitorState state) {
    // Asked by the verdict's first look and again by the launch's facts: recognized once.
    AnalysisContext context = AnalysisContext.of(state);
    Object known = context.recall("Launch", call, null);
    return known != AnalysisContext.UNKNOWN
        ? (Launch) known
        : context.remember("Launch", call, null, recognize(call, state));
  }

  @Nullable
  private static Launch recognize(MethodInvocationTree call, VisitorState state) {
    Launch launch = launchOf(call, state);
    if (launch == null
        || !launch.kind().isThread()
        || launch.handle() == null
        || launch.handle().getKind() != ElementKind.LOCAL_VARIABLE) {
      return launch;
    }
    // Thread t = ..; t.start(); worker = t; — the class holds the thread in its field.
    VarSymbol field = Fates.fieldHolding(launch.handle(), state);
    return field == null
        ? launch
        : new Launch(
            call,
            launch.kind(),
            launch.task(),
            field,
            launch.daemonReason(),
            launch.daemonMarker());
  }

  @Nullable
  private static Launch launchOf(MethodInvocationTree call, VisitorState state) {
    LaunchSites.Kind kind = LaunchSites.kind(call, state);
    MethodSymbol method = getSymbol(call);
    if (kind == null || kind == LaunchSites.Kind.EXECUTOR_TASK || method == null) {
      return null;
    }
    MethodTree enclosingMethod = enclosingMethod(state.getPath());
    if (LaunchSites.START_VIRTUAL_THREAD.matches(call, state)) {
      Task task = Tasks.resolve(call.getArguments().get(0), enclosingMethod, state);
      return new Launch(
          call, LaunchKind.VIRTUAL_THREAD, task, resultVariable(state), "a virtual thread", null);
    }
    return switch (kind) {
      case ASYNC_FUTURE -> commonPoolLaunch(call, enclosingMethod, state);
      case TIMER_TASK -> timerLaunch(call, enclosingMethod, state);
      case THREAD ->
          LaunchSites.BUILDER_START.matches(call, state)
              ? fromBuilder(
                  call,
                  getReceiver(call),
                  Tasks.resolve(call.getArguments().get(0), enclosingMethod, state),
                  resultVariable(state),
                  state)
              : threadStart(call, enclosingMethod, state);
      case EXECUTOR_TASK -> null;
    };
  }

  /**
   * {@code CompletableFuture.runAsync/supplyAsync(task)} or {@code future.xxxAsync(task)} with no
   * executor: the task runs on the common pool. With an executor it is an executor launch instead.
   */
  @Nullable
  private static Launch commonPoolLaunch(
      MethodInvocationTree call, @Nullable MethodTree enclosingMethod, VisitorState state) {
    ExpressionTree taskArgument = call.getArguments().get(call.getArguments().size() - 1);
    Task task = Tasks.resolve(taskArgument, enclosingMethod, state);
    return new Launch(
        call, LaunchKind.COMMON_POOL, task, futureVariable(state), COMMON_POOL_REASON, null);
  }

  /** {@code timer.schedule*(task, …)} on a timer created here with {@code new Timer(true)}. */
  @Nullable
  private static Launch timerLaunch(
      MethodInvocationTree call, @Nullable MethodTree enclosingMethod, VisitorState state) {
    Symbol timer = getSymbol(getReceiver(call));
    if (!(timer instanceof VarSymbol timerVariable) || call.getArguments().isEmpty()) {
      return null;
    }
    Tree scope =
        timerVariable.getKind() == ElementKind.FIELD
            ? enclosingClass(state.getPath())
            : enclosingMethod;
    ExpressionTree creation = scope == null ? null : creation(timerVariable, scope, state);
    if (!(creation instanceof NewClassTree newTimer)) {
      return null;
    }
    List<? extends ExpressionTree> arguments = newTimer.getArguments();
    boolean daemon = !arguments.isEmpty() && isTrue(arguments.get(arguments.size() - 1));
    Task task = Tasks.resolve(call.getArguments().get(0), enclosingMethod, state);
    return new Launch(
        call,
        LaunchKind.TIMER,
        task,
        timerVariable,
        daemon ? "new Timer(" + (arguments.size() == 1 ? "" : "name, ") + "true)" : null,
        null);
  }

  /**
   * The variable that holds the future of the current call, or of the chain of continuations
   * ({@code thenRun}, {@code whenComplete} …) built on it; null when there is none.
   */
  @Nullable
  private static VarSymbol futureVariable(VisitorState state) {
    TreePath top = Futures.chainTop(state.getPath());
    Tree parent = top.getParentPath().getLeaf();
    return parent instanceof VariableTree variable ? getSymbol(variable) : null;
  }

  /** A {@code thread.start()}: finds how the thread was built and whether it was made daemon. */
  @Nullable
  private static Launch threadStart(
      MethodInvocationTree call, @Nullable MethodTree enclosingMethod, VisitorState state) {
    ExpressionTree receiver = getReceiver(call);
    if (receiver == null) {
      // start() inside a Thread subclass: the thread is `this`; its owner is elsewhere.
      return null;
    }
    receiver = stripParentheses(receiver);
    VarSymbol handle = null;
    ExpressionTree creation = receiver;
    Tree scope = enclosingMethod != null ? enclosingMethod : Trees.initializer(state.getPath());
    Symbol receiverSymbol = getSymbol(receiver);
    if (receiver instanceof ArrayAccessTree element) {
      // threads[i].start(): the array of threads is the handle, joined (or not) element by element.
      if (!(getSymbol(element.getExpression()) instanceof VarSymbol array)
          || array.getKind() != ElementKind.LOCAL_VARIABLE
          || scope == null) {
        return null;
      }
      return arrayElementStart(call, array, scope, enclosingMethod, state);
    }
    if (receiverSymbol instanceof VarSymbol variable) {
      handle = variable;
      scope = variable.getKind() == ElementKind.FIELD ? enclosingClass(state.getPath()) : scope;
      creation = scope == null ? null : creation(variable, scope, state);
      if (creation == null) {
        return null;
      }
    }
    if (creation instanceof MethodInvocationTree unstarted
        && getSymbol(unstarted) != null
        && getSymbol(unstarted).getSimpleName().contentEquals("unstarted")
        && isBuilder(getSymbol(unstarted).owner.type, state)
        && unstarted.getArguments().size() == 1) {
      Task task = Tasks.resolve(unstarted.getArguments().get(0), enclosingMethod, state);
      return fromBuilder(call, getReceiver(unstarted), task, handle, state);
    }
    if (creation instanceof MethodInvocationTree newThread
        && FACTORY_NEW_THREAD.matches(newThread, state)
        && newThread.getArguments().size() == 1) {
      return fromThreadFactory(call, newThread, handle, scope, enclosingMethod, state);
    }
    if (creation instanceof MethodInvocationTree factoryCall
        && AnalysisContext.of(state).config().isDaemonFactory(getSymbol(factoryCall))) {
      return fromDaemonFactory(call, factoryCall, handle, enclosingMethod, state);
    }
    if (!(creation instanceof NewClassTree newThread)) {
      return null;
    }
    Task task = threadTask(newThread, enclosingMethod, state);
    Tree daemonMarker = handle == null ? null : setDaemonTrue(handle, scope, state);
    String daemonReason = daemonMarker == null ? null : "setDaemon(true)";
    if (daemonMarker == null) {
      daemonMarker = daemonInConstructor(newThread, state);
      daemonReason = daemonMarker == null ? null : "setDaemon(true) in its constructor";
    }
    return new Launch(call, LaunchKind.PLATFORM_THREAD, task, handle, daemonReason, daemonMarker);
  }

  /**
   * {@code factory.newThread(task).start()}: daemon when the launcher marks it ({@code
   * setDaemon(true)}) or the factory makes daemon threads (a lambda or class calling {@code
   * setDaemon(true)}, Guava's {@code ThreadFactoryBuilder().setDaemon(true)}, a virtual factory).
   */
  private static Launch fromThreadFactory(
      MethodInvocationTree call,
      MethodInvocationTree newThread,
      @Nullable VarSymbol handle,
      @Nullable Tree scope,
      @Nullable MethodTree enclosingMethod,
      VisitorState state) {
    Task task = Tasks.resolve(newThread.getArguments().get(0), enclosingMethod, state);
    Tree daemonMarker =
        handle == null || scope == null ? null : setDaemonTrue(handle, scope, state);
    if (daemonMarker != null) {
      return new Launch(
          call, LaunchKind.PLATFORM_THREAD, task, handle, "setDaemon(true)", daemonMarker);
    }
    ExpressionTree factory = getReceiver(newThread);
    String reason =
        factory == null
            ? null
            : ExecutorCreations.threadFactoryDaemonReason(
                factory, enclosingMethod != null ? enclosingMethod : scope, state);
    if (reason != null && reason.startsWith("Thread.ofVirtual()")) {
      return new Launch(call, LaunchKind.VIRTUAL_THREAD, task, handle, "a virtual thread", null);
    }
    return new Launch(call, LaunchKind.PLATFORM_THREAD, task, handle, reason, null);
  }

  /** A thread made by a method named in {@code -XepOpt:DaemonGuard:DaemonFactories}. */
  @Nullable
  private static Launch fromDaemonFactory(
      MethodInvocationTree call,
      MethodInvocationTree factoryCall,
      @Nullable VarSymbol handle,
      @Nullable MethodTree enclosingMethod,
      VisitorState state) {
    for (ExpressionTree argument : factoryCall.getArguments()) {
      if (Resources.isSubtype(ASTHelpers.getType(argument), "java.lang.Runnable", state)) {
        return new Launch(
            call,
            LaunchKind.PLATFORM_THREAD,
            Tasks.resolve(argument, enclosingMethod, state),
            handle,
            "made by "
                + ExecutorCreations.factoryName(getSymbol(factoryCall))
                + " (DaemonFactories)",
            null);
      }
    }
    return null;
  }

  /**
   * {@code threads[i].start()} on a local array whose elements are assigned {@code new Thread(..)}
   * once in the scope ({@code threads[i] = new Thread(task)}): a launch whose handle is the array;
   * daemon when an element gets {@code setDaemon(true)}.
   */
  @Nullable
  private static Launch arrayElementStart(
      MethodInvocationTree call,
      VarSymbol array,
      Tree scope,
      @Nullable MethodTree enclosingMethod,
      VisitorState state) {
    NewClassTree created = null;
    Tree daemonMarker = null;
    for (TreePath use : ScopeIndex.of(scope, state).uses(array)) {
      TreePath element = use.getParentPath();
      if (!(element.getLeaf() instanceof ArrayAccessTree)) {
        continue;
      }
      Tree parent = element.getParentPath().getLeaf();
      if (parent instanceof AssignmentTree assignment
          && assignment.getVariable() == element.getLeaf()) {
        if (created != null
            || !(stripParentheses(assignment.getExpression()) instanceof NewClassTree value)) {
          return null;
        }
        created = value;
      } else if (parent instanceof com.sun.source.tree.MemberSelectTree
          && element.getParentPath().getParentPath().getLeaf()
              instanceof MethodInvocationTree invocation
          && isSetDaemonTrue(invocation)
          && element.getParentPath().getParentPath().getParentPath().getLeaf()
              instanceof ExpressionStatementTree statement) {
        daemonMarker = statement;
      }
    }
    if (created == null) {
      return null;
    }
    Task task = threadTask(created, enclosingMethod, state);
    return new Launch(
        call,
        LaunchKind.PLATFORM_THREAD,
        task,
        array,
        daemonMarker == null ? null : "setDaemon(true)",
        daemonMarker);
  }

  /** Whether {@code launch}'s handle is an array of threads rather than one thread. */
  public static boolean isArrayHandle(Launch launch) {
    return launch.handle() != null && launch.handle().type instanceof Type.ArrayType;
  }

  /** The task a {@code new Thread(..)} or {@code new ThreadSubclass(..)} runs. */
  @Nullable
  private static Task threadTask(
      NewClassTree newThread, @Nullable MethodTree enclosingMethod, VisitorState state) {
    Type type = ASTHelpers.getType(newThread);
    boolean plainThread =
        type != null
            && type.tsym.getQualifiedName().contentEquals(THREAD)
            && newThread.getClassBody() == null;
    boolean overridesRun =
        newThread.getClassBody() == null || Tasks.runMethod(newThread.getClassBody()) != null;
    if (!plainThread && overridesRun) {
      Task subclassTask = Tasks.resolve(newThread, enclosingMethod, state);
      if (subclassTask != null) {
        return subclassTask;
      }
    }
    for (ExpressionTree argument : newThread.getArguments()) {
      if (Resources.isSubtype(ASTHelpers.getType(argument), "java.lang.Runnable", state)) {
        return Tasks.resolve(argument, enclosingMethod, state);
      }
    }
    return null;
  }

  /** A launch through a {@code Thread.Builder} chain ({@code Thread.ofPlatform().daemon()…}). */
  private static Launch fromBuilder(
      MethodInvocationTree call,
      @Nullable ExpressionTree builder,
      @Nullable Task task,
      @Nullable VarSymbol handle,
      VisitorState state) {
    boolean virtual = false;
    Tree daemonMarker = null;
    boolean known = false;
    for (ExpressionTree link = builder;
        link instanceof MethodInvocationTree invocation;
        link = getReceiver(invocation)) {
      String name =
          getSymbol(invocation) == null ? "" : getSymbol(invocation).getSimpleName().toString();
      switch (name) {
        case "ofVirtual" -> {
          virtual = true;
          known = true;
        }
        case "ofPlatform" -> known = true;
        case "daemon" -> {
          if (invocation.getArguments().isEmpty() || isTrue(invocation.getArguments().get(0))) {
            daemonMarker = daemonMarker == null ? invocation : daemonMarker;
          }
        }
        default -> {}
      }
    }
    if (!known && builder != null) {
      // A builder held in a variable: only its declared type tells (a virtual one is daemon).
      known = virtual = Resources.isSubtype(ASTHelpers.getType(builder), VIRTUAL_BUILDER, state);
    }
    if (!known) {
      // A platform builder passed in: its settings are not visible here.
      return null;
    }
    if (virtual) {
      return new Launch(call, LaunchKind.VIRTUAL_THREAD, task, handle, "a virtual thread", null);
    }
    return new Launch(
        call,
        LaunchKind.PLATFORM_THREAD,
        task,
        handle,
        daemonMarker == null ? null : "Thread.ofPlatform().daemon()",
        daemonMarker);
  }

  /**
   * The one value ever assigned to {@code variable} in {@code scope} (a thread, an executor), or
   * null.
   */
  @Nullable
  static ExpressionTree creation(VarSymbol variable, Tree scope, VisitorState state) {
    ScopeIndex index = ScopeIndex.of(scope, state);
    List<ExpressionTree> values = new ArrayList<>();
    VariableTree declaration = index.declaration(variable);
    if (declaration != null && declaration.getInitializer() != null) {
      values.add(declaration.getInitializer());
    }
    for (TreePath use : index.uses(variable)) {
      if (use.getParentPath().getLeaf() instanceof AssignmentTree assignment
          && assignment.getVariable() == use.getLeaf()) {
        values.add(assignment.getExpression());
      }
    }
    return values.size() == 1 ? stripParentheses(values.get(0)) : null;
  }

  /** The {@code variable.setDaemon(true)} statement in {@code scope}, or null. */
  @Nullable
  private static Tree setDaemonTrue(VarSymbol variable, Tree scope, VisitorState state) {
    for (TreePath use : ScopeIndex.of(scope, state).uses(variable)) {
      TreePath select = use.getParentPath();
      TreePath call = select.getParentPath();
      if (select.getLeaf() instanceof com.sun.source.tree.MemberSelectTree
          && call != null
          && call.getLeaf() instanceof MethodInvocationTree invocation
          && isSetDaemonTrue(invocation)
          && call.getParentPath().getLeaf() instanceof ExpressionStatementTree statement) {
        return statement;
      }
    }
    return null;
  }

  /** A {@code setDaemon(true)} in a constructor or initializer of the thread's own class. */
  @Nullable
  private static Tree daemonInConstructor(NewClassTree newThread, VisitorState state) {
    ClassTree type =
        newThread.getClassBody() != null
            ? newThread.getClassBody()
            : Declarations.of(state).type(getSymbol(newThread.getIdentifier()));
    if (type == null) {
      return null;
    }
    for (Tree member : type.getMembers()) {
      boolean initializerCode =
          member instanceof BlockTree
              || (member instanceof MethodTree method && method.getName().contentEquals("<init>"));
      if (!initializerCode) {
        continue;
      }
      Tree[] found = new Tree[1];
      new TreeScanner<Void, Void>() {
        @Override
        public Void visitExpressionStatement(ExpressionStatementTree tree, Void unused) {
          if (found[0] == null
              && tree.getExpression() instanceof MethodInvocationTree invocation
              && isSetDaemonTrue(invocation)
              && isSelf(getReceiver(invocation))) {
            found[0] = tree;
          }
          return null;
        }
      }.scan(member, null);
      if (found[0] != null) {
        return found[0];
      }
    }
    return null;
  }

  private static boolean isSelf(@Nullable ExpressionTree receiver) {
    return receiver == null || receiver.toString().equals("this");
  }

  private static boolean isSetDaemonTrue(MethodInvocationTree invocation) {
    Symbol method = getSymbol(invocation);
    return method != null
        && method.getSimpleName().contentEquals("setDaemon")
        && invocation.getArguments().size() == 1
        && isTrue(invocation.getArguments().get(0));
  }

  private static boolean isTrue(ExpressionTree expression) {
    return stripParentheses(expression) instanceof LiteralTree literal
        && Boolean.TRUE.equals(literal.getValue());
  }

  private static boolean isBuilder(Type type, VisitorState state) {
    return Resources.isSubtype(type, THREAD_BUILDER, state);
  }

  /** The local variable the current call's result initializes, or null. */
  @Nullable
  public static VarSymbol resultVariable(VisitorState state) {
    Tree parent = state.getPath().getParentPath().getLeaf();
    return parent instanceof VariableTree variable ? getSymbol(variable) : null;
  }

  /** The method enclosing {@code path}, or null (e.g. in a field initializer). */
  @Nullable
  public static MethodTree enclosingMethod(TreePath path) {
    return ASTHelpers.findEnclosingNode(path, MethodTree.class);
  }

  @Nullable
  private static ClassTree enclosingClass(TreePath path) {
    return ASTHelpers.findEnclosingNode(path, ClassTree.class);
  }
}
