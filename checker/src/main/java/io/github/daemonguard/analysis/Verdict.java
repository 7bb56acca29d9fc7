package io.github.daemonguard.analysis;

/**
 * The one classification of a launch: which check reports it, by the contract's precedence {@code
 * TaskOutlivesResource} > {@code UnjoinedExecutorResource} > {@code DaemonThreadResource}.
 */
public enum Verdict {
  /** The task uses a resource its launcher closes before awaiting it. */
  TASK_OUTLIVES_RESOURCE,
  /**
   * A launch of a class whose task uses a field resource another method of the class closes while
   * the task may run: reported once, at that close, by {@code TaskOutlivesResource}.
   */
  OUTLIVED_BY_CLASS_CLOSE,
  /** The first launch on an owned executor that is never shut down and awaited. */
  UNJOINED_EXECUTOR_RESOURCE,
  /** A daemon launch that writes and is not awaited, or any launch {@code System.exit} kills. */
  DAEMON_THREAD_RESOURCE,
  /** Not a finding (or not this launch's to report: a later launch on a reported executor). */
  NONE
}
