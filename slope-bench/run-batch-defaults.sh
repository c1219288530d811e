#!/usr/bin/env bash
# The defaults for every batch size (docs/optimization.md): `slope train --batch-size B --loss L` and nothing else on
# the full Fashion-MNIST, so the learning rate and the epochs are their defaults for B (the rate at batch 200 times
# sqrt(B / 200), B at most 4,096; 8 epochs, 200 above 2,048; the cosine schedule). Prints each run's validation and
# test accuracy, seconds, rate and epochs.
# Usage: slope-bench/run-batch-defaults.sh [BATCH...]   (default: 1 2 8 32 64 128 200 256 512 1024 2048 4096 full)
set -euo pipefail
cd "$(dirname "$0")/.."
BATCHES=("$@")
[[ ${#BATCHES[@]} -gt 0 ]] || BATCHES=(1 2 8 32 64 128 200 256 512 1024 2048 4096 full)
out="$(mktemp -d)"
echo "batch loss validation test seconds lr epochs"
for b in "${BATCHES[@]}"; do
  for loss in softmax svm; do
    ./slope train --data fashion-mnist --quiet --json --batch-size "$b" --loss "$loss" --out "$out/m.slope" 2>/dev/null \
      | /usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin); c=d["config"]
print(sys.argv[1], sys.argv[2], "%.2f%%" % (100 * d["val_accuracy"]), "%.2f%%" % (100 * d["test_accuracy"]),
      "%.2f" % d["seconds"], "%.4g" % c["lr"], c["epochs"])' "$b" "$loss"
  done
done
rm -rf "$out"
