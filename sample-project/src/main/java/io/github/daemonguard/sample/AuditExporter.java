package io.github.daemonguard.sample;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Exports the audit trail to a CSV file: {@code AuditExporter <output.csv> [events]}.
 *
 * <p>The export runs on a background thread marked as a daemon "so that it never keeps the JVM
 * alive". That is the bug daemonguard reports: {@code main} returns without waiting for the thread,
 * the JVM exits as soon as no non-daemon thread is left, and the daemon thread dies in the middle
 * of the export. The buffered rows are never flushed and the file is short or empty.
 */
public final class AuditExporter {
  private static final int PAGE_SIZE = 100;

  private AuditExporter() {}

  public static void main(String[] args) {
    Path target = Path.of(args.length > 0 ? args[0] : "audit-export.csv");
    int events = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
    AuditLog log = new AuditLog(events, Duration.ofMillis(2));

    Thread exporter =
        new Thread(
            () -> {
              try (BufferedWriter out = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
                out.write("id,timestamp,user,action,resource");
                out.newLine();
                for (int from = 0; from < log.size(); from += PAGE_SIZE) {
                  List<AuditEvent> page = log.page(from, PAGE_SIZE);
                  for (AuditEvent event : page) {
                    out.write(event.toCsv());
                    out.newLine();
                  }
                }
              } catch (IOException e) {
                throw new UncheckedIOException("Export to " + target + " failed", e);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "audit-exporter");
    exporter.setDaemon(true);
    exporter.start();

    System.out.println("Exporting " + events + " audit events to " + target);
  }
}
