// Expression evaluation over one row, with openCypher semantics: three-valued logic, null
// propagation, integer arithmetic with overflow errors, float arithmetic per IEEE 754.
#pragma once

#include "engine/query/execute/context.h"
#include "engine/query/parse/ast.h"

namespace kgraph::query {

// Evaluates `e` over `row`. The row is mutable because comprehension variables are stored in
// their slots while the comprehension runs. Throws kgraph::Error on a runtime error.
Value evaluate(const ast::Expr& e, Row& row, ExecContext& ctx);

// True only for the boolean true (null and false are not), as WHERE wants.
inline bool isTrue(const Value& v) { return v.isBool() && v.asBool(); }

// Arithmetic and the other binary operators that are not boolean connectives.
Value binaryOp(ast::Op op, const Value& a, const Value& b);

// A runtime type error naming what was expected and what came.
[[noreturn]] void typeError(const std::string& where, const std::string& expected,
                            const Value& got);

// Throws if `v` is a node or relationship this statement deleted.
void checkNotDeleted(const Value& v, ExecContext& ctx, const std::string& what);

// True if evaluating `e` (null: nothing) on several threads at once, each with its own
// ExecContext, gives what one thread would: no rand(), no pattern predicate or comprehension
// (they run sub-plans). See Operator::threadSafe().
bool threadSafeExpr(const ast::Expr* e);

// Node/relationship property or map entry; null for null.
Value propertyOf(const Value& v, const std::string& key, ExecContext& ctx);

}  // namespace kgraph::query
