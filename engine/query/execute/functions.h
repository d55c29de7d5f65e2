// The built-in functions: one table row per function (execute/functions.cpp) holding its
// documented name, how many arguments it takes and its implementation. The binder resolves
// each call to its row once (ast::Expr::function) and checks the argument count against it;
// the evaluator calls the row's implementation without looking the name up again.
//
// To add a scalar function, write its implementation in functions.cpp and add its row to
// kFunctions there (docs/query-language.md, "Adding a function", shows one).
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/query/execute/context.h"
#include "engine/query/parse/ast.h"

namespace kgraph::query {

class Aggregator;  // execute/aggregator.h

// A scalar function: `args` are the evaluated arguments, as many as the row allows. Throws
// kgraph::Error on a runtime error (a wrong argument type: typeError()).
using ScalarFunction = Value (*)(std::vector<Value>& args, ExecContext& ctx);
// An aggregate function: a new, empty accumulator (DISTINCT wraps it, execute/aggregator.h).
using AggregatorFactory = std::unique_ptr<Aggregator> (*)();

struct FunctionInfo {
    const char* name;  // as documented, e.g. "toUpper"; calls match it ignoring case
    int minArgs;
    int maxArgs;                                 // -1: any number
    ScalarFunction scalar = nullptr;             // a scalar function's implementation
    AggregatorFactory makeAggregator = nullptr;  // an aggregate's accumulator
    // True (most functions): a null first argument gives null without calling `scalar`.
    bool nullGivesNull = true;
    // False for rand(): two calls with the same arguments may differ (not inside an
    // aggregate, not on several threads: threadSafeExpr()).
    bool deterministic = true;

    bool aggregate() const { return makeAggregator != nullptr; }
};

// The row for `name` (any case), or nullptr when there is no such function.
const FunctionInfo* findFunction(std::string_view name);

// The built-in function a misspelt or foreign name most likely means
// (toLowerCase -> toLower, lower -> toLower, sizee -> size), or empty.
std::string similarFunction(std::string_view name);

// Every built-in function, in catalog order (docs checks iterate over them).
std::span<const FunctionInfo> allFunctions();

// True if `e` is a call of the function documented as `name` (e.g. "count"). REQUIRES: bound.
bool isCallOf(const ast::Expr& e, std::string_view name);

// Calls scalar function `f` (REQUIRES: !f.aggregate()) on evaluated arguments.
inline Value callFunction(const FunctionInfo& f, std::vector<Value>& args, ExecContext& ctx) {
    if (f.nullGivesNull && !args.empty() && args[0].isNull()) return Value();
    return f.scalar(args, ctx);
}

// properties(v): the property map of a node, relationship or map.
Value propertiesOf(const Value& v, ExecContext& ctx);

}  // namespace kgraph::query
