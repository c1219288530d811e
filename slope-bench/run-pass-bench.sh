#!/usr/bin/env bash
# Side by side in one run: numpy's vectorized pass, then Slope's fused pass under JMH, same shapes.
# Usage: slope-bench/run-pass-bench.sh [extra JMH options, e.g. -p kernel=vector]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -Dstyle.color=never -DskipTests -pl slope-bench -am package >&2
echo "== numpy $(/usr/bin/python3 -c 'import numpy; print(numpy.__version__)') (float32, OpenBLAS) =="
/usr/bin/python3 slope-bench/numpy_pass.py
echo "== Slope FusedPass (JMH) =="
java -jar slope-bench/target/benchmarks.jar FusedPassBenchmark -rf text -rff slope-bench/target/jmh-result.txt "$@"
