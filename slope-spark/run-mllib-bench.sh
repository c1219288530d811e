#!/usr/bin/env bash
# Slope on Spark against Spark MLlib's LogisticRegression, one run, the same local[2] context and data
# (BENCHMARKS.md, "Slope on Spark"). Usage: slope-spark/run-mllib-bench.sh [data] [master] [mllib iterations]
set -euo pipefail
HERE="$(cd "$(dirname "$0")/.." && pwd)"
"$HERE/slope" spark-train --help >/dev/null # builds slope-spark when its sources changed
exec java ${SLOPE_JAVA_OPTS:--Xmx8g} -XX:+IgnoreUnrecognizedVMOptions \
  $(cat "$HERE/slope-spark/target/classes/slope-spark-jvm.txt") -Djava.awt.headless=true \
  --add-modules=jdk.incubator.vector -Dslope.home="$HERE" \
  -cp "$HERE/slope-spark/target/slope-spark.jar:$(cat "$HERE/slope-spark/target/spark-classpath.txt")" \
  dev.slope.spark.SparkBench "$@"
