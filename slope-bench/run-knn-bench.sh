#!/usr/bin/env bash
# kNN on the full Fashion-MNIST side by side in one run: scikit-learn's brute force (all cores), then
# slope knn (all cores), both L2 on the raw pixels. `./slope bench --only knn` gives the same comparison.
# Usage: slope-bench/run-knn-bench.sh [DATA_DIR] [K,K]
set -euo pipefail
cd "$(dirname "$0")/.."
DATA="${1:-/usr/share/datasets/fashion-mnist}"; KS="${2:-1,5}"
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 slope-bench/peers.py info
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 slope-bench/peers.py knn "$DATA" "$KS"
./slope knn --data "$DATA" --k "$KS" 2>/dev/null
