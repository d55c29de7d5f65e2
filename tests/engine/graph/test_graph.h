// Small graphs in a fresh store for the algorithm tests: nodes named by letters, each with a
// label, relationships with a type and optional properties. Tests only.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "engine/graph/graph_snapshot.h"
#include "storage/graph_store.h"
#include "tests/temp_dir.h"

namespace kgraph::graph::testing {

class TestGraph {
public:
    TestGraph() : store_(storage::GraphStore::open(dir_.sub("db"))) {}

    struct Rel {
        std::string src, dst, type = "R";
        PropertyMap props = {};
    };
    // Creates the nodes (label "N" unless given as "name:Label") and relationships in one
    // commit. Node names must be new.
    void add(const std::vector<std::string>& nodes, const std::vector<Rel>& rels) {
        auto txn = store_->write();
        for (const auto& spec : nodes) {
            auto colon = spec.find(':');
            std::string name = spec.substr(0, colon);
            std::string label = colon == std::string::npos ? "N" : spec.substr(colon + 1);
            ids_[name] = txn->createNode({label}, {{"name", PropertyValue(name)}});
        }
        for (const auto& r : rels) txn->createEdge(ids_.at(r.src), ids_.at(r.dst), r.type, r.props);
        txn->commit();
    }

    storage::NodeId id(const std::string& name) const { return ids_.at(name); }
    storage::GraphStore& store() { return *store_; }
    GraphSnapshot snapshot(const Projection& p = {}) {
        auto txn = store_->read();
        return GraphSnapshot(*txn, p);
    }
    // The vertex of a node in `g`.
    static Vertex vertex(const GraphSnapshot& g, storage::NodeId id) {
        auto v = g.vertexOf(id);
        if (!v) throw std::runtime_error("node not in the snapshot");
        return *v;
    }
    Vertex vertex(const GraphSnapshot& g, const std::string& name) const {
        return vertex(g, id(name));
    }

private:
    kgraph::testing::TempDir dir_;
    std::unique_ptr<storage::GraphStore> store_;
    std::map<std::string, storage::NodeId> ids_;
};

}  // namespace kgraph::graph::testing
