// Value: a runtime value of the query language.
//
// One of: null, boolean, integer (int64), float (double), string, list, map, node,
// relationship, path. Nodes and relationships are identified by their storage id; their
// labels/type and properties are filled in when a value leaves the engine (see
// QueryResult) — inside the engine they may hold only the id (see `loaded`).
//
// Equality, ordering and hashing follow openCypher:
//   - equals() is the three-valued `=`: null when either side is (or contains) null where it
//     matters, 1 = 1.0 is true, values of different types are not equal;
//   - compareOrder() is the total order of ORDER BY (maps < nodes < relationships < lists <
//     paths < strings < booleans < numbers < null, NaN after every other number);
//   - groupKey() is the equivalence used by DISTINCT and grouping (null equals null).
//
// Thread-safety: a plain value type.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "storage/property_value.h"

namespace kgraph::query {

class Value;
using ValueList = std::vector<Value>;
using ValueMap = std::map<std::string, Value>;

struct NodeValue {
    uint64_t id = 0;
    std::vector<std::string> labels;
    ValueMap properties;
    bool loaded = false;  // labels and properties are filled in
    bool operator==(const NodeValue& o) const { return id == o.id; }
};

struct RelationshipValue {
    uint64_t id = 0;
    uint64_t src = 0;
    uint64_t dst = 0;
    std::string type;
    ValueMap properties;
    bool loaded = false;  // properties are filled in (type, src and dst always are)
    bool operator==(const RelationshipValue& o) const { return id == o.id; }
};

// Alternating nodes and relationships: nodes.size() == relationships.size() + 1.
// Relationship i joins nodes[i] and nodes[i + 1], in either direction.
struct PathValue {
    std::vector<NodeValue> nodes;
    std::vector<RelationshipValue> relationships;
    bool operator==(const PathValue& o) const {
        return nodes == o.nodes && relationships == o.relationships;
    }
};

class Value {
public:
    enum class Type { Null, Bool, Int, Float, String, List, Map, Node, Relationship, Path };
    using Variant = std::variant<std::monostate, bool, int64_t, double, std::string, ValueList,
                                 ValueMap, NodeValue, RelationshipValue, PathValue>;

    Value() = default;
    Value(std::nullptr_t) {}
    Value(bool b) : v_(b) {}
    Value(int v) : v_(static_cast<int64_t>(v)) {}
    Value(int64_t v) : v_(v) {}
    Value(double v) : v_(v) {}
    Value(const char* s) : v_(std::string(s)) {}
    Value(std::string s) : v_(std::move(s)) {}
    Value(ValueList l) : v_(std::move(l)) {}
    Value(ValueMap m) : v_(std::move(m)) {}
    Value(NodeValue n) : v_(std::move(n)) {}
    Value(RelationshipValue r) : v_(std::move(r)) {}
    Value(PathValue p) : v_(std::move(p)) {}

    Type type() const { return static_cast<Type>(v_.index()); }
    bool isNull() const { return v_.index() == 0; }
    bool isBool() const { return type() == Type::Bool; }
    bool isInt() const { return type() == Type::Int; }
    bool isFloat() const { return type() == Type::Float; }
    bool isNumber() const { return isInt() || isFloat(); }
    bool isString() const { return type() == Type::String; }
    bool isList() const { return type() == Type::List; }
    bool isMap() const { return type() == Type::Map; }
    bool isNode() const { return type() == Type::Node; }
    bool isRelationship() const { return type() == Type::Relationship; }
    bool isPath() const { return type() == Type::Path; }

    // REQUIRES: the matching is*() is true.
    bool asBool() const { return std::get<bool>(v_); }
    int64_t asInt() const { return std::get<int64_t>(v_); }
    double asFloat() const { return std::get<double>(v_); }
    // REQUIRES: isNumber().
    double asNumber() const { return isInt() ? static_cast<double>(asInt()) : asFloat(); }
    const std::string& asString() const { return std::get<std::string>(v_); }
    const ValueList& asList() const { return std::get<ValueList>(v_); }
    ValueList& asList() { return std::get<ValueList>(v_); }
    const ValueMap& asMap() const { return std::get<ValueMap>(v_); }
    ValueMap& asMap() { return std::get<ValueMap>(v_); }
    const NodeValue& asNode() const { return std::get<NodeValue>(v_); }
    NodeValue& asNode() { return std::get<NodeValue>(v_); }
    const RelationshipValue& asRelationship() const { return std::get<RelationshipValue>(v_); }
    RelationshipValue& asRelationship() { return std::get<RelationshipValue>(v_); }
    const PathValue& asPath() const { return std::get<PathValue>(v_); }
    PathValue& asPath() { return std::get<PathValue>(v_); }

    const Variant& variant() const { return v_; }

    // Structural identity (not the three-valued `=`): same type and same content; nodes and
    // relationships by id. Used by tests and containers.
    bool operator==(const Value& o) const;

private:
    Variant v_;
};

// The name of a type as used in error messages: "Integer", "String", "Node", ...
std::string typeName(Value::Type t);

// openCypher `=`: std::nullopt stands for null.
std::optional<bool> equals(const Value& a, const Value& b);
// openCypher `<`: std::nullopt (null) when the values are not comparable.
// Returns <0, 0, >0 otherwise.
std::optional<int> compareValues(const Value& a, const Value& b);
// The total order of ORDER BY.
int compareOrder(const Value& a, const Value& b);
// A string equal for equivalent values (DISTINCT, grouping, map keys).
std::string groupKey(const Value& v);

// Conversions between query values and stored property values. toProperty() throws
// kgraph::Error for values that cannot be stored (nodes, maps, lists of mixed types, ...),
// naming `what`.
Value fromProperty(const PropertyValue& p);
// The same, taking the string of a string property instead of copying it.
Value fromProperty(PropertyValue&& p);
PropertyValue toProperty(const Value& v, std::string_view what);

// The TCK's notation: (:L {k: 'v'}), [:T {k: 1}], <(a)-[:T]->(b)>, [1, 2], {k: 'v'}, 'str',
// 1.0, null. Properties print in key order.
std::string formatValue(const Value& v);
// A float as the TCK writes it (Java's Double.toString): 1.0, 0.5, 1.0E10, NaN, Infinity.
std::string formatFloat(double d);

}  // namespace kgraph::query
