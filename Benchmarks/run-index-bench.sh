#!/usr/bin/env bash
# Index benchmark (issue 5): release build; a store of N text pages (and N feed items when the
# feed parser is there); cold indexing, warm refresh, `list --search`, mark all read, peak memory.
# Usage: Benchmarks/run-index-bench.sh          (N=100000 RUNS=3 BENCH_DIR=/tmp/tidings-index-bench BIN=)
# Generation is not timed. Each cold run starts from a deleted index; figures are printed per run
# and as medians. The machine is shared: quote medians and the load average printed first.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-100000}
RUNS=${RUNS:-3}
BENCH_DIR=${BENCH_DIR:-/tmp/tidings-index-bench}
SHARED_BENCH=${SHARED_BENCH:-$(cd .. && pwd)/shared/bench}
[ -d "$SHARED_BENCH" ] || SHARED_BENCH=/work/shared/bench
mkdir -p "$BENCH_DIR"

if [ ! -x /usr/bin/time ]; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
    $SUDO apt-get install -y time >/dev/null
fi

# BIN=DIR measures the binaries in DIR instead (tidings, tidings-index-bench, tidings-bench): a
# before/after pair in one run, e.g. a copy of an older build's .build/release.
if [ -z "${BIN:-}" ]; then
    for product in tidings tidings-index-bench tidings-bench; do
        swift build -c release --product "$product" 2>&1 | tail -1
    done
    BIN=$(swift build -c release --show-bin-path)
fi
TIDINGS=$BIN/tidings
IBENCH=$BIN/tidings-index-bench

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
# Runs a command under GNU time; prints "<wall seconds> <peak RSS MiB>" on stdout, its output to $LOG.
measure() {
    /usr/bin/time -f '%e %M' -o "$BENCH_DIR/time.out" "$@" >"$LOG" 2>&1
    read -r wall kb <"$BENCH_DIR/time.out"
    echo "$wall $((kb / 1024))"
}

echo "date: $(date -u '+%F %H:%M UTC')"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"

# Text pages: the issue 2 generator (tidings-bench generate), seed-format pages with teasers.
TEXT=$BENCH_DIR/store-$N
if [ ! -f "$TEXT/.generated" ]; then
    if "$BIN/tidings-bench" generate "$N" "$TEXT" >/dev/null 2>&1; then
        touch "$TEXT/.generated"
    else
        echo "tidings-bench has no generate mode on this branch; put $N seed-format pages in $TEXT and touch $TEXT/.generated" >&2
        exit 1
    fi
fi
STORES=("text:$TEXT")

# Feed items: only when a feed parser is wired into the commands (TidingsExtract).
FEEDS=$BENCH_DIR/feeds-$N
if grep -rq 'FeedParser' Sources/TidingsCLI 2>/dev/null; then
    if [ ! -f "$FEEDS/.generated" ]; then
        python3 "$SHARED_BENCH/gen_feeds.py" --items "$N" --feeds 20 --seed 42 --no-tsv --out "$FEEDS/gen" >/dev/null
        mkdir -p "$FEEDS/store" && cp "$FEEDS"/gen/rss/*.xml "$FEEDS/store/" && touch "$FEEDS/.generated"
    fi
    STORES+=("feeds:$FEEDS/store")
else
    echo "(no feed parser in Sources/TidingsCLI: feed items skipped)"
fi

for entry in "${STORES[@]}"; do
    kind=${entry%%:*}; store=${entry#*:}
    work=$BENCH_DIR/work-$kind-$N
    state=$work/state.sqlite
    LOG=$BENCH_DIR/$kind.log
    echo
    echo "== $kind: $N items in $store ($(du -sh "$store" | cut -f1))"
    colds=(); coldrss=()
    for run in $(seq "$RUNS"); do
        rm -rf "$work"; mkdir -p "$work"
        # The user's path: `tidings categories` on a store with no index yet = cold indexing.
        read -r wall mib < <(measure "$TIDINGS" categories --store "$store" --state "$state")
        echo "cold index (tidings categories, no index): run $run: ${wall} s, peak RSS ${mib} MiB"
        colds+=("$wall"); coldrss+=("$mib")
    done
    echo "cold index median: $(printf '%s\n' "${colds[@]}" | median) s, peak RSS $(printf '%s\n' "${coldrss[@]}" | median) MiB"
    ls -la "$work" | awk '/index.sqlite$/ {printf "index file: %d MiB\n", $5 / 1048576}'

    warm=(); warmrss=(); searches=(); marks=()
    for run in $(seq "$RUNS"); do
        read -r wall mib < <(measure "$TIDINGS" categories --store "$store" --state "$state")
        warm+=("$wall"); warmrss+=("$mib")
        read -r wall _ < <(measure "$TIDINGS" list --search "petronas" --store "$store" --state "$state" --format json)
        searches+=("$wall")
    done
    echo "warm run (tidings categories: walk + refresh, nothing changed): median $(printf '%s\n' "${warm[@]}" | median) s, peak RSS $(printf '%s\n' "${warmrss[@]}" | median) MiB"
    echo "tidings list --search petronas (every hit as JSON): median $(printf '%s\n' "${searches[@]}" | median) s"

    # In one warm process: first page, counts, search, mark all (medians inside).
    words=(petronas singapore "data centre" report zzzz)
    [ "$kind" = feeds ] && words=(government "record-breaking" council zzzz)
    read -r wall mib < <(measure "$IBENCH" query "$store" "$work" "${words[@]}")
    sed 's/^/  /' "$LOG"
    echo "  (query process: ${wall} s, peak RSS ${mib} MiB)"
done
