// QueryEngine: runs statements of kgraph's query language (following openCypher syntax)
// against a GraphStore. This is the one header the CLI, the shell and the renderer need.
//
// Pipeline, one folder per stage (engine/query/):
//   parse/    text -> AST (ANTLR grammar in grammar/KGraphQuery.g4; syntax errors with caret)
//   bind/     semantic checks, variable slots
//   plan/     operator tree over the store's indexes and statistics (EXPLAIN prints it)
//   execute/  push-based streaming operators, expressions, functions, procedures
//
// Transactions: a statement that reads only runs on one ReadTxn (a snapshot). A statement
// with CREATE/MERGE/SET/REMOVE/DELETE runs on one WriteTxn that is committed after its last
// row was produced; if the statement fails, nothing it did is kept.
//
// Errors: every failure (syntax, semantic, runtime, storage) throws kgraph::Error with a
// message for the user. No input crashes the process.
//
// Thread-safety: a QueryEngine may be used by one thread at a time; several engines may share
// one GraphStore for reading.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/query/value.h"
#include "storage/graph_store.h"

namespace kgraph::query {

// The trailing `RENDER [svg|png|pdf|dot] [TO 'file'] [LAYOUT ...]` clause of a query.
struct RenderRequest {
    std::string format = "svg";       // svg, png, pdf or dot
    std::optional<std::string> file;  // TO 'file'; absent: the caller chooses
    std::string layout = "dot";       // dot, neato, fdp, sfdp, circo or twopi
};

struct QueryResult {
    std::vector<std::string> columns;
    // Nodes, relationships and paths in rows are complete: labels/type and properties filled.
    std::vector<std::vector<Value>> rows;
    std::optional<std::string> plan;      // EXPLAIN / PROFILE: the plan tree as text
    std::optional<RenderRequest> render;  // the RENDER clause, if any
    // What a write statement changed: "nodes created", "nodes deleted",
    // "relationships created", "relationships deleted", "properties set", "labels added",
    // "labels removed". Only non-zero counters are present.
    std::map<std::string, int64_t> counters;
};

using Params = std::map<std::string, Value>;

// Receives rows as they are produced; return false to stop early.
using RowSink = std::function<bool(const std::vector<Value>& row)>;

struct EngineOptions {
    // A variable-length pattern or shortest path that visits more relationships than this
    // for one input row stops the statement with an error. Default: 10,000,000.
    int64_t expansionLimit = 10'000'000;
    // When set, a statement stops with kgraph::Error("query cancelled") soon after *cancel
    // becomes true (the shell's Ctrl-C); a write statement is then rolled back. The caller
    // resets it. Polled every few hundred rows per operator.
    const std::atomic<bool>* cancel = nullptr;
    // A statement that runs longer than this many seconds stops with kgraph::Error("query
    // timed out after N s ..."), polled as `cancel` is (a write statement is rolled back).
    // 0 (default): no limit.
    double timeoutSeconds = 0;
    // Threads a read-only statement may use: an aggregation over a scan of all nodes runs
    // its input on this many worker threads over node id ranges, with the same result as on
    // one thread. 0 (default): the hardware's threads, at most 4. 1: no extra threads.
    int threads = 0;
    // Scans of fewer nodes than this (by the statistics) stay on one thread.
    uint64_t parallelMinNodes = 50'000;
};

class QueryEngine {
public:
    explicit QueryEngine(storage::GraphStore& store, EngineOptions options = {});

    // Parses, checks, plans and runs one or more ';'-separated statements; returns the last
    // statement's result (rows included). Throws kgraph::Error on a syntax, semantic or
    // runtime error; a failing statement leaves the database unchanged (statements before it
    // in the same text stay committed).
    QueryResult run(std::string_view text, const Params& params = {});

    // Streaming form: the last statement's rows are handed to `sink` as they are produced
    // (earlier statements run to completion); the returned result has columns, plan, render
    // and counters but no rows. A read-only statement streams straight from the store, so
    // stopping early stops the scans. A write statement's rows are delivered after it
    // committed.
    QueryResult run(std::string_view text, const Params& params, const RowSink& sink);

    // The plan of each statement, as EXPLAIN prints it, without running anything.
    std::string explain(std::string_view text);

private:
    QueryResult runStatements(std::string_view text, const Params& params, const RowSink& sink);

    storage::GraphStore& store_;
    EngineOptions options_;
};

// Parses a parameter value written as a literal, e.g. "42", "-1.5", "'x'", "[1, 2]",
// "{a: true}" (for --param name=value). Throws kgraph::Error if it is not a literal.
Value parseLiteral(std::string_view text);

// True if running `text` may change the graph: one of its statements has a CREATE, MERGE,
// SET, REMOVE or DELETE clause, as the binder sees it (words in strings, comments or names
// do not count). Needs no database, so a caller can open one read-only when this is false.
// Throws kgraph::Error on a syntax or semantic error, as running the text would.
bool mayWrite(std::string_view text);

}  // namespace kgraph::query
