package io.github.daemonguard.analysis;

/** How a task is handed to another thread. */
public enum LaunchKind {
  /** {@code Thread.start()} of a platform thread, or a platform {@code Thread.Builder}. */
  PLATFORM_THREAD("thread"),
  /** A virtual thread: always daemon. */
  VIRTUAL_THREAD("virtual thread"),
  /**
   * {@code CompletableFuture.runAsync/supplyAsync} or an {@code *Async} continuation without an
   * executor: the common {@code ForkJoinPool}, whose workers are daemon threads.
   */
  COMMON_POOL("common-pool task"),
  /** {@code Timer.schedule*}: the timer's single thread, daemon with {@code new Timer(true)}. */
  TIMER("timer task");

  private final String noun;

  LaunchKind(String noun) {
    this.noun = noun;
  }

  /** Whether the launcher waits with {@code join()} on a {@code Thread}. */
  public boolean isThread() {
    return this == PLATFORM_THREAD || this == VIRTUAL_THREAD;
  }

  /** How to name the thread in a message. */
  public String noun() {
    return noun;
  }
}
