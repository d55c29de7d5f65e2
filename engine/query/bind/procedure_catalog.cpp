#include "engine/query/bind/procedure_catalog.h"

#include "engine/query/bind/function_catalog.h"

namespace kgraph::query {

const std::vector<ProcedureInfo>& allProcedures() {
    // The options every algo.* procedure takes are listed in docs/algorithms.md.
    static const std::vector<ProcedureInfo> kProcedures = {
        {"algo.betweenness",
         0,
         1,
         {"node", "score"},
         "algo.betweenness(options = {}) :: (node, score)",
         "Brandes betweenness centrality; options direction, normalized, labels, "
         "relationshipTypes"},
        {"algo.degree",
         0,
         1,
         {"node", "score"},
         "algo.degree(options = {}) :: (node, score)",
         "number of relationships per node; options direction, labels, relationshipTypes"},
        {"algo.jaccard",
         1,
         2,
         {"other", "similarity"},
         "algo.jaccard(node, options = {}) :: (other, similarity)",
         "nodes sharing neighbours with node, by Jaccard similarity; options limit, direction, "
         "labels, relationshipTypes"},
        {"algo.list",
         0,
         0,
         {"name", "signature", "description"},
         "algo.list() :: (name, signature, description)",
         "the procedures"},
        {"algo.neighborhood",
         2,
         3,
         {"node", "distance"},
         "algo.neighborhood(node, depth, options = {}) :: (node, distance)",
         "nodes within depth relationships of node; options direction, labels, "
         "relationshipTypes"},
        {"algo.pageRank",
         0,
         1,
         {"node", "score"},
         "algo.pageRank(options = {}) :: (node, score)",
         "PageRank; options iterations, dampingFactor, tolerance, labels, relationshipTypes"},
        {"algo.shortestPath",
         2,
         3,
         {"path", "cost"},
         "algo.shortestPath(source, target, options = {}) :: (path, cost)",
         "a cheapest path (Dijkstra); options weight, defaultWeight, direction, labels, "
         "relationshipTypes"},
        {"algo.stronglyConnectedComponents",
         0,
         1,
         {"node", "componentId"},
         "algo.stronglyConnectedComponents(options = {}) :: (node, componentId)",
         "strongly connected components; options labels, relationshipTypes"},
        {"algo.weaklyConnectedComponents",
         0,
         1,
         {"node", "componentId"},
         "algo.weaklyConnectedComponents(options = {}) :: (node, componentId)",
         "weakly connected components; options labels, relationshipTypes"},
        {"db.labels", 0, 0, {"label"}, "db.labels() :: (label)", "the labels in use"},
        {"db.propertyKeys",
         0,
         0,
         {"propertyKey"},
         "db.propertyKeys() :: (propertyKey)",
         "the property keys in use (reads every node and relationship)"},
        {"db.relationshipTypes",
         0,
         0,
         {"relationshipType"},
         "db.relationshipTypes() :: (relationshipType)",
         "the relationship types in use"},
        {"db.schema",
         0,
         0,
         {"kind", "name", "count"},
         "db.schema() :: (kind, name, count)",
         "labels and relationship types with their counts"},
    };
    return kProcedures;
}

const ProcedureInfo* findProcedure(std::string_view name) {
    std::string lower = lowerCase(name);
    for (const auto& p : allProcedures()) {
        if (lowerCase(p.name) == lower) return &p;
    }
    return nullptr;
}

}  // namespace kgraph::query
