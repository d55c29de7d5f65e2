// The document records behind relationships an import recreates itself.
//
// `kgraph import` of kgraph's own JSONL or RDF writes facts and their
// mentions directly (not through storage::ingestDocument, which would merge
// and renumber them). Every mention names a document, and `kgraph check`
// wants each such document to have a Document node and a record
// (AuxSpace::Document) listing the relationships and mention counts it
// added. recordImportedDocuments() writes them: the Document node with that
// `id` is reused (else made, titled by its id), the record of a document
// already stored is extended, a new record takes the node's `sha256` (else
// "import:ID") and the entities that have MENTIONED_IN relationships to it.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "storage/graph_store.h"

namespace kgraph::exporter {

// Document id -> (relationship, mentions of it naming that document).
using FactsByDocument = std::map<std::string, std::vector<std::pair<storage::EdgeId, uint64_t>>>;

// Document nodes by their `id` property, as `txn` sees them.
std::map<std::string, storage::NodeId> documentNodes(storage::WriteTxn& txn);

// Writes the records into `txn` (the caller commits). Returns documents made.
uint64_t recordImportedDocuments(storage::WriteTxn& txn, const FactsByDocument& facts);

}  // namespace kgraph::exporter
