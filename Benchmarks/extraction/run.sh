#!/usr/bin/env bash
# Article extraction benchmark (issue 4): release build of extract-bench, parse the scrapinghub pages
# on one core, write predictions {id: body text}, score them with the shared score.py.
# usage: Benchmarks/extraction/run.sh [DATA_DIR] [ROUNDS]     (data stays outside the package)
set -euo pipefail
cd "$(dirname "$0")/../.."
data="${1:-$(cd .. && pwd)/shared/extraction}"
rounds="${2:-5}"
out="${TMPDIR:-/tmp}/tidings-extraction"
mkdir -p "$out"
swift build -c release --product extract-bench >/dev/null
bin="$(swift build -c release --show-bin-path)/extract-bench"
taskset -c 0 "$bin" "$data/scrapinghub/html" "$out/predictions.json" "$rounds"
python3 "$data/score.py" "$data/scrapinghub/ground-truth.json" "$out/predictions.json" --per-page | tail -16
