// What an extractor produces from one document: sentences, entity mentions
// and fact mentions, each with provenance (sentence number and byte span into
// the document text). The interface every extractor implements; the storage
// conversion (to_storage.h) and `kgraph extract` consume it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/text/document_reader.h"

namespace kgraph::extract {

struct Sentence {
    uint32_t begin = 0;  // byte span in the document text
    uint32_t end = 0;
};

struct EntityMention {
    std::string text;       // surface form as written
    std::string name;       // canonical name
    std::string label;      // Person, Organization, Country, ... (PRODUCT.md §2)
    uint32_t sentence = 0;  // 1-based index into Extraction::sentences
    uint32_t begin = 0;     // byte span in the document text
    uint32_t end = 0;
};

struct FactMention {
    size_t subject = 0;  // index into Extraction::entities
    size_t object = 0;
    std::string type;           // relation vocabulary type (docs/relations.md) or "related_to"
    std::string predicate;      // normalised: lower snake case lemma phrase
    std::string predicateText;  // as written
    double confidence = 0;      // 0..1
    bool negated = false;
    std::string attributedTo;  // speaker, when only reported speech asserts it
    std::string date;          // ISO date when the sentence dates the event
    std::string modality;      // "could", "will", "plan", "allegedly", ... when hedged
    std::string location;      // canonical name of the named place the event happened in
    std::string context;       // other setting phrases as written ("amid domestic unrest")
    uint32_t sentence = 0;     // 1-based
};

// An Open IE tuple: the relation phrase and full argument phrases as written,
// for `kgraph extract --format openie` (CaRB's format).
struct Proposition {
    uint32_t sentence = 0;  // 1-based
    double confidence = 0;
    std::string arg1;
    std::string relation;
    std::vector<std::string> args;  // arg2, arg3, ...
};

// A mention the document-level entity step resolved to an entity: a name, or
// an anaphor (pronoun, definite description) that refers to it. For scoring
// coreference (`kgraph evaluate entities`); storage does not read it.
struct EntityReference {
    size_t entity = 0;      // index into Extraction::entities (its name and label)
    uint32_t sentence = 0;  // 1-based
    uint32_t begin = 0;     // byte span in the document text
    uint32_t end = 0;
    bool anaphor = false;
};

struct Extraction {
    std::vector<Sentence> sentences;
    std::vector<EntityMention> entities;
    std::vector<FactMention> facts;
    std::vector<Proposition> propositions;
    std::vector<EntityReference> references;
};

// Turns a document into an Extraction. Implementations are immutable after
// construction and safe to call from several threads at once.
class Extractor {
public:
    virtual ~Extractor() = default;
    virtual Extraction extract(const text::SourceDocument& doc) const = 0;
};

}  // namespace kgraph::extract
