package com.acme.consumer;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** The bug daemonguard exists for: a daemon thread writes a file and main does not wait for it. */
public final class Exporter {
  private Exporter() {}

  public static void main(String[] args) {
    Path target = Paths.get(args.length > 0 ? args[0] : "export.txt");
    Thread exporter =
        new Thread(
            () -> {
              try (BufferedWriter out = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
                for (int row = 0; row < 1000; row++) {
                  out.write("row " + row);
                  out.newLine();
                }
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    exporter.setDaemon(true);
    exporter.start();
  }
}
