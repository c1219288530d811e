/**
 * Flat float arrays and the few hot kernels: {@link dev.slope.linalg.RowKernel} gives the scores W·x and the
 * rank-one gradient update of one row, in plain loops and on SIMD lanes.
 */
package dev.slope.linalg;
