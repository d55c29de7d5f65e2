#!/usr/bin/env python3
"""Cross-checks kgraph's graph algorithms against NetworkX.

Usage: networkx_crosscheck.py DIR
DIR holds what the C++ test wrote: nodes.txt (one node id a line), edges.txt ("src dst" a
line, one line per relationship) and kgraph.txt ("algorithm node value" a line, from the
procedures). Exit status: 0 all agree, 1 a disagreement (printed), 77 NetworkX is missing.
"""
import sys
from collections import defaultdict

try:
    import networkx as nx
except ImportError:
    print("python3-networkx is not installed (apt-get install python3-networkx)")
    sys.exit(77)

TOLERANCE = 1e-6


def pagerank(g):
    kwargs = dict(alpha=0.85, max_iter=10000, tol=1e-13)
    try:
        return nx.pagerank(g, **kwargs)
    except ImportError:
        # NetworkX 3 computes PageRank with SciPy; without it, its pure-Python version.
        from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python
        return _pagerank_python(g, **kwargs)


def partition(labels):
    groups = defaultdict(set)
    for node, comp in labels.items():
        groups[comp].add(node)
    return sorted(sorted(s) for s in groups.values())


def main():
    d = sys.argv[1]
    g = nx.MultiDiGraph()
    with open(f"{d}/nodes.txt") as f:
        g.add_nodes_from(int(line) for line in f if line.strip())
    with open(f"{d}/edges.txt") as f:
        for line in f:
            s, t = line.split()
            g.add_edge(int(s), int(t))
    ours = defaultdict(dict)
    with open(f"{d}/kgraph.txt") as f:
        for line in f:
            algo, node, value = line.split()
            ours[algo][int(node)] = float(value)

    failures = []

    def close(name, theirs):
        if set(ours[name]) != set(theirs):
            failures.append(f"{name}: different node sets ({len(ours[name])} vs {len(theirs)})")
            return
        worst = max((abs(ours[name][n] - theirs[n]), n) for n in theirs)
        print(f"{name}: {len(theirs)} nodes, largest difference {worst[0]:.3g} (node {worst[1]})")
        if worst[0] > TOLERANCE:
            n = worst[1]
            failures.append(f"{name}: node {n}: kgraph {ours[name][n]!r}, NetworkX {theirs[n]!r}")

    def same_partition(name, theirs):
        a = partition(ours[name])
        b = partition(theirs)
        print(f"{name}: {len(b)} components in NetworkX, {len(a)} in kgraph")
        if a != b:
            failures.append(f"{name}: the components differ")

    close("pagerank", pagerank(g))
    simple = nx.Graph(g)
    close("betweenness", nx.betweenness_centrality(simple, normalized=False))
    close("betweenness_directed", nx.betweenness_centrality(nx.DiGraph(g), normalized=False))
    close("betweenness_normalized", nx.betweenness_centrality(simple, normalized=True))
    wcc = {n: i for i, c in enumerate(nx.weakly_connected_components(g)) for n in c}
    scc = {n: i for i, c in enumerate(nx.strongly_connected_components(g)) for n in c}
    same_partition("wcc", wcc)
    same_partition("scc", scc)
    # kgraph names a component by its smallest node id.
    for name, comps in (("wcc", nx.weakly_connected_components(g)),
                        ("scc", nx.strongly_connected_components(g))):
        for c in comps:
            if any(ours[name][n] != min(c) for n in c):
                failures.append(f"{name}: component of {min(c)} not named by its smallest id")
                break
    close("degree", dict(g.degree()))

    for f in failures:
        print("MISMATCH", f)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
