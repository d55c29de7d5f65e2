"""The Python module `kgraph` (cli/python), run by ctest with Debian's /usr/bin/python3.

The sample graph is built once by the `kgraph` program (KGRAPH_BINARY); the module's
answers are compared with the program's (query rows, error messages, GraphML counts,
extract lines) and with NetworkX (PageRank).
"""
import json
import os
import shutil
import subprocess
import tempfile
import threading
import time
import unittest

import kgraph

BINARY = os.environ["KGRAPH_BINARY"]
SOURCE = os.environ["KGRAPH_SOURCE_DIR"]
SAMPLES = os.path.join(SOURCE, "samples")

try:
    import networkx as nx
except ImportError:  # python3-networkx
    nx = None


def networkx_pagerank(graph):
    """networkx.pagerank, or its pure-Python version where SciPy (NetworkX's way) is absent."""
    kwargs = dict(alpha=0.85, max_iter=100, tol=1e-6)
    try:
        return nx.pagerank(graph, **kwargs)
    except ImportError:
        from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python
        return _pagerank_python(graph, **kwargs)


def run(*args):
    return subprocess.run([BINARY, *args], capture_output=True, text=True)


class SampleGraph(unittest.TestCase):
    """Builds the sample graph once per class in a temporary directory."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="kgraph-python-")
        cls.db = os.path.join(cls.tmp, "news.kg")
        r = run("build", SAMPLES, "--db", cls.db, "-q")
        if r.returncode != 0:
            raise RuntimeError(r.stderr)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def cli_rows(self, query):
        r = run("query", "--db", self.db, "--format", "jsonl", query)
        self.assertEqual(r.returncode, 0, r.stderr)
        return [json.loads(line) for line in r.stdout.splitlines() if line]


class QueryTest(SampleGraph):
    def test_rows_are_dicts_with_python_values(self):
        with kgraph.open(self.db, read_only=True) as g:
            rows = g.query(
                "MATCH (c:Country {name: $name}) RETURN c, c.name AS name, c.aliases AS aliases, "
                "c.mentions AS mentions",
                {"name": "Kazakhstan"},
            )
        self.assertEqual(len(rows), 1)
        row = rows[0]
        self.assertEqual(set(row), {"c", "name", "aliases", "mentions"})
        self.assertIsInstance(row["c"], kgraph.Node)
        self.assertEqual(row["c"].labels, ["Country"])
        self.assertEqual(row["c"].properties["name"], "Kazakhstan")
        self.assertEqual(row["c"]["aliases"], row["aliases"])
        self.assertIsInstance(row["aliases"], list)
        self.assertIn("Kazakh", row["aliases"])
        self.assertIsInstance(row["mentions"], int)

    def test_rows_equal_the_command_line(self):
        query = ("MATCH (a)-[r]->(b {name: 'Kazakhstan'}) WHERE type(r) <> 'MENTIONED_IN' "
                 "RETURN a.name AS a, type(r) AS t, r.confidence AS c ORDER BY a, t, c")
        g = kgraph.open(self.db, read_only=True)
        rows = g.query(query)
        g.close()
        self.assertGreater(len(rows), 5)
        self.assertEqual(rows, self.cli_rows(query))
        self.assertTrue(all(isinstance(r["c"], float) for r in rows))

    def test_relationships_and_paths(self):
        with kgraph.open(self.db, read_only=True) as g:
            rows = g.query("MATCH p = (a:Person)-[r]->(b:Country) RETURN p, r, a, b LIMIT 3")
        self.assertGreater(len(rows), 0)
        for row in rows:
            p, r = row["p"], row["r"]
            self.assertIsInstance(p, kgraph.Path)
            self.assertIsInstance(r, kgraph.Relationship)
            self.assertEqual(len(p), 1)
            self.assertEqual(p.relationships[0], r)
            self.assertEqual([n.id for n in p.nodes], [row["a"].id, row["b"].id])
            self.assertEqual((r.start, r.end), (row["a"].id, row["b"].id))
            self.assertIsInstance(r.type, str)
            self.assertIsInstance(r.properties["sources"], list)


class ErrorTest(SampleGraph):
    def test_errors_carry_the_command_line_message(self):
        bad = "MATCH (n RETURN n"
        r = run("query", "--db", self.db, bad)
        self.assertEqual(r.returncode, 1)
        with kgraph.open(self.db, read_only=True) as g:
            with self.assertRaises(kgraph.Error) as caught:
                g.query(bad)
        self.assertIn(str(caught.exception).splitlines()[0], r.stderr)
        self.assertTrue(str(caught.exception))

    def test_missing_database_unknown_parameter_type_closed_graph(self):
        with self.assertRaises(kgraph.Error):
            kgraph.open(os.path.join(self.tmp, "missing.kg"))
        g = kgraph.open(self.db, read_only=True)
        with self.assertRaises(kgraph.Error) as caught:
            g.query("RETURN $x", {"x": object()})
        self.assertIn("parameter 'x'", str(caught.exception))
        g.close()
        with self.assertRaises(kgraph.Error):
            g.query("RETURN 1")

    def test_a_read_only_graph_refuses_writes(self):
        with kgraph.open(self.db, read_only=True) as g:
            with self.assertRaises(kgraph.Error):
                g.query("CREATE (:Person {name: 'X'})")


@unittest.skipIf(nx is None, "NetworkX not installed (python3-networkx)")
class NetworkxTest(SampleGraph):
    def test_same_counts_as_the_graphml_export_and_lists_as_lists(self):
        path = os.path.join(self.tmp, "news.graphml")
        r = run("export", "--db", self.db, "--format", "graphml", "-o", path)
        self.assertEqual(r.returncode, 0, r.stderr)
        exported = nx.read_graphml(path, force_multigraph=True)
        with kgraph.open(self.db, read_only=True) as g:
            graph = g.to_networkx()
            kaz = g.query("MATCH (c {name: 'Kazakhstan'}) RETURN id(c) AS id")[0]["id"]
        self.assertIsInstance(graph, nx.MultiDiGraph)
        self.assertEqual(graph.number_of_nodes(), exported.number_of_nodes())
        self.assertEqual(graph.number_of_edges(), exported.number_of_edges())
        node = graph.nodes[kaz]
        self.assertEqual(node["labels"], ["Country"])
        self.assertIsInstance(node["aliases"], list)
        self.assertEqual(node["aliases"], json.loads(exported.nodes["n%d" % kaz]["aliases"]))
        self.assertIsInstance(node["mentions"], int)
        types = {d["type"] for _, _, d in graph.edges(data=True)}
        self.assertIn("MENTIONED_IN", types)

    def test_a_query_gives_its_subgraph(self):
        with kgraph.open(self.db, read_only=True) as g:
            sub = g.to_networkx("MATCH (a:Person)-[r]->(b:Country) RETURN r")
            n = g.query("MATCH (a:Person)-[r]->(b:Country) RETURN count(r) AS n")[0]["n"]
        self.assertEqual(sub.number_of_edges(), n)
        self.assertTrue(all("labels" in d for _, d in sub.nodes(data=True)))

    def test_pagerank_agrees_with_algo_pagerank(self):
        # algo.pageRank runs on the entities (Documents and MENTIONED_IN left out by
        # default, docs/algorithms.md): NetworkX on the same subgraph of the whole
        # MultiDiGraph; 100 rounds as NetworkX allows.
        with kgraph.open(self.db, read_only=True) as g:
            graph = g.to_networkx()
            rows = g.query("CALL algo.pageRank({iterations: 100}) YIELD node, score "
                           "RETURN id(node) AS id, score")
        entities = graph.subgraph(
            [n for n, d in graph.nodes(data=True) if "Document" not in d["labels"]]).copy()
        ours = {r["id"]: r["score"] for r in rows}
        theirs = networkx_pagerank(entities)
        self.assertEqual(set(ours), set(theirs))
        worst = max(abs(ours[k] - theirs[k]) for k in ours)
        self.assertLess(worst, 1e-4)

    def test_pagerank_with_documents_agrees_on_the_whole_graph(self):
        with kgraph.open(self.db, read_only=True) as g:
            graph = g.to_networkx()
            rows = g.query("CALL algo.pageRank({iterations: 100, documents: true}) "
                           "YIELD node, score RETURN id(node) AS id, score")
        ours = {r["id"]: r["score"] for r in rows}
        theirs = networkx_pagerank(graph)
        self.assertEqual(set(ours), set(theirs))
        self.assertLess(max(abs(ours[k] - theirs[k]) for k in ours), 1e-4)


class ExtractBuildImportTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="kgraph-python-")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def test_extract_gives_the_command_line_facts(self):
        text = "Russia sent troops to Kazakhstan. Tokayev thanked Putin on Monday."
        facts = kgraph.extract(text)
        r = subprocess.run([BINARY, "extract", "--format", "jsonl", "-"], input=text,
                           capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stderr)
        expected = [json.loads(line) for line in r.stdout.splitlines()]
        for f in expected:
            f["doc"] = "text"
        self.assertGreater(len(facts), 0)
        self.assertEqual(facts, expected)
        self.assertEqual(set(facts[0]["subject"]), {"name", "label", "text"})

    def test_build_then_import_triples(self):
        db = os.path.join(self.tmp, "built.kg")
        with kgraph.open(db, create=True) as g:
            summary = g.build([SAMPLES])
            self.assertEqual(summary["added"], 5)
            self.assertGreater(summary["facts"], 100)
            entities = g.query("MATCH (n) WHERE NOT n:Document RETURN count(n) AS n")[0]["n"]
            tsv = os.path.join(self.tmp, "t.tsv")
            with open(tsv, "w") as f:
                f.write("Tokayev\tthank\tCSTO\t0.9\tnotes\n")
            report = g.import_triples(tsv, "tsv")
            self.assertEqual((report["facts"], report["skipped"]), (1, 0))
            self.assertEqual(
                g.query("MATCH (n) WHERE NOT n:Document RETURN count(n) AS n")[0]["n"], entities)
            bad = os.path.join(self.tmp, "bad.tsv")
            with open(bad, "w") as f:
                f.write("only one column\n")
            with self.assertRaises(kgraph.Error) as caught:
                g.import_triples(bad, "tsv")
            self.assertIn("no usable tsv line", str(caught.exception))

    def test_the_gil_is_released_while_a_query_runs(self):
        db = os.path.join(self.tmp, "gil.kg")
        g = kgraph.open(db, create=True)
        done = []
        worker = threading.Thread(target=lambda: done.append(
            g.query("UNWIND range(1, 3000000) AS x RETURN sum(x) AS s")))
        ticks = 0
        worker.start()
        while worker.is_alive():
            ticks += 1
            time.sleep(0.001)
        worker.join()
        g.close()
        self.assertEqual(done[0], [{"s": 3000000 * 3000001 // 2}])
        # Holding the GIL, the query would have kept this thread from ticking at all.
        self.assertGreater(ticks, 10)


if __name__ == "__main__":
    unittest.main()
