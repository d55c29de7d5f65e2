// "Did you mean": the labels, relationship types and property keys a statement
// names that the open database does not have, for `kgraph query` and the shell
// alike. It reads the statement's tokens, so names inside strings and
// comments (`// kgraph build --db news.kg`) are never taken for property keys.
// Warnings only: the statement runs anyway.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "cli/shell_completion.h"

namespace kgraph::cli {

// One message per unknown name, in the order they appear, e.g.
// "the database has no label :Persn; did you mean :Person?". Labels after ':'
// in a node pattern or a label predicate (`n:Person`), relationship types
// after ':' or '|' in a relationship pattern, property keys after `var.`
// (not function or procedure names such as `algo.pageRank(`). Property keys
// are checked only when the vocabulary has some.
std::vector<std::string> unknownNameWarnings(std::string_view statement, const Vocabulary& known);

// The candidate closest to `word` by edit distance (ignoring case), if close
// enough to be a likely typo; empty otherwise.
std::string closestMatch(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace kgraph::cli
