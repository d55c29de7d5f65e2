#include "engine/query/bind/procedure_catalog.h"

#include "engine/query/bind/function_catalog.h"

namespace kgraph::query {

const ProcedureInfo* findProcedure(std::string_view name) {
    static const std::vector<ProcedureInfo> kProcedures = {
        {"db.labels", 0, {"label"}},
        {"db.relationshipTypes", 0, {"relationshipType"}},
        {"db.propertyKeys", 0, {"propertyKey"}},
        {"db.schema", 0, {"kind", "name", "count"}},
    };
    std::string lower = lowerCase(name);
    for (const auto& p : kProcedures) {
        if (lowerCase(p.name) == lower) return &p;
    }
    return nullptr;
}

}  // namespace kgraph::query
