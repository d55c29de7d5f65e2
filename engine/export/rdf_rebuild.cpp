#include "engine/export/rdf_rebuild.h"
#include "engine/text/utf8.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <map>

#include "engine/export/entity_resolver.h"
#include "engine/export/import_documents.h"
#include "engine/export/rdf_model.h"
#include "storage/mention_record.h"

namespace kgraph::exporter {

std::string percentDecode(std::string_view s) {
    auto hex = [](char c) {
        return std::isdigit(static_cast<unsigned char>(c))
                   ? c - '0'
                   : std::tolower(static_cast<unsigned char>(c)) - 'a' + 10;
    };
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size() &&
            std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
            std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
            out.push_back(static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2])));
            i += 2;
        } else {
            out.push_back(s[i]);
        }
    }
    return out;
}

std::string lastSegment(const std::string& iri) {
    auto cut = iri.find_last_of("/#:");
    return percentDecode(cut == std::string::npos ? iri : iri.substr(cut + 1));
}

std::string literalText(const std::string& term) {
    std::string out;
    size_t end = term.rfind('"');
    for (size_t i = 1; i < end; ++i) {
        if (term[i] != '\\' || i + 1 >= end) {
            out.push_back(term[i]);
            continue;
        }
        char e = term[++i];
        switch (e) {
            case 'n':
                out.push_back('\n');
                break;
            case 't':
                out.push_back('\t');
                break;
            case 'r':
                out.push_back('\r');
                break;
            case 'b':
                out.push_back('\b');
                break;
            case 'f':
                out.push_back('\f');
                break;
            case 'u':
            case 'U': {
                size_t digits = e == 'u' ? 4 : 8;
                if (i + digits >= end) throw std::invalid_argument("truncated \\u escape");
                uint32_t cp = 0;
                auto res =
                    std::from_chars(term.data() + i + 1, term.data() + i + 1 + digits, cp, 16);
                if (res.ptr != term.data() + i + 1 + digits)
                    throw std::invalid_argument("bad \\u escape in a literal");
                if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
                    throw std::invalid_argument(
                        "escape in a literal names no character (a surrogate or beyond U+10FFFF)");
                text::appendUtf8(out, cp);
                i += digits;
                break;
            }
            default:
                out.push_back(e);
        }
    }
    return out;
}

namespace {

bool isLiteral(const std::string& term) { return !term.empty() && term.front() == '"'; }
bool isIri(const std::string& term) {
    return !term.empty() && term.front() != '"' && term.compare(0, 2, "_:") != 0;
}
bool startsWith(std::string_view s, std::string_view prefix) {
    return s.substr(0, prefix.size()) == prefix;
}

// The typed value of a literal: xsd:integer, xsd:double and xsd:boolean as
// written by rdf_model; anything else is its text.
PropertyValue literalValue(const std::string& term) {
    std::string text = literalText(term);
    std::string dt;
    if (auto at = term.rfind("\"^^<"); at != std::string::npos && term.back() == '>')
        dt = term.substr(at + 4, term.size() - at - 5);
    if (dt == std::string(kXsdNs) + "integer") {
        int64_t v = 0;
        auto res = std::from_chars(text.data(), text.data() + text.size(), v);
        if (res.ec == std::errc() && res.ptr == text.data() + text.size()) return v;
    } else if (dt == std::string(kXsdNs) + "double") {
        if (text == "INF") return std::numeric_limits<double>::infinity();
        if (text == "-INF") return -std::numeric_limits<double>::infinity();
        if (text == "NaN") return std::numeric_limits<double>::quiet_NaN();
        double v = 0;
        auto res = std::from_chars(text.data(), text.data() + text.size(), v);
        if (res.ec == std::errc() && res.ptr == text.data() + text.size()) return v;
    } else if (dt == std::string(kXsdNs) + "dateTime") {
        // The export adds ":00" to kgraph's minute-precision date-times (xsd:dateTime
        // needs seconds); take it off again so that the value reads back as stored.
        if (text.size() == 19 && text.compare(16, 3, ":00") == 0) return text.substr(0, 16);
    } else if (dt == std::string(kXsdNs) + "boolean") {
        if (text == "true" || text == "1") return true;
        if (text == "false" || text == "0") return false;
    }
    return text;
}

// kgraph always stores these as lists, also when they hold one value (the
// export writes one literal per element, so one value reads as a scalar).
bool alwaysList(const std::string& key) { return key == "aliases" || key == "sources"; }

struct NodeData {
    std::vector<std::string> types;  // rdf:type labels in order
    std::string label;               // first rdfs:label
    bool hasLabel = false;
    std::vector<std::string> altLabels;
    std::map<std::string, PropertyList> props;
};

struct FactStatement {
    size_t first = 0;  // index of its first statement
    std::string s, p, o;
    std::map<std::string, PropertyList> props;
    std::map<uint64_t, storage::Mention> mentions;  // by N
};

struct FactTriple {
    size_t index = 0;
    std::string s, p, o;
    std::optional<uint64_t> id;  // bound reification
};

PropertyMap toMap(const std::map<std::string, PropertyList>& props) {
    PropertyMap out;
    for (const auto& [key, values] : props) {
        if (values.size() == 1 && !alwaysList(key))
            out.emplace(key, values.front());
        else
            out.emplace(key, PropertyValue(values));
    }
    return out;
}

}  // namespace

std::optional<std::string> kgraphBaseIri(const std::vector<RdfStatement>& statements) {
    const std::string rdfType = std::string(kRdfNs) + "type";
    for (const auto& st : statements) {
        if (st.predicate != rdfType || !isIri(st.object)) continue;
        for (std::string_view kind : {"entity/", "doc/"}) {
            auto at = st.subject.find(kind);
            if (at == std::string::npos) continue;
            std::string base = st.subject.substr(0, at);
            if (startsWith(st.object, base + "type/")) return base;
        }
    }
    return std::nullopt;
}

RebuildCounts rebuildFromRdf(storage::GraphStore& store,
                             const std::vector<RdfStatement>& statements, const std::string& base,
                             EntityResolver* resolver) {
    const std::string rdfType = std::string(kRdfNs) + "type";
    const std::string rdfsLabel = std::string(kRdfsNs) + "label";
    const std::string altLabel = std::string(kSkosNs) + "altLabel";
    const std::string entityNs = base + "entity/", docNs = base + "doc/", typeNs = base + "type/",
                      propNs = base + "prop/", relNs = base + "rel/", factNs = base + "fact/";

    std::vector<std::string> nodeOrder;
    std::map<std::string, NodeData> nodes;
    std::map<uint64_t, FactStatement> reified;
    std::vector<FactTriple> triples;
    auto nodeData = [&](const std::string& iri) -> NodeData& {
        auto [it, inserted] = nodes.try_emplace(iri);
        if (inserted) nodeOrder.push_back(iri);
        return it->second;
    };

    for (size_t i = 0; i < statements.size(); ++i) {
        const auto& [s, p, o] = statements[i];
        if (!isIri(s)) continue;
        if (startsWith(s, factNs)) {
            std::string rest = s.substr(factNs.size());
            uint64_t id = 0;
            auto res = std::from_chars(rest.data(), rest.data() + rest.size(), id);
            // An id no store of ours reaches (2^48) is not ours: keeping it would exhaust ids.
            if (res.ec != std::errc() || id == 0 || id >= (uint64_t{1} << 48)) continue;
            std::string tail = rest.substr(static_cast<size_t>(res.ptr - rest.data()));
            auto [it, inserted] = reified.try_emplace(id);
            FactStatement& f = it->second;
            if (inserted) f.first = i;
            if (tail.empty()) {
                if (p == std::string(kRdfNs) + "subject") f.s = o;
                if (p == std::string(kRdfNs) + "predicate") f.p = o;
                if (p == std::string(kRdfNs) + "object") f.o = o;
                if (startsWith(p, propNs) && isLiteral(o))
                    f.props[percentDecode(p.substr(propNs.size()))].push_back(literalValue(o));
                continue;
            }
            uint64_t n = 0;
            if (!startsWith(tail, "/mention/")) continue;
            auto nres = std::from_chars(tail.data() + 9, tail.data() + tail.size(), n);
            if (nres.ec != std::errc()) continue;
            storage::Mention& m = f.mentions[n];
            std::string key = startsWith(p, propNs) ? p.substr(propNs.size()) : std::string();
            if (key == "doc" && startsWith(o, docNs)) m.doc = percentDecode(o.substr(docNs.size()));
            if (!isLiteral(o)) continue;
            PropertyValue v = literalValue(o);
            auto u32 = [&](uint32_t& out) {
                if (v.isInt()) out = static_cast<uint32_t>(v.asInt());
            };
            if (key == "sentence") u32(m.sentence);
            if (key == "begin") u32(m.begin);
            if (key == "end") u32(m.end);
            if (key == "text") m.text = literalText(o);
            continue;
        }
        if (isIri(o) && p != rdfType && !startsWith(p, kRdfNs) && !startsWith(p, propNs) &&
            !startsWith(p, kRdfsNs) && !startsWith(p, kSkosNs)) {
            triples.push_back({i, s, p, o, std::nullopt});
            continue;
        }
        if (p == rdfType && isIri(o)) {
            nodeData(s).types.push_back(
                startsWith(o, typeNs) ? percentDecode(o.substr(typeNs.size())) : lastSegment(o));
        } else if (p == rdfsLabel && isLiteral(o)) {
            auto& n = nodeData(s);
            if (!n.hasLabel) n.label = literalText(o);
            n.hasLabel = true;
        } else if (p == altLabel && isLiteral(o)) {
            nodeData(s).altLabels.push_back(literalText(o));
        } else if (startsWith(p, propNs) && isLiteral(o)) {
            nodeData(s).props[percentDecode(p.substr(propNs.size()))].push_back(literalValue(o));
        }
    }

    // Each reification belongs to the nearest earlier triple with its
    // subject, predicate and object (the export writes it right after), else
    // to any such triple; one without a triple is a fact of its own.
    for (auto& [id, f] : reified) {
        if (f.s.empty() || f.p.empty() || f.o.empty()) continue;
        FactTriple* bound = nullptr;  // the nearest earlier match, else the first
        for (auto& t : triples) {
            if (t.id || t.s != f.s || t.p != f.p || t.o != f.o) continue;
            if (!bound || (t.index < f.first && (bound->index > f.first || t.index > bound->index)))
                bound = &t;
        }
        if (bound) {
            bound->id = id;
        } else {
            triples.push_back({f.first, f.s, f.p, f.o, id});
        }
    }
    std::stable_sort(triples.begin(), triples.end(),
                     [](const FactTriple& a, const FactTriple& b) { return a.index < b.index; });

    RebuildCounts counts;
    auto txn = store.write();
    auto docNodes = documentNodes(*txn);
    std::map<std::string, storage::NodeId> ids;
    auto createNode = [&](const std::string& iri) -> storage::NodeId {
        if (auto it = ids.find(iri); it != ids.end()) return it->second;
        NodeData empty;
        auto nit = nodes.find(iri);
        const NodeData& n = nit == nodes.end() ? empty : nit->second;
        std::vector<std::string> labels = n.types;
        PropertyMap props = toMap(n.props);
        bool doc = startsWith(iri, docNs);
        if (doc) {
            if (labels.empty()) labels.push_back("Document");
            if (n.hasLabel) props["title"] = n.label;
            if (!props.count("id")) props["id"] = percentDecode(iri.substr(docNs.size()));
            ++counts.documents;
            const PropertyValue& docId = props["id"];
            if (docId.isString()) {
                if (auto it = docNodes.find(docId.asString()); it != docNodes.end())
                    return ids[iri] = it->second;
                return ids[iri] = docNodes[docId.asString()] = txn->createNode(labels, props);
            }
        } else {
            std::string name;
            if (startsWith(iri, entityNs)) {
                std::string rest = iri.substr(entityNs.size());
                auto slash = rest.find('/');
                if (labels.empty()) labels.push_back(percentDecode(rest.substr(0, slash)));
                if (slash != std::string::npos) name = percentDecode(rest.substr(slash + 1));
            } else {
                if (labels.empty()) labels.push_back("Resource");
                name = iri;
            }
            if (n.hasLabel) name = n.label;
            if (!name.empty()) {
                props["name"] = name;
                // kgraph's export writes every alias; another tool's entity
                // gets its name as its alias, as a built entity has.
                PropertyList aliases;
                for (const auto& a : n.altLabels) aliases.emplace_back(a);
                if (aliases.empty() && !startsWith(iri, entityNs)) aliases.emplace_back(name);
                if (!aliases.empty()) props["aliases"] = PropertyValue(std::move(aliases));
                // An entity of the database (by name or alias, same label) or one
                // imported before: add to it rather than repeat it.
                std::string label = labels.front();
                if (auto r = resolver ? resolver->resolve(label, name, true) : std::nullopt)
                    name = r->name;
                storage::NodeId found = 0;
                txn->findByName(name, [&](storage::NodeId id) {
                    auto existing = txn->node(id);
                    if (existing && !existing->labels.empty() &&
                        existing->labels.front() == label) {
                        found = id;
                        return false;
                    }
                    return true;
                });
                if (found != 0) return ids[iri] = found;
            }
        }
        return ids[iri] = txn->createNode(labels, props);
    };
    for (const auto& iri : nodeOrder) createNode(iri);
    FactsByDocument byDoc;
    for (const auto& t : triples) {
        storage::NodeId src = createNode(t.s), dst = createNode(t.o);
        std::string type =
            startsWith(t.p, relNs) ? percentDecode(t.p.substr(relNs.size())) : lastSegment(t.p);
        PropertyMap props;
        const FactStatement* f = nullptr;
        if (t.id) {
            f = &reified.at(*t.id);
            props = toMap(f->props);
        }
        // The fact keeps its exported id: the ids below it that the export
        // does not use (MENTIONED_IN relationships, deleted ones) stay unused.
        if (t.id) txn->skipEdgeIdsTo(*t.id);
        storage::EdgeId e = txn->createEdge(src, dst, type, props);
        if (f) {
            uint32_t seq = 0;
            std::map<std::string, uint64_t> perDoc;
            for (const auto& [n, m] : f->mentions) {
                txn->putAux(storage::AuxSpace::Mention, storage::mentionKey(e, seq++),
                            storage::encodeMention(m));
                ++perDoc[m.doc];
            }
            for (const auto& [d, k] : perDoc) byDoc[d].emplace_back(e, k);
        }
        if (type != "MENTIONED_IN") ++counts.facts;
    }
    counts.documents += recordImportedDocuments(*txn, byDoc);
    txn->commit();
    return counts;
}

}  // namespace kgraph::exporter
