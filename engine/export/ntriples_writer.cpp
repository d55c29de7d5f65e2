#include "engine/export/ntriples_writer.h"

#include <cctype>

namespace kgraph::exporter {

namespace {

constexpr std::string_view kRdfType = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>";
constexpr std::string_view kRdfsLabel = "<http://www.w3.org/2000/01/rdf-schema#label>";

std::string stringProp(const PropertyMap& props, const std::string& key) {
    auto it = props.find(key);
    return it != props.end() && it->second.isString() ? it->second.asString() : std::string();
}

}  // namespace

std::string escapeLiteral(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
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

std::string encodeIriPart(std::string_view s) {
    static const char* kHex = "0123456789ABCDEF";
    std::string out;
    for (char ch : s) {
        auto c = static_cast<unsigned char>(ch);
        if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
            out.push_back(ch);
        } else {
            out.push_back('%');
            out.push_back(kHex[c >> 4]);
            out.push_back(kHex[c & 0xf]);
        }
    }
    return out;
}

uint64_t writeNTriples(storage::GraphView& graph, std::ostream& out, const NTriplesOptions& options) {
    uint64_t triples = 0;
    auto nodeIri = [&](const storage::Node& n) {
        std::string label = n.labels.empty() ? "Node" : n.labels.front();
        if (label == "Document") {
            return "<" + options.baseIri + "doc/" + encodeIriPart(stringProp(n.props, "id")) + ">";
        }
        std::string name = stringProp(n.props, "name");
        if (name.empty()) name = std::to_string(n.id);
        return "<" + options.baseIri + "entity/" + encodeIriPart(label) + "/" + encodeIriPart(name) + ">";
    };
    graph.scanNodes([&](storage::NodeId id) {
        auto n = graph.node(id);
        if (!n) return true;
        std::string iri = nodeIri(*n);
        for (const auto& l : n->labels) {
            out << iri << ' ' << kRdfType << " <" << options.baseIri << "type/" << encodeIriPart(l) << "> .\n";
            ++triples;
        }
        bool isDoc = !n->labels.empty() && n->labels.front() == "Document";
        std::string label = stringProp(n->props, isDoc ? "title" : "name");
        if (!label.empty()) {
            out << iri << ' ' << kRdfsLabel << " \"" << escapeLiteral(label) << "\" .\n";
            ++triples;
        }
        return true;
    });
    graph.scanEdges([&](storage::EdgeId id) {
        auto e = graph.edge(id);
        if (!e || e->type == "MENTIONED_IN") return true;
        auto src = graph.node(e->src), dst = graph.node(e->dst);
        if (!src || !dst) return true;
        out << nodeIri(*src) << " <" << options.baseIri << "rel/" << encodeIriPart(e->type) << "> "
            << nodeIri(*dst) << " .\n";
        ++triples;
        return true;
    });
    return triples;
}

}  // namespace kgraph::exporter
