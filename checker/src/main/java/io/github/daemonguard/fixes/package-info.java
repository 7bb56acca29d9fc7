/**
 * Builders of daemonguard's suggested fixes. Each builder returns an empty optional where no safe
 * placement exists, so a check reports without a fix rather than with a broken one.
 */
package io.github.daemonguard.fixes;
