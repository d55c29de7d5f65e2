// Committing one document's contribution to the knowledge graph.
//
// A document contributes a :Document node, entity nodes (identified by
// (label, name) and merged with what is already stored), MENTIONED_IN
// relationships from entities to the document, and facts (one relationship
// per (subject, type, object, negated), merged across mentions and documents)
// with one Mention record per supporting sentence.
//
// ingestDocument() writes all of it in one WriteBatch: after a crash the
// document is either wholly present or wholly absent. The document's record
// (AuxSpace::Document, keyed by DocumentInput::id) remembers its content hash
// and exactly what it added, so that:
//   - the same id with the same sha256 is a no-op (Outcome::Unchanged);
//   - the same id with another sha256 first takes the old contribution back
//     (facts only it supported disappear, shared facts lose its mentions,
//     entity mention counts follow) and then adds the new (Outcome::Replaced).
//
// Throws kgraph::Error; on error nothing of the document is stored.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "storage/graph_store.h"

namespace kgraph::storage {

struct EntityInput {
    std::string label;                 // Person, Organization, ... (PRODUCT.md §2)
    std::string name;                  // canonical name
    std::vector<std::string> aliases;  // surface forms seen in this document
    uint32_t mentions = 0;             // mentions in this document
};

struct FactMentionInput {
    uint32_t sentence = 0;  // 1-based
    uint32_t begin = 0;     // byte span of the sentence in the document
    uint32_t end = 0;
    std::string text;  // the sentence
};

struct FactInput {
    size_t subject = 0;  // index into DocumentInput::entities
    size_t object = 0;
    std::string type;  // relationship type: a relation vocabulary type, lower snake case
    std::string text;  // predicate as written
    double confidence = 0;
    bool negated = false;
    std::string attributedTo;  // empty if stated by the document itself
    std::string date;          // ISO date or empty
    std::vector<FactMentionInput> mentions;
    std::string modality;   // the modal verb that hedges it ("could", "will"), or empty
    std::string predicate;  // normalised verb phrase (property `predicate`), or empty
    // When set, facts of one type with different predicates are different
    // relationships (the catch-all type); otherwise `predicate` is the first seen.
    bool predicateIsIdentity = false;
    std::string location;  // setting place (property `location`), or empty
    std::string context;   // setting phrase (property `context`), or empty
};

struct DocumentInput {
    std::string id;  // stable document id (the path relative to the build root)
    std::string path;
    std::string title;
    std::string published;  // ISO date-time or empty
    std::string sha256;
    uint32_t sentences = 0;
    std::vector<EntityInput> entities;
    std::vector<FactInput> facts;
};

enum class IngestOutcome { Added, Unchanged, Replaced };

struct IngestResult {
    IngestOutcome outcome = IngestOutcome::Added;
    uint64_t entitiesCreated = 0;
    uint64_t factsCreated = 0;
};

IngestResult ingestDocument(GraphStore& store, const DocumentInput& doc);

// Removes a document's contribution, if any (used by re-ingest). Returns
// whether there was one. Writes into `txn`; the caller commits.
bool removeDocument(WriteTxn& txn, const std::string& docId);

// The stored content hash of a document, if it is stored.
std::optional<std::string> storedDocumentHash(GraphView& view, const std::string& docId);

// What a stored document added (its AuxSpace::Document record).
struct StoredDocument {
    std::string sha256;
    NodeId docNode = 0;
    std::vector<std::pair<NodeId, uint64_t>> entities;  // entity node, mentions this document added
    std::vector<std::pair<EdgeId, uint64_t>> facts;     // fact relationship, Mention records added
};
// Decodes a document record. Throws kgraph::Error (Storage) on malformed bytes.
StoredDocument decodeStoredDocument(std::string_view bytes);
// Encodes one for WriteTxn::putAux(AuxSpace::Document, id, ...): for importers
// that recreate relationships and mentions themselves (engine/export).
std::string encodeStoredDocument(const StoredDocument& record);

}  // namespace kgraph::storage
