#include "engine/query/bind/expr_slots.h"

#include <algorithm>

namespace kgraph::query {

namespace {

void collect(const ast::Expr& e, SlotSet& deps, SlotSet& local) {
    if (e.kind == ast::ExprKind::Variable) deps.insert(e.slot);
    if ((e.kind == ast::ExprKind::ListComprehension || e.kind == ast::ExprKind::Quantifier) &&
        e.slot >= 0) {
        local.insert(e.slot);
    }
    if (e.pattern) {
        for (const auto& n : e.pattern->nodes) {
            if (n.outerBound) {
                deps.insert(n.slot);
            } else {
                local.insert(n.slot);
            }
            if (n.properties) collect(*n.properties, deps, local);
        }
        for (const auto& r : e.pattern->rels) {
            if (r.properties) collect(*r.properties, deps, local);
            local.insert(r.slot);
        }
        if (e.pattern->pathSlot >= 0) local.insert(e.pattern->pathSlot);
    }
    for (const auto& c : e.children) {
        if (c) collect(*c, deps, local);
    }
}

}  // namespace

SlotSet readSlots(const ast::Expr& e) {
    SlotSet deps, local;
    collect(e, deps, local);
    for (int s : local) deps.erase(s);
    return deps;
}

bool isSubset(const SlotSet& a, const SlotSet& b) {
    return std::includes(b.begin(), b.end(), a.begin(), a.end());
}

}  // namespace kgraph::query
