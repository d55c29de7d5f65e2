// `kgraph evaluate relations --redocred FILE`: the extractor end to end against
// Re-DocRED (documents with every entity and every typed relation, Wikidata
// property ids). Each document's tokens are joined into text and extracted; an
// extracted entity aligns to the gold entity one of whose mentions overlaps one
// of its mentions (character spans, so the same sentence); facts are scored as
// distinct (head, property, tail) triples over the properties the relation
// vocabulary maps to (docs/relations.md), inverse properties folded
// (P150 contains -> P131 located in, P527 -> P361, P36 -> P1376). Facts between
// two named (non-Concept) entities of which one aligns to no gold entity are
// false positives. The result is one JSON object (see writeRelationScores).
#pragma once

#include <functional>
#include <iosfwd>
#include <map>
#include <string>
#include <vector>

#include "engine/extract/extraction.h"

namespace kgraph::extract {

struct PropertyScore {
    size_t truePositives = 0, falsePositives = 0, falseNegatives = 0;
};

struct RelationScores {
    size_t documents = 0;
    size_t goldTriples = 0;        // all gold triples (distinct)
    size_t mappedGoldTriples = 0;  // those whose property the vocabulary maps
    std::map<std::string, PropertyScore> perProperty;
    // Scored facts by confidence bin (lower bound 0.9, 0.8, 0.7, 0.6, 0): how many, how
    // many right. A triple stated by several facts counts once, at its highest confidence.
    std::map<double, std::pair<size_t, size_t>, std::greater<>> reliability;
    // "doc: head -[type/property]-> tail (why)" for every false positive, in order.
    std::vector<std::string> falsePositives;
};

// The Wikidata property a fact states (docs/relations.md: by its type, and for
// some types by its arguments' labels or title: located_in -> P17 to a country
// else P131; leads -> P35 / P6 (prime minister) / P488), with `inverse` = the
// property runs object -> subject. Empty when the fact maps to none.
std::string wikidataPropertyOf(const FactMention& f, const std::string& subjectLabel,
                               const std::string& objectLabel, bool& inverse);

// Scores `extractor` on a Re-DocRED JSON file (a list of documents). Throws
// kgraph::Error when the file cannot be read or is not Re-DocRED.
RelationScores evaluateRelations(const Extractor& extractor, const std::string& redocredFile);

// {"precision":..,"recall":..,"f1":..,"mapped_share":..,"documents":..,
//  "gold_triples":..,"mapped_gold_triples":..,"per_property":{"P131":{"precision",
//  "recall","f1","tp","fp","fn"},...},"reliability":[{"min_confidence","facts",
//  "precision"},...]} on one line.
void writeRelationScores(const RelationScores& s, std::ostream& out);

}  // namespace kgraph::extract
