#include "engine/export/rdf_model.h"

#include <cctype>

#include "engine/export/export_common.h"

namespace kgraph::exporter {

std::string escapeLiteral(std::string_view s) { return escapeString(s); }

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

namespace {

std::string iri(std::string_view ns, std::string_view local) {
    return "<" + std::string(ns) + std::string(local) + ">";
}

std::string stringLiteral(std::string_view s) { return "\"" + escapeLiteral(s) + "\""; }

std::string typed(std::string_view lexical, std::string_view xsdType) {
    return "\"" + std::string(lexical) + "\"^^" + iri(kXsdNs, xsdType);
}

// Literals of a property value: one per list element; maps as JSON text.
template <typename Fn>
void literals(const PropertyValue& v, Fn&& fn) {
    if (v.isNull()) return;
    if (v.isBool()) return fn(typed(v.asBool() ? "true" : "false", "boolean"));
    if (v.isInt()) return fn(typed(std::to_string(v.asInt()), "integer"));
    if (v.isFloat()) return fn(typed(formatDouble(v.asFloat()), "double"));
    if (v.isString()) return fn(stringLiteral(v.asString()));
    if (v.isList()) {
        for (const auto& e : v.asList()) literals(e, fn);
        return;
    }
    fn(stringLiteral(jsonValue(v)));
}

}  // namespace

void forEachQuad(storage::GraphView& graph, const NTriplesOptions& options,
                 const std::function<void(const Quad&)>& fn) {
    const std::string& base = options.baseIri;
    const std::string rdfType = iri(kRdfNs, "type");
    const std::string rdfsLabel = iri(kRdfsNs, "label");
    auto docIri = [&](std::string_view id) { return iri(base, "doc/" + encodeIriPart(id)); };
    auto prop = [&](std::string_view key) { return iri(base, "prop/" + encodeIriPart(key)); };
    auto nodeIri = [&](const storage::Node& n) {
        if (isDocument(n)) return docIri(stringProp(n.props, "id"));
        std::string label = n.labels.empty() ? "Node" : n.labels.front();
        std::string name = stringProp(n.props, "name");
        if (name.empty()) name = std::to_string(n.id);
        return iri(base, "entity/" + encodeIriPart(label) + "/" + encodeIriPart(name));
    };
    graph.scanNodes([&](storage::NodeId id) {
        auto n = graph.node(id);
        if (!n) return true;
        std::string s = nodeIri(*n);
        bool doc = isDocument(*n);
        std::string g = doc ? s : std::string();
        for (const auto& l : n->labels) fn({s, rdfType, iri(base, "type/" + encodeIriPart(l)), g});
        std::string label = stringProp(n->props, doc ? "title" : "name");
        if (!label.empty()) fn({s, rdfsLabel, stringLiteral(label), g});
        for (const auto& [key, value] : n->props) {
            if (key == (doc ? "title" : "name")) continue;
            if (!doc && key == "aliases") {
                std::string altLabel = iri(kSkosNs, "altLabel");
                // Every alias, the name too where it is one: the aliases come
                // back from these alone, in order (`import --format nt`).
                literals(value, [&](const std::string& lit) { fn({s, altLabel, lit, g}); });
                continue;
            }
            literals(value, [&](const std::string& lit) { fn({s, prop(key), lit, g}); });
        }
        return true;
    });
    graph.scanEdges([&](storage::EdgeId id) {
        auto e = graph.edge(id);
        if (!e || !isFact(*e)) return true;
        auto src = graph.node(e->src), dst = graph.node(e->dst);
        if (!src || !dst) return true;
        auto mentions = readMentions(graph, id);
        std::string g = mentions.empty() ? std::string() : docIri(mentions.front().doc);
        std::string s = nodeIri(*src), p = iri(base, "rel/" + encodeIriPart(e->type)),
                    o = nodeIri(*dst);
        fn({s, p, o, g});
        if (e->props.empty() && mentions.empty()) return true;
        std::string fact = iri(base, "fact/" + std::to_string(id));
        fn({fact, rdfType, iri(kRdfNs, "Statement"), g});
        fn({fact, iri(kRdfNs, "subject"), s, g});
        fn({fact, iri(kRdfNs, "predicate"), p, g});
        fn({fact, iri(kRdfNs, "object"), o, g});
        for (const auto& [key, value] : e->props) {
            literals(value, [&](const std::string& lit) { fn({fact, prop(key), lit, g}); });
        }
        for (size_t i = 0; i < mentions.size(); ++i) {
            const auto& m = mentions[i];
            std::string mi =
                iri(base, "fact/" + std::to_string(id) + "/mention/" + std::to_string(i + 1));
            fn({fact, prop("mention"), mi, g});
            fn({mi, prop("doc"), docIri(m.doc), g});
            fn({mi, prop("sentence"), typed(std::to_string(m.sentence), "integer"), g});
            fn({mi, prop("begin"), typed(std::to_string(m.begin), "integer"), g});
            fn({mi, prop("end"), typed(std::to_string(m.end), "integer"), g});
            fn({mi, prop("text"), stringLiteral(m.text), g});
        }
        return true;
    });
}

}  // namespace kgraph::exporter
