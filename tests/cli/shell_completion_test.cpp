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

// Tab offered all 341 words everywhere; now what may stand there.
TEST(ShellCompletionTest, ContextDecidesWhatTabOffers) {
    using Kind = CompletionContext::Kind;
    EXPECT_EQ(completionContext("MATCH (p:Person) RETURN p.").kind, Kind::PropertyKey);
    EXPECT_EQ(completionContext("MATCH (p:").kind, Kind::Label);
    EXPECT_EQ(completionContext("MATCH (p) WHERE p:").kind, Kind::Label);
    EXPECT_EQ(completionContext("MATCH (p)-[:").kind, Kind::RelationshipType);
    EXPECT_EQ(completionContext("MATCH (p)<-[r:meet|").kind, Kind::RelationshipType);
    EXPECT_EQ(completionContext("RETURN [x IN [1] |").kind, Kind::Any);
    EXPECT_EQ(completionContext("MATCH (p {name:").kind, Kind::Any);
    EXPECT_EQ(completionContext(":").kind, Kind::MetaCommand);
    auto algo = completionContext("CALL algo.");
    EXPECT_EQ(algo.kind, Kind::Procedure);
    EXPECT_EQ(algo.prefix, "algo");
    auto name = completionContext("MATCH (p {name: 'Kassym-Jomart ");
    EXPECT_EQ(name.kind, Kind::EntityName);
    EXPECT_EQ(name.prefix, "Kassym-Jomart ");
    EXPECT_EQ(name.quote, '\'');
    // A closed string, or a quote in a comment, is not a string being typed.
    EXPECT_EQ(completionContext("MATCH (p {name: 'x'}) RETURN p.").kind, Kind::PropertyKey);
    EXPECT_EQ(completionContext("// it's\nMATCH (p:").kind, Kind::Label);
}

}  // namespace
}  // namespace kgraph::cli
