// Importing facts written by other tools (or by `kgraph export`/`extract`).
//
//   tsv    subject<TAB>predicate<TAB>object[<TAB>confidence<TAB>source], or the
//          nine columns of `kgraph extract --format tsv`; '#' comments and
//          blank lines skipped.
//   csv    a header naming subject, predicate, object and any of
//          subject_label, object_label, confidence, source, evidence.
//   nt     N-Triples: kgraph's own export (recognised by its <BASE entity/...>
//          and <BASE type/...> IRIs) is rebuilt as the graph it came from
//          (engine/export/rdf_rebuild.h): nodes, their properties, facts with
//          their ids, properties and mentions, so a new export is identical.
//          Other N-Triples: triples whose object is an IRI become facts
//          (predicate = the IRI's last segment), entities take their rdf:type
//          (else Resource) and rdfs:label (else the IRI); other literal, rdf:
//          and reification triples are skipped.
//   nq     N-Quads, read as N-Triples (the graph name is not needed).
//   jsonl  either `kgraph export --format jsonl` lines (with "mentions"),
//          recreated as they were (entities, fact properties, mentions), or
//          `kgraph extract --format jsonl` lines (with "doc"), ingested per
//          document like `kgraph build` does. A document with a `--documents`
//          record (a line with "document") is rebuilt from the record alone:
//          such documents are ingested first, in id order, with one-word names
//          resolved across them (extract::NameRegistry), exactly as build
//          does over a folder; their fact lines are ignored.
// TSV, other tools' N-Triples and extract lines are grouped by source
// document and stored through storage::ingestDocument; the document id is the
// TSV source column, the extract "doc", or else the input file name.
//
// Every name is resolved to a stored entity (entity_resolver.h) where one
// matches by name or alias; new entities get the label given, else Concept
// (Resource for RDF). Documents that recreated mentions name get their node
// and record (import_documents.h).
//
// Every input is parsed before anything is written; an input with no usable
// line throws kgraph::Error (nothing written). Bad lines are reported
// as FILE:LINE: reason; with `strict` any bad line throws kgraph::Error and
// nothing is stored, otherwise the good lines are stored.
#pragma once

#include <cstdint>
#include <functional>
#include <istream>
#include <string>
#include <vector>

#include "storage/graph_store.h"

namespace kgraph::exporter {

struct ImportInput {
    std::string name;  // file name for messages ("-" for stdin)
    std::istream* in = nullptr;
};

struct ImportReport {
    uint64_t lines = 0;    // facts read (skipped N-Triples statements not counted)
    uint64_t skipped = 0;  // bad lines
    uint64_t documents = 0;
    std::vector<std::string> problems;  // "file:line: reason"
};

// Called after each stored unit (a document, or all export-JSONL facts at
// once) with units done, units in all, and facts stored so far.
using ImportProgress = std::function<void(uint64_t done, uint64_t total, uint64_t facts)>;

ImportReport importTriples(storage::GraphStore& store, const std::string& format,
                           const std::vector<ImportInput>& inputs, bool strict,
                           const ImportProgress& progress = {});

}  // namespace kgraph::exporter
