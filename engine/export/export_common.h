// Helpers shared by the export writers: property access, deterministic number
// formatting, JSON text and the mentions (provenance) of a fact.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "storage/graph_store.h"
#include "storage/mention_record.h"

namespace kgraph::exporter {

// The string property `key`, or "" when absent or not a string.
std::string stringProp(const PropertyMap& props, const std::string& key);
// True for the Document nodes written by `kgraph build`.
bool isDocument(const storage::Node& n);
// The MENTIONED_IN provenance edges link entities to documents; they are not facts.
bool isFact(const storage::Edge& e);
// Shortest text that reads back as the same double ("INF", "-INF", "NaN" for the rest).
std::string formatDouble(double d);
// Backslash escapes for the body of a JSON, N-Triples or Turtle string:
// \" \\ \n \r \t, other control characters as \u00XX; UTF-8 kept as is.
std::string escapeString(std::string_view s);
// A JSON string literal with quotes.
std::string jsonString(std::string_view s);
// The value as JSON text (maps with sorted keys).
std::string jsonValue(const PropertyValue& v);
// The value as JSON text when it is a list or map, else its plain text (no quotes).
std::string plainText(const PropertyValue& v);
// The mentions stored for a fact, in sequence order.
std::vector<storage::Mention> readMentions(storage::GraphView& graph, storage::EdgeId edge);

// The property keys used by a set of nodes or edges, each with the type of
// its values: "string", "long", "double", "boolean" or "list" (mixed -> "string").
struct PropertyColumn {
    std::string key;
    std::string type;
};
class ColumnCollector {
public:
    void add(const PropertyMap& props);
    std::vector<PropertyColumn> columns() const;

private:
    std::vector<PropertyColumn> cols_;  // kept sorted by key
};
// The columns of all nodes (first) and of all relationships (second).
std::pair<std::vector<PropertyColumn>, std::vector<PropertyColumn>> propertyColumns(
    storage::GraphView& graph);

}  // namespace kgraph::exporter
