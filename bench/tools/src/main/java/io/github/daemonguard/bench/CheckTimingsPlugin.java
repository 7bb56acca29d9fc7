package io.github.daemonguard.bench;

import com.google.errorprone.ErrorProneTimings;
import com.sun.source.util.JavacTask;
import com.sun.source.util.Plugin;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.tools.javac.api.BasicJavacTask;
import com.sun.tools.javac.util.Context;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A javac plugin that reports Error Prone's own per-check clock when the compilation ends.
 *
 * <p>Error Prone times every matcher call of every enabled check in {@link ErrorProneTimings},
 * which lives in the javac {@link Context}, but prints nothing of it. Put this class on the
 * processor path next to Error Prone and pass {@code -Xplugin:DaemonguardTimings [file]}: at the
 * end of the COMPILATION task event it writes one line per check, {@code name<TAB>nanoseconds},
 * plus {@code @init<TAB>nanoseconds} for Error Prone's set-up of its checks. Without a file it
 * prints the same lines, prefixed with {@code daemonguard-timing }, to standard error.
 */
public final class CheckTimingsPlugin implements Plugin {

  static final String NAME = "DaemonguardTimings";

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public void init(JavacTask task, String... args) {
    Context context = ((BasicJavacTask) task).getContext();
    Path out = args.length > 0 ? Path.of(args[0]) : null;
    task.addTaskListener(
        new TaskListener() {
          @Override
          public void finished(TaskEvent event) {
            if (event.getKind() == TaskEvent.Kind.COMPILATION) {
              report(ErrorProneTimings.instance(context), out);
            }
          }
        });
  }

  private static void report(ErrorProneTimings timings, Path out) {
    Map<String, Duration> sorted = new TreeMap<>(timings.timings());
    List<String> lines = new ArrayList<>();
    for (Map.Entry<String, Duration> entry : sorted.entrySet()) {
      lines.add(entry.getKey() + "\t" + entry.getValue().toNanos());
    }
    lines.add("@init\t" + timings.initializationTime().toNanos());
    if (out == null) {
      PrintStream err = System.err;
      for (String line : lines) {
        err.println("daemonguard-timing " + line);
      }
      return;
    }
    try {
      Files.write(out, lines, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
