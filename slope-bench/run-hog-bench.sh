#!/usr/bin/env bash
# HOG extraction speed side by side in one run: scikit-image (one process, as users call it) then Slope (all
# cores), same images, same HOG (9 bins, L2-Hys). Usage: slope-bench/run-hog-bench.sh [DATA_DIR] [CELL] [BLOCK]
set -euo pipefail
cd "$(dirname "$0")/.."
DATA="${1:-/usr/share/datasets/fashion-mnist}"; CELL="${2:-4}"; BLOCK="${3:-2}"
mvn -q -B -Dstyle.color=never -DskipTests -pl slope-bench -am package >&2
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 slope-bench/hog_speed.py "$DATA" "$CELL" "$BLOCK"
java --add-modules=jdk.incubator.vector -cp slope-bench/target/benchmarks.jar dev.slope.bench.HogSpeed "$DATA" "$CELL" "$BLOCK"
