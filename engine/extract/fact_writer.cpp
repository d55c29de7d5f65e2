#include "engine/extract/fact_writer.h"

#include <cstdio>
#include <ostream>
#include <set>

namespace kgraph::extract {

namespace {

std::string sentenceText(const text::SourceDocument& doc, const Extraction& ex, uint32_t sentence) {
    if (sentence < 1 || sentence > ex.sentences.size()) return "";
    const auto& s = ex.sentences[sentence - 1];
    if (s.end > doc.text.size() || s.begin > s.end) return "";
    std::string out = doc.text.substr(s.begin, s.end - s.begin);
    for (auto& c : out)
        if (c == '\n' || c == '\t' || c == '\r') c = ' ';
    return out;
}

std::string clean(std::string s) {
    for (auto& c : s)
        if (c == '\n' || c == '\t' || c == '\r') c = ' ';
    return s;
}

std::string number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", v);
    return buf;
}

}  // namespace

bool parseFactFormat(const std::string& s, FactFormat& out) {
    if (s == "jsonl")
        out = FactFormat::Jsonl;
    else if (s == "tsv")
        out = FactFormat::Tsv;
    else if (s == "openie")
        out = FactFormat::OpenIe;
    else
        return false;
    return true;
}

std::string jsonString(std::string_view s) {
    std::string out = "\"";
    for (size_t i = 0; i < s.size(); ++i) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c == '"')
            out += "\\\"";
        else if (c == '\\')
            out += "\\\\";
        else if (c == '\n')
            out += "\\n";
        else if (c == '\t')
            out += "\\t";
        else if (c == '\r')
            out += "\\r";
        else if (c < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            out += buf;
        } else if (c < 0x80) {
            out += static_cast<char>(c);
        } else {
            // Copy one valid UTF-8 sequence, or U+FFFD for an invalid byte.
            int len = (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
            bool ok = len > 0 && i + static_cast<size_t>(len) <= s.size();
            for (int k = 1; ok && k < len; ++k)
                ok = (static_cast<unsigned char>(s[i + static_cast<size_t>(k)]) >> 6) == 2;
            if (ok) {
                out.append(s.substr(i, static_cast<size_t>(len)));
                i += static_cast<size_t>(len) - 1;
            } else {
                out += "\xEF\xBF\xBD";
            }
        }
    }
    return out + "\"";
}

void writeDocumentRecord(const text::SourceDocument& doc, const Extraction& ex, std::ostream& out) {
    auto exact = [](double v) {
        char buf[40];
        std::snprintf(buf, sizeof buf, "%.17g", v);
        return std::string(buf);
    };
    auto opt = [](const std::string& v) { return v.empty() ? std::string("null") : jsonString(v); };
    out << "{\"doc\":" << jsonString(doc.id) << ",\"document\":{\"path\":" << jsonString(doc.path)
        << ",\"title\":" << jsonString(doc.title) << ",\"published\":" << opt(doc.published)
        << ",\"sha256\":" << jsonString(doc.sha256) << ",\"length\":" << doc.text.size()
        << ",\"sentences\":[";
    for (size_t i = 0; i < ex.sentences.size(); ++i) {
        out << (i ? "," : "") << '[' << ex.sentences[i].begin << ',' << ex.sentences[i].end << ']';
    }
    out << "],\"texts\":{";
    std::set<uint32_t> cited;
    for (const auto& f : ex.facts) {
        if (f.sentence >= 1 && f.sentence <= ex.sentences.size()) cited.insert(f.sentence);
    }
    bool first = true;
    for (uint32_t n : cited) {
        const auto& sent = ex.sentences[n - 1];
        if (sent.end > doc.text.size() || sent.begin > sent.end) continue;
        out << (first ? "" : ",") << '"' << n << "\":"
            << jsonString(std::string_view(doc.text).substr(sent.begin, sent.end - sent.begin));
        first = false;
    }
    out << "},\"entities\":[";
    for (size_t i = 0; i < ex.entities.size(); ++i) {
        const auto& e = ex.entities[i];
        out << (i ? "," : "") << "{\"text\":" << jsonString(e.text)
            << ",\"name\":" << jsonString(e.name) << ",\"label\":" << jsonString(e.label)
            << ",\"sentence\":" << e.sentence << ",\"begin\":" << e.begin << ",\"end\":" << e.end
            << '}';
    }
    out << "],\"facts\":[";
    for (size_t i = 0; i < ex.facts.size(); ++i) {
        const auto& f = ex.facts[i];
        out << (i ? "," : "") << "{\"subject\":" << f.subject << ",\"object\":" << f.object
            << ",\"type\":" << jsonString(f.type) << ",\"predicate\":" << jsonString(f.predicate)
            << ",\"predicate_text\":" << jsonString(f.predicateText)
            << ",\"confidence\":" << exact(f.confidence)
            << ",\"negated\":" << (f.negated ? "true" : "false")
            << ",\"attributed_to\":" << opt(f.attributedTo) << ",\"date\":" << opt(f.date)
            << ",\"modality\":" << opt(f.modality) << ",\"location\":" << opt(f.location)
            << ",\"context\":" << opt(f.context) << ",\"sentence\":" << f.sentence << '}';
    }
    out << "]}}\n";
}

void writeFacts(const text::SourceDocument& doc, const Extraction& ex, FactFormat format,
                std::ostream& out) {
    if (format == FactFormat::OpenIe) {
        for (const auto& p : ex.propositions) {
            out << sentenceText(doc, ex, p.sentence) << '\t' << number(p.confidence) << '\t'
                << clean(p.relation) << '\t' << clean(p.arg1);
            for (const auto& a : p.args) out << '\t' << clean(a);
            out << '\n';
        }
        return;
    }
    for (const auto& f : ex.facts) {
        const auto& s = ex.entities[f.subject];
        const auto& o = ex.entities[f.object];
        if (format == FactFormat::Tsv) {
            out << clean(s.name) << '\t' << f.type << '\t' << clean(o.name) << '\t'
                << number(f.confidence) << '\t' << (f.negated ? "true" : "false") << '\t'
                << clean(f.attributedTo) << '\t' << f.date << '\t' << doc.id << '\t' << f.sentence
                << '\t' << f.predicate << '\n';
            continue;
        }
        auto entity = [](const EntityMention& e) {
            return "{\"name\":" + jsonString(e.name) + ",\"label\":" + jsonString(e.label) +
                   ",\"text\":" + jsonString(e.text) + "}";
        };
        out << "{\"doc\":" << jsonString(doc.id) << ",\"sentence\":" << f.sentence
            << ",\"subject\":" << entity(s) << ",\"type\":" << jsonString(f.type)
            << ",\"predicate\":" << jsonString(f.predicate)
            << ",\"predicate_text\":" << jsonString(f.predicateText) << ",\"object\":" << entity(o)
            << ",\"confidence\":" << number(f.confidence)
            << ",\"negated\":" << (f.negated ? "true" : "false") << ",\"attributed_to\":"
            << (f.attributedTo.empty() ? std::string("null") : jsonString(f.attributedTo))
            << ",\"modality\":"
            << (f.modality.empty() ? std::string("null") : jsonString(f.modality))
            << ",\"date\":" << (f.date.empty() ? std::string("null") : jsonString(f.date))
            << ",\"location\":"
            << (f.location.empty() ? std::string("null") : jsonString(f.location))
            << ",\"context\":" << (f.context.empty() ? std::string("null") : jsonString(f.context))
            << ",\"evidence\":" << jsonString(sentenceText(doc, ex, f.sentence)) << "}\n";
    }
}

}  // namespace kgraph::extract
