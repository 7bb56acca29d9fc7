package io.github.daemonguard.fixes;

import static com.google.errorprone.util.ASTHelpers.getSymbol;

import com.google.common.base.Ascii;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.fixes.SuggestedFixes;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import io.github.daemonguard.analysis.Declarations;
import io.github.daemonguard.analysis.EndlessLoops.QueueTake;
import io.github.daemonguard.analysis.Trees;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import org.jspecify.annotations.Nullable;

/**
 * The sentinel ("poison pill") fix for a consumer that loops forever on a queue: a dedicated
 * sentinel instance held in a constant, a check after the consumer's take that leaves the loop when
 * it sees it, and a {@code put} of the sentinel that the producer sends before it joins.
 *
 * <p>Offered only for FIFO queues (a priority or delay queue may hand the sentinel out before the
 * data) and element types that admit a distinct instance compared by identity without an Error
 * Prone warning or a deprecated constructor: {@code String} (through a small helper that says why
 * identity is meant), {@code Object}, arrays, {@code Runnable}.
 */
final class SentinelFix {
  private SentinelFix() {}

  /** Queue classes that hand out items in the order they were put. */
  private static final ImmutableSet<String> FIFO_QUEUES =
      ImmutableSet.of(
          "java.util.concurrent.LinkedBlockingQueue",
          "java.util.concurrent.ArrayBlockingQueue",
          "java.util.concurrent.LinkedBlockingDeque",
          "java.util.concurrent.LinkedTransferQueue",
          "java.util.concurrent.SynchronousQueue");

  /**
   * The consumer-side edits and the producer's signal statement.
   *
   * @param signal the statement that sends the sentinel, e.g. {@code queue.put(END_OF_QUEUE);}
   */
  record Plan(SuggestedFix consumerSide, String signal) {}

  /** The plan for the consumer loop around {@code take}, or empty when none is safe. */
  static Optional<Plan> plan(
      QueueTake take, Set<Symbol> flushables, TreePath launch, VisitorState state) {
    if (!isFifo(take.queue(), launch, state)) {
      return Optional.empty();
    }
    ClassTree owner = topLevelClass(launch);
    if (owner == null) {
      return Optional.empty();
    }
    SuggestedFix.Builder fix = SuggestedFix.builder();
    Type element = take.item().type;
    String constant = "END_OF_" + Ascii.toUpperCase(snake(take.queue().getSimpleName().toString()));
    String item = take.item().getSimpleName().toString();
    String instance;
    String isSentinel;
    String helper = null;
    if (element.tsym.getQualifiedName().contentEquals("java.lang.String")) {
      instance = "new String(\"" + constant + "\")";
      String helperName = "isEndOf" + capitalized(take.queue().getSimpleName().toString());
      isSentinel = helperName + "(" + item + ")";
      helper =
          "/** Whether {@code item} is the sentinel itself, not an equal string. */\n"
              + "@SuppressWarnings(\"ReferenceEquality\") // identity is the point\n"
              + "private static boolean "
              + helperName
              + "(String item) {\n  return item == "
              + constant
              + ";\n}";
    } else {
      instance = distinctInstance(element, fix, state);
      if (instance == null) {
        return Optional.empty();
      }
      isSentinel = item + " == " + constant;
    }
    String typeName = SuggestedFixes.prettyType(state, fix, element);
    String declaration =
        "/** Put on the queue after the last item: the consumer stops when it takes it. */\n"
            + "private static final "
            + typeName
            + " "
            + constant
            + " = "
            + instance
            + ";";
    addMembers(
        owner, helper == null ? List.of(declaration) : List.of(declaration, helper), fix, state);
    String indent = Source.indentOf(take.statement(), state);
    StringBuilder onSentinel = new StringBuilder();
    if (canThrowIoException(take.statement(), launch, state)) {
      for (Symbol flushable : flushables) {
        onSentinel.append("  ").append(flushable.getSimpleName()).append(".flush();\n");
      }
    }
    fix.postfixWith(
        take.statement(),
        "\n"
            + indent
            + Source.indented("if (" + isSentinel + ") {\n" + onSentinel + "  break;\n}", indent));
    String signal = take.queue().getSimpleName() + ".put(" + constant + ");";
    return Optional.of(new Plan(fix.build(), signal));
  }

  /**
   * Adds {@code members} at the end of {@code owner}, each after a blank line and indented like the
   * class's other members.
   */
  private static void addMembers(
      ClassTree owner, List<String> members, SuggestedFix.Builder fix, VisitorState state) {
    CharSequence source = state.getSourceCode();
    int closingBrace = state.getEndPosition(owner) - 1;
    int lineStart = closingBrace;
    while (lineStart > 0 && source.charAt(lineStart - 1) != '\n') {
      lineStart--;
    }
    String indent = Source.indentOf(owner, state) + "  ";
    StringBuilder text = new StringBuilder();
    for (String member : members) {
      text.append('\n').append(indent).append(Source.indented(member, indent)).append('\n');
    }
    fix.replace(lineStart, lineStart, text.toString());
  }

  /** Whether the queue is of a FIFO class, by its declared type or the class it is made of. */
  private static boolean isFifo(VarSymbol queue, TreePath launch, VisitorState state) {
    if (isFifoType(queue.type)) {
      return true;
    }
    Tree scope =
        queue.getKind() == ElementKind.FIELD
            ? Declarations.of(state).type(queue.owner)
            : ASTHelpers.findEnclosingNode(launch, MethodTree.class);
    VariableTree declaration = scope == null ? null : Trees.localDeclaration(scope, queue, state);
    return declaration != null
        && declaration.getInitializer() != null
        && isFifoType(ASTHelpers.getType(declaration.getInitializer()))
        && (queue.getModifiers().contains(Modifier.FINAL) || ASTHelpers.isConsideredFinal(queue));
  }

  private static boolean isFifoType(@Nullable Type type) {
    return type != null && FIFO_QUEUES.contains(type.tsym.getQualifiedName().toString());
  }

  /** A fresh instance of {@code element} that no producer can have put, or null. */
  @Nullable
  private static String distinctInstance(
      Type element, SuggestedFix.Builder fix, VisitorState state) {
    if (element instanceof Type.ArrayType array) {
      Type component = array.getComponentType();
      if (component instanceof Type.ArrayType || !component.getTypeArguments().isEmpty()) {
        return null;
      }
      return "new " + SuggestedFixes.prettyType(state, fix, component) + "[0]";
    }
    String name = element.tsym.getQualifiedName().toString();
    if (name.equals("java.lang.Object")) {
      return "new Object()";
    }
    if (name.equals("java.lang.Runnable")) {
      return "() -> {}";
    }
    return null;
  }

  /** Whether an {@code IOException} thrown at {@code statement} is caught or declared there. */
  private static boolean canThrowIoException(Tree statement, TreePath launch, VisitorState state) {
    TreePath path = TreePath.getPath(launch.getCompilationUnit(), statement);
    Type ioException = state.getTypeFromString("java.io.IOException");
    if (path == null || ioException == null) {
      return false;
    }
    for (TreePath p = path; p.getParentPath() != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      Tree parent = p.getParentPath().getLeaf();
      if (parent instanceof TryTree tryTree && tryTree.getBlock() == leaf) {
        for (CatchTree handler : tryTree.getCatches()) {
          Type caught = ASTHelpers.getType(handler.getParameter());
          if (caught != null && catches(caught, ioException, state)) {
            return true;
          }
        }
      }
      if (leaf instanceof LambdaExpressionTree || leaf instanceof MethodTree) {
        MethodSymbol method =
            leaf instanceof MethodTree m
                ? getSymbol(m)
                : descriptor((LambdaExpressionTree) leaf, state);
        return method != null
            && method.getThrownTypes().stream()
                .anyMatch(t -> ASTHelpers.isSubtype(ioException, t, state));
      }
    }
    return false;
  }

  private static boolean catches(Type caught, Type ioException, VisitorState state) {
    if (caught instanceof Type.UnionClassType union) {
      for (Type alternative : union.getAlternativeTypes()) {
        if (ASTHelpers.isSubtype(ioException, alternative, state)) {
          return true;
        }
      }
      return false;
    }
    return ASTHelpers.isSubtype(ioException, caught, state);
  }

  @Nullable
  private static MethodSymbol descriptor(LambdaExpressionTree lambda, VisitorState state) {
    Type type = ASTHelpers.getType(lambda);
    try {
      return type == null ? null : (MethodSymbol) state.getTypes().findDescriptorSymbol(type.tsym);
    } catch (RuntimeException notFunctional) {
      return null;
    }
  }

  @Nullable
  private static ClassTree topLevelClass(TreePath path) {
    ClassTree top = null;
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      if (p.getLeaf() instanceof ClassTree type
          && getSymbol(type) != null
          && getSymbol(type).owner instanceof Symbol.PackageSymbol) {
        top = type;
      }
      if (p.getLeaf() instanceof CompilationUnitTree) {
        break;
      }
    }
    return top;
  }

  /** {@code workQueue} as {@code WORK_QUEUE}'s lower-case form {@code work_queue}. */
  private static String snake(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2");
  }

  private static String capitalized(String name) {
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }
}
