// `kgraph evaluate entities`: scores entity extraction against GUM-format
// CoNLL-U (../shared/gum; CorefUD `Entity=` brackets in MISC). The gold document
// text is rebuilt from the tokens (SpaceAfter=No, paragraphs as blank lines), the
// extractor runs on that text, and its mentions are matched to the gold ones by
// head token (CorefUD head-match). docs/extraction.md ("Evaluating entities")
// defines every figure and the GUM-to-kgraph type table.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "engine/extract/extraction.h"
#include "engine/nlp/document.h"
#include "engine/text/document_reader.h"

namespace kgraph::extract {

struct GoldMention {
    size_t begin = 0, end = 0;          // byte span in the rebuilt text
    size_t headBegin = 0, headEnd = 0;  // byte span of the head token
    int entity = 0;                     // index into GoldDocument::entities
    bool named = false;                 // the head token is a proper noun
    // Words in GoldDocument::sentences[sentence] (first..last, head); sentence = -1
    // for a mention that crosses a sentence boundary.
    int sentence = -1, first = 0, last = 0, head = 0;
};

struct GoldEntity {
    std::string type;      // GUM etype: person, place, organization, ...
    std::string identity;  // Wikipedia title as annotated ("Donald_Trump"), or empty
    bool named = false;    // at least one named mention
};

struct GoldDocument {
    text::SourceDocument doc;  // id = GUM doc id, text rebuilt, published = dateCreated
    std::vector<GoldMention> mentions;
    std::vector<GoldEntity> entities;
    // The gold words (form, offsets into doc.text, gold UPOS/XPOS, head, relation).
    std::vector<nlp::Sentence> sentences;
};

// Reads one GUM CoNLL-U file or every *.conllu file of a folder (in name order).
// Throws kgraph::Error naming the file and line when the Entity brackets do not parse.
std::vector<GoldDocument> readGumDocuments(const std::string& fileOrDir);

struct EntityScores {
    size_t goldNamed = 0, systemNamed = 0, matchedNamed = 0, typeCorrect = 0;
    double precision = 0, recall = 0, f1 = 0, typeAccuracy = 0;
    double muc = 0, b3 = 0, ceafe = 0, corefF1 = 0;
    size_t canonicalGold = 0, canonicalCorrect = 0;
    double canonicalAccuracy = 0;
};

// Scores the extractions (one per document, same order) against the gold.
// When errors is not null, writes one line per missed, spurious, mistyped and
// misnamed mention there (for development).
EntityScores scoreEntities(const std::vector<GoldDocument>& gold,
                           const std::vector<Extraction>& system, std::ostream* errors = nullptr);

// The scores as one JSON object (keys as in docs/extraction.md), rounded to 4 places.
std::string entityScoresJson(const EntityScores& s);

// Whether a kgraph label counts as the GUM etype (the documented type table).
bool typeMatches(const std::string& gumType, const std::string& label);
// A Wikipedia title as a name: percent-decoded, '_' -> ' ', a trailing
// "(qualifier)" dropped ("Santa_Catarina_%28state%29" -> "Santa Catarina").
std::string titleAsName(const std::string& identity);

}  // namespace kgraph::extract
