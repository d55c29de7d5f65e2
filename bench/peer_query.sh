#!/usr/bin/env bash
# Queries, kgraph beside Kùzu, in one run (../shared/bench/README.md, issue #4 item 6):
#   1. ROUNDS rounds (default 3), alternating: kgraph_bench.py (import + every query of
#      workload.json, RUNS warm runs each in one process) then kuzu_bench.js (load + the same
#      queries); per query, the median over the rounds of each round's median. Both systems
#      load their own copy of the graph each round; the table is compare.py's on the merged
#      results (exit status 1 if a row count differs or a query failed).
#   2. One-shot `kgraph query` of `lookup`, process start to exit, ONESHOT times (default 20).
#   3. `MATCH (n) RETURN n LIMIT 10`: in-process median (--repeat), one-shot wall time and
#      peak RSS (GNU time).
# The load average is printed before and after: the machine may be shared.
#
# Usage: bench/peer_query.sh [KGRAPH_BINARY] [DATA_DIR]
#   KGRAPH_BINARY  default build/release/cli/kgraph
#   DATA_DIR       default /tmp/kg1m (generated with gen_kg.py --entities 100000 --edges 1000000 if missing)
#   RUNS=20 ROUNDS=3 ONESHOT=20 in the environment change the counts.
# Needs: /usr/bin/time (GNU), node, python3, and Kùzu from ../shared/bench/install_peers.sh.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
KG=$(realpath "${1:-$here/../build/release/cli/kgraph}")
DATA=$(realpath -m "${2:-/tmp/kg1m}")
# ../shared beside the repository (a worktree one level deeper: ../../shared).
SHARED=${KGRAPH_SHARED_BENCH:-}
for d in "$here/../../shared/bench" "$here/../../../shared/bench"; do
  [ -n "$SHARED" ] || { [ -d "$d" ] && SHARED=$(realpath "$d"); }
done
[ -d "$SHARED" ] || { echo "no ../shared/bench found; set KGRAPH_SHARED_BENCH" >&2; exit 2; }
PEERS=${KGRAPH_PEERS:-$HOME/.cache/kgraph-peers}
RUNS=${RUNS:-20}
ROUNDS=${ROUNDS:-3}
ONESHOT=${ONESHOT:-20}

[ -x "$KG" ] || { echo "no kgraph binary at $KG" >&2; exit 2; }
[ -e "$PEERS/node_modules/kuzu" ] || bash "$SHARED/install_peers.sh" >&2
if [ ! -f "$DATA/edges.csv" ]; then
  python3 "$SHARED/gen_kg.py" "$DATA" --entities 100000 --edges 1000000 >/dev/null
fi

work=$(mktemp -d /tmp/peer-query.XXXXXX)
trap 'rm -rf "$work"' EXIT
touch "$work/start"

echo "start: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq "$ROUNDS"); do
  python3 "$SHARED/kgraph_bench.py" "$DATA" --kgraph "$KG" --runs "$RUNS" --db "$work/kg$i" \
    > "$work/kgraph$i.json"
  KGRAPH_PEERS="$PEERS" node "$SHARED/kuzu_bench.js" "$DATA" --runs "$RUNS" --db "$work/kuzu$i" \
    > "$work/kuzu$i.json"
  rm -rf "$work/kuzu$i" "$work/kuzu$i.wal"
  # kuzu_bench.js makes an (empty) temporary directory even when given --db.
  find "${TMPDIR:-/tmp}" -maxdepth 1 -name 'kuzu-bench-*' -newer "$work/start" -empty -delete 2>/dev/null || true
  [ "$i" = "$ROUNDS" ] || rm -rf "$work/kg$i"
  echo "round $i of $ROUNDS done, load average $(cut -d' ' -f1 /proc/loadavg)" >&2
done
db="$work/kg$ROUNDS"

# Per query, the median of the rounds' medians; row counts must agree across rounds.
python3 - "$work" "$ROUNDS" <<'PY'
import json, statistics, sys
work, rounds = sys.argv[1], int(sys.argv[2])
for system in ("kgraph", "kuzu"):
    runs = [json.load(open(f"{work}/{system}{i}.json")) for i in range(1, rounds + 1)]
    out = dict(runs[0])
    out["queries"] = {}
    for qid in runs[0]["queries"]:
        qs = [r["queries"][qid] for r in runs]
        if any("error" in q for q in qs):
            out["queries"][qid] = next(q for q in qs if "error" in q)
            continue
        rows = {q.get("rows") for q in qs}
        out["queries"][qid] = {
            "rows": qs[0].get("rows") if len(rows) == 1 else f"varies {sorted(rows)}",
            "median_ms": statistics.median(q["median_ms"] for q in qs),
            "round_medians_ms": [q["median_ms"] for q in qs],
        }
    out["load_ms"] = {k: statistics.median(r["load_ms"][k] for r in runs) for k in runs[0]["load_ms"]}
    json.dump(out, open(f"{work}/{system}.json", "w"), indent=2)
PY
echo
echo "Median of $ROUNDS rounds (each: median of $RUNS warm runs), ms; ratio < 1.0: kgraph faster"
status=0
python3 "$SHARED/compare.py" "$work/kgraph.json" "$work/kuzu.json" || status=$?

# One-shot lookup and LIMIT 10, timed from outside the process.
lookup=$(python3 - "$SHARED" "$DATA" <<'PY'
import json, re, sys
shared, data = sys.argv[1], sys.argv[2]
params = json.load(open(f"{data}/params.json"))
q = next(q for q in json.load(open(f"{shared}/workload.json"))["queries"] if q["id"] == "lookup")
print(re.sub(r"\$\{(\w+)\}", lambda m: str(params[m.group(1)]).replace("'", "\\'"), q["cypher"]))
PY
)
oneshot() {  # QUERY -> "median min max" wall ms of ONESHOT processes
  python3 - "$KG" "$db" "$ONESHOT" "$1" <<'PY'
import statistics, subprocess, sys, time
kg, db, n, q = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
ms = []
for _ in range(n):
    t0 = time.perf_counter()
    subprocess.run([kg, "query", "--db", db, "--format", "csv", q], check=True,
                   stdout=subprocess.DEVNULL)
    ms.append((time.perf_counter() - t0) * 1000)
print(f"{statistics.median(ms):.1f} {min(ms):.1f} {max(ms):.1f}")
PY
}
read -r lk_med lk_min lk_max <<< "$(oneshot "$lookup")"
limit10="MATCH (n) RETURN n LIMIT 10"
read -r l10_med l10_min l10_max <<< "$(oneshot "$limit10")"
l10_in=$("$KG" query --db "$db" --format csv --repeat "$RUNS" --timing "$limit10" 2>&1 >/dev/null \
  | tail -1 | python3 -c 'import json,sys; t=json.load(sys.stdin)["timing"]; print("%.3f ms, rows %d" % (t["median_ms"], t["rows"]))')
/usr/bin/time -v -o "$work/l10.time" "$KG" query --db "$db" --format csv "$limit10" >/dev/null
l10_rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2/1024}' "$work/l10.time")
/usr/bin/time -v -o "$work/lk.time" "$KG" query --db "$db" --format csv "$lookup" >/dev/null
lk_rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2/1024}' "$work/lk.time")

echo
echo "one-shot lookup (process start to exit, $ONESHOT runs): median $lk_med ms, min $lk_min, max $lk_max; peak RSS $lk_rss MB (target <= 30 ms)"
echo "LIMIT 10 in process (median of $RUNS): $l10_in (target <= 5 ms)"
echo "LIMIT 10 one-shot ($ONESHOT runs): median $l10_med ms, min $l10_min, max $l10_max; peak RSS $l10_rss MB"
echo "end: $(date -u '+%Y-%m-%d %H:%M UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
exit $status
