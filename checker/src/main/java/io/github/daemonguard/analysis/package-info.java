/**
 * The analysis shared by daemonguard's checks: what a task is, which launches hand it to another
 * thread, which resources it uses, and whether its launcher awaits it or lets it escape.
 *
 * <p>Everything here is pure: it reads trees and symbols and never reports. The checks in {@code
 * io.github.daemonguard.checks} decide what to report from these facts, and {@code
 * io.github.daemonguard.fixes} builds the suggested fixes.
 */
package io.github.daemonguard.analysis;
