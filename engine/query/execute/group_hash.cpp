#include "engine/query/execute/group_hash.h"

#include <cmath>
#include <functional>
#include <optional>
#include <string_view>

namespace kgraph::query {

namespace {

// A float equal to an integer groups with it (see groupKey()).
std::optional<int64_t> wholeFloat(double d) {
    if (std::trunc(d) == d && std::fabs(d) < 9.2e18) return static_cast<int64_t>(d);
    return std::nullopt;
}

uint64_t mix(uint64_t tag, uint64_t x) {
    x ^= tag * 0x9e3779b97f4a7c15ULL;
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    return x;
}

}  // namespace

uint64_t groupHash(const Value& v) {
    switch (v.type()) {
        case Value::Type::Null:
            return mix(1, 0);
        case Value::Type::Bool:
            return mix(2, v.asBool());
        case Value::Type::Int:
            return mix(3, static_cast<uint64_t>(v.asInt()));
        case Value::Type::Float:
            if (auto i = wholeFloat(v.asFloat())) return mix(3, static_cast<uint64_t>(*i));
            break;
        case Value::Type::String:
            return mix(4, std::hash<std::string_view>{}(v.asString()));
        case Value::Type::Node:
            return mix(5, v.asNode().id);
        case Value::Type::Relationship:
            return mix(6, v.asRelationship().id);
        default:
            break;
    }
    return mix(7, std::hash<std::string>{}(groupKey(v)));
}

bool sameGroup(const Value& x, const Value& y) {
    if (x.type() == y.type()) {
        switch (x.type()) {
            case Value::Type::Null:
                return true;
            case Value::Type::Bool:
                return x.asBool() == y.asBool();
            case Value::Type::Int:
                return x.asInt() == y.asInt();
            case Value::Type::String:
                return x.asString() == y.asString();
            case Value::Type::Node:
                return x.asNode().id == y.asNode().id;
            case Value::Type::Relationship:
                return x.asRelationship().id == y.asRelationship().id;
            default:
                break;
        }
    }
    return groupKey(x) == groupKey(y);
}

bool sameGroup(const std::vector<Value>& a, const std::vector<Value>& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        if (!sameGroup(a[i], b[i])) return false;
    }
    return true;
}

}  // namespace kgraph::query
