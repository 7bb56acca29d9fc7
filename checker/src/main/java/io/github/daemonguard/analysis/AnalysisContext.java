package io.github.daemonguard.analysis;

import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.code.Symbol.TypeSymbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.processing.JavacProcessingEnvironment;
import com.sun.tools.javac.tree.JCTree;
import com.sun.tools.javac.tree.TreeInfo;
import com.sun.tools.javac.util.Context;
import com.sun.tools.javac.util.Name;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.Messager;
import javax.tools.Diagnostic;
import org.jspecify.annotations.Nullable;

/**
 * The state daemonguard keeps for one compilation: its configuration, parsed once, and caches of
 * facts the three checks share, kept per compilation unit.
 *
 * <p>One instance per javac {@link Context} (get it, else put it once), so nothing is static and
 * two compilations in one JVM (an IDE, a test suite, a build daemon) never see each other's trees.
 * Error Prone scans one compilation unit at a time; the per-unit caches are dropped whenever the
 * unit changes, so they hold on to one file's trees at most.
 */
public final class AnalysisContext {
  private static final Context.Key<AnalysisContext> KEY = new Context.Key<>();

  /** How many scope indexes of the current unit are kept (a few methods are asked about often). */
  private static final int CACHED_SCOPES = 8;

  /** How many units' declarations are kept: the scanned one and a few of its callees' files. */
  private static final int CACHED_UNITS = 8;

  private final Config config;
  // Made on first need: a compilation that launches nothing never loads their classes.
  @Nullable private NormalPaths normalPaths;
  @Nullable private MethodSummaries methodSummaries;
  private boolean problemsReported;

  /** The unit Error Prone is scanning; the per-unit caches below belong to it. */
  @Nullable private CompilationUnitTree unit;

  /**
   * The declarations of the scanned unit and of the few others its launches' callees are in; a
   * query about another unit must not drop the scanned unit's caches.
   */
  private final Map<CompilationUnitTree, Declarations> declarations = accessOrdered();

  private final Map<Tree, ScopeIndex> scopes = accessOrdered();
  private final Map<MemoKey, Object> memo = new HashMap<>();

  /** By erased class: whether its values are resources ({@link Resources#isResourceType}). */
  private final Map<TypeSymbol, Boolean> resourceTypes = new HashMap<>();

  /** By erased class: the built-in sink it is, or {@link #NULL_FACT} ({@link Resources}). */
  private final Map<TypeSymbol, Object> builtInSinks = new HashMap<>();

  /** By erased class: the names of it and its supertypes ({@link Resources#isSubtype}). */
  private final Map<TypeSymbol, Optional<Set<String>>> supertypeNames = new HashMap<>();

  /** By method name (a name is one object per compilation, hashed by its index): may it launch. */
  private final Map<Name, Boolean> launchNames = new HashMap<>();

  /** By method name: whether it closes what it is called on. */
  private final Map<Name, Boolean> closeNames = new HashMap<>();

  /** The call the checks' name filter last judged, and its answer: the three ask in turn. */
  @Nullable private Tree lastFilteredCall;

  private boolean lastMayLaunch;

  /**
   * A memoized fact: its kind, the tree it is about (trees compare by identity) and, for facts
   * about a variable in that tree, the variable's symbol (symbols compare by identity too).
   */
  private record MemoKey(String kind, Tree tree, @Nullable Object about) {
    // Written out: a record's generated equals/hashCode bootstrap method handles on first use,
    // a fixed cost paid by every compilation.
    @Override
    public boolean equals(@Nullable Object object) {
      return object instanceof MemoKey other
          && Objects.equals(kind, other.kind)
          && Objects.equals(tree, other.tree)
          && Objects.equals(about, other.about);
    }

    @Override
    public int hashCode() {
      return Objects.hash(kind, tree, about);
    }
  }

  /** A map iterated least recently used first, for {@link #putRecent}. */
  private static <K, V> Map<K, V> accessOrdered() {
    return new LinkedHashMap<>(16, 0.75f, /* accessOrder= */ true);
  }

  /**
   * Puts {@code value} into access-ordered {@code map}, then drops its least recently used entry if
   * it holds more than {@code capacity}.
   */
  // Not a LinkedHashMap subclass overriding removeEldestEntry: loading one in a running javac
  // invalidates all compiled code that had inlined the JDK's own version (a sweep of the code
  // cache in the checks' clock, then javac's insertions run interpreted until recompiled).
  private static <K, V> void putRecent(Map<K, V> map, K key, V value, int capacity) {
    map.put(key, value);
    if (map.size() > capacity) {
      Iterator<K> eldest = map.keySet().iterator();
      eldest.next();
      eldest.remove();
    }
  }

  private AnalysisContext(Config config) {
    this.config = config;
  }

  /**
   * The context of {@code state}'s compilation, created from {@code flags} (the flags Error Prone
   * injected into the check) the first time any check asks.
   */
  public static AnalysisContext instance(VisitorState state, ErrorProneFlags flags) {
    AnalysisContext context = state.context.get(KEY);
    if (context == null) {
      context = new AnalysisContext(Config.parse(flags));
      state.context.put(KEY, context);
    }
    context.enter(state.getPath().getCompilationUnit());
    return context;
  }

  /** The context of {@code state}'s compilation, from the compilation's own flags if new. */
  public static AnalysisContext of(VisitorState state) {
    AnalysisContext context = state.context.get(KEY);
    return context != null ? context : instance(state, state.errorProneOptions().getFlags());
  }

  /** The control-flow graphs of the current compilation unit's methods, built on demand. */
  NormalPaths normalPaths() {
    if (normalPaths == null) {
      normalPaths = NormalPaths.create();
    }
    return normalPaths;
  }

  /** The summaries of the compilation's methods, kept for the whole compilation (all its units). */
  MethodSummaries methodSummaries() {
    if (methodSummaries == null) {
      methodSummaries = new MethodSummaries();
    }
    return methodSummaries;
  }

  /** The configuration of this compilation. */
  public Config config() {
    return config;
  }

  /**
   * Reports each malformed flag entry as a compile error, once per compilation: a misspelt flag
   * must not silently leave a project's own helper unrecognized.
   */
  public void reportProblemsOnce(VisitorState state) {
    if (problemsReported || config.problems().isEmpty()) {
      return;
    }
    problemsReported = true;
    // The Messager reports through javac's own diagnostics, so build tools show it as an error.
    Messager messager = JavacProcessingEnvironment.instance(state.context).getMessager();
    for (String problem : config.problems()) {
      messager.printMessage(Diagnostic.Kind.ERROR, problem);
    }
  }

  /** The declarations of the compilation unit {@code state} is in, built on first use. */
  Declarations declarations(VisitorState state) {
    CompilationUnitTree current = state.getPath().getCompilationUnit();
    Declarations known = declarations.get(current);
    if (known == null) {
      known = new Declarations(current);
      putRecent(declarations, current, known, CACHED_UNITS);
    }
    return known;
  }

  /** The index of {@code scope}, a tree of the compilation unit {@code state} is in. */
  ScopeIndex scopeIndex(Tree scope, VisitorState state) {
    ScopeIndex index = scopes.get(scope);
    if (index == null) {
      index = ScopeIndex.build(state.getPath(), scope, state.getNames());
      putRecent(scopes, scope, index, CACHED_SCOPES);
    }
    return index;
  }

  /** What {@link #recall} answers for a fact not computed yet. */
  static final Object UNKNOWN = new Object();

  /** What the memo holds for a fact that is null. */
  private static final Object NULL_FACT = new Object();

  /**
   * The fact of {@code kind} about {@code tree} (and {@code about}, a variable in it, or null) that
   * {@link #remember} kept for the current compilation unit, or {@link #UNKNOWN}. Callers compute a
   * missing fact themselves rather than pass a function: each lambda is one more class to spin up
   * in every javac process, on the path every launch takes.
   */
  @Nullable Object recall(String kind, Tree tree, @Nullable Object about) {
    return unwrap(memo.get(new MemoKey(kind, tree, about)));
  }

  /** Keeps {@code fact} for {@link #recall}, shared by the three checks; returns it. */
  <T extends @Nullable Object> T remember(String kind, Tree tree, @Nullable Object about, T fact) {
    memo.put(new MemoKey(kind, tree, about), wrap(fact));
    return fact;
  }

  /** How a fact is held in a map: a null fact as {@link #NULL_FACT}. */
  private static Object wrap(@Nullable Object fact) {
    return fact == null ? NULL_FACT : fact;
  }

  /** The fact a map held ({@code held}, null when absent), or {@link #UNKNOWN}. */
  private static @Nullable Object unwrap(@Nullable Object held) {
    if (held == null) {
      return UNKNOWN;
    }
    return held == NULL_FACT ? null : held;
  }

  /** Whether values of the class {@code erased} are resources, computed once per compilation. */
  @Nullable Boolean resourceType(TypeSymbol erased) {
    return resourceTypes.get(erased);
  }

  /** Keeps the answer of {@link #resourceType} for {@code erased}; returns it. */
  boolean rememberResourceType(TypeSymbol erased, boolean resource) {
    resourceTypes.put(erased, resource);
    return resource;
  }

  /**
   * Whether {@code call} may launch, judged by its name ({@link LaunchSites#mayLaunch}): the
   * checks' filter for every call of the compilation, answered once for the three of them.
   */
  public boolean mayLaunch(MethodInvocationTree call) {
    if (call != lastFilteredCall) {
      Name name = TreeInfo.name((JCTree) call.getMethodSelect());
      lastMayLaunch = name != null && mayLaunch(name);
      lastFilteredCall = call;
    }
    return lastMayLaunch;
  }

  /** The built-in sink remembered for {@code erased} (maybe null), or {@link #UNKNOWN}. */
  @Nullable Object builtInSink(TypeSymbol erased) {
    return unwrap(builtInSinks.get(erased));
  }

  /** Keeps {@code sink} (null: none) as the built-in sink of {@code erased}; returns it. */
  <T extends @Nullable Object> T rememberBuiltInSink(TypeSymbol erased, T sink) {
    builtInSinks.put(erased, wrap(sink));
    return sink;
  }

  /** The names of the class of {@code erased} and of its supertypes, or null; once per class. */
  @Nullable Set<String> supertypeNames(Type erased, VisitorState state) {
    Optional<Set<String>> names = supertypeNames.get(erased.tsym);
    if (names == null) {
      names = Optional.ofNullable(Resources.computeSupertypeNames(erased, state));
      supertypeNames.put(erased.tsym, names);
    }
    return names.orElse(null);
  }

  /** Whether a method named {@code name} may launch, as {@link LaunchSites#mayLaunch}, cached. */
  boolean mayLaunch(Name name) {
    Boolean known = launchNames.get(name);
    if (known == null) {
      known = LaunchSites.mayLaunchByName(name.toString());
      launchNames.put(name, known);
    }
    return known;
  }

  /**
   * Whether a method named {@code name} closes, as {@link LifecycleCandidates#mayClose}, cached.
   */
  boolean isCloseName(Name name) {
    Boolean known = closeNames.get(name);
    if (known == null) {
      known = LifecycleCandidates.isCloseName(name.toString());
      closeNames.put(name, known);
    }
    return known;
  }

  /**
   * Called when Error Prone starts scanning {@code current} (each check's compilation-unit
   * matcher): drops the previous unit's caches. Questions about other units (a callee's file) go
   * through the same caches without dropping them.
   */
  private void enter(CompilationUnitTree current) {
    if (unit != current) {
      unit = current;
      declarations.clear();
      scopes.clear();
      memo.clear();
    }
  }
}
