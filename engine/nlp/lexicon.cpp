#include "engine/nlp/lexicon.h"

#include <fstream>

#include "engine/common/error.h"
#include "engine/nlp/hash.h"

namespace kgraph::nlp {

namespace {

// Code layout: 5 bits per WordNet part of speech (bit 0: in the index as it is;
// bits 1-4: the first base-form rule that reaches an index entry), then 2 bits
// for the word list.
constexpr int kBitsPerPos = 5;
constexpr int kListShift = 20;
constexpr uint32_t kListLower = 1, kListCapitalizedOnly = 2;

enum Rule : uint32_t { kNoRule, kExc, kIes, kEs, kS, kMen, kEd, kIng, kEr, kEst, kNumRules };
constexpr const char* kRuleNames[kNumRules] = {"",     "exc", "-ies", "-es", "-s",
                                               "-men", "-ed", "-ing", "-er", "-est"};
constexpr const char* kPosNames[] = {"noun", "verb", "adj", "adv"};
constexpr const char* kPosFiles[] = {"noun", "verb", "adj", "adv"};

struct Suffix {
    const char* suffix;
    const char* ending;
    Rule rule;
};
// WordNet's morphy rules (morph.c), most specific suffix first so that the rule
// recorded says what the word looks like: "-s" before "-es" so that "makes" is
// make + -s and "boxes" is box + -es.
constexpr Suffix kNounRules[] = {{"ies", "y", kIes},  {"men", "man", kMen}, {"s", "", kS},
                                 {"ses", "s", kEs},   {"xes", "x", kEs},    {"zes", "z", kEs},
                                 {"ches", "ch", kEs}, {"shes", "sh", kEs}};
constexpr Suffix kVerbRules[] = {{"ies", "y", kIes}, {"s", "", kS},    {"es", "e", kEs},
                                 {"es", "", kEs},    {"ed", "e", kEd}, {"ed", "", kEd},
                                 {"ing", "e", kIng}, {"ing", "", kIng}};
constexpr Suffix kAdjRules[] = {
    {"er", "", kEr}, {"est", "", kEst}, {"er", "e", kEr}, {"est", "e", kEst}};

std::string lowered(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = asciiLower(c);
    return out;
}

bool endsWith(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::ifstream openOrThrow(const std::string& path, const char* package) {
    std::ifstream in(path);
    if (!in) {
        throw Error("cannot open lexicon file " + path + ": install the Debian package " + package +
                    " (apt-get install " + package +
                    "), or name a copy (kgraph train: --wordnet DIR, --word-list FILE), or train "
                    "without the lexicon (--no-lexicon)");
    }
    return in;
}

}  // namespace

LexiconPaths debianLexiconPaths() {
    return {"/usr/share/wordnet", "/usr/share/dict/american-english-huge"};
}

Lexicon Lexicon::load(const LexiconPaths& paths) {
    Lexicon lex;
    if (!paths.wordnetDir.empty()) {
        for (int pos = 0; pos < kNumPos; ++pos) {
            std::string base = paths.wordnetDir + "/";
            std::ifstream index = openOrThrow(base + "index." + kPosFiles[pos], "wordnet-base");
            for (std::string line; std::getline(index, line);) {
                // Licence header lines start with spaces; multi-word lemmas have '_'.
                if (line.empty() || line[0] == ' ') continue;
                std::string lemma = line.substr(0, line.find(' '));
                if (lemma.find('_') == std::string::npos) lex.index_[pos].insert(lemma);
            }
            std::ifstream exc = openOrThrow(base + kPosFiles[pos] + ".exc", "wordnet-base");
            for (std::string line; std::getline(exc, line);) {
                size_t space = line.find(' ');
                if (space == std::string::npos || line.find('_') != std::string::npos) continue;
                size_t end = line.find(' ', space + 1);
                lex.exceptions_[pos].emplace(line.substr(0, space),
                                             line.substr(space + 1, end - space - 1));
            }
        }
    }
    if (!paths.wordList.empty()) {
        std::ifstream list = openOrThrow(paths.wordList, "wamerican-huge");
        for (std::string line; std::getline(list, line);) {
            if (!line.empty() && line.back() == '\r') line.pop_back();
            if (line.empty() || endsWith(line, "'s")) continue;  // possessives add nothing
            std::string lower = lowered(line);
            (lower == line ? lex.listLower_ : lex.listCapitalized_).insert(lower);
        }
    }
    return lex;
}

uint32_t Lexicon::derive(const std::string& w, int pos) const {
    const auto& index = index_[pos];
    uint32_t direct = index.count(w) ? 1 : 0;
    uint32_t rule = kNoRule;
    if (auto e = exceptions_[pos].find(w); e != exceptions_[pos].end()) {
        rule = kExc;
    } else {
        const Suffix* begin = nullptr;
        size_t n = 0;
        if (pos == kNoun) begin = kNounRules, n = std::size(kNounRules);
        if (pos == kVerb) begin = kVerbRules, n = std::size(kVerbRules);
        if (pos == kAdj) begin = kAdjRules, n = std::size(kAdjRules);
        for (size_t i = 0; i < n && rule == kNoRule; ++i) {
            const Suffix& s = begin[i];
            if (!endsWith(w, s.suffix)) continue;
            if (s.rule == kS && endsWith(w, "ss")) continue;  // "glass" is not glas + -s
            std::string base = w.substr(0, w.size() - std::string_view(s.suffix).size()) + s.ending;
            if (base.size() >= 2 && index.count(base)) rule = s.rule;  // not "is" = i + -s
        }
    }
    return direct | rule << 1;
}

uint32_t Lexicon::classify(std::string_view word) const {
    std::string w = lowered(word);
    uint32_t code = 0;
    for (int pos = 0; pos < kNumPos; ++pos) code |= derive(w, pos) << (pos * kBitsPerPos);
    uint32_t list = listLower_.count(w)         ? kListLower
                    : listCapitalized_.count(w) ? kListCapitalizedOnly
                                                : 0;
    return code | list << kListShift;
}

void Lexicon::forEachWord(const std::function<void(const std::string&)>& f) const {
    for (int pos = 0; pos < kNumPos; ++pos) {
        for (const std::string& w : index_[pos]) f(w);
        for (const auto& [form, base] : exceptions_[pos]) f(form);
    }
    for (const std::string& w : listLower_) f(w);
    for (const std::string& w : listCapitalized_) f(w);
}

uint32_t Lexicon::posPart(uint32_t code) {
    uint32_t out = 0;
    for (int pos = 0; pos < kNumPos; ++pos) {
        uint32_t bits = code >> (pos * kBitsPerPos) & 31;
        out |= ((bits & 1) | ((bits >> 1) != 0) << 1) << (2 * pos);
    }
    return out;
}

std::string Lexicon::describe(uint32_t code) {
    std::string out;
    auto add = [&](const std::string& s) { out += (out.empty() ? "" : " ") + s; };
    for (int pos = 0; pos < kNumPos; ++pos) {
        uint32_t bits = code >> (pos * kBitsPerPos) & 31;
        if (bits & 1) add(kPosNames[pos]);
        uint32_t rule = bits >> 1;
        if (rule != kNoRule)
            add(std::string(kPosNames[pos]) + ":" + (rule < kNumRules ? kRuleNames[rule] : "?"));
    }
    uint32_t list = code >> kListShift & 3;
    if (list == kListLower) add("list:lower");
    if (list == kListCapitalizedOnly) add("list:capitalized");
    return out.empty() ? "none" : out;
}

}  // namespace kgraph::nlp
