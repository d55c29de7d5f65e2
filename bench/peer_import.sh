#!/usr/bin/env bash
# Bulk import, kgraph beside Kùzu, in one run (../shared/bench/README.md):
# wall time, peak RSS and size on disk of
#   kgraph import --db DIR --nodes nodes.csv --edges edges.csv
#   Kùzu: CREATE NODE/REL TABLE + COPY Entity FROM nodes.csv + COPY Rel FROM edges.csv
#         (the statements of kuzu_bench.js, in a load-only Node.js process)
# Each system loads RUNS times (default 3), alternating; the table shows medians.
# kgraph's time is the whole process (read, parse, sort, write, ingest, exit);
# Kùzu's is measured inside its process around the four statements, so
# process start-up and module loading count against kgraph only.
#
# Usage: bench/peer_import.sh [KGRAPH_BINARY] [DATA_DIR]
#   KGRAPH_BINARY  default build/release/cli/kgraph
#   DATA_DIR       default /tmp/kg1m (generated with gen_kg.py --entities 100000 --edges 1000000 if missing)
# Needs: /usr/bin/time (GNU), node, python3, and Kùzu from ../shared/bench/install_peers.sh.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
KG=$(realpath "${1:-$here/../build/release/cli/kgraph}")
DATA=$(realpath -m "${2:-/tmp/kg1m}")
SHARED=${KGRAPH_SHARED_BENCH:-$here/../../shared/bench}
PEERS=${KGRAPH_PEERS:-$HOME/.cache/kgraph-peers}
RUNS=${RUNS:-3}

[ -x "$KG" ] || { echo "no kgraph binary at $KG" >&2; exit 2; }
[ -e "$PEERS/node_modules/kuzu" ] || bash "$SHARED/install_peers.sh" >&2
if [ ! -f "$DATA/edges.csv" ]; then
  python3 "$SHARED/gen_kg.py" "$DATA" --entities 100000 --edges 1000000 >/dev/null
fi
nodes=$(($(wc -l < "$DATA/nodes.csv") - 1))
edges=$(($(wc -l < "$DATA/edges.csv") - 1))

work=$(mktemp -d /tmp/peer-import.XXXXXX)
trap 'rm -rf "$work"' EXIT

cat > "$work/kuzu_load.js" <<'JS'
// Load-only: the statements of kuzu_bench.js, timed the same way.
const path = require("path");
const kuzu = require(path.join(process.env.PEERS, "node_modules", "kuzu"));
(async () => {
  const [data, db] = process.argv.slice(2);
  const t0 = performance.now();
  const d = new kuzu.Database(db);
  const c = new kuzu.Connection(d);
  await c.query("CREATE NODE TABLE Entity(name STRING, label STRING, PRIMARY KEY(name))");
  await c.query("CREATE REL TABLE Rel(FROM Entity TO Entity, type STRING)");
  await c.query(`COPY Entity FROM '${path.join(data, "nodes.csv")}' (HEADER=true)`);
  await c.query(`COPY Rel FROM '${path.join(data, "edges.csv")}' (HEADER=true)`);
  const t1 = performance.now();
  console.log((t1 - t0).toFixed(1));
  process.exit(0);
})().catch((e) => { console.error(e); process.exit(1); });
JS

# peak RSS in MB from a GNU time -v report
rss() { awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$1"; }
# user + system CPU seconds from a GNU time -v report
cpu() { awk -F': ' '/User time|System time/ {s+=$2} END {printf "%.2f", s}' "$1"; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

for i in $(seq "$RUNS"); do
  rm -rf "$work/kg" "$work/kuzu"
  sync
  start=$(date +%s%N)
  /usr/bin/time -v -o "$work/kg.time" "$KG" import --db "$work/kg" \
    --nodes "$DATA/nodes.csv" --edges "$DATA/edges.csv" > "$work/kg.out"
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 )) >> "$work/kg.ms"
  rss "$work/kg.time" >> "$work/kg.rss"; echo >> "$work/kg.rss"
  cpu "$work/kg.time" >> "$work/kg.cpu"; echo >> "$work/kg.cpu"
  du -sb "$work/kg" | cut -f1 >> "$work/kg.bytes"

  sync
  PEERS="$PEERS" /usr/bin/time -v -o "$work/kuzu.time" node "$work/kuzu_load.js" "$DATA" "$work/kuzu" \
    | tail -1 | cut -d. -f1 >> "$work/kuzu.ms"
  rss "$work/kuzu.time" >> "$work/kuzu.rss"; echo >> "$work/kuzu.rss"
  cpu "$work/kuzu.time" >> "$work/kuzu.cpu"; echo >> "$work/kuzu.cpu"
  du -sb "$work/kuzu"* | awk '{s+=$1} END {print s}' >> "$work/kuzu.bytes"
  echo "run $i: kgraph $(tail -1 "$work/kg.ms") ms, kuzu $(tail -1 "$work/kuzu.ms") ms" >&2
done

kg_ms=$(median < "$work/kg.ms"); kuzu_ms=$(median < "$work/kuzu.ms")
kg_rss=$(grep . "$work/kg.rss" | median); kuzu_rss=$(grep . "$work/kuzu.rss" | median)
kg_cpu=$(grep . "$work/kg.cpu" | median); kuzu_cpu=$(grep . "$work/kuzu.cpu" | median)
kg_mb=$(median < "$work/kg.bytes" | awk '{printf "%.1f", $1/1e6}')
kuzu_mb=$(median < "$work/kuzu.bytes" | awk '{printf "%.1f", $1/1e6}')
ratio=$(awk -v a="$kg_ms" -v b="$kuzu_ms" 'BEGIN {printf "%.2f", a/b}')

echo
echo "Bulk import of $nodes nodes and $edges relationships ($DATA), median of $RUNS runs, $(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg)"
echo
echo "| system | import time | edges/s | CPU (user+sys, whole process) | peak RSS | size on disk |"
echo "|---|---:|---:|---:|---:|---:|"
printf "| kgraph import | %.2f s | %s | %s s | %s MB | %s MB |\n" "$(awk -v m="$kg_ms" 'BEGIN{print m/1000}')" \
  "$(awk -v e="$edges" -v m="$kg_ms" 'BEGIN{printf "%.0fk", e/m}')" "$kg_cpu" "$kg_rss" "$kg_mb"
printf "| Kùzu COPY | %.2f s | %s | %s s | %s MB | %s MB |\n" "$(awk -v m="$kuzu_ms" 'BEGIN{print m/1000}')" \
  "$(awk -v e="$edges" -v m="$kuzu_ms" 'BEGIN{printf "%.0fk", e/m}')" "$kuzu_cpu" "$kuzu_rss" "$kuzu_mb"
echo
echo "time ratio kgraph/Kùzu: $ratio (target <= 1.0); kgraph peak RSS target <= 500 MB"
