package io.github.daemonguard.sample;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An audit logger with a background flusher: {@code AuditFileLogger <output.csv> [events]}.
 *
 * <p>{@link #log} only queues an event; a flusher thread, started by the constructor, writes the
 * queue to the file. {@link #close} tells the flusher to stop — it drains what is left and ends —
 * and closes the file. That is the class-lifecycle bug daemonguard reports: {@code close()} never
 * waits for the flusher, so the writer closes under it while events are still queued. The flusher
 * dies with {@code IOException: Stream closed} and the file is cut short.
 */
public final class AuditFileLogger implements AutoCloseable {
  private final BlockingQueue<AuditEvent> pending = new LinkedBlockingQueue<>();
  private final BufferedWriter out;
  private final Thread flusher;
  private volatile boolean running = true;

  public AuditFileLogger(Path file) throws IOException {
    out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    out.write("id,timestamp,user,action,resource");
    out.newLine();
    flusher = new Thread(this::drain, "audit-flusher");
    flusher.start();
  }

  /** Queues {@code event} for the flusher. */
  public void log(AuditEvent event) {
    pending.add(event);
  }

  private void drain() {
    try {
      while (running || !pending.isEmpty()) {
        AuditEvent event = pending.poll(10, TimeUnit.MILLISECONDS);
        if (event != null) {
          out.write(event.toCsv());
          out.newLine();
        }
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("Audit flusher failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws IOException {
    running = false;
    out.close();
  }

  public static void main(String[] args) throws IOException, InterruptedException {
    Path target = Path.of(args.length > 0 ? args[0] : "audit-log.csv");
    int events = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
    AuditLog log = new AuditLog(events, Duration.ZERO);
    try (AuditFileLogger logger = new AuditFileLogger(target)) {
      for (int from = 0; from < log.size(); from += 500) {
        log.page(from, 500).forEach(logger::log);
      }
    }
    System.out.println("Logged " + events + " audit events to " + target);
  }
}
