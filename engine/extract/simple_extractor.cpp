#include "engine/extract/simple_extractor.h"

#include <cctype>
#include <fstream>
#include <set>

namespace kgraph::extract {

namespace {

struct Word {
    uint32_t begin, end;  // byte span
    bool capitalised;
    bool punctuationAfter;  // , ; : ( ) " directly after the word
};

bool isWordByte(unsigned char c) { return std::isalnum(c) || c == '-' || c == '\'' || c >= 0x80; }

const std::set<std::string>& sentenceStarters() {
    static const std::set<std::string> kWords = {
        "The",    "A",     "An",       "On",        "In",        "As",      "At",
        "But",    "And",   "Although", "If",        "It",        "He",      "She",
        "They",   "We",    "I",        "This",      "That",      "These",   "Those",
        "His",    "Her",   "Their",    "Its",       "When",      "While",   "After",
        "Before", "Since", "Photo",    "Published", "According", "However", "Also"};
    return kWords;
}

bool isJoiner(std::string_view w) { return w == "of" || w == "the" || w == "and"; }

std::vector<Sentence> splitSentences(std::string_view text) {
    std::vector<Sentence> out;
    uint32_t start = 0;
    auto flush = [&](uint32_t end) {
        uint32_t b = start, e = end;
        while (b < e && std::isspace(static_cast<unsigned char>(text[b]))) ++b;
        while (e > b && std::isspace(static_cast<unsigned char>(text[e - 1]))) --e;
        if (e > b) out.push_back({b, e});
        start = end;
    };
    for (uint32_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '\n') {
            flush(i + 1);
        } else if ((c == '.' || c == '!' || c == '?') && i + 2 < text.size() &&
                   text[i + 1] == ' ' && std::isupper(static_cast<unsigned char>(text[i + 2]))) {
            flush(i + 1);
        }
    }
    flush(static_cast<uint32_t>(text.size()));
    return out;
}

std::vector<Word> words(std::string_view text, Sentence s) {
    std::vector<Word> out;
    uint32_t i = s.begin;
    while (i < s.end) {
        auto c = static_cast<unsigned char>(text[i]);
        if (!isWordByte(c)) {
            if (!out.empty() && c != ' ' && c != '\t') out.back().punctuationAfter = true;
            ++i;
            continue;
        }
        uint32_t b = i;
        while (i < s.end && isWordByte(static_cast<unsigned char>(text[i]))) ++i;
        // A possessive 's belongs to the sentence, not to the name.
        uint32_t e = i;
        if (e - b > 2 && text[e - 2] == '\'' && text[e - 1] == 's') e -= 2;
        out.push_back({b, e, std::isupper(static_cast<unsigned char>(text[b])) != 0, e != i});
    }
    return out;
}

}  // namespace

SimpleExtractor::SimpleExtractor(const std::string& lexiconDir) {
    std::ifstream in(lexiconDir + "/countries.tsv");
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        auto t1 = line.find('\t');
        if (t1 == std::string::npos) continue;
        std::string canonical = line.substr(0, t1);
        countries_[canonical] = canonical;
        auto t2 = line.find('\t', t1 + 1);
        if (t2 == std::string::npos) continue;
        std::string aliases = line.substr(t2 + 1);
        size_t p = 0;
        while (p < aliases.size()) {
            size_t q = aliases.find('|', p);
            if (q == std::string::npos) q = aliases.size();
            if (q > p) countries_[aliases.substr(p, q - p)] = canonical;
            p = q + 1;
        }
    }
}

Extraction SimpleExtractor::extract(const text::SourceDocument& doc) const {
    Extraction ex;
    std::string_view text = doc.text;
    ex.sentences = splitSentences(text);
    for (uint32_t si = 0; si < ex.sentences.size(); ++si) {
        auto ws = words(text, ex.sentences[si]);
        auto word = [&](size_t i) { return text.substr(ws[i].begin, ws[i].end - ws[i].begin); };
        // Entity spans as [first word, last word].
        std::vector<std::pair<size_t, size_t>> spans;
        for (size_t i = 0; i < ws.size(); ++i) {
            if (!ws[i].capitalised) continue;
            if (i == 0 && sentenceStarters().count(std::string(word(i)))) continue;
            size_t j = i;
            while (true) {
                if (ws[j].punctuationAfter) break;
                if (j + 1 < ws.size() && ws[j + 1].capitalised) {
                    ++j;
                } else if (j + 2 < ws.size() && isJoiner(word(j + 1)) &&
                           !ws[j + 1].punctuationAfter && ws[j + 2].capitalised) {
                    j += 2;
                } else {
                    break;
                }
            }
            spans.emplace_back(i, j);
            i = j;
        }
        std::vector<size_t> entityIndex;
        for (auto [b, e] : spans) {
            EntityMention m;
            m.begin = ws[b].begin;
            m.end = ws[e].end;
            m.text = std::string(text.substr(m.begin, m.end - m.begin));
            auto country = countries_.find(m.text);
            m.name = country != countries_.end() ? country->second : m.text;
            m.label = country != countries_.end() ? "Country" : "Concept";
            m.sentence = si + 1;
            entityIndex.push_back(ex.entities.size());
            ex.entities.push_back(std::move(m));
        }
        for (size_t k = 0; k + 1 < spans.size(); ++k) {
            size_t from = spans[k].second + 1, to = spans[k + 1].first;
            if (to <= from || to - from > 4 || ws[spans[k].second].punctuationAfter) continue;
            bool ok = true;
            std::string predicate, predicateText;
            for (size_t i = from; i < to && ok; ++i) {
                if (ws[i].capitalised || ws[i].punctuationAfter) ok = false;
                std::string w(word(i));
                for (auto& c : w)
                    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
                predicate += (predicate.empty() ? "" : "_") + w;
                predicateText += (predicateText.empty() ? "" : " ") + std::string(word(i));
            }
            if (!ok) continue;
            FactMention f;
            f.subject = entityIndex[k];
            f.object = entityIndex[k + 1];
            f.predicate = predicate;
            f.predicateText = predicateText;
            f.confidence = 0.5;
            f.sentence = si + 1;
            ex.facts.push_back(std::move(f));
        }
    }
    return ex;
}

}  // namespace kgraph::extract
