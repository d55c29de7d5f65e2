// Coreference within a document: a deterministic multi-pass sieve after the
// design of Stanford's (Lee et al. 2013). Names are clustered before this step
// (the same canonical name; surnames, acronyms and title forms resolved to the
// fullest name, parse_extractor.cpp); what is left are anaphors:
//   - pronouns: he/him/his/himself, she/her/hers/herself (a Person), it/its/itself
//     (an organisation, country, place or event), they/them/their/themselves (a
//     group, organisation or country), with agreement, binding (an object pronoun
//     is not its own clause's subject) and recency: the same sentence before the
//     pronoun (the nearest subject, else the nearest mention), then up to three
//     sentences back (each sentence's subject first, then left to right);
//   - definite descriptions: "the president", "the organization", "the country",
//     "the bloc", ... (a noun of a fixed class with "the" and at most adjectives)
//     take the most recent compatible entity of the sentence or the last three.
// An anaphor without a compatible antecedent stays unresolved (doc = -1): facts
// about it are dropped rather than attached to a guess.
#pragma once

#include <vector>

#include "engine/extract/analysis.h"

namespace kgraph::extract::detail {

// Adds the sentence's anaphor mentions (Mention::anaphor) for the words no name covers.
void findAnaphors(const SentenceView& s, Analysis& a);

struct CorefSentence {
    const SentenceView* view;
    Analysis* analysis;
};

// Sets each anaphor's doc (and name/label) to its antecedent's; names must have
// their doc set. Deterministic: the same document gives the same links.
void resolveAnaphors(std::vector<CorefSentence>& document);

}  // namespace kgraph::extract::detail
