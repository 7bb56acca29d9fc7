package io.github.daemonguard.analysis;

import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.getSymbol;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.tree.JCTree;
import com.sun.tools.javac.tree.TreeInfo;
import io.github.daemonguard.analysis.ExecutorLaunches.ExecutorLaunch;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import org.jspecify.annotations.Nullable;

/**
 * A class's lifecycle: a method of the class launches a task (a constructor or {@code start()},
 * say) whose task uses a resource held in a field of the class, and another method ({@code
 * close()}, {@code stop()}) closes that resource while the task may still run.
 *
 * <p>The class owns both the task and the resource, so the order inside its own methods decides. A
 * close is under a running task when, on some normal path from the closing method's entry to the
 * close, the task is not awaited. Not flagged: a close reached from the task itself, the
 * close-to-stop idiom (closing what the task's loop blocks on), handles that escape, and a class
 * where another method awaits the task (a {@code stop()} that joins beside a {@code close()} that
 * closes: callers are expected to stop first — the owner's protocol).
 *
 * <p>Computed once per class, and only for classes whose code names a launching method.
 */
public final class ClassLifecycles {
  private ClassLifecycles() {}

  /** Accesses to the elements of a collection of threads or futures. */
  private static final ImmutableSet<String> ELEMENT_ACCESS =
      ImmutableSet.of("get", "values", "forEach", "stream", "iterator", "toArray", "entrySet");

  /** How deep private helpers of the class are followed to find a close. */
  private static final int MAX_HELPER_DEPTH = 3;

  /** How a launch's task can be waited for by the class. */
  public enum Handle {
    /** A private instance field holding the thread, future or executor. */
    FIELD,
    /** A private instance field holding a collection or array of threads or futures. */
    COLLECTION,
    /** Nothing holds it: no method of the class can wait for it. */
    NONE
  }

  /**
   * A launch of the class whose task uses a field resource.
   *
   * @param call the launching call
   * @param path the path of {@code call}
   * @param method the method (or lambda's enclosing method) that launches it
   * @param handle how the class holds the task
   * @param holder the field holding the thread, future, executor or collection (null for none)
   * @param executor whether the holder is an executor
   * @param tasks the tasks it launches
   */
  public record ClassLaunch(
      MethodInvocationTree call,
      TreePath path,
      @Nullable MethodTree method,
      Handle handle,
      @Nullable VarSymbol holder,
      boolean executor,
      ImmutableList<Task> tasks) {
    // Written out: a record's generated equals/hashCode bootstrap method handles on first use,
    // a fixed cost paid by every compilation.
    @Override
    public boolean equals(@Nullable Object object) {
      return object instanceof ClassLaunch other
          && Objects.equals(call, other.call)
          && Objects.equals(path, other.path)
          && Objects.equals(method, other.method)
          && Objects.equals(handle, other.handle)
          && Objects.equals(holder, other.holder)
          && executor == other.executor
          && Objects.equals(tasks, other.tasks);
    }

    @Override
    public int hashCode() {
      return Objects.hash(call, path, method, handle, holder, executor, tasks);
    }
  }

  /**
   * A close of a field resource while launches of the class that use it may still run.
   *
   * @param call the close (or the call of a private helper that closes), where it is reported
   * @param path the path of {@code call}
   * @param method the method the close is in, where the await belongs
   * @param resource the field closed
   * @param launches the launches it outlives
   */
  public record ClassClose(
      MethodInvocationTree call,
      TreePath path,
      MethodTree method,
      VarSymbol resource,
      ImmutableList<ClassLaunch> launches) {}

  /**
   * What the class does wrong.
   *
   * @param closes the closes under running tasks, by close call
   * @param outlived the launches some close outlives: reported at the close, nowhere else
   */
  public record Lifecycle(
      ImmutableMap<MethodInvocationTree, ClassClose> closes,
      ImmutableSet<MethodInvocationTree> outlived) {
    static final Lifecycle NONE = new Lifecycle(ImmutableMap.of(), ImmutableSet.of());
  }

  /** The lifecycle of the innermost class around {@code path}; memoized per class. */
  public static Lifecycle around(TreePath path, VisitorState state) {
    TreePath classPath = LifecycleCandidates.candidateClass(path, state);
    if (classPath == null) {
      return Lifecycle.NONE;
    }
    AnalysisContext context = AnalysisContext.of(state);
    Object known = context.recall("Lifecycle", classPath.getLeaf(), null);
    return known != AnalysisContext.UNKNOWN
        ? (Lifecycle) known
        : context.remember("Lifecycle", classPath.getLeaf(), null, compute(classPath, state));
  }

  /** The close reported at {@code call} ({@code state}'s path), or null. */
  @Nullable
  public static ClassClose closeAt(MethodInvocationTree call, VisitorState state) {
    return LifecycleCandidates.mayClose(call, state)
        ? around(state.getPath(), state).closes().get(call)
        : null;
  }

  private static Lifecycle compute(TreePath classPath, VisitorState state) {
    ClassTree type = (ClassTree) classPath.getLeaf();
    ClassSymbol owner = ASTHelpers.getSymbol(type);
    if (owner == null) {
      return Lifecycle.NONE;
    }
    List<ClassLaunch> launches = new ArrayList<>();
    Map<ClassLaunch, Set<VarSymbol>> resources = new LinkedHashMap<>();
    Map<Symbol, VarSymbol> storedParameters = storedParameters(type, owner);
    for (TreePath launchPath : launchPaths(classPath)) {
      ClassLaunch launch = classLaunch(launchPath, owner, state);
      if (launch == null) {
        continue;
      }
      Set<VarSymbol> fields = new HashSet<>();
      for (Task task : launch.tasks()) {
        for (ResourceUse use : usesOf(launch, task, launchPath, state)) {
          // A constructor's task that captures the parameter it also stores uses the field.
          Symbol used = storedParameters.getOrDefault(use.symbol(), (VarSymbol) use.symbol());
          if (used instanceof VarSymbol field
              && field.getKind() == ElementKind.FIELD
              && field.owner == owner
              && !field.getSimpleName().contentEquals("this")
              && !field.getSimpleName().contentEquals("super")
              && !use.openedByTask()
              && doesIo(task, type, field, use.symbol(), state)) {
            fields.add(field);
          }
        }
      }
      if (!fields.isEmpty()) {
        launches.add(launch);
        resources.put(launch, fields);
      }
    }
    if (launches.isEmpty()) {
      return Lifecycle.NONE;
    }
    Set<MethodTree> taskMethods = taskReachable(type, launches);
    // The methods only the tasks run: their closes are the tasks' own, their awaits no owner's.
    Set<MethodTree> tasksOwn = new HashSet<>();
    for (Tree member : type.getMembers()) {
      if (member instanceof MethodTree method && onlyTheTaskRuns(method, taskMethods, launches)) {
        tasksOwn.add(method);
      }
    }
    Set<MethodTree> helpers = privateHelpers(type);
    Map<MethodInvocationTree, ClassClose> closes = new LinkedHashMap<>();
    Set<MethodInvocationTree> outlived = new HashSet<>();
    Map<ClassLaunch, Boolean> awaitedInClass = new IdentityHashMap<>();
    for (Tree member : type.getMembers()) {
      if (!(member instanceof MethodTree method)
          || method.getBody() == null
          || tasksOwn.contains(method)
          || helpers.contains(method)) {
        continue;
      }
      TreePath methodPath = new TreePath(classPath, method);
      Set<ClassLaunch> reported = new HashSet<>();
      for (CloseSite site : closeSites(methodPath, type, resources, state)) {
        if (reassignedAfter(site, method)) {
          // out.close(); out = next; — a rotation, typically under the lock the task writes under.
          continue;
        }
        List<ClassLaunch> under = new ArrayList<>();
        for (ClassLaunch launch : launches) {
          if (resources.get(launch).contains(site.resource())
              && launch.method() != method
              && !reported.contains(launch)
              && runsUnder(
                  launch,
                  site,
                  methodPath,
                  type,
                  tasksOwn,
                  storedParameters,
                  awaitedInClass,
                  state)) {
            under.add(launch);
          }
        }
        // Each launch once per method: its first close there is where the wait belongs.
        reported.addAll(under);
        if (!under.isEmpty()) {
          closes.put(
              site.call(),
              new ClassClose(
                  site.call(), site.path(), method, site.resource(), ImmutableList.copyOf(under)));
          for (ClassLaunch launch : under) {
            outlived.add(launch.call());
          }
        }
      }
    }
    return new Lifecycle(ImmutableMap.copyOf(closes), ImmutableSet.copyOf(outlived));
  }

  /**
   * Whether only the class's tasks run {@code method}: it is a task's body, or a private or
   * package-private method the tasks reach. A public or protected method the task reaches (a public
   * {@code close()} the task also calls on an error) is still the users' close.
   */
  private static boolean onlyTheTaskRuns(
      MethodTree method, Set<MethodTree> taskMethods, List<ClassLaunch> launches) {
    if (!taskMethods.contains(method)) {
      return false;
    }
    Set<Modifier> modifiers = method.getModifiers().getFlags();
    if (!modifiers.contains(Modifier.PUBLIC) && !modifiers.contains(Modifier.PROTECTED)) {
      return true;
    }
    for (ClassLaunch launch : launches) {
      for (Task task : launch.tasks()) {
        if (task.bodies().contains(method)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The resources {@code task} uses: the launch's memoized facts when it is a thread launch. */
  private static List<ResourceUse> usesOf(
      ClassLaunch launch, Task task, TreePath launchPath, VisitorState state) {
    if (!launch.executor()) {
      LaunchFacts facts = Verdicts.threadFacts(launch.call(), state.withPath(launchPath));
      return facts == null ? List.of() : facts.uses();
    }
    return ResourceScanner.usesOf(task, state.withPath(launchPath));
  }

  /**
   * Whether the task (or a method of the class it calls) does I/O through {@code field} (or the
   * constructor parameter {@code alias} it captures): any use but closing it or asking it something
   * ({@code get*}, {@code is*}, {@code toString}). A task that only closes the resource, or names
   * it in a log line, is not cut short by its close.
   */
  private static boolean doesIo(
      Task task, ClassTree type, VarSymbol field, @Nullable Symbol alias, VisitorState state) {
    Set<String> closes = Resources.closeMethods(field.type, state);
    boolean[] io = {false};
    Set<Tree> seen = new HashSet<>();
    List<Tree> work = new ArrayList<>(task.bodies());
    for (int depth = 0; depth <= MAX_HELPER_DEPTH && !work.isEmpty() && !io[0]; depth++) {
      List<Tree> next = new ArrayList<>();
      for (Tree body : work) {
        if (!seen.add(body)) {
          continue;
        }
        new TreePathScanner<Void, Void>() {
          @Override
          public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
            // Runs who knows where (often on another pool): not this task's I/O.
            return null;
          }

          @Override
          public Void visitClass(ClassTree tree, Void unused) {
            return null;
          }

          @Override
          public Void visitIdentifier(IdentifierTree tree, Void unused) {
            check(tree);
            return null;
          }

          @Override
          public Void visitMemberSelect(MemberSelectTree tree, Void unused) {
            check(tree);
            return super.visitMemberSelect(tree, null);
          }

          @Override
          public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
            MethodTree callee = declaredIn(type, getSymbol(call));
            if (callee != null && callee.getBody() != null) {
              next.add(callee);
            }
            return super.visitMethodInvocation(call, null);
          }

          @Override
          public Void visitMemberReference(MemberReferenceTree reference, Void unused) {
            MethodTree callee = declaredIn(type, getSymbol(reference));
            if (callee != null && callee.getBody() != null) {
              next.add(callee);
            }
            return super.visitMemberReference(reference, null);
          }

          private void check(ExpressionTree tree) {
            Symbol symbol = getSymbol(tree);
            if (symbol != field && (alias == null || symbol != alias)) {
              return;
            }
            Tree parent = getCurrentPath().getParentPath().getLeaf();
            if (parent instanceof MemberSelectTree select
                && getCurrentPath().getParentPath().getParentPath().getLeaf()
                    instanceof MethodInvocationTree) {
              String name = select.getIdentifier().toString();
              if (Resources.isSink(field.type, state)) {
                io[0] |= Resources.writesToSink(field.type, name, state);
                return;
              }
              io[0] |=
                  !closes.contains(name)
                      && !name.startsWith("get")
                      && !name.startsWith("is")
                      && !name.equals("toString")
                      && !name.equals("hashCode")
                      && !name.equals("equals");
            } else if (!(parent instanceof com.sun.source.tree.BinaryTree)
                && !(parent instanceof AssignmentTree assignment
                    && assignment.getVariable() == tree)) {
              // Handed on (wrapped, passed to a method): what is done with it is not followed.
              io[0] = true;
            }
          }
        }.scan(new TreePath(new TreePath(state.getPath().getCompilationUnit()), body), null);
      }
      work = next;
    }
    return io[0];
  }

  /**
   * The constructor parameters stored in a field of the class ({@code this.out = out}), each mapped
   * to its field: a task the constructor launches uses the field when it captures the parameter.
   */
  private static Map<Symbol, VarSymbol> storedParameters(ClassTree type, ClassSymbol owner) {
    Map<Symbol, VarSymbol> stored = new java.util.HashMap<>();
    for (Tree member : type.getMembers()) {
      if (!(member instanceof MethodTree constructor)
          || !TreeInfo.isConstructor((JCTree) constructor)
          || constructor.getBody() == null) {
        continue;
      }
      Set<Symbol> parameters = new HashSet<>();
      for (com.sun.source.tree.VariableTree parameter : constructor.getParameters()) {
        parameters.add(getSymbol(parameter));
      }
      for (com.sun.source.tree.StatementTree statement : constructor.getBody().getStatements()) {
        if (statement instanceof ExpressionStatementTree expression
            && expression.getExpression() instanceof AssignmentTree assignment
            && getSymbol(assignment.getVariable()) instanceof VarSymbol field
            && field.getKind() == ElementKind.FIELD
            && field.owner == owner
            && parameters.contains(getSymbol(assignment.getExpression()))) {
          stored.put(getSymbol(assignment.getExpression()), field);
        }
      }
    }
    return stored;
  }

  /** Whether the method assigns the closed field again after the close. */
  private static boolean reassignedAfter(CloseSite site, MethodTree method) {
    int close = ASTHelpers.getStartPosition(site.call());
    boolean[] found = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitAssignment(AssignmentTree assignment, Void unused) {
        found[0] |=
            getSymbol(assignment.getVariable()) == site.resource()
                && ASTHelpers.getStartPosition(assignment) > close;
        return super.visitAssignment(assignment, null);
      }
    }.scan(method.getBody(), null);
    return found[0];
  }

  /** A close of a resource field in a method: the call to report at, and what it closes. */
  private record CloseSite(MethodInvocationTree call, TreePath path, VarSymbol resource) {}

  /** Whether {@code launch}'s task may still run at {@code site}: nothing awaits it first. */
  private static boolean runsUnder(
      ClassLaunch launch,
      CloseSite site,
      TreePath methodPath,
      ClassTree type,
      Set<MethodTree> tasksOwn,
      Map<Symbol, VarSymbol> storedParameters,
      Map<ClassLaunch, Boolean> awaitedInClass,
      VisitorState state) {
    Set<Symbol> names = new HashSet<>();
    names.add(site.resource());
    for (Map.Entry<Symbol, VarSymbol> stored : storedParameters.entrySet()) {
      if (stored.getValue() == site.resource()) {
        names.add(stored.getKey());
      }
    }
    for (Task task : launch.tasks()) {
      Task reaching =
          new Task(
              task.origin(), ImmutableList.copyOf(reachableBodies(task, type)), task.handedIn());
      for (Symbol name : names) {
        if (EndlessLoops.blocksOn(reaching, name)) {
          // Closing what the task blocks on (accept, read, receive, select) is how it is stopped.
          return false;
        }
      }
    }
    if (launch.handle() == Handle.NONE) {
      return true;
    }
    List<Tree> awaits = awaitsOf(launch, methodPath.getLeaf(), state);
    if (awaits.isEmpty()) {
      // Another method that waits for the task: the owner's protocol is to call it first. (This
      // method awaits nothing, so "any method" is "another"; asked once per launch.)
      Boolean awaited = awaitedInClass.get(launch);
      if (awaited == null) {
        awaited = awaitedByAMethod(launch, type, tasksOwn, state);
        awaitedInClass.put(launch, awaited);
      }
      return !awaited;
    }
    VarSymbol holder = launch.holder();
    NormalPaths.Answer answer =
        NormalPaths.of(state)
            .reachesFromEntryAvoiding(
                methodPath,
                site.call(),
                awaits,
                condition -> HandleTests.settledOutcomes(condition, holder),
                state);
    return answer == NormalPaths.Answer.YES;
  }

  /**
   * Whether a method of the class other than the tasks' own (a public {@code stop()} the task also
   * calls counts) waits for {@code launch}.
   */
  private static boolean awaitedByAMethod(
      ClassLaunch launch, ClassTree type, Set<MethodTree> tasksOwn, VisitorState state) {
    for (Tree member : type.getMembers()) {
      if (member instanceof MethodTree method
          && method.getBody() != null
          && !tasksOwn.contains(method)
          && !awaitsOf(launch, method, state).isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /** The calls in {@code method} (not in nested lambdas or classes) that wait for the launch. */
  private static List<Tree> awaitsOf(ClassLaunch launch, Tree method, VisitorState state) {
    VarSymbol holder = launch.holder();
    List<Tree> awaits = new ArrayList<>();
    Config config = AnalysisContext.of(state).config();
    new OwnCodeScanner() {

      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        Symbol method = getSymbol(call);
        String name = method == null ? "" : method.getSimpleName().toString();
        ExpressionTree receiver = getReceiver(call);
        if (launch.handle() == Handle.COLLECTION
            && receiver != null
            && getSymbol(receiver) == holder
            && ELEMENT_ACCESS.contains(name)) {
          // handlers.get(i).join(), futures.values() in a loop, threads.forEach(..): counted as
          // waiting for the elements (lenient: what is done with them is not followed).
          awaits.add(call);
        }
        if (receiver != null && getSymbol(receiver) == holder) {
          boolean waits =
              launch.executor()
                  ? name.equals("awaitTermination")
                      || name.equals("close")
                      || name.equals("invokeAll")
                  : Awaits.waitsForHandle(name) || Awaits.visitsElements(name);
          if (waits) {
            awaits.add(call);
          }
        }
        if (!call.getArguments().isEmpty()
            && getSymbol(call.getArguments().get(0)) == holder
            && (config.isAwaitMethod(method) || name.equals("shutdownAndAwaitTermination"))) {
          awaits.add(call);
        }
        return super.visitMethodInvocation(call, null);
      }

      @Override
      public Void visitEnhancedForLoop(EnhancedForLoopTree loop, Void unused) {
        // for (Thread t : threads) t.join(): the loop's entry awaits them all.
        if (launch.handle() == Handle.COLLECTION
            && getSymbol(loop.getExpression()) == holder
            && joinsElement(loop)) {
          awaits.add(loop.getExpression());
        }
        return super.visitEnhancedForLoop(loop, null);
      }
    }.scan(new TreePath(new TreePath(state.getPath().getCompilationUnit()), method), null);
    if (launch.handle() == Handle.COLLECTION && !awaits.isEmpty()) {
      // A loop over the collection's indexes (i < handlers.size()) may run zero times: every use
      // of the collection in the method counts, like a for-each loop's entry.
      for (TreePath use : ScopeIndex.of(method, state).uses(holder)) {
        awaits.add(use.getLeaf());
      }
    }
    return awaits;
  }

  private static boolean joinsElement(EnhancedForLoopTree loop) {
    Symbol element = getSymbol(loop.getVariable());
    boolean[] joined = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        Symbol method = getSymbol(call);
        if (method != null
            && Awaits.waitsForHandle(method.getSimpleName().toString())
            && getSymbol(getReceiver(call)) == element) {
          joined[0] = true;
        }
        return super.visitMethodInvocation(call, null);
      }
    }.scan(loop.getStatement(), null);
    return joined[0];
  }

  /** The closes of resource fields in {@code methodPath}, direct or through private helpers. */
  private static List<CloseSite> closeSites(
      TreePath methodPath,
      ClassTree type,
      Map<ClassLaunch, Set<VarSymbol>> resources,
      VisitorState state) {
    Set<VarSymbol> fields = new HashSet<>();
    resources.values().forEach(fields::addAll);
    List<CloseSite> sites = new ArrayList<>();
    new OwnCodeScanner() {

      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        VarSymbol closed = closedField(call, fields, state);
        if (closed == null) {
          closed = closedByHelper(call, type, fields, state, 0, new HashSet<>());
        }
        if (closed != null) {
          sites.add(new CloseSite(call, getCurrentPath(), closed));
        }
        return super.visitMethodInvocation(call, null);
      }
    }.scan(methodPath, null);
    return sites;
  }

  /** The field among {@code fields} that {@code call} closes ({@code out.close()}), or null. */
  @Nullable
  private static VarSymbol closedField(
      MethodInvocationTree call, Set<VarSymbol> fields, VisitorState state) {
    if (!call.getArguments().isEmpty()) {
      return null;
    }
    Symbol receiver = getSymbol(getReceiver(call));
    Symbol method = getSymbol(call);
    if (!(receiver instanceof VarSymbol field) || !fields.contains(field) || method == null) {
      return null;
    }
    return Trees.namesOwnMember(getReceiver(call), state)
            && Resources.closeMethods(field.type, state).contains(method.getSimpleName().toString())
        ? field
        : null;
  }

  /** The field a private helper of the class (this. or super. call) closes, or null. */
  @Nullable
  private static VarSymbol closedByHelper(
      MethodInvocationTree call,
      ClassTree type,
      Set<VarSymbol> fields,
      VisitorState state,
      int depth,
      Set<Symbol> seen) {
    MethodSymbol callee = getSymbol(call);
    ExpressionTree receiver = getReceiver(call);
    if (depth >= MAX_HELPER_DEPTH
        || callee == null
        || callee.isStatic()
        || !callee.getModifiers().contains(Modifier.PRIVATE)
        || (receiver != null && !Trees.isThisOrSuper(receiver, state))
        || !seen.add(callee)) {
      return null;
    }
    MethodTree helper = declaredIn(type, callee);
    if (helper == null || helper.getBody() == null) {
      return null;
    }
    VarSymbol[] found = {null};
    new OwnCodeScanner() {

      @Override
      public Void visitMethodInvocation(MethodInvocationTree inner, Void unused) {
        if (found[0] == null) {
          VarSymbol closed = closedField(inner, fields, state);
          found[0] =
              closed != null ? closed : closedByHelper(inner, type, fields, state, depth + 1, seen);
        }
        return super.visitMethodInvocation(inner, null);
      }
    }.scan(new TreePath(new TreePath(state.getPath().getCompilationUnit()), helper), null);
    return found[0];
  }

  /** The declaration of {@code method} among {@code type}'s members, or null. */
  @Nullable
  private static MethodTree declaredIn(ClassTree type, @Nullable Symbol method) {
    // Most calls leave the class: their owner tells at once, before a walk of its members.
    if (method == null || method.owner != ASTHelpers.getSymbol(type)) {
      return null;
    }
    for (Tree member : type.getMembers()) {
      if (member instanceof MethodTree declaration && getSymbol(declaration) == method) {
        return declaration;
      }
    }
    return null;
  }

  /**
   * The private methods of the class that its other methods call: a close inside one is reported
   * where it is called, in the method where the await belongs.
   */
  private static Set<MethodTree> privateHelpers(ClassTree type) {
    Set<MethodTree> helpers = new HashSet<>();
    for (Tree member : type.getMembers()) {
      if (!(member instanceof MethodTree caller) || caller.getBody() == null) {
        continue;
      }
      new TreeScanner<Void, Void>() {
        @Override
        public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
          MethodTree callee = declaredIn(type, getSymbol(call));
          if (callee != null
              && callee != caller
              && callee.getModifiers().getFlags().contains(Modifier.PRIVATE)) {
            helpers.add(callee);
          }
          return super.visitMethodInvocation(call, null);
        }
      }.scan(caller.getBody(), null);
    }
    return helpers;
  }

  /** The task's bodies and the methods of the class they call, a few levels deep. */
  static List<Tree> reachableBodies(Task task, ClassTree type) {
    List<Tree> bodies = new ArrayList<>(task.bodies());
    for (MethodTree method : reachableFrom(type, task.bodies())) {
      if (!bodies.contains(method)) {
        bodies.add(method);
      }
    }
    return bodies;
  }

  /** As {@link #reachableBodies}: the task's bodies and the methods of {@code type} they call. */
  public static List<Tree> reachableCode(Task task, ClassTree type) {
    return reachableBodies(task, type);
  }

  /** As {@link #reachableBodies}, for the class that holds {@code close}. */
  public static List<Tree> reachableCode(Task task, ClassClose close, VisitorState state) {
    TreePath classPath = LifecycleCandidates.enclosingClass(close.path());
    return classPath == null
        ? new ArrayList<>(task.bodies())
        : reachableBodies(task, (ClassTree) classPath.getLeaf());
  }

  /**
   * The methods of the class the tasks run: their bodies when they are methods, and the methods of
   * the class they call, a few levels deep. A close there is the task's own.
   */
  private static Set<MethodTree> taskReachable(ClassTree type, List<ClassLaunch> launches) {
    List<Tree> bodies = new ArrayList<>();
    for (ClassLaunch launch : launches) {
      for (Task task : launch.tasks()) {
        bodies.addAll(task.bodies());
      }
    }
    return reachableFrom(type, bodies);
  }

  private static Set<MethodTree> reachableFrom(ClassTree type, List<? extends Tree> bodies) {
    Set<MethodTree> reachable = new HashSet<>();
    List<Tree> work = new ArrayList<>(bodies);
    for (int depth = 0; depth <= MAX_HELPER_DEPTH && !work.isEmpty(); depth++) {
      List<Tree> next = new ArrayList<>();
      for (Tree body : work) {
        if (body instanceof MethodTree method && !reachable.add(method)) {
          continue;
        }
        new TreeScanner<Void, Void>() {
          @Override
          public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
            MethodTree callee = declaredIn(type, getSymbol(call));
            if (callee != null && !reachable.contains(callee)) {
              next.add(callee);
            }
            return super.visitMethodInvocation(call, null);
          }

          @Override
          public Void visitMemberReference(MemberReferenceTree reference, Void unused) {
            MethodTree callee = declaredIn(type, getSymbol(reference));
            if (callee != null && !reachable.contains(callee)) {
              next.add(callee);
            }
            return super.visitMemberReference(reference, null);
          }
        }.scan(body, null);
      }
      work = next;
    }
    return reachable;
  }

  /** The launch at {@code path} as the class holds it, or null when the class does not own it. */
  @Nullable
  private static ClassLaunch classLaunch(TreePath path, ClassSymbol owner, VisitorState state) {
    MethodInvocationTree call = (MethodInvocationTree) path.getLeaf();
    VisitorState here = state.withPath(path);
    LaunchSites.Kind kind = LaunchSites.kind(call, here);
    if (kind == null || kind == LaunchSites.Kind.TIMER_TASK) {
      return null;
    }
    MethodTree method = ASTHelpers.findEnclosingNode(path, MethodTree.class);
    if (kind == LaunchSites.Kind.EXECUTOR_TASK) {
      ExecutorLaunch launch = ExecutorLaunches.of(call, here);
      if (launch == null || !(getSymbol(launch.executor()) instanceof VarSymbol executor)) {
        return null;
      }
      String name = getSymbol(call).getSimpleName().toString();
      boolean periodic = name.startsWith("scheduleAt") || name.startsWith("scheduleWith");
      if (!periodic && !(path.getParentPath().getLeaf() instanceof ExpressionStatementTree)) {
        // The task's future is kept: whoever gets it may wait for the task.
        return null;
      }
      if (!isOwnedField(executor, owner)
          || !createdInClass(executor, path, state)
          || escapesInClass(executor, path, state)) {
        // An executor handed in (a shared pool), or handed out, is owned elsewhere.
        return null;
      }
      ImmutableList.Builder<Task> tasks = ImmutableList.builder();
      for (ExpressionTree expression : launch.tasks()) {
        Task task = Tasks.resolve(expression, method, here);
        if (task != null) {
          tasks.add(task);
        }
      }
      return new ClassLaunch(call, path, method, Handle.FIELD, executor, true, tasks.build());
    }
    Launch launch = Launches.of(call, here);
    if (launch == null || launch.task() == null) {
      return null;
    }
    VarSymbol handle = launch.handle();
    ImmutableList<Task> tasks = ImmutableList.of(launch.task());
    if (countsDownALatch(launch.task())) {
      // The launcher may wait on the latch the task counts down.
      return null;
    }
    if (handle != null && handle.getKind() == ElementKind.FIELD) {
      return isOwnedField(handle, owner) && !escapesInClass(handle, path, state)
          ? new ClassLaunch(call, path, method, Handle.FIELD, handle, false, tasks)
          : null;
    }
    VarSymbol collection = collectionHolding(handle, call, path, owner, state);
    if (collection != null) {
      return new ClassLaunch(call, path, method, Handle.COLLECTION, collection, false, tasks);
    }
    if (handle == null) {
      // new Thread(task).start() as a statement: nothing can ever wait for it.
      return Futures.chainTop(path).getParentPath().getLeaf() instanceof ExpressionStatementTree
          ? new ClassLaunch(call, path, method, Handle.NONE, null, false, tasks)
          : null;
    }
    Fate fate = Fates.ofHandle(handle, here);
    return fate == Fate.NOT_AWAITED
        ? new ClassLaunch(call, path, method, Handle.NONE, null, false, tasks)
        : null;
  }

  /** Whether {@code task} calls {@code countDown()}: its launcher may await the latch. */
  private static boolean countsDownALatch(Task task) {
    boolean[] found = {false};
    for (Tree body : task.bodies()) {
      new TreeScanner<Void, Void>() {
        @Override
        public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
          Symbol method = getSymbol(call);
          found[0] |= method != null && method.getSimpleName().contentEquals("countDown");
          return super.visitMethodInvocation(call, null);
        }
      }.scan(body, null);
    }
    return found[0];
  }

  /**
   * Whether the class hands the field's value elsewhere: returns it (a getter), passes it to a
   * method (a helper that may wait, a jar method), or copies it into a variable. Its owner is then
   * not only this class; the lenient answer is no finding.
   */
  private static boolean escapesInClass(VarSymbol field, TreePath path, VisitorState state) {
    TreePath classPath = LifecycleCandidates.enclosingClass(path);
    if (classPath == null) {
      return true;
    }
    for (TreePath use : ScopeIndex.of(classPath.getLeaf(), state).uses(field)) {
      Tree leaf = use.getLeaf();
      Tree parent = use.getParentPath().getLeaf();
      if (parent instanceof com.sun.source.tree.ReturnTree
          || (parent instanceof MethodInvocationTree call
              && call.getArguments().contains(leaf)
              && !(getSymbol(call) != null
                  && Fates.NEUTRAL_ARGUMENT_METHODS.contains(
                      getSymbol(call).getSimpleName().toString())))
          || (parent instanceof com.sun.source.tree.VariableTree variable
              && variable.getInitializer() == leaf)
          || (parent instanceof AssignmentTree assignment && assignment.getExpression() == leaf)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the class creates the executor its field holds: its one value is a creation. */
  private static boolean createdInClass(VarSymbol executor, TreePath path, VisitorState state) {
    TreePath classPath = LifecycleCandidates.enclosingClass(path);
    ExpressionTree value =
        classPath == null ? null : Launches.creation(executor, classPath.getLeaf(), state);
    return value != null && ExecutorCreations.of(value, classPath.getLeaf(), state) != null;
  }

  /**
   * The private field collection the launched thread or future goes into ({@code workers.add(t)},
   * or {@code workers.add(Thread.startVirtualThread(..))}), or null.
   */
  @Nullable
  private static VarSymbol collectionHolding(
      @Nullable VarSymbol handle,
      MethodInvocationTree call,
      TreePath path,
      ClassSymbol owner,
      VisitorState state) {
    if (handle == null) {
      Tree parent = Futures.chainTop(path).getParentPath().getLeaf();
      return parent instanceof MethodInvocationTree add
              && isAdd(add)
              && getSymbol(getReceiver(add)) instanceof VarSymbol field
              && isOwnedField(field, owner)
          ? field
          : null;
    }
    Tree scope =
        Trees.enclosingCodeUnit(path) == null ? null : Trees.enclosingCodeUnit(path).getLeaf();
    if (scope == null) {
      return null;
    }
    for (TreePath use : ScopeIndex.of(scope, state).uses(handle)) {
      Tree parent = use.getParentPath().getLeaf();
      if (parent instanceof MethodInvocationTree add
          && add.getArguments().contains(use.getLeaf())
          && isAdd(add)
          && getSymbol(getReceiver(add)) instanceof VarSymbol field
          && isOwnedField(field, owner)) {
        return field;
      }
      if (parent instanceof AssignmentTree assignment
          && assignment.getExpression() == use.getLeaf()
          && assignment.getVariable() instanceof com.sun.source.tree.ArrayAccessTree access
          && getSymbol(access.getExpression()) instanceof VarSymbol field
          && isOwnedField(field, owner)) {
        return field;
      }
    }
    return null;
  }

  private static boolean isAdd(MethodInvocationTree call) {
    Symbol method = getSymbol(call);
    return method != null
        && (method.getSimpleName().contentEquals("add")
            || method.getSimpleName().contentEquals("put")
            || method.getSimpleName().contentEquals("offer"));
  }

  /** A private instance field of {@code owner}, not exposed by a getter. */
  private static boolean isOwnedField(VarSymbol field, ClassSymbol owner) {
    Set<Modifier> modifiers = field.getModifiers();
    return field.getKind() == ElementKind.FIELD
        && field.owner == owner
        && modifiers.contains(Modifier.PRIVATE)
        && !modifiers.contains(Modifier.STATIC);
  }

  /** The launch calls in the class's own code: its members, lambdas and anonymous classes. */
  private static List<TreePath> launchPaths(TreePath classPath) {
    List<TreePath> paths = new ArrayList<>();
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitClass(ClassTree tree, Void unused) {
        // A named nested class has a lifecycle of its own; an anonymous one is this class's code.
        boolean anonymous = getCurrentPath().getParentPath().getLeaf() instanceof NewClassTree;
        return tree == classPath.getLeaf() || anonymous ? super.visitClass(tree, null) : null;
      }

      @Override
      public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (LaunchSites.mayLaunch(call)) {
          paths.add(getCurrentPath());
        }
        return super.visitMethodInvocation(call, null);
      }
    }.scan(classPath, null);
    return paths;
  }
}
