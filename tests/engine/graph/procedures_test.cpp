// The algo.* and db.* procedures through the query language: composition with
// MATCH/WITH/RETURN, options, projections and error messages.
#include <gtest/gtest.h>

#include "engine/common/error.h"
#include "engine/graph/snapshot_cache.h"
#include "engine/query/query_engine.h"
#include "tests/temp_dir.h"

namespace kgraph::query {
namespace {

class ProceduresTest : public ::testing::Test {
protected:
    void SetUp() override {
        store_ = storage::GraphStore::open(dir_.sub("db"));
        engine_ = std::make_unique<QueryEngine>(*store_);
        // Two people who know each other and a hub city; a separate pair of organisations.
        engine_->run(
            "CREATE (a:Person {name: 'Ann'}), (b:Person {name: 'Bob'}), "
            "(c:Person {name: 'Cid'}), (k:City {name: 'Kyiv'}), "
            "(o:Org {name: 'Oil'}), (p:Org {name: 'Pipe'}), "
            "(a)-[:KNOWS {confidence: 0.9}]->(b), (b)-[:KNOWS {confidence: 0.9}]->(c), "
            "(a)-[:KNOWS {confidence: 0.5}]->(c), "
            "(a)-[:LIVES_IN]->(k), (b)-[:LIVES_IN]->(k), (c)-[:LIVES_IN]->(k), "
            "(o)-[:OWNS]->(p)");
    }
    std::vector<std::vector<Value>> rows(const std::string& q) { return engine_->run(q).rows; }
    std::string error(const std::string& q) {
        try {
            engine_->run(q);
        } catch (const Error& e) {
            return e.what();
        }
        return "(no error)";
    }

    kgraph::testing::TempDir dir_;
    std::unique_ptr<storage::GraphStore> store_;
    std::unique_ptr<QueryEngine> engine_;
};

TEST_F(ProceduresTest, PageRankYieldsRealNodes) {
    auto r = rows(
        "CALL algo.pageRank() YIELD node, score "
        "RETURN node.name AS name, labels(node) AS l, score ORDER BY score DESC, name LIMIT 2");
    ASSERT_EQ(r.size(), 2u);
    EXPECT_EQ(r[0][0].asString(), "Kyiv");
    EXPECT_EQ(r[0][1].asList().at(0).asString(), "City");
    EXPECT_GT(r[0][2].asFloat(), r[1][2].asFloat());
    auto sum = rows(
        "CALL algo.pageRank({iterations: 100, tolerance: 0}) YIELD score "
        "RETURN sum(score)");
    EXPECT_NEAR(sum[0][0].asFloat(), 1.0, 1e-12);
}

// The docs' own example ranked Documents first (name null): they and MENTIONED_IN are left
// out unless `documents: true`.
TEST_F(ProceduresTest, DocumentsAreLeftOutUnlessAsked) {
    engine_->run(
        "MATCH (p:Person) CREATE (d:Document {title: 'Report on ' + p.name}) "
        "CREATE (p)-[:MENTIONED_IN]->(d)");
    engine_->run(
        "MATCH (d:Document {title: 'Report on Ann'}) "
        "CREATE (:Person {name: 'Dee'})-[:MENTIONED_IN]->(d)");
    auto top = rows(
        "CALL algo.pageRank() YIELD node, score "
        "RETURN labels(node)[0] AS l, count(*) AS n ORDER BY l");
    for (const auto& row : top) EXPECT_NE(row[0].asString(), "Document");
    auto all = rows(
        "CALL algo.pageRank({documents: true}) YIELD node, score "
        "RETURN node.title IS NOT NULL AS doc, count(*) AS n ORDER BY doc");
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[1][1].asInt(), 3);  // the three Documents, when asked for
    auto degree = rows("CALL algo.degree() YIELD node, score WHERE node.name = 'Dee' RETURN score");
    ASSERT_EQ(degree.size(), 1u);
    EXPECT_EQ(degree[0][0].asFloat(), 0.0);  // its only relationships are MENTIONED_IN
    auto docs = rows("CALL algo.degree({labels: ['Document']}) YIELD node RETURN count(node)");
    EXPECT_EQ(docs[0][0].asInt(), 3);  // named in labels: projected
    auto mentioned = rows(
        "CALL algo.degree({relationshipTypes: ['MENTIONED_IN']}) YIELD node, score "
        "WHERE node.name = 'Dee' RETURN score");
    EXPECT_EQ(mentioned[0][0].asFloat(), 1.0);  // MENTIONED_IN asked for: documents come along
}

TEST_F(ProceduresTest, ComposesWithMatch) {
    // Where does the most central person live?
    auto r = rows(
        "CALL algo.degree({labels: ['Person'], direction: 'outgoing'}) YIELD node, score "
        "WITH node, score ORDER BY score DESC LIMIT 1 "
        "MATCH (node)-[:LIVES_IN]->(city) RETURN node.name, score, city.name");
    ASSERT_EQ(r.size(), 1u);
    EXPECT_EQ(r[0][0].asString(), "Ann");
    EXPECT_EQ(r[0][1].asFloat(), 2.0);  // the LIVES_IN relationship leaves the projection
    EXPECT_EQ(r[0][2].asString(), "Kyiv");
    // A procedure called once per input row.
    auto n = rows(
        "MATCH (p:Person) CALL algo.neighborhood(p, 1, {relationshipTypes: ['KNOWS']}) "
        "YIELD node, distance WHERE distance = 1 RETURN p.name, count(node) ORDER BY p.name");
    ASSERT_EQ(n.size(), 3u);
    EXPECT_EQ(n[0][1].asInt(), 2);
}

TEST_F(ProceduresTest, Components) {
    auto r = rows(
        "CALL algo.weaklyConnectedComponents() YIELD componentId "
        "RETURN componentId, count(*) AS n ORDER BY n DESC");
    ASSERT_EQ(r.size(), 2u);
    EXPECT_EQ(r[0][1].asInt(), 4);
    EXPECT_EQ(r[1][1].asInt(), 2);
    auto s = rows(
        "CALL algo.stronglyConnectedComponents() YIELD componentId RETURN count(DISTINCT "
        "componentId)");
    EXPECT_EQ(s[0][0].asInt(), 6);
    // The component id is the smallest node id of the component.
    auto id = rows(
        "MATCH (o:Org {name: 'Oil'}) CALL algo.weaklyConnectedComponents() "
        "YIELD node, componentId WHERE node = o RETURN componentId = id(o)");
    EXPECT_TRUE(id[0][0].asBool());
}

TEST_F(ProceduresTest, ShortestPathWithAWeightExpression) {
    auto hop = rows(
        "MATCH (a {name: 'Ann'}), (c {name: 'Cid'}) "
        "CALL algo.shortestPath(a, c, {relationshipTypes: ['KNOWS']}) YIELD path, cost "
        "RETURN length(path), cost, [n IN nodes(path) | n.name]");
    ASSERT_EQ(hop.size(), 1u);
    EXPECT_EQ(hop[0][0].asInt(), 1);
    EXPECT_EQ(hop[0][1].asFloat(), 1.0);
    auto sure = rows(
        "MATCH (a {name: 'Ann'}), (c {name: 'Cid'}) "
        "CALL algo.shortestPath(a, c, {relationshipTypes: ['KNOWS'], weight: '1 - confidence'}) "
        "YIELD path, cost RETURN [n IN nodes(path) | n.name], cost, "
        "[r IN relationships(path) | type(r)]");
    ASSERT_EQ(sure.size(), 1u);
    ASSERT_EQ(sure[0][0].asList().size(), 3u);
    EXPECT_EQ(sure[0][0].asList()[1].asString(), "Bob");
    EXPECT_NEAR(sure[0][1].asFloat(), 0.2, 1e-12);
    EXPECT_EQ(sure[0][2].asList()[0].asString(), "KNOWS");
    // No path: no row.
    EXPECT_TRUE(rows("MATCH (a {name: 'Ann'}), (o {name: 'Oil'}) "
                     "CALL algo.shortestPath(a, o) YIELD path RETURN path")
                    .empty());
    // A relationship without the property.
    EXPECT_NE(error("MATCH (a {name: 'Ann'}), (k {name: 'Kyiv'}) "
                    "CALL algo.shortestPath(a, k, {weight: 'confidence'}) YIELD cost RETURN cost")
                  .find("defaultWeight"),
              std::string::npos);
    auto dflt = rows(
        "MATCH (a {name: 'Ann'}), (k {name: 'Kyiv'}) "
        "CALL algo.shortestPath(a, k, {weight: 'confidence', defaultWeight: 3}) YIELD cost "
        "RETURN cost");
    EXPECT_NEAR(dflt[0][0].asFloat(), 3.0, 1e-12);
    EXPECT_NE(error("MATCH (a {name: 'Ann'}), (c {name: 'Cid'}) "
                    "CALL algo.shortestPath(a, c, {weight: '0 - confidence'}) YIELD cost "
                    "RETURN cost")
                  .find(">= 0"),
              std::string::npos);
}

TEST_F(ProceduresTest, BetweennessAndJaccard) {
    auto b = rows(
        "CALL algo.betweenness() YIELD node, score RETURN node.name, score "
        "ORDER BY score DESC, node.name LIMIT 1");
    // Kyiv and the KNOWS triangle: nobody is strictly between two others.
    EXPECT_EQ(b[0][1].asFloat(), 0.0);
    auto j = rows(
        "MATCH (a {name: 'Ann'}) CALL algo.jaccard(a, {limit: 5}) YIELD other, similarity "
        "RETURN other.name, similarity ORDER BY similarity DESC, other.name");
    // N(Ann) = {Bob, Cid, Kyiv}; N(Bob) = {Ann, Cid, Kyiv}: 2/4; N(Cid) likewise;
    // N(Kyiv) = {Ann, Bob, Cid}: 2/4.
    ASSERT_EQ(j.size(), 3u);
    for (const auto& row : j) EXPECT_DOUBLE_EQ(row[1].asFloat(), 0.5);
}

TEST_F(ProceduresTest, CatalogProcedures) {
    auto list = rows("CALL algo.list() YIELD name RETURN collect(name)");
    const auto& names = list[0][0].asList();
    EXPECT_GE(names.size(), 13u);
    EXPECT_EQ(names.front().asString(), "algo.betweenness");
    auto keys = rows("CALL db.propertyKeys() YIELD propertyKey RETURN collect(propertyKey)");
    ASSERT_EQ(keys[0][0].asList().size(), 2u);
    EXPECT_EQ(keys[0][0].asList()[0].asString(), "confidence");
    EXPECT_EQ(keys[0][0].asList()[1].asString(), "name");
    EXPECT_EQ(rows("CALL db.labels()").size(), 3u);
}

TEST_F(ProceduresTest, BadOptionsAndArguments) {
    std::string e = error("CALL algo.pageRank({iteration: 5}) YIELD node RETURN node");
    EXPECT_NE(e.find("unknown option 'iteration'"), std::string::npos) << e;
    EXPECT_NE(e.find("dampingFactor, documents, iterations, labels, relationshipTypes, tolerance"),
              std::string::npos)
        << e;
    e = error("CALL algo.pageRank({dampingFactor: 2}) YIELD node RETURN node");
    EXPECT_NE(e.find("dampingFactor must be a number from 0.0 to 1.0"), std::string::npos) << e;
    e = error("CALL algo.degree({direction: 'up'}) YIELD node RETURN node");
    EXPECT_NE(e.find("'outgoing', 'incoming' or 'both'"), std::string::npos) << e;
    e = error(
        "CALL algo.degree({labels: 'Person', relationshipTypes: [1]}) YIELD node RETURN node");
    EXPECT_NE(e.find("relationshipTypes must be a list of names"), std::string::npos) << e;
    e = error("CALL algo.weaklyConnectedComponents(5) YIELD node RETURN node");
    EXPECT_NE(e.find("the options must be a map"), std::string::npos) << e;
    e = error("CALL algo.pageRank({iterations: 0}) YIELD node RETURN node");
    EXPECT_NE(e.find("iterations must be an integer from 1 to 1000000, got 0"), std::string::npos)
        << e;
    e = error("MATCH (a) CALL algo.jaccard(a, {limit: 0}) YIELD other RETURN other");
    EXPECT_NE(e.find("limit must be an integer >= 1"), std::string::npos) << e;
    e = error("CALL algo.pageRank(1, 2) YIELD node RETURN node");
    EXPECT_NE(e.find("takes 0 to 1 argument(s), got 2"), std::string::npos) << e;
    e = error("CALL algo.neighborhood('Ann', 1) YIELD node RETURN node");
    EXPECT_NE(e.find("must be a node"), std::string::npos) << e;
    e = error("CALL algo.shortestPath YIELD path RETURN path");
    EXPECT_NE(e.find("needs arguments"), std::string::npos) << e;
    e = error("CALL algo.pageRank() YIELD rank RETURN rank");
    EXPECT_NE(e.find("has no output rank"), std::string::npos) << e;
}

TEST_F(ProceduresTest, SnapshotReusedUntilAWrite) {
    rows("CALL algo.pageRank() YIELD score RETURN count(*)");
    auto before = graph::snapshotCacheStats();
    rows("CALL algo.degree() YIELD score RETURN count(*)");
    auto after = graph::snapshotCacheStats();
    EXPECT_EQ(after.builds, before.builds);
    EXPECT_EQ(after.hits, before.hits + 1);
    engine_->run("CREATE (:Person {name: 'Dee'})");
    auto r = rows("CALL algo.degree() YIELD score RETURN count(*)");
    EXPECT_EQ(r[0][0].asInt(), 7);
    EXPECT_EQ(graph::snapshotCacheStats().builds, after.builds + 1);
}

}  // namespace
}  // namespace kgraph::query
