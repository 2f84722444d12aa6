#!/usr/bin/env bash
# Loading-and-merging benchmark (issue 2): release build, stores of 1,000 / 10,000 / 100,000 pages,
# each loaded RUNS times under /usr/bin/time -v; prints pages/s and peak RSS per run and the medians.
# Usage: Benchmarks/run-load-bench.sh [N...]   (default: 1000 10000 100000; RUNS=3, BENCH_DIR=/tmp/tidings-bench)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
BENCH_DIR=${BENCH_DIR:-/tmp/tidings-bench}
SIZES=("$@")
[ ${#SIZES[@]} -eq 0 ] && SIZES=(1000 10000 100000)

if [ ! -x /usr/bin/time ]; then
    if command -v apt-get >/dev/null; then
        SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
        $SUDO apt-get install -y time >/dev/null
    else
        echo "needs GNU time at /usr/bin/time" >&2; exit 1
    fi
fi

swift build -c release --product tidings-bench 2>&1 | tail -1
BIN=$(swift build -c release --product tidings-bench --show-bin-path)/tidings-bench

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(date -u +%F)"
for n in "${SIZES[@]}"; do
    store="$BENCH_DIR/store-$n"
    if [ ! -f "$store/.generated-$n" ]; then
        "$BIN" generate "$n" "$store" && touch "$store/.generated-$n"
    fi
    rates=(); cpus=(); rss=()
    for run in $(seq "$RUNS"); do
        out=$(/usr/bin/time -v "$BIN" load "$store" 2>&1)
        rate=$(sed -n 's/.* \([0-9]*\) pages\/s;.*/\1/p' <<<"$out")
        cpu=$(sed -n 's/.* \([0-9]*\) pages per CPU second/\1/p' <<<"$out")
        kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' <<<"$out")
        echo "N=$n run $run: $(grep -m1 '^pages' <<<"$out")"
        echo "N=$n run $run: $rate pages/s wall, $cpu pages/CPU-s, peak RSS $((kb / 1024)) MiB; $(grep rescan <<<"$out")"
        rates+=("$rate"); cpus+=("$cpu"); rss+=("$kb")
    done
    echo "N=$n median: $(printf '%s\n' "${rates[@]}" | median) pages/s wall, $(printf '%s\n' "${cpus[@]}" | median) pages/CPU-s, peak RSS $(( $(printf '%s\n' "${rss[@]}" | median | cut -d. -f1) / 1024 )) MiB"
done
