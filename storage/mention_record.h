// One supporting mention of a fact: where in which document it was stated.
//
// Stored as an aux record: key AuxSpace::Mention + edge id (u64 big-endian)
// + sequence (u32 big-endian); value = varint-prefixed strings and varints in
// the field order below. evidence(r) reads every record under the edge's prefix.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace kgraph::storage {

struct Mention {
    std::string doc;        // document id
    uint32_t sentence = 0;  // 1-based sentence number within the document
    uint32_t begin = 0;     // byte span of the sentence in the document text
    uint32_t end = 0;
    std::string text;  // the sentence
};

std::string mentionKey(uint64_t edgeId, uint32_t seq);
std::string mentionPrefix(uint64_t edgeId);
std::string encodeMention(const Mention& m);
// Throws kgraph::Error on malformed bytes.
Mention decodeMention(std::string_view bytes);

}  // namespace kgraph::storage
