// Printing query results in the formats of `kgraph query --format` and the
// shell's `:format`: a box-drawn table, CSV (RFC 4180), TSV, a JSON array of
// row objects, or JSON Lines (one row object per line).
//
// In table, CSV, TSV and markdown, strings print as their text; null as NULL
// in a table (so it differs from the string 'null') and as an empty field in
// CSV/TSV; paths compactly by their nodes' names, (Xi Jinping)-[:meet]->(Wang Yi);
// every other value in the query language's literal notation (nodes as
// (:Label {k: v}), ...).
// JSON turns nodes into {"id", "labels", "properties"}, relationships into
// {"id", "type", "start", "end", "properties"}, paths into {"nodes", "relationships"}.
#pragma once

#include <ostream>
#include <string>
#include <string_view>

#include "engine/query/query_engine.h"

namespace kgraph::cli {

enum class OutputFormat { Table, Csv, Tsv, Json, Jsonl, Markdown };

// Throws kgraph::Error (Usage) for an unknown name.
OutputFormat parseOutputFormat(const std::string& name);
std::string outputFormatName(OutputFormat format);

struct PrintOptions {
    OutputFormat format = OutputFormat::Table;
    // Table cells longer than this are cut with "…". Default: 60.
    size_t maxCellWidth = 60;
    // Table header in bold (ANSI), for a terminal.
    bool colour = false;
    // Tables of more rows show the first and last half of this many, with a row of ⋮
    // between. 0 (default): every row.
    size_t maxRows = 0;
    // Tables wider than this many columns have their widest columns cut to fit.
    // 0 (default): no limit.
    size_t maxWidth = 0;
};

void printResult(const query::QueryResult& result, std::ostream& out, const PrintOptions& options);

// The text of a cell in table/CSV/TSV.
std::string cellText(const query::Value& v);

// `s` made safe to print on a terminal: control characters other than newline and tab
// (ESC starts the escape sequences that move the cursor, retitle the window, ...) become
// their Unicode control pictures (ESC -> U+241B), DEL U+2421, C1 controls U+FFFD. Table,
// CSV and TSV output and `kgraph stats` go through it; JSON escapes controls itself.
std::string printable(std::string_view s);

}  // namespace kgraph::cli
