package io.github.daemonguard.analysis;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol.MethodSymbol;

/**
 * The resource part of a {@link MethodSummary}: what one method's own body uses and calls, all that
 * following a task's callees ({@link ResourceScanner}) needs. {@link MethodSummaries} builds it
 * alone for the many methods a task reaches, and the rest of a summary only when asked.
 *
 * @param path the method's declaration, in whichever compilation unit declares it
 * @param resourceUses as {@link MethodSummary#resourceUses}
 * @param writtenParameters as {@link MethodSummary#writtenParameters}
 * @param callees as {@link MethodSummary#callees}
 * @param foreignCallees as {@link MethodSummary#foreignCallees}
 */
public record MethodUses(
    TreePath path,
    ImmutableList<ResourceUse> resourceUses,
    ImmutableSet<Integer> writtenParameters,
    ImmutableList<MethodSymbol> callees,
    ImmutableList<MethodSymbol> foreignCallees) {}
