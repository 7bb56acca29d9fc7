package io.github.daemonguard.analysis;

import static com.google.errorprone.util.ASTHelpers.getSymbol;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.tree.JCTree;
import com.sun.tools.javac.tree.TreeInfo;
import com.sun.tools.javac.util.Name;
import com.sun.tools.javac.util.Names;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The cheap tests before a class's lifecycle is computed ({@link ClassLifecycles}): which calls may
 * close a field, and which classes name both a launching method and a close of their own field.
 *
 * <p>Apart from {@link ClassLifecycles} so that a compilation whose classes are no candidates (most
 * are) never loads the lifecycle analysis itself: these run for every call of the compilation.
 */
public final class LifecycleCandidates {
  private LifecycleCandidates() {}

  /** The names of every method that closes a resource or sink ({@link Resources#closeMethods}). */
  private static final ImmutableSet<String> CLOSE_NAMES =
      ImmutableSet.of("close", "stop", "disconnect");

  /**
   * Whether the innermost class around {@code path} may have a lifecycle finding at all (it names
   * both a launch and a close): what {@link ClassLifecycles#around} asks before computing one.
   */
  public static boolean mayHaveLifecycle(TreePath path, VisitorState state) {
    return candidateClass(path, state) != null;
  }

  /** The innermost class around {@code path} when it {@link #mayHaveLifecycle}, else null. */
  @Nullable
  static TreePath candidateClass(TreePath path, VisitorState state) {
    TreePath classPath = enclosingClass(path);
    return classPath != null && mayLaunchAndCloseIn(classPath, state) ? classPath : null;
  }

  /**
   * Whether {@code type} holds both halves of a lifecycle finding (anywhere in it, nested code
   * included): a call of a launching method ({@link LaunchSites#isLaunchMethod}: its name, then its
   * owner), and a call without arguments named like a close on a field the class itself declares
   * ({@code out.close()}, {@code this.out.close()}). Every close site {@link ClassLifecycles} finds
   * is one of those, in the class's own code (a private helper's close is in the class too), {@link
   * Resources#closeMethods}. Most classes miss one of them; one walk of the unit answers for all
   * its classes.
   */
  private static boolean mayLaunchAndCloseIn(TreePath classPath, VisitorState state) {
    AnalysisContext context = AnalysisContext.of(state);
    CompilationUnitTree unit = classPath.getCompilationUnit();
    Object known = context.recall("LifecycleCandidates", unit, null);
    Set<?> candidates =
        known != AnalysisContext.UNKNOWN
            ? (Set<?>) known
            : context.remember(
                "LifecycleCandidates",
                unit,
                null,
                LifecycleNameFinder.candidatesIn((JCTree) unit, context, state));
    return candidates.contains(classPath.getLeaf());
  }

  /**
   * Finds the classes of a unit whose code (nested code included) calls a launching method and
   * something named like a close on one of the class's own fields, in one walk with javac's own
   * scanner that skips what holds no call (imports, modifiers and annotations, types).
   */
  private static final class LifecycleNameFinder extends com.sun.tools.javac.tree.TreeScanner {
    private final AnalysisContext context;
    private final VisitorState state;
    private final Names names;
    private final Set<JCTree.JCClassDecl> candidates = new HashSet<>();
    @Nullable private ClassSymbol current;
    private boolean launch;
    private boolean close;

    private LifecycleNameFinder(AnalysisContext context, VisitorState state) {
      this.context = context;
      this.state = state;
      this.names = state.getNames();
    }

    static Set<JCTree.JCClassDecl> candidatesIn(
        JCTree unit, AnalysisContext context, VisitorState state) {
      LifecycleNameFinder finder = new LifecycleNameFinder(context, state);
      finder.scan(unit);
      return finder.candidates;
    }

    @Override
    public void visitClassDef(JCTree.JCClassDecl type) {
      boolean outerLaunch = launch;
      boolean outerClose = close;
      ClassSymbol outer = current;
      launch = false;
      close = false;
      current = type.sym;
      scan(type.defs);
      if (launch && close) {
        candidates.add(type);
      }
      // What a nested class holds, its enclosing classes hold too.
      launch |= outerLaunch;
      close |= outerClose;
      current = outer;
    }

    @Override
    public void visitApply(JCTree.JCMethodInvocation call) {
      Name name = TreeInfo.name(call.meth);
      if (name != null) {
        // The owner check only for the few calls named like a launch: execute() of a JDBC
        // statement, start() of a server are none.
        launch = launch || (context.mayLaunch(name) && LaunchSites.isLaunchMethod(call, state));
        close =
            close
                || (call.args.isEmpty()
                    && call.meth instanceof JCTree.JCFieldAccess select
                    && context.isCloseName(name)
                    && isOwnField(select.selected));
      }
      scan(call.meth);
      scan(call.args);
    }

    @Override
    public void visitImport(JCTree.JCImport tree) {}

    @Override
    public void visitAnnotation(JCTree.JCAnnotation tree) {}

    @Override
    public void visitMethodDef(JCTree.JCMethodDecl tree) {
      scan(tree.body);
    }

    @Override
    public void visitVarDef(JCTree.JCVariableDecl tree) {
      scan(tree.init);
    }

    @Override
    public void visitNewClass(JCTree.JCNewClass tree) {
      scan(tree.encl);
      scan(tree.args);
      scan(tree.def);
    }

    @Override
    public void visitTypeCast(JCTree.JCTypeCast tree) {
      scan(tree.expr);
    }

    @Override
    public void visitTypeTest(JCTree.JCInstanceOf tree) {
      scan(tree.expr);
    }

    /** {@code x} or {@code this.x} (or {@code super.x}) naming a field of the visited class. */
    private boolean isOwnField(JCTree.JCExpression receiver) {
      Symbol symbol;
      if (receiver instanceof JCTree.JCIdent identifier) {
        symbol = identifier.sym;
      } else if (receiver instanceof JCTree.JCFieldAccess select
          && select.selected instanceof JCTree.JCIdent qualifier
          && (qualifier.name == names._this || qualifier.name == names._super)) {
        symbol = select.sym;
      } else {
        return false;
      }
      return symbol instanceof VarSymbol && current != null && symbol.owner == current;
    }
  }

  /**
   * Whether {@code call} may close a field resource, directly ({@code out.close()}, {@code
   * this.out.stop()}) or through a helper of the class ({@code closeQuietly()}): the cheap filter
   * before a class's lifecycle is computed.
   */
  public static boolean mayClose(MethodInvocationTree call, VisitorState state) {
    return mayClose(call, AnalysisContext.of(state), state);
  }

  /** As {@link #mayClose(MethodInvocationTree, VisitorState)}, in the checks' per-call filter. */
  public static boolean mayClose(
      MethodInvocationTree call, AnalysisContext context, VisitorState state) {
    if (!call.getArguments().isEmpty()) {
      return false;
    }
    // Shapes first, names next, symbols last: this runs for every call of the compilation.
    ExpressionTree select = call.getMethodSelect();
    if (select instanceof IdentifierTree) {
      return isPrivateHelper(call);
    }
    if (!(select instanceof MemberSelectTree member)
        || !(member.getExpression() instanceof IdentifierTree
            || member.getExpression() instanceof MemberSelectTree)) {
      return false;
    }
    ExpressionTree receiver = member.getExpression();
    if (Trees.isThisOrSuper(receiver, state)) {
      return isPrivateHelper(call);
    }
    return context.isCloseName((Name) member.getIdentifier())
        && Trees.namesOwnMember(receiver, state);
  }

  /** A helper of the class that may close a field: only a private one is followed. */
  private static boolean isPrivateHelper(MethodInvocationTree call) {
    MethodSymbol method = getSymbol(call);
    return method != null && (method.flags() & Flags.PRIVATE) != 0;
  }

  /** Whether a method of this name closes what it is called on. */
  public static boolean isCloseName(String name) {
    return CLOSE_NAMES.contains(name);
  }

  /** The innermost named class around {@code path} (an anonymous class is its enclosing one's). */
  @Nullable
  static TreePath enclosingClass(TreePath path) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof ClassTree
          && !(p.getParentPath() != null && p.getParentPath().getLeaf() instanceof NewClassTree)) {
        return p;
      }
    }
    return null;
  }
}
