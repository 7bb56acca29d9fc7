package io.github.daemonguard.analysis;

/** What becomes of a launched thread after its launch, as far as its launcher shows. */
public enum Fate {
  /** The launcher waits for it (joins it, directly or through a collection). */
  AWAITED,
  /** It is handed elsewhere: returned, passed on, stored, captured; its owner is elsewhere. */
  ESCAPES,
  /** Nobody waits for it. */
  NOT_AWAITED
}
