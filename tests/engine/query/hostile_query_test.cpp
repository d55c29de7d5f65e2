// Hostile queries (issue 17): names that could never be read back, inputs nested or chained
// deep enough to overflow the stack, and regular expressions that backtrack exponentially.
// Each must end in a clear error or a prompt answer, never a crash or a hang.
#include <gtest/gtest.h>

#include "engine/common/error.h"
#include "engine/query/query_engine.h"
#include "tests/temp_dir.h"

namespace kgraph::query {
namespace {

class HostileQueryTest : public ::testing::Test {
protected:
    void SetUp() override {
        store_ = storage::GraphStore::open(dir_.sub("db"));
        engine_ = std::make_unique<QueryEngine>(*store_);
    }
    std::string errorOf(const std::string& q, const Params& params = {}) {
        try {
            engine_->run(q, params);
        } catch (const Error& e) {
            return e.what();
        }
        return "";
    }
    Value one(const std::string& q) { return engine_->run(q).rows.at(0).at(0); }
    int64_t nodes() { return one("MATCH (n) RETURN count(n)").asInt(); }

    testing::TempDir dir_;
    std::unique_ptr<storage::GraphStore> store_;
    std::unique_ptr<QueryEngine> engine_;
};

std::string repeat(const std::string& s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += s;
    return out;
}

TEST_F(HostileQueryTest, EmptyLabelTypeOrKeyIsRefusedEverywhere) {
    engine_->run("CREATE (:Person {name: 'A'})");
    for (std::string q :
         {"CREATE (:``)", "CREATE ()-[:``]->()", "CREATE ({``: 1})", "CREATE ()-[:T {``: 1}]->()",
          "MERGE (:``)", "MERGE (n {``: 1})", "MATCH (n) SET n:``", "MATCH (n) SET n.`` = 1",
          "MATCH (n) SET n += {``: 1}", "MATCH (n) SET n = {``: 1}"}) {
        std::string msg = errorOf(q);
        EXPECT_NE(msg.find("empty"), std::string::npos) << q << " -> " << msg;
    }
    // A key that only exists at run time is stopped by the store.
    Params p;
    p["m"] = Value(ValueMap{{"", Value(int64_t{1})}});
    EXPECT_NE(errorOf("MATCH (n) SET n += $m", p).find("empty property key"), std::string::npos);
    EXPECT_NE(errorOf("CREATE (n) SET n = $m", p).find("empty property key"), std::string::npos);
    // Nothing was written and everything still reads.
    EXPECT_EQ(nodes(), 1);
    EXPECT_EQ(one("CALL db.labels() YIELD label RETURN count(*)").asInt(), 1);
    // Reading with an empty name is fine: it matches nothing.
    EXPECT_EQ(one("MATCH (n:``) RETURN count(n)").asInt(), 0);
}

TEST_F(HostileQueryTest, NestedCaseIsRefusedNotAStackOverflow) {
    std::string q =
        "RETURN " + repeat("CASE WHEN true THEN ", 1100) + "1" + repeat(" ELSE 0 END", 1100);
    EXPECT_NE(errorOf(q).find("nested too deeply"), std::string::npos);
    // A reasonable nesting still works.
    std::string ok =
        "RETURN " + repeat("CASE WHEN true THEN ", 50) + "1" + repeat(" ELSE 0 END", 50) + " AS x";
    EXPECT_EQ(one(ok).asInt(), 1);
    EXPECT_EQ(one("WITH {end: 2} AS r RETURN r.end").asInt(), 2);
}

TEST_F(HostileQueryTest, LongPropertyChainIsRefusedNotAStackOverflow) {
    std::string q = "WITH {a: 1} AS m RETURN m" + repeat(".a", 30000);
    EXPECT_NE(errorOf(q).find("too long"), std::string::npos);
    EXPECT_NE(errorOf("MATCH (m) SET m" + repeat(".a", 30000) + " = 1").find("too long"),
              std::string::npos);
    EXPECT_TRUE(one("WITH {a: {a: {a: 1}}} AS m RETURN m.a.a.a").asInt() == 1);
}

TEST_F(HostileQueryTest, LongIndexChainIsRefusedNotAStackOverflow) {
    std::string q = "RETURN [1]" + repeat("[0]", 30000);
    EXPECT_NE(errorOf(q).find("too long"), std::string::npos);
    EXPECT_NE(errorOf("RETURN 1" + repeat(" + 1", 30000)).find("too long"), std::string::npos);
    // Chains that fit run.
    EXPECT_EQ(one("RETURN [[[[7]]]][0][0][0][0]").asInt(), 7);
    EXPECT_EQ(one("RETURN 0" + repeat(" + 1", 1500)).asInt(), 1500);
}

TEST_F(HostileQueryTest, ManyCommaPatternsAreRefusedNotAStackOverflow) {
    std::string q = "MATCH (a0)";
    for (int i = 1; i < 10000; ++i) q += ", (a" + std::to_string(i) + ")";
    q += " RETURN count(*)";
    EXPECT_NE(errorOf(q).find("too large"), std::string::npos);
    // Up to the limit it runs (a product over an empty graph).
    std::string fits = "MATCH (a0)";
    for (int i = 1; i < 900; ++i) fits += ", (a" + std::to_string(i) + ")";
    EXPECT_EQ(one(fits + " RETURN count(*)").asInt(), 0);
    std::string chain = "MATCH (a0)";
    for (int i = 1; i < 900; ++i) chain += "-->(a" + std::to_string(i) + ")";
    EXPECT_EQ(one(chain + " RETURN count(*)").asInt(), 0);
}

TEST_F(HostileQueryTest, HugeQueryLiteralIsRefusedBeforeParsing) {
    // A 6.9 MB literal took 3.35 GB to parse.
    std::string q = "RETURN '" + std::string(7'000'000, 'x') + "' AS s";
    EXPECT_NE(errorOf(q).find("too long"), std::string::npos);
    // Large values go in as parameters.
    Params p;
    p["s"] = Value(std::string(7'000'000, 'x'));
    EXPECT_EQ(engine_->run("RETURN size($s) AS n", p).rows.at(0).at(0).asInt(), 7'000'000);
}

TEST_F(HostileQueryTest, RegexBacktrackingIsLinear) {
    // 40 characters: a backtracking engine would need about 2^40 steps.
    EXPECT_FALSE(one("RETURN '" + std::string(40, 'a') + "!' =~ '(a+)+$'").asBool());
    EXPECT_TRUE(one("RETURN '" + std::string(40, 'a') + "' =~ '(a+)+$'").asBool());
}

TEST_F(HostileQueryTest, RegexOnLongStringIsNotAStackOverflow) {
    std::string s = std::string(15000, 'a') + std::string(15000, 'b');
    EXPECT_TRUE(one("RETURN '" + s + "' =~ '(a|b)*'").asBool());
}

TEST_F(HostileQueryTest, RegexInlineFlagsWork) {
    EXPECT_TRUE(one("RETURN 'KAZAKHSTAN' =~ '(?i)kazakh.*'").asBool());
    EXPECT_FALSE(one("RETURN 'KAZAKHSTAN' =~ 'kazakh.*'").asBool());
    EXPECT_TRUE(one("RETURN 'a\\nb' =~ '(?s)a.b'").asBool());
    EXPECT_FALSE(one("RETURN 'a\\nb' =~ 'a.b'").asBool());
    EXPECT_TRUE(one("RETURN 'x\\nab' =~ '(?ms).*^ab$'").asBool());
    EXPECT_NE(errorOf("RETURN 'a' =~ '(a'").find("invalid regular expression"), std::string::npos);
}

}  // namespace
}  // namespace kgraph::query
