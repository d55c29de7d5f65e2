#include "engine/query/bind/binder.h"

#include <cmath>
#include <map>
#include <set>

#include "engine/common/error.h"
#include "engine/query/execute/functions.h"
#include "engine/query/execute/procedures.h"
#include "engine/query/parse/parser.h"

namespace kgraph::query {

namespace {

// What the binder knows a variable holds. Value: anything; Scalar: a value known not to be a
// node or relationship (a literal, list or map written in the query).
enum class VarKind { Node, Relationship, RelationshipList, Path, Value, Scalar };

const char* kindName(VarKind k) {
    switch (k) {
        case VarKind::Node:
            return "a node";
        case VarKind::Relationship:
            return "a relationship";
        case VarKind::RelationshipList:
            return "a list of relationships";
        case VarKind::Path:
            return "a path";
        case VarKind::Value:
            return "a value";
        case VarKind::Scalar:
            return "a literal value";
    }
    return "?";
}

struct VarInfo {
    int slot;
    VarKind kind;
    bool anonymous = false;
};

using Scope = std::map<std::string, VarInfo>;

// Bounds that keep every recursive pass after binding (planner, evaluator) inside the stack.
constexpr int kMaxExprDepth = 2500;  // above the parser's 2,000 operands in a row
constexpr size_t kMaxQueryElements = 4500;

class Binder {
public:
    explicit Binder(std::string_view text) : text_(text) {}

    void bindQuery(ast::SingleQuery& q) {
        nextSlot_ = 0;
        anonCounter_ = 0;
        Scope scope;
        checkClauseOrder(q);
        for (auto& c : q.clauses) bindClause(c, scope, q);
        if (q.clauses.size() == 1 && q.clauses[0].kind == ast::ClauseKind::Call) {
            // A standalone CALL returns its outputs as columns.
            q.columns.clear();
            q.columnSlots.clear();
            for (const auto& y : q.clauses[0].yields) {
                q.columns.push_back(y.alias);
                q.columnSlots.push_back(y.slot);
            }
        }
        q.slotCount = nextSlot_;
    }

private:
    [[noreturn]] void fail(ast::Position pos, const std::string& msg) {
        throw Error(locatedMessage("semantic error", text_, pos, msg));
    }

    // An empty label, relationship type or property key could be stored but never read back
    // by name: every clause that writes one refuses it (storage refuses it too, as the last
    // guard, for names that only exist at run time such as a parameter map's keys).
    void noEmptyName(ast::Position pos, std::string_view name, const char* what) {
        if (name.empty()) fail(pos, std::string("an empty ") + what + " (``) cannot be written");
    }
    void noEmptyKeys(const ast::ExprPtr& map) {
        if (!map || map->kind != ast::ExprKind::MapLiteral) return;
        for (const auto& k : map->keys) noEmptyName(map->pos, k, "property key");
    }

    int newSlot() { return nextSlot_++; }

    void checkClauseOrder(const ast::SingleQuery& q) {
        for (size_t i = 0; i < q.clauses.size(); ++i) {
            const auto& c = q.clauses[i];
            bool last = i + 1 == q.clauses.size();
            if (c.kind == ast::ClauseKind::Return && !last) {
                fail(q.clauses[i + 1].pos,
                     std::string(ast::clauseName(q.clauses[i + 1].kind)) +
                         " cannot follow RETURN: RETURN must be the last clause");
            }
            if (last && c.kind != ast::ClauseKind::Return && !isUpdating(c.kind) &&
                !(c.kind == ast::ClauseKind::Call && q.clauses.size() == 1)) {
                fail(c.pos, std::string("a query cannot end with ") + ast::clauseName(c.kind) +
                                " (add a RETURN clause)");
            }
            if (c.kind == ast::ClauseKind::Match && !c.optional && i > 0 &&
                q.clauses[i - 1].kind == ast::ClauseKind::Match && q.clauses[i - 1].optional) {
                // allowed in openCypher; nothing to check
            }
        }
    }

    void bindClause(ast::Clause& c, Scope& scope, ast::SingleQuery& q) {
        clauseRels_.clear();
        switch (c.kind) {
            case ast::ClauseKind::Match:
                for (auto& part : c.pattern) bindPatternPart(*part, scope, PatternUse::Match);
                if (c.where) bindPredicate(*c.where, scope, "WHERE");
                break;
            case ast::ClauseKind::Unwind:
                bindExpr(*c.expr, scope);
                noAggregate(*c.expr, "UNWIND");
                c.aliasSlot = declare(scope, c.alias, VarKind::Value, c.pos);
                break;
            case ast::ClauseKind::With:
            case ast::ClauseKind::Return:
                bindProjection(c, scope, q);
                break;
            case ast::ClauseKind::Create:
                for (auto& part : c.pattern) {
                    if (part->rels.empty() && !part->nodes[0].variable.empty() &&
                        scope.count(part->nodes[0].variable)) {
                        fail(part->nodes[0].pos, "variable `" + part->nodes[0].variable +
                                                     "` is already declared: CREATE cannot "
                                                     "create it again");
                    }
                    bindPatternPart(*part, scope, PatternUse::Create);
                }
                break;
            case ast::ClauseKind::Merge:
                bindPatternPart(*c.pattern[0], scope, PatternUse::Merge);
                for (auto& s : c.onCreate) bindSetItem(s, scope);
                for (auto& s : c.onMatch) bindSetItem(s, scope);
                break;
            case ast::ClauseKind::Set:
                for (auto& s : c.setItems) bindSetItem(s, scope);
                break;
            case ast::ClauseKind::Remove:
                for (auto& r : c.removeItems) {
                    if (r.kind == ast::RemoveItem::Kind::Property) {
                        bindExpr(*r.target, scope);
                    } else {
                        r.slot = lookup(scope, r.variable, r.pos).slot;
                    }
                }
                break;
            case ast::ClauseKind::Delete:
                for (auto& e : c.deleteExprs) {
                    bindExpr(*e, scope);
                    noAggregate(*e, "DELETE");
                    switch (e->kind) {
                        case ast::ExprKind::Literal:
                        case ast::ExprKind::Unary:
                        case ast::ExprKind::Binary:
                        case ast::ExprKind::HasLabels:
                        case ast::ExprKind::MapLiteral:
                        case ast::ExprKind::IsNull:
                            fail(e->pos, "DELETE expects a node, relationship or path, not " +
                                             e->text +
                                             (e->kind == ast::ExprKind::HasLabels
                                                  ? " (use REMOVE to remove labels)"
                                                  : ""));
                        default:
                            break;
                    }
                }
                break;
            case ast::ClauseKind::Call:
                bindCall(c, scope);
                break;
        }
    }

    // --- patterns ---------------------------------------------------------------------------

    enum class PatternUse { Match, Create, Merge, Predicate, Comprehension };

    void bindPatternPart(ast::PatternPart& part, Scope& scope, PatternUse use) {
        bool creating = use == PatternUse::Create || use == PatternUse::Merge;
        auto noParameterMap = [&](const ast::ExprPtr& props, ast::Position pos) {
            if (props && props->kind == ast::ExprKind::Parameter && use == PatternUse::Match) {
                fail(pos, "a parameter cannot be used as a property map in MATCH: $" + props->name +
                              " (write {key: $param})");
            }
        };
        for (auto& n : part.nodes) {
            noParameterMap(n.properties, n.pos);
            if (creating) {
                for (const auto& l : n.labels) noEmptyName(n.pos, l, "label");
                noEmptyKeys(n.properties);
            }
            if (n.properties) bindExpr(*n.properties, scope);
            if (n.variable.empty()) {
                n.variable = "  anon_" + std::to_string(anonCounter_++);
                n.anonymous = true;
            }
            auto it = scope.find(n.variable);
            if (it != scope.end()) {
                if (it->second.kind != VarKind::Node && it->second.kind != VarKind::Value) {
                    fail(n.pos, "variable `" + n.variable + "` is " + kindName(it->second.kind) +
                                    ", not a node");
                }
                if (creating && use == PatternUse::Create && (!n.labels.empty() || n.properties)) {
                    fail(n.pos, "variable `" + n.variable +
                                    "` is already declared: CREATE cannot add labels or "
                                    "properties to it");
                }
                n.slot = it->second.slot;
                n.outerBound = use == PatternUse::Predicate || use == PatternUse::Comprehension;
            } else {
                if (use == PatternUse::Predicate && !n.anonymous) {
                    fail(n.pos, "variable `" + n.variable +
                                    "` is not defined (a pattern predicate cannot introduce "
                                    "variables)");
                }
                n.slot = newSlot();
                scope[n.variable] = {n.slot, VarKind::Node, n.anonymous};
            }
        }
        for (auto& r : part.rels) {
            noParameterMap(r.properties, r.pos);
            if (r.properties) bindExpr(*r.properties, scope);
            if (creating) {
                if (r.types.size() != 1) {
                    fail(r.pos, std::string(use == PatternUse::Create ? "CREATE" : "MERGE") +
                                    " needs exactly one relationship type, e.g. -[:KNOWS]->");
                }
                if (r.variableLength) {
                    fail(r.pos, "a variable-length relationship cannot be created");
                }
                noEmptyName(r.pos, r.types[0], "relationship type");
                noEmptyKeys(r.properties);
                if (use == PatternUse::Create && r.direction == ast::Direction::Both) {
                    fail(r.pos, "CREATE needs a relationship direction, e.g. -[:KNOWS]->");
                }
            }
            if (r.variable.empty()) {
                r.variable = "  anon_" + std::to_string(anonCounter_++);
                r.anonymous = true;
            }
            auto known = scope.find(r.variable);
            if (known != scope.end()) {
                // MATCH may name a relationship bound earlier: it must be that relationship.
                // A variable-length one may name a list of relationships bound earlier: it
                // must be exactly that walk.
                VarKind k = known->second.kind;
                bool listKind =
                    k == VarKind::RelationshipList || k == VarKind::Value || k == VarKind::Scalar;
                bool reusable = use == PatternUse::Match && !clauseRels_.count(r.variable) &&
                                (r.variableLength ? listKind : k == VarKind::Relationship);
                if (!reusable) fail(r.pos, "variable `" + r.variable + "` is already declared");
                r.slot = known->second.slot;
                continue;
            }
            r.slot = newSlot();
            clauseRels_.insert(r.variable);
            scope[r.variable] = {
                r.slot, r.variableLength ? VarKind::RelationshipList : VarKind::Relationship,
                r.anonymous};
        }
        if (!part.pathVariable.empty()) {
            if (scope.count(part.pathVariable)) {
                fail(part.pos, "variable `" + part.pathVariable + "` is already declared");
            }
            part.pathSlot = newSlot();
            scope[part.pathVariable] = {part.pathSlot, VarKind::Path};
        }
        if (part.kind != ast::PathKind::Normal) {
            auto& r = part.rels[0];
            if (!r.variableLength || r.minHops > 1) {
                fail(r.pos,
                     "shortestPath() needs a variable-length relationship with a lower bound "
                     "of 0 or 1, e.g. -[*..6]-");
            }
        }
    }

    // --- set items --------------------------------------------------------------------------

    void bindSetItem(ast::SetItem& s, Scope& scope) {
        for (const auto& l : s.labels) noEmptyName(s.pos, l, "label");
        if (s.kind == ast::SetItem::Kind::Property) {
            if (s.target->kind == ast::ExprKind::Property)
                noEmptyName(s.target->pos, s.target->name, "property key");
            bindExpr(*s.target, scope);
        } else {
            s.slot = lookup(scope, s.variable, s.pos).slot;
        }
        if (s.value) {
            if (s.kind != ast::SetItem::Kind::Property) noEmptyKeys(s.value);
            bindExpr(*s.value, scope);
            noAggregate(*s.value, "SET");
        }
    }

    // --- projections ------------------------------------------------------------------------

    void bindProjection(ast::Clause& c, Scope& scope, ast::SingleQuery& q) {
        auto& p = c.projection;
        bool isWith = c.kind == ast::ClauseKind::With;
        std::string clause = isWith ? "WITH" : "RETURN";
        // `*` expands to every named variable in scope, in name order.
        if (p.star) {
            std::vector<ast::ProjectionItem> expanded;
            for (const auto& [name, info] : scope) {
                if (info.anonymous) continue;
                ast::ProjectionItem item;
                item.expr = std::make_unique<ast::Expr>();
                item.expr->kind = ast::ExprKind::Variable;
                item.expr->name = name;
                item.expr->pos = c.pos;
                item.alias = name;
                item.hasAlias = true;
                expanded.push_back(std::move(item));
            }
            if (expanded.empty() && p.items.empty() && !isWith) {
                fail(c.pos, clause + " * needs at least one variable in scope");
            }
            for (auto& i : p.items) expanded.push_back(std::move(i));
            p.items = std::move(expanded);
            p.star = false;
        }
        bool aggregating = false;
        for (auto& item : p.items) {
            bindExpr(*item.expr, scope);
            checkNestedAggregates(*item.expr, false);
            aggregating = aggregating || containsAggregate(*item.expr);
            if (isWith && !item.hasAlias && item.expr->kind != ast::ExprKind::Variable) {
                fail(item.expr->pos, "expression in WITH must be aliased (use AS): " + item.alias);
            }
            if (item.expr->kind == ast::ExprKind::Variable && !item.hasAlias) {
                item.alias = item.expr->name;
            }
        }
        if (aggregating) {
            std::vector<const ast::Expr*> keys;
            for (auto& item : p.items) {
                if (!containsAggregate(*item.expr)) keys.push_back(item.expr.get());
            }
            for (auto& item : p.items) {
                if (containsAggregate(*item.expr)) checkGroupedUse(*item.expr, keys);
            }
        }
        // New scope: the projected names.
        Scope next;
        std::set<std::string> seen;
        for (auto& item : p.items) {
            if (!seen.insert(item.alias).second) {
                fail(item.expr->pos, "multiple result columns with the same name: " + item.alias);
            }
            item.slot = newSlot();
            VarKind kind = VarKind::Value;
            bool scalar =
                (item.expr->kind == ast::ExprKind::Literal && !item.expr->value.isNull()) ||
                item.expr->kind == ast::ExprKind::ListLiteral ||
                item.expr->kind == ast::ExprKind::MapLiteral;
            if (scalar) kind = VarKind::Scalar;
            if (item.expr->kind == ast::ExprKind::Variable) {
                auto it = scope.find(item.expr->name);
                if (it != scope.end()) kind = it->second.kind;
            }
            next[item.alias] = {item.slot, kind};
        }
        // After grouping only the keys survive: an aggregating item reads a key it repeats
        // (e.g. `n.x` in `RETURN n.x, n.x + count(*)`) from the key's slot. Each aggregate
        // call gets the slot its result is kept in. Rows going into the aggregation never
        // hold a result, so the first result's slot doubles as the slot for row weights (a
        // slot of its own would widen every row of every aggregating query).
        if (aggregating) {
            for (auto& item : p.items) {
                if (!containsAggregate(*item.expr)) continue;
                for (auto& key : p.items) {
                    if (!containsAggregate(*key.expr)) replaceKey(item.expr, key);
                }
            }
            p.weightSlot = nextSlot_;  // the first aggregate's, given next
            for (auto& item : p.items) giveAggregateSlots(*item.expr);
        }
        // ORDER BY sees the projected names, and the earlier ones unless the projection
        // aggregates or is DISTINCT; there an expression written like a projected one names it.
        Scope orderScope = next;
        if (!aggregating && !p.distinct) {
            for (const auto& [name, info] : scope) orderScope.emplace(name, info);
        }
        for (auto& s : p.order) {
            if (aggregating || p.distinct) replaceProjected(s.expr, p.items);
            bindExpr(*s.expr, orderScope);
            checkNestedAggregates(*s.expr, false);
            if (containsAggregate(*s.expr)) {
                fail(s.expr->pos,
                     "aggregate functions are not allowed in ORDER BY unless they "
                     "are projected: " +
                         s.expr->text);
            }
        }
        if (p.skip) bindConstant(*p.skip, "SKIP");
        if (p.limit) bindConstant(*p.limit, "LIMIT");
        if (c.where) bindPredicate(*c.where, orderScope, "WHERE");
        scope = std::move(next);
        if (!isWith) {
            q.columns.clear();
            q.columnSlots.clear();
            for (auto& item : p.items) {
                q.columns.push_back(item.alias);
                q.columnSlots.push_back(item.slot);
            }
        }
    }

    // Gives each aggregate call in `e` (outside nested aggregates, which are an error) the
    // slot of its result, in the order the calls are written.
    void giveAggregateSlots(ast::Expr& e) {
        if (isAggregateCall(e)) {
            e.slot = newSlot();
            return;
        }
        for (auto& c : e.children) {
            if (c) giveAggregateSlots(*c);
        }
    }

    // In an expression with aggregates, anything read outside the aggregates must be one of
    // the grouping keys (or built from constants).
    void checkGroupedUse(const ast::Expr& e, const std::vector<const ast::Expr*>& keys) {
        if (isAggregateCall(e)) return;
        for (const auto* k : keys) {
            if (!e.text.empty() && e.text == k->text) return;
            if (e.kind == ast::ExprKind::Variable && k->kind == ast::ExprKind::Variable &&
                k->slot == e.slot) {
                return;
            }
        }
        if (e.kind == ast::ExprKind::Variable) {
            fail(e.pos, "variable `" + e.name +
                            "` is used next to an aggregate but is not a grouping key "
                            "(project it on its own, e.g. WITH " +
                            e.name + ", count(*) AS n)");
        }
        if (e.kind == ast::ExprKind::ListComprehension || e.kind == ast::ExprKind::Quantifier ||
            e.pattern) {
            return;
        }
        for (const auto& c : e.children) {
            if (c) checkGroupedUse(*c, keys);
        }
    }

    static void replaceKey(ast::ExprPtr& e, const ast::ProjectionItem& key) {
        if (!e || isAggregateCall(*e)) return;
        if (!e->text.empty() && e->text == key.expr->text) {
            auto v = std::make_unique<ast::Expr>();
            v->kind = ast::ExprKind::Variable;
            v->name = key.alias;
            v->pos = e->pos;
            v->text = e->text;
            v->slot = key.slot;
            e = std::move(v);
            return;
        }
        if (e->kind == ast::ExprKind::ListComprehension || e->kind == ast::ExprKind::Quantifier ||
            e->pattern) {
            return;
        }
        for (auto& c : e->children) replaceKey(c, key);
    }

    // Replaces each sub-expression written like a projected item by a reference to the item.
    static void replaceProjected(ast::ExprPtr& e, const std::vector<ast::ProjectionItem>& items) {
        if (!e) return;
        if (e->kind != ast::ExprKind::Variable && !e->text.empty()) {
            for (const auto& item : items) {
                if (item.expr->text == e->text) {
                    auto v = std::make_unique<ast::Expr>();
                    v->kind = ast::ExprKind::Variable;
                    v->name = item.alias;
                    v->pos = e->pos;
                    v->text = e->text;
                    e = std::move(v);
                    return;
                }
            }
        }
        if (e->kind == ast::ExprKind::ListComprehension || e->kind == ast::ExprKind::Quantifier ||
            e->pattern) {
            return;
        }
        for (auto& c : e->children) replaceProjected(c, items);
    }

    void bindConstant(ast::Expr& e, const std::string& clause) {
        Scope empty;
        try {
            bindExpr(e, empty);
        } catch (const Error&) {
            fail(e.pos, clause + " must be a constant or a parameter: " + e.text);
        }
        // A number written here is checked now; a parameter's value when the query runs.
        const ast::Expr* lit = &e;
        bool negated = false;
        if (e.kind == ast::ExprKind::Unary && e.op == ast::Op::Negate &&
            e.children[0]->kind == ast::ExprKind::Literal) {
            lit = e.children[0].get();
            negated = true;
        }
        if (lit->kind != ast::ExprKind::Literal) return;
        const Value& v = lit->value;
        bool integral = v.isInt() ||
                        (v.isFloat() && std::isfinite(v.asFloat()) &&
                         std::trunc(v.asFloat()) == v.asFloat() && std::fabs(v.asFloat()) < 9.2e18);
        bool negative = v.isNumber() && (negated ? v.asNumber() > 0 : v.asNumber() < 0);
        if (!integral || negative) {
            fail(e.pos, clause + " expects a non-negative integer, got " + e.text);
        }
    }

    void bindPredicate(ast::Expr& e, Scope& scope, const std::string& clause) {
        bindExpr(e, scope);
        noAggregate(e, clause);
    }

    void noAggregate(const ast::Expr& e, const std::string& clause) {
        if (containsAggregate(e)) {
            fail(e.pos, "aggregate functions are not allowed in " + clause + ": " +
                            (e.text.empty() ? "here" : e.text));
        }
    }

    void checkNestedAggregates(const ast::Expr& e, bool inside) {
        bool agg = isAggregateCall(e);
        if (agg && inside) {
            fail(e.pos, "aggregate functions cannot be nested: " + e.name + "(...)");
        }
        if (inside && e.kind == ast::ExprKind::FunctionCall && !e.function->deterministic) {
            fail(e.pos, std::string(e.function->name) +
                            "() cannot be used inside an aggregate function: the aggregate "
                            "would not be deterministic (compute it in a WITH before "
                            "aggregating)");
        }
        for (const auto& c : e.children) {
            if (c) checkNestedAggregates(*c, inside || agg);
        }
    }

    // --- calls ------------------------------------------------------------------------------

    void bindCall(ast::Clause& c, Scope& scope) {
        const ProcedureInfo* proc = findProcedure(c.procedure);
        if (!proc) fail(c.pos, "unknown procedure: " + c.procedure);
        c.procedureInfo = proc;
        if (c.hasArgs && (c.args.size() < proc->minArgs || c.args.size() > proc->maxArgs)) {
            std::string count = std::to_string(proc->minArgs);
            if (proc->maxArgs != proc->minArgs) count += " to " + std::to_string(proc->maxArgs);
            fail(c.pos, "procedure " + proc->name + " takes " + count + " argument(s), got " +
                            std::to_string(c.args.size()) + ": " + proc->signature);
        }
        if (!c.hasArgs && proc->minArgs > 0) {
            fail(c.pos, "procedure " + proc->name + " needs arguments: " + proc->signature);
        }
        for (auto& a : c.args) bindExpr(*a, scope);
        if (c.yields.empty()) {
            // CALL without YIELD (or YIELD *) returns every output field.
            for (const auto& o : proc->outputs) c.yields.push_back({o, o, -1});
        }
        for (auto& y : c.yields) {
            bool known = false;
            for (const auto& o : proc->outputs) known = known || o == y.field;
            if (!known) fail(c.pos, "procedure " + proc->name + " has no output " + y.field);
            y.slot = declare(scope, y.alias, VarKind::Value, c.pos);
        }
        if (c.where) bindPredicate(*c.where, scope, "WHERE");
    }

    // --- expressions ------------------------------------------------------------------------

    const VarInfo& lookup(Scope& scope, const std::string& name, ast::Position pos) {
        auto it = scope.find(name);
        if (it == scope.end()) fail(pos, "variable `" + name + "` is not defined");
        return it->second;
    }

    int declare(Scope& scope, const std::string& name, VarKind kind, ast::Position pos) {
        if (scope.count(name)) fail(pos, "variable `" + name + "` is already declared");
        int slot = newSlot();
        scope[name] = {slot, kind};
        return slot;
    }

    void bindExpr(ast::Expr& e, Scope& scope) {
        // Chains (a.b.c…, x[0][0]…, 1 + 1 + …) nest without parentheses: the parser's nesting
        // check does not see them. Every later pass recurses the same way, so one bound here,
        // before recursing, protects them all.
        struct Depth {
            int& depth;
            ~Depth() { --depth; }
        } depth{++exprDepth_};
        if (exprDepth_ > kMaxExprDepth) {
            fail(e.pos, "the expression is nested too deeply (more than " +
                            std::to_string(kMaxExprDepth) + " levels)");
        }
        switch (e.kind) {
            case ast::ExprKind::Variable:
                e.slot = lookup(scope, e.name, e.pos).slot;
                return;
            case ast::ExprKind::Property: {
                const auto& target = *e.children[0];
                if (target.kind == ast::ExprKind::Variable) {
                    const VarInfo& v = lookup(scope, target.name, target.pos);
                    if (v.kind == VarKind::Path || v.kind == VarKind::RelationshipList) {
                        fail(e.pos, "type error: `" + target.name + "` is " + kindName(v.kind) +
                                        ", which has no properties (." + e.name + ")");
                    }
                }
                break;
            }
            case ast::ExprKind::FunctionCall: {
                // Resolved once, here: the evaluator calls e.function's implementation.
                const FunctionInfo* f = findFunction(e.name);
                if (!f) {
                    std::string hint = similarFunction(e.name);
                    fail(e.pos, "unknown function: " + e.name + "()" +
                                    (hint.empty() ? "" : "; did you mean " + hint + "()?"));
                }
                e.function = f;
                int n = static_cast<int>(e.children.size());
                if (n < f->minArgs || (f->maxArgs >= 0 && n > f->maxArgs)) {
                    std::string expected =
                        f->minArgs == f->maxArgs ? std::to_string(f->minArgs)
                        : f->maxArgs < 0
                            ? "at least " + std::to_string(f->minArgs)
                            : std::to_string(f->minArgs) + " to " + std::to_string(f->maxArgs);
                    fail(e.pos, "function " + e.name + "() takes " + expected +
                                    " argument(s), got " + std::to_string(n));
                }
                if (e.distinct && !f->aggregate()) {
                    fail(e.pos, "DISTINCT is only allowed in aggregate functions, not in " +
                                    e.name + "()");
                }
                break;
            }
            case ast::ExprKind::ListComprehension:
            case ast::ExprKind::Quantifier: {
                bindExpr(*e.children[0], scope);
                Scope inner = scope;
                e.slot = newSlot();
                inner[e.variable] = {e.slot, VarKind::Value};
                for (size_t i = 1; i < e.children.size(); ++i) {
                    if (e.children[i]) bindExpr(*e.children[i], inner);
                }
                return;
            }
            case ast::ExprKind::PatternPredicate:
            case ast::ExprKind::PatternComprehension: {
                Scope inner = scope;
                bindPatternPart(*e.pattern, inner,
                                e.kind == ast::ExprKind::PatternPredicate
                                    ? PatternUse::Predicate
                                    : PatternUse::Comprehension);
                for (auto& c : e.children) {
                    if (c) bindExpr(*c, inner);
                }
                return;
            }
            case ast::ExprKind::Unary:
            case ast::ExprKind::Binary:
                if (e.op == ast::Op::Not || e.op == ast::Op::And || e.op == ast::Op::Or ||
                    e.op == ast::Op::Xor) {
                    for (const auto& c : e.children) booleanOperand(*c, ast::opText(e.op));
                }
                break;
            default:
                break;
        }
        for (auto& c : e.children) {
            if (c) bindExpr(*c, scope);
        }
    }

    // An operand of NOT/AND/OR/XOR written as a literal that is not a boolean (or null) can
    // never work: say so before running anything.
    void booleanOperand(const ast::Expr& operand, const std::string& op) {
        std::string got;
        switch (operand.kind) {
            case ast::ExprKind::Literal:
                if (operand.value.isNull() || operand.value.isBool()) return;
                got = typeName(operand.value.type());
                break;
            case ast::ExprKind::ListLiteral:
                got = "List";
                break;
            case ast::ExprKind::MapLiteral:
                got = "Map";
                break;
            default:
                return;
        }
        fail(operand.pos,
             "type error: " + op + " expects a Boolean, got " + got + " " + operand.text);
    }

    static bool isAggregateCall(const ast::Expr& e) {
        if (e.kind == ast::ExprKind::CountStar) return true;
        if (e.kind != ast::ExprKind::FunctionCall) return false;
        return e.function && e.function->aggregate();
    }

    std::string_view text_;
    int nextSlot_ = 0;
    int anonCounter_ = 0;
    int exprDepth_ = 0;
    std::set<std::string> clauseRels_;  // relationship variables declared by the current clause
};

}  // namespace

bool containsAggregate(const ast::Expr& e) {
    if (e.kind == ast::ExprKind::CountStar) return true;
    if (e.kind == ast::ExprKind::FunctionCall && e.function && e.function->aggregate()) {
        return true;
    }
    for (const auto& c : e.children) {
        if (c && containsAggregate(*c)) return true;
    }
    return false;
}

bool isUpdating(ast::ClauseKind k) {
    return k == ast::ClauseKind::Create || k == ast::ClauseKind::Merge ||
           k == ast::ClauseKind::Set || k == ast::ClauseKind::Remove ||
           k == ast::ClauseKind::Delete;
}

void bindStatement(ast::Statement& statement, std::string_view text) {
    // Every clause, pattern element and UNION part becomes an operator (or a level of one)
    // that execution nests: bound their number before planning recurses over them.
    size_t elements = statement.queries.size();
    for (const auto& q : statement.queries) {
        for (const auto& c : q.clauses) {
            ++elements;
            for (const auto& part : c.pattern) elements += part->nodes.size() + part->rels.size();
        }
    }
    if (elements > kMaxQueryElements) {
        throw Error(locatedMessage("semantic error", text, statement.pos,
                                   "the query is too large: " + std::to_string(elements) +
                                       " clauses and pattern elements (at most " +
                                       std::to_string(kMaxQueryElements) + ")"));
    }
    Binder binder(text);
    for (auto& q : statement.queries) binder.bindQuery(q);
    statement.updates = false;
    for (const auto& q : statement.queries) {
        for (const auto& c : q.clauses) statement.updates = statement.updates || isUpdating(c.kind);
    }
    for (size_t i = 1; i < statement.queries.size(); ++i) {
        if (statement.queries[i].columns != statement.queries[0].columns) {
            throw Error(locatedMessage("semantic error", text, statement.pos,
                                       "all queries combined by UNION must return the same "
                                       "column names"));
        }
    }
}

}  // namespace kgraph::query
