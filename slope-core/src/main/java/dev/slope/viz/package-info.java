/** Pictures: loss and accuracy curves, weight templates, heat-maps (confusion matrix, loss landscape, search grid). */
package dev.slope.viz;
