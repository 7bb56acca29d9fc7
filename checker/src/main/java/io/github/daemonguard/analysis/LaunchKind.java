package io.github.daemonguard.analysis;

/** How a task is handed to another thread. */
public enum LaunchKind {
  /** {@code Thread.start()} of a platform thread, or a platform {@code Thread.Builder}. */
  PLATFORM_THREAD("thread"),
  /** A virtual thread: always daemon. */
  VIRTUAL_THREAD("virtual thread");

  private final String noun;

  LaunchKind(String noun) {
    this.noun = noun;
  }

  /** How to name the thread in a message. */
  public String noun() {
    return noun;
  }
}
