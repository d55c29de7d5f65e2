#include "engine/query/optimize/count_by_type.h"

#include "engine/query/execute/functions.h"
#include "engine/query/execute/scan.h"
#include "engine/query/optimize/query_shape.h"

namespace kgraph::query {

OperatorPtr countByType(const ast::SingleQuery& q) {
    if (!isSingleMatchReturn(q)) return nullptr;
    const auto& m = q.clauses[0];
    const auto& r = q.clauses[1];
    const auto& p = r.projection;
    const auto& part = *m.pattern[0];
    if (p.distinct || p.items.size() != 2 || part.kind != ast::PathKind::Normal ||
        part.pathSlot >= 0 || part.rels.size() != 1) {
        return nullptr;
    }
    const auto& rel = part.rels[0];
    if (rel.variableLength || rel.properties || !rel.types.empty() ||
        rel.direction == ast::Direction::Both || part.nodes[0].slot == part.nodes[1].slot) {
        return nullptr;
    }
    for (const auto& n : part.nodes) {
        if (n.properties || !n.labels.empty()) return nullptr;
    }
    int typeSlot = -1;
    int countSlot = -1;
    for (const auto& item : p.items) {
        const auto& e = *item.expr;
        bool isRel = !e.children.empty() && e.children[0]->kind == ast::ExprKind::Variable &&
                     e.children[0]->slot == rel.slot;
        if (isCallOf(e, "type") && isRel) {
            typeSlot = item.slot;
        } else if (e.kind == ast::ExprKind::CountStar ||
                   (isCallOf(e, "count") && !e.distinct && isRel)) {
            countSlot = item.slot;
        }
    }
    if (typeSlot < 0 || countSlot < 0) return nullptr;
    return std::make_unique<CountByTypeOp>(typeSlot, countSlot);
}

}  // namespace kgraph::query
