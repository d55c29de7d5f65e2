// What `kgraph query`, `kgraph render` and the shell share: opening the
// database in the right mode for a query, and turning --param values into
// query values.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/query/query_engine.h"
#include "storage/graph_store.h"

namespace kgraph::cli {

// True if `text` may write (query::mayWrite: a write clause as the binder sees
// it). Throws kgraph::Error on a syntax or semantic error, before any database
// is opened.
bool mayWrite(std::string_view text);

// Opens the database read-only for queries that cannot write, so that they
// run while no one writes without taking the writer lock.
std::unique_ptr<storage::GraphStore> openForQuery(const std::string& dbPath, std::string_view text);

// "name=value": value parsed as a literal of the query language ("42",
// "'text'", "[1, 2]", "{k: 1}"); anything that is not a literal is taken as a
// plain string. Throws kgraph::Error (Usage) when there is no '='.
std::pair<std::string, query::Value> parseParam(const std::string& spec);

}  // namespace kgraph::cli
