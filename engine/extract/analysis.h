// Internal to the extractor: one parsed sentence with the entity mentions and
// facts found in it, before document-level canonicalisation. The steps are
//   findMentions  (mentions.cpp)   proper-noun spans, titles, demonyms, acronyms
//   findRelations (relations.cpp)  clauses, nominal and apposition facts over the UD tree
// and ParseExtractor (parse_extractor.cpp) runs them per sentence, then resolves
// names across the document.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/extract/entity_recognizer.h"
#include "engine/extract/extraction.h"
#include "engine/extract/lexicon.h"
#include "engine/nlp/document.h"

namespace kgraph::extract::detail {

// A sentence as the rules see it: tokens 0-based, heads 0-based (-1 = root).
class SentenceView {
public:
    SentenceView(const nlp::Sentence& s, std::string_view text);

    int size() const { return static_cast<int>(s_->tokens.size()); }
    const nlp::Token& tok(int i) const { return s_->tokens[static_cast<size_t>(i)]; }
    int head(int i) const { return tok(i).head - 1; }
    const std::string& form(int i) const { return tok(i).form; }
    const std::string& lemma(int i) const { return tok(i).lemma; }
    const std::string& upos(int i) const { return tok(i).upos; }
    // The universal part of the relation ("obl" for "obl:tmod").
    std::string_view rel(int i) const;
    const std::string& fullRel(int i) const { return tok(i).deprel; }
    const std::vector<int>& kids(int i) const { return kids_[static_cast<size_t>(i)]; }
    // First child with relation r (universal part), or -1.
    int child(int i, std::string_view r) const;
    // Lower-cased form.
    std::string lower(int i) const;
    // Surface text of tokens first..last as written in the document.
    std::string span(int first, int last) const;
    // The smallest and largest token index of i's subtree.
    std::pair<int, int> subtreeSpan(int i) const;
    std::string_view text() const { return text_; }

private:
    const nlp::Sentence* s_;
    std::string_view text_;
    std::vector<std::vector<int>> kids_;
};

struct Mention {
    int first = 0, last = 0;  // tokens
    std::string text;         // surface
    std::string name;         // name before document-level resolution
    std::string label;
    bool typed = false;  // label from a lexicon, cue, title or the recogniser (not a rule's guess)
    bool learned = false;  // label from the recogniser (a one-word name may still be a surname)
    bool demonym = false;  // "Kazakh" standing for Kazakhstan
    bool role = false;     // a title without a name ("the Kazakh president"): label = relation
    std::string roleBody;  // for role mentions: the body's name
    // A pronoun (he, she, it, they, his, its, their, ...) or a definite description
    // (the president, the organization, the country): it names nothing itself and
    // takes the entity of its antecedent (coreference.h); label is the best guess.
    bool anaphor = false;
    int doc = -1;  // index into Extraction::entities once resolved (-1: unresolved anaphor)
};

// One fact argument: a mention, or a Concept named by its noun phrase.
struct Arg {
    int mention = -1;
    std::string conceptName;  // when mention < 0
    int head = -1;            // token
    bool valid() const { return mention >= 0 || !conceptName.empty(); }
};

struct Fact {
    Arg subject, object;
    std::string predicate, text;
    double confidence = 0.5;
    bool negated = false;
    std::string modality;
    int speaker = -1;     // mention of the reporting speaker
    int place = -1;       // mention of a named setting place ("in Almaty"): property `location`
    std::string context;  // other setting obliques as written ("amid domestic unrest")
};

struct Analysis {
    std::vector<Mention> mentions;
    std::vector<int> mentionAt;  // token -> mention or -1
    std::vector<Fact> facts;
    std::vector<Proposition> propositions;
    std::vector<std::pair<std::string, std::string>> acronyms;  // acronym -> full name
};

// names: the recogniser's names of the sentence (entity_recognizer.h); null = the
// capitalised-span rules alone (when no recogniser model is loaded).
void findMentions(const Lexicon& lx, const SentenceView& s, Analysis& a,
                  const std::vector<NamedSpan>* names = nullptr);
void findRelations(const Lexicon& lx, const SentenceView& s, Analysis& a);

bool isCapitalized(std::string_view w);
std::string toLower(std::string_view w);

}  // namespace kgraph::extract::detail
