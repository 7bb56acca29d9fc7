package io.github.daemonguard.sample;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the audit trail as a plain-text report: a header, then a detail section with one line per
 * event.
 *
 * <p>The detail section is slow (the log arrives page by page), so {@link #write} hands it to a
 * background thread. The thread is not a daemon, so the JVM waits for it; that does not save it. It
 * writes through the try-with-resources writer, and {@code write} leaves the block without waiting
 * for it: the writer is closed under the running thread, whose next write fails with {@code
 * IOException: Stream closed}. The report holds the header and nothing more. That is the bug
 * daemonguard reports as {@code TaskOutlivesResource}.
 */
final class ReportWriter {
  private static final int PAGE_SIZE = 100;

  private final AuditLog log;

  ReportWriter(AuditLog log) {
    this.log = log;
  }

  /** Writes the report to {@code target}, replacing it. */
  void write(Path target) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
      out.write("Audit report: " + log.size() + " events");
      out.newLine();

      Thread details =
          new Thread(
              () -> {
                try {
                  for (int from = 0; from < log.size(); from += PAGE_SIZE) {
                    for (AuditEvent event : log.page(from, PAGE_SIZE)) {
                      out.write(describe(event));
                      out.newLine();
                    }
                  }
                } catch (IOException e) {
                  throw new UncheckedIOException("Writing the report details failed", e);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "report-details");
      details.start();
    }
  }

  private static String describe(AuditEvent event) {
    return String.join(
        " ",
        "#" + event.id(),
        event.at().toString(),
        event.user(),
        event.action(),
        event.resource());
  }
}
