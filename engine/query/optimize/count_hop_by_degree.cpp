#include "engine/query/optimize/count_hop_by_degree.h"

#include <algorithm>

#include "engine/query/bind/expr_slots.h"
#include "engine/query/execute/expand.h"
#include "engine/query/execute/functions.h"

namespace kgraph::query {

namespace {

// True if `e` reads one of `slots` outside the aggregate calls `calls`.
bool readsOutside(const ast::Expr& e, const SlotSet& slots,
                  const std::vector<const ast::Expr*>& calls) {
    if (std::find(calls.begin(), calls.end(), &e) != calls.end()) return false;
    if (e.kind == ast::ExprKind::Variable && slots.count(e.slot)) return true;
    if (e.pattern) {
        SlotSet deps = readSlots(e);
        for (int s : slots) {
            if (deps.count(s)) return true;
        }
    }
    for (const auto& c : e.children) {
        if (c && readsOutside(*c, slots, calls)) return true;
    }
    return false;
}

}  // namespace

OperatorPtr countHopByDegree(OperatorPtr input, const ast::Projection& p,
                             std::vector<AggregateOp::Agg>& aggs, int& weightSlot) {
    auto* expand = dynamic_cast<ExpandOp*>(input.get());
    if (!expand || p.weightSlot < 0) return input;
    const ExpandSpec& s = expand->spec();
    if (s.toBound || s.relBound || !s.toFilter.empty() || s.relProperties ||
        !s.otherRelSlots.empty() || s.relSlot == s.toSlot) {
        return input;
    }
    SlotSet hop{s.relSlot, s.toSlot};
    std::vector<bool> countsRows(aggs.size(), false);
    std::vector<const ast::Expr*> counted;  // count(x) of a hop slot: counts rows
    for (size_t i = 0; i < aggs.size(); ++i) {
        const auto& call = *aggs[i].call;
        if (call.kind == ast::ExprKind::CountStar) continue;
        bool countOfHop = isCallOf(call, "count") && !call.distinct && call.children.size() == 1 &&
                          call.children[0]->kind == ast::ExprKind::Variable &&
                          hop.count(call.children[0]->slot);
        if (countOfHop) {
            countsRows[i] = true;
            counted.push_back(&call);
        } else if (readsOutside(call, hop, {})) {
            return input;
        }
    }
    for (const auto& item : p.items) {
        if (readsOutside(*item.expr, hop, counted)) return input;
    }
    for (const auto& o : p.order) {
        if (readsOutside(*o.expr, hop, counted)) return input;
    }
    for (size_t i = 0; i < aggs.size(); ++i) aggs[i].countsRows = countsRows[i];
    weightSlot = p.weightSlot;
    ExpandSpec spec = s;
    auto degree = std::make_unique<DegreeExpandOp>(std::move(spec), weightSlot);
    degree->setInput(expand->takeInput());
    return degree;
}

}  // namespace kgraph::query
