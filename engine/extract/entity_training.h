// `kgraph train entities`: builds the named-entity recogniser's training data
// from GUM (named mentions: head is a proper noun; the name is the run of
// proper-noun words around the head) and Re-DocRED (PER/ORG/LOC/MISC mentions),
// tags it with the shipped tagger (so training sees the tags extraction sees),
// optionally cross-validates over documents, trains and writes the model.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "engine/extract/entity_evaluation.h"
#include "engine/extract/entity_recognizer.h"

namespace kgraph::extract {

struct EntityTrainingOptions {
    std::string gum;       // GUM CoNLL-U file or folder
    std::string redocred;  // Re-DocRED JSON (empty: GUM only)
    std::string holdout;   // GUM splits.md: its dev and test documents are left out
    std::string models;    // folder with en_ewt.tagger, en_ewt.parser and lexicons/
    std::string output;    // model file to write
    int epochs = 10;
    int folds = 0;  // > 1: report k-fold cross-validated span F1 over documents first
};

void trainEntities(const EntityTrainingOptions& o, std::ostream& log);

// GUM etype -> recogniser class; false for types that are not names (time, quantity).
bool nameClassOfGumType(const std::string& etype, NameClass& out);

// The name inside a named gold mention: the run of name words (proper nouns,
// capitalised words, numbers, and "of"/"and"/"the"/"-" between them) around the
// head, within the mention ("the United States" -> "United States").
NamedSpan nameSpanOf(const nlp::Sentence& s, int first, int last, int head, NameClass cls);

// Named-entity training sentences of GUM documents (gold words, gold names; tags as given).
std::vector<NameTrainingSentence> gumNameSentences(const GoldDocument& d);

}  // namespace kgraph::extract
