package io.github.daemonguard.sample;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Writes a plain-text report of the audit trail: {@code AuditReport <report.txt> [events]}. See
 * {@link ReportWriter} for the bug it carries.
 */
public final class AuditReport {
  private AuditReport() {}

  public static void main(String[] args) throws IOException {
    Path target = Path.of(args.length > 0 ? args[0] : "audit-report.txt");
    int events = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
    new ReportWriter(new AuditLog(events, Duration.ofMillis(2))).write(target);
    System.out.println("Wrote the audit report of " + events + " events to " + target);
  }
}
