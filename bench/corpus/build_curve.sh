#!/usr/bin/env bash
# The build's scaling curve: documents/s, peak RSS and database size at growing corpus sizes,
# and the unchanged rebuild, on corpora made by make_corpus.py (never committed).
#
#   bench/corpus/build_curve.sh KGRAPH_BINARY [SIZES...]     (default sizes: 1000 10000 100000)
#
# Environment: WORK (default /tmp/kgraph-curve) holds the corpora and databases; SHARED
# (default ../shared beside the repository); JOBS (default 1) is passed to `build --jobs` when
# the binary has it. Prints one Markdown table row per size.
set -euo pipefail
KG=$(realpath "$1"); shift
SIZES=${*:-"1000 10000 100000"}
HERE=$(cd "$(dirname "$0")" && pwd)
SHARED=${SHARED:-$HERE/../../../shared}
WORK=${WORK:-/tmp/kgraph-curve}
JOBS=${JOBS:-1}
mkdir -p "$WORK"
jobs_flag=()
if "$KG" build --help | grep -q -- '--jobs'; then jobs_flag=(--jobs "$JOBS"); fi

echo "| documents | words | build s | documents/s | words/s | peak RSS MB | database MB | relationships | bytes/relationship | unchanged rebuild s | speed-up |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for n in $SIZES; do
  corpus=$WORK/corpus-$n
  [ -d "$corpus" ] || python3 "$HERE/make_corpus.py" "$corpus" --documents "$n" --shared "$SHARED" 2>/dev/null
  words=$(cat "$corpus"/*/*.txt | wc -w)
  db=$WORK/db-$n.kg
  rm -rf "$db"
  /usr/bin/time -f '%e %M' -o "$WORK/time-$n" "$KG" build "$corpus" --db "$db" -q "${jobs_flag[@]}" >"$WORK/build-$n.log"
  read -r secs rss <"$WORK/time-$n"
  /usr/bin/time -f '%e %M' -o "$WORK/time2-$n" "$KG" build "$corpus" --db "$db" -q "${jobs_flag[@]}" >"$WORK/rebuild-$n.log"
  read -r secs2 _ <"$WORK/time2-$n"
  size=$(du -sb "$db" | cut -f1)
  rels=$("$KG" query --db "$db" --format csv "MATCH ()-[r]->() RETURN count(r) AS n" | tail -1)
  python3 - "$n" "$words" "$secs" "$rss" "$size" "$rels" "$secs2" <<'PY'
import sys
n, words, secs, rss, size, rels, secs2 = sys.argv[1:]
n, words, secs, rss, size, rels, secs2 = int(n), int(words), float(secs), int(rss), int(size), int(rels), float(secs2)
print(f"| {n:,} | {words:,} | {secs:.1f} | {n/secs:.1f} | {words/secs:,.0f} | {rss/1024:.0f} | {size/1e6:.1f} | {rels:,} | "
      f"{size/max(rels,1):.0f} | {secs2:.2f} | {secs/max(secs2,1e-3):.0f}x |")
PY
done
