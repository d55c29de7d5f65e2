#include "engine/export/triple_import.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>

#include "engine/common/error.h"
#include "engine/export/entity_resolver.h"
#include "engine/export/export_common.h"
#include "engine/export/import_documents.h"
#include "engine/export/rdf_model.h"
#include "engine/export/rdf_rebuild.h"
#include "engine/extract/name_registry.h"
#include "engine/extract/relation_vocabulary.h"
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
    std::string label, name;  // an empty label: the input gave none
    PropertyMap props;        // export lines only
};

// A confidence must be a number in [0, 1] (NaN is not).
void checkConfidence(double c, const std::string& text) {
    if (!(c >= 0 && c <= 1))
        throw BadLine{"confidence '" + text + "' is not a number between 0 and 1"};
}

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

// A `kgraph export --format jsonl` document line: its node's properties.
struct DocumentLine {
    std::string id;
    PropertyMap props;
};

struct Collector {
    EntityResolver* resolver = nullptr;
    storage::ReadTxn* view = nullptr;               // the database before the import
    std::map<std::string, DocumentRecord> records;  // by document id: build's order
    std::vector<DocumentLine> documentLines;
    std::set<std::string> documentIds;  // of documentLines
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
            docs.back().doc.title = id;  // the source name is the only title a triple file gives
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
    // The stored entity an input's (label, name) denotes (entity_resolver.h),
    // else the input's own, labelled `fallback` when it gave no label.
    Entity canonical(Entity e, bool strictLabel, const std::string& fallback) const {
        if (auto r = resolver ? resolver->resolve(e.label, e.name, strictLabel) : std::nullopt) {
            e.label = r->label;
            e.name = r->name;
        } else if (e.label.empty()) {
            e.label = fallback;
        }
        return e;
    }
    // One fact of document `docId`; `line` feeds the document's content hash.
    // Hand-written inputs (strictLabel false) join an entity of the same name
    // whatever its label; kgraph's own lines keep their labels.
    void fact(const std::string& docId, const std::string& line, const Entity& s,
              const std::string& sText, const Entity& o, const std::string& oText,
              storage::FactInput f, bool strictLabel = false,
              const std::string& fallbackLabel = "Concept") {
        auto& d = doc(docId);
        for (char c : line) d.hash = (d.hash ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
        d.hash = (d.hash ^ '\n') * 1099511628211ULL;
        Entity cs = canonical(s, strictLabel, fallbackLabel);
        Entity co = canonical(o, strictLabel, fallbackLabel);
        f.subject = entity(d, cs.label, cs.name, sText);
        f.object = entity(d, co.label, co.name, oText);
        if (f.mentions.empty()) f.mentions.push_back({1, 0, 0, ""});
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

// A mention's sentence, begin or end: absent (0) or a non-negative integer.
uint32_t mentionNumber(const Json& m, const char* key) {
    if (!m.contains(key)) return 0;
    if (!m[key].is_number_unsigned() || m[key].get<uint64_t>() > UINT32_MAX)
        throw BadLine{std::string("a mention's \"") + key + "\" is not a non-negative integer"};
    return m[key].get<uint32_t>();
}

bool storedDocument(const Collector& c, const std::string& id) {
    return c.view && c.view->getAux(storage::AuxSpace::Document, id).has_value();
}

void jsonlLine(Collector& c, const std::string& line, const std::string& fileDoc) {
    Json j = Json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) throw BadLine{"not a JSON object"};
    if (j.contains("document") && j["document"].is_string()) {  // kgraph export --format jsonl
        DocumentLine d{j["document"].get<std::string>(), {}};
        if (d.id.empty()) throw BadLine{"empty \"document\""};
        if (j.contains("properties")) {
            if (!j["properties"].is_object()) throw BadLine{"\"properties\" is not an object"};
            d.props = toValue(j["properties"]).asMap();
        }
        d.props["id"] = d.id;
        if (!c.documentIds.insert(d.id).second) throw BadLine{"document '" + d.id + "' repeated"};
        c.documentLines.push_back(std::move(d));
        return;
    }
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
            if (auto conf = f.props.find("confidence"); conf != f.props.end()) {
                if (!conf->second.isFloat() && !conf->second.isInt())
                    throw BadLine{"\"confidence\" is not a number"};
                double v = conf->second.isFloat() ? conf->second.asFloat()
                                                  : static_cast<double>(conf->second.asInt());
                checkConfidence(v, j["properties"]["confidence"].dump());
            }
        }
        if (!j["mentions"].is_array()) throw BadLine{"\"mentions\" is not an array"};
        for (const auto& m : j["mentions"]) {
            if (!m.is_object()) throw BadLine{"a mention is not an object"};
            storage::Mention mm;
            mm.doc = requireString(m, "doc");
            mm.sentence = mentionNumber(m, "sentence");
            mm.begin = mentionNumber(m, "begin");
            mm.end = mentionNumber(m, "end");
            if (mm.begin > mm.end) throw BadLine{"a mention begins after it ends"};
            mm.text = optString(m, "text");
            // An export lists its documents first: a mention of another one is a broken line.
            if (!c.documentIds.empty() && !c.documentIds.count(mm.doc) &&
                !storedDocument(c, mm.doc))
                throw BadLine{"a mention names document '" + mm.doc +
                              "', which neither the input nor the database has"};
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
    if (j.contains("confidence")) checkConfidence(f.confidence, j["confidence"].dump());
    f.negated = j.value("negated", false);
    f.attributedTo = optString(j, "attributed_to");
    f.date = optString(j, "date");
    f.modality = optString(j, "modality");
    uint32_t sentence = 1;
    if (j.contains("sentence")) {
        if (!j["sentence"].is_number_unsigned())
            throw BadLine{"\"sentence\" is not a non-negative integer"};
        sentence = j["sentence"].get<uint32_t>();
    }
    f.mentions.push_back({sentence, 0, 0, optString(j, "evidence")});
    std::string doc = optString(j, "doc");
    c.fact(doc.empty() ? fileDoc : doc, line, s, optString(j["subject"], "text"), o,
           optString(j["object"], "text"), std::move(f), true);
}

std::vector<std::string> split(const std::string& line, char sep) {
    std::vector<std::string> out;
    std::string cur;
    std::istringstream in(line);
    while (std::getline(in, cur, sep)) out.push_back(cur);
    if (!line.empty() && line.back() == sep) out.emplace_back();
    return out;
}

double parseConfidence(const std::string& text) {
    double v = 0;
    try {
        size_t used = 0;
        v = std::stod(text, &used);
        if (used != text.size()) throw BadLine{""};
    } catch (...) {
        throw BadLine{"confidence '" + text + "' is not a number between 0 and 1"};
    }
    checkConfidence(v, text);
    return v;
}

uint32_t parseSentence(const std::string& text) {
    uint32_t v = 0;
    auto res = std::from_chars(text.data(), text.data() + text.size(), v);
    if (text.empty() || res.ec != std::errc() || res.ptr != text.data() + text.size())
        throw BadLine{"sentence '" + text + "' is not a non-negative integer"};
    return v;
}

// subject, predicate, object[, confidence, source] or the ten columns of
// `kgraph extract --format tsv`: subject, type, object, confidence, negated,
// attributed_to, date, document, sentence, predicate (the nine of earlier
// versions, without the predicate, still import).
void tsvLine(Collector& c, const std::string& line, const std::string& fileDoc) {
    auto cols = split(line, '\t');
    if (cols.size() != 3 && cols.size() != 5 && cols.size() != 9 && cols.size() != 10) {
        throw BadLine{"expected 3, 5, 9 or 10 tab-separated columns, found " +
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
        f.confidence = parseConfidence(cols[3]);
        if (!cols[4].empty()) doc = cols[4];
    } else if (cols.size() >= 9) {
        f.confidence = parseConfidence(cols[3]);
        if (cols[4] != "true" && cols[4] != "false")
            throw BadLine{"negated '" + cols[4] + "' is not true or false"};
        f.negated = cols[4] == "true";
        f.attributedTo = cols[5];
        f.date = cols[6];
        if (!cols[7].empty()) doc = cols[7];
        f.mentions.push_back({parseSentence(cols[8]), 0, 0, ""});
        if (cols.size() == 10) {
            f.predicate = cols[9];
            f.text = cols[9];
            f.predicateIsIdentity = f.type == extract::kCatchAll;
        }
    }
    c.fact(doc, line, {"", cols[0], {}}, cols[0], {"", cols[2], {}}, cols[2], std::move(f));
}

// One CSV record on one line (RFC 4180 quoting, no line breaks in fields).
std::vector<std::string> csvFields(const std::string& line) {
    std::vector<std::string> out(1);
    bool quoted = false;
    for (size_t i = 0; i < line.size(); ++i) {
        char ch = line[i];
        if (quoted) {
            if (ch == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                out.back().push_back('"');
                ++i;
            } else if (ch == '"') {
                quoted = false;
            } else {
                out.back().push_back(ch);
            }
        } else if (ch == '"' && out.back().empty()) {
            quoted = true;
        } else if (ch == ',') {
            out.emplace_back();
        } else {
            out.back().push_back(ch);
        }
    }
    if (quoted) throw BadLine{"unterminated quoted field"};
    return out;
}

// The CSV of triples: a header naming subject, predicate, object and any of
// subject_label, object_label, confidence, source, evidence, in any order.
struct CsvLayout {
    std::map<std::string, size_t> column;
    size_t width = 0;
};

void csvLine(Collector& c, CsvLayout& layout, const std::string& line, const std::string& fileDoc) {
    auto cells = csvFields(line);
    if (layout.width == 0) {  // the header
        static const std::set<std::string> known{"subject",       "predicate",    "object",
                                                 "subject_label", "object_label", "confidence",
                                                 "source",        "evidence"};
        for (size_t i = 0; i < cells.size(); ++i) {
            if (!known.count(cells[i]))
                throw Error("the CSV header names an unknown column '" + cells[i] +
                            "'; use subject, predicate, object, subject_label, object_label, "
                            "confidence, source, evidence");
            layout.column[cells[i]] = i;
        }
        for (const char* need : {"subject", "predicate", "object"}) {
            if (!layout.column.count(need))
                throw Error(std::string("the CSV header has no '") + need +
                            "' column (the first line names the columns)");
        }
        layout.width = cells.size();
        return;
    }
    if (cells.size() != layout.width)
        throw BadLine{"expected " + std::to_string(layout.width) + " fields, found " +
                      std::to_string(cells.size())};
    auto cell = [&](const char* name) {
        auto it = layout.column.find(name);
        return it == layout.column.end() ? std::string() : cells[it->second];
    };
    for (const char* need : {"subject", "predicate", "object"}) {
        if (cell(need).empty()) throw BadLine{std::string("empty ") + need};
    }
    storage::FactInput f;
    f.type = cell("predicate");
    f.text = f.type;
    f.confidence = cell("confidence").empty() ? 1.0 : parseConfidence(cell("confidence"));
    f.mentions.push_back({1, 0, 0, cell("evidence")});
    std::string doc = cell("source").empty() ? fileDoc : cell("source");
    c.fact(doc, line, {cell("subject_label"), cell("subject"), {}}, cell("subject"),
           {cell("object_label"), cell("object"), {}}, cell("object"), std::move(f));
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
        if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
            throw BadLine{"escape in an IRI names no character (a surrogate or beyond U+10FFFF)"};
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

// A literal's escapes resolve to characters, and a number or boolean typed
// with xsd:integer, xsd:double or xsd:boolean has a valid lexical form.
void checkLiteral(const std::string& term) {
    std::string text = literalText(term);
    auto at = term.rfind("\"^^<");
    if (at == std::string::npos || term.back() != '>') return;
    std::string dt = term.substr(at + 4, term.size() - at - 5);
    auto bad = [&](const char* type) {
        throw BadLine{"literal \"" + text + "\" is not a valid xsd:" + type};
    };
    if (dt == std::string(kXsdNs) + "integer") {
        size_t i = text.size() > 0 && (text[0] == '-' || text[0] == '+') ? 1 : 0;
        if (i == text.size() || text.find_first_not_of("0123456789", i) != std::string::npos)
            bad("integer");
    } else if (dt == std::string(kXsdNs) + "double" || dt == std::string(kXsdNs) + "decimal") {
        if (text == "INF" || text == "-INF" || text == "NaN") return;
        double v = 0;
        const char* first = text.data() + (!text.empty() && text[0] == '+' ? 1 : 0);
        auto res = std::from_chars(first, text.data() + text.size(), v);
        if (text.empty() || res.ec != std::errc() || res.ptr != text.data() + text.size())
            bad(dt.substr(kXsdNs.size()) == "double" ? "double" : "decimal");
    } else if (dt == std::string(kXsdNs) + "boolean") {
        if (text != "true" && text != "false" && text != "1" && text != "0") bad("boolean");
    }
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
    if (o.front() == '"') checkLiteral(o);
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
    // kgraph IRIs give label and name back; other IRIs take their rdf:type
    // (else none: the resolver or "Resource" decides) and rdfs:label (else the
    // IRI, or its last segment when that names a stored entity).
    auto entity = [&](const std::string& iri) {
        Entity e = ntEntity(iri);
        if (e.label != "Resource") return e;
        e.label.clear();
        if (auto t = c.ntTypes.find(iri); t != c.ntTypes.end() && !t->second.empty())
            e.label = t->second;
        if (auto l = c.ntLabels.find(iri); l != c.ntLabels.end() && !l->second.empty()) {
            e.name = l->second;
        } else if (c.resolver) {
            std::string last = lastSegment(iri);
            std::replace(last.begin(), last.end(), '_', ' ');
            if (!last.empty() && c.resolver->resolve(e.label, last, false)) e.name = last;
        }
        return e;
    };
    for (const auto& t : c.ntFacts) {
        storage::FactInput f;
        f.type = lastSegment(t.predicate);
        f.text = f.type;
        f.confidence = 1.0;
        Entity se = entity(t.subject), oe = entity(t.object);
        c.fact(t.doc, t.line, se, se.name, oe, oe.name, std::move(f), false, "Resource");
    }
}

// Export-JSONL documents and facts, recreated as they were, in one transaction.
void writeExported(storage::GraphStore& store, const Collector& c) {
    auto txn = store.write();
    auto docNodes = documentNodes(*txn);
    for (const auto& d : c.documentLines) {
        if (!docNodes.count(d.id)) docNodes.emplace(d.id, txn->createNode({"Document"}, d.props));
    }
    std::map<std::pair<std::string, std::string>, storage::NodeId> nodes;
    auto node = [&](Entity e) {
        e = c.canonical(std::move(e), true, "");
        auto key = std::make_pair(e.label, e.name);
        auto it = nodes.find(key);
        if (it != nodes.end()) return it->second;
        storage::NodeId found = 0;
        txn->findByName(e.name, [&](storage::NodeId id) {
            if (txn->hasLabel(id, e.label) && !txn->hasLabel(id, "Document")) {
                found = id;
                return false;
            }
            return true;
        });
        if (found == 0) found = txn->createNode({e.label}, e.props);
        nodes.emplace(key, found);
        return found;
    };
    FactsByDocument byDoc;
    for (const auto& f : c.exported) {
        storage::NodeId s = node(f.subject), o = node(f.object);
        storage::EdgeId e = txn->createEdge(s, o, f.type, f.props);
        uint32_t seq = 0;
        std::map<std::string, uint64_t> perDoc;
        for (const auto& m : f.mentions) {
            txn->putAux(storage::AuxSpace::Mention, storage::mentionKey(e, seq++),
                        storage::encodeMention(m));
            ++perDoc[m.doc];
        }
        for (const auto& [doc, n] : perDoc) byDoc[doc].emplace_back(e, n);
    }
    recordImportedDocuments(*txn, byDoc);
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
    if (!parse && format != "csv")
        throw Error("unknown import format '" + format + "'; use tsv, csv, nt, nq or jsonl",
                    Error::Kind::Usage);
    EntityResolver resolver(&store);
    auto before = store.read();
    Collector c;
    c.resolver = &resolver;
    c.view = before.get();
    ImportReport report;
    for (const auto& input : inputs) {
        std::string line;
        uint64_t number = 0;
        std::string fileDoc = input.name == "-" ? "stdin" : input.name;
        CsvLayout layout;  // each CSV file has its header
        while (std::getline(*input.in, line)) {
            ++number;
            if (!line.empty() && line.back() == '\r') line.pop_back();
            auto bad = [&](const std::string& reason) {
                ++report.skipped;
                report.problems.push_back(input.name + ":" + std::to_string(number) + ": " +
                                          reason);
            };
            if (number == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) {
                bad("the file starts with a byte-order mark (EF BB BF); save it as UTF-8 without "
                    "one");
                continue;
            }
            if (auto at = text::firstInvalidUtf8(line)) {
                bad("invalid UTF-8 at byte " + std::to_string(*at + 1) + " of the line");
                continue;
            }
            size_t first = line.find_first_not_of(" \t");
            if (first == std::string::npos || line[first] == '#') continue;
            try {
                if (parse) {
                    parse(c, line, fileDoc);
                } else {
                    csvLine(c, layout, line, fileDoc);
                }
            } catch (const BadLine& b) {
                bad(b.reason);
            } catch (const Error& e) {  // a CSV header that cannot be read: the file is unusable
                throw Error(input.name + ":" + std::to_string(number) + ": " + e.what());
            } catch (const std::exception& e) {  // a JSON value of the wrong type, a bad \\u escape
                bad(e.what());
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
    auto problems = [&](std::string msg) {
        for (size_t i = 0; i < report.problems.size() && i < 20; ++i)
            msg += "\n  " + report.problems[i];
        if (report.problems.size() > 20)
            msg += "\n  ... and " + std::to_string(report.problems.size() - 20) + " more";
        return msg;
    };
    if (strict && report.skipped > 0)
        throw Error(problems(std::to_string(report.skipped) +
                             " bad line(s), nothing imported (--strict):"));
    if (report.lines == 0 && c.records.empty() && c.documentLines.empty() && !base) {
        throw Error(
            problems("no usable " + format + " line in the input, nothing imported" +
                     (report.skipped ? " (" + std::to_string(report.skipped) + " bad line(s)):"
                                     : std::string())));
    }
    // Triples credited to a document that `kgraph build` stored would replace
    // its extraction (a document is one unit): refuse before writing anything.
    for (const auto& d : c.docs) {
        auto hash = storage::storedDocumentHash(*before, d.doc.id);
        if (hash && hash->rfind("import:", 0) != 0) {
            throw Error("document '" + d.doc.id +
                        "' is already in the database from its text; importing triples "
                        "credited to it would replace what was extracted from it. Name another "
                        "source (the TSV/CSV source column) or import into another database");
        }
    }
    before.reset();
    const uint64_t units = c.records.size() + c.docs.size() +
                           (c.exported.empty() && c.documentLines.empty() ? 0 : 1) + (base ? 1 : 0);
    uint64_t done = 0, facts = 0;
    auto stored = [&](uint64_t n) {
        facts += n;
        if (progress) progress(++done, units, facts);
    };
    if (!c.exported.empty() || !c.documentLines.empty()) {
        writeExported(store, c);
        report.documents += c.documentLines.size();
        stored(c.exported.size());
    }
    if (base) {
        auto counts = rebuildFromRdf(store, c.statements, *base, &resolver);
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
