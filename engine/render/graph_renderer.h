// Drawing query results through Graphviz, in process (libgvc + libcgraph).
//
// Every node, relationship and path found anywhere in the result (including
// inside lists and maps) is drawn once: nodes labelled with their `name`
// (else `title`, cut to 40 characters for a Document, else their id),
// coloured and shaped by their first label. Relationships with the same ends,
// direction and negation are drawn as one edge labelled with their types, as
// wide as their mentions, coloured by confidence (negated: dashed red), with
// each fact's confidence, date, evidence sentence and source in the SVG
// tooltip. Documents are left out when the result has other nodes (unless
// RenderOptions::documents). A legend (one node, an HTML-like table with each
// entity label's colour and shape) holds in every layout. Nodes and edges are
// added in id order so the DOT output is the same for the same result.
#pragma once

#include <string>

#include "engine/query/query_engine.h"

namespace kgraph::render {

struct RenderOptions {
    std::string format = "svg";  // svg | png | pdf | dot
    std::string layout = "dot";  // dot | neato | fdp | sfdp | circo | twopi
    // Results with more nodes are cut to this many, with a note in the drawing. Default: 300.
    size_t maxNodes = 300;
    // Draw Document nodes (and so MENTIONED_IN) even when the result has entities too.
    // Default: false — documents are drawn only when the result holds nothing else.
    bool documents = false;
};

struct RenderSummary {
    size_t nodes = 0;
    size_t edges = 0;
    bool truncated = false;
};

// Writes the drawing to `file`. Throws kgraph::Error for an unknown format or
// layout, for a result with no node to draw (no file is written then), or if
// the file cannot be written.
RenderSummary renderToFile(const query::QueryResult& result, const std::string& file,
                           const RenderOptions& options);

// How many distinct nodes the result holds (in any column, list, map or path).
size_t drawableNodes(const query::QueryResult& result);

// The drawing as bytes (e.g. DOT text) instead of a file.
std::string renderToString(const query::QueryResult& result, const RenderOptions& options,
                           RenderSummary* summary = nullptr);

// The graph handed to Graphviz, as DOT before layout (no coordinates): the
// same bytes for the same result on any machine, whatever its fonts.
std::string graphSource(const query::QueryResult& result, const RenderOptions& options = {});

}  // namespace kgraph::render
