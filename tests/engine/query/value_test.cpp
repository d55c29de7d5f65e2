#include <gtest/gtest.h>

#include "engine/query/value.h"

namespace kgraph::query {
namespace {

TEST(ValueTest, FormatFloat) {
    struct Case {
        double d;
        const char* text;
    } cases[] = {{1.0, "1.0"},     {0.5, "0.5"},        {-2.25, "-2.25"},
                 {1e10, "1.0E10"}, {1.5e-5, "1.5E-5"},  {123456.789, "123456.789"},
                 {0.001, "0.001"}, {3.14159, "3.14159"}};
    for (const auto& c : cases) EXPECT_EQ(formatFloat(c.d), c.text) << c.d;
}

TEST(ValueTest, FormatComposite) {
    ValueMap m{{"k", Value("v")}, {"n", Value(int64_t{1})}};
    EXPECT_EQ(formatValue(Value(ValueList{Value(1), Value(2.0), Value()})), "[1, 2.0, null]");
    EXPECT_EQ(formatValue(Value(m)), "{k: 'v', n: 1}");
    NodeValue n;
    n.labels = {"L"};
    n.properties = m;
    EXPECT_EQ(formatValue(Value(n)), "(:L {k: 'v', n: 1})");
    NodeValue bare;
    EXPECT_EQ(formatValue(Value(bare)), "()");
    RelationshipValue r;
    r.type = "T";
    EXPECT_EQ(formatValue(Value(r)), "[:T]");
}

TEST(ValueTest, ThreeValuedEquality) {
    EXPECT_EQ(equals(Value(1), Value(1.0)), true);
    EXPECT_EQ(equals(Value(1), Value("1")), false);
    EXPECT_EQ(equals(Value(), Value(1)), std::nullopt);
    EXPECT_EQ(equals(Value(ValueList{Value(1), Value()}), Value(ValueList{Value(1), Value(2)})),
              std::nullopt);
    EXPECT_EQ(equals(Value(ValueList{Value(3), Value()}), Value(ValueList{Value(1), Value(2)})),
              false);
}

TEST(ValueTest, OrderAcrossTypes) {
    // maps < nodes < relationships < lists < paths < strings < booleans < numbers < null
    std::vector<Value> ordered = {
        Value(ValueMap{}),  Value(NodeValue{}), Value(RelationshipValue{}),
        Value(ValueList{}), Value(PathValue{}), Value("a"),
        Value(false),       Value(true),        Value(-1),
        Value(0.5),         Value(2),           Value()};
    for (size_t i = 0; i + 1 < ordered.size(); ++i) {
        EXPECT_LT(compareOrder(ordered[i], ordered[i + 1]), 0) << i;
    }
    EXPECT_EQ(compareValues(Value(1), Value("a")), std::nullopt);
}

}  // namespace
}  // namespace kgraph::query
