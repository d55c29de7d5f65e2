#include "engine/export/export_common.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace kgraph::exporter {

std::string stringProp(const PropertyMap& props, const std::string& key) {
    auto it = props.find(key);
    return it != props.end() && it->second.isString() ? it->second.asString() : std::string();
}

bool isDocument(const storage::Node& n) {
    return !n.labels.empty() && n.labels.front() == "Document";
}

bool isFact(const storage::Edge& e) { return e.type != "MENTIONED_IN"; }

std::string formatDouble(double d) {
    if (std::isnan(d)) return "NaN";
    if (std::isinf(d)) return d > 0 ? "INF" : "-INF";
    char buf[64];
    auto res = std::to_chars(buf, buf + sizeof buf, d);
    std::string s(buf, res.ptr);
    if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
    return s;
}

std::string escapeString(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
                    static const char* kHex = "0123456789ABCDEF";
                    out += "\\u00";
                    out.push_back(kHex[(c >> 4) & 0xf]);
                    out.push_back(kHex[c & 0xf]);
                } else {
                    out.push_back(c);
                }
        }
    }
    return out;
}

std::string jsonString(std::string_view s) { return "\"" + escapeString(s) + "\""; }

std::string jsonValue(const PropertyValue& v) {
    if (v.isNull()) return "null";
    if (v.isBool()) return v.asBool() ? "true" : "false";
    if (v.isInt()) return std::to_string(v.asInt());
    if (v.isFloat()) {
        double d = v.asFloat();
        return std::isfinite(d) ? formatDouble(d) : "null";
    }
    if (v.isString()) return jsonString(v.asString());
    std::string out;
    if (v.isList()) {
        out = "[";
        for (const auto& e : v.asList()) {
            if (out.size() > 1) out += ",";
            out += jsonValue(e);
        }
        return out + "]";
    }
    out = "{";
    for (const auto& [k, e] : v.asMap()) {
        if (out.size() > 1) out += ",";
        out += jsonString(k) + ":" + jsonValue(e);
    }
    return out + "}";
}

std::string plainText(const PropertyValue& v) {
    if (v.isString()) return v.asString();
    if (v.isFloat()) return formatDouble(v.asFloat());
    if (v.isNull()) return "";
    return jsonValue(v);
}

std::vector<storage::Mention> readMentions(storage::GraphView& graph, storage::EdgeId edge) {
    std::vector<storage::Mention> out;
    graph.scanAux(storage::AuxSpace::Mention, storage::mentionPrefix(edge),
                  [&](std::string_view, std::string_view value) {
                      out.push_back(storage::decodeMention(value));
                      return true;
                  });
    return out;
}

namespace {
std::string typeOf(const PropertyValue& v) {
    if (v.isBool()) return "boolean";
    if (v.isInt()) return "long";
    if (v.isFloat()) return "double";
    if (v.isList()) return "list";
    return "string";
}
}  // namespace

void ColumnCollector::add(const PropertyMap& props) {
    for (const auto& [key, value] : props) {
        if (value.isNull()) continue;
        auto it = std::lower_bound(
            cols_.begin(), cols_.end(), key,
            [](const PropertyColumn& c, const std::string& k) { return c.key < k; });
        std::string t = typeOf(value);
        if (it == cols_.end() || it->key != key) {
            cols_.insert(it, PropertyColumn{key, t});
        } else if (it->type != t) {
            bool numeric =
                (it->type == "long" || it->type == "double") && (t == "long" || t == "double");
            it->type = numeric ? "double" : "string";
        }
    }
}

std::vector<PropertyColumn> ColumnCollector::columns() const { return cols_; }

std::pair<std::vector<PropertyColumn>, std::vector<PropertyColumn>> propertyColumns(
    storage::GraphView& graph) {
    ColumnCollector nodeCols, edgeCols;
    graph.scanNodes([&](storage::NodeId id) {
        if (auto n = graph.node(id)) nodeCols.add(n->props);
        return true;
    });
    graph.scanEdges([&](storage::EdgeId id) {
        if (auto e = graph.edge(id)) edgeCols.add(e->props);
        return true;
    });
    return {nodeCols.columns(), edgeCols.columns()};
}

}  // namespace kgraph::exporter
