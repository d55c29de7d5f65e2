// Binder: semantic checks and variable resolution.
//
// Walks each query of a statement clause by clause, keeping the scope of visible
// variables. It
//   - rejects unknown variables, redeclared variables, variables of the wrong kind,
//     aggregates outside WITH/RETURN or nested in one another, unknown functions and
//     procedures and wrong argument counts, misplaced clauses, WITH items without an alias,
//     UNION parts with different columns;
//   - gives every variable (named or anonymous) a slot of the execution row and writes it into
//     the AST (`slot` fields), so that the planner and the evaluator never look names up.
// Errors throw kgraph::Error "semantic error at line L, column C: ..." with a caret display.
#pragma once

#include <string_view>

#include "engine/query/parse/ast.h"

namespace kgraph::query {

// `text` is the whole script the statement was parsed from (for error displays).
void bindStatement(ast::Statement& statement, std::string_view text);

// True if the expression contains an aggregate function call (not inside a nested query).
bool containsAggregate(const ast::Expr& e);

// True if the clause kind changes the graph.
bool isUpdating(ast::ClauseKind k);

}  // namespace kgraph::query
