package io.github.daemonguard.analysis;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.errorprone.ErrorProneFlags;
import com.sun.tools.javac.code.Symbol;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.SourceVersion;
import org.jspecify.annotations.Nullable;

/**
 * daemonguard's configuration, parsed once per compilation from {@code
 * -XepOpt:DaemonGuard:<Flag>=a,b}.
 *
 * <p>Each list adds to the built-in one. Parsing never throws: a malformed entry is left out and
 * recorded in {@link #problems()}, which the checks report once as a compile error (an exception in
 * a check's constructor would surface as an injector failure instead).
 *
 * @param awaitMethods methods that wait for the thread, future or executor passed as their first
 *     argument
 * @param daemonFactories methods returning daemon threads, daemon thread factories or daemon-backed
 *     executors
 * @param executorFactories methods (source not in the compilation) returning a new executor the
 *     caller owns
 * @param sinkTypes further output sink types (fully qualified)
 * @param inMemoryTypes further types that hold no OS resource (fully qualified)
 * @param strict whether a check's internal failure fails the compilation instead of skipping the
 *     tree
 * @param problems one line per malformed entry, naming the flag and the entry
 */
public record Config(
    ImmutableSet<MethodName> awaitMethods,
    ImmutableSet<MethodName> daemonFactories,
    ImmutableSet<MethodName> executorFactories,
    ImmutableSet<String> sinkTypes,
    ImmutableSet<String> inMemoryTypes,
    boolean strict,
    ImmutableList<String> problems) {

  /** The prefix of every daemonguard flag. */
  public static final String PREFIX = "DaemonGuard:";

  /** The configuration with no flags set. */
  public static final Config DEFAULT = parse(ErrorProneFlags.empty());

  /**
   * A method named {@code fully.qualified.Type#method}.
   *
   * @param type the declaring type's fully qualified name
   * @param method the method's simple name
   */
  public record MethodName(String type, String method) {
    @Override
    public String toString() {
      return type + "#" + method;
    }
  }

  /** Parses daemonguard's flags; never throws. */
  public static Config parse(ErrorProneFlags flags) {
    List<String> problems = new ArrayList<>();
    return new Config(
        methods(flags, "AwaitMethods", problems),
        methods(flags, "DaemonFactories", problems),
        methods(flags, "ExecutorFactories", problems),
        types(flags, "SinkTypes", problems),
        types(flags, "InMemoryTypes", problems),
        bool(flags, "Strict", problems),
        ImmutableSet.copyOf(problems).asList());
  }

  private static ImmutableSet<MethodName> methods(
      ErrorProneFlags flags, String flag, List<String> problems) {
    ImmutableSet.Builder<MethodName> methods = ImmutableSet.builder();
    for (String entry : entries(flags, flag)) {
      int hash = entry.indexOf('#');
      String type = hash < 0 ? "" : entry.substring(0, hash);
      String method = hash < 0 ? "" : entry.substring(hash + 1);
      if (hash < 0 || !isQualifiedName(type) || !SourceVersion.isIdentifier(method)) {
        problems.add(problem(flag, entry, "expected a method as fully.qualified.Type#method"));
      } else {
        methods.add(new MethodName(type, method));
      }
    }
    return methods.build();
  }

  private static ImmutableSet<String> types(
      ErrorProneFlags flags, String flag, List<String> problems) {
    ImmutableSet.Builder<String> types = ImmutableSet.builder();
    for (String entry : entries(flags, flag)) {
      if (isQualifiedName(entry)) {
        types.add(entry);
      } else {
        problems.add(problem(flag, entry, "expected a fully qualified type name"));
      }
    }
    return types.build();
  }

  private static boolean bool(ErrorProneFlags flags, String flag, List<String> problems) {
    Optional<String> value = flags.get(PREFIX + flag);
    if (value.isEmpty() || value.get().isBlank()) {
      return false;
    }
    String text = value.get().trim();
    if (text.equalsIgnoreCase("true")) {
      return true;
    }
    if (!text.equalsIgnoreCase("false")) {
      problems.add(problem(flag, text, "expected true or false"));
    }
    return false;
  }

  /** The entries of a list flag, trimmed; an empty entry (a stray comma) is kept to be reported. */
  private static ImmutableList<String> entries(ErrorProneFlags flags, String flag) {
    Optional<String> value = flags.get(PREFIX + flag);
    if (value.isEmpty() || value.get().isBlank()) {
      return ImmutableList.of();
    }
    ImmutableList.Builder<String> entries = ImmutableList.builder();
    for (String entry : value.get().split(",", -1)) {
      entries.add(entry.trim());
    }
    return entries.build();
  }

  private static boolean isQualifiedName(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (String part : name.split("\\.", -1)) {
      if (!SourceVersion.isIdentifier(part) || SourceVersion.isKeyword(part)) {
        return false;
      }
    }
    return true;
  }

  private static String problem(String flag, String entry, String expected) {
    return String.format(
        "daemonguard: -XepOpt:%s%s has a malformed entry '%s': %s", PREFIX, flag, entry, expected);
  }

  /** Whether {@code method} is one of {@code methods}. */
  public static boolean names(ImmutableSet<MethodName> methods, @Nullable Symbol method) {
    return !methods.isEmpty()
        && method != null
        && method.owner != null
        && methods.contains(
            new MethodName(
                method.owner.getQualifiedName().toString(), method.getSimpleName().toString()));
  }

  /** Whether {@code method} waits for the thread, future or executor it gets first. */
  public boolean isAwaitMethod(@Nullable Symbol method) {
    return names(awaitMethods, method);
  }

  /** Whether {@code method} returns daemon threads, daemon factories or daemon-backed executors. */
  public boolean isDaemonFactory(@Nullable Symbol method) {
    return names(daemonFactories, method);
  }

  /** Whether {@code method} returns a new executor its caller owns. */
  public boolean isExecutorFactory(@Nullable Symbol method) {
    return names(executorFactories, method);
  }
}
