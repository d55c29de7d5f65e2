#include "engine/export/csv_writer.h"

#include "engine/export/export_common.h"

namespace kgraph::exporter {

namespace {

std::string field(std::string_view s) {
    if (s.find_first_of(",\";\r\n") == std::string_view::npos) return std::string(s);
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out.push_back('"');
        out.push_back(c);
    }
    return out + "\"";
}

// A text that a spreadsheet would run as a formula (=, +, -, @, or a tab or CR before one)
// gets a leading apostrophe, which spreadsheets show as text: OWASP's advice against CSV
// injection. Only text cells: numbers (-5) go out as they are. See docs/formats.md.
std::string text(std::string_view s) {
    if (!s.empty() && std::string_view("=+-@\t\r").find(s.front()) != std::string_view::npos) {
        return field("'" + std::string(s));
    }
    return field(s);
}

std::string cell(const PropertyMap& props, const PropertyColumn& col) {
    auto it = props.find(col.key);
    if (it == props.end() || it->second.isNull()) return "";
    const PropertyValue& v = it->second;
    if (col.type == "list" && v.isList()) {
        std::string joined;
        for (const auto& e : v.asList()) {
            if (!joined.empty()) joined += ';';
            joined += plainText(e);
        }
        return text(joined);
    }
    return v.isString() ? text(plainText(v)) : field(plainText(v));
}

std::string header(const std::vector<PropertyColumn>& cols) {
    std::string out;
    for (const auto& c : cols)
        out += "," + field(c.key + ":" + (c.type == "list" ? "string[]" : c.type));
    return out;
}

}  // namespace

CsvCounts writeCsv(storage::GraphView& graph, std::ostream& nodes, std::ostream& relationships) {
    auto [ncols, ecols] = propertyColumns(graph);
    CsvCounts counts;
    nodes << ":ID,:LABEL" << header(ncols) << "\n";
    graph.scanNodes([&](storage::NodeId id) {
        auto n = graph.node(id);
        if (!n) return true;
        std::string labels;
        for (const auto& l : n->labels) labels += (labels.empty() ? "" : ";") + l;
        nodes << id << ',' << text(labels);
        for (const auto& c : ncols) nodes << ',' << cell(n->props, c);
        nodes << '\n';
        ++counts.nodes;
        return true;
    });
    relationships << ":START_ID,:END_ID,:TYPE" << header(ecols) << "\n";
    graph.scanEdges([&](storage::EdgeId id) {
        auto e = graph.edge(id);
        if (!e) return true;
        relationships << e->src << ',' << e->dst << ',' << text(e->type);
        for (const auto& c : ecols) relationships << ',' << cell(e->props, c);
        relationships << '\n';
        ++counts.relationships;
        return true;
    });
    return counts;
}

}  // namespace kgraph::exporter
