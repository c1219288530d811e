/**
 * Flat float arrays, the few hot kernels and the engine that runs them: {@link dev.slope.linalg.RowKernel}
 * gives the scores W·x and the rank-one gradient update of one row (plain loops and SIMD lanes),
 * {@link dev.slope.linalg.RowBlock} scores a block of rows, and {@link dev.slope.linalg.BatchEngine} runs
 * per-block tasks over a batch on the cores. Nothing here knows a loss.
 */
package dev.slope.linalg;
