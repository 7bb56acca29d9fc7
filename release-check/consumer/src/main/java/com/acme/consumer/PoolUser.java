package com.acme.consumer;

import com.acme.Pools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Correct code: the pool is awaited through the project's helper. Nothing to report. */
public final class PoolUser {
  private PoolUser() {}

  public static void main(String[] args) throws InterruptedException {
    Path target = Paths.get(args.length > 0 ? args[0] : "report.txt");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    pool.execute(
        () -> {
          try {
            Files.write(target, Collections.singletonList("report"), StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
    Pools.shutdownAndAwait(pool);
  }
}
