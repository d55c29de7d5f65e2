// Binary encoding of property values and property maps inside records.
//
// A value is a type tag (the PropertyValue::Variant index: 0 null, 1 bool,
// 2 int, 3 float, 4 string, 5 list, 6 map) followed by its payload: bool one
// byte, int zig-zag varint, float 8 bytes little-endian IEEE-754, string
// varint length + bytes, list varint count + values, map varint count +
// (key string, value) pairs. DO NOT CHANGE THE TAGS: they are on disk.
#pragma once

#include <string>
#include <string_view>

#include "storage/property_value.h"

namespace kgraph::storage::codec {

void putVarint(std::string& out, uint64_t v);
// Reads a varint at in[pos], advancing pos. Throws Error on truncated input.
uint64_t getVarint(std::string_view in, size_t& pos);
void putString(std::string& out, std::string_view s);
std::string_view getString(std::string_view in, size_t& pos);

// Lists and maps nest at most this deep: putValue() refuses deeper values (Error, User) and
// getValue() reads them as malformed, so no reader recurses without bound.
inline constexpr int kMaxValueDepth = 1000;

void putValue(std::string& out, const PropertyValue& v);
// Throws kgraph::Error (Storage) on malformed input.
PropertyValue getValue(std::string_view in, size_t& pos);

}  // namespace kgraph::storage::codec
