#include "engine/export/jsonl_writer.h"

#include "engine/export/export_common.h"

namespace kgraph::exporter {

namespace {

std::string nodeJson(const storage::Node& n) {
    std::string label = n.labels.empty() ? "" : n.labels.front();
    PropertyMap rest = n.props;
    rest.erase("name");
    return "{\"label\":" + jsonString(label) +
           ",\"name\":" + jsonString(stringProp(n.props, "name")) +
           ",\"properties\":" + jsonValue(PropertyValue(rest)) + "}";
}

}  // namespace

uint64_t writeJsonl(storage::GraphView& graph, std::ostream& out) {
    uint64_t lines = 0;
    // Documents first, so that an import knows every document a mention names.
    graph.scanLabel("Document", [&](storage::NodeId id) {
        auto n = graph.node(id);
        if (!n || !isDocument(*n)) return true;
        PropertyMap rest = n->props;
        rest.erase("id");
        out << "{\"document\":" << jsonString(stringProp(n->props, "id"))
            << ",\"properties\":" << jsonValue(PropertyValue(rest)) << "}\n";
        return true;
    });
    graph.scanEdges([&](storage::EdgeId id) {
        auto e = graph.edge(id);
        if (!e || !isFact(*e)) return true;
        auto src = graph.node(e->src), dst = graph.node(e->dst);
        if (!src || !dst) return true;
        out << "{\"subject\":" << nodeJson(*src) << ",\"predicate\":" << jsonString(e->type)
            << ",\"object\":" << nodeJson(*dst)
            << ",\"properties\":" << jsonValue(PropertyValue(e->props)) << ",\"mentions\":[";
        bool first = true;
        for (const auto& m : readMentions(graph, id)) {
            out << (first ? "" : ",") << "{\"doc\":" << jsonString(m.doc)
                << ",\"sentence\":" << m.sentence << ",\"begin\":" << m.begin
                << ",\"end\":" << m.end << ",\"text\":" << jsonString(m.text) << "}";
            first = false;
        }
        out << "]}\n";
        ++lines;
        return true;
    });
    return lines;
}

}  // namespace kgraph::exporter
