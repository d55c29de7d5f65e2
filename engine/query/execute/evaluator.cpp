#include "engine/query/execute/evaluator.h"

#include <re2/re2.h>

#include <cmath>
#include <map>
#include <memory>

#include "engine/common/error.h"
#include "engine/query/execute/functions.h"
#include "engine/query/execute/subplan.h"

namespace kgraph::query {

namespace {

using ast::ExprKind;
using ast::Op;

std::optional<bool> truth(const Value& v, const char* op) {
    if (v.isNull()) return std::nullopt;
    if (!v.isBool()) typeError(op, "a Boolean", v);
    return v.asBool();
}

Value fromTruth(std::optional<bool> b) { return b ? Value(*b) : Value(); }

Value logical(const ast::Expr& e, Row& row, ExecContext& ctx) {
    const char* name = ast::opText(e.op);
    auto a = truth(evaluate(*e.children[0], row, ctx), name);
    bool decided = (e.op == Op::And && a && !*a) || (e.op == Op::Or && a && *a);
    if (decided) {
        // The right side is not evaluated, but a constant of the wrong type is still an error.
        const auto& r = *e.children[1];
        if (r.kind == ExprKind::Literal || r.kind == ExprKind::ListLiteral ||
            r.kind == ExprKind::MapLiteral) {
            truth(evaluate(r, row, ctx), name);
        }
        return Value(e.op == Op::Or);
    }
    auto b = truth(evaluate(*e.children[1], row, ctx), name);
    switch (e.op) {
        case Op::And:
            if (b && !*b) return Value(false);
            if (!a || !b) return Value();
            return Value(true);
        case Op::Or:
            if (b && *b) return Value(true);
            if (!a || !b) return Value();
            return Value(false);
        default:  // Xor
            if (!a || !b) return Value();
            return Value(*a != *b);
    }
}

Value inList(const Value& x, const Value& list) {
    if (list.isNull()) return Value();
    if (!list.isList()) typeError("IN", "a List", list);
    bool unknown = false;
    for (const auto& e : list.asList()) {
        auto eq = equals(x, e);
        if (!eq) {
            unknown = true;
        } else if (*eq) {
            return Value(true);
        }
    }
    return unknown ? Value() : Value(false);
}

// `=~` runs on RE2: time linear in the subject's length whatever the pattern, no recursion
// (a backtracking engine took seconds on '(a+)+$' against 30 characters, and overflowed the
// stack on long subjects). RE2's syntax is Perl's without backreferences and lookaround; the
// inline flags (?i), (?s), (?m) and (?U) work. See docs/query-language.md.
const re2::RE2& compiledRegex(const std::string& pattern) {
    thread_local std::map<std::string, std::unique_ptr<re2::RE2>> cache;
    auto it = cache.find(pattern);
    if (it != cache.end()) return *it->second;
    if (cache.size() > 256) cache.clear();
    re2::RE2::Options options;
    options.set_log_errors(false);
    // Bounds the compiled program (and so the DFA's memory) for hostile patterns.
    options.set_max_mem(64 << 20);
    auto re = std::make_unique<re2::RE2>(pattern, options);
    if (!re->ok()) {
        throw Error("invalid regular expression '" + pattern + "': " + re->error() +
                    " (the syntax is RE2's, see docs/query-language.md)");
    }
    return *cache.emplace(pattern, std::move(re)).first->second;
}

Value index(const Value& c, const Value& i, ExecContext& ctx) {
    if (c.isNull() || i.isNull()) return Value();
    if (c.isList()) {
        if (!i.isInt()) typeError("list index", "an Integer", i);
        const auto& l = c.asList();
        int64_t n = static_cast<int64_t>(l.size());
        int64_t k = i.asInt() < 0 ? n + i.asInt() : i.asInt();
        if (k < 0 || k >= n) return Value();
        return l[static_cast<size_t>(k)];
    }
    if (c.isMap() || c.isNode() || c.isRelationship()) {
        if (!i.isString()) typeError("map key", "a String", i);
        return propertyOf(c, i.asString(), ctx);
    }
    typeError("[]", "a List or a Map", c);
}

Value slice(const Value& c, const Value& from, const Value& to) {
    if (c.isNull()) return Value();
    if (!c.isList()) typeError("list slice", "a List", c);
    const auto& l = c.asList();
    int64_t n = static_cast<int64_t>(l.size());
    auto bound = [&](const Value& v, int64_t dflt) -> std::optional<int64_t> {
        if (v.isNull()) return std::nullopt;
        if (!v.isInt()) typeError("list slice", "an Integer", v);
        int64_t k = v.asInt() < 0 ? n + v.asInt() : v.asInt();
        (void)dflt;
        return std::clamp<int64_t>(k, 0, n);
    };
    int64_t a = 0;
    int64_t b = n;
    if (!from.isNull() || !to.isNull()) {
        // an explicit null bound makes the result null
    }
    auto fa = bound(from, 0);
    auto fb = bound(to, n);
    if (fa) a = *fa;
    if (fb) b = *fb;
    ValueList out;
    for (int64_t k = a; k < b; ++k) out.push_back(l[static_cast<size_t>(k)]);
    return Value(std::move(out));
}

Value quantifier(const ast::Expr& e, Row& row, ExecContext& ctx) {
    Value list = evaluate(*e.children[0], row, ctx);
    if (list.isNull()) return Value();
    if (!list.isList()) typeError(e.name + "()", "a List", list);
    int64_t trues = 0;
    int64_t unknowns = 0;
    int64_t n = 0;
    for (const auto& x : list.asList()) {
        ++n;
        row[e.slot] = x;
        Value t = e.children[1] ? evaluate(*e.children[1], row, ctx) : Value(true);
        auto b = truth(t, e.name.c_str());
        if (!b) {
            ++unknowns;
        } else if (*b) {
            ++trues;
        }
    }
    int64_t falses = n - trues - unknowns;
    if (e.name == "all") return falses > 0 ? Value(false) : (unknowns ? Value() : Value(true));
    if (e.name == "any") return trues > 0 ? Value(true) : (unknowns ? Value() : Value(false));
    if (e.name == "none") return trues > 0 ? Value(false) : (unknowns ? Value() : Value(true));
    // single
    if (trues > 1) return Value(false);
    if (unknowns) return Value();
    return Value(trues == 1);
}

Value caseExpr(const ast::Expr& e, Row& row, ExecContext& ctx) {
    size_t i = 0;
    Value subject;
    if (e.hasSubject) subject = evaluate(*e.children[i++], row, ctx);
    size_t end = e.children.size() - (e.hasElse ? 1 : 0);
    for (; i + 1 < end + 1 && i < end; i += 2) {
        Value w = evaluate(*e.children[i], row, ctx);
        bool hit = e.hasSubject ? equals(subject, w).value_or(false) : isTrue(w);
        if (hit) return evaluate(*e.children[i + 1], row, ctx);
    }
    return e.hasElse ? evaluate(*e.children.back(), row, ctx) : Value();
}

}  // namespace

void typeError(const std::string& where, const std::string& expected, const Value& got) {
    throw Error("type error: " + where + " expects " + expected + ", got " + typeName(got.type()) +
                " " + formatValue(got));
}

void checkNotDeleted(const Value& v, ExecContext& ctx, const std::string& what) {
    if (v.isNode() && ctx.deletedNodes.count(v.asNode().id)) {
        throw Error("entity error: node " + std::to_string(v.asNode().id) +
                    " was deleted by this statement: its " + what + " cannot be read");
    }
    if (v.isRelationship() && ctx.deletedRelationships.count(v.asRelationship().id)) {
        throw Error("entity error: relationship " + std::to_string(v.asRelationship().id) +
                    " was deleted by this statement: its " + what + " cannot be read");
    }
}

Value propertyOf(const Value& v, const std::string& key, ExecContext& ctx) {
    if (!ctx.deletedNodes.empty() || !ctx.deletedRelationships.empty()) {
        checkNotDeleted(v, ctx, "property " + key);
    }
    switch (v.type()) {
        case Value::Type::Null:
            return Value();
        case Value::Type::Map: {
            auto it = v.asMap().find(key);
            return it == v.asMap().end() ? Value() : it->second;
        }
        case Value::Type::Node: {
            const auto& n = v.asNode();
            if (n.loaded) {
                auto it = n.properties.find(key);
                return it == n.properties.end() ? Value() : it->second;
            }
            return fromProperty(ctx.view->nodeProperty(n.id, key));
        }
        case Value::Type::Relationship: {
            const auto& r = v.asRelationship();
            if (r.loaded) {
                auto it = r.properties.find(key);
                return it == r.properties.end() ? Value() : it->second;
            }
            return fromProperty(ctx.view->edgeProperty(r.id, key));
        }
        default:
            typeError("property access ." + key, "a Node, Relationship or Map", v);
    }
}

Value binaryOp(Op op, const Value& a, const Value& b) {
    switch (op) {
        case Op::Eq:
            return fromTruth(equals(a, b));
        case Op::Ne: {
            auto eq = equals(a, b);
            return eq ? Value(!*eq) : Value();
        }
        case Op::Lt:
        case Op::Gt:
        case Op::Le:
        case Op::Ge: {
            auto c = compareValues(a, b);
            if (!c) {
                bool nan = (a.isFloat() && std::isnan(a.asFloat()) && b.isNumber()) ||
                           (b.isFloat() && std::isnan(b.asFloat()) && a.isNumber());
                return nan ? Value(false) : Value();
            }
            switch (op) {
                case Op::Lt:
                    return Value(*c < 0);
                case Op::Gt:
                    return Value(*c > 0);
                case Op::Le:
                    return Value(*c <= 0);
                default:
                    return Value(*c >= 0);
            }
        }
        case Op::StartsWith:
        case Op::EndsWith:
        case Op::Contains: {
            if (!a.isString() || !b.isString()) return Value();
            const auto& s = a.asString();
            const auto& t = b.asString();
            if (op == Op::StartsWith) return Value(s.compare(0, t.size(), t) == 0);
            if (op == Op::EndsWith) {
                return Value(s.size() >= t.size() &&
                             s.compare(s.size() - t.size(), t.size(), t) == 0);
            }
            return Value(s.find(t) != std::string::npos);
        }
        case Op::RegexMatch: {
            if (!a.isString() || !b.isString()) return Value();
            return Value(re2::RE2::FullMatch(a.asString(), compiledRegex(b.asString())));
        }
        case Op::In:
            return inList(a, b);
        default:
            break;
    }
    // Arithmetic.
    if (a.isNull() || b.isNull()) return Value();
    const char* name = ast::opText(op);
    if (op == Op::Add) {
        if (a.isList() && b.isList()) {
            ValueList l = a.asList();
            l.insert(l.end(), b.asList().begin(), b.asList().end());
            return Value(std::move(l));
        }
        if (a.isList()) {
            ValueList l = a.asList();
            l.push_back(b);
            return Value(std::move(l));
        }
        if (b.isList()) {
            ValueList l{a};
            l.insert(l.end(), b.asList().begin(), b.asList().end());
            return Value(std::move(l));
        }
        if (a.isString() || b.isString()) {
            auto str = [](const Value& v) {
                if (v.isString()) return v.asString();
                if (v.isNumber() || v.isBool()) return formatValue(v);
                typeError("+", "a String, Number or List", v);
            };
            return Value(str(a) + str(b));
        }
    }
    if (!a.isNumber()) typeError(name, "a Number", a);
    if (!b.isNumber()) typeError(name, "a Number", b);
    if (op == Op::Pow) return Value(std::pow(a.asNumber(), b.asNumber()));
    if (a.isInt() && b.isInt()) {
        int64_t x = a.asInt();
        int64_t y = b.asInt();
        int64_t r = 0;
        bool overflow = false;
        switch (op) {
            case Op::Add:
                overflow = __builtin_add_overflow(x, y, &r);
                break;
            case Op::Sub:
                overflow = __builtin_sub_overflow(x, y, &r);
                break;
            case Op::Mul:
                overflow = __builtin_mul_overflow(x, y, &r);
                break;
            case Op::Div:
            case Op::Mod:
                if (y == 0) throw Error("arithmetic error: division by zero");
                if (x == INT64_MIN && y == -1) {
                    if (op == Op::Mod) return Value(int64_t{0});
                    overflow = true;
                    break;
                }
                r = op == Op::Div ? x / y : x % y;
                break;
            default:
                break;
        }
        if (overflow) {
            throw Error("arithmetic error: integer overflow in " + formatValue(a) + " " + name +
                        " " + formatValue(b));
        }
        return Value(r);
    }
    double x = a.asNumber();
    double y = b.asNumber();
    switch (op) {
        case Op::Add:
            return Value(x + y);
        case Op::Sub:
            return Value(x - y);
        case Op::Mul:
            return Value(x * y);
        case Op::Div:
            return Value(x / y);
        case Op::Mod:
            return Value(std::fmod(x, y));
        default:
            return Value();
    }
}

bool threadSafeExpr(const ast::Expr* e) {
    if (!e) return true;
    if (e->pattern || e->kind == ExprKind::PatternPredicate ||
        e->kind == ExprKind::PatternComprehension) {
        return false;
    }
    if (e->kind == ExprKind::FunctionCall && e->function && !e->function->deterministic) {
        return false;
    }
    for (const auto& c : e->children) {
        if (!threadSafeExpr(c.get())) return false;
    }
    return true;
}

Value evaluate(const ast::Expr& e, Row& row, ExecContext& ctx) {
    switch (e.kind) {
        case ExprKind::Literal:
            return e.value;
        case ExprKind::Parameter: {
            auto it = ctx.params ? ctx.params->find(e.name) : Params::const_iterator{};
            if (!ctx.params || it == ctx.params->end()) {
                throw Error("parameter $" + e.name + " is missing (pass it with --param " + e.name +
                            "=VALUE)");
            }
            return it->second;
        }
        case ExprKind::Variable:
            return row[e.slot];
        case ExprKind::Property: {
            // The target of `a.name` is read in place: copying a node value per row costs
            // more than the property read.
            const ast::Expr& child = *e.children[0];
            Value computed;
            const Value& target = child.kind == ExprKind::Variable
                                      ? row[child.slot]
                                      : (computed = evaluate(child, row, ctx));
            // Rows often arrive grouped by node (an expansion emits all of a node's
            // relationships in a row): remember the last node's value. Only while nothing writes.
            if (target.isNode() && !target.asNode().loaded && !ctx.write) {
                auto& c = ctx.cachedProperty(&e);
                if (c.lookups < UINT32_MAX) ++c.lookups;
                if (c.node == target.asNode().id && c.value) {
                    ++c.hits;
                    return *c.value;
                }
                Value v = propertyOf(target, e.name, ctx);
                if (c.worthKeeping()) {
                    c.node = target.asNode().id;
                    c.value = v;
                } else {
                    c.value.reset();
                }
                return v;
            }
            return propertyOf(target, e.name, ctx);
        }
        case ExprKind::Index:
            return index(evaluate(*e.children[0], row, ctx), evaluate(*e.children[1], row, ctx),
                         ctx);
        case ExprKind::Slice: {
            Value c = evaluate(*e.children[0], row, ctx);
            Value from = e.children[1] ? evaluate(*e.children[1], row, ctx) : Value();
            Value to = e.children[2] ? evaluate(*e.children[2], row, ctx) : Value();
            if ((e.children[1] && from.isNull()) || (e.children[2] && to.isNull())) return Value();
            return slice(c, from, to);
        }
        case ExprKind::Unary: {
            Value v = evaluate(*e.children[0], row, ctx);
            if (e.op == Op::Not) {
                auto b = truth(v, "NOT");
                return b ? Value(!*b) : Value();
            }
            if (v.isNull()) return Value();
            if (!v.isNumber()) typeError(ast::opText(e.op), "a Number", v);
            if (e.op == Op::Plus) return v;
            if (v.isFloat()) return Value(-v.asFloat());
            if (v.asInt() == INT64_MIN)
                throw Error("arithmetic error: integer overflow in -" + formatValue(v));
            return Value(-v.asInt());
        }
        case ExprKind::Binary:
            if (e.op == Op::And || e.op == Op::Or || e.op == Op::Xor) return logical(e, row, ctx);
            return binaryOp(e.op, evaluate(*e.children[0], row, ctx),
                            evaluate(*e.children[1], row, ctx));
        case ExprKind::IsNull: {
            bool isNull = evaluate(*e.children[0], row, ctx).isNull();
            return Value(e.negated ? !isNull : isNull);
        }
        case ExprKind::HasLabels: {
            Value v = evaluate(*e.children[0], row, ctx);
            if (v.isNull()) return Value();
            if (!v.isNode()) typeError("label predicate", "a Node", v);
            for (const auto& l : e.keys) {
                if (!ctx.view->hasLabel(v.asNode().id, l)) return Value(false);
            }
            return Value(true);
        }
        case ExprKind::CountStar:
            return e.slot >= 0 ? row[e.slot] : Value();
        case ExprKind::FunctionCall: {
            if (e.slot >= 0) return row[e.slot];  // an aggregate, computed by Aggregate
            // exists((a)-->()) asks whether the pattern matches: its value, true or false,
            // not whether that value is null (which it never is).
            if (e.children.size() == 1 && e.children[0]->kind == ExprKind::PatternPredicate &&
                isCallOf(e, "exists")) {
                return evaluate(*e.children[0], row, ctx);
            }
            std::vector<Value> args;
            args.reserve(e.children.size());
            for (const auto& c : e.children) args.push_back(evaluate(*c, row, ctx));
            return callFunction(*e.function, args, ctx);
        }
        case ExprKind::Case:
            return caseExpr(e, row, ctx);
        case ExprKind::ListLiteral: {
            ValueList l;
            l.reserve(e.children.size());
            for (const auto& c : e.children) l.push_back(evaluate(*c, row, ctx));
            return Value(std::move(l));
        }
        case ExprKind::MapLiteral: {
            ValueMap m;
            for (size_t i = 0; i < e.keys.size(); ++i) {
                m[e.keys[i]] = evaluate(*e.children[i], row, ctx);
            }
            return Value(std::move(m));
        }
        case ExprKind::MapProjection: {
            Value target = evaluate(*e.children[0], row, ctx);
            if (target.isNull()) return Value();
            if (!target.isNode() && !target.isRelationship() && !target.isMap()) {
                typeError("map projection", "a Node, Relationship or Map", target);
            }
            ValueMap m;
            if (e.allProperties) {
                checkNotDeleted(target, ctx, "properties");
                m = propertiesOf(target, ctx).asMap();
            }
            for (size_t i = 0; i < e.keys.size(); ++i) {
                m[e.keys[i]] = evaluate(*e.children[i + 1], row, ctx);
            }
            return Value(std::move(m));
        }
        case ExprKind::ListComprehension: {
            Value list = evaluate(*e.children[0], row, ctx);
            if (list.isNull()) return Value();
            if (!list.isList()) typeError("list comprehension", "a List", list);
            ValueList out;
            for (const auto& x : list.asList()) {
                row[e.slot] = x;
                if (e.children[1] && !isTrue(evaluate(*e.children[1], row, ctx))) continue;
                out.push_back(e.children[2] ? evaluate(*e.children[2], row, ctx) : x);
            }
            return Value(std::move(out));
        }
        case ExprKind::Quantifier:
            return quantifier(e, row, ctx);
        case ExprKind::PatternPredicate: {
            bool found = false;
            ctx.patternSubplans->at(e).run(ctx, row, [&](Row&) {
                found = true;
                return false;
            });
            return Value(found);
        }
        case ExprKind::PatternComprehension: {
            ValueList out;
            ctx.patternSubplans->at(e).run(ctx, row, [&](Row& r) {
                if (e.children[0] && !isTrue(evaluate(*e.children[0], r, ctx))) return true;
                out.push_back(evaluate(*e.children[1], r, ctx));
                return true;
            });
            return Value(std::move(out));
        }
    }
    return Value();
}

}  // namespace kgraph::query
