/**
 * Image data: {@link dev.slope.data.ImageSet} (uint8 pixels, labels, class names), the readers for IDX
 * and CIFAR-10 binary files and ordinary image files, dataset discovery and seeded splits.
 */
package dev.slope.data;
