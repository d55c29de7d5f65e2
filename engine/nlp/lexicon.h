// An external lexicon for the tagger: WordNet's parts of speech and a spelling
// word list, read at training time only.
//
// classify(word) returns a code that says, for the lower-cased word, which
// WordNet parts of speech it has and how each was found: directly in the index,
// through WordNet's exception lists, or through one of morphy's suffix rules
// (e.g. "verb via -ed", strong evidence for VBD/VBN); and whether the word list
// has it in lower case, only capitalized (a proper noun), or not at all.
// The tagger turns the codes of the words it keeps into small class ids and
// stores them in its model, so tagging needs no lexicon files.
//
// Thread-safety: a loaded Lexicon is immutable.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace kgraph::nlp {

struct LexiconPaths {
    std::string wordnetDir;  // holds index.{noun,verb,adj,adv} and {noun,verb,adj,adv}.exc
    std::string wordList;    // one word per line, proper nouns capitalized
    bool empty() const { return wordnetDir.empty() && wordList.empty(); }
};

// The Debian locations (packages wordnet-base and wamerican-huge).
LexiconPaths debianLexiconPaths();

class Lexicon {
public:
    // Reads the files; throws kgraph::Error naming a missing file and the package
    // that provides it.
    static Lexicon load(const LexiconPaths& paths);

    // The code of a word (any case; looked up lower-cased). 0: found nowhere.
    uint32_t classify(std::string_view word) const;

    // Every word the lexicon knows (lower-cased), in no particular order.
    void forEachWord(const std::function<void(const std::string&)>& f) const;

    // A readable form of a code, e.g. "noun verb:-ed list:lower" (for logs and tests).
    static std::string describe(uint32_t code);

    // Parts of a code, for features that generalize over the full codes: the word
    // list flag; per part of speech "in the index" and "reached by a rule"; the
    // rules alone.
    static uint32_t listPart(uint32_t code) { return code >> 20 & 3; }
    static uint32_t posPart(uint32_t code);
    static uint32_t rulePart(uint32_t code) { return code & 0xFFFFF & ~0x8421u; }

private:
    enum Pos { kNoun, kVerb, kAdj, kAdv, kNumPos };
    uint32_t derive(const std::string& lower, int pos) const;

    std::unordered_set<std::string> index_[kNumPos];
    std::unordered_map<std::string, std::string> exceptions_[kNumPos];  // form -> a base form
    std::unordered_set<std::string> listLower_, listCapitalized_;       // lower-cased keys
};

}  // namespace kgraph::nlp
