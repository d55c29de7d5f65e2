// The output formats of `kgraph extract`:
//   jsonl   one JSON object per fact mention (issue 6 / docs/extraction.md)
//   tsv     subject, predicate, object, confidence, negated, attributed_to, date, doc, sentence
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

// A JSON string literal of s (quotes included; invalid UTF-8 bytes replaced).
std::string jsonString(std::string_view s);

}  // namespace kgraph::extract
