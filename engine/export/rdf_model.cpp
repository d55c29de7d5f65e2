#include "engine/export/rdf_model.h"

#include <cctype>
#include <set>
#include <tuple>

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

bool digits(std::string_view s, size_t at, size_t n) {
    if (at + n > s.size()) return false;
    for (size_t i = at; i < at + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
    }
    return true;
}

int number(std::string_view s, size_t at, size_t n) {
    int v = 0;
    for (size_t i = at; i < at + n; ++i) v = v * 10 + (s[i] - '0');
    return v;
}

}  // namespace

std::optional<XsdTemporal> xsdTemporal(std::string_view s) {
    // YYYY-MM-DD
    if (s.size() < 10 || !digits(s, 0, 4) || s[4] != '-' || !digits(s, 5, 2) || s[7] != '-' ||
        !digits(s, 8, 2))
        return std::nullopt;
    int month = number(s, 5, 2), day = number(s, 8, 2);
    if (month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
    if (s.size() == 10) return XsdTemporal{std::string(s), "date"};
    // THH:MM[:SS[.fff]][Z|+HH:MM|-HH:MM]
    if (s[10] != 'T' || !digits(s, 11, 2) || s.size() < 16 || s[13] != ':' || !digits(s, 14, 2) ||
        number(s, 11, 2) > 23 || number(s, 14, 2) > 59)
        return std::nullopt;
    std::string lexical(s.substr(0, 16));
    size_t at = 16;
    if (at < s.size() && s[at] == ':') {
        if (!digits(s, at + 1, 2) || number(s, at + 1, 2) > 59) return std::nullopt;
        at += 3;
        if (at < s.size() && s[at] == '.') {
            size_t end = at + 1;
            while (end < s.size() && s[end] >= '0' && s[end] <= '9') ++end;
            if (end == at + 1) return std::nullopt;
            at = end;
        }
        lexical = std::string(s.substr(0, at));
    } else {
        lexical += ":00";  // xsd:dateTime needs the seconds
    }
    if (at < s.size()) {
        std::string_view zone = s.substr(at);
        bool offset = zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') &&
                      digits(zone, 1, 2) && zone[3] == ':' && digits(zone, 4, 2);
        if (zone != "Z" && !offset) return std::nullopt;
        lexical += zone;
    }
    return XsdTemporal{lexical, "dateTime"};
}

namespace {

std::string iri(std::string_view ns, std::string_view local) {
    return "<" + std::string(ns) + std::string(local) + ">";
}

std::string stringLiteral(std::string_view s) { return "\"" + escapeLiteral(s) + "\""; }

std::string typed(std::string_view lexical, std::string_view xsdType) {
    return "\"" + std::string(lexical) + "\"^^" + iri(kXsdNs, xsdType);
}

// Literals of a property value: one per list element; maps as JSON text;
// ISO 8601 dates and date-times typed (xsdTemporal).
template <typename Fn>
void literals(const PropertyValue& v, Fn&& fn) {
    if (v.isNull()) return;
    if (v.isBool()) return fn(typed(v.asBool() ? "true" : "false", "boolean"));
    if (v.isInt()) return fn(typed(std::to_string(v.asInt()), "integer"));
    if (v.isFloat()) return fn(typed(formatDouble(v.asFloat()), "double"));
    if (v.isString()) {
        if (auto t = xsdTemporal(v.asString())) return fn(typed(t->lexical, t->type));
        return fn(stringLiteral(v.asString()));
    }
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
    // A relationship's triple once, however many relationships state it (two
    // facts that differ in negation or modality, say); each keeps its reification.
    std::set<std::tuple<storage::NodeId, std::string, storage::NodeId>> stated;
    graph.scanEdges([&](storage::EdgeId id) {
        auto e = graph.edge(id);
        if (!e) return true;
        auto src = graph.node(e->src), dst = graph.node(e->dst);
        if (!src || !dst) return true;
        auto mentions = readMentions(graph, id);
        std::string s = nodeIri(*src), p = iri(base, "rel/" + encodeIriPart(e->type)),
                    o = nodeIri(*dst);
        // MENTIONED_IN belongs to its document's graph; facts, stated by
        // several documents, to the default graph (their mentions say which).
        std::string g = isFact(*e) ? std::string() : o;
        if (stated.emplace(e->src, e->type, e->dst).second) fn({s, p, o, g});
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
            std::string mg = docIri(m.doc);  // each mention in its own document's graph
            std::string mi =
                iri(base, "fact/" + std::to_string(id) + "/mention/" + std::to_string(i + 1));
            fn({fact, prop("mention"), mi, mg});
            fn({mi, prop("doc"), mg, mg});
            fn({mi, prop("sentence"), typed(std::to_string(m.sentence), "integer"), mg});
            fn({mi, prop("begin"), typed(std::to_string(m.begin), "integer"), mg});
            fn({mi, prop("end"), typed(std::to_string(m.end), "integer"), mg});
            fn({mi, prop("text"), stringLiteral(m.text), mg});
        }
        return true;
    });
}

}  // namespace kgraph::exporter
