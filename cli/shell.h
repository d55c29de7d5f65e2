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
#include <string_view>
#include <vector>

#include "cli/name_checker.h"  // closestMatch
#include "storage/graph_store.h"

namespace kgraph::cli {

struct ShellOptions {
    bool interactive = false;  // prompts, line editing, history, completion
    // Opens another database for `:open [--create] DIR` (`create`: make it if missing).
    // Default (empty): `:open` is refused.
    std::function<std::unique_ptr<storage::GraphStore>(const std::string&, bool create)> open;
};

// Returns the exit code: 0, or 1 if a statement failed in non-interactive mode.
int runShell(storage::GraphStore& store, std::istream& in, std::ostream& out, std::ostream& err,
             const ShellOptions& options);

// Splits off complete ';'-terminated statements from `buffer` (semicolons
// inside strings, names in backticks and comments do not count); what
// remains is an unfinished statement.
// What remains after the last ';' is dropped when it is only blanks and comments
// (`RETURN 1; // one` leaves nothing pending).
std::vector<std::string> takeStatements(std::string& buffer);

// Where the complete ';'-terminated statements of `text` are (byte offsets,
// the ';' excluded; statements of only comments left out). `rest`, if given,
// receives where the unfinished remainder begins.
struct StatementSpan {
    size_t begin = 0, end = 0;
};
std::vector<StatementSpan> splitStatements(std::string_view text, size_t* rest = nullptr);

// True if `text` holds nothing but blanks and (closed) comments.
bool onlyComments(std::string_view text);

}  // namespace kgraph::cli
