/** The linear classifier: its parameters W and b, and the immutable trained {@link dev.slope.model.LinearModel}. */
package dev.slope.model;
