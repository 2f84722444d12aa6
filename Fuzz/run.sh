#!/usr/bin/env bash
# Builds and runs libFuzzer targets with AddressSanitizer and leak detection.
#
#   Fuzz/run.sh [TARGET|all] [SECONDS]     e.g. Fuzz/run.sh FuzzTextPage 60, Fuzz/run.sh all 45
#
# Targets are the folders Fuzz/<Name>/main.swift; seeds come from Fuzz/corpus/<Name>/ (read only,
# committed); what a run learns goes to .build-fuzz/corpus/<Name>/ and crash inputs to
# .build-fuzz/artifacts/<Name>/. Fails (exit 1) on any crash, leak, timeout (10 s per input) or
# input over 2 GB RSS, after running the other targets. Extra libFuzzer flags: FUZZ_FLAGS.
set -uo pipefail
cd "$(dirname "$0")/.."

which="${1:-all}"
seconds="${2:-60}"
scratch=.build-fuzz

all=()
for dir in Fuzz/*/; do
  [ -f "$dir/main.swift" ] && all+=("$(basename "$dir")")
done
if [ "$which" = all ]; then
  targets=("${all[@]}")
elif [ -f "Fuzz/$which/main.swift" ]; then
  targets=("$which")
else
  echo "unknown fuzz target '$which'; known: ${all[*]}" >&2
  exit 64
fi
case "$seconds" in ''|*[!0-9]*) echo "SECONDS must be a whole number" >&2; exit 64;; esac

# SwiftPM's --sanitize=fuzzer only links libFuzzer; without -Xswiftc -sanitize=fuzzer the Swift
# code gets no coverage instrumentation and libFuzzer mutates blindly.
build() {
  swift build --scratch-path "$scratch" -c debug --product "$1" \
    --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer 2>&1 | grep -v "Cannot export local symbol"
}

export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS="detect_leaks=1:allocator_may_return_null=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
# Known leaks of a dependency (TOMLKit), narrowly: see the file.
export LSAN_OPTIONS="suppressions=$PWD/Fuzz/lsan-suppressions.txt:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
failed=()
for t in "${targets[@]}"; do
  echo "== $t: build"
  start=$(date +%s)
  if ! build "$t"; then failed+=("$t (build)"); continue; fi
  echo "== $t: built in $(( $(date +%s) - start )) s; fuzzing for $seconds s"
  bin="$(swift build --scratch-path "$scratch" -c debug --show-bin-path)/$t"
  work="$scratch/corpus/$t"; artifacts="$scratch/artifacts/$t"; log="$scratch/logs/$t.log"
  mkdir -p "$work" "$artifacts" "$(dirname "$log")" "Fuzz/corpus/$t"
  began=$(date +%s)
  # shellcheck disable=SC2086
  "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$artifacts/" ${FUZZ_FLAGS:-} \
    "$work" "Fuzz/corpus/$t" >"$log" 2>&1
  status=$?
  elapsed=$(( $(date +%s) - began ))
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  [ -n "$runs" ] || runs=$(grep -o '^#[0-9]*' "$log" | tail -1 | tr -d '#')  # a crash prints no final stats
  echo "== $t: exit $status, ${runs:-?} executions in $elapsed s (log $log)"
  printf '%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$t" "$elapsed" "${runs:-0}" "$status" >>"$scratch/fuzz-runs.tsv"
  if [ $status -ne 0 ]; then
    grep -E 'ERROR|Fatal error|SUMMARY|Test unit written|deadly signal|timeout|leak' "$log" | head -20
    failed+=("$t")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzzing FAILED: ${failed[*]} (crash inputs in $scratch/artifacts/)" >&2
  exit 1
fi
echo "fuzzing passed: ${targets[*]}"
