/**
 * From images to rows: the {@link dev.slope.preprocess.Pipeline} (pixel scaling, mean image fitted on the
 * training split, bias trick), the {@link dev.slope.preprocess.Dataset} it makes (what every learner
 * takes), and {@link dev.slope.preprocess.Splits}, the one place a run's data is split and its pipeline
 * fitted.
 */
package dev.slope.preprocess;
