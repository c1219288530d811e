#!/usr/bin/env bash
# Side by side in one run: numpy's vectorized pass (peers.py pass, old-OpenBLAS variables unset), then Slope's
# fused pass under JMH, same shapes. `./slope bench --only pass` gives the same comparison without JMH.
# Usage: slope-bench/run-pass-bench.sh [extra JMH options, e.g. -p kernel=vector]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -Dstyle.color=never -DskipTests -pl slope-bench -am package >&2
echo "== numpy (float32, OpenBLAS; medians in ms) =="
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 slope-bench/peers.py info
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 slope-bench/peers.py pass
echo "== Slope FusedPass (JMH) =="
java -jar slope-bench/target/benchmarks.jar jmh FusedPassBenchmark -rf text -rff slope-bench/target/jmh-result.txt "$@"
