// The Python module `kgraph` (pybind11): kgraph from Python without the command line.
//
//   import kgraph
//   g = kgraph.open("news.kg", read_only=False, create=False)
//   rows = g.query("MATCH (p:Person) RETURN p.name AS name LIMIT $n", {"n": 5})  # list of dicts
//   nx_graph = g.to_networkx()            # networkx.MultiDiGraph, typed attributes
//   facts = kgraph.extract("Russia sent troops to Kazakhstan.")
//   g.build(["samples/"]); g.import_triples("t.tsv", "tsv")
//
// Every kgraph failure is raised as kgraph.Error with the message the command line prints.
// The GIL is released while kgraph works (a query, a build, an import, an extraction), so
// other Python threads run meanwhile; values are converted to Python with it held.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>

#include "cli/document_build.h"
#include "cli/python/python_values.h"
#include "engine/common/error.h"
#include "engine/export/triple_import.h"
#include "engine/extract/fact_writer.h"
#include "engine/extract/parse_extractor.h"
#include "engine/query/query_engine.h"
#include "engine/text/document_reader.h"
#include "storage/graph_store.h"

namespace kgraph::python {

namespace {

std::string modelDir() {
    if (const char* env = std::getenv("KGRAPH_MODELS"); env && *env) return env;
    return KGRAPH_MODEL_DIR;
}

// The models are loaded once per process (a few hundred milliseconds), on first use.
const extract::ParseExtractor& extractor() {
    static const extract::ParseExtractor instance(modelDir());
    return instance;
}

class Graph {
public:
    Graph(const std::string& path, bool readOnly, bool create) {
        storage::OpenOptions options;
        options.readOnly = readOnly;
        options.createIfMissing = create;
        py::gil_scoped_release release;
        store_ = storage::GraphStore::open(path, options);
    }

    // The store, kept alive by the caller while it works even if another thread closes the
    // graph meanwhile.
    std::shared_ptr<storage::GraphStore> shared() {
        if (!store_) throw Error("the database is closed");
        return store_;
    }
    storage::GraphStore& store() { return *shared(); }

    // The database is closed (its lock released) when no call still uses it.
    void close() {
        py::gil_scoped_release release;
        store_.reset();
    }

    std::string path() { return store().path(); }
    bool readOnly() { return store().readOnly(); }

    query::QueryResult run(const std::string& text, const py::object& params) {
        query::Params p;
        if (!params.is_none()) {
            if (!py::isinstance<py::dict>(params))
                throw Error("params must be a dict of name -> value");
            for (const auto& [k, v] : params.cast<py::dict>())
                p[py::str(k)] = fromPython(v, py::str(k));
        }
        auto s = shared();
        py::gil_scoped_release release;
        query::QueryEngine engine(*s);
        return engine.run(text, p);
    }

    py::list query(const std::string& text, const py::object& params) {
        auto result = run(text, params);
        py::list rows;
        for (const auto& row : result.rows) {
            py::dict d;
            for (size_t i = 0; i < row.size() && i < result.columns.size(); ++i)
                d[py::str(result.columns[i])] = toPython(row[i]);
            rows.append(std::move(d));
        }
        return rows;
    }

    py::object toNetworkx(const py::object& queryText) {
        py::module_ nx = py::module_::import("networkx");
        py::object g = nx.attr("MultiDiGraph")();
        std::vector<storage::Node> nodes;
        std::vector<storage::Edge> edges;
        if (queryText.is_none()) {
            auto s = shared();
            py::gil_scoped_release release;
            auto r = s->read();
            r->scanNodes([&](storage::NodeId id) {
                if (auto n = r->node(id)) nodes.push_back(std::move(*n));
                return true;
            });
            r->scanEdges([&](storage::EdgeId id) {
                if (auto e = r->edge(id)) edges.push_back(std::move(*e));
                return true;
            });
        } else {
            // The nodes, relationships and paths anywhere in the rows, with the ends of
            // every relationship (read from the database when the rows lack them).
            auto result = run(queryText.cast<std::string>(), py::none());
            auto s = shared();
            py::gil_scoped_release release;
            std::set<uint64_t> nodeIds, edgeIds;
            std::function<void(const query::Value&)> collect = [&](const query::Value& v) {
                if (v.isNode()) nodeIds.insert(v.asNode().id);
                if (v.isRelationship()) {
                    edgeIds.insert(v.asRelationship().id);
                    nodeIds.insert(v.asRelationship().src);
                    nodeIds.insert(v.asRelationship().dst);
                }
                if (v.isPath()) {
                    for (const auto& n : v.asPath().nodes) nodeIds.insert(n.id);
                    for (const auto& e : v.asPath().relationships) edgeIds.insert(e.id);
                }
                if (v.isList()) {
                    for (const auto& e : v.asList()) collect(e);
                }
                if (v.isMap()) {
                    for (const auto& [k, e] : v.asMap()) collect(e);
                }
            };
            for (const auto& row : result.rows) {
                for (const auto& v : row) collect(v);
            }
            auto r = s->read();
            for (uint64_t id : nodeIds) {
                if (auto n = r->node(id)) nodes.push_back(std::move(*n));
            }
            for (uint64_t id : edgeIds) {
                if (auto e = r->edge(id)) edges.push_back(std::move(*e));
            }
        }
        py::object addNode = g.attr("add_node"), addEdge = g.attr("add_edge");
        for (const auto& n : nodes) {
            py::dict attrs = toPython(n.props);
            py::list labels;
            for (const auto& l : n.labels) labels.append(py::str(l));
            attrs["labels"] = labels;
            addNode(py::int_(n.id), **attrs);
        }
        for (const auto& e : edges) {
            py::dict attrs = toPython(e.props);
            attrs["type"] = py::str(e.type);
            addEdge(py::int_(e.src), py::int_(e.dst), py::arg("key") = py::int_(e.id), **attrs);
        }
        return g;
    }

    py::dict build(const std::vector<std::string>& paths) {
        auto s = shared();
        cli::BuildSummary sum;
        {
            py::gil_scoped_release release;
            std::vector<std::string> unreadable;
            auto inputs = cli::listBuildInputs(paths, unreadable);
            sum = cli::buildDocuments(*s, inputs, modelDir());
            sum.skipped.insert(sum.skipped.begin(), unreadable.begin(), unreadable.end());
        }
        py::dict d;
        d["added"] = sum.added;
        d["replaced"] = sum.replaced;
        d["unchanged"] = sum.unchanged;
        d["sentences"] = sum.sentences;
        d["facts"] = sum.facts;
        d["skipped"] = sum.skipped;
        return d;
    }

    py::dict importTriples(const std::string& path, const std::string& format, bool strict) {
        auto s = shared();
        exporter::ImportReport report;
        {
            py::gil_scoped_release release;
            std::ifstream in(path, std::ios::binary);
            if (!in) throw Error("cannot read " + path);
            report = exporter::importTriples(*s, format, {{path, &in}}, strict);
        }
        py::dict d;
        d["facts"] = report.lines;
        d["documents"] = report.documents;
        d["skipped"] = report.skipped;
        d["problems"] = report.problems;
        return d;
    }

private:
    std::shared_ptr<storage::GraphStore> store_;
};

py::list extractFacts(const std::string& text, const std::string& docId) {
    std::ostringstream out;
    {
        py::gil_scoped_release release;
        auto doc = text::documentFromText(text, docId, "-");
        auto ex = extractor().extract(doc);
        extract::writeFacts(doc, ex, extract::FactFormat::Jsonl, out);
    }
    py::list facts;
    std::istringstream lines(out.str());
    std::string line;
    while (std::getline(lines, line)) {
        if (!line.empty()) facts.append(jsonToPython(line));
    }
    return facts;
}

std::string reprProps(const py::dict& d) { return py::str(py::repr(d)); }

}  // namespace

PYBIND11_MODULE(kgraph, m) {
    m.doc() = "kgraph: knowledge graphs from English text, queried with openCypher syntax";
    py::register_exception<Error>(m, "Error");

    py::class_<PyNode>(m, "Node", "A node: id, labels (list of str), properties (dict)")
        .def_readonly("id", &PyNode::id)
        .def_readonly("labels", &PyNode::labels)
        .def_readonly("properties", &PyNode::properties)
        .def("__getitem__",
             [](const PyNode& n, const std::string& k) { return n.properties[py::str(k)]; })
        .def("__eq__",
             [](const PyNode& a, const py::object& b) {
                 return py::isinstance<PyNode>(b) && a.id == b.cast<const PyNode&>().id;
             })
        .def("__hash__", [](const PyNode& n) { return std::hash<uint64_t>()(n.id); })
        .def("__repr__", [](const PyNode& n) {
            return "Node(id=" + std::to_string(n.id) +
                   ", labels=" + std::string(py::str(py::repr(n.labels))) +
                   ", properties=" + reprProps(n.properties) + ")";
        });
    py::class_<PyRelationship>(
        m, "Relationship",
        "A relationship: id, type (str), start and end (node ids), properties (dict)")
        .def_readonly("id", &PyRelationship::id)
        .def_readonly("type", &PyRelationship::type)
        .def_readonly("start", &PyRelationship::start)
        .def_readonly("end", &PyRelationship::end)
        .def_readonly("properties", &PyRelationship::properties)
        .def("__getitem__",
             [](const PyRelationship& r, const std::string& k) { return r.properties[py::str(k)]; })
        .def("__eq__",
             [](const PyRelationship& a, const py::object& b) {
                 return py::isinstance<PyRelationship>(b) &&
                        a.id == b.cast<const PyRelationship&>().id;
             })
        .def("__hash__", [](const PyRelationship& r) { return std::hash<uint64_t>()(r.id); })
        .def("__repr__", [](const PyRelationship& r) {
            return "Relationship(id=" + std::to_string(r.id) + ", type=" + r.type +
                   ", start=" + std::to_string(r.start) + ", end=" + std::to_string(r.end) +
                   ", properties=" + reprProps(r.properties) + ")";
        });
    py::class_<PyPath>(m, "Path",
                       "A path: nodes (list of Node), relationships (list of Relationship)")
        .def_readonly("nodes", &PyPath::nodes)
        .def_readonly("relationships", &PyPath::relationships)
        .def("__len__", [](const PyPath& p) { return py::len(p.relationships); })
        .def("__repr__", [](const PyPath& p) {
            return "Path(nodes=" + std::string(py::str(py::repr(p.nodes))) +
                   ", relationships=" + std::string(py::str(py::repr(p.relationships))) + ")";
        });

    py::class_<Graph>(m, "Graph", "An open kgraph database (kgraph.open)")
        .def_property_readonly("path", &Graph::path)
        .def_property_readonly("read_only", &Graph::readOnly)
        .def("query", &Graph::query, py::arg("text"), py::arg("params") = py::none(),
             "Runs a query; returns its rows as a list of dicts (column -> value)")
        .def("to_networkx", &Graph::toNetworkx, py::arg("query") = py::none(),
             "The graph (or the nodes, relationships and paths a query returns) as a "
             "networkx.MultiDiGraph: nodes keyed by id with `labels` and their properties, "
             "edges keyed by relationship id with `type` and their properties")
        .def("build", &Graph::build, py::arg("paths"),
             "Extracts and stores the documents of files and folders, as `kgraph build`")
        .def("import_triples", &Graph::importTriples, py::arg("path"), py::arg("format"),
             py::arg("strict") = false,
             "Imports triples (tsv, csv, nt, nq, jsonl), as `kgraph import --format`")
        .def("close", &Graph::close)
        .def(
            "__enter__", [](Graph& g) -> Graph& { return g; }, py::return_value_policy::reference)
        .def("__exit__", [](Graph& g, const py::args&) { g.close(); });

    m.def(
        "open",
        [](const std::string& path, bool readOnly, bool create) {
            return std::make_unique<Graph>(path, readOnly, create);
        },
        py::arg("path"), py::arg("read_only") = false, py::arg("create") = false,
        "Opens a kgraph database (create=True makes it when missing)");
    m.def("extract", &extractFacts, py::arg("text"), py::arg("doc") = "text",
          "The facts of a text as dicts, as `kgraph extract --format jsonl` writes them");
}

}  // namespace kgraph::python
