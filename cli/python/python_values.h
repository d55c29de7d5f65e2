// Values between kgraph and Python, for the `kgraph` module (module.cpp).
//
// Query values become Python values: null None, booleans bool, integers
// int, floats float, strings str, lists list, maps dict; nodes, relationships
// and paths become the module's small classes Node (id, labels, properties),
// Relationship (id, type, start, end, properties) and Path (nodes,
// relationships). Property values (storage) the same way. Parameters go the
// other way: None, bool, int, float, str, list/tuple and dict with str keys;
// anything else is a kgraph.Error naming the parameter.
//
// Every function here needs the GIL.
#pragma once

#include <pybind11/pybind11.h>

#include <string>

#include "engine/query/value.h"
#include "storage/graph_store.h"

namespace kgraph::python {

namespace py = pybind11;

struct PyNode {
    uint64_t id = 0;
    py::list labels;
    py::dict properties;
};

struct PyRelationship {
    uint64_t id = 0;
    std::string type;
    uint64_t start = 0, end = 0;
    py::dict properties;
};

struct PyPath {
    py::list nodes, relationships;
};

py::object toPython(const query::Value& v);
py::object toPython(const PropertyValue& v);
py::dict toPython(const PropertyMap& props);
// A JSON text (an extract line) as Python values.
py::object jsonToPython(const std::string& json);

// A parameter value; `name` is for the error message.
query::Value fromPython(const py::handle& o, const std::string& name);

}  // namespace kgraph::python
