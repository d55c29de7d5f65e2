// The built-in scalar functions (names and argument counts: bind/function_catalog.cpp).
#include <algorithm>
#include <cmath>

#include "engine/common/error.h"
#include "engine/query/bind/function_catalog.h"
#include "engine/query/execute/evaluator.h"

#include "storage/mention_record.h"

namespace kgraph::query {

namespace {

// The documented spelling of a function, for messages: toupper -> "toUpper()".
std::string fname(const std::string& name) {
    const FunctionInfo* f = findFunction(name);
    return std::string(f ? f->name : name.c_str()) + "()";
}

const std::string& needString(const std::string& f, const Value& v) {
    if (!v.isString()) typeError(fname(f), "a String", v);
    return v.asString();
}

int64_t needInt(const std::string& f, const Value& v) {
    if (!v.isInt()) typeError(fname(f), "an Integer", v);
    return v.asInt();
}

double needNumber(const std::string& f, const Value& v) {
    if (!v.isNumber()) typeError(fname(f), "a Number", v);
    return v.asNumber();
}

// Code points of a UTF-8 string, for functions that count characters.
std::vector<std::string> codePoints(const std::string& s) {
    std::vector<std::string> out;
    for (size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
        out.push_back(s.substr(i, len));
        i += len;
    }
    return out;
}

std::string join(const std::vector<std::string>& cps, size_t from, size_t to) {
    std::string out;
    for (size_t i = from; i < to && i < cps.size(); ++i) out += cps[i];
    return out;
}

bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// The integer part of `d`, or null when it does not fit an int64 (the cast would be undefined).
Value truncated(double d) {
    if (!std::isfinite(d) || d >= 9223372036854775808.0 || d < -9223372036854775808.0) {
        return Value();
    }
    return Value(static_cast<int64_t>(std::trunc(d)));
}

Value toInteger(const Value& v) {
    switch (v.type()) {
        case Value::Type::Null:
            return Value();
        case Value::Type::Int:
            return v;
        case Value::Type::Float: {
            return truncated(v.asFloat());
        }
        case Value::Type::Bool:
            return Value(int64_t{v.asBool() ? 1 : 0});
        case Value::Type::String: {
            const std::string& s = v.asString();
            try {
                size_t used = 0;
                long long i = std::stoll(s, &used, 10);
                if (used == s.size()) return Value(static_cast<int64_t>(i));
                double d = std::stod(s, &used);
                if (used == s.size()) return truncated(d);
            } catch (const std::exception&) {
            }
            return Value();
        }
        default:
            typeError("toInteger()", "a String, Number or Boolean", v);
    }
}

Value toFloat(const Value& v) {
    switch (v.type()) {
        case Value::Type::Null:
            return Value();
        case Value::Type::Int:
            return Value(static_cast<double>(v.asInt()));
        case Value::Type::Float:
            return v;
        case Value::Type::String: {
            try {
                size_t used = 0;
                double d = std::stod(v.asString(), &used);
                if (used == v.asString().size()) return Value(d);
            } catch (const std::exception&) {
            }
            return Value();
        }
        default:
            typeError("toFloat()", "a String or Number", v);
    }
}

Value toBoolean(const Value& v) {
    switch (v.type()) {
        case Value::Type::Null:
            return Value();
        case Value::Type::Bool:
            return v;
        case Value::Type::Int:
            return Value(v.asInt() != 0);
        case Value::Type::String: {
            std::string s = v.asString();
            std::transform(s.begin(), s.end(), s.begin(), ::tolower);
            if (s == "true") return Value(true);
            if (s == "false") return Value(false);
            return Value();
        }
        default:
            typeError("toBoolean()", "a String, Integer or Boolean", v);
    }
}

Value toStringValue(const Value& v) {
    switch (v.type()) {
        case Value::Type::Null:
            return Value();
        case Value::Type::String:
            return v;
        case Value::Type::Int:
        case Value::Type::Float:
        case Value::Type::Bool:
            return Value(formatValue(v));
        default:
            typeError("toString()", "a String, Number or Boolean", v);
    }
}

NodeValue nodeRef(uint64_t id) {
    NodeValue n;
    n.id = id;
    return n;
}

Value keysOf(const Value& v, ExecContext& ctx) {
    ValueList out;
    if (v.isMap()) {
        for (const auto& [k, x] : v.asMap()) out.push_back(Value(k));
    } else if (v.isNode()) {
        if (auto n = ctx.view->node(v.asNode().id)) {
            for (const auto& [k, x] : n->props) out.push_back(Value(k));
        }
    } else if (v.isRelationship()) {
        if (auto r = ctx.view->edge(v.asRelationship().id)) {
            for (const auto& [k, x] : r->props) out.push_back(Value(k));
        }
    } else {
        typeError("keys()", "a Node, Relationship or Map", v);
    }
    return Value(std::move(out));
}

Value propertiesOf(const Value& v, ExecContext& ctx) {
    ValueMap out;
    if (v.isMap()) return v;
    if (v.isNode()) {
        if (auto n = ctx.view->node(v.asNode().id)) {
            for (const auto& [k, x] : n->props) out[k] = fromProperty(x);
        }
    } else if (v.isRelationship()) {
        if (auto r = ctx.view->edge(v.asRelationship().id)) {
            for (const auto& [k, x] : r->props) out[k] = fromProperty(x);
        }
    } else {
        typeError("properties()", "a Node, Relationship or Map", v);
    }
    return Value(std::move(out));
}

// evidence(r): the supporting mentions of a fact, kept by the extractor as Mention aux
// records keyed by the 8-byte big-endian relationship id and a sequence number.
Value evidenceOf(const Value& v, ExecContext& ctx) {
    if (!v.isRelationship()) typeError("evidence()", "a Relationship", v);
    ValueList out;
    ctx.view->scanAux(storage::AuxSpace::Mention, storage::mentionPrefix(v.asRelationship().id),
                      [&](std::string_view, std::string_view value) {
                          storage::Mention m = storage::decodeMention(value);
                          ValueMap e;
                          e["document"] = Value(m.doc);
                          e["sentence"] = Value(static_cast<int64_t>(m.sentence));
                          e["begin"] = Value(static_cast<int64_t>(m.begin));
                          e["end"] = Value(static_cast<int64_t>(m.end));
                          e["text"] = Value(m.text);
                          out.push_back(Value(std::move(e)));
                          return true;
                      });
    return Value(std::move(out));
}

}  // namespace

Value callFunction(const std::string& f, std::vector<Value>& args, ExecContext& ctx) {
    // Functions that look at null themselves.
    if (f == "coalesce") {
        for (auto& a : args) {
            if (!a.isNull()) return a;
        }
        return Value();
    }
    if (f == "rand") return Value(std::uniform_real_distribution<double>(0, 1)(ctx.random));
    if (f == "pi") return Value(M_PI);
    if (f == "e") return Value(M_E);
    if (f == "exists") return Value(!args[0].isNull());
    // Everything else returns null for a null first argument.
    if (!args.empty() && args[0].isNull()) return Value();
    const Value& a = args.empty() ? Value() : args[0];

    // --- graph ---
    if (f == "id") {
        if (a.isNode()) return Value(static_cast<int64_t>(a.asNode().id));
        if (a.isRelationship()) return Value(static_cast<int64_t>(a.asRelationship().id));
        typeError("id()", "a Node or Relationship", a);
    }
    if (f == "type") {
        if (!a.isRelationship()) typeError("type()", "a Relationship", a);
        return Value(a.asRelationship().type);
    }
    if (f == "labels") {
        if (!a.isNode()) typeError("labels()", "a Node", a);
        checkNotDeleted(a, ctx, "labels");
        ValueList out;
        for (auto& l : ctx.view->nodeLabels(a.asNode().id)) out.push_back(Value(std::move(l)));
        return Value(std::move(out));
    }
    if (f == "keys" || f == "properties") checkNotDeleted(a, ctx, "properties");
    if (f == "keys") return keysOf(a, ctx);
    if (f == "properties") return propertiesOf(a, ctx);
    if (f == "startnode" || f == "endnode") {
        if (!a.isRelationship()) typeError(fname(f), "a Relationship", a);
        const auto& r = a.asRelationship();
        return Value(nodeRef(f == "startnode" ? r.src : r.dst));
    }
    if (f == "nodes" || f == "relationships") {
        if (!a.isPath()) typeError(fname(f), "a Path", a);
        ValueList out;
        if (f == "nodes") {
            for (const auto& n : a.asPath().nodes) out.push_back(Value(n));
        } else {
            for (const auto& r : a.asPath().relationships) out.push_back(Value(r));
        }
        return Value(std::move(out));
    }
    if (f == "length") {
        if (a.isPath()) return Value(static_cast<int64_t>(a.asPath().relationships.size()));
        if (a.isList()) return Value(static_cast<int64_t>(a.asList().size()));
        if (a.isString()) return Value(static_cast<int64_t>(codePoints(a.asString()).size()));
        typeError("length()", "a Path", a);
    }
    if (f == "evidence") return evidenceOf(a, ctx);

    // --- lists ---
    if (f == "size") {
        if (a.isList()) return Value(static_cast<int64_t>(a.asList().size()));
        if (a.isString()) return Value(static_cast<int64_t>(codePoints(a.asString()).size()));
        if (a.isMap()) return Value(static_cast<int64_t>(a.asMap().size()));
        typeError("size()", "a List or String", a);
    }
    if (f == "isempty") {
        if (a.isList()) return Value(a.asList().empty());
        if (a.isString()) return Value(a.asString().empty());
        if (a.isMap()) return Value(a.asMap().empty());
        typeError("isEmpty()", "a List, String or Map", a);
    }
    if (f == "head" || f == "last" || f == "tail") {
        if (!a.isList()) typeError(fname(f), "a List", a);
        const auto& l = a.asList();
        if (f == "tail") return Value(l.empty() ? ValueList{} : ValueList(l.begin() + 1, l.end()));
        if (l.empty()) return Value();
        return f == "head" ? l.front() : l.back();
    }
    if (f == "range") {
        for (auto& x : args) {
            if (x.isNull()) return Value();
        }
        int64_t from = needInt(f, args[0]);
        int64_t to = needInt(f, args[1]);
        int64_t step = args.size() > 2 ? needInt(f, args[2]) : 1;
        if (step == 0) throw Error("argument error: range() step must not be zero");
        ValueList out;
        __int128 n = (static_cast<__int128>(to) - from) / step + 1;
        if (n > 10'000'000) throw Error("range() would return more than 10,000,000 elements");
        for (int64_t k = 0; k < static_cast<int64_t>(n); ++k) out.push_back(Value(from + k * step));
        return Value(std::move(out));
    }
    if (f == "reverse") {
        if (a.isList()) {
            ValueList l = a.asList();
            std::reverse(l.begin(), l.end());
            return Value(std::move(l));
        }
        auto cps = codePoints(needString(f, a));
        std::reverse(cps.begin(), cps.end());
        return Value(join(cps, 0, cps.size()));
    }

    // --- strings ---
    if (f == "toupper" || f == "tolower") {
        std::string s = needString(f, a);
        for (auto& c : s) {
            c = static_cast<char>(f == "toupper" ? std::toupper(static_cast<unsigned char>(c))
                                                 : std::tolower(static_cast<unsigned char>(c)));
        }
        return Value(std::move(s));
    }
    if (f == "trim" || f == "ltrim" || f == "rtrim") {
        const std::string& s = needString(f, a);
        size_t b = 0;
        size_t e = s.size();
        if (f != "rtrim") {
            while (b < e && isSpace(s[b])) ++b;
        }
        if (f != "ltrim") {
            while (e > b && isSpace(s[e - 1])) --e;
        }
        return Value(s.substr(b, e - b));
    }
    if (f == "replace") {
        for (auto& x : args) {
            if (x.isNull()) return Value();
        }
        std::string s = needString(f, a);
        const std::string& from = needString(f, args[1]);
        const std::string& to = needString(f, args[2]);
        if (from.empty()) return Value(s);
        std::string out;
        size_t pos = 0;
        for (size_t at; (at = s.find(from, pos)) != std::string::npos; pos = at + from.size()) {
            out += s.substr(pos, at - pos) + to;
        }
        return Value(out + s.substr(pos));
    }
    if (f == "substring") {
        auto cps = codePoints(needString(f, a));
        if (args[1].isNull()) return Value();
        int64_t start = needInt(f, args[1]);
        if (start < 0) throw Error("argument error: substring() start must not be negative");
        int64_t len = static_cast<int64_t>(cps.size());
        if (args.size() > 2) {
            if (args[2].isNull()) return Value();
            len = needInt(f, args[2]);
            if (len < 0) throw Error("argument error: substring() length must not be negative");
        }
        size_t from = std::min<size_t>(static_cast<size_t>(start), cps.size());
        size_t to = std::min<size_t>(
            cps.size(),
            from + static_cast<size_t>(std::min<int64_t>(len, static_cast<int64_t>(cps.size()))));
        return Value(join(cps, from, to));
    }
    if (f == "left" || f == "right") {
        auto cps = codePoints(needString(f, a));
        if (args[1].isNull())
            throw Error("argument error: " + fname(f) + " length must not be null");
        int64_t n = needInt(f, args[1]);
        if (n < 0) throw Error("argument error: " + fname(f) + " length must not be negative");
        size_t k = std::min<size_t>(static_cast<size_t>(n), cps.size());
        return Value(f == "left" ? join(cps, 0, k) : join(cps, cps.size() - k, cps.size()));
    }
    if (f == "split") {
        if (args[1].isNull()) return Value();
        const std::string& s = needString(f, a);
        const std::string& sep = needString(f, args[1]);
        ValueList out;
        if (sep.empty()) {
            for (auto& c : codePoints(s)) out.push_back(Value(c));
            return Value(std::move(out));
        }
        size_t pos = 0;
        for (size_t at; (at = s.find(sep, pos)) != std::string::npos; pos = at + sep.size()) {
            out.push_back(Value(s.substr(pos, at - pos)));
        }
        out.push_back(Value(s.substr(pos)));
        return Value(std::move(out));
    }
    if (f == "tostring") return toStringValue(a);
    if (f == "tointeger") return toInteger(a);
    if (f == "tofloat") return toFloat(a);
    if (f == "toboolean") return toBoolean(a);

    // --- math ---
    if (f == "abs") {
        if (a.isInt()) {
            if (a.asInt() == INT64_MIN) throw Error("arithmetic error: integer overflow in abs()");
            return Value(a.asInt() < 0 ? -a.asInt() : a.asInt());
        }
        return Value(std::fabs(needNumber(f, a)));
    }
    if (f == "sign") {
        double d = needNumber(f, a);
        return Value(int64_t{d > 0 ? 1 : (d < 0 ? -1 : 0)});
    }
    if (f == "ceil") return Value(std::ceil(needNumber(f, a)));
    if (f == "floor") return Value(std::floor(needNumber(f, a)));
    if (f == "round") {
        double d = needNumber(f, a);
        // openCypher rounds half up (towards positive infinity).
        return Value(std::floor(d + 0.5));
    }
    if (f == "atan2") {
        if (args[1].isNull()) return Value();
        return Value(std::atan2(needNumber(f, a), needNumber(f, args[1])));
    }
    static const std::pair<const char*, double (*)(double)> kMath[] = {
        {"sqrt", [](double x) { return std::sqrt(x); }},
        {"exp", [](double x) { return std::exp(x); }},
        {"log", [](double x) { return std::log(x); }},
        {"log10", [](double x) { return std::log10(x); }},
        {"sin", [](double x) { return std::sin(x); }},
        {"cos", [](double x) { return std::cos(x); }},
        {"tan", [](double x) { return std::tan(x); }},
        {"asin", [](double x) { return std::asin(x); }},
        {"acos", [](double x) { return std::acos(x); }},
        {"atan", [](double x) { return std::atan(x); }},
        {"degrees", [](double x) { return x * 180.0 / M_PI; }},
        {"radians", [](double x) { return x * M_PI / 180.0; }},
    };
    for (const auto& [name, fn] : kMath) {
        if (f == name) return Value(fn(needNumber(f, a)));
    }
    throw Error("unknown function: " + f + "()", Error::Kind::Internal);
}

}  // namespace kgraph::query
