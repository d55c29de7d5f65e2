// The built-in procedures (signatures: bind/procedure_catalog.cpp).
#include "engine/common/error.h"
#include "engine/query/bind/function_catalog.h"
#include "engine/query/execute/relational.h"

namespace kgraph::query {

std::vector<std::map<std::string, Value>> callProcedure(const std::string& name,
                                                        const std::vector<Value>&,
                                                        ExecContext& ctx) {
    std::vector<std::map<std::string, Value>> rows;
    std::string p = lowerCase(name);
    if (p == "db.labels") {
        for (const auto& [label, n] : ctx.view->labelCounts()) rows.push_back({{"label", label}});
    } else if (p == "db.relationshiptypes") {
        for (const auto& [type, n] : ctx.view->typeCounts()) {
            rows.push_back({{"relationshipType", type}});
        }
    } else if (p == "db.propertykeys") {
        // The store keeps no property-key statistics yet (see STORAGE_REQUESTS.md).
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
    return rows;
}

}  // namespace kgraph::query
