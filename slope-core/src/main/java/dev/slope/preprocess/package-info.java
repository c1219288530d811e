/** Preprocessing: pixel scaling, mean-image subtraction fitted on the training split, and the bias trick. */
package dev.slope.preprocess;
