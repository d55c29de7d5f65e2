#include "engine/export/triple_import.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

#include "engine/common/error.h"
#include "engine/export/export_common.h"
#include "engine/export/rdf_model.h"
#include "engine/export/rdf_rebuild.h"
#include "engine/extract/name_registry.h"
#include "engine/extract/to_storage.h"
#include "engine/text/utf8.h"
#include "storage/document_ingest.h"
#include "storage/mention_record.h"

namespace kgraph::exporter {

namespace {

using Json = nlohmann::json;

// A line that cannot be imported; the message is the reason.
struct BadLine {
    std::string reason;
};

struct Entity {
    std::string label, name;
    PropertyMap props;  // export lines only
};

// One `kgraph export --format jsonl` fact, recreated as it was.
struct ExportedFact {
    Entity subject, object;
    std::string type;
    PropertyMap props;
    std::vector<storage::Mention> mentions;
};

// Facts of one source document, for storage::ingestDocument.
struct DocBuild {
    storage::DocumentInput doc;
    std::map<std::pair<std::string, std::string>, size_t> entityIndex;
    uint64_t hash = 1469598103934665603ULL;  // FNV-1a of the lines
};

// An N-Triples statement between two IRIs, resolved once every rdf:type and
// rdfs:label of the inputs is known.
struct NtFact {
    std::string doc, line, subject, predicate, object;
};

// A `kgraph extract --documents` record: the document's extraction as it was
// made, before names were resolved across documents.
struct DocumentRecord {
    text::SourceDocument doc;
    extract::Extraction ex;
};

struct Collector {
    std::map<std::string, DocumentRecord> records;  // by document id: build's order
    std::vector<ExportedFact> exported;
    std::vector<NtFact> ntFacts;
    std::map<std::string, std::string> ntLabels, ntTypes;  // IRI -> first rdfs:label / rdf:type
    std::vector<RdfStatement> statements;                  // every N-Triples statement
    std::vector<DocBuild> docs;
    std::map<std::string, size_t> docIndex;

    DocBuild& doc(const std::string& id) {
        auto [it, inserted] = docIndex.emplace(id, docs.size());
        if (inserted) {
            docs.emplace_back();
            docs.back().doc.id = id;
            docs.back().doc.path = id;
        }
        return docs[it->second];
    }
    size_t entity(DocBuild& d, const std::string& label, const std::string& name,
                  const std::string& text) {
        auto [it, inserted] =
            d.entityIndex.emplace(std::make_pair(label, name), d.doc.entities.size());
        if (inserted) d.doc.entities.push_back({label, name, {}, 0});
        auto& e = d.doc.entities[it->second];
        std::string alias = text.empty() ? name : text;
        if (std::find(e.aliases.begin(), e.aliases.end(), alias) == e.aliases.end())
            e.aliases.push_back(alias);
        ++e.mentions;
        return it->second;
    }
    void fact(const std::string& docId, const std::string& line, const Entity& s,
              const std::string& sText, const Entity& o, const std::string& oText,
              storage::FactInput f) {
        auto& d = doc(docId);
        for (char c : line) d.hash = (d.hash ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
        d.hash = (d.hash ^ '\n') * 1099511628211ULL;
        f.subject = entity(d, s.label, s.name, sText);
        f.object = entity(d, o.label, o.name, oText);
        if (f.mentions.empty()) f.mentions.push_back({1, 0, 0, line});
        d.doc.sentences = std::max(d.doc.sentences, f.mentions.front().sentence);
        d.doc.facts.push_back(std::move(f));
    }
};

std::string requireString(const Json& j, const char* key) {
    if (!j.contains(key) || !j[key].is_string())
        throw BadLine{std::string("missing string \"") + key + "\""};
    std::string s = j[key].get<std::string>();
    if (s.empty()) throw BadLine{std::string("empty \"") + key + "\""};
    return s;
}

PropertyValue toValue(const Json& j) {
    if (j.is_null()) return {};
    if (j.is_boolean()) return j.get<bool>();
    if (j.is_number_integer()) return j.get<int64_t>();
    if (j.is_number()) return j.get<double>();
    if (j.is_string()) return j.get<std::string>();
    if (j.is_array()) {
        PropertyList l;
        for (const auto& e : j) l.push_back(toValue(e));
        return l;
    }
    PropertyMap m;
    for (auto it = j.begin(); it != j.end(); ++it) m[it.key()] = toValue(it.value());
    return m;
}

Entity jsonEntity(const Json& j, const char* key) {
    if (!j.contains(key) || !j[key].is_object())
        throw BadLine{std::string("missing object \"") + key + "\""};
    const Json& e = j[key];
    Entity out{requireString(e, "label"), requireString(e, "name"), {}};
    if (e.contains("properties")) {
        if (!e["properties"].is_object())
            throw BadLine{std::string("\"properties\" of ") + key + " is not an object"};
        out.props = toValue(e["properties"]).asMap();
    }
    out.props["name"] = out.name;
    return out;
}

std::string optString(const Json& j, const char* key) {
    return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

uint32_t requireCount(const Json& j, const char* key) {
    if (!j.contains(key) || !j[key].is_number_unsigned())
        throw BadLine{std::string("missing count \"") + key + "\""};
    return j[key].get<uint32_t>();
}

// {"doc":ID,"document":{...}} (extract/fact_writer.h, writeDocumentRecord).
void documentRecord(Collector& c, const Json& j) {
    DocumentRecord r;
    r.doc.id = requireString(j, "doc");
    const Json& d = j["document"];
    if (!d.is_object()) throw BadLine{"\"document\" is not an object"};
    r.doc.path = optString(d, "path");
    r.doc.title = optString(d, "title");
    r.doc.published = optString(d, "published");
    r.doc.sha256 = requireString(d, "sha256");
    // Only the sentences facts cite are carried; the rest of the text stays blank.
    r.doc.text.assign(requireCount(d, "length"), ' ');
    for (const auto& s : d.at("sentences")) {
        if (!s.is_array() || s.size() != 2) throw BadLine{"a sentence is not [begin, end]"};
        extract::Sentence sent{s[0].get<uint32_t>(), s[1].get<uint32_t>()};
        if (sent.begin > sent.end || sent.end > r.doc.text.size())
            throw BadLine{"a sentence span lies outside the document"};
        r.ex.sentences.push_back(sent);
    }
    for (const auto& [key, text] : d.at("texts").items()) {
        size_t n = std::stoul(key);
        if (n < 1 || n > r.ex.sentences.size()) throw BadLine{"text of an unknown sentence"};
        const auto& sent = r.ex.sentences[n - 1];
        std::string t = text.get<std::string>();
        if (t.size() != sent.end - sent.begin) throw BadLine{"sentence text of the wrong length"};
        r.doc.text.replace(sent.begin, t.size(), t);
    }
    for (const auto& e : d.at("entities")) {
        r.ex.entities.push_back({requireString(e, "text"), requireString(e, "name"),
                                 requireString(e, "label"), requireCount(e, "sentence"),
                                 requireCount(e, "begin"), requireCount(e, "end")});
    }
    for (const auto& f : d.at("facts")) {
        extract::FactMention m;
        m.subject = requireCount(f, "subject");
        m.object = requireCount(f, "object");
        if (m.subject >= r.ex.entities.size() || m.object >= r.ex.entities.size())
            throw BadLine{"a fact names an entity the record does not have"};
        m.predicate = requireString(f, "predicate");
        m.type = optString(f, "type");
        m.predicateText = optString(f, "predicate_text");
        m.location = optString(f, "location");
        m.context = optString(f, "context");
        m.confidence = f.at("confidence").get<double>();
        m.negated = f.value("negated", false);
        m.attributedTo = optString(f, "attributed_to");
        m.date = optString(f, "date");
        m.modality = optString(f, "modality");
        m.sentence = requireCount(f, "sentence");
        r.ex.facts.push_back(std::move(m));
    }
    c.records.emplace(r.doc.id, std::move(r));  // the first record of a document wins
}

void jsonlLine(Collector& c, const std::string& line, const std::string& fileDoc) {
    Json j = Json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) throw BadLine{"not a JSON object"};
    if (j.contains("document")) {  // kgraph extract --documents
        documentRecord(c, j);
        return;
    }
    if (j.contains("mentions")) {  // kgraph export --format jsonl
        ExportedFact f{jsonEntity(j, "subject"),
                       jsonEntity(j, "object"),
                       requireString(j, "predicate"),
                       {},
                       {}};
        if (j.contains("properties")) {
            if (!j["properties"].is_object()) throw BadLine{"\"properties\" is not an object"};
            f.props = toValue(j["properties"]).asMap();
        }
        if (!j["mentions"].is_array()) throw BadLine{"\"mentions\" is not an array"};
        for (const auto& m : j["mentions"]) {
            if (!m.is_object()) throw BadLine{"a mention is not an object"};
            storage::Mention mm;
            mm.doc = requireString(m, "doc");
            mm.sentence = m.value("sentence", 0u);
            mm.begin = m.value("begin", 0u);
            mm.end = m.value("end", 0u);
            mm.text = optString(m, "text");
            f.mentions.push_back(std::move(mm));
        }
        c.exported.push_back(std::move(f));
        return;
    }
    // kgraph extract --format jsonl
    Entity s = jsonEntity(j, "subject"), o = jsonEntity(j, "object");
    storage::FactInput f;
    f.predicate = requireString(j, "predicate");
    // The relation vocabulary type when the line has one (kgraph extract does),
    // else the predicate itself, one relationship per predicate.
    f.type = optString(j, "type");
    if (f.type.empty()) f.type = f.predicate;
    f.predicateIsIdentity = f.type == f.predicate || f.type == "related_to";
    f.text = optString(j, "predicate_text");
    if (f.text.empty()) f.text = f.predicate;
    f.location = optString(j, "location");
    f.context = optString(j, "context");
    if (j.contains("confidence") && !j["confidence"].is_number())
        throw BadLine{"\"confidence\" is not a number"};
    f.confidence = j.value("confidence", 1.0);
    f.negated = j.value("negated", false);
    f.attributedTo = optString(j, "attributed_to");
    f.date = optString(j, "date");
    f.modality = optString(j, "modality");
    uint32_t sentence = j.contains("sentence") && j["sentence"].is_number_unsigned()
                            ? j["sentence"].get<uint32_t>()
                            : 1;
    f.mentions.push_back({sentence, 0, 0, optString(j, "evidence")});
    std::string doc = optString(j, "doc");
    c.fact(doc.empty() ? fileDoc : doc, line, s, optString(j["subject"], "text"), o,
           optString(j["object"], "text"), std::move(f));
}

std::vector<std::string> split(const std::string& line, char sep) {
    std::vector<std::string> out;
    std::string cur;
    std::istringstream in(line);
    while (std::getline(in, cur, sep)) out.push_back(cur);
    if (!line.empty() && line.back() == sep) out.emplace_back();
    return out;
}

void tsvLine(Collector& c, const std::string& line, const std::string& fileDoc) {
    auto cols = split(line, '\t');
    if (cols.size() != 3 && cols.size() != 5) {
        throw BadLine{"expected 3 or 5 tab-separated columns, found " +
                      std::to_string(cols.size())};
    }
    for (size_t i = 0; i < 3; ++i) {
        if (cols[i].empty())
            throw BadLine{"empty " + std::string(i == 0   ? "subject"
                                                 : i == 1 ? "predicate"
                                                          : "object")};
    }
    storage::FactInput f;
    f.type = cols[1];
    f.text = cols[1];
    f.confidence = 1.0;
    std::string doc = fileDoc;
    if (cols.size() == 5) {
        try {
            size_t used = 0;
            f.confidence = std::stod(cols[3], &used);
            if (used != cols[3].size() || f.confidence < 0 || f.confidence > 1) throw BadLine{""};
        } catch (...) {
            throw BadLine{"confidence '" + cols[3] + "' is not a number between 0 and 1"};
        }
        if (!cols[4].empty()) doc = cols[4];
    }
    c.fact(doc, line, {"Concept", cols[0], {}}, cols[0], {"Concept", cols[2], {}}, cols[2],
           std::move(f));
}

// Resolves the \\uXXXX and \\UXXXXXXXX escapes N-Triples allows in IRIs.
std::string unescapeIri(const std::string& raw) {
    if (raw.find('\\') == std::string::npos) return raw;
    std::string out;
    for (size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] != '\\') {
            out.push_back(raw[i]);
            continue;
        }
        size_t digits = i + 1 < raw.size() && raw[i + 1] == 'u'   ? 4
                        : i + 1 < raw.size() && raw[i + 1] == 'U' ? 8
                                                                  : 0;
        uint32_t cp = 0;
        const char* first = raw.data() + i + 2;
        if (digits == 0 || i + 2 + digits > raw.size() ||
            std::from_chars(first, first + digits, cp, 16).ptr != first + digits)
            throw BadLine{"bad escape in an IRI (only \\uXXXX and \\UXXXXXXXX are allowed)"};
        text::appendUtf8(out, cp);
        i += 1 + digits;
    }
    return out;
}

// Parses an N-Triples term at `pos`: an IRI (returned without <>), a literal
// (returned with its quotes) or a blank node.
std::string ntTerm(const std::string& line, size_t& pos) {
    while (pos < line.size() && (line[pos] == ' ' || line[pos] == '\t')) ++pos;
    if (pos >= line.size()) throw BadLine{"missing term"};
    size_t start = pos;
    if (line[pos] == '<') {
        auto end = line.find('>', pos);
        if (end == std::string::npos) throw BadLine{"unterminated IRI"};
        pos = end + 1;
        return unescapeIri(line.substr(start + 1, end - start - 1));
    }
    if (line[pos] == '"') {
        ++pos;
        while (pos < line.size() && line[pos] != '"') pos += line[pos] == '\\' ? 2 : 1;
        if (pos >= line.size()) throw BadLine{"unterminated literal"};
        ++pos;
        while (pos < line.size() && line[pos] != ' ' && line[pos] != '\t')
            ++pos;  // ^^<dt> or @lang
        return line.substr(start, pos - start);
    }
    if (line.compare(pos, 2, "_:") == 0) {
        while (pos < line.size() && line[pos] != ' ' && line[pos] != '\t') ++pos;
        return line.substr(start, pos - start);
    }
    throw BadLine{"unexpected character '" + std::string(1, line[pos]) + "'"};
}

Entity ntEntity(const std::string& iri) {
    auto at = iri.find("entity/");
    if (at != std::string::npos) {
        std::string rest = iri.substr(at + 7);
        auto slash = rest.find('/');
        if (slash != std::string::npos && slash > 0 && slash + 1 < rest.size()) {
            return {
                percentDecode(rest.substr(0, slash)), percentDecode(rest.substr(slash + 1)), {}};
        }
    }
    return {"Resource", iri, {}};
}

// An N-Triples line, or with `quads` an N-Quads line (its graph name is not
// needed: kgraph derives it from the facts' mentions).
void rdfLine(Collector& c, const std::string& line, const std::string& fileDoc, bool quads) {
    size_t pos = 0;
    std::string s = ntTerm(line, pos), p = ntTerm(line, pos), o = ntTerm(line, pos);
    while (pos < line.size() && (line[pos] == ' ' || line[pos] == '\t')) ++pos;
    if (quads && pos < line.size() && line[pos] != '.') {
        std::string g = ntTerm(line, pos);
        if (g.empty() || g.front() == '"') throw BadLine{"graph name must be an IRI or blank node"};
        while (pos < line.size() && (line[pos] == ' ' || line[pos] == '\t')) ++pos;
    }
    if (pos >= line.size() || line[pos] != '.') throw BadLine{"missing final '.'"};
    if (s.empty() || p.empty() || o.empty()) throw BadLine{"empty IRI"};
    if (s.front() == '"') throw BadLine{"subject must be an IRI or blank node"};
    if (p.front() == '"' || p.compare(0, 2, "_:") == 0) throw BadLine{"predicate must be an IRI"};
    c.statements.push_back({s, p, o});
    if (s.compare(0, 2, "_:") == 0 || o.compare(0, 2, "_:") == 0) return;
    if (p == std::string(kRdfsNs) + "label" && o.front() == '"') {
        c.ntLabels.emplace(s, literalText(o));
        return;
    }
    if (p == std::string(kRdfNs) + "type" && o.front() != '"') {
        c.ntTypes.emplace(s, lastSegment(o));
        return;
    }
    if (o.front() == '"' || p.rfind(std::string(kRdfNs), 0) == 0 ||
        s.find("fact/") != std::string::npos)
        return;
    if (s.find("doc/") != std::string::npos || o.find("doc/") != std::string::npos) return;
    c.ntFacts.push_back({fileDoc, line, s, p, o});
}

// Entities of N-Triples facts: kgraph IRIs give label and name back; other
// IRIs take their rdf:type (else Resource) and rdfs:label (else the IRI).
void ntLine(Collector& c, const std::string& line, const std::string& fileDoc) {
    rdfLine(c, line, fileDoc, false);
}
void nqLine(Collector& c, const std::string& line, const std::string& fileDoc) {
    rdfLine(c, line, fileDoc, true);
}

void resolveNtFacts(Collector& c) {
    auto entity = [&](const std::string& iri) {
        Entity e = ntEntity(iri);
        if (e.label != "Resource") return e;
        if (auto t = c.ntTypes.find(iri); t != c.ntTypes.end() && !t->second.empty())
            e.label = t->second;
        if (auto l = c.ntLabels.find(iri); l != c.ntLabels.end() && !l->second.empty())
            e.name = l->second;
        return e;
    };
    for (const auto& t : c.ntFacts) {
        storage::FactInput f;
        f.type = lastSegment(t.predicate);
        f.text = f.type;
        f.confidence = 1.0;
        Entity se = entity(t.subject), oe = entity(t.object);
        c.fact(t.doc, t.line, se, se.name, oe, oe.name, std::move(f));
    }
}

void writeExported(storage::GraphStore& store, const std::vector<ExportedFact>& facts) {
    auto txn = store.write();
    std::map<std::pair<std::string, std::string>, storage::NodeId> nodes;
    auto node = [&](const Entity& e) {
        auto key = std::make_pair(e.label, e.name);
        auto it = nodes.find(key);
        if (it != nodes.end()) return it->second;
        storage::NodeId found = 0;
        txn->findByName(e.name, [&](storage::NodeId id) {
            auto n = txn->node(id);
            if (n && !n->labels.empty() && n->labels.front() == e.label) {
                found = id;
                return false;
            }
            return true;
        });
        if (found == 0) found = txn->createNode({e.label}, e.props);
        nodes.emplace(key, found);
        return found;
    };
    for (const auto& f : facts) {
        storage::NodeId s = node(f.subject), o = node(f.object);
        storage::EdgeId e = txn->createEdge(s, o, f.type, f.props);
        uint32_t seq = 0;
        for (const auto& m : f.mentions) {
            txn->putAux(storage::AuxSpace::Mention, storage::mentionKey(e, seq++),
                        storage::encodeMention(m));
        }
    }
    txn->commit();
}

}  // namespace

ImportReport importTriples(storage::GraphStore& store, const std::string& format,
                           const std::vector<ImportInput>& inputs, bool strict,
                           const ImportProgress& progress) {
    void (*parse)(Collector&, const std::string&, const std::string&) = nullptr;
    if (format == "tsv") parse = tsvLine;
    if (format == "nt") parse = ntLine;
    if (format == "nq") parse = nqLine;
    if (format == "jsonl") parse = jsonlLine;
    if (!parse)
        throw Error("unknown import format '" + format + "'; use tsv, nt, nq or jsonl",
                    Error::Kind::Usage);
    Collector c;
    ImportReport report;
    for (const auto& input : inputs) {
        std::string line;
        uint64_t number = 0;
        std::string fileDoc = input.name == "-" ? "stdin" : input.name;
        while (std::getline(*input.in, line)) {
            ++number;
            if (!line.empty() && line.back() == '\r') line.pop_back();
            size_t first = line.find_first_not_of(" \t");
            if (first == std::string::npos || line[first] == '#') continue;
            try {
                parse(c, line, fileDoc);
            } catch (const BadLine& bad) {
                ++report.skipped;
                report.problems.push_back(input.name + ":" + std::to_string(number) + ": " +
                                          bad.reason);
            } catch (const std::exception& e) {  // a JSON value of the wrong type, a bad \\u escape
                ++report.skipped;
                report.problems.push_back(input.name + ":" + std::to_string(number) + ": " +
                                          e.what());
            }
        }
        if (input.in->bad()) throw Error("cannot read " + input.name);
    }
    // kgraph's own RDF is rebuilt as the graph it came from; other RDF gives
    // facts per input file, as any other source does.
    std::optional<std::string> base = kgraphBaseIri(c.statements);
    if (base) {
        c.ntFacts.clear();
    } else {
        resolveNtFacts(c);
    }
    // The fact lines of a document that has a record repeat what the record holds.
    std::erase_if(c.docs, [&](const DocBuild& d) { return c.records.count(d.doc.id) > 0; });
    report.lines = c.exported.size();
    for (const auto& d : c.docs) report.lines += d.doc.facts.size();
    if (strict && report.skipped > 0) {
        std::string msg =
            std::to_string(report.skipped) + " bad line(s), nothing imported (--strict):";
        for (const auto& p : report.problems) msg += "\n  " + p;
        throw Error(msg);
    }
    const uint64_t units =
        c.records.size() + c.docs.size() + (c.exported.empty() ? 0 : 1) + (base ? 1 : 0);
    uint64_t done = 0, facts = 0;
    auto stored = [&](uint64_t n) {
        facts += n;
        if (progress) progress(++done, units, facts);
    };
    if (!c.exported.empty()) {
        writeExported(store, c.exported);
        stored(c.exported.size());
    }
    if (base) {
        auto counts = rebuildFromRdf(store, c.statements, *base);
        report.lines += counts.facts;
        report.documents += counts.documents;
        stored(counts.facts);
    }
    // Documents with records go in id order, with names resolved across them as
    // `kgraph build` resolves them over a directory (also sorted by id).
    extract::NameRegistry names;
    for (auto& [id, r] : c.records) {
        names.resolve(r.ex);
        names.learn(r.ex);
        auto input = extract::toDocumentInput(r.doc, r.ex);
        storage::ingestDocument(store, input);
        ++report.documents;
        report.lines += input.facts.size();  // facts as build counts them: grouped per document
        stored(input.facts.size());
    }
    for (auto& d : c.docs) {
        std::ostringstream hash;
        hash << "import:" << std::hex << d.hash;
        d.doc.sha256 = hash.str();
        storage::ingestDocument(store, d.doc);
        ++report.documents;
        stored(d.doc.facts.size());
    }
    return report;
}

}  // namespace kgraph::exporter
