// PropertyValue: the value of a node or relationship property.
//
// Holds the property types of the query language: null, boolean, integer
// (int64), float (double), string (UTF-8), list and map. Maps are ordered by
// key so that encoding and printing are deterministic.
//
// Thread-safety: a value is a plain value type; distinct objects may be used
// from distinct threads.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

namespace kgraph {

class PropertyValue;
using PropertyList = std::vector<PropertyValue>;
using PropertyMap = std::map<std::string, PropertyValue>;

class PropertyValue {
public:
    // The alternatives, in this order; the index is the type tag stored on disk
    // (see storage/value_codec.h), so DO NOT REORDER.
    using Variant =
        std::variant<std::monostate, bool, int64_t, double, std::string, PropertyList, PropertyMap>;

    PropertyValue() = default;
    PropertyValue(std::nullptr_t) {}
    PropertyValue(bool b) : v_(b) {}
    PropertyValue(int v) : v_(static_cast<int64_t>(v)) {}
    PropertyValue(int64_t v) : v_(v) {}
    PropertyValue(double v) : v_(v) {}
    PropertyValue(const char* s) : v_(std::string(s)) {}
    PropertyValue(std::string s) : v_(std::move(s)) {}
    PropertyValue(PropertyList l) : v_(std::move(l)) {}
    PropertyValue(PropertyMap m) : v_(std::move(m)) {}

    bool isNull() const { return v_.index() == 0; }
    bool isBool() const { return std::holds_alternative<bool>(v_); }
    bool isInt() const { return std::holds_alternative<int64_t>(v_); }
    bool isFloat() const { return std::holds_alternative<double>(v_); }
    bool isString() const { return std::holds_alternative<std::string>(v_); }
    bool isList() const { return std::holds_alternative<PropertyList>(v_); }
    bool isMap() const { return std::holds_alternative<PropertyMap>(v_); }

    // REQUIRES: the matching is*() is true.
    bool asBool() const { return std::get<bool>(v_); }
    int64_t asInt() const { return std::get<int64_t>(v_); }
    double asFloat() const { return std::get<double>(v_); }
    const std::string& asString() const { return std::get<std::string>(v_); }
    std::string& asString() { return std::get<std::string>(v_); }
    const PropertyList& asList() const { return std::get<PropertyList>(v_); }
    const PropertyMap& asMap() const { return std::get<PropertyMap>(v_); }
    PropertyList& asList() { return std::get<PropertyList>(v_); }

    const Variant& variant() const { return v_; }
    bool operator==(const PropertyValue& o) const { return v_ == o.v_; }

private:
    Variant v_;
};

}  // namespace kgraph
