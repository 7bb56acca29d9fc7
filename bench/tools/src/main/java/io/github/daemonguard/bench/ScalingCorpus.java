package io.github.daemonguard.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the synthetic code of the scaling series: {@code units} copies of a class heavy in thread
 * launches, executors, futures, Closeables and try-with-resources (each copy renamed), or one class
 * with one very large method.
 *
 * <p>Usage: {@code ScalingCorpus OUT_DIR units N} or {@code ScalingCorpus OUT_DIR big-method N} (N
 * statements). The code needs only the JDK; some of it is meant to be flagged by daemonguard, most
 * of it not.
 */
public final class ScalingCorpus {

  private ScalingCorpus() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      System.err.println("usage: ScalingCorpus OUT_DIR (units|big-method) N");
      System.exit(2);
    }
    Path pkg = Path.of(args[0]).resolve("gen");
    Files.createDirectories(pkg);
    int n = Integer.parseInt(args[2]);
    switch (args[1]) {
      case "units" -> {
        for (int i = 0; i < n; i++) {
          write(pkg.resolve("Unit" + i + ".java"), unit(i));
        }
      }
      case "big-method" -> write(pkg.resolve("BigMethod.java"), bigMethod(n));
      default -> throw new IllegalArgumentException("unknown kind: " + args[1]);
    }
  }

  private static void write(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  /** One unit: a class of about 200 lines, renamed by its index. */
  static String unit(int index) {
    return UNIT.replace("$N", Integer.toString(index));
  }

  /** One class with one method of {@code statements} statements, cycling through eight shapes. */
  static String bigMethod(int statements) {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < statements; i++) {
      body.append("      ").append(bigStatement(i)).append('\n');
    }
    return BIG_METHOD.replace("$BODY", body);
  }

  private static String bigStatement(int i) {
    return switch (i % 8) {
      case 0 -> "total += data.get(" + i + " % n).length();";
      case 1 -> "w.write(\"line " + i + "\\n\");";
      case 2 -> "{ Thread t = new Thread(counter::incrementAndGet); t.start(); t.join(); }";
      case 3 -> "if (total % 7 == " + (i % 7) + ") { w.flush(); } else { total ^= " + i + "; }";
      case 4 -> "futures.add(pool.submit(() -> { w.write(\"task " + i + "\"); return null; }));";
      case 5 -> "sb.append(" + i + ").append(',');";
      case 6 -> "total += data.get(" + i + " % n).indexOf('" + (char) ('a' + i % 26) + "');";
      default -> "CompletableFuture.runAsync(() -> counter.addAndGet(" + i + "), pool).join();";
    };
  }

  private static final String UNIT =
      """
      package gen;

      import java.io.BufferedReader;
      import java.io.BufferedWriter;
      import java.io.IOException;
      import java.io.InputStream;
      import java.io.OutputStream;
      import java.io.PrintWriter;
      import java.io.UncheckedIOException;
      import java.io.Writer;
      import java.nio.charset.StandardCharsets;
      import java.nio.file.Files;
      import java.nio.file.Path;
      import java.util.ArrayList;
      import java.util.HashMap;
      import java.util.List;
      import java.util.Map;
      import java.util.concurrent.BlockingQueue;
      import java.util.concurrent.CompletableFuture;
      import java.util.concurrent.ExecutionException;
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Executors;
      import java.util.concurrent.Future;
      import java.util.concurrent.TimeUnit;
      import java.util.concurrent.atomic.AtomicLong;

      /** Generated unit $N of the scaling corpus. */
      public final class Unit$N implements AutoCloseable {
        private final Path dir;
        private final ExecutorService workers = Executors.newFixedThreadPool(2);
        private final AtomicLong written = new AtomicLong();

        public Unit$N(Path dir) {
          this.dir = dir;
        }

        /** A thread that writes a file and is joined before the writer closes. */
        public void joinedWriter$N(List<String> lines) throws IOException, InterruptedException {
          try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("joined-$N.txt"))) {
            Thread t = new Thread(() -> writeAll(w, lines));
            t.start();
            t.join();
          }
        }

        /** A daemon consumer that writes what it takes; nobody waits for it. */
        public void daemonLogger$N(PrintWriter out, BlockingQueue<String> queue) {
          Thread t =
              new Thread(
                  () -> {
                    try {
                      while (true) {
                        out.println(queue.take());
                        out.flush();
                      }
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  });
          t.setDaemon(true);
          t.start();
        }

        /** A pool task that may still write when try-with-resources closes its writer. */
        public void submitUnderTry$N(String text) throws IOException {
          try (Writer w = Files.newBufferedWriter(dir.resolve("early-$N.txt"))) {
            workers.submit(
                () -> {
                  w.write(text);
                  return null;
                });
          }
        }

        /** A thread that may still write when try-with-resources closes its writer. */
        public void startUnderTry$N(List<String> lines) throws IOException {
          try (Writer w = Files.newBufferedWriter(dir.resolve("late-$N.txt"))) {
            Thread t = new Thread(() -> writeAll(w, lines), "late-writer-$N");
            t.start();
          }
        }

        /** An executor made here, used for writes, and never shut down. */
        public void leakyPool$N(List<Path> targets) {
          ExecutorService pool = Executors.newFixedThreadPool(2);
          for (Path p : targets) {
            pool.execute(
                () -> {
                  try {
                    Files.writeString(p, "unit $N");
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                });
          }
        }

        /** An executor shut down and awaited: nothing to report. */
        public long awaitedPool$N(List<Path> inputs) throws InterruptedException, ExecutionException {
          ExecutorService pool = Executors.newFixedThreadPool(2);
          try {
            List<Future<Long>> sizes = new ArrayList<>();
            for (Path p : inputs) {
              sizes.add(pool.submit(() -> Files.size(p)));
            }
            long total = 0;
            for (Future<Long> f : sizes) {
              total += f.get();
            }
            return total;
          } finally {
            pool.shutdown();
            while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
              Thread.onSpinWait();
            }
          }
        }

        /** A future joined before the method returns. */
        public String asyncRead$N(Path p) {
          CompletableFuture<String> f =
              CompletableFuture.supplyAsync(
                  () -> {
                    try {
                      return Files.readString(p);
                    } catch (IOException e) {
                      throw new UncheckedIOException(e);
                    }
                  });
          return f.join();
        }

        /** Plain I/O with try-with-resources and no threads. */
        public long copy$N(Path from, Path to) throws IOException {
          try (InputStream in = Files.newInputStream(from);
              OutputStream out = Files.newOutputStream(to)) {
            byte[] buf = new byte[8192];
            long n = 0;
            int r;
            while ((r = in.read(buf)) != -1) {
              out.write(buf, 0, r);
              n += r;
            }
            return n;
          }
        }

        /** Plain collections code. */
        public Map<String, Integer> wordCount$N(Path p) throws IOException {
          Map<String, Integer> counts = new HashMap<>();
          try (BufferedReader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
              for (String word : line.split(" ")) {
                if (!word.isEmpty()) {
                  counts.merge(word.toLowerCase(), 1, Integer::sum);
                }
              }
            }
          }
          return counts;
        }

        /** Threads started in a loop and joined after it. */
        public void fanOut$N(List<String> names) throws InterruptedException {
          List<Thread> threads = new ArrayList<>();
          for (String name : names) {
            Thread t = new Thread(() -> written.addAndGet(name.length()), "worker-" + name);
            threads.add(t);
            t.start();
          }
          for (Thread t : threads) {
            t.join();
          }
        }

        /** Arithmetic with a switch, as ordinary code has. */
        public int score$N(String s) {
          int score = 0;
          for (int i = 0; i < s.length(); i++) {
            switch (s.charAt(i)) {
              case 'a', 'e', 'i', 'o', 'u' -> score += 1;
              case 'x', 'q', 'z' -> score += 8;
              default -> score += 2;
            }
          }
          return score * $N % 1000;
        }

        private void writeAll(Writer w, List<String> lines) {
          try {
            for (String line : lines) {
              w.write(line);
              w.write('\\n');
              written.incrementAndGet();
            }
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }

        @Override
        public void close() throws InterruptedException {
          workers.shutdown();
          while (!workers.awaitTermination(1, TimeUnit.MINUTES)) {
            Thread.onSpinWait();
          }
        }
      }
      """;

  private static final String BIG_METHOD =
      """
      package gen;

      import java.io.BufferedWriter;
      import java.nio.file.Files;
      import java.nio.file.Path;
      import java.util.ArrayList;
      import java.util.List;
      import java.util.concurrent.CompletableFuture;
      import java.util.concurrent.ExecutorService;
      import java.util.concurrent.Executors;
      import java.util.concurrent.Future;
      import java.util.concurrent.TimeUnit;
      import java.util.concurrent.atomic.AtomicLong;

      /** Generated: one method of thousands of statements. */
      public final class BigMethod {
        private BigMethod() {}

        public static long run(Path dir, List<String> data) throws Exception {
          int n = data.size();
          long total = 0;
          AtomicLong counter = new AtomicLong();
          StringBuilder sb = new StringBuilder();
          List<Future<?>> futures = new ArrayList<>();
          ExecutorService pool = Executors.newFixedThreadPool(2);
          try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("big.txt"))) {
      $BODY
            for (Future<?> f : futures) {
              f.get();
            }
          } finally {
            pool.shutdown();
            while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
              Thread.onSpinWait();
            }
          }
          return total + counter.get() + sb.length();
        }
      }
      """;
}
