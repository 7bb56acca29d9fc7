package io.github.daemonguard.sample;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A read-only view of the audit trail, fetched page by page as from a remote store. Each page takes
 * a few milliseconds to arrive, as a query over the network would.
 */
final class AuditLog {
  private static final String[] USERS = {"alice", "bob", "carol", "dave", "erin"};
  private static final String[] ACTIONS = {"LOGIN", "READ", "UPDATE", "DELETE", "LOGOUT"};
  private static final Instant START = Instant.parse("2026-11-24T00:00:00Z");

  private final int size;
  private final Duration latency;

  AuditLog(int size, Duration latency) {
    this.size = size;
    this.latency = latency;
  }

  int size() {
    return size;
  }

  /** The events with ids {@code [from, from + pageSize)}, or fewer at the end of the log. */
  List<AuditEvent> page(int from, int pageSize) throws InterruptedException {
    Thread.sleep(latency.toMillis());
    int to = Math.min(size, from + pageSize);
    List<AuditEvent> events = new ArrayList<>(Math.max(0, to - from));
    for (int id = from; id < to; id++) {
      events.add(
          new AuditEvent(
              id,
              START.plusSeconds(17L * id),
              USERS[id % USERS.length],
              ACTIONS[(id / USERS.length) % ACTIONS.length],
              "/accounts/" + (1000 + id % 97)));
    }
    return events;
  }
}
