package io.github.daemonguard.analysis;

import com.google.common.collect.ImmutableList;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.code.Symbol;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One way a task uses a resource.
 *
 * @param symbol the variable or field holding a resource that the task captures or is handed, or
 *     null for a resource the task opens itself
 * @param site where the use is, inside the task or at its launch
 * @param name how to name the resource in a message
 * @param output whether the use writes (writing, flushing, creating, moving, deleting)
 * @param openedByTask whether the task opens the resource itself
 * @param closedByTask for a resource the task opens: whether the task also closes it
 */
public record ResourceUse(
    @Nullable Symbol symbol,
    Tree site,
    String name,
    boolean output,
    boolean openedByTask,
    boolean closedByTask) {

  /** The uses among {@code uses} that write: the only ones a daemon's death at exit can lose. */
  public static ImmutableList<ResourceUse> outputsOf(List<ResourceUse> uses) {
    ImmutableList.Builder<ResourceUse> outputs = ImmutableList.builder();
    for (ResourceUse use : uses) {
      if (use.output()) {
        outputs.add(use);
      }
    }
    return outputs.build();
  }
}
