package io.github.daemonguard.checks;

/** Compiler arguments every test compilation carries. */
final class TestArgs {
  private TestArgs() {}

  /**
   * Strict mode: a check that meets a tree it does not model fails the test instead of quietly
   * skipping the tree, so a crash can never pass for a negative.
   */
  static final String STRICT = "-XepOpt:DaemonGuard:Strict=true";
}
