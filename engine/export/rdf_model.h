// The RDF view of the knowledge graph, shared by the N-Triples, N-Quads and
// Turtle writers.
//
// Entities become IRIs <BASE entity/LABEL/NAME> (percent-encoded), typed with
// rdf:type <BASE type/LABEL>, named with rdfs:label and with each alias as
// skos:altLabel (the name too, where it is one, so that the aliases read
// back); other node properties become <BASE prop/KEY> literals.
// Documents become <BASE doc/ID> with their title as rdfs:label. Each fact is
// the triple <subject> <BASE rel/TYPE> <object>; when it has properties
// (confidence, ...) or mentions it is also reified as <BASE fact/EDGEID>, an
// rdf:Statement carrying them, each mention being <BASE fact/EDGEID/mention/N>
// with prop/doc, prop/sentence, prop/begin, prop/end and prop/text.
// MENTIONED_IN relationships are exported like facts (the triple, reified
// with its `count`). A triple stated by several relationships is written
// once. Graph names (N-Quads): each mention's statements are in the graph of
// its document, as are a document's own statements and its MENTIONED_IN
// relationships; entities and facts (triple and reification) are in the
// default graph. Strings that are ISO 8601 dates or date-times are typed
// xsd:date / xsd:dateTime (xsdTemporal); numbers and booleans are typed too.
// Order follows node then relationship ids: same database, same triples.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "storage/graph_store.h"

namespace kgraph::exporter {

struct NTriplesOptions {
    // Prefix of every minted IRI. Default: "urn:kgraph:".
    std::string baseIri = "urn:kgraph:";
};

// One statement; terms in N-Triples syntax (<iri> or "literal"[^^<dt>]);
// `graph` is "" for the default graph.
struct Quad {
    std::string subject, predicate, object, graph;
};

inline constexpr std::string_view kRdfNs = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
inline constexpr std::string_view kRdfsNs = "http://www.w3.org/2000/01/rdf-schema#";
inline constexpr std::string_view kSkosNs = "http://www.w3.org/2004/02/skos/core#";
inline constexpr std::string_view kXsdNs = "http://www.w3.org/2001/XMLSchema#";

// Calls `fn` for every statement of the graph, in a deterministic order.
void forEachQuad(storage::GraphView& graph, const NTriplesOptions& options,
                 const std::function<void(const Quad&)>& fn);

// The XSD type of a string that is an ISO 8601 date (YYYY-MM-DD: "date") or
// date-time (YYYY-MM-DDTHH:MM[:SS[.f]][Z|+HH:MM]: "dateTime"), with its
// lexical form (seconds added when absent: xsd:dateTime requires them); else
// nullopt.
struct XsdTemporal {
    std::string lexical, type;
};
std::optional<XsdTemporal> xsdTemporal(std::string_view s);

// Escapes for an N-Triples / Turtle string literal body.
std::string escapeLiteral(std::string_view s);
// Percent-encodes everything but RFC 3986 unreserved characters.
std::string encodeIriPart(std::string_view s);

}  // namespace kgraph::exporter
