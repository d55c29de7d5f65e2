// Parser: query text -> AST.
//
// parseScript() parses one or more ';'-separated statements. A syntax error throws
// kgraph::Error whose message names the line and column (0-based offset in the line) of the
// offending token and shows the query line with a caret under it:
//
//   syntax error at line 1, column 10: mismatched input 'RETRN' ...
//   MATCH (n) RETRN n
//             ^
//
// This is the only entry into the ANTLR-generated code; nothing it returns holds an ANTLR type.
#pragma once

#include <string_view>
#include <vector>

#include "engine/query/parse/ast.h"

namespace kgraph::query {

std::vector<ast::Statement> parseScript(std::string_view text);

// Parses a lone expression (e.g. "[1, 'a']"); throws kgraph::Error on a syntax error.
ast::ExprPtr parseExpression(std::string_view text);

// The message of a user error located in `text`: "<what> at line L, column C: <message>",
// then the line and a caret under column C. `pos.column` counts from 0 (ANTLR's); the
// message counts from 1, as editors do.
std::string locatedMessage(std::string_view what, std::string_view text, ast::Position pos,
                           std::string_view message);

}  // namespace kgraph::query
