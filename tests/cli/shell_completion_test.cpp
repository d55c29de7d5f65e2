#include "cli/shell_completion.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace kgraph::cli {
namespace {

TEST(ShellCompletionTest, StatementVariablesFromPatternsAsAndPathAssignments) {
    auto vars = statementVariables(
        "MATCH p = (someone:Person {name: 'x AS y'})-[r:visit]->(c)\n"
        "WITH someone, count(r) AS visits UNWIND [1] AS n RETURN c.name");
    for (const char* v : {"p", "someone", "r", "c", "visits", "n"})
        EXPECT_NE(std::find(vars.begin(), vars.end(), v), vars.end()) << v;
    // Labels, property keys and words inside strings are not variables.
    for (const char* v : {"Person", "name", "y", "visit"})
        EXPECT_EQ(std::find(vars.begin(), vars.end(), v), vars.end()) << v;
}

}  // namespace
}  // namespace kgraph::cli
