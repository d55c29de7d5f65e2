// The on-disk key layout of a kgraph database. See docs/storage.md.
//
// Every record lives in RocksDB's default column family; the first key byte
// says what the record is. Integers in keys are big-endian so that byte order
// is numeric order, and every pattern with one bound endpoint, optionally a
// relationship type, is one prefix scan of the adjacency index.
//
// DO NOT CHANGE THESE VALUES: they are embedded in the on-disk data. A change
// of layout needs a new kFormatVersion.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace kgraph::storage::keys {

// Stored under kMeta + "format"; a database of another value is refused.
// Format 2 added the pattern counts (c 'P'); format 3 the degree counts (c 'O'/'I'/'S').
inline constexpr std::string_view kFormatVersion = "kgraph-format-3";

// Dictionary ids start at 1; 0 stands for "any label / any type" in pattern counts.
inline constexpr uint32_t kAnyToken = 0;

inline constexpr char kMeta = '\x01';      // \x01 name                      -> value
inline constexpr char kNode = 'n';         // n node:u64                     -> NodeRecord
inline constexpr char kEdge = 'e';         // e edge:u64                     -> EdgeRecord
inline constexpr char kOut = 'o';          // o src:u64 type:u32 dst:u64 edge:u64 -> ""
inline constexpr char kIn = 'i';           // i dst:u64 type:u32 src:u64 edge:u64 -> ""
inline constexpr char kLabel = 'l';        // l label:u32 node:u64           -> ""
inline constexpr char kName = 'x';         // x name-bytes \0 node:u64       -> ""
inline constexpr char kType = 't';         // t type:u32 edge:u64            -> ""
inline constexpr char kTokenByName = 'd';  // d name-bytes                   -> id:u32
inline constexpr char kTokenById = 'D';    // D id:u32                       -> name-bytes
inline constexpr char kCount = 'c';  // c 'N' | c 'E' | c 'L' label:u32 | c 'T' type:u32 -> u64
                                     // c 'P' srcLabel:u32 type:u32 dstLabel:u32 -> u64
                                     //   (any of the three may be kAnyToken)
                                     // c 'O' | c 'I' | c 'S' node:u64 -> u64 (degrees)

// Meta names.
inline constexpr std::string_view kMetaFormat = "format";
inline constexpr std::string_view kMetaNextNode = "next_node";
inline constexpr std::string_view kMetaNextEdge = "next_edge";
inline constexpr std::string_view kMetaNextToken = "next_token";

inline void putU64(std::string& out, uint64_t v) {
    for (int shift = 56; shift >= 0; shift -= 8)
        out.push_back(static_cast<char>((v >> shift) & 0xff));
}
inline void putU32(std::string& out, uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8)
        out.push_back(static_cast<char>((v >> shift) & 0xff));
}
// REQUIRES: at least 8 (4) bytes at p.
inline uint64_t getU64(const char* p) {
    uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v = (v << 8) | static_cast<unsigned char>(p[i]);
    return v;
}
inline uint32_t getU32(const char* p) {
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(p[i]);
    return v;
}

inline std::string meta(std::string_view name) {
    std::string k(1, kMeta);
    k.append(name);
    return k;
}
inline std::string node(uint64_t id) {
    std::string k(1, kNode);
    putU64(k, id);
    return k;
}
inline std::string edge(uint64_t id) {
    std::string k(1, kEdge);
    putU64(k, id);
    return k;
}
// Adjacency key: `tag` is kOut or kIn; `from` is the bound endpoint.
inline std::string adjacency(char tag, uint64_t from, uint32_t type, uint64_t to, uint64_t edgeId) {
    std::string k(1, tag);
    putU64(k, from);
    putU32(k, type);
    putU64(k, to);
    putU64(k, edgeId);
    return k;
}
inline std::string label(uint32_t labelId, uint64_t nodeId) {
    std::string k(1, kLabel);
    putU32(k, labelId);
    putU64(k, nodeId);
    return k;
}
inline std::string name(std::string_view nameBytes, uint64_t nodeId) {
    std::string k(1, kName);
    k.append(nameBytes);
    k.push_back('\0');
    putU64(k, nodeId);
    return k;
}
inline std::string type(uint32_t typeId, uint64_t edgeId) {
    std::string k(1, kType);
    putU32(k, typeId);
    putU64(k, edgeId);
    return k;
}
inline std::string count(char what, uint32_t id = 0) {
    std::string k(1, kCount);
    k.push_back(what);
    if (what == 'L' || what == 'T') putU32(k, id);
    return k;
}
// Degree counts of a node: 'O' relationships starting at it, 'I' ending at it, 'S' self-loops
// (counted in both 'O' and 'I'). Absent (or 0) when there are none. They make a node's degree one
// lookup instead of a scan of its adjacency keys.
inline std::string degreeCount(char what, uint64_t nodeId) {
    std::string k(1, kCount);
    k.push_back(what);
    putU64(k, nodeId);
    return k;
}
// Relationships of type `type` from a node labelled `srcLabel` to one labelled
// `dstLabel`. kAnyToken in a position counts every label (or type) there; the
// key (any, any, any) and (any, type, any) are never stored: they are c 'E' and
// c 'T' type.
inline std::string patternCount(uint32_t srcLabel, uint32_t type, uint32_t dstLabel) {
    std::string k(1, kCount);
    k.push_back('P');
    putU32(k, srcLabel);
    putU32(k, type);
    putU32(k, dstLabel);
    return k;
}

}  // namespace kgraph::storage::keys
