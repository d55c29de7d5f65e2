#include "storage/value_codec.h"

#include <cstring>

#include "engine/common/error.h"

namespace kgraph::storage::codec {

namespace {
[[noreturn]] void corrupt() {
    throw Error("database record is malformed (corruption?); run `kgraph check`",
                Error::Kind::Storage);
}
}  // namespace

void putVarint(std::string& out, uint64_t v) {
    while (v >= 0x80) {
        out.push_back(static_cast<char>(v | 0x80));
        v >>= 7;
    }
    out.push_back(static_cast<char>(v));
}

uint64_t getVarint(std::string_view in, size_t& pos) {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (pos >= in.size()) corrupt();
        auto b = static_cast<unsigned char>(in[pos++]);
        v |= static_cast<uint64_t>(b & 0x7f) << shift;
        if (!(b & 0x80)) return v;
    }
    corrupt();
}

void putString(std::string& out, std::string_view s) {
    putVarint(out, s.size());
    out.append(s);
}

std::string_view getString(std::string_view in, size_t& pos) {
    uint64_t n = getVarint(in, pos);
    if (n > in.size() - pos) corrupt();
    auto s = in.substr(pos, n);
    pos += n;
    return s;
}

namespace {

void putValueAt(std::string& out, const PropertyValue& v, int depth);
PropertyValue getValueAt(std::string_view in, size_t& pos, int depth);

}  // namespace

void putValue(std::string& out, const PropertyValue& v) { putValueAt(out, v, 0); }

PropertyValue getValue(std::string_view in, size_t& pos) { return getValueAt(in, pos, 0); }

namespace {

void putValueAt(std::string& out, const PropertyValue& v, int depth) {
    // Every reader of a value (check, query, export) recurses once per level.
    if (depth > kMaxValueDepth) {
        throw Error("a property value nested more than " + std::to_string(kMaxValueDepth) +
                    " levels deep cannot be stored");
    }
    const auto& var = v.variant();
    out.push_back(static_cast<char>(var.index()));
    switch (var.index()) {
        case 0:
            break;
        case 1:
            out.push_back(v.asBool() ? 1 : 0);
            break;
        case 2: {
            auto i = v.asInt();
            putVarint(out, (static_cast<uint64_t>(i) << 1) ^ static_cast<uint64_t>(i >> 63));
            break;
        }
        case 3: {
            double d = v.asFloat();
            char buf[8];
            std::memcpy(buf, &d, 8);
            out.append(buf, 8);
            break;
        }
        case 4:
            putString(out, v.asString());
            break;
        case 5:
            putVarint(out, v.asList().size());
            for (const auto& e : v.asList()) putValueAt(out, e, depth + 1);
            break;
        case 6:
            putVarint(out, v.asMap().size());
            for (const auto& [k, e] : v.asMap()) {
                putString(out, k);
                putValueAt(out, e, depth + 1);
            }
            break;
    }
}

PropertyValue getValueAt(std::string_view in, size_t& pos, int depth) {
    // Deeper than any value putValue() writes: a damaged (or hostile) record, refused before
    // it overflows the stack.
    if (depth > kMaxValueDepth || pos >= in.size()) corrupt();
    auto tag = static_cast<unsigned char>(in[pos++]);
    switch (tag) {
        case 0:
            return {};
        case 1:
            if (pos >= in.size()) corrupt();
            return PropertyValue(in[pos++] != 0);
        case 2: {
            uint64_t z = getVarint(in, pos);
            return PropertyValue(static_cast<int64_t>((z >> 1) ^ (~(z & 1) + 1)));
        }
        case 3: {
            if (in.size() - pos < 8) corrupt();
            double d;
            std::memcpy(&d, in.data() + pos, 8);
            pos += 8;
            return PropertyValue(d);
        }
        case 4:
            return PropertyValue(std::string(getString(in, pos)));
        case 5: {
            uint64_t n = getVarint(in, pos);
            if (n > in.size()) corrupt();
            PropertyList l;
            l.reserve(n);
            for (uint64_t i = 0; i < n; ++i) l.push_back(getValueAt(in, pos, depth + 1));
            return PropertyValue(std::move(l));
        }
        case 6: {
            uint64_t n = getVarint(in, pos);
            if (n > in.size()) corrupt();
            PropertyMap m;
            for (uint64_t i = 0; i < n; ++i) {
                std::string k(getString(in, pos));
                m.emplace(std::move(k), getValueAt(in, pos, depth + 1));
            }
            return PropertyValue(std::move(m));
        }
        default:
            corrupt();
    }
}

}  // namespace

}  // namespace kgraph::storage::codec
