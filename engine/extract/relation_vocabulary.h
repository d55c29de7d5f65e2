// kgraph's relation vocabulary (docs/relations.md): the small set of typed
// relations a fact is stored under, and the one table that maps a normalised
// predicate ("send_message_to", "president_of", "offer_support_to") to a type.
//
// Contract: classify() is a pure function of the predicate string; every
// predicate gets exactly one type — a vocabulary type, or kCatchAll when no row
// of the table covers it. `inverse` says the text's subject is the type's
// object ("X received a call from Y" is Y calls X). Types are lower snake case.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kgraph::extract {

// The type of facts the vocabulary does not cover; the meaning is in `predicate`.
inline constexpr std::string_view kCatchAll = "related_to";

struct RelationType {
    std::string_view name;
    std::string_view group;     // contact, stance, aid, force, cooperation, standing
    std::string_view wikidata;  // property id ("P463"), or "" when Wikidata has none
    bool wikidataInverse;       // the property runs object -> subject (P35 head of state)
    bool symmetric;
    std::string_view grounding;  // CAMEO / ACE 2005 / TAC-KBP
};

// Every vocabulary type, in the order of docs/relations.md (the catch-all last).
const std::vector<RelationType>& relationTypes();

// The type description of a name, or nullptr.
const RelationType* relationType(std::string_view name);

struct Classification {
    std::string type;  // a vocabulary type or kCatchAll
    bool inverse = false;
};

// The type of a normalised predicate: lemma words joined by '_', a light verb's
// noun after the verb, a core preposition last ("deploy_to", "hold_talk_with").
Classification classify(std::string_view predicate);

// One row of the mapping table, for docs and tests: a frame key and its type.
//   "verb" / "verb_prep"    a verb (with particle) and its core preposition
//   "~noun" / "~noun_prep"  the noun object of any light verb (send a message to)
//   "@noun"                 a title or relational noun before "of/at/to" (president_of)
//   an exact predicate      ("member_of", "be_in")
struct FrameRow {
    const char* frame;
    const char* type;
    bool inverse;
};
const std::vector<FrameRow>& frameTable();

// Light verbs whose noun object carries the meaning ("express gratitude").
bool isLightVerbLemma(std::string_view lemma);

// Prepositions that usually mark a setting (time, place, circumstance) rather
// than an argument: "in", "at", "on", "during", "amid", "over", ...
bool isSettingPreposition(std::string_view prep);

// Whether `prep` marks a core argument of `head` (a verb lemma with particle, or
// a light verb's noun when `noun` is true): "arrive in", "deploy in", "rely on",
// "state (of emergency) in", "sanction on". Core prepositions stay in `predicate`;
// setting ones become the fact's `location` / `context`.
bool isCoreOblique(std::string_view head, std::string_view prep, bool noun = false);

}  // namespace kgraph::extract
