#include "storage/record_codec.h"

#include "engine/common/error.h"
#include "storage/key_format.h"
#include "storage/value_codec.h"

namespace kgraph::storage::codec {

namespace {
void putProps(std::string& out, const TokenProps& props) {
    putVarint(out, props.size());
    for (const auto& [k, v] : props) {
        putVarint(out, k);
        putValue(out, v);
    }
}
TokenProps getProps(std::string_view in, size_t& pos) {
    uint64_t n = getVarint(in, pos);
    TokenProps props;
    props.reserve(n < 64 ? n : 64);
    for (uint64_t i = 0; i < n; ++i) {
        auto k = static_cast<uint32_t>(getVarint(in, pos));
        props.emplace_back(k, getValue(in, pos));
    }
    return props;
}
}  // namespace

std::string encodeNode(const NodeRecord& r) {
    std::string out;
    putVarint(out, r.labels.size());
    for (auto l : r.labels) putVarint(out, l);
    putProps(out, r.props);
    return out;
}

NodeRecord decodeNode(std::string_view bytes) {
    NodeRecord r;
    size_t pos = 0;
    uint64_t n = getVarint(bytes, pos);
    for (uint64_t i = 0; i < n; ++i)
        r.labels.push_back(static_cast<uint32_t>(getVarint(bytes, pos)));
    r.props = getProps(bytes, pos);
    return r;
}

size_t nodePropsOffset(std::string_view bytes) {
    size_t pos = 0;
    uint64_t n = getVarint(bytes, pos);
    for (uint64_t i = 0; i < n; ++i) getVarint(bytes, pos);
    return pos;
}

std::string encodeEdge(const EdgeRecord& r) {
    std::string out;
    keys::putU64(out, r.src);
    keys::putU64(out, r.dst);
    putVarint(out, r.type);
    putProps(out, r.props);
    return out;
}

EdgeRecord decodeEdge(std::string_view bytes) {
    if (bytes.size() < 17) {
        throw Error("database edge record is malformed; run `kgraph check`", Error::Kind::Storage);
    }
    EdgeRecord r;
    r.src = keys::getU64(bytes.data());
    r.dst = keys::getU64(bytes.data() + 8);
    size_t pos = 16;
    r.type = static_cast<uint32_t>(getVarint(bytes, pos));
    r.props = getProps(bytes, pos);
    return r;
}

size_t edgePropsOffset(std::string_view bytes) {
    size_t pos = 16;
    getVarint(bytes, pos);
    return pos;
}

PropertyValue findProp(std::string_view bytes, size_t pos, uint32_t key) {
    uint64_t n = getVarint(bytes, pos);
    for (uint64_t i = 0; i < n; ++i) {
        auto k = static_cast<uint32_t>(getVarint(bytes, pos));
        PropertyValue v = getValue(bytes, pos);
        if (k == key) return v;
    }
    return {};
}

}  // namespace kgraph::storage::codec
