// SimpleExtractor: the foundation's baseline extractor, replaced by the
// parse-based extractor of the extraction issue.
//
// Sentences end at . ! ? followed by white space and an upper-case letter, or
// at a line break. Entities are runs of capitalised words (a hyphenated word
// counts as one, "of"/"the"/"and" may join two runs); a country lexicon
// (models/lexicons/countries.tsv) types them as Country, everything else is
// typed Concept. A fact is two entities in one sentence with one to four
// lower-case words between them and no punctuation: the words are the
// predicate text, joined by '_' as the predicate. Confidence is fixed at 0.5:
// this extractor has no evidence to rank by.
#pragma once

#include <string>
#include <unordered_map>

#include "engine/extract/extraction.h"

namespace kgraph::extract {

class SimpleExtractor : public Extractor {
public:
    // Reads `lexiconDir`/countries.tsv if present (else no entity is a Country).
    explicit SimpleExtractor(const std::string& lexiconDir);
    Extraction extract(const text::SourceDocument& doc) const override;

private:
    std::unordered_map<std::string, std::string> countries_;  // surface -> canonical
};

}  // namespace kgraph::extract
