/**
 * daemonguard's checks. Each check decides what to report from the facts in {@code
 * io.github.daemonguard.analysis} and builds its fixes with {@code io.github.daemonguard.fixes}.
 */
package io.github.daemonguard.checks;
