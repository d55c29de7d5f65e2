#!/usr/bin/env bash
# Runs every libFuzzer target of tests/fuzz for SECONDS each (default 60), one after the other,
# each on its own corpus under build/fuzz/corpus/NAME (seeded from tests/fuzz/corpus and, for the
# query fuzzer, scripts/fuzz-seeds.py). Builds the fuzz preset first (clang, ASan + UBSan).
#
#   scripts/fuzz.sh [SECONDS]
#
# Exit code 1 if a target found a crash (its crash-* file is left in build/fuzz/crashes/),
# 0 otherwise. Prints each target's executions and coverage from libFuzzer's last line.
set -euo pipefail

SECONDS_EACH="${1:-60}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

# KGRAPH_FUZZ_TARGETS: a space-separated subset to run (default: all three).
read -r -a TARGETS <<<"${KGRAPH_FUZZ_TARGETS:-kgraph_query_fuzzer kgraph_codec_fuzzer kgraph_document_fuzzer}"
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz --target "${TARGETS[@]}"

mkdir -p build/fuzz/crashes
status=0
for t in "${TARGETS[@]}"; do
    corpus="build/fuzz/corpus/$t"
    mkdir -p "$corpus"
    args=(-max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048
          -artifact_prefix=build/fuzz/crashes/"$t"-)
    case "$t" in
        kgraph_query_fuzzer)
            cp -n tests/fuzz/corpus/* "$corpus"/ 2>/dev/null || true
            python3 scripts/fuzz-seeds.py "$corpus" >/dev/null 2>&1 || true
            args+=(-max_len=65536 -dict=tests/fuzz/cypher.dict)
            ;;
        kgraph_document_fuzzer)
            cp -n samples/*.txt "$corpus"/ 2>/dev/null || true
            args+=(-max_len=262144)
            ;;
        kgraph_codec_fuzzer)
            args+=(-max_len=65536)
            ;;
    esac
    echo "== $t: ${SECONDS_EACH}s"
    if ! "build/fuzz/tests/fuzz/$t" "${args[@]}" "$corpus" 2>"build/fuzz/$t.log"; then
        echo "   CRASH: see build/fuzz/$t.log and build/fuzz/crashes/"
        status=1
    fi
    grep -E "^#[0-9]+.*(DONE|pulse|NEW|REDUCE)" "build/fuzz/$t.log" | tail -1 | sed 's/^/   /'
done
exit $status
