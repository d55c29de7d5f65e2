#include "engine/query/execute/context.h"

namespace kgraph::query {

const std::string& ExecContext::typeName(storage::TokenId id) {
    auto it = typeNames_.find(id);
    if (it != typeNames_.end()) return it->second;
    return typeNames_.emplace(id, view->tokenName(id)).first->second;
}

namespace {

ValueMap toValueMap(const PropertyMap& props) {
    ValueMap m;
    for (const auto& [k, v] : props) m.emplace(k, fromProperty(v));
    return m;
}

void loadNode(NodeValue& n, storage::GraphView& view) {
    if (n.loaded) return;
    if (auto node = view.node(n.id)) {
        n.labels = node->labels;
        n.properties = toValueMap(node->props);
    }
    n.loaded = true;
}

void loadRelationship(RelationshipValue& r, storage::GraphView& view) {
    if (r.loaded) return;
    if (auto e = view.edge(r.id)) {
        r.src = e->src;
        r.dst = e->dst;
        r.type = e->type;
        r.properties = toValueMap(e->props);
    }
    r.loaded = true;
}

}  // namespace

void materialize(Value& v, storage::GraphView& view) {
    switch (v.type()) {
        case Value::Type::Node:
            loadNode(v.asNode(), view);
            break;
        case Value::Type::Relationship:
            loadRelationship(v.asRelationship(), view);
            break;
        case Value::Type::Path:
            for (auto& n : v.asPath().nodes) loadNode(n, view);
            for (auto& r : v.asPath().relationships) loadRelationship(r, view);
            break;
        case Value::Type::List:
            for (auto& e : v.asList()) materialize(e, view);
            break;
        case Value::Type::Map:
            for (auto& [k, e] : v.asMap()) materialize(e, view);
            break;
        default:
            break;
    }
}

}  // namespace kgraph::query
