#include "engine/query/plan/planner.h"

#include <algorithm>
#include <set>

#include "engine/common/error.h"
#include "engine/query/bind/binder.h"
#include "engine/query/bind/function_catalog.h"
#include "engine/query/execute/expand.h"
#include "engine/query/execute/relational.h"
#include "engine/query/execute/scan.h"
#include "engine/query/execute/update.h"

namespace kgraph::query {

namespace {

using SlotSet = std::set<int>;

// Slots an expression reads from the row (not the ones it binds itself).
void collectDeps(const ast::Expr& e, SlotSet& deps, SlotSet& local) {
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
            if (n.properties) collectDeps(*n.properties, deps, local);
        }
        for (const auto& r : e.pattern->rels) {
            if (r.properties) collectDeps(*r.properties, deps, local);
            local.insert(r.slot);
        }
        if (e.pattern->pathSlot >= 0) local.insert(e.pattern->pathSlot);
    }
    for (const auto& c : e.children) {
        if (c) collectDeps(*c, deps, local);
    }
}

SlotSet depsOf(const ast::Expr& e) {
    SlotSet deps, local;
    collectDeps(e, deps, local);
    for (int s : local) deps.erase(s);
    return deps;
}

bool subset(const SlotSet& a, const SlotSet& b) {
    return std::includes(b.begin(), b.end(), a.begin(), a.end());
}

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

// The AllNodesScan starting `op`'s pipeline (right above Once) if every operator from `op`
// down to it may run on several threads at once (Operator::threadSafe) and it is the only
// scan; else null. Such a pipeline can be split over node id ranges.
const Operator* parallelNodeScan(const Operator* op) {
    const NodeScanOp* scan = nullptr;
    for (; op; op = op->input()) {
        if (!op->threadSafe() || !op->subplans().empty()) return nullptr;
        if (const auto* s = dynamic_cast<const NodeScanOp*>(op)) {
            if (scan || !s->scansAllNodes() || !dynamic_cast<const OnceOp*>(s->input())) {
                return nullptr;
            }
            scan = s;
        }
    }
    return scan;
}

template <class Op, class... Args>
OperatorPtr wrap(OperatorPtr input, Args&&... args) {
    auto op = std::make_unique<Op>(std::forward<Args>(args)...);
    op->setInput(std::move(input));
    return op;
}

// WHERE conjuncts waiting for their variables to be bound.
struct Conjuncts {
    std::vector<const ast::Expr*> pending;

    OperatorPtr place(OperatorPtr op, const SlotSet& bound) {
        for (auto it = pending.begin(); it != pending.end();) {
            if (subset(depsOf(**it), bound)) {
                op = wrap<FilterOp>(std::move(op), *it);
                it = pending.erase(it);
            } else {
                ++it;
            }
        }
        return op;
    }
};

class Planner {
public:
    Planner(storage::GraphView& stats) : stats_(stats) {}

    Plan plan(ast::Statement& st) {
        Plan p;
        for (auto& q : st.queries) {
            for (auto& c : q.clauses) p.updates = p.updates || isUpdating(c.kind);
        }
        if (st.queries.size() == 1) {
            auto& q = st.queries[0];
            p.root = planQuery(q);
            p.columns = q.columns;
            p.columnSlots = q.columnSlots;
            p.slotCount = static_cast<size_t>(q.slotCount);
            return p;
        }
        std::vector<UnionOp::Branch> branches;
        for (auto& q : st.queries) {
            OperatorPtr root = planQuery(q);
            branches.push_back({std::move(root), q.columnSlots, static_cast<size_t>(q.slotCount)});
        }
        bool all = std::all_of(st.unionAll.begin(), st.unionAll.end(), [](bool b) { return b; });
        p.root = std::make_unique<UnionOp>(std::move(branches), !all);
        p.columns = st.queries[0].columns;
        for (size_t i = 0; i < p.columns.size(); ++i) p.columnSlots.push_back(static_cast<int>(i));
        p.slotCount = p.columns.size();
        return p;
    }

private:
    // True for exactly `MATCH <one pattern> RETURN ...` with no WHERE, OPTIONAL or RENDER:
    // the shape the statistics shortcuts below start from.
    static bool isSingleMatchReturn(const ast::SingleQuery& q) {
        if (q.clauses.size() != 2) return false;
        const auto& m = q.clauses[0];
        const auto& r = q.clauses[1];
        return m.kind == ast::ClauseKind::Match && !m.optional && !m.where &&
               m.pattern.size() == 1 && r.kind == ast::ClauseKind::Return && !r.render;
    }

    // MATCH of one plain node or relationship followed by RETURN count(...) alone: the store
    // keeps these counts.
    OperatorPtr planCountFromStatistics(ast::SingleQuery& q) {
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
        bool countVar = e.kind == ast::ExprKind::FunctionCall && lowerCase(e.name) == "count" &&
                        !e.distinct && e.children[0]->kind == ast::ExprKind::Variable;
        if (!countStar && !countVar) return nullptr;
        for (const auto& n : part.nodes) {
            if (n.properties || (part.rels.size() == 1 && !n.labels.empty())) return nullptr;
        }
        using What = CountFromStatisticsOp::What;
        if (part.rels.empty()) {
            const auto& n = part.nodes[0];
            if (n.labels.size() > 1 || (countVar && e.children[0]->slot != n.slot)) return nullptr;
            return std::make_unique<CountFromStatisticsOp>(
                n.labels.empty() ? What::Nodes : What::Label, n.labels.empty() ? "" : n.labels[0],
                p.items[0].slot);
        }
        const auto& rel = part.rels[0];
        if (rel.variableLength || rel.properties || rel.types.size() > 1 ||
            rel.direction == ast::Direction::Both || part.nodes[0].slot == part.nodes[1].slot ||
            (countVar && e.children[0]->slot != rel.slot)) {
            return nullptr;
        }
        return std::make_unique<CountFromStatisticsOp>(
            rel.types.empty() ? What::Relationships : What::Type,
            rel.types.empty() ? "" : rel.types[0], p.items[0].slot);
    }

    // MATCH ()-[r]->() RETURN type(r), count(*) [ORDER BY ...] [SKIP ...] [LIMIT ...]: the
    // store keeps the count of every relationship type.
    OperatorPtr planCountByType(ast::SingleQuery& q) {
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
            if (e.kind == ast::ExprKind::FunctionCall && e.function == "type" && isRel) {
                typeSlot = item.slot;
            } else if (e.kind == ast::ExprKind::CountStar ||
                       (e.kind == ast::ExprKind::FunctionCall && e.function == "count" &&
                        !e.distinct && isRel)) {
                countSlot = item.slot;
            }
        }
        if (typeSlot < 0 || countSlot < 0) return nullptr;
        OperatorPtr op = std::make_unique<CountByTypeOp>(typeSlot, countSlot);
        return planOrderSkipLimit(std::move(op), p);
    }

    OperatorPtr planQuery(ast::SingleQuery& q) {
        query_ = &q;
        if (auto op = planCountFromStatistics(q)) return op;
        if (auto op = planCountByType(q)) return op;
        for (auto& c : q.clauses) preparePatternExpressions(c);
        OperatorPtr op = std::make_unique<OnceOp>();
        SlotSet bound;
        bool reading = false;  // a reading clause ran since the last write
        bool wrote = false;
        inputWrites_ = false;
        for (auto& c : q.clauses) {
            bool updating = isUpdating(c.kind);
            if (updating && reading) op = wrap<EagerOp>(std::move(op));
            if (!updating && wrote && c.kind != ast::ClauseKind::Return &&
                c.kind != ast::ClauseKind::With) {
                op = wrap<EagerOp>(std::move(op));
                wrote = false;
            }
            if (updating) {
                reading = false;
                wrote = true;
            } else if (c.kind != ast::ClauseKind::Return) {
                reading = true;
            }
            op = planClause(std::move(op), c, bound);
            inputWrites_ = inputWrites_ || updating;
        }
        return op;
    }

    OperatorPtr planClause(OperatorPtr op, ast::Clause& c, SlotSet& bound) {
        switch (c.kind) {
            case ast::ClauseKind::Match:
                if (c.optional) return planOptionalMatch(std::move(op), c, bound);
                return planMatch(std::move(op), c.pattern, c.where.get(), bound);
            case ast::ClauseKind::Unwind:
                bound.insert(c.aliasSlot);
                return wrap<UnwindOp>(std::move(op), c.expr.get(), c.aliasSlot, c.alias);
            case ast::ClauseKind::With:
            case ast::ClauseKind::Return:
                return planProjection(std::move(op), c, bound);
            case ast::ClauseKind::Create: {
                std::vector<CreatePart> parts;
                for (auto& part : c.pattern) parts.push_back(createPart(*part, bound));
                op = wrap<CreateOp>(std::move(op), std::move(parts));
                for (auto& part : c.pattern) op = buildPath(std::move(op), *part, bound);
                return op;
            }
            case ast::ClauseKind::Merge: {
                auto& part = *c.pattern[0];
                SlotSet inner = bound;
                Subplan sub = subplanFor({c.pattern[0]}, nullptr, inner);
                CreatePart create = createPart(part, bound);
                op = wrap<MergeOp>(std::move(op), std::move(sub), std::move(create), &c);
                bound.insert(inner.begin(), inner.end());
                return buildPath(std::move(op), part, bound);
            }
            case ast::ClauseKind::Set:
                return wrap<SetOp>(std::move(op), &c.setItems);
            case ast::ClauseKind::Remove:
                return wrap<RemoveOp>(std::move(op), &c.removeItems);
            case ast::ClauseKind::Delete:
                return wrap<DeleteOp>(std::move(op), &c.deleteExprs, c.detach);
            case ast::ClauseKind::Call: {
                std::vector<const ast::Expr*> args;
                for (auto& a : c.args) args.push_back(a.get());
                std::vector<std::pair<std::string, int>> yields;
                for (auto& y : c.yields) {
                    yields.emplace_back(y.field, y.slot);
                    bound.insert(y.slot);
                }
                op = wrap<ProcedureCallOp>(std::move(op), c.procedure, std::move(args),
                                           std::move(yields));
                if (c.where) op = wrap<FilterOp>(std::move(op), c.where.get());
                if (query_->clauses.size() == 1) {
                    // A standalone CALL returns its outputs as columns.
                    query_->columns.clear();
                    query_->columnSlots.clear();
                    for (auto& y : c.yields) {
                        query_->columns.push_back(y.alias);
                        query_->columnSlots.push_back(y.slot);
                    }
                }
                return op;
            }
        }
        return op;
    }

    CreatePart createPart(const ast::PatternPart& part, SlotSet& bound) {
        CreatePart cp{&part, {}};
        for (const auto& n : part.nodes) {
            cp.newNodes.push_back(!bound.count(n.slot));
        }
        for (const auto& n : part.nodes) bound.insert(n.slot);
        for (const auto& r : part.rels) bound.insert(r.slot);
        return cp;
    }

    // --- MATCH ------------------------------------------------------------------------------

    OperatorPtr planOptionalMatch(OperatorPtr op, ast::Clause& c, SlotSet& bound) {
        SlotSet inner = bound;
        Subplan sub = subplanFor(c.pattern, c.where.get(), inner);
        std::vector<int> nullSlots;
        for (int s : inner) {
            if (!bound.count(s)) nullSlots.push_back(s);
        }
        bound = inner;
        return wrap<OptionalOp>(std::move(op), std::move(sub), std::move(nullSlots));
    }

    Subplan subplanFor(const std::vector<std::shared_ptr<ast::PatternPart>>& parts,
                       const ast::Expr* where, SlotSet& bound) {
        auto arg = std::make_unique<ArgumentOp>();
        Subplan sub;
        sub.argument = arg.get();
        sub.root = planMatch(std::move(arg), parts, where, bound);
        return sub;
    }

    OperatorPtr planMatch(OperatorPtr op,
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

    struct StartChoice {
        size_t index = 0;
        double cost = 0;
        NodeScanOp::Mode mode = NodeScanOp::Mode::All;
        std::string label;
        const ast::Expr* key = nullptr;
    };

    // The cheapest way to start at node `n` when it is not bound.
    StartChoice startCost(const ast::NodePattern& n, const SlotSet& bound, const Conjuncts& conj) {
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
                if (n.properties->keys[i] == "name" && subset(depsOf(*v), bound)) {
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
                if (isNameOf(l) && subset(depsOf(r), bound))
                    consider(1, NodeScanOp::Mode::Name, &r, "");
                if (isNameOf(r) && subset(depsOf(l), bound))
                    consider(1, NodeScanOp::Mode::Name, &l, "");
            } else if (c->op == ast::Op::StartsWith && isNameOf(l) && subset(depsOf(r), bound)) {
                consider(10, NodeScanOp::Mode::NamePrefix, &r, "");
            }
        }
        for (const auto& l : n.labels) {
            consider(static_cast<double>(stats_.labelCount(l)), NodeScanOp::Mode::Label, nullptr,
                     l);
        }
        return best;
    }

    // The WHERE conjuncts on a shortest path that hold element by element:
    // all|none(x IN relationships(p) WHERE cond) and all|none(x IN nodes(p) WHERE cond), with
    // cond reading only x and what is bound before the search. See ExpandSpec::pathPredicates.
    static std::vector<ExpandSpec::PathPredicate> pathPredicates(const ast::PatternPart& part,
                                                                 const SlotSet& bound,
                                                                 const Conjuncts& conj) {
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
            bool onNodes = list->function == "nodes";
            if (!onNodes && list->function != "relationships") continue;
            if (!c->children[1]) continue;
            SlotSet deps = depsOf(*c->children[1]);
            deps.erase(c->slot);
            if (!subset(deps, bound)) continue;
            out.push_back({c, onNodes});
        }
        return out;
    }

    OperatorPtr planPart(OperatorPtr op, const ast::PatternPart& part, SlotSet& bound,
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
    ExpandSpec hopSpec(const ast::PatternPart& part, size_t i, bool reversed, const SlotSet& bound,
                       const std::vector<int>& clauseRels) {
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

    OperatorPtr expandHop(OperatorPtr op, const ast::PatternPart& part, size_t i, bool reversed,
                          SlotSet& bound, Conjuncts& conj, std::vector<int>& clauseRels) {
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

    OperatorPtr buildPath(OperatorPtr op, const ast::PatternPart& part, SlotSet& bound,
                          Conjuncts* conj = nullptr) {
        if (part.pathSlot < 0) return op;
        std::vector<int> nodes, rels;
        for (const auto& n : part.nodes) nodes.push_back(n.slot);
        for (const auto& r : part.rels) rels.push_back(r.slot);
        op = wrap<BuildPathOp>(std::move(op), part.pathSlot, part.pathVariable, std::move(nodes),
                               std::move(rels));
        bound.insert(part.pathSlot);
        return conj ? conj->place(std::move(op), bound) : std::move(op);
    }

    // --- projections ------------------------------------------------------------------------

    static void collectAggregates(ast::Expr& e, std::vector<ast::Expr*>& out) {
        if (e.kind == ast::ExprKind::CountStar) {
            out.push_back(&e);
            return;
        }
        if (e.kind == ast::ExprKind::FunctionCall) {
            const FunctionInfo* f = findFunction(e.name);
            if (f && f->aggregate) {
                out.push_back(&e);
                return;
            }
        }
        for (auto& c : e.children) {
            if (c) collectAggregates(*c, out);
        }
    }

    OperatorPtr planOrderSkipLimit(OperatorPtr op, const ast::Projection& p) {
        if (!p.order.empty()) {
            std::vector<SortOp::Item> items;
            for (auto& s : p.order) items.push_back({s.expr.get(), s.descending});
            auto sort = std::make_unique<SortOp>(std::move(items));
            if (p.limit) sort->setTopK(p.skip.get(), p.limit.get());
            sort->setInput(std::move(op));
            op = std::move(sort);
        }
        if (p.skip) op = wrap<SkipLimitOp>(std::move(op), p.skip.get(), false);
        if (p.limit) op = wrap<SkipLimitOp>(std::move(op), p.limit.get(), true, inputWrites_);
        return op;
    }

    // True if `e` reads one of `slots` outside the arguments of the aggregate calls `calls`.
    static bool readsOutside(const ast::Expr& e, const SlotSet& slots,
                             const std::vector<const ast::Expr*>& calls) {
        if (std::find(calls.begin(), calls.end(), &e) != calls.end()) return false;
        if (e.kind == ast::ExprKind::Variable && slots.count(e.slot)) return true;
        if (e.pattern || e.subplan) {
            SlotSet deps = depsOf(e);
            for (int s : slots) {
                if (deps.count(s)) return true;
            }
        }
        for (const auto& c : e.children) {
            if (c && readsOutside(*c, slots, calls)) return true;
        }
        return false;
    }

    // An aggregation straight after a hop whose relationship and far node are read by nothing
    // but count(): `MATCH (a)-[r]->() RETURN a.name, count(r)`. The hop's rows differ only in
    // those two slots, so the aggregation needs how many there are per input row, not the
    // rows: the hop becomes a DegreeExpandOp (one index count per node instead of a row per
    // relationship) and AggregateOp weighs each row by the degree. Any other aggregate reads
    // only earlier slots, so adding its value `degree` times is what the rows would give.
    // Exact whenever it applies: the hop must check nothing per relationship.
    OperatorPtr countHopByDegree(OperatorPtr op, const ast::Projection& p,
                                 std::vector<AggregateOp::Agg>& aggs, int& weightSlot) {
        auto* expand = dynamic_cast<ExpandOp*>(op.get());
        if (!expand) return op;
        const ExpandSpec& s = expand->spec();
        if (s.toBound || s.relBound || !s.toFilter.empty() || s.relProperties ||
            !s.otherRelSlots.empty() || s.relSlot == s.toSlot) {
            return op;
        }
        SlotSet hop{s.relSlot, s.toSlot};
        std::vector<bool> countsRows(aggs.size(), false);
        std::vector<const ast::Expr*> counted;  // count(x) of a hop slot: counts rows
        for (size_t i = 0; i < aggs.size(); ++i) {
            const auto& call = *aggs[i].call;
            if (call.kind == ast::ExprKind::CountStar) continue;
            bool countOfHop = call.kind == ast::ExprKind::FunctionCall &&
                              call.function == "count" && !call.distinct &&
                              call.children.size() == 1 &&
                              call.children[0]->kind == ast::ExprKind::Variable &&
                              hop.count(call.children[0]->slot);
            if (countOfHop) {
                countsRows[i] = true;
                counted.push_back(&call);
            } else if (readsOutside(call, hop, {})) {
                return op;
            }
        }
        for (const auto& item : p.items) {
            if (readsOutside(*item.expr, hop, counted)) return op;
        }
        for (const auto& o : p.order) {
            if (readsOutside(*o.expr, hop, counted)) return op;
        }
        for (size_t i = 0; i < aggs.size(); ++i) aggs[i].countsRows = countsRows[i];
        weightSlot = query_->slotCount++;
        ExpandSpec spec = s;
        OperatorPtr input = expand->takeInput();
        return wrap<DegreeExpandOp>(std::move(input), std::move(spec), weightSlot);
    }

    OperatorPtr planProjection(OperatorPtr op, ast::Clause& c, SlotSet& bound) {
        auto& p = c.projection;
        bool aggregating = false;
        for (auto& item : p.items) aggregating = aggregating || containsAggregate(*item.expr);
        if (aggregating) {
            std::vector<AggregateOp::Key> keys;
            std::vector<AggregateOp::Agg> aggs;
            std::vector<ProjectionOp::Item> after;
            for (auto& item : p.items) {
                if (!containsAggregate(*item.expr)) {
                    int source = item.expr->kind == ast::ExprKind::Variable ? item.expr->slot : -1;
                    keys.push_back({item.expr.get(), item.slot, source});
                    continue;
                }
                std::vector<ast::Expr*> calls;
                collectAggregates(*item.expr, calls);
                for (auto* call : calls) {
                    call->slot = query_->slotCount++;
                    aggs.push_back({call});
                }
                after.push_back({item.expr.get(), item.slot, item.alias});
            }
            int weightSlot = -1;
            op = countHopByDegree(std::move(op), p, aggs, weightSlot);
            // Workers evaluate the keys and arguments too (AggregateOp::setParallelScan).
            bool safe = true;
            for (const auto& k : keys) safe = safe && threadSafeExpr(k.expr);
            for (const auto& a : aggs) {
                for (const auto& child : a.call->children)
                    safe = safe && threadSafeExpr(child.get());
            }
            const Operator* scan = safe ? parallelNodeScan(op.get()) : nullptr;
            op = wrap<AggregateOp>(std::move(op), std::move(keys), std::move(aggs), weightSlot);
            if (scan) static_cast<AggregateOp*>(op.get())->setParallelScan(scan);
            op = wrap<ProjectionOp>(std::move(op), std::move(after));
        } else {
            std::vector<ProjectionOp::Item> items;
            for (auto& item : p.items) items.push_back({item.expr.get(), item.slot, item.alias});
            op = wrap<ProjectionOp>(std::move(op), std::move(items));
        }
        if (p.distinct) {
            std::vector<int> slots;
            for (auto& item : p.items) slots.push_back(item.slot);
            op = wrap<DistinctOp>(std::move(op), std::move(slots));
        }
        op = planOrderSkipLimit(std::move(op), p);
        bound.clear();
        for (auto& item : p.items) bound.insert(item.slot);
        if (c.where) op = wrap<FilterOp>(std::move(op), c.where.get());
        return op;
    }

    // --- pattern expressions ----------------------------------------------------------------

    void preparePatternExpressions(ast::Clause& c) {
        auto visit = [&](ast::Expr* e) {
            if (e) prepareExpr(*e);
        };
        visit(c.where.get());
        visit(c.expr.get());
        for (auto& part : c.pattern) preparePart(*part);
        for (auto& i : c.projection.items) visit(i.expr.get());
        for (auto& s : c.projection.order) visit(s.expr.get());
        visit(c.projection.skip.get());
        visit(c.projection.limit.get());
        for (auto* items : {&c.setItems, &c.onCreate, &c.onMatch}) {
            for (auto& s : *items) {
                visit(s.target.get());
                visit(s.value.get());
            }
        }
        for (auto& r : c.removeItems) visit(r.target.get());
        for (auto& e : c.deleteExprs) visit(e.get());
        for (auto& e : c.args) visit(e.get());
    }

    void preparePart(ast::PatternPart& part) {
        for (auto& n : part.nodes) {
            if (n.properties) prepareExpr(*n.properties);
        }
        for (auto& r : part.rels) {
            if (r.properties) prepareExpr(*r.properties);
        }
    }

    void prepareExpr(ast::Expr& e) {
        for (auto& c : e.children) {
            if (c) prepareExpr(*c);
        }
        if (!e.pattern) return;
        preparePart(*e.pattern);
        SlotSet bound;
        for (const auto& n : e.pattern->nodes) {
            if (n.outerBound) bound.insert(n.slot);
        }
        auto sub = std::make_shared<Subplan>(subplanFor({e.pattern}, nullptr, bound));
        e.subplan = std::move(sub);
    }

    storage::GraphView& stats_;
    ast::SingleQuery* query_ = nullptr;
    bool inputWrites_ = false;  // a clause planned so far in this query writes
};

}  // namespace

Plan planStatement(ast::Statement& statement, storage::GraphView& stats) {
    Planner planner(stats);
    return planner.plan(statement);
}

}  // namespace kgraph::query
