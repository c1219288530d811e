/** Weight penalties R(W): none, L2, L1 and elastic net, each a sum of a function of single weights. */
package dev.slope.regularize;
