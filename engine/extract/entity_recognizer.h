// EntityRecognizer: the learned named-entity recogniser. A greedy averaged-
// perceptron sequence labeller with BILOU tags (Begin, Inside, Last, Outside,
// Unit) over the tokenizer's words, with word, shape, affix, neighbour,
// part-of-speech and lexicon features (models/lexicons: known names, demonyms,
// cue words, titles, given names) and whether the sentence is written in Title
// Case (a headline). Trained by `kgraph train entities` on the named mentions of
// GUM and Re-DocRED (docs/extraction.md, "Named-entity recognition").
//
// Only words that can be part of a name are scored (capitalised words, digits,
// and the connectors "of", "and", "the", "-", ... between such words); every other
// word is Outside without a lookup, which keeps the cost to a fraction of the tagger's.
//
// Immutable after load(); recognize() may be called from several threads at once.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "engine/extract/lexicon.h"
#include "engine/nlp/document.h"
#include "engine/nlp/linear_model.h"

namespace kgraph::extract {

// The classes the recogniser tells apart (GUM types and Re-DocRED types map onto them).
enum class NameClass : uint8_t { Person = 0, Organization, Location, Event, Other };
inline constexpr int kNameClasses = 5;
const char* nameClassName(NameClass c);

struct NamedSpan {
    int first = 0, last = 0;  // words of the sentence, inclusive
    NameClass cls = NameClass::Other;
};

// One training sentence: words with form, UPOS and XPOS set, and its names.
struct NameTrainingSentence {
    nlp::Sentence sentence;
    std::vector<NamedSpan> names;
};

class EntityRecognizer {
public:
    // Reads a model file written by save(). Throws kgraph::Error naming the file and
    // the remedy when it is missing, corrupt or of another format version.
    static std::shared_ptr<const EntityRecognizer> load(const std::string& path);
    void save(const std::string& path) const;

    // The names of a tagged sentence, left to right, not overlapping.
    std::vector<NamedSpan> recognize(const nlp::Sentence& s, const Lexicon& lx) const;

    // Trains on sentences in the given order for `epochs` passes (shuffled with a fixed
    // seed: the same input gives the same model, byte for byte).
    static EntityRecognizer train(const std::vector<NameTrainingSentence>& data, const Lexicon& lx,
                                  int epochs, std::ostream& log);

    // Span precision, recall and F1 (exact span and class) of recognize() on data.
    struct SpanScore {
        size_t gold = 0, predicted = 0, correct = 0, correctSpan = 0;
        double f1() const;
    };
    SpanScore score(const std::vector<NameTrainingSentence>& data, const Lexicon& lx) const;

private:
    nlp::LinearModel model_;
};

}  // namespace kgraph::extract
