#include "engine/export/dot_writer.h"

#include "engine/export/export_common.h"

namespace kgraph::exporter {

namespace {

// Graphviz's scanner fails on a quoted string over 16 KB: text longer than kMaxText bytes
// (at most twice that once escaped) is cut at a character boundary and ends with "…".
constexpr size_t kMaxText = 8000;

std::string quoted(std::string_view s) {
    bool cut = s.size() > kMaxText;
    if (cut) {
        size_t end = kMaxText;
        while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
        s = s.substr(0, end);
    }
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out.push_back('\\');
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        if (static_cast<unsigned char>(c) < 0x20) continue;
        out.push_back(c);
    }
    return out + (cut ? "…\"" : "\"");
}

}  // namespace

GraphCounts writeDot(storage::GraphView& graph, std::ostream& out) {
    GraphCounts counts;
    out << "digraph kgraph {\n";
    graph.scanNodes([&](storage::NodeId id) {
        auto n = graph.node(id);
        if (!n) return true;
        bool doc = isDocument(*n);
        std::string label = stringProp(n->props, doc ? "title" : "name");
        if (label.empty()) label = doc ? stringProp(n->props, "id") : std::to_string(id);
        out << "  n" << id << " [label=" << quoted(label)
            << ", kind=" << quoted(n->labels.empty() ? std::string() : n->labels.front())
            << (doc ? ", shape=note" : "") << "];\n";
        ++counts.nodes;
        return true;
    });
    graph.scanEdges([&](storage::EdgeId id) {
        auto e = graph.edge(id);
        if (!e) return true;
        out << "  n" << e->src << " -> n" << e->dst << " [label=" << quoted(e->type);
        auto c = e->props.find("confidence");
        if (c != e->props.end() && c->second.isFloat())
            out << ", confidence=" << formatDouble(c->second.asFloat());
        out << (isFact(*e) ? "" : ", style=dotted") << "];\n";
        ++counts.edges;
        return true;
    });
    out << "}\n";
    return counts;
}

}  // namespace kgraph::exporter
