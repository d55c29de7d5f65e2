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

// The database whose name index completes entity names inside quotes (not owned;
// nullptr: none).
void setCompletionStore(storage::GraphStore* store);

// What may stand where Tab was pressed, from the text before the word being
// completed (`statement`: the statement's earlier lines and the current line up to the word).
struct CompletionContext {
    enum class Kind {
        Any,               // keywords, functions, names, variables
        PropertyKey,       // after `var.`
        Label,             // after `(x:` or `n:`
        RelationshipType,  // after `[:` or `[r:` or `|` in a relationship pattern
        Procedure,         // after `algo.` (a procedure namespace)
        MetaCommand,       // `:` at the start of a statement
        EntityName,        // inside a quoted string: names from the name index
    } kind = Kind::Any;
    std::string prefix;  // EntityName: the string's text so far; Procedure: the namespace
    char quote = 0;      // EntityName: the quote that opened the string
};
CompletionContext completionContext(const std::string& statement);

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
