package com.acme;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/** A project's own await helper, the kind -XepOpt:DaemonGuard:AwaitMethods names. */
public final class Pools {
  private Pools() {}

  /** Shuts the pool down and waits up to a minute for its tasks. */
  public static void shutdownAndAwait(ExecutorService pool) throws InterruptedException {
    pool.shutdown();
    if (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
      pool.shutdownNow();
    }
  }
}
