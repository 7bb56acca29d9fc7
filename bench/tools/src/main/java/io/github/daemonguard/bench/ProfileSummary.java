package io.github.daemonguard.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads a JFR recording of one javac run and prints where daemonguard's share of the execution
 * samples goes: per method of ours, the samples it is on the stack of (inclusive), and the
 * samples whose innermost frame of ours it is, split by the code below it (ours, Error Prone,
 * javac, the Checker Framework's dataflow, the JDK).
 *
 * <p>Usage: {@code java ProfileSummary recording.jfr [top]}.
 */
public final class ProfileSummary {
  private static final String OURS = "io.github.daemonguard.";

  private ProfileSummary() {}

  public static void main(String[] args) throws IOException {
    int top = args.length > 1 ? Integer.parseInt(args[1]) : 40;
    int total = 0;
    int ours = 0;
    Map<String, Integer> inclusive = new HashMap<>();
    Map<String, Integer> innermost = new HashMap<>();
    Map<String, Integer> below = new HashMap<>();
    for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
      if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
        continue;
      }
      RecordedStackTrace stack = event.getStackTrace();
      if (stack == null) {
        continue;
      }
      total++;
      List<RecordedFrame> frames = stack.getFrames();
      int firstOurs = -1;
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < frames.size(); i++) {
        String method = name(frames.get(i));
        if (method.startsWith(OURS) && !method.startsWith(OURS + "bench.")) {
          if (firstOurs < 0) {
            firstOurs = i;
          }
          if (seen.add(method)) {
            inclusive.merge(method, 1, Integer::sum);
          }
        }
      }
      if (firstOurs < 0) {
        continue;
      }
      ours++;
      innermost.merge(name(frames.get(firstOurs)), 1, Integer::sum);
      below.merge(area(frames.get(0), firstOurs == 0), 1, Integer::sum);
    }
    System.out.printf("samples: %d, with daemonguard on the stack: %d (%.2f%%)%n", total, ours,
        total == 0 ? 0 : 100.0 * ours / total);
    System.out.println("\nwhere the innermost frame is (the code daemonguard's samples run in):");
    print(below, top);
    System.out.println("\ninnermost daemonguard frame (self time plus the library code it calls):");
    print(innermost, top);
    System.out.println("\ninclusive (on the stack):");
    print(inclusive, top);
  }

  private static String name(RecordedFrame frame) {
    return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
  }

  private static String area(RecordedFrame leaf, boolean isOurs) {
    if (isOurs) {
      return "daemonguard";
    }
    String type = leaf.getMethod().getType().getName();
    if (type.startsWith("com.google.errorprone.")) {
      return "Error Prone";
    }
    if (type.startsWith("org.checkerframework.")) {
      return "dataflow (Checker Framework)";
    }
    if (type.startsWith("com.sun.tools.javac.")) {
      return "javac";
    }
    if (type.startsWith("com.google.common.")) {
      return "Guava";
    }
    return "JDK and other";
  }

  private static void print(Map<String, Integer> counts, int top) {
    List<Map.Entry<String, Integer>> entries = new ArrayList<>(counts.entrySet());
    entries.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
    for (Map.Entry<String, Integer> entry : entries.subList(0, Math.min(top, entries.size()))) {
      System.out.printf("%7d  %s%n", entry.getValue(), entry.getKey());
    }
  }
}
