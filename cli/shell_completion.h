// Tab completion for the shell: keywords, the engine's function and
// procedure names, meta-commands, the open database's labels, relationship
// types and property keys, and the variables of the statement being typed.
// libedit's completion callback has no user-data pointer, so the words live
// in this file's globals (one shell per process).
#pragma once

#include <string>
#include <vector>

#include "storage/graph_store.h"

namespace kgraph::cli {

// What the open database names: labels, relationship types and property keys
// (sampled from the first 2,000 nodes and relationships; the store keeps no
// property-key statistics). For completion and "did you mean".
struct Vocabulary {
    std::vector<std::string> labels, types, keys;
};

Vocabulary readVocabulary(storage::GraphStore& store);

// The words Tab offers from now on.
void setCompletionWords(const Vocabulary& v, const std::vector<std::string>& metaCommands);

// The lines of the statement typed before the current one (their variables complete too).
void setStatementSoFar(const std::string& text);

// libedit's rl_attempted_completion_function.
char** completeWord(const char* text, int start, int end);

// Variables the statement introduces: names right after '(' or '[' (pattern
// variables), after AS (WITH/RETURN/UNWIND), and before '=' (path variables).
std::vector<std::string> statementVariables(const std::string& text);

inline bool isIdentifierStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
inline bool isIdentifierChar(char c) { return isIdentifierStart(c) || (c >= '0' && c <= '9'); }

}  // namespace kgraph::cli
