#include "engine/query/optimize/count_from_statistics.h"

#include "engine/query/execute/functions.h"
#include "engine/query/execute/scan.h"
#include "engine/query/optimize/query_shape.h"

namespace kgraph::query {

OperatorPtr countFromStatistics(const ast::SingleQuery& q) {
    if (!isSingleMatchReturn(q)) return nullptr;
    const auto& m = q.clauses[0];
    const auto& r = q.clauses[1];
    const auto& p = r.projection;
    if (p.distinct || p.items.size() != 1 || !p.order.empty() || p.skip || p.limit) {
        return nullptr;
    }
    const auto& part = *m.pattern[0];
    if (part.kind != ast::PathKind::Normal || part.pathSlot >= 0 || part.rels.size() > 1) {
        return nullptr;
    }
    const auto& e = *p.items[0].expr;
    bool countStar = e.kind == ast::ExprKind::CountStar;
    bool countVar =
        isCallOf(e, "count") && !e.distinct && e.children[0]->kind == ast::ExprKind::Variable;
    if (!countStar && !countVar) return nullptr;
    for (const auto& n : part.nodes) {
        if (n.properties || (part.rels.size() == 1 && !n.labels.empty())) return nullptr;
    }
    using What = CountFromStatisticsOp::What;
    if (part.rels.empty()) {
        const auto& n = part.nodes[0];
        if (n.labels.size() > 1 || (countVar && e.children[0]->slot != n.slot)) return nullptr;
        return std::make_unique<CountFromStatisticsOp>(n.labels.empty() ? What::Nodes : What::Label,
                                                       n.labels.empty() ? "" : n.labels[0],
                                                       p.items[0].slot);
    }
    const auto& rel = part.rels[0];
    if (rel.variableLength || rel.properties || rel.types.size() > 1 ||
        rel.direction == ast::Direction::Both || part.nodes[0].slot == part.nodes[1].slot ||
        (countVar && e.children[0]->slot != rel.slot)) {
        return nullptr;
    }
    return std::make_unique<CountFromStatisticsOp>(
        rel.types.empty() ? What::Relationships : What::Type, rel.types.empty() ? "" : rel.types[0],
        p.items[0].slot);
}

}  // namespace kgraph::query
