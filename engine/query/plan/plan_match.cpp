// MATCH: the start node of each pattern part (index selection), the expansion order and
// filter placement (planner_internal.h).
#include "engine/query/plan/planner_internal.h"

#include <algorithm>

#include "engine/query/execute/expand.h"
#include "engine/query/execute/functions.h"
#include "engine/query/execute/relational.h"
#include "engine/query/execute/scan.h"

namespace kgraph::query {

namespace {

void splitAnd(const ast::Expr* e, std::vector<const ast::Expr*>& out) {
    if (e->kind == ast::ExprKind::Binary && e->op == ast::Op::And) {
        splitAnd(e->children[0].get(), out);
        splitAnd(e->children[1].get(), out);
    } else {
        out.push_back(e);
    }
}

storage::Direction toStorage(ast::Direction d, bool reversed) {
    switch (d) {
        case ast::Direction::Outgoing:
            return reversed ? storage::Direction::Incoming : storage::Direction::Outgoing;
        case ast::Direction::Incoming:
            return reversed ? storage::Direction::Outgoing : storage::Direction::Incoming;
        case ast::Direction::Both:
            return storage::Direction::Both;
    }
    return storage::Direction::Both;
}

// The WHERE conjuncts on a shortest path that hold element by element:
// all|none(x IN relationships(p) WHERE cond) and all|none(x IN nodes(p) WHERE cond), with
// cond reading only x and what is bound before the search. See ExpandSpec::pathPredicates.
std::vector<ExpandSpec::PathPredicate> pathPredicates(const ast::PatternPart& part,
                                                      const SlotSet& bound, const Conjuncts& conj) {
    std::vector<ExpandSpec::PathPredicate> out;
    if (part.pathSlot < 0) return out;
    for (const auto* c : conj.pending) {
        if (c->kind != ast::ExprKind::Quantifier || (c->name != "all" && c->name != "none"))
            continue;
        const auto* list = c->children[0].get();
        if (!list || list->kind != ast::ExprKind::FunctionCall || list->children.size() != 1 ||
            list->children[0]->kind != ast::ExprKind::Variable ||
            list->children[0]->slot != part.pathSlot)
            continue;
        bool onNodes = isCallOf(*list, "nodes");
        if (!onNodes && !isCallOf(*list, "relationships")) continue;
        if (!c->children[1]) continue;
        SlotSet deps = readSlots(*c->children[1]);
        deps.erase(c->slot);
        if (!isSubset(deps, bound)) continue;
        out.push_back({c, onNodes});
    }
    return out;
}

}  // namespace

OperatorPtr Conjuncts::place(OperatorPtr op, const SlotSet& bound) {
    for (auto it = pending.begin(); it != pending.end();) {
        if (isSubset(readSlots(**it), bound)) {
            op = wrap<FilterOp>(std::move(op), *it);
            it = pending.erase(it);
        } else {
            ++it;
        }
    }
    return op;
}

OperatorPtr Planner::planMatch(OperatorPtr op,
                               const std::vector<std::shared_ptr<ast::PatternPart>>& parts,
                               const ast::Expr* where, SlotSet& bound) {
    Conjuncts conj;
    if (where) splitAnd(where, conj.pending);
    // Parts touching bound nodes first, shortest paths last.
    std::vector<const ast::PatternPart*> order;
    for (const auto& p : parts) order.push_back(p.get());
    std::stable_sort(order.begin(), order.end(), [&](const auto* a, const auto* b) {
        auto rank = [&](const ast::PatternPart* p) {
            if (p->kind != ast::PathKind::Normal) return 2;
            for (const auto& n : p->nodes) {
                if (bound.count(n.slot)) return 0;
            }
            return 1;
        };
        return rank(a) < rank(b);
    });
    std::vector<int> clauseRels;
    op = conj.place(std::move(op), bound);
    for (const auto* part : order) {
        op = planPart(std::move(op), *part, bound, conj, clauseRels);
    }
    for (const auto* c : conj.pending) op = wrap<FilterOp>(std::move(op), c);
    return op;
}

// The cheapest way to start at node `n` when it is not bound.
Planner::StartChoice Planner::startCost(const ast::NodePattern& n, const SlotSet& bound,
                                        const Conjuncts& conj) {
    StartChoice best;
    best.cost = static_cast<double>(stats_.nodeCount()) + 1;
    auto consider = [&](double cost, NodeScanOp::Mode mode, const ast::Expr* key,
                        std::string label) {
        if (cost < best.cost) {
            best.cost = cost;
            best.mode = mode;
            best.key = key;
            best.label = std::move(label);
        }
    };
    if (n.properties && n.properties->kind == ast::ExprKind::MapLiteral) {
        for (size_t i = 0; i < n.properties->keys.size(); ++i) {
            const auto* v = n.properties->children[i].get();
            if (n.properties->keys[i] == "name" && isSubset(readSlots(*v), bound)) {
                consider(1, NodeScanOp::Mode::Name, v, "");
            }
        }
    }
    auto isNameOf = [&](const ast::Expr& e) {
        return e.kind == ast::ExprKind::Property && e.name == "name" &&
               e.children[0]->kind == ast::ExprKind::Variable && e.children[0]->slot == n.slot;
    };
    for (const auto* c : conj.pending) {
        if (c->kind != ast::ExprKind::Binary) continue;
        const auto& l = *c->children[0];
        const auto& r = *c->children[1];
        if (c->op == ast::Op::Eq) {
            if (isNameOf(l) && isSubset(readSlots(r), bound))
                consider(1, NodeScanOp::Mode::Name, &r, "");
            if (isNameOf(r) && isSubset(readSlots(l), bound))
                consider(1, NodeScanOp::Mode::Name, &l, "");
        } else if (c->op == ast::Op::StartsWith && isNameOf(l) && isSubset(readSlots(r), bound)) {
            consider(10, NodeScanOp::Mode::NamePrefix, &r, "");
        }
    }
    for (const auto& l : n.labels) {
        consider(static_cast<double>(stats_.labelCount(l)), NodeScanOp::Mode::Label, nullptr, l);
    }
    return best;
}

OperatorPtr Planner::planPart(OperatorPtr op, const ast::PatternPart& part, SlotSet& bound,
                              Conjuncts& conj, std::vector<int>& clauseRels) {
    auto filterOf = [](const ast::NodePattern& n) {
        return NodeFilter{n.labels, n.properties.get()};
    };
    auto startAt = [&](OperatorPtr in, const ast::NodePattern& n) {
        if (bound.count(n.slot)) {
            NodeFilter f = filterOf(n);
            if (!f.empty()) in = wrap<NodeCheckOp>(std::move(in), n.slot, n.variable, f);
            return in;
        }
        StartChoice c = startCost(n, bound, conj);
        NodeFilter filter = filterOf(n);
        // The label index already guarantees the scanned label.
        std::erase(filter.labels, c.label);
        auto scan = std::make_unique<NodeScanOp>(c.mode, n.slot, n.variable, filter);
        scan->label = c.label;
        scan->key = c.key;
        scan->setInput(std::move(in));
        bound.insert(n.slot);
        return conj.place(std::move(scan), bound);
    };
    if (part.kind != ast::PathKind::Normal) {
        op = startAt(std::move(op), part.nodes[0]);
        op = startAt(std::move(op), part.nodes[1]);
        ExpandSpec spec = hopSpec(part, 0, false, bound, clauseRels);
        spec.toBound = true;
        spec.pathPredicates = pathPredicates(part, bound, conj);
        op = wrap<ShortestPathOp>(std::move(op), std::move(spec),
                                  part.kind == ast::PathKind::AllShortest);
        bound.insert(part.rels[0].slot);
        clauseRels.push_back(part.rels[0].slot);
        op = conj.place(std::move(op), bound);
        return buildPath(std::move(op), part, bound, &conj);
    }
    // Choose the start node.
    size_t start = 0;
    double bestCost = -1;
    for (size_t i = 0; i < part.nodes.size(); ++i) {
        double cost =
            bound.count(part.nodes[i].slot) ? 0 : startCost(part.nodes[i], bound, conj).cost;
        if (bestCost < 0 || cost < bestCost) {
            bestCost = cost;
            start = i;
        }
    }
    // A rare relationship type can beat every node: start at the relationship.
    std::optional<size_t> startRel;
    if (bestCost > 0) {
        for (size_t i = 0; i < part.rels.size(); ++i) {
            const auto& r = part.rels[i];
            if (r.types.empty() || r.variableLength || bound.count(r.slot)) continue;
            double cost = 0;
            for (const auto& t : r.types) cost += static_cast<double>(stats_.typeCount(t));
            if (r.direction == ast::Direction::Both) cost *= 2;
            if (cost < bestCost) {
                bestCost = cost;
                startRel = i;
            }
        }
    }
    if (startRel) {
        size_t i = *startRel;
        ExpandSpec spec = hopSpec(part, i, false, bound, clauseRels);
        spec.fromFilter = filterOf(part.nodes[i]);
        op = wrap<RelationshipTypeScanOp>(std::move(op), std::move(spec));
        bound.insert({part.nodes[i].slot, part.rels[i].slot, part.nodes[i + 1].slot});
        clauseRels.push_back(part.rels[i].slot);
        op = conj.place(std::move(op), bound);
        for (size_t j = i + 1; j + 1 < part.nodes.size(); ++j) {
            op = expandHop(std::move(op), part, j, false, bound, conj, clauseRels);
        }
        for (size_t j = i; j > 0; --j) {
            op = expandHop(std::move(op), part, j - 1, true, bound, conj, clauseRels);
        }
        return buildPath(std::move(op), part, bound, &conj);
    }
    op = startAt(std::move(op), part.nodes[start]);
    for (size_t i = start; i + 1 < part.nodes.size(); ++i) {
        op = expandHop(std::move(op), part, i, false, bound, conj, clauseRels);
    }
    for (size_t i = start; i > 0; --i) {
        op = expandHop(std::move(op), part, i - 1, true, bound, conj, clauseRels);
    }
    return buildPath(std::move(op), part, bound, &conj);
}

// The hop over rels[i]: from nodes[i] to nodes[i+1], or back when `reversed`.
ExpandSpec Planner::hopSpec(const ast::PatternPart& part, size_t i, bool reversed,
                            const SlotSet& bound, const std::vector<int>& clauseRels) {
    const auto& r = part.rels[i];
    const auto& from = reversed ? part.nodes[i + 1] : part.nodes[i];
    const auto& to = reversed ? part.nodes[i] : part.nodes[i + 1];
    ExpandSpec s;
    s.fromSlot = from.slot;
    s.relSlot = r.slot;
    s.toSlot = to.slot;
    s.fromName = from.variable;
    s.relName = r.variable;
    s.toName = to.variable;
    s.types = r.types;
    s.direction = toStorage(r.direction, reversed);
    s.toBound = bound.count(to.slot) > 0;
    s.toFilter = NodeFilter{to.labels, to.properties.get()};
    s.relProperties = r.properties.get();
    for (int other : clauseRels) {
        if (other != r.slot) s.otherRelSlots.push_back(other);
    }
    s.relBound = bound.count(r.slot) > 0;
    s.minHops = r.variableLength ? r.minHops : 1;
    s.maxHops = r.variableLength ? r.maxHops : std::optional<int64_t>(1);
    s.reversed = reversed;
    return s;
}

OperatorPtr Planner::expandHop(OperatorPtr op, const ast::PatternPart& part, size_t i,
                               bool reversed, SlotSet& bound, Conjuncts& conj,
                               std::vector<int>& clauseRels) {
    ExpandSpec spec = hopSpec(part, i, reversed, bound, clauseRels);
    const auto& r = part.rels[i];
    if (r.variableLength) {
        op = wrap<VarExpandOp>(std::move(op), std::move(spec));
    } else {
        op = wrap<ExpandOp>(std::move(op), std::move(spec));
    }
    bound.insert(r.slot);
    bound.insert(reversed ? part.nodes[i].slot : part.nodes[i + 1].slot);
    clauseRels.push_back(r.slot);
    return conj.place(std::move(op), bound);
}

OperatorPtr Planner::buildPath(OperatorPtr op, const ast::PatternPart& part, SlotSet& bound,
                               Conjuncts* conj) {
    if (part.pathSlot < 0) return op;
    std::vector<int> nodes, rels;
    for (const auto& n : part.nodes) nodes.push_back(n.slot);
    for (const auto& r : part.rels) rels.push_back(r.slot);
    op = wrap<BuildPathOp>(std::move(op), part.pathSlot, part.pathVariable, std::move(nodes),
                           std::move(rels));
    bound.insert(part.pathSlot);
    return conj ? conj->place(std::move(op), bound) : std::move(op);
}

}  // namespace kgraph::query
