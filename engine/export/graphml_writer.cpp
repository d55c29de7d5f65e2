#include "engine/export/graphml_writer.h"

#include "engine/export/export_common.h"

namespace kgraph::exporter {

namespace {

// XML 1.0 text: escapes markup, keeps CR as a reference and shows the control characters XML
// forbids as control pictures.
std::string xml(std::string_view s) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\r':
                // A literal CR reads back as LF (XML end-of-line handling): a reference keeps it.
                out += "&#13;";
                break;
            default:
                if (static_cast<unsigned char>(c) >= 0x20 || c == '\n' || c == '\t') {
                    out.push_back(c);
                } else {
                    // XML 1.0 cannot hold other control characters, even as references: their
                    // Unicode control pictures (U+2400 + c) keep two such names apart.
                    out += "\xE2\x90";
                    out.push_back(static_cast<char>(0x80 + static_cast<unsigned char>(c)));
                }
        }
    }
    return out;
}

std::string graphmlType(const std::string& t) { return t == "list" ? "string" : t; }

void writeKeys(std::ostream& out, const char* domain, const char* prefix,
               const std::vector<PropertyColumn>& cols) {
    for (const auto& c : cols) {
        out << "  <key id=\"" << prefix << xml(c.key) << "\" for=\"" << domain << "\" attr.name=\""
            << xml(c.key) << "\" attr.type=\"" << graphmlType(c.type) << "\"/>\n";
    }
}

void writeData(std::ostream& out, const char* prefix, const PropertyMap& props) {
    for (const auto& [key, value] : props) {
        if (value.isNull()) continue;
        out << "      <data key=\"" << prefix << xml(key) << "\">" << xml(plainText(value))
            << "</data>\n";
    }
}

}  // namespace

GraphCounts writeGraphml(storage::GraphView& graph, std::ostream& out) {
    auto [ncols, ecols] = propertyColumns(graph);
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
           "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
           "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
           "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
           "  <key id=\"labels\" for=\"node\" attr.name=\"labels\" attr.type=\"string\"/>\n"
           "  <key id=\"type\" for=\"edge\" attr.name=\"type\" attr.type=\"string\"/>\n";
    writeKeys(out, "node", "n_", ncols);
    writeKeys(out, "edge", "e_", ecols);
    out << "  <graph id=\"kgraph\" edgedefault=\"directed\">\n";
    GraphCounts counts;
    graph.scanNodes([&](storage::NodeId id) {
        auto n = graph.node(id);
        if (!n) return true;
        std::string labels;
        for (const auto& l : n->labels) labels += (labels.empty() ? "" : ";") + l;
        out << "    <node id=\"n" << id << "\">\n      <data key=\"labels\">" << xml(labels)
            << "</data>\n";
        writeData(out, "n_", n->props);
        out << "    </node>\n";
        ++counts.nodes;
        return true;
    });
    graph.scanEdges([&](storage::EdgeId id) {
        auto e = graph.edge(id);
        if (!e) return true;
        out << "    <edge id=\"e" << id << "\" source=\"n" << e->src << "\" target=\"n" << e->dst
            << "\">\n      <data key=\"type\">" << xml(e->type) << "</data>\n";
        writeData(out, "e_", e->props);
        out << "    </edge>\n";
        ++counts.edges;
        return true;
    });
    out << "  </graph>\n</graphml>\n";
    return counts;
}

}  // namespace kgraph::exporter
