#include "engine/graph/graph_snapshot.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "engine/graph/snapshot_cache.h"
#include "tests/engine/graph/test_graph.h"

namespace kgraph::graph {
namespace {

using testing::TestGraph;

TEST(GraphSnapshotTest, HoldsEveryRelationshipOnce) {
    TestGraph t;
    t.add({"a", "b", "c"}, {{"a", "b"}, {"a", "b"}, {"b", "c"}, {"c", "c"}});
    GraphSnapshot g = t.snapshot();
    ASSERT_EQ(g.vertexCount(), 3u);
    EXPECT_EQ(g.edgeCount(), 4u);
    Vertex a = t.vertex(g, "a"), b = t.vertex(g, "b"), c = t.vertex(g, "c");
    EXPECT_LT(a, b);  // vertices in node-id order
    EXPECT_EQ(boost::out_degree(a, g.directed()), 2u);
    EXPECT_EQ(boost::out_degree(c, g.directed()), 1u);  // the self-loop
    // Undirected: each relationship from both ends, a self-loop once.
    const auto& u = g.undirected();
    EXPECT_EQ(boost::num_edges(u.graph), 7u);
    EXPECT_EQ(boost::out_degree(b, u.graph), 3u);
    std::vector<Vertex> in;
    g.forEachNeighbor(b, Direction::Incoming, [&](Vertex w, EdgeIndex) { in.push_back(w); });
    EXPECT_EQ(in, (std::vector<Vertex>{a, a}));
    std::vector<Vertex> loopIn;
    g.forEachNeighbor(c, Direction::Incoming, [&](Vertex w, EdgeIndex) { loopIn.push_back(w); });
    std::sort(loopIn.begin(), loopIn.end());
    EXPECT_EQ(loopIn, (std::vector<Vertex>{b, c}));  // a self-loop is incoming too
    EXPECT_FALSE(g.vertexOf(999999).has_value());
}

TEST(GraphSnapshotTest, ProjectionKeepsLabelledNodesAndChosenTypes) {
    TestGraph t;
    t.add({"a:Person", "b:Person", "c:Place", "d:Person"},
          {{"a", "b", "KNOWS"}, {"a", "c", "LIVES_IN"}, {"b", "d", "LIKES"}, {"d", "a", "KNOWS"}});
    GraphSnapshot people = t.snapshot({{"Person"}, {}, {}});
    EXPECT_EQ(people.vertexCount(), 3u);
    EXPECT_EQ(people.edgeCount(), 3u);  // a->c leaves the projection
    EXPECT_FALSE(people.vertexOf(t.id("c")));
    GraphSnapshot knows = t.snapshot({{}, {"KNOWS", "NO_SUCH_TYPE"}, {}});
    EXPECT_EQ(knows.vertexCount(), 4u);
    EXPECT_EQ(knows.edgeCount(), 2u);
    GraphSnapshot none = t.snapshot({{"NoSuchLabel"}, {}, {}});
    EXPECT_EQ(none.vertexCount(), 0u);
    EXPECT_EQ(none.edgeCount(), 0u);
}

// The algo.* procedures leave Documents out by default (excludeLabels), and with them the
// relationships to them.
TEST(GraphSnapshotTest, ExcludedLabelsLeaveTheirNodesAndRelationshipsOut) {
    TestGraph t;
    t.add({"a:Person", "b:Person", "d:Document"},
          {{"a", "b", "KNOWS"}, {"a", "d", "MENTIONED_IN"}, {"b", "d", "MENTIONED_IN"}});
    GraphSnapshot entities = t.snapshot({{}, {}, {"Document"}});
    EXPECT_EQ(entities.vertexCount(), 2u);
    EXPECT_EQ(entities.edgeCount(), 1u);
    EXPECT_FALSE(entities.vertexOf(t.id("d")));
    EXPECT_NE((Projection{{}, {}, {"Document"}}.key()), (Projection{{}, {}, {}}.key()));
}

TEST(GraphSnapshotTest, SparseNodeIdsAreFound) {
    // Two projected nodes far apart in id: vertexOf() searches instead of indexing.
    TestGraph t;
    std::vector<std::string> nodes = {"first:Far"};
    for (int i = 0; i < 30; ++i) nodes.push_back("n" + std::to_string(i));
    nodes.push_back("last:Far");
    t.add(nodes, {{"first", "last"}, {"n3", "last"}});
    GraphSnapshot g = t.snapshot({{"Far"}, {}, {}});
    ASSERT_EQ(g.vertexCount(), 2u);
    EXPECT_EQ(g.edgeCount(), 1u);
    EXPECT_EQ(g.vertexOf(t.id("first")), Vertex{0});
    EXPECT_EQ(g.vertexOf(t.id("last")), Vertex{1});
    EXPECT_FALSE(g.vertexOf(t.id("n3")));
    EXPECT_FALSE(g.vertexOf(t.id("last") + 1000));
}

TEST(GraphSnapshotTest, ProjectionKeyIgnoresOrderAndDuplicates) {
    EXPECT_EQ((Projection{{"B", "A", "A"}, {"T"}, {}}.key()),
              (Projection{{"A", "B"}, {"T"}, {}}.key()));
    EXPECT_NE((Projection{{"A"}, {}, {}}.key()), (Projection{{}, {"A"}, {}}.key()));
}

TEST(SnapshotCacheTest, ReusedUntilTheDatabaseChanges) {
    TestGraph t;
    t.add({"a", "b"}, {{"a", "b"}});
    auto before = snapshotCacheStats();
    std::shared_ptr<const GraphSnapshot> first, second, third;
    {
        auto txn = t.store().read();
        first = snapshotOf(*txn, {});
    }
    {
        auto txn = t.store().read();
        second = snapshotOf(*txn, {});
    }
    EXPECT_EQ(first, second);
    auto mid = snapshotCacheStats();
    EXPECT_EQ(mid.builds - before.builds, 1u);
    EXPECT_EQ(mid.hits - before.hits, 1u);
    t.add({"c"}, {{"b", "c"}});
    {
        auto txn = t.store().read();
        third = snapshotOf(*txn, {});
    }
    EXPECT_NE(third, first);
    EXPECT_EQ(third->vertexCount(), 3u);
    EXPECT_EQ(third->edgeCount(), 2u);
    EXPECT_EQ(first->vertexCount(), 2u);  // a snapshot in use stays valid
    EXPECT_EQ(snapshotCacheStats().builds - before.builds, 2u);
}

TEST(SnapshotCacheTest, WriteTransactionsGetTheirOwnSnapshot) {
    TestGraph t;
    t.add({"a"}, {});
    auto txn = t.store().write();
    txn->createNode({"N"}, {});
    auto s = snapshotOf(*txn, {});
    EXPECT_EQ(s->vertexCount(), 2u);  // sees its own uncommitted node
    auto again = snapshotOf(*txn, {});
    EXPECT_NE(s, again);
}

}  // namespace
}  // namespace kgraph::graph
