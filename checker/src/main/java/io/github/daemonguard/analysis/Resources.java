package io.github.daemonguard.analysis;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.CompletionFailure;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.TypeSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import java.util.HashSet;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * Which types and expressions are resources in the sense of the contract, and how they are used.
 */
public final class Resources {
  private Resources() {}

  /** Types that hold an OS resource or buffered output, checked by subtyping. */
  private static final ImmutableSet<String> RESOURCE_SUPERTYPES =
      ImmutableSet.of(
          "java.io.Closeable",
          "java.io.Flushable",
          "java.sql.Connection",
          "java.sql.Statement",
          "java.sql.ResultSet");

  /** Types whose close or loss costs nothing: they live in memory only. */
  private static final ImmutableSet<String> IN_MEMORY_TYPES =
      ImmutableSet.of(
          "java.io.ByteArrayOutputStream",
          "java.io.ByteArrayInputStream",
          "java.io.StringWriter",
          "java.io.StringReader",
          "java.io.CharArrayWriter",
          "java.io.CharArrayReader",
          "java.io.PipedInputStream",
          "java.io.PipedOutputStream",
          "java.io.PipedReader",
          "java.io.PipedWriter",
          "java.util.Scanner",
          "java.util.stream.BaseStream",
          "java.util.concurrent.ExecutorService");

  /** Types that only ever write. */
  private static final ImmutableSet<String> OUTPUT_SUPERTYPES =
      ImmutableSet.of("java.io.Flushable", "java.io.OutputStream", "java.io.Writer");

  /** Types that only ever read. */
  private static final ImmutableSet<String> INPUT_SUPERTYPES =
      ImmutableSet.of("java.io.InputStream", "java.io.Reader");

  /** JDK classes whose constructors open a file (for reading or writing). */
  private static final ImmutableSet<String> FILE_OUTPUT_CONSTRUCTORS =
      ImmutableSet.of(
          "java.io.FileWriter",
          "java.io.FileOutputStream",
          "java.io.RandomAccessFile",
          "java.util.zip.ZipOutputStream");

  private static final ImmutableSet<String> FILE_INPUT_CONSTRUCTORS =
      ImmutableSet.of("java.io.FileReader", "java.io.FileInputStream", "java.util.zip.ZipFile");

  /** Classes that open a file when constructed from a {@code File} or a file name. */
  private static final ImmutableSet<String> FILE_NAME_OUTPUT_CONSTRUCTORS =
      ImmutableSet.of("java.io.PrintWriter", "java.io.PrintStream", "java.util.Formatter");

  /** {@code java.nio.file.Files} methods that write, create, move or delete. */
  private static final ImmutableSet<String> FILES_OUTPUT_METHODS =
      ImmutableSet.of(
          "write",
          "writeString",
          "newBufferedWriter",
          "newOutputStream",
          "newByteChannel",
          "copy",
          "move",
          "delete",
          "deleteIfExists",
          "createFile",
          "createDirectory",
          "createDirectories",
          "createTempFile",
          "setAttribute",
          "setLastModifiedTime");

  /** {@code java.nio.file.Files} methods that open a file for reading. */
  private static final ImmutableSet<String> FILES_INPUT_METHODS =
      ImmutableSet.of(
          "newBufferedReader",
          "newInputStream",
          "readAllLines",
          "readString",
          "readAllBytes",
          "lines");

  /** Method-name prefixes that write through a resource of a type that can do both. */
  private static final ImmutableSet<String> WRITE_METHOD_PREFIXES =
      ImmutableSet.of(
          "write",
          "print",
          "append",
          "flush",
          "force",
          "truncate",
          "put",
          "setLength",
          "transferFrom",
          "execute",
          "commit",
          "insert",
          "update",
          "store",
          "save",
          "log",
          "record",
          "add",
          "emit",
          "send");

  /**
   * An output target that is no {@code Closeable} but loses data the same way, matched by name so
   * that daemonguard needs none of these libraries.
   *
   * @param type the sink's supertype, fully qualified
   * @param output the methods that write through it
   * @param closes the methods that close it
   */
  private record Sink(String type, ImmutableSet<String> output, ImmutableSet<String> closes) {}

  private static final ImmutableList<Sink> SINKS =
      ImmutableList.of(
          new Sink(
              "java.util.logging.Handler",
              ImmutableSet.of("publish", "flush"),
              ImmutableSet.of("close")),
          new Sink(
              "ch.qos.logback.core.Appender",
              ImmutableSet.of("doAppend", "append"),
              ImmutableSet.of("stop", "close")),
          new Sink(
              "org.apache.log4j.Appender",
              ImmutableSet.of("doAppend", "append"),
              ImmutableSet.of("close")),
          new Sink(
              "org.apache.logging.log4j.core.Appender",
              ImmutableSet.of("append"),
              ImmutableSet.of("stop", "close")),
          new Sink(
              "io.netty.channel.Channel",
              ImmutableSet.of("write", "writeAndFlush", "flush"),
              ImmutableSet.of("close", "disconnect")));

  /** Sinks that write to the console: nothing is lost that a file would keep. */
  private static final ImmutableSet<String> CONSOLE_SINKS =
      ImmutableSet.of(
          "java.util.logging.ConsoleHandler",
          "ch.qos.logback.core.ConsoleAppender",
          "org.apache.log4j.ConsoleAppender",
          "org.apache.logging.log4j.core.appender.ConsoleAppender");

  /** The methods that close a sink named by {@code -XepOpt:DaemonGuard:SinkTypes}. */
  private static final ImmutableSet<String> CONFIGURED_SINK_CLOSES =
      ImmutableSet.of("close", "stop");

  private static final ImmutableSet<String> PLAIN_CLOSE = ImmutableSet.of("close");

  /** Every name {@link #closeMethods} can answer: a unit that calls none of them closes nothing. */
  static final ImmutableSet<String> ANY_CLOSE_METHOD = anyCloseMethod();

  private static ImmutableSet<String> anyCloseMethod() {
    ImmutableSet.Builder<String> names = ImmutableSet.builder();
    names.addAll(PLAIN_CLOSE).addAll(CONFIGURED_SINK_CLOSES);
    for (Sink sink : SINKS) {
      names.addAll(sink.closes());
    }
    return names.build();
  }

  /**
   * Whether values of {@code type} are resources: closeable OS-backed or buffered I/O, or sinks.
   */
  public static boolean isResourceType(Type type, VisitorState state) {
    if (type == null || type.isPrimitive()) {
      return false;
    }
    // Every test below is on the erasure, so its class decides; asked for the same few types often.
    AnalysisContext context = AnalysisContext.of(state);
    TypeSymbol erased = state.getTypes().erasure(type).tsym;
    Boolean known = context.resourceType(erased);
    return known != null
        ? known
        : context.rememberResourceType(erased, computeIsResourceType(type, state));
  }

  private static boolean computeIsResourceType(Type type, VisitorState state) {
    if (isInMemory(type, state)) {
      return false;
    }
    for (String name : RESOURCE_SUPERTYPES) {
      if (isSubtype(type, name, state)) {
        return true;
      }
    }
    return isSink(type, state);
  }

  /**
   * Whether {@code type} is an in-memory stream, another type the contract exempts, or one named by
   * {@code -XepOpt:DaemonGuard:InMemoryTypes}.
   */
  public static boolean isInMemory(Type type, VisitorState state) {
    for (String name : IN_MEMORY_TYPES) {
      if (isSubtype(type, name, state)) {
        return true;
      }
    }
    for (String name : AnalysisContext.of(state).config().inMemoryTypes()) {
      if (isSubtype(type, name, state)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code type} is an output sink (a log handler, an appender, a channel), not console.
   */
  public static boolean isSink(Type type, VisitorState state) {
    return type != null
        && !type.isPrimitive()
        && (builtInSink(type, state) != null || configuredSink(type, state));
  }

  /** Whether calling {@code methodName} on a sink of {@code type} writes through it. */
  public static boolean writesToSink(Type type, String methodName, VisitorState state) {
    Sink sink = builtInSink(type, state);
    if (sink != null) {
      return sink.output().contains(methodName);
    }
    return configuredSink(type, state)
        && !CONFIGURED_SINK_CLOSES.contains(methodName)
        && !methodName.equals("equals")
        && !methodName.equals("hashCode")
        && !methodName.equals("toString")
        && !methodName.startsWith("get")
        && !methodName.startsWith("is")
        && !methodName.isEmpty();
  }

  /** The methods that close a resource of {@code type}: {@code close()}, or a sink's own. */
  public static ImmutableSet<String> closeMethods(Type type, VisitorState state) {
    if (type == null || type.isPrimitive()) {
      return PLAIN_CLOSE;
    }
    Sink sink = builtInSink(type, state);
    if (sink != null) {
      return sink.closes();
    }
    return configuredSink(type, state) ? CONFIGURED_SINK_CLOSES : PLAIN_CLOSE;
  }

  private static @Nullable Sink builtInSink(Type type, VisitorState state) {
    if (type == null || type.isPrimitive()) {
      return null;
    }
    // Asked at every close and write of a task's resources: once per class is enough.
    AnalysisContext context = AnalysisContext.of(state);
    TypeSymbol erased = state.getTypes().erasure(type).tsym;
    Object known = context.builtInSink(erased);
    if (known != AnalysisContext.UNKNOWN) {
      return (Sink) known;
    }
    return context.rememberBuiltInSink(erased, computeBuiltInSink(type, state));
  }

  private static @Nullable Sink computeBuiltInSink(Type type, VisitorState state) {
    if (isConsole(type, state)) {
      return null;
    }
    for (Sink sink : SINKS) {
      if (isSubtype(type, sink.type(), state)) {
        return sink;
      }
    }
    return null;
  }

  private static boolean configuredSink(Type type, VisitorState state) {
    for (String name : AnalysisContext.of(state).config().sinkTypes()) {
      if (isSubtype(type, name, state)) {
        return !isConsole(type, state);
      }
    }
    return false;
  }

  private static boolean isConsole(Type type, VisitorState state) {
    for (String name : CONSOLE_SINKS) {
      if (isSubtype(type, name, state)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a resource of {@code type} is only ever written to. */
  public static boolean isOutputType(Type type, VisitorState state) {
    return isSubtypeOfAny(type, OUTPUT_SUPERTYPES, state);
  }

  /** Whether a resource of {@code type} is only ever read from. */
  public static boolean isInputType(Type type, VisitorState state) {
    return !isOutputType(type, state) && isSubtypeOfAny(type, INPUT_SUPERTYPES, state);
  }

  private static boolean isSubtypeOfAny(Type type, Set<String> names, VisitorState state) {
    for (String name : names) {
      if (isSubtype(type, name, state)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code methodName}, called on a read-write resource, writes. */
  public static boolean isWriteMethodName(String methodName) {
    for (String prefix : WRITE_METHOD_PREFIXES) {
      if (methodName.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code symbol} is one of {@code System.out}, {@code System.err}, {@code System.in}. */
  public static boolean isStandardStream(Symbol symbol) {
    return symbol.getKind() == ElementKind.FIELD
        && symbol.owner != null
        && symbol.owner.getQualifiedName().contentEquals("java.lang.System");
  }

  /** How a constructor or method call opens a file, if it does. */
  public enum Opening {
    NONE,
    INPUT,
    OUTPUT
  }

  /** Whether {@code newClass} opens a file, and for what. */
  public static Opening opening(NewClassTree newClass, VisitorState state) {
    Type type = ASTHelpers.getType(newClass);
    if (type == null) {
      return Opening.NONE;
    }
    String name = type.tsym.getQualifiedName().toString();
    if (FILE_OUTPUT_CONSTRUCTORS.contains(name)) {
      return Opening.OUTPUT;
    }
    if (FILE_INPUT_CONSTRUCTORS.contains(name)) {
      return Opening.INPUT;
    }
    if (FILE_NAME_OUTPUT_CONSTRUCTORS.contains(name) && !newClass.getArguments().isEmpty()) {
      Type first = ASTHelpers.getType(newClass.getArguments().get(0));
      if (first != null
          && (isSubtype(first, "java.io.File", state)
              || isSubtype(first, "java.lang.String", state))) {
        return Opening.OUTPUT;
      }
    }
    return Opening.NONE;
  }

  /** Whether {@code call} opens, writes or reads a file through {@code java.nio.file}. */
  public static Opening opening(MethodInvocationTree call, VisitorState state) {
    MethodSymbol method = ASTHelpers.getSymbol(call);
    if (method == null || !method.isStatic()) {
      return Opening.NONE;
    }
    String owner = method.owner.getQualifiedName().toString();
    String name = method.getSimpleName().toString();
    if (owner.equals("java.nio.file.Files")) {
      if (FILES_OUTPUT_METHODS.contains(name)) {
        return Opening.OUTPUT;
      }
      return FILES_INPUT_METHODS.contains(name) ? Opening.INPUT : Opening.NONE;
    }
    if (owner.equals("java.nio.channels.FileChannel") && name.equals("open")) {
      return call.getArguments().stream().skip(1).anyMatch(Resources::namesWriteOption)
          ? Opening.OUTPUT
          : Opening.INPUT;
    }
    return Opening.NONE;
  }

  private static boolean namesWriteOption(ExpressionTree option) {
    String name =
        option instanceof MemberSelectTree
            ? ((MemberSelectTree) option).getIdentifier().toString()
            : option.toString();
    return name.equals("WRITE")
        || name.equals("APPEND")
        || name.equals("CREATE")
        || name.equals("CREATE_NEW")
        || name.equals("TRUNCATE_EXISTING");
  }

  /** Whether {@code type} is {@code CompletableFuture} or another {@code CompletionStage}. */
  public static boolean isCompletionStage(Type type) {
    if (type == null) {
      return false;
    }
    String name = type.tsym.getQualifiedName().toString();
    return name.equals("java.util.concurrent.CompletableFuture")
        || name.equals("java.util.concurrent.CompletionStage");
  }

  /**
   * Null-safe subtype test against a type named by its binary name. A class type is answered from
   * the names of its supertypes, gathered once per class: no name lookup, and none of a library the
   * compilation does not have (most sinks are named that way).
   */
  public static boolean isSubtype(Type type, String supertypeName, VisitorState state) {
    if (type == null) {
      return false;
    }
    Type erased = state.getTypes().erasure(type);
    if (erased.hasTag(TypeTag.CLASS)) {
      Set<String> names = AnalysisContext.of(state).supertypeNames(erased, state);
      if (names != null) {
        return names.contains(supertypeName);
      }
    }
    Type supertype = state.getTypeFromString(supertypeName);
    return supertype != null && ASTHelpers.isSubtype(erased, supertype, state);
  }

  /**
   * The binary and canonical names of {@code erased}'s class and of all its supertypes; null when
   * one of them cannot be completed (a class missing from the class path).
   */
  static @Nullable Set<String> computeSupertypeNames(Type erased, VisitorState state) {
    Set<String> names = new HashSet<>();
    try {
      for (Type supertype : state.getTypes().closure(erased)) {
        if (supertype.isErroneous()) {
          // A class missing from the class path: a look-up by its name finds nothing either.
          continue;
        }
        String binary = supertype.tsym.flatName().toString();
        names.add(binary);
        String canonical = supertype.tsym.getQualifiedName().toString();
        // A member class's canonical name (a.B.C for a.B$C); a local class's is its bare name.
        if (canonical.equals(binary.replace('$', '.'))) {
          names.add(canonical);
        }
      }
    } catch (CompletionFailure missing) {
      return null;
    }
    return names;
  }
}
