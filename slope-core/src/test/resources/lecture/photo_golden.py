"""Golden values for the features section's photograph (scikit-image, independent of Slope).
Run from the repository root: /usr/bin/python3 slope-core/src/test/resources/lecture/photo_golden.py
DataSectionsTest holds the numbers this prints."""
import numpy as np
from skimage import io
from skimage.color import rgb2hsv
from skimage.feature import hog

rgb = io.imread("data/photos/chelsea-320x240.png")[:, :, :3]
hue = rgb2hsv(rgb)[:, :, 0].ravel()
counts = np.bincount(np.minimum((hue * 16).astype(int), 15), minlength=16)
print("shape", rgb.shape)
print("hue histogram (16 bins, shares):", " ".join("%.6f" % v for v in counts / counts.sum()))
# the lecture's HOG count on the real 320x240 image: 40 x 30 cells x 9 orientations, blocks of one cell
print("hog numbers:", hog(rgb, orientations=9, pixels_per_cell=(8, 8), cells_per_block=(1, 1), channel_axis=-1).size)
