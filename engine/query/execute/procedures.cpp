// The built-in procedures (signatures: bind/procedure_catalog.cpp). The algo.* procedures
// are in algo_procedures.cpp.
#include <set>

#include "engine/common/error.h"
#include "engine/query/bind/function_catalog.h"
#include "engine/query/execute/algo_procedures.h"
#include "engine/query/execute/relational.h"

namespace kgraph::query {

void callProcedure(const std::string& name, const std::vector<Value>& args, ExecContext& ctx,
                   const ProcedureSink& emit) {
    std::string p = lowerCase(name);
    if (callAlgoProcedure(p, args, ctx, emit)) return;
    std::vector<ProcedureRow> rows;
    if (p == "db.labels") {
        for (const auto& [label, n] : ctx.view->labelCounts()) rows.push_back({{"label", label}});
    } else if (p == "db.relationshiptypes") {
        for (const auto& [type, n] : ctx.view->typeCounts()) {
            rows.push_back({{"relationshipType", type}});
        }
    } else if (p == "db.propertykeys") {
        // The store keeps no list of property keys (STORAGE_REQUESTS.md, 1): read every
        // node and relationship.
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
        for (const auto& k : keys) rows.push_back({{"propertyKey", Value(k)}});
    } else if (p == "db.schema") {
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
    } else {
        throw Error("unknown procedure: " + name);
    }
    for (auto& row : rows) {
        if (!emit(row)) return;
    }
}

}  // namespace kgraph::query
