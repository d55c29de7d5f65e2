#include "storage/mention_record.h"

#include "storage/key_format.h"
#include "storage/value_codec.h"

namespace kgraph::storage {

std::string mentionPrefix(uint64_t edgeId) {
    std::string k;
    keys::putU64(k, edgeId);
    return k;
}

std::string mentionKey(uint64_t edgeId, uint32_t seq) {
    std::string k = mentionPrefix(edgeId);
    keys::putU32(k, seq);
    return k;
}

std::string encodeMention(const Mention& m) {
    std::string out;
    codec::putString(out, m.doc);
    codec::putVarint(out, m.sentence);
    codec::putVarint(out, m.begin);
    codec::putVarint(out, m.end);
    codec::putString(out, m.text);
    return out;
}

Mention decodeMention(std::string_view bytes) {
    Mention m;
    size_t pos = 0;
    m.doc = std::string(codec::getString(bytes, pos));
    m.sentence = static_cast<uint32_t>(codec::getVarint(bytes, pos));
    m.begin = static_cast<uint32_t>(codec::getVarint(bytes, pos));
    m.end = static_cast<uint32_t>(codec::getVarint(bytes, pos));
    m.text = std::string(codec::getString(bytes, pos));
    return m;
}

}  // namespace kgraph::storage
