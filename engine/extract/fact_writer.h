// The output formats of `kgraph extract`:
//   jsonl   one JSON object per fact mention (issue 6 / docs/extraction.md)
//   tsv     subject, type, object, confidence, negated, attributed_to, date, doc, sentence,
//           predicate
//   openie  CaRB's tab format: sentence, confidence, relation, arg1, arg2, ...
#pragma once

#include <iosfwd>
#include <string>

#include "engine/extract/extraction.h"

namespace kgraph::extract {

enum class FactFormat { Jsonl, Tsv, OpenIe };

// Parses "jsonl", "tsv" or "openie"; false if unknown.
bool parseFactFormat(const std::string& s, FactFormat& out);

// Writes every fact (or, for openie, every proposition) of one document.
void writeFacts(const text::SourceDocument& doc, const Extraction& ex, FactFormat format,
                std::ostream& out);

// `kgraph extract --format jsonl --documents`: one line per document, before
// its fact lines, carrying what `kgraph build` stores and fact lines lack, so
// that `kgraph import --format jsonl` of many shards gives the graph `build`
// gives:
//   {"doc":ID,"document":{"path","title","published","sha256","length",
//    "sentences":[[begin,end],...], "texts":{"N":sentence N as written},
//    "entities":[{"text","name","label","sentence","begin","end"},...],
//    "facts":[{"subject","object" (indexes into entities),"type","predicate",
//              "predicate_text","confidence","negated","attributed_to","date",
//              "modality","location","context","sentence"},...]}}
// Entities are as extracted, before names are resolved across documents (the
// importer resolves them in document order, as build does); "texts" holds only
// the sentences facts cite. Confidence is written exactly (%.17g).
void writeDocumentRecord(const text::SourceDocument& doc, const Extraction& ex, std::ostream& out);

// A JSON string literal of s (quotes included; invalid UTF-8 bytes replaced).
std::string jsonString(std::string_view s);

}  // namespace kgraph::extract
