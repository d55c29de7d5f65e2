// `kgraph check`: verifies a database against itself.
//
// From one snapshot, checkConsistency() reads every primary record (node,
// relationship, dictionary entry, document record, fact mention) and every
// index entry, and verifies:
//   - the dictionary both ways (name -> id -> the same name) and that every
//     id used by a record is in it;
//   - every index (label, name, outgoing and incoming adjacency, relationship
//     type) against the primary records and vice versa: each index entry
//     points at a record that has it, and there are exactly as many entries as
//     the records call for (so none is missing);
//   - every stored count (nodes, relationships, per label, per type, per
//     (label, type, label) pattern) against a full recount;
//   - the id allocators (next node/edge/token id above every id in use);
//   - document records against the graph: every fact mention belongs to an
//     existing relationship and a stored document, and each document's mention
//     records match what its record says it added.
// Dangling references that a user's query can legitimately cause (a document
// node or an entity deleted by DETACH DELETE) are warnings, not problems.
//
// Memory: a few dozen bytes per node and per relationship.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "storage/graph_store.h"

namespace kgraph::storage {

struct CheckReport {
    // What was checked and how many of each, in the order checked,
    // e.g. {"nodes", 100000}, {"label index entries", 100000}.
    std::vector<std::pair<std::string, uint64_t>> checked;
    // Inconsistencies, one sentence each, naming the record or key.
    std::vector<std::string> problems;
    // Problems beyond the first `maxProblems`, counted but not described.
    uint64_t moreProblems = 0;
    std::vector<std::string> warnings;

    bool ok() const { return problems.empty(); }
};

// Checks the whole database. Throws kgraph::Error only if it cannot be read;
// every inconsistency found goes into the report.
CheckReport checkConsistency(GraphStore& store, size_t maxProblems = 1000);

}  // namespace kgraph::storage
