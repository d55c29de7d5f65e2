// The interactive shell: reads statements ended by ';' (over several lines if
// need be), runs each and prints the result. On a terminal it uses libedit
// (BSD licence) for line editing, tab completion (keywords, functions, labels,
// relationship types) and history in ~/.kgraph_history; otherwise it reads
// standard input without prompts, for scripts:
//   kgraph shell --db news.kg < queries.cypher
// Meta-commands start with ':' — see kHelp in shell.cpp or type :help. Line
// reading and Ctrl-C: line_reader.h; Tab completion: shell_completion.h.
#pragma once

#include <functional>
#include <istream>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "storage/graph_store.h"

namespace kgraph::cli {

struct ShellOptions {
    bool interactive = false;  // prompts, line editing, history, completion
    // Opens another database for `:open DIR`. Default (empty): `:open` is refused.
    std::function<std::unique_ptr<storage::GraphStore>(const std::string&)> open;
};

// Returns the exit code: 0, or 1 if a statement failed in non-interactive mode.
int runShell(storage::GraphStore& store, std::istream& in, std::ostream& out, std::ostream& err,
             const ShellOptions& options);

// Splits off complete ';'-terminated statements from `buffer` (semicolons
// inside strings, names in backticks and comments do not count); what
// remains is an unfinished statement.
std::vector<std::string> takeStatements(std::string& buffer);

// The candidate closest to `word` by edit distance, if close enough to be a
// likely typo ("did you mean …"); empty otherwise.
std::string closestMatch(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace kgraph::cli
