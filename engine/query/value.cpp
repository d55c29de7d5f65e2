#include "engine/query/value.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "engine/common/error.h"

namespace kgraph::query {

namespace {

// Rank of a type in the ORDER BY order.
int orderRank(const Value& v) {
    switch (v.type()) {
        case Value::Type::Map:
            return 0;
        case Value::Type::Node:
            return 1;
        case Value::Type::Relationship:
            return 2;
        case Value::Type::List:
            return 3;
        case Value::Type::Path:
            return 4;
        case Value::Type::String:
            return 5;
        case Value::Type::Bool:
            return 6;
        case Value::Type::Int:
        case Value::Type::Float:
            return 7;
        case Value::Type::Null:
            return 9;
    }
    return 9;
}

int compareNumbers(const Value& a, const Value& b) {
    if (a.isInt() && b.isInt()) {
        return a.asInt() < b.asInt() ? -1 : (a.asInt() > b.asInt() ? 1 : 0);
    }
    double x = a.asNumber();
    double y = b.asNumber();
    return x < y ? -1 : (x > y ? 1 : 0);
}

std::string quoteString(const std::string& s) {
    std::string out = "'";
    for (char c : s) {
        if (c == '\'' || c == '\\') out += '\\';
        out += c;
    }
    out += '\'';
    return out;
}

std::string formatProperties(const ValueMap& m) {
    if (m.empty()) return "";
    std::string out = " {";
    bool first = true;
    for (const auto& [k, v] : m) {
        if (!first) out += ", ";
        first = false;
        out += k + ": " + formatValue(v);
    }
    return out + "}";
}

std::string formatNode(const NodeValue& n) {
    std::string out = "(";
    for (const auto& l : n.labels) out += ":" + l;
    std::string props = formatProperties(n.properties);
    out += n.labels.empty() && !props.empty() ? props.substr(1) : props;
    return out + ")";
}

std::string formatRelationship(const RelationshipValue& r) {
    return "[:" + r.type + formatProperties(r.properties) + "]";
}

}  // namespace

bool Value::operator==(const Value& o) const {
    if (type() != o.type()) return false;
    switch (type()) {
        case Type::Node:
            return asNode().id == o.asNode().id;
        case Type::Relationship:
            return asRelationship().id == o.asRelationship().id;
        case Type::Path: {
            const auto& a = asPath();
            const auto& b = o.asPath();
            if (a.nodes.size() != b.nodes.size() ||
                a.relationships.size() != b.relationships.size()) {
                return false;
            }
            for (size_t i = 0; i < a.nodes.size(); ++i) {
                if (a.nodes[i].id != b.nodes[i].id) return false;
            }
            for (size_t i = 0; i < a.relationships.size(); ++i) {
                if (a.relationships[i].id != b.relationships[i].id) return false;
            }
            return true;
        }
        default:
            return v_ == o.v_;
    }
}

std::string typeName(Value::Type t) {
    switch (t) {
        case Value::Type::Null:
            return "Null";
        case Value::Type::Bool:
            return "Boolean";
        case Value::Type::Int:
            return "Integer";
        case Value::Type::Float:
            return "Float";
        case Value::Type::String:
            return "String";
        case Value::Type::List:
            return "List";
        case Value::Type::Map:
            return "Map";
        case Value::Type::Node:
            return "Node";
        case Value::Type::Relationship:
            return "Relationship";
        case Value::Type::Path:
            return "Path";
    }
    return "?";
}

std::optional<bool> equals(const Value& a, const Value& b) {
    if (a.isNull() || b.isNull()) return std::nullopt;
    if (a.isNumber() && b.isNumber()) {
        if (a.isInt() && b.isInt()) return a.asInt() == b.asInt();
        return a.asNumber() == b.asNumber();
    }
    if (a.type() != b.type()) return false;
    if (a.isList()) {
        const auto& x = a.asList();
        const auto& y = b.asList();
        if (x.size() != y.size()) return false;
        bool unknown = false;
        for (size_t i = 0; i < x.size(); ++i) {
            auto e = equals(x[i], y[i]);
            if (!e) {
                unknown = true;
            } else if (!*e) {
                return false;
            }
        }
        if (unknown) return std::nullopt;
        return true;
    }
    if (a.isMap()) {
        const auto& x = a.asMap();
        const auto& y = b.asMap();
        if (x.size() != y.size()) return false;
        bool unknown = false;
        for (auto i = x.begin(), j = y.begin(); i != x.end(); ++i, ++j) {
            if (i->first != j->first) return false;
            auto e = equals(i->second, j->second);
            if (!e) {
                unknown = true;
            } else if (!*e) {
                return false;
            }
        }
        if (unknown) return std::nullopt;
        return true;
    }
    return a == b;
}

std::optional<int> compareValues(const Value& a, const Value& b) {
    if (a.isNull() || b.isNull()) return std::nullopt;
    if (a.isNumber() && b.isNumber()) {
        if (a.isFloat() && std::isnan(a.asFloat())) return std::nullopt;
        if (b.isFloat() && std::isnan(b.asFloat())) return std::nullopt;
        return compareNumbers(a, b);
    }
    if (a.type() != b.type()) return std::nullopt;
    switch (a.type()) {
        case Value::Type::String: {
            int c = a.asString().compare(b.asString());
            return c < 0 ? -1 : (c > 0 ? 1 : 0);
        }
        case Value::Type::Bool:
            return int(a.asBool()) - int(b.asBool());
        case Value::Type::List: {
            const auto& x = a.asList();
            const auto& y = b.asList();
            for (size_t i = 0; i < x.size() && i < y.size(); ++i) {
                auto c = compareValues(x[i], y[i]);
                if (!c) return std::nullopt;
                if (*c != 0) return c;
            }
            return x.size() < y.size() ? -1 : (x.size() > y.size() ? 1 : 0);
        }
        default:
            return std::nullopt;
    }
}

int compareOrder(const Value& a, const Value& b) {
    int ra = orderRank(a);
    int rb = orderRank(b);
    if (ra != rb) return ra < rb ? -1 : 1;
    switch (a.type()) {
        case Value::Type::Null:
            return 0;
        case Value::Type::Int:
        case Value::Type::Float: {
            bool na = a.isFloat() && std::isnan(a.asFloat());
            bool nb = b.isFloat() && std::isnan(b.asFloat());
            if (na || nb) return na == nb ? 0 : (na ? 1 : -1);
            return compareNumbers(a, b);
        }
        case Value::Type::String: {
            int c = a.asString().compare(b.asString());
            return c < 0 ? -1 : (c > 0 ? 1 : 0);
        }
        case Value::Type::Bool:
            return int(a.asBool()) - int(b.asBool());
        case Value::Type::List: {
            const auto& x = a.asList();
            const auto& y = b.asList();
            for (size_t i = 0; i < x.size() && i < y.size(); ++i) {
                int c = compareOrder(x[i], y[i]);
                if (c != 0) return c;
            }
            return x.size() < y.size() ? -1 : (x.size() > y.size() ? 1 : 0);
        }
        case Value::Type::Map: {
            const auto& x = a.asMap();
            const auto& y = b.asMap();
            auto i = x.begin();
            auto j = y.begin();
            for (; i != x.end() && j != y.end(); ++i, ++j) {
                if (i->first != j->first) return i->first < j->first ? -1 : 1;
                int c = compareOrder(i->second, j->second);
                if (c != 0) return c;
            }
            return x.size() < y.size() ? -1 : (x.size() > y.size() ? 1 : 0);
        }
        case Value::Type::Node: {
            auto x = a.asNode().id, y = b.asNode().id;
            return x < y ? -1 : (x > y ? 1 : 0);
        }
        case Value::Type::Relationship: {
            auto x = a.asRelationship().id, y = b.asRelationship().id;
            return x < y ? -1 : (x > y ? 1 : 0);
        }
        case Value::Type::Path: {
            const auto& x = a.asPath();
            const auto& y = b.asPath();
            size_t n = std::min(x.nodes.size(), y.nodes.size());
            for (size_t i = 0; i < n; ++i) {
                if (x.nodes[i].id != y.nodes[i].id) return x.nodes[i].id < y.nodes[i].id ? -1 : 1;
            }
            return x.nodes.size() < y.nodes.size() ? -1 : (x.nodes.size() > y.nodes.size() ? 1 : 0);
        }
    }
    return 0;
}

std::string groupKey(const Value& v) {
    switch (v.type()) {
        case Value::Type::Null:
            return "~";
        case Value::Type::Bool:
            return v.asBool() ? "T" : "F";
        case Value::Type::Int:
            return "I" + std::to_string(v.asInt());
        case Value::Type::Float: {
            double d = v.asFloat();
            // Whole floats group with the equal integer, as `=` says they are equal.
            if (std::trunc(d) == d && std::fabs(d) < 9.2e18) {
                return "I" + std::to_string(static_cast<int64_t>(d));
            }
            return "D" + formatFloat(d);
        }
        case Value::Type::String:
            return "S" + std::to_string(v.asString().size()) + ":" + v.asString();
        case Value::Type::List: {
            std::string k = "L[";
            for (const auto& e : v.asList()) k += groupKey(e) + ",";
            return k + "]";
        }
        case Value::Type::Map: {
            std::string k = "M{";
            for (const auto& [key, e] : v.asMap()) {
                k += std::to_string(key.size()) + ":" + key + "=" + groupKey(e) + ",";
            }
            return k + "}";
        }
        case Value::Type::Node:
            return "N" + std::to_string(v.asNode().id);
        case Value::Type::Relationship:
            return "R" + std::to_string(v.asRelationship().id);
        case Value::Type::Path: {
            std::string k = "P";
            for (const auto& n : v.asPath().nodes) k += std::to_string(n.id) + ",";
            k += "/";
            for (const auto& r : v.asPath().relationships) k += std::to_string(r.id) + ",";
            return k;
        }
    }
    return "?";
}

Value fromProperty(PropertyValue&& p) {
    if (p.isString()) return Value(std::move(p.asString()));
    return fromProperty(static_cast<const PropertyValue&>(p));
}

Value fromProperty(const PropertyValue& p) {
    switch (p.variant().index()) {
        case 0:
            return Value();
        case 1:
            return Value(p.asBool());
        case 2:
            return Value(p.asInt());
        case 3:
            return Value(p.asFloat());
        case 4:
            return Value(p.asString());
        case 5: {
            ValueList l;
            l.reserve(p.asList().size());
            for (const auto& e : p.asList()) l.push_back(fromProperty(e));
            return Value(std::move(l));
        }
        case 6: {
            ValueMap m;
            for (const auto& [k, e] : p.asMap()) m.emplace(k, fromProperty(e));
            return Value(std::move(m));
        }
    }
    return Value();
}

PropertyValue toProperty(const Value& v, std::string_view what) {
    switch (v.type()) {
        case Value::Type::Null:
            return PropertyValue();
        case Value::Type::Bool:
            return PropertyValue(v.asBool());
        case Value::Type::Int:
            return PropertyValue(v.asInt());
        case Value::Type::Float:
            return PropertyValue(v.asFloat());
        case Value::Type::String:
            return PropertyValue(v.asString());
        case Value::Type::List: {
            PropertyList l;
            for (const auto& e : v.asList()) {
                if (e.isList() || e.isMap() || e.isNode() || e.isRelationship() || e.isPath()) {
                    throw Error("type error: property " + std::string(what) +
                                " cannot store a list containing a " + typeName(e.type()));
                }
                if (e.isNull()) {
                    throw Error("type error: property " + std::string(what) +
                                " cannot store a list containing null");
                }
                l.push_back(toProperty(e, what));
            }
            return PropertyValue(std::move(l));
        }
        default:
            throw Error("type error: property " + std::string(what) + " cannot store a " +
                        typeName(v.type()));
    }
}

std::string formatFloat(double d) {
    if (std::isnan(d)) return "NaN";
    if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
    if (d == 0) return std::signbit(d) ? "-0.0" : "0.0";
    // Shortest round-trip digits, then laid out like Java's Double.toString.
    char buf[64];
    auto res = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
    std::string sci(buf, res.ptr);  // e.g. "-1.2345e+03"
    bool neg = sci[0] == '-';
    if (neg) sci.erase(0, 1);
    size_t e = sci.find('e');
    int exp = std::stoi(sci.substr(e + 1));
    std::string digits = sci.substr(0, e);
    digits.erase(std::remove(digits.begin(), digits.end(), '.'), digits.end());
    std::string out;
    double mag = std::fabs(d);
    if (mag >= 1e-3 && mag < 1e7) {
        if (exp >= 0) {
            std::string intPart = digits.substr(0, std::min<size_t>(digits.size(), exp + 1));
            while (intPart.size() < static_cast<size_t>(exp + 1)) intPart += '0';
            std::string frac =
                digits.size() > static_cast<size_t>(exp + 1) ? digits.substr(exp + 1) : "0";
            out = intPart + "." + frac;
        } else {
            out = "0." + std::string(-exp - 1, '0') + digits;
        }
    } else {
        std::string frac = digits.size() > 1 ? digits.substr(1) : "0";
        out = digits.substr(0, 1) + "." + frac + "E" + std::to_string(exp);
    }
    return neg ? "-" + out : out;
}

std::string formatValue(const Value& v) {
    switch (v.type()) {
        case Value::Type::Null:
            return "null";
        case Value::Type::Bool:
            return v.asBool() ? "true" : "false";
        case Value::Type::Int:
            return std::to_string(v.asInt());
        case Value::Type::Float:
            return formatFloat(v.asFloat());
        case Value::Type::String:
            return quoteString(v.asString());
        case Value::Type::List: {
            std::string out = "[";
            bool first = true;
            for (const auto& e : v.asList()) {
                if (!first) out += ", ";
                first = false;
                out += formatValue(e);
            }
            return out + "]";
        }
        case Value::Type::Map: {
            std::string out = "{";
            bool first = true;
            for (const auto& [k, e] : v.asMap()) {
                if (!first) out += ", ";
                first = false;
                out += k + ": " + formatValue(e);
            }
            return out + "}";
        }
        case Value::Type::Node:
            return formatNode(v.asNode());
        case Value::Type::Relationship:
            return formatRelationship(v.asRelationship());
        case Value::Type::Path: {
            const auto& p = v.asPath();
            std::string out = "<";
            if (!p.nodes.empty()) out += formatNode(p.nodes[0]);
            for (size_t i = 0; i < p.relationships.size() && i + 1 < p.nodes.size(); ++i) {
                const auto& r = p.relationships[i];
                bool forward = r.src == p.nodes[i].id;
                out += forward ? "-" : "<-";
                out += formatRelationship(r);
                out += forward ? "->" : "-";
                out += formatNode(p.nodes[i + 1]);
            }
            return out + ">";
        }
    }
    return "?";
}

}  // namespace kgraph::query
