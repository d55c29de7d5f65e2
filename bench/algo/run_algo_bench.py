#!/usr/bin/env python3
"""PageRank (20 iterations) and weakly connected components: kgraph beside NetworkX, same run.

    python3 bench/algo/run_algo_bench.py --db DIR --graph /tmp/kg1m --bench build/release/bench/algo/kgraph_algo_bench

DIR is a kgraph database of the graph in --graph (made with `kgraph import --db DIR --nodes
GRAPH/nodes.csv --edges GRAPH/edges.csv`; GRAPH from ../shared/bench/gen_kg.py). Both sides
run pinned to one core. NetworkX's PageRank is its pure-Python power iteration when SciPy
is absent (the output says which). The script also checks that both find the same weakly
connected components; exit status 1 if not.
"""
import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time


def networkx_side(graph_dir, runs):
    import networkx as nx
    g = nx.MultiDiGraph()
    with open(os.path.join(graph_dir, "nodes.csv"), newline="") as f:
        r = csv.reader(f)
        next(r)
        g.add_nodes_from(row[0] for row in r)
    t = time.perf_counter()
    with open(os.path.join(graph_dir, "edges.csv"), newline="") as f:
        r = csv.reader(f)
        next(r)
        g.add_edges_from((row[0], row[1]) for row in r)
    load_s = time.perf_counter() - t
    try:
        import scipy  # noqa: F401
        flavour = "scipy"

        def pagerank():
            try:
                return nx.pagerank(g, alpha=0.85, max_iter=20, tol=0.0)
            except nx.PowerIterationFailedConvergence:
                return None
    except ImportError:
        flavour = "python"
        from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

        def pagerank():
            try:
                return _pagerank_python(g, alpha=0.85, max_iter=20, tol=0.0)
            except nx.PowerIterationFailedConvergence:
                return None
    pr_times, wcc_times = [], []
    for _ in range(runs):
        t = time.perf_counter()
        pagerank()  # tol 0 never converges: exactly 20 rounds, then NetworkX raises
        pr_times.append(time.perf_counter() - t)
        t = time.perf_counter()
        comps = list(nx.weakly_connected_components(g))
        wcc_times.append(time.perf_counter() - t)
    return {
        "networkx": nx.__version__, "pagerank_impl": flavour, "load_s": load_s,
        "pagerank20_median_ms": 1000 * statistics.median(pr_times),
        "wcc_median_ms": 1000 * statistics.median(wcc_times),
        "wcc_components": len(comps), "graph": g, "components": comps,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True)
    ap.add_argument("--graph", required=True)
    ap.add_argument("--bench", required=True, help="path to kgraph_algo_bench")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--networkx-runs", type=int, default=1)
    a = ap.parse_args()
    os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core, children too

    with tempfile.TemporaryDirectory() as tmp:
        dump = os.path.join(tmp, "kgraph.tsv")
        out = subprocess.run([a.bench, "--db", a.db, "--runs", str(a.runs), "--dump", dump],
                             check=True, capture_output=True, text=True).stdout
        ours = json.loads(out)
        ranks, comp_of = {}, {}
        with open(dump) as f:
            for line in f:
                name, score, comp = line.rstrip("\n").split("\t")
                ranks[name] = float(score)
                comp_of[name] = comp
    theirs = networkx_side(a.graph, a.networkx_runs)

    # Agreement on components (PageRank's agreement with NetworkX is checked on converged
    # values by tests/engine/graph/networkx_crosscheck_test.cpp).
    import networkx as nx
    same_components = sorted(sorted(c) for c in theirs["components"]) == sorted(
        sorted(members) for members in _groups(comp_of).values())
    total = sum(ranks.values())

    row = lambda label, k, n: print(f"| {label} | {k:,.1f} | {n:,.1f} | {n / k:,.0f}x |")
    print(f"Graph: {ours['nodes']:,} nodes, {ours['relationships']:,} relationships; "
          f"one core; kgraph median of {a.runs}, NetworkX {nx.__version__} "
          f"({theirs['pagerank_impl']} PageRank) median of {a.networkx_runs}.")
    print()
    print("| step | kgraph ms | NetworkX ms | NetworkX / kgraph |")
    print("|---|---|---|---|")
    row("PageRank, 20 iterations", ours["pagerank20_median_ms"], theirs["pagerank20_median_ms"])
    row("weakly connected components", ours["wcc_median_ms"], theirs["wcc_median_ms"])
    print()
    print(f"kgraph snapshot build (read from RocksDB, once per database state): "
          f"{ours['snapshot_build_ms']:,.0f} ms, {ours['snapshot_bytes'] / 2**20:.1f} MiB held; "
          f"RSS {ours['rss_before_snapshot_mib']:.0f} -> {ours['rss_after_snapshot_mib']:.0f} MiB. "
          f"NetworkX graph load from CSV: {theirs['load_s'] * 1000:,.0f} ms.")
    print(f"Agreement: components {'identical' if same_components else 'DIFFER'} "
          f"({ours['wcc_components']:,} vs {theirs['wcc_components']:,}); "
          f"kgraph PageRank scores sum to {total:.12f}.")
    print(json.dumps({"kgraph": ours, "networkx": {k: v for k, v in theirs.items()
                      if k not in ("graph", "components")},
                      "components_identical": same_components}))
    sys.exit(0 if same_components else 1)


def _groups(comp_of):
    groups = {}
    for n, c in comp_of.items():
        groups.setdefault(c, []).append(n)
    return groups


if __name__ == "__main__":
    main()
