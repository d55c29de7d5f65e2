// The interactive shell: reads statements ended by ';' (over several lines if
// need be), runs each and prints the result. On a terminal it uses libedit
// (BSD licence) for line editing and keeps history in ~/.kgraph_history;
// otherwise it reads standard input without prompts, for scripts:
//   kgraph shell --db news.kg < queries.cypher
// Meta-commands start with ':' — `:help`, `:format FORMAT`, `:quit`.
#pragma once

#include <istream>
#include <ostream>
#include <string>

#include "storage/graph_store.h"

namespace kgraph::cli {

struct ShellOptions {
    bool interactive = false;  // prompts, line editing, history
};

// Returns the exit code: 0, or 1 if a statement failed in non-interactive mode.
int runShell(storage::GraphStore& store, std::istream& in, std::ostream& out, std::ostream& err,
             const ShellOptions& options);

// Splits off complete ';'-terminated statements from `buffer` (semicolons
// inside strings, names in backticks and comments do not count); what
// remains is an unfinished statement.
std::vector<std::string> takeStatements(std::string& buffer);

}  // namespace kgraph::cli
