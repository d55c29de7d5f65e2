// QueryEngine behaviour that data files cannot express: plans, streaming, atomicity.
#include <gtest/gtest.h>

#include "engine/common/error.h"
#include "engine/query/query_engine.h"
#include "storage/mention_record.h"
#include "tests/temp_dir.h"

namespace kgraph::query {
namespace {

class EngineTest : public ::testing::Test {
protected:
    void SetUp() override {
        store_ = storage::GraphStore::open(dir_.sub("db"));
        engine_ = std::make_unique<QueryEngine>(*store_);
    }
    int64_t count(const std::string& q) { return engine_->run(q).rows.at(0).at(0).asInt(); }

    testing::TempDir dir_;
    std::unique_ptr<storage::GraphStore> store_;
    std::unique_ptr<QueryEngine> engine_;
};

TEST_F(EngineTest, ExplainUsesNameIndex) {
    engine_->run(
        "CREATE (a:Person {name: 'A'}), (b:Person {name: 'B'}), (:City {name: 'C'}), "
        "(a)-[:KNOWS]->(b), (b)-[:KNOWS]->(a)");
    auto r = engine_->run("EXPLAIN MATCH (p:Person {name: 'A'})-[:KNOWS]->(q) RETURN q");
    ASSERT_TRUE(r.plan);
    EXPECT_NE(r.plan->find("NodeByNameIndex"), std::string::npos) << *r.plan;
    EXPECT_TRUE(r.rows.empty());
    r = engine_->run("EXPLAIN MATCH (p) WHERE p.name = $n RETURN p");
    EXPECT_NE(r.plan->find("NodeByNameIndex"), std::string::npos) << *r.plan;
    r = engine_->run("EXPLAIN MATCH (c:City) RETURN c");
    EXPECT_NE(r.plan->find("NodeByLabelScan"), std::string::npos) << *r.plan;
}

TEST_F(EngineTest, StartsFromTheSmallerLabel) {
    engine_->run("UNWIND range(1, 20) AS i CREATE (:Big {i: i})-[:T]->(:Big)");
    engine_->run("CREATE (:Small {i: 1})");
    auto r = engine_->run("EXPLAIN MATCH (a:Big)-[:T]->(b:Small) RETURN a");
    // The scan is the deepest operator: the last line of the plan but one (Once).
    EXPECT_NE(r.plan->find("NodeByLabelScan (b:Small)"), std::string::npos) << *r.plan;
}

TEST_F(EngineTest, RareRelationshipTypeStartsThePlan) {
    engine_->run("UNWIND range(1, 50) AS i CREATE (:N {i: i})-[:COMMON]->(:N)");
    engine_->run("MATCH (a:N {i: 1}), (b:N {i: 2}) CREATE (a)-[:RARE]->(b)");
    auto r = engine_->run("EXPLAIN MATCH (a)-[:RARE]->(b) RETURN a.i, b.i");
    EXPECT_NE(r.plan->find("RelationshipByTypeScan (a)-[:RARE]->(b)"), std::string::npos)
        << *r.plan;
    r = engine_->run("MATCH (a)-[:RARE]->(b) RETURN a.i, b.i");
    ASSERT_EQ(r.rows.size(), 1u);
    EXPECT_EQ(r.rows[0][0].asInt(), 1);
    EXPECT_EQ(r.rows[0][1].asInt(), 2);
    EXPECT_EQ(count("MATCH (a)-[:RARE]-(b) RETURN count(*)"), 2);
}

TEST_F(EngineTest, CountsComeFromStatistics) {
    engine_->run("UNWIND range(1, 5) AS i CREATE (:C)-[:T]->(:D)");
    auto r = engine_->run("PROFILE MATCH (c:C) RETURN count(c)");
    EXPECT_EQ(r.rows.at(0).at(0).asInt(), 5);
    EXPECT_NE(r.plan->find("CountFromStatistics (:C)"), std::string::npos) << *r.plan;
    r = engine_->run("EXPLAIN MATCH ()-[r:T]->() RETURN count(r)");
    EXPECT_NE(r.plan->find("CountFromStatistics ()-[:T]->()"), std::string::npos) << *r.plan;
    EXPECT_EQ(count("MATCH ()-[r:T]->() RETURN count(r)"), 5);
    r = engine_->run("EXPLAIN MATCH ()-[r]->() RETURN type(r) AS t, count(*) AS c ORDER BY c");
    EXPECT_NE(r.plan->find("CountByTypeFromStatistics"), std::string::npos) << *r.plan;
    // With a filter the store's counts do not answer.
    r = engine_->run("EXPLAIN MATCH (c:C) WHERE c.x = 1 RETURN count(c)");
    EXPECT_EQ(r.plan->find("CountFromStatistics"), std::string::npos) << *r.plan;
}

TEST_F(EngineTest, CountOfAHopComesFromTheDegree) {
    engine_->run("CREATE (a:A {name: 'a'}), (a)-[:T]->(:B), (a)-[:T]->(:B), (a)-[:U]->(:C)");
    auto r = engine_->run("PROFILE MATCH (x)-[r]->() RETURN x.name, count(r)");
    ASSERT_TRUE(r.plan);
    EXPECT_NE(r.plan->find("ExpandDegree (x)-[r]->()  [rows=1,"), std::string::npos) << *r.plan;
    ASSERT_EQ(r.rows.size(), 1u);
    EXPECT_EQ(r.rows[0][1].asInt(), 3);
    EXPECT_EQ(count("MATCH (x {name: 'a'})-[:T]->(y) RETURN count(y)"), 2);
    // What the far node or the relationship must be is checked per relationship: no shortcut.
    for (const char* q : {"EXPLAIN MATCH (x)-[r]->(:B) RETURN x.name, count(r)",
                          "EXPLAIN MATCH (x)-[r]->(y) RETURN y.name, count(r)",
                          "EXPLAIN MATCH (x)-[r]->() RETURN x.name, collect(type(r))",
                          "EXPLAIN MATCH (x)-[r]->() WHERE r.w = 1 RETURN count(r)",
                          "EXPLAIN MATCH ()-[q]->(x)-[r]->() RETURN count(r)"}) {
        r = engine_->run(q);
        EXPECT_EQ(r.plan->find("ExpandDegree"), std::string::npos) << q << "\n" << *r.plan;
    }
}

TEST_F(EngineTest, LimitStopsTheScan) {
    engine_->run("UNWIND range(1, 1000) AS i CREATE (:N {i: i})");
    auto r = engine_->run("PROFILE MATCH (n) RETURN n LIMIT 10");
    EXPECT_EQ(r.rows.size(), 10u);
    ASSERT_TRUE(r.plan);
    EXPECT_NE(r.plan->find("AllNodesScan (n)  [rows=10,"), std::string::npos) << *r.plan;
}

TEST_F(EngineTest, StreamingSinkCanStop) {
    engine_->run("UNWIND range(1, 100) AS i CREATE (:N {i: i})");
    int seen = 0;
    engine_->run("MATCH (n) RETURN n.i", {}, [&](const std::vector<Value>&) {
        ++seen;
        return seen < 5;
    });
    EXPECT_EQ(seen, 5);
}

TEST_F(EngineTest, FailingStatementChangesNothing) {
    engine_->run("CREATE (:N {i: 1})");
    EXPECT_THROW(engine_->run("MATCH (n) CREATE (:M) WITH n RETURN 1 / 0"), Error);
    EXPECT_EQ(count("MATCH (n) RETURN count(n)"), 1);
    EXPECT_THROW(engine_->run("CREATE (a:X)-[:T]->(b:X) WITH a DELETE a"), Error);
    EXPECT_EQ(count("MATCH (n) RETURN count(n)"), 1);
}

TEST_F(EngineTest, SeveralStatements) {
    auto r = engine_->run("CREATE (:A); CREATE (:A); MATCH (a:A) RETURN count(a) AS n");
    EXPECT_EQ(r.columns, std::vector<std::string>{"n"});
    EXPECT_EQ(r.rows.at(0).at(0).asInt(), 2);
}

TEST_F(EngineTest, ExplainShowsThePlanTree) {
    engine_->run(
        "CREATE (a:Person {name: 'A'}), (b:Person {name: 'B'}), (a)-[:KNOWS]->(b), "
        "(b)-[:KNOWS]->(a)");
    auto r = engine_->run(
        "EXPLAIN MATCH (p:Person {name: 'A'})-[r:KNOWS]->(q) WHERE q.age > 3 "
        "RETURN q.name ORDER BY q.name LIMIT 5");
    ASSERT_TRUE(r.plan);
    EXPECT_EQ(*r.plan,
              "Limit 5\n"
              "  Top q.name\n"
              "    Projection q.name\n"
              "      Filter q.age > 3\n"
              "        Expand (p)-[r:KNOWS]->(q)\n"
              "          NodeByNameIndex (p:Person {name: 'A'}) name='A'\n"
              "            Once\n");
}

TEST_F(EngineTest, EvidenceReadsMentionRecords) {
    engine_->run("CREATE (:Person {name: 'X'})-[:CALL]->(:Person {name: 'Y'})");
    auto id = engine_->run("MATCH ()-[r:CALL]->() RETURN id(r)").rows.at(0).at(0).asInt();
    {
        auto txn = store_->write();
        storage::Mention m;
        m.doc = "doc1";
        m.sentence = 3;
        m.begin = 10;
        m.end = 42;
        m.text = "X called Y.";
        txn->putAux(storage::AuxSpace::Mention, storage::mentionKey(id, 0),
                    storage::encodeMention(m));
        m.sentence = 5;
        txn->putAux(storage::AuxSpace::Mention, storage::mentionKey(id, 1),
                    storage::encodeMention(m));
        txn->commit();
    }
    auto r = engine_->run("MATCH ()-[r:CALL]->() RETURN evidence(r)");
    EXPECT_EQ(formatValue(r.rows.at(0).at(0)),
              "[{begin: 10, document: 'doc1', end: 42, sentence: 3, text: 'X called Y.'}, "
              "{begin: 10, document: 'doc1', end: 42, sentence: 5, text: 'X called Y.'}]");
}

TEST_F(EngineTest, RenderClause) {
    auto r = engine_->run("MATCH p = ()-->() RETURN p RENDER png TO 'g.png' LAYOUT neato");
    ASSERT_TRUE(r.render);
    EXPECT_EQ(r.render->format, "png");
    EXPECT_EQ(r.render->file, "g.png");
    EXPECT_EQ(r.render->layout, "neato");
    r = engine_->run("MATCH (n) RETURN n RENDER");
    ASSERT_TRUE(r.render);
    EXPECT_EQ(r.render->format, "svg");
    EXPECT_EQ(r.render->layout, "dot");
}

TEST_F(EngineTest, Parameters) {
    engine_->run("CREATE (:P {name: 'x', n: 1})");
    Params p{{"name", Value("x")}};
    auto r = engine_->run("MATCH (a:P {name: $name}) RETURN a.n", p);
    ASSERT_EQ(r.rows.size(), 1u);
    EXPECT_THROW(engine_->run("RETURN $missing"), Error);
}

TEST_F(EngineTest, SemanticErrorsNameTheCulprit) {
    struct Case {
        const char* query;
        const char* message;
    } cases[] = {
        {"MATCH (n) RETURN m", "variable `m` is not defined"},
        {"RETURN nosuch(1)", "unknown function: nosuch()"},
        {"RETURN toUpper('a', 'b')", "function toUpper() takes 1 argument(s), got 2"},
        {"MATCH (n) WHERE count(n) > 1 RETURN n", "aggregate functions are not allowed in WHERE"},
        {"RETURN count(count(1))", "aggregate functions cannot be nested"},
        {"MATCH (n) WITH n.x RETURN 1", "expression in WITH must be aliased"},
        {"RETURN 1 AS a, 2 AS a", "multiple result columns with the same name: a"},
        {"MATCH (n) RETURN n MATCH (m) RETURN m", "MATCH cannot follow RETURN"},
        {"MATCH (n)", "a query cannot end with MATCH"},
        {"CALL db.nothing()", "unknown procedure: db.nothing"},
        {"CREATE (a)-[:T]-(b)", "CREATE needs a relationship direction"},
        {"CREATE (a)-->(b)", "CREATE needs exactly one relationship type"},
        {"RETURN 1 AS x UNION RETURN 2 AS y", "same column names"},
    };
    for (const auto& c : cases) {
        try {
            engine_->run(c.query);
            ADD_FAILURE() << "no error for " << c.query;
        } catch (const Error& e) {
            EXPECT_NE(std::string(e.what()).find(c.message), std::string::npos) << c.query << "\n"
                                                                                << e.what();
            EXPECT_NE(std::string(e.what()).find("^"), std::string::npos) << e.what();
        }
    }
}

}  // namespace
}  // namespace kgraph::query
