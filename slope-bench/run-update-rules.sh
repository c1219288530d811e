#!/usr/bin/env bash
# Every update rule on one budget on the full Fashion-MNIST: first `slope search` tunes each rule's
# learning rate (grid of 7 over its range, 3 epochs per trial, reg 1e-4, held-out validation), then
# UpdateRuleRace trains each for EPOCHS epochs and reports epochs and seconds to TARGET test accuracy.
# Usage: slope-bench/run-update-rules.sh [DATA_DIR] [EPOCHS] [TARGET]
set -euo pipefail
cd "$(dirname "$0")/.."
DATA="${1:-/usr/share/datasets/fashion-mnist}"; EPOCHS="${2:-15}"; TARGET="${3:-0.84}"
declare -A RANGE=([sgd]=1e-2:1e0 [momentum]=1e-3:1e-1 [nesterov]=1e-3:1e-1 [adagrad]=1e-3:1e0 [rmsprop]=1e-5:1e-2 [adam]=1e-5:1e-2)
pairs=()
for rule in sgd momentum nesterov adagrad rmsprop adam; do
  lr=$(./slope search --data "$DATA" --update "$rule" --lr "${RANGE[$rule]}" --reg 1e-4 --grid 7 --epochs 3 \
        --out /tmp/slope-search-$rule.slope --json --quiet 2>/dev/null | /usr/bin/python3 -c 'import json,sys; print("%.3g" % json.load(sys.stdin)["best"]["lr"])')
  echo "search: $rule best lr $lr (range ${RANGE[$rule]})" >&2
  pairs+=("$rule=$lr")
done
mvn -q -B -Dstyle.color=never -DskipTests -pl slope-bench -am package >&2
java --add-modules=jdk.incubator.vector -Djava.awt.headless=true -cp slope-bench/target/benchmarks.jar \
  dev.slope.bench.UpdateRuleRace "$DATA" "$EPOCHS" "$TARGET" docs/update-rules.png "${pairs[@]}"
