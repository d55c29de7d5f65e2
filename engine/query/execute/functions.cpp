// The built-in functions: their implementations, then the table (kFunctions) that names them.
#include "engine/query/execute/functions.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

#include "engine/common/error.h"
#include "engine/query/execute/aggregator.h"
#include "engine/query/execute/evaluator.h"
#include "engine/text/ascii.h"
#include "engine/text/utf8.h"

#include "storage/mention_record.h"

namespace kgraph::query {

namespace {

// `f` below is the function as messages name it, e.g. "toUpper()".
const std::string& needString(const char* f, const Value& v) {
    if (!v.isString()) typeError(f, "a String", v);
    return v.asString();
}

int64_t needInt(const char* f, const Value& v) {
    if (!v.isInt()) typeError(f, "an Integer", v);
    return v.asInt();
}

double needNumber(const char* f, const Value& v) {
    if (!v.isNumber()) typeError(f, "a Number", v);
    return v.asNumber();
}

// Code points of a UTF-8 string, for functions that count characters.
std::vector<std::string> codePoints(const std::string& s) {
    std::vector<std::string> out;
    for (size_t i = 0; i < s.size();) {
        // A byte that starts no well-formed sequence counts as one character.
        size_t len = std::max<size_t>(1, text::utf8SequenceLength(s, i));
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
            std::string s = text::asciiLower(v.asString());
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

using Args = std::vector<Value>;

// --- functions that look at null themselves ---------------------------------------------------

Value coalesce(Args& args, ExecContext&) {
    for (auto& a : args) {
        if (!a.isNull()) return a;
    }
    return Value();
}

Value rand(Args&, ExecContext& ctx) {
    return Value(std::uniform_real_distribution<double>(0, 1)(ctx.random));
}

Value pi(Args&, ExecContext&) { return Value(M_PI); }

Value e(Args&, ExecContext&) { return Value(M_E); }

Value exists(Args& args, ExecContext&) { return Value(!args[0].isNull()); }

// --- graph --------------------------------------------------------------------------------------
// From here on the first argument is not null (FunctionInfo::nullGivesNull).

Value id(Args& args, ExecContext&) {
    const Value& a = args[0];
    if (a.isNode()) return Value(static_cast<int64_t>(a.asNode().id));
    if (a.isRelationship()) return Value(static_cast<int64_t>(a.asRelationship().id));
    typeError("id()", "a Node or Relationship", a);
}

Value type(Args& args, ExecContext&) {
    const Value& a = args[0];
    if (!a.isRelationship()) typeError("type()", "a Relationship", a);
    return Value(a.asRelationship().type);
}

Value labels(Args& args, ExecContext& ctx) {
    const Value& a = args[0];
    if (!a.isNode()) typeError("labels()", "a Node", a);
    checkNotDeleted(a, ctx, "labels");
    ValueList out;
    for (auto& l : ctx.view->nodeLabels(a.asNode().id)) out.push_back(Value(std::move(l)));
    return Value(std::move(out));
}

Value keys(Args& args, ExecContext& ctx) {
    checkNotDeleted(args[0], ctx, "properties");
    return keysOf(args[0], ctx);
}

Value properties(Args& args, ExecContext& ctx) {
    checkNotDeleted(args[0], ctx, "properties");
    return propertiesOf(args[0], ctx);
}

const RelationshipValue& needRelationship(const char* f, const Value& a) {
    if (!a.isRelationship()) typeError(f, "a Relationship", a);
    return a.asRelationship();
}

Value startNode(Args& args, ExecContext&) {
    return Value(nodeRef(needRelationship("startNode()", args[0]).src));
}

Value endNode(Args& args, ExecContext&) {
    return Value(nodeRef(needRelationship("endNode()", args[0]).dst));
}

const PathValue& needPath(const char* f, const Value& a) {
    if (!a.isPath()) typeError(f, "a Path", a);
    return a.asPath();
}

Value nodes(Args& args, ExecContext&) {
    ValueList out;
    for (const auto& n : needPath("nodes()", args[0]).nodes) out.push_back(Value(n));
    return Value(std::move(out));
}

Value relationships(Args& args, ExecContext&) {
    ValueList out;
    for (const auto& r : needPath("relationships()", args[0]).relationships) {
        out.push_back(Value(r));
    }
    return Value(std::move(out));
}

Value length(Args& args, ExecContext&) {
    const Value& a = args[0];
    if (a.isPath()) return Value(static_cast<int64_t>(a.asPath().relationships.size()));
    if (a.isList()) return Value(static_cast<int64_t>(a.asList().size()));
    if (a.isString()) return Value(static_cast<int64_t>(codePoints(a.asString()).size()));
    typeError("length()", "a Path", a);
}

Value evidence(Args& args, ExecContext& ctx) { return evidenceOf(args[0], ctx); }

// --- lists --------------------------------------------------------------------------------------

Value size(Args& args, ExecContext&) {
    const Value& a = args[0];
    if (a.isList()) return Value(static_cast<int64_t>(a.asList().size()));
    if (a.isString()) return Value(static_cast<int64_t>(codePoints(a.asString()).size()));
    if (a.isMap()) return Value(static_cast<int64_t>(a.asMap().size()));
    typeError("size()", "a List or String", a);
}

Value isEmpty(Args& args, ExecContext&) {
    const Value& a = args[0];
    if (a.isList()) return Value(a.asList().empty());
    if (a.isString()) return Value(a.asString().empty());
    if (a.isMap()) return Value(a.asMap().empty());
    typeError("isEmpty()", "a List, String or Map", a);
}

const ValueList& needList(const char* f, const Value& a) {
    if (!a.isList()) typeError(f, "a List", a);
    return a.asList();
}

Value head(Args& args, ExecContext&) {
    const auto& l = needList("head()", args[0]);
    return l.empty() ? Value() : l.front();
}

Value last(Args& args, ExecContext&) {
    const auto& l = needList("last()", args[0]);
    return l.empty() ? Value() : l.back();
}

Value tail(Args& args, ExecContext&) {
    const auto& l = needList("tail()", args[0]);
    return Value(l.empty() ? ValueList{} : ValueList(l.begin() + 1, l.end()));
}

Value range(Args& args, ExecContext&) {
    for (auto& x : args) {
        if (x.isNull()) return Value();
    }
    int64_t from = needInt("range()", args[0]);
    int64_t to = needInt("range()", args[1]);
    int64_t step = args.size() > 2 ? needInt("range()", args[2]) : 1;
    if (step == 0) throw Error("argument error: range() step must not be zero");
    ValueList out;
    __int128 n = (static_cast<__int128>(to) - from) / step + 1;
    if (n > 10'000'000) throw Error("range() would return more than 10,000,000 elements");
    for (int64_t k = 0; k < static_cast<int64_t>(n); ++k) out.push_back(Value(from + k * step));
    return Value(std::move(out));
}

Value reverse(Args& args, ExecContext&) {
    const Value& a = args[0];
    if (a.isList()) {
        ValueList l = a.asList();
        std::reverse(l.begin(), l.end());
        return Value(std::move(l));
    }
    auto cps = codePoints(needString("reverse()", a));
    std::reverse(cps.begin(), cps.end());
    return Value(join(cps, 0, cps.size()));
}

// --- strings ------------------------------------------------------------------------------------

Value toUpper(Args& args, ExecContext&) {
    return Value(text::asciiUpper(needString("toUpper()", args[0])));
}

Value toLower(Args& args, ExecContext&) {
    return Value(text::asciiLower(needString("toLower()", args[0])));
}

// `s` without leading (`left`) and trailing (`right`) white space.
Value trimmed(const std::string& s, bool left, bool right) {
    size_t b = 0;
    size_t e = s.size();
    if (left) {
        while (b < e && isSpace(s[b])) ++b;
    }
    if (right) {
        while (e > b && isSpace(s[e - 1])) --e;
    }
    return Value(s.substr(b, e - b));
}

Value trim(Args& args, ExecContext&) { return trimmed(needString("trim()", args[0]), true, true); }

Value ltrim(Args& args, ExecContext&) {
    return trimmed(needString("ltrim()", args[0]), true, false);
}

Value rtrim(Args& args, ExecContext&) {
    return trimmed(needString("rtrim()", args[0]), false, true);
}

Value replace(Args& args, ExecContext&) {
    for (auto& x : args) {
        if (x.isNull()) return Value();
    }
    std::string s = needString("replace()", args[0]);
    const std::string& from = needString("replace()", args[1]);
    const std::string& to = needString("replace()", args[2]);
    if (from.empty()) return Value(s);
    std::string out;
    size_t pos = 0;
    for (size_t at; (at = s.find(from, pos)) != std::string::npos; pos = at + from.size()) {
        out += s.substr(pos, at - pos) + to;
    }
    return Value(out + s.substr(pos));
}

Value substring(Args& args, ExecContext&) {
    auto cps = codePoints(needString("substring()", args[0]));
    if (args[1].isNull()) return Value();
    int64_t start = needInt("substring()", args[1]);
    if (start < 0) throw Error("argument error: substring() start must not be negative");
    int64_t len = static_cast<int64_t>(cps.size());
    if (args.size() > 2) {
        if (args[2].isNull()) return Value();
        len = needInt("substring()", args[2]);
        if (len < 0) throw Error("argument error: substring() length must not be negative");
    }
    size_t from = std::min<size_t>(static_cast<size_t>(start), cps.size());
    size_t to = std::min<size_t>(cps.size(), from + static_cast<size_t>(std::min<int64_t>(
                                                        len, static_cast<int64_t>(cps.size()))));
    return Value(join(cps, from, to));
}

// left() and right(): the first or last `args[1]` characters.
Value leftOrRight(Args& args, const char* f, bool left) {
    auto cps = codePoints(needString(f, args[0]));
    if (args[1].isNull()) {
        throw Error("argument error: " + std::string(f) + " length must not be null");
    }
    int64_t n = needInt(f, args[1]);
    if (n < 0) throw Error("argument error: " + std::string(f) + " length must not be negative");
    size_t k = std::min<size_t>(static_cast<size_t>(n), cps.size());
    return Value(left ? join(cps, 0, k) : join(cps, cps.size() - k, cps.size()));
}

Value left(Args& args, ExecContext&) { return leftOrRight(args, "left()", true); }

Value right(Args& args, ExecContext&) { return leftOrRight(args, "right()", false); }

Value split(Args& args, ExecContext&) {
    if (args[1].isNull()) return Value();
    const std::string& s = needString("split()", args[0]);
    const std::string& sep = needString("split()", args[1]);
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

Value toStringFn(Args& args, ExecContext&) { return toStringValue(args[0]); }

Value toIntegerFn(Args& args, ExecContext&) { return toInteger(args[0]); }

Value toFloatFn(Args& args, ExecContext&) { return toFloat(args[0]); }

Value toBooleanFn(Args& args, ExecContext&) { return toBoolean(args[0]); }

// --- math ---------------------------------------------------------------------------------------

Value abs(Args& args, ExecContext&) {
    const Value& a = args[0];
    if (a.isInt()) {
        if (a.asInt() == INT64_MIN) throw Error("arithmetic error: integer overflow in abs()");
        return Value(a.asInt() < 0 ? -a.asInt() : a.asInt());
    }
    return Value(std::fabs(needNumber("abs()", a)));
}

Value sign(Args& args, ExecContext&) {
    double d = needNumber("sign()", args[0]);
    return Value(int64_t{d > 0 ? 1 : (d < 0 ? -1 : 0)});
}

Value round(Args& args, ExecContext&) {
    // openCypher rounds half up (towards positive infinity).
    return Value(std::floor(needNumber("round()", args[0]) + 0.5));
}

Value atan2(Args& args, ExecContext&) {
    if (args[1].isNull()) return Value();
    return Value(std::atan2(needNumber("atan2()", args[0]), needNumber("atan2()", args[1])));
}

// A function of one number giving a float: `name` is the function as messages name it.
template <const char* name, double (*f)(double)>
Value real(Args& args, ExecContext&) {
    return Value(f(needNumber(name, args[0])));
}

constexpr char kCeil[] = "ceil()", kFloor[] = "floor()", kSqrt[] = "sqrt()", kExp[] = "exp()",
               kLog[] = "log()", kLog10[] = "log10()", kSin[] = "sin()", kCos[] = "cos()",
               kTan[] = "tan()", kAsin[] = "asin()", kAcos[] = "acos()", kAtan[] = "atan()",
               kDegrees[] = "degrees()", kRadians[] = "radians()";

double ceil(double x) { return std::ceil(x); }
double floor(double x) { return std::floor(x); }
double sqrt(double x) { return std::sqrt(x); }
double exp(double x) { return std::exp(x); }
double log(double x) { return std::log(x); }
double log10(double x) { return std::log10(x); }
double sin(double x) { return std::sin(x); }
double cos(double x) { return std::cos(x); }
double tan(double x) { return std::tan(x); }
double asin(double x) { return std::asin(x); }
double acos(double x) { return std::acos(x); }
double atan(double x) { return std::atan(x); }
double degrees(double x) { return x * 180.0 / M_PI; }
double radians(double x) { return x * M_PI / 180.0; }

// --- the table ----------------------------------------------------------------------------------

constexpr FunctionInfo scalar(const char* name, int minArgs, int maxArgs, ScalarFunction f) {
    return {name, minArgs, maxArgs, f, nullptr};
}

// A scalar function that is called with null arguments too.
constexpr FunctionInfo seesNull(const char* name, int minArgs, int maxArgs, ScalarFunction f,
                                bool deterministic = true) {
    return {name, minArgs, maxArgs, f, nullptr, false, deterministic};
}

constexpr FunctionInfo aggregate(const char* name, int args, AggregatorFactory make) {
    return {name, args, args, nullptr, make};
}

// One row per function, grouped as docs/query-language.md lists them.
constexpr FunctionInfo kFunctions[] = {
    // aggregates (execute/aggregator.h)
    aggregate("count", 1, makeCount),
    aggregate("sum", 1, makeSum),
    aggregate("avg", 1, makeAvg),
    aggregate("min", 1, makeMin),
    aggregate("max", 1, makeMax),
    aggregate("collect", 1, makeCollect),
    aggregate("stDev", 1, makeStDev),
    aggregate("stDevP", 1, makeStDevP),
    aggregate("percentileDisc", 2, makePercentileDisc),
    aggregate("percentileCont", 2, makePercentileCont),
    // graph
    scalar("type", 1, 1, type),
    scalar("id", 1, 1, id),
    scalar("labels", 1, 1, labels),
    scalar("keys", 1, 1, keys),
    scalar("properties", 1, 1, properties),
    scalar("nodes", 1, 1, nodes),
    scalar("relationships", 1, 1, relationships),
    scalar("length", 1, 1, length),
    scalar("startNode", 1, 1, startNode),
    scalar("endNode", 1, 1, endNode),
    seesNull("exists", 1, 1, exists),
    scalar("evidence", 1, 1, evidence),
    // lists
    scalar("size", 1, 1, size),
    scalar("head", 1, 1, head),
    scalar("last", 1, 1, last),
    scalar("tail", 1, 1, tail),
    scalar("range", 2, 3, range),
    seesNull("coalesce", 1, -1, coalesce),
    scalar("isEmpty", 1, 1, isEmpty),
    // strings
    scalar("toUpper", 1, 1, toUpper),
    scalar("toLower", 1, 1, toLower),
    scalar("trim", 1, 1, trim),
    scalar("ltrim", 1, 1, ltrim),
    scalar("rtrim", 1, 1, rtrim),
    scalar("replace", 3, 3, replace),
    scalar("substring", 2, 3, substring),
    scalar("split", 2, 2, split),
    scalar("left", 2, 2, left),
    scalar("right", 2, 2, right),
    scalar("reverse", 1, 1, reverse),
    scalar("toString", 1, 1, toStringFn),
    scalar("toInteger", 1, 1, toIntegerFn),
    scalar("toFloat", 1, 1, toFloatFn),
    scalar("toBoolean", 1, 1, toBooleanFn),
    // math
    scalar("abs", 1, 1, abs),
    scalar("ceil", 1, 1, real<kCeil, ceil>),
    scalar("floor", 1, 1, real<kFloor, floor>),
    scalar("round", 1, 1, round),
    scalar("sign", 1, 1, sign),
    scalar("sqrt", 1, 1, real<kSqrt, sqrt>),
    scalar("exp", 1, 1, real<kExp, exp>),
    scalar("log", 1, 1, real<kLog, log>),
    scalar("log10", 1, 1, real<kLog10, log10>),
    scalar("sin", 1, 1, real<kSin, sin>),
    scalar("cos", 1, 1, real<kCos, cos>),
    scalar("tan", 1, 1, real<kTan, tan>),
    scalar("asin", 1, 1, real<kAsin, asin>),
    scalar("acos", 1, 1, real<kAcos, acos>),
    scalar("atan", 1, 1, real<kAtan, atan>),
    scalar("atan2", 2, 2, atan2),
    scalar("degrees", 1, 1, real<kDegrees, degrees>),
    scalar("radians", 1, 1, real<kRadians, radians>),
    seesNull("rand", 0, 0, rand, /*deterministic=*/false),
    seesNull("pi", 0, 0, pi),
    seesNull("e", 0, 0, e),
};

}  // namespace

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

std::span<const FunctionInfo> allFunctions() { return kFunctions; }

const FunctionInfo* findFunction(std::string_view name) {
    for (const auto& f : kFunctions) {
        if (text::equalsIgnoringCase(name, f.name)) return &f;
    }
    return nullptr;
}

std::string similarFunction(std::string_view name) {
    // Names other languages use for built-ins that exist here under another name.
    static const std::pair<const char*, const char*> kAliases[] = {
        {"lower", "toLower"},     {"upper", "toUpper"},   {"lowercase", "toLower"},
        {"uppercase", "toUpper"}, {"len", "size"},        {"strlen", "size"},
        {"substr", "substring"},  {"tostr", "toString"},  {"str", "toString"},
        {"int", "toInteger"},     {"toint", "toInteger"}, {"float", "toFloat"},
        {"todouble", "toFloat"},  {"nvl", "coalesce"},    {"ifnull", "coalesce"}};
    std::string lower = text::asciiLower(name);
    for (const auto& [alias, target] : kAliases) {
        if (lower == alias && findFunction(target)) return target;
    }
    std::string best;
    size_t bestScore = std::string::npos;
    for (const auto& f : kFunctions) {
        std::string known = text::asciiLower(f.name);
        size_t score = std::string::npos;
        // toLowerCase -> toLower: a known name followed by a few more letters.
        if (known.size() >= 4 && lower.starts_with(known) && lower.size() <= known.size() + 6) {
            score = lower.size() - known.size();
        } else {
            std::vector<size_t> prev(known.size() + 1), cur(known.size() + 1);
            for (size_t j = 0; j <= known.size(); ++j) prev[j] = j;
            for (size_t i = 1; i <= lower.size(); ++i) {
                cur[0] = i;
                for (size_t j = 1; j <= known.size(); ++j) {
                    cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1,
                                       prev[j - 1] + (lower[i - 1] != known[j - 1])});
                }
                std::swap(prev, cur);
            }
            size_t allowed = lower.size() <= 4 ? 1 : 2;
            if (prev[known.size()] <= allowed) score = prev[known.size()];
        }
        if (score < bestScore) {
            bestScore = score;
            best = f.name;
        }
    }
    return best;
}

bool isCallOf(const ast::Expr& e, std::string_view name) {
    return e.kind == ast::ExprKind::FunctionCall && e.function && name == e.function->name;
}

}  // namespace kgraph::query
