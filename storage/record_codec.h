// Encoding of node and edge records (the values under keys::kNode/kEdge).
//
// NodeRecord: varint label count, label token ids (varint), then the
//   properties: varint count, (key token id varint, value) pairs.
// EdgeRecord: src u64, dst u64 (big-endian), type token id varint, properties.
// Property key ids, not key strings, are stored: keys are dictionary-encoded.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "storage/property_value.h"

namespace kgraph::storage::codec {

using TokenProps = std::vector<std::pair<uint32_t, PropertyValue>>;

struct NodeRecord {
    std::vector<uint32_t> labels;
    TokenProps props;
};

struct EdgeRecord {
    uint64_t src = 0;
    uint64_t dst = 0;
    uint32_t type = 0;
    TokenProps props;
};

std::string encodeNode(const NodeRecord& r);
NodeRecord decodeNode(std::string_view bytes);
std::string encodeEdge(const EdgeRecord& r);
EdgeRecord decodeEdge(std::string_view bytes);

// The value of property `key` in encoded props starting at `pos`, without
// decoding the others' values fully. Null if absent.
PropertyValue findProp(std::string_view bytes, size_t pos, uint32_t key);
// Offset of the property section within an encoded node/edge record.
size_t nodePropsOffset(std::string_view bytes);
size_t edgePropsOffset(std::string_view bytes);

}  // namespace kgraph::storage::codec
