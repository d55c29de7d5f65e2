// The db.* procedures and the table of every procedure (execute/procedures.h). The algo.*
// procedures are in algo_procedures.cpp.
#include "engine/query/execute/procedures.h"

#include <set>

#include "engine/query/execute/algo_procedures.h"
#include "engine/text/ascii.h"

namespace kgraph::query {

namespace {

// Emits `rows` until `emit` asks to stop.
void emitAll(std::vector<ProcedureRow>& rows, const ProcedureSink& emit) {
    for (auto& row : rows) {
        if (!emit(row)) return;
    }
}

void dbLabels(const ProcedureInfo&, const std::vector<Value>&, ExecContext& ctx,
              const ProcedureSink& emit) {
    std::vector<ProcedureRow> rows;
    for (const auto& [label, n] : ctx.view->labelCounts()) rows.push_back({{"label", label}});
    emitAll(rows, emit);
}

void dbRelationshipTypes(const ProcedureInfo&, const std::vector<Value>&, ExecContext& ctx,
                         const ProcedureSink& emit) {
    std::vector<ProcedureRow> rows;
    for (const auto& [type, n] : ctx.view->typeCounts()) {
        rows.push_back({{"relationshipType", type}});
    }
    emitAll(rows, emit);
}

void dbPropertyKeys(const ProcedureInfo&, const std::vector<Value>&, ExecContext& ctx,
                    const ProcedureSink& emit) {
    // The store keeps no list of property keys (STORAGE_REQUESTS.md, 1): read every node and
    // relationship.
    std::set<std::string> keys;
    ctx.view->scanNodes([&](storage::NodeId id) {
        if (auto n = ctx.view->node(id)) {
            for (const auto& [k, v] : n->props) keys.insert(k);
        }
        return true;
    });
    ctx.view->scanEdges([&](storage::EdgeId id) {
        if (auto e = ctx.view->edge(id)) {
            for (const auto& [k, v] : e->props) keys.insert(k);
        }
        return true;
    });
    std::vector<ProcedureRow> rows;
    for (const auto& k : keys) rows.push_back({{"propertyKey", Value(k)}});
    emitAll(rows, emit);
}

void dbSchema(const ProcedureInfo&, const std::vector<Value>&, ExecContext& ctx,
              const ProcedureSink& emit) {
    std::vector<ProcedureRow> rows;
    for (const auto& [label, n] : ctx.view->labelCounts()) {
        rows.push_back({{"kind", Value("label")},
                        {"name", Value(label)},
                        {"count", Value(static_cast<int64_t>(n))}});
    }
    for (const auto& [type, n] : ctx.view->typeCounts()) {
        rows.push_back({{"kind", Value("relationshipType")},
                        {"name", Value(type)},
                        {"count", Value(static_cast<int64_t>(n))}});
    }
    emitAll(rows, emit);
}

}  // namespace

const std::vector<ProcedureInfo>& allProcedures() {
    // The options every algo.* procedure takes are listed in docs/algorithms.md.
    static const std::vector<ProcedureInfo> kProcedures = {
        {"algo.betweenness",
         0,
         1,
         {"node", "score"},
         "algo.betweenness(options = {}) :: (node, score)",
         "Brandes betweenness centrality; options direction, normalized, labels, "
         "relationshipTypes",
         algoBetweenness},
        {"algo.degree",
         0,
         1,
         {"node", "score"},
         "algo.degree(options = {}) :: (node, score)",
         "number of relationships per node; options direction, labels, relationshipTypes",
         algoDegree},
        {"algo.jaccard",
         1,
         2,
         {"other", "similarity"},
         "algo.jaccard(node, options = {}) :: (other, similarity)",
         "nodes sharing neighbours with node, by Jaccard similarity; options limit, direction, "
         "labels, relationshipTypes",
         algoJaccard},
        {"algo.list",
         0,
         0,
         {"name", "signature", "description"},
         "algo.list() :: (name, signature, description)",
         "the procedures",
         algoList},
        {"algo.neighborhood",
         2,
         3,
         {"node", "distance"},
         "algo.neighborhood(node, depth, options = {}) :: (node, distance)",
         "nodes within depth relationships of node; options direction, labels, "
         "relationshipTypes",
         algoNeighborhood},
        {"algo.pageRank",
         0,
         1,
         {"node", "score"},
         "algo.pageRank(options = {}) :: (node, score)",
         "PageRank; options iterations, dampingFactor, tolerance, labels, relationshipTypes",
         algoPageRank},
        {"algo.shortestPath",
         2,
         3,
         {"path", "cost"},
         "algo.shortestPath(source, target, options = {}) :: (path, cost)",
         "a cheapest path (Dijkstra); options weight, defaultWeight, direction, labels, "
         "relationshipTypes",
         algoShortestPath},
        {"algo.stronglyConnectedComponents",
         0,
         1,
         {"node", "componentId"},
         "algo.stronglyConnectedComponents(options = {}) :: (node, componentId)",
         "strongly connected components; options labels, relationshipTypes",
         algoStronglyConnectedComponents},
        {"algo.weaklyConnectedComponents",
         0,
         1,
         {"node", "componentId"},
         "algo.weaklyConnectedComponents(options = {}) :: (node, componentId)",
         "weakly connected components; options labels, relationshipTypes",
         algoWeaklyConnectedComponents},
        {"db.labels", 0, 0, {"label"}, "db.labels() :: (label)", "the labels in use", dbLabels},
        {"db.propertyKeys",
         0,
         0,
         {"propertyKey"},
         "db.propertyKeys() :: (propertyKey)",
         "the property keys in use (reads every node and relationship)",
         dbPropertyKeys},
        {"db.relationshipTypes",
         0,
         0,
         {"relationshipType"},
         "db.relationshipTypes() :: (relationshipType)",
         "the relationship types in use",
         dbRelationshipTypes},
        {"db.schema",
         0,
         0,
         {"kind", "name", "count"},
         "db.schema() :: (kind, name, count)",
         "labels and relationship types with their counts",
         dbSchema},
    };
    return kProcedures;
}

const ProcedureInfo* findProcedure(std::string_view name) {
    for (const auto& p : allProcedures()) {
        if (text::equalsIgnoringCase(p.name, name)) return &p;
    }
    return nullptr;
}

}  // namespace kgraph::query
