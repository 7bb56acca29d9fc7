package io.github.daemonguard.analysis;

import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import org.jspecify.annotations.Nullable;

/**
 * A launch: the call that hands a task to another thread.
 *
 * @param call the launching invocation, where findings are reported
 * @param kind what runs the task
 * @param task the task, or null when it cannot be seen
 * @param handle the variable or field holding the launched thread, or null when it is unnamed
 * @param daemonReason why the JVM will not wait for the thread at exit ("setDaemon(true)", "a
 *     virtual thread" …), or null when it will
 * @param daemonMarker the tree that makes the thread daemon and could be removed, or null
 */
public record Launch(
    MethodInvocationTree call,
    LaunchKind kind,
    @Nullable Task task,
    @Nullable VarSymbol handle,
    @Nullable String daemonReason,
    @Nullable Tree daemonMarker) {

  /** Whether the JVM does not wait for the launched thread at exit. */
  public boolean isDaemon() {
    return daemonReason != null;
  }
}
