#!/usr/bin/env bash
# Reader benchmark (issue 3): time to the first useful frame, peak memory and key-to-frame times
# of the release `tidings` reader on a pseudo-terminal (../shared/bench/ttff.py, pyte), on the
# demo pages and on a generated store of N pages (default 10000).
# Usage: Benchmarks/run-reader-bench.sh [N]   (RUNS=5, WARMUP=1, BENCH_DIR=/tmp/tidings-bench,
#        TTFF=../shared/bench/ttff.py, IDLE=0.9: wait for that idle fraction before each run)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
RUNS=${RUNS:-5}
WARMUP=${WARMUP:-1}
IDLE=${IDLE:-0.9}
BENCH_DIR=${BENCH_DIR:-/tmp/tidings-bench}
TTFF=${TTFF:-../shared/bench/ttff.py}

python3 -c 'import pyte' 2>/dev/null || pip install pyte >/dev/null
[ -x /usr/bin/time ] || apt-get install -y time >/dev/null

# BIN_DIR=DIR measures the binaries in DIR instead (tidings, tidings-bench): a before/after pair in one run.
if [ -z "${BIN_DIR:-}" ]; then
    swift build -c release --product tidings 2>&1 | tail -1
    swift build -c release --product tidings-bench 2>&1 | tail -1
    BIN_DIR=$(swift build -c release --show-bin-path)
fi
store="$BENCH_DIR/store-$N"
if [ ! -f "$store/.generated-$N" ]; then
    "$BIN_DIR/tidings-bench" generate "$N" "$store" && touch "$store/.generated-$N"
fi
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; $(date -u '+%F %H:%M') UTC"
# The first useful frame is the list with a non-zero count (the loading frame shows 0 / 0).
useful='re:[1-9][0-9]* unread / [1-9]'
common=(--cols 120 --rows 40 --repeat "$RUNS" --warmup "$WARMUP" --idle "$IDLE" --idle-max-wait 20
        --env "HOME=$scratch" --env "XDG_CONFIG_HOME=$scratch/config" --env "XDG_STATE_HOME=$scratch/state"
        --expect "$useful" --quit '\x1bq')
# Each step: keys, then what the next frame shows. Enter opens the selected article (body read
# from disk), h goes back, s re-sorts everything, U filters to unread, / opens the prompt and a
# searches every headline and summary. Esc q quits from the search prompt.
steps=(--then '\r' 'J/K next/prev' --then 'h' 'Enter open' --then 's' 'oldest first'
       --then 'U' '[unread]' --then '/' 're:\n /   ' --then 'a' 're:\n /a ')

python3 "$TTFF" "${common[@]}" "${steps[@]}" --label "demo pages" \
    -- "$BIN_DIR/tidings" --state "$scratch/demo.sqlite"
python3 "$TTFF" "${common[@]}" "${steps[@]}" --label "$N pages" --timeout 120 \
    -- "$BIN_DIR/tidings" --store "$store" --state "$scratch/store.sqlite"
