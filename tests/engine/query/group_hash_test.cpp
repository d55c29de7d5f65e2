#include "engine/query/execute/group_hash.h"

#include <gtest/gtest.h>

namespace kgraph::query {
namespace {

// groupHash/sameGroup must agree with groupKey(): equivalent values hash alike and are the
// same group; others are different groups.
TEST(GroupHashTest, AgreesWithGroupKey) {
    NodeValue n1;
    n1.id = 1;
    NodeValue n1b;
    n1b.id = 1;
    n1b.labels = {"L"};  // what is loaded does not matter: nodes group by id
    NodeValue n2;
    n2.id = 2;
    std::vector<Value> values = {Value(),
                                 Value(true),
                                 Value(false),
                                 Value(int64_t{1}),
                                 Value(1.0),
                                 Value(1.5),
                                 Value(-0.0),
                                 Value(int64_t{0}),
                                 Value("1"),
                                 Value(""),
                                 Value(ValueList{Value(int64_t{1}), Value("a")}),
                                 Value(ValueList{Value(1.0), Value("a")}),
                                 Value(ValueMap{{"k", Value(int64_t{2})}}),
                                 Value(n1),
                                 Value(n1b),
                                 Value(n2)};
    for (const auto& a : values) {
        for (const auto& b : values) {
            bool same = groupKey(a) == groupKey(b);
            EXPECT_EQ(sameGroup({a}, {b}), same) << formatValue(a) << " vs " << formatValue(b);
            if (same) {
                EXPECT_EQ(groupHash(a), groupHash(b)) << formatValue(a);
            }
        }
    }
    EXPECT_TRUE(sameGroup({Value(int64_t{2}), Value("x")}, {Value(2.0), Value("x")}));
    EXPECT_FALSE(sameGroup({Value(int64_t{2}), Value("x")}, {Value(int64_t{2}), Value("y")}));
    EXPECT_FALSE(sameGroup({Value(int64_t{2})}, {Value(int64_t{2}), Value("y")}));
    EXPECT_NE(groupHash(Value("a")), groupHash(Value("b")));
}

}  // namespace
}  // namespace kgraph::query
