package io.github.daemonguard.sample;

import java.time.Instant;

/** One entry of the audit trail: who did what, and when. */
record AuditEvent(long id, Instant at, String user, String action, String resource) {

  /** The event as one CSV line, without the line separator. */
  String toCsv() {
    return id + "," + at + "," + user + "," + action + "," + resource;
  }
}
