#include "cli/python/python_values.h"

#include <nlohmann/json.hpp>

#include "engine/common/error.h"

namespace kgraph::python {

namespace {

py::object node(const query::NodeValue& n) {
    PyNode out;
    out.id = n.id;
    for (const auto& l : n.labels) out.labels.append(py::str(l));
    for (const auto& [k, v] : n.properties) out.properties[py::str(k)] = toPython(v);
    return py::cast(std::move(out));
}

py::object relationship(const query::RelationshipValue& r) {
    PyRelationship out;
    out.id = r.id;
    out.type = r.type;
    out.start = r.src;
    out.end = r.dst;
    for (const auto& [k, v] : r.properties) out.properties[py::str(k)] = toPython(v);
    return py::cast(std::move(out));
}

py::object fromJson(const nlohmann::ordered_json& j) {
    if (j.is_null()) return py::none();
    if (j.is_boolean()) return py::bool_(j.get<bool>());
    if (j.is_number_integer()) return py::int_(j.get<int64_t>());
    if (j.is_number()) return py::float_(j.get<double>());
    if (j.is_string()) return py::str(j.get<std::string>());
    if (j.is_array()) {
        py::list l;
        for (const auto& e : j) l.append(fromJson(e));
        return l;
    }
    py::dict d;
    for (auto it = j.begin(); it != j.end(); ++it) d[py::str(it.key())] = fromJson(it.value());
    return d;
}

}  // namespace

py::object toPython(const query::Value& v) {
    switch (v.type()) {
        case query::Value::Type::Null:
            return py::none();
        case query::Value::Type::Bool:
            return py::bool_(v.asBool());
        case query::Value::Type::Int:
            return py::int_(v.asInt());
        case query::Value::Type::Float:
            return py::float_(v.asFloat());
        case query::Value::Type::String:
            return py::str(v.asString());
        case query::Value::Type::List: {
            py::list l;
            for (const auto& e : v.asList()) l.append(toPython(e));
            return l;
        }
        case query::Value::Type::Map: {
            py::dict d;
            for (const auto& [k, e] : v.asMap()) d[py::str(k)] = toPython(e);
            return d;
        }
        case query::Value::Type::Node:
            return node(v.asNode());
        case query::Value::Type::Relationship:
            return relationship(v.asRelationship());
        case query::Value::Type::Path: {
            PyPath p;
            for (const auto& n : v.asPath().nodes) p.nodes.append(node(n));
            for (const auto& r : v.asPath().relationships) p.relationships.append(relationship(r));
            return py::cast(std::move(p));
        }
    }
    return py::none();
}

py::object toPython(const PropertyValue& v) {
    if (v.isNull()) return py::none();
    if (v.isBool()) return py::bool_(v.asBool());
    if (v.isInt()) return py::int_(v.asInt());
    if (v.isFloat()) return py::float_(v.asFloat());
    if (v.isString()) return py::str(v.asString());
    if (v.isList()) {
        py::list l;
        for (const auto& e : v.asList()) l.append(toPython(e));
        return l;
    }
    return toPython(v.asMap());
}

py::dict toPython(const PropertyMap& props) {
    py::dict d;
    for (const auto& [k, v] : props) d[py::str(k)] = toPython(v);
    return d;
}

py::object jsonToPython(const std::string& json) {
    return fromJson(nlohmann::ordered_json::parse(json));
}

query::Value fromPython(const py::handle& o, const std::string& name) {
    if (o.is_none()) return {};
    if (py::isinstance<py::bool_>(o)) return o.cast<bool>();
    if (py::isinstance<py::int_>(o)) {
        try {
            return o.cast<int64_t>();
        } catch (const py::cast_error&) {
            throw Error("parameter '" + name + "': the integer does not fit in 64 bits");
        }
    }
    if (py::isinstance<py::float_>(o)) return o.cast<double>();
    if (py::isinstance<py::str>(o)) return o.cast<std::string>();
    if (py::isinstance<py::list>(o) || py::isinstance<py::tuple>(o)) {
        query::ValueList l;
        for (const auto& e : o) l.push_back(fromPython(e, name));
        return l;
    }
    if (py::isinstance<py::dict>(o)) {
        query::ValueMap m;
        for (const auto& [k, v] : o.cast<py::dict>()) {
            if (!py::isinstance<py::str>(k))
                throw Error("parameter '" + name + "': map keys must be strings");
            m[k.cast<std::string>()] = fromPython(v, name);
        }
        return m;
    }
    throw Error("parameter '" + name + "': a " +
                std::string(py::str(py::type::of(o).attr("__name__"))) +
                " is not a query value (use None, bool, int, float, str, list or dict)");
}

}  // namespace kgraph::python
