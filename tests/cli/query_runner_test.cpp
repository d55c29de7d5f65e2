#include "cli/query_runner.h"

#include <gtest/gtest.h>

#include "engine/common/error.h"

namespace kgraph::cli {
namespace {

TEST(QueryRunnerTest, MayWriteSeesWriteKeywordsOutsideStringsAndComments) {
    const std::vector<std::pair<std::string, bool>> cases = {
        {"MATCH (n) RETURN n", false},
        {"match (n) set n.x = 1", true},
        {"CREATE (:Person {name: 'x'})", true},
        {"MATCH (n) WHERE n.name = 'CREATE' RETURN n", false},
        {"MATCH (n) // DELETE n\nRETURN n", false},
        {"MATCH (n) /* MERGE */ RETURN n", false},
        {"MATCH (n) DETACH DELETE n", true},
        {"MATCH (n) RETURN n.offset", false},
    };
    for (const auto& [q, want] : cases) EXPECT_EQ(mayWrite(q), want) << q;
}

TEST(QueryRunnerTest, ParamsAreLiteralsOrStrings) {
    auto [n1, v1] = parseParam("limit=10");
    EXPECT_EQ(n1, "limit");
    EXPECT_EQ(v1, query::Value(int64_t{10}));
    auto [n2, v2] = parseParam("name='Wang Yi'");
    EXPECT_EQ(v2, query::Value("Wang Yi"));
    auto [n3, v3] = parseParam("name=Wang Yi");
    EXPECT_EQ(v3, query::Value("Wang Yi"));
    EXPECT_THROW(parseParam("novalue"), Error);
}

}  // namespace
}  // namespace kgraph::cli
