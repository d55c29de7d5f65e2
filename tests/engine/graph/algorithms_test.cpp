// Each algorithm on graphs small enough to work out by hand.
#include <gtest/gtest.h>

#include "engine/common/error.h"
#include "engine/graph/betweenness.h"
#include "engine/graph/components.h"
#include "engine/graph/degree.h"
#include "engine/graph/jaccard.h"
#include "engine/graph/neighborhood.h"
#include "engine/graph/page_rank.h"
#include "engine/graph/shortest_path.h"
#include "engine/graph/weight_expression.h"
#include "tests/engine/graph/test_graph.h"

namespace kgraph::graph {
namespace {

using testing::TestGraph;

TEST(PageRankTest, TwoLeavesPointingAtADanglingHub) {
    // a -> c <- b; c has no outgoing link, so its rank is spread over all three nodes.
    // With damping 0.85 the fixed point solves c = 2a + ..., 2a + c = 1: a = b = 10/47,
    // c = 27/47.
    TestGraph t;
    t.add({"a", "b", "c"}, {{"a", "c"}, {"b", "c"}});
    GraphSnapshot g = t.snapshot();
    auto r = pageRank(g, {1000, 0.85, 1e-15, {}});
    EXPECT_TRUE(r.converged);
    EXPECT_NEAR(r.scores[t.vertex(g, "a")], 10.0 / 47, 1e-12);
    EXPECT_NEAR(r.scores[t.vertex(g, "b")], 10.0 / 47, 1e-12);
    EXPECT_NEAR(r.scores[t.vertex(g, "c")], 27.0 / 47, 1e-12);
}

TEST(PageRankTest, CancellationStopsWithinOneRound) {
    TestGraph t;
    t.add({"a", "b", "c"}, {{"a", "b"}, {"b", "c"}});
    GraphSnapshot g = t.snapshot();
    int rounds = 0;
    PageRankOptions o{1000, 0.85, 0, {}};
    o.checkCancelled = [&] {
        if (++rounds == 3) throw Error("query cancelled");
    };
    EXPECT_THROW(pageRank(g, o), Error);
    EXPECT_EQ(rounds, 3);
}

TEST(PageRankTest, CycleIsUniformAndIterationsAreCapped) {
    TestGraph t;
    t.add({"a", "b", "c", "d"}, {{"a", "b"}, {"b", "c"}, {"c", "d"}, {"d", "a"}});
    GraphSnapshot g = t.snapshot();
    auto r = pageRank(g, {20, 0.85, 1e-6, {}});
    for (double s : r.scores) EXPECT_DOUBLE_EQ(s, 0.25);
    EXPECT_EQ(r.iterations, 1);  // already at the fixed point
    // A chain never settles in 2 rounds.
    TestGraph chain;
    chain.add({"a", "b", "c"}, {{"a", "b"}, {"b", "c"}});
    GraphSnapshot h = chain.snapshot();
    auto capped = pageRank(h, {2, 0.85, 0.0, {}});
    EXPECT_EQ(capped.iterations, 2);
    EXPECT_FALSE(capped.converged);
    double sum = 0;
    for (double s : capped.scores) sum += s;
    EXPECT_NEAR(sum, 1.0, 1e-12);
}

TEST(PageRankTest, ParallelRelationshipsCountEach) {
    // a -> b twice, a -> c once: b gets two thirds of a's share.
    TestGraph t;
    t.add({"a", "b", "c"}, {{"a", "b"}, {"a", "b"}, {"a", "c"}});
    GraphSnapshot g = t.snapshot();
    auto r = pageRank(g, {1, 0.85, 0.0, {}});
    double n = 3, a = 1 / n;
    double base = (0.85 * (2 * a) + 0.15) / n;  // b and c dangle
    EXPECT_NEAR(r.scores[t.vertex(g, "b")], base + 0.85 * a * 2 / 3, 1e-15);
    EXPECT_NEAR(r.scores[t.vertex(g, "c")], base + 0.85 * a / 3, 1e-15);
}

// Ctrl-C could not stop algo.betweenness on a big graph: it checks once per source now.
TEST(BetweennessTest, CancellationStopsWithinOneSource) {
    TestGraph t;
    t.add({"a", "b", "c", "d"}, {{"a", "b"}, {"b", "c"}, {"c", "d"}});
    GraphSnapshot g = t.snapshot();
    int calls = 0;
    BetweennessOptions o;
    o.checkCancelled = [&] {
        if (++calls == 2) throw Error("query cancelled");
    };
    EXPECT_THROW(betweenness(g, o), Error);
    EXPECT_EQ(calls, 2);
    o.checkCancelled = [&] { ++calls; };
    calls = 0;
    auto s = betweenness(g, o);
    EXPECT_EQ(calls, 4);
    EXPECT_DOUBLE_EQ(s[t.vertex(g, "b")], 2);
}

TEST(BetweennessTest, PathAndStar) {
    // a - b - c - d: b is between (a,c) and (a,d); c between (a,d) and (b,d).
    TestGraph t;
    t.add({"a", "b", "c", "d"}, {{"a", "b"}, {"b", "c"}, {"d", "c"}, {"a", "b"}});
    GraphSnapshot g = t.snapshot();
    auto s = betweenness(g, {});
    EXPECT_DOUBLE_EQ(s[t.vertex(g, "a")], 0);
    EXPECT_DOUBLE_EQ(s[t.vertex(g, "b")], 2);
    EXPECT_DOUBLE_EQ(s[t.vertex(g, "c")], 2);
    EXPECT_DOUBLE_EQ(s[t.vertex(g, "d")], 0);
    // Normalised by (n-1)(n-2)/2 = 3 pairs.
    auto norm = betweenness(g, {false, true, {}});
    EXPECT_DOUBLE_EQ(norm[t.vertex(g, "b")], 2.0 / 3);
    // Directed: d -> c breaks the chain after c; only a -> b -> c passes b.
    auto directed = betweenness(g, {true, false, {}});
    EXPECT_DOUBLE_EQ(directed[t.vertex(g, "b")], 1);
    EXPECT_DOUBLE_EQ(directed[t.vertex(g, "c")], 0);

    TestGraph star;
    star.add({"hub", "x", "y", "z"}, {{"hub", "x"}, {"y", "hub"}, {"hub", "z"}, {"hub", "hub"}});
    GraphSnapshot h = star.snapshot();
    auto st = betweenness(h, {});
    EXPECT_DOUBLE_EQ(st[star.vertex(h, "hub")], 3);  // the pairs of x, y, z
    EXPECT_DOUBLE_EQ(st[star.vertex(h, "x")], 0);
}

TEST(BetweennessTest, SplitsOverEqualPaths) {
    // Two shortest a-d paths, through b and through c: each carries half.
    TestGraph t;
    t.add({"a", "b", "c", "d"}, {{"a", "b"}, {"a", "c"}, {"b", "d"}, {"c", "d"}});
    GraphSnapshot g = t.snapshot();
    auto s = betweenness(g, {});
    EXPECT_DOUBLE_EQ(s[t.vertex(g, "b")], 0.5);
    EXPECT_DOUBLE_EQ(s[t.vertex(g, "c")], 0.5);
}

TEST(DegreeTest, Directions) {
    TestGraph t;
    t.add({"a", "b", "c"}, {{"a", "b"}, {"a", "b"}, {"b", "c"}, {"c", "c"}});
    GraphSnapshot g = t.snapshot();
    Vertex a = t.vertex(g, "a"), b = t.vertex(g, "b"), c = t.vertex(g, "c");
    auto out = degrees(g, Direction::Outgoing);
    auto in = degrees(g, Direction::Incoming);
    auto both = degrees(g, Direction::Both);
    EXPECT_EQ(out[a], 2u);
    EXPECT_EQ(in[a], 0u);
    EXPECT_EQ(in[b], 2u);
    EXPECT_EQ(both[b], 3u);
    EXPECT_EQ(out[c], 1u);
    EXPECT_EQ(in[c], 2u);
    EXPECT_EQ(both[c], 3u);
}

TEST(ComponentsTest, WeakAndStrong) {
    // a -> b -> c -> a, c -> d, e alone, f <- g.
    TestGraph t;
    t.add({"a", "b", "c", "d", "e", "f", "g"},
          {{"a", "b"}, {"b", "c"}, {"c", "a"}, {"c", "d"}, {"g", "f"}});
    GraphSnapshot g = t.snapshot();
    auto weak = weaklyConnectedComponents(g);
    auto strong = stronglyConnectedComponents(g);
    auto at = [&](const std::vector<storage::NodeId>& c, const char* n) {
        return c[t.vertex(g, n)];
    };
    for (const char* n : {"a", "b", "c", "d"}) EXPECT_EQ(at(weak, n), t.id("a")) << n;
    EXPECT_EQ(at(weak, "e"), t.id("e"));
    EXPECT_EQ(at(weak, "g"), t.id("f"));
    for (const char* n : {"a", "b", "c"}) EXPECT_EQ(at(strong, n), t.id("a")) << n;
    EXPECT_EQ(at(strong, "d"), t.id("d"));
    EXPECT_EQ(at(strong, "f"), t.id("f"));
    EXPECT_EQ(at(strong, "g"), t.id("g"));
}

TEST(ShortestPathTest, UnitAndWeightedCosts) {
    TestGraph t;
    t.add({"a", "b", "c", "d"}, {{"a", "b", "R", {{"w", 1}}},
                                 {"b", "c", "R", {{"w", 1.5}}},
                                 {"a", "c", "R", {{"w", 5}}},
                                 {"d", "c", "R", {{"w", 0}}}});
    GraphSnapshot g = t.snapshot();
    Vertex a = t.vertex(g, "a"), c = t.vertex(g, "c"), d = t.vertex(g, "d");
    auto hops = shortestPath(g, a, c, Direction::Outgoing, {});
    ASSERT_TRUE(hops);
    EXPECT_EQ(hops->cost, 1);
    EXPECT_EQ(hops->vertices, (std::vector<Vertex>{a, c}));
    // The weights of the relationships above, found by their ends.
    auto byIndex = [&](EdgeIndex e) {
        auto src = g.source(e), dst = g.target(e);
        if (src == a && dst == c) return 5.0;
        if (src == a) return 1.0;
        if (src == d) return 0.0;
        return 1.5;
    };
    auto cheap = shortestPath(g, a, c, Direction::Outgoing, byIndex);
    ASSERT_TRUE(cheap);
    EXPECT_DOUBLE_EQ(cheap->cost, 2.5);
    EXPECT_EQ(cheap->vertices.size(), 3u);
    ASSERT_EQ(cheap->edges.size(), 2u);
    EXPECT_EQ(g.source(cheap->edges[0]), a);
    EXPECT_EQ(g.target(cheap->edges[1]), c);
    // d is reached from a only against the direction of d -> c.
    EXPECT_FALSE(shortestPath(g, a, d, Direction::Outgoing, {}));
    auto both = shortestPath(g, a, d, Direction::Both, byIndex);
    ASSERT_TRUE(both);
    EXPECT_DOUBLE_EQ(both->cost, 2.5);
    EXPECT_EQ(both->vertices.back(), d);
    auto back = shortestPath(g, c, a, Direction::Incoming, byIndex);
    ASSERT_TRUE(back);
    EXPECT_DOUBLE_EQ(back->cost, 2.5);
    EXPECT_EQ(back->vertices.front(), c);
    EXPECT_EQ(back->vertices.back(), a);
    auto self = shortestPath(g, a, a, Direction::Both, {});
    ASSERT_TRUE(self);
    EXPECT_EQ(self->cost, 0);
    EXPECT_EQ(self->vertices, (std::vector<Vertex>{a}));
}

TEST(NeighborhoodTest, DepthAndDirection) {
    TestGraph t;
    t.add({"a", "b", "c", "d", "e"}, {{"a", "b"}, {"b", "c"}, {"c", "d"}, {"e", "b"}});
    GraphSnapshot g = t.snapshot();
    auto names = [&](const std::vector<std::pair<Vertex, int64_t>>& r) {
        std::vector<std::pair<storage::NodeId, int64_t>> out;
        for (auto [v, d] : r) out.emplace_back(g.nodeId(v), d);
        return out;
    };
    using P = std::vector<std::pair<storage::NodeId, int64_t>>;
    EXPECT_EQ(names(neighborhood(g, t.vertex(g, "b"), 1, Direction::Both)),
              (P{{t.id("b"), 0}, {t.id("a"), 1}, {t.id("c"), 1}, {t.id("e"), 1}}));
    EXPECT_EQ(names(neighborhood(g, t.vertex(g, "b"), 2, Direction::Outgoing)),
              (P{{t.id("b"), 0}, {t.id("c"), 1}, {t.id("d"), 2}}));
    EXPECT_EQ(names(neighborhood(g, t.vertex(g, "c"), 5, Direction::Incoming)),
              (P{{t.id("c"), 0}, {t.id("b"), 1}, {t.id("a"), 2}, {t.id("e"), 2}}));
    EXPECT_EQ(names(neighborhood(g, t.vertex(g, "c"), 0, Direction::Both)), (P{{t.id("c"), 0}}));
}

TEST(JaccardTest, SharedNeighbours) {
    // N(a) = {x, y}; N(b) = {x, y}: 1; N(c) = {x, z}: 1/3; d shares nothing.
    TestGraph t;
    t.add({"a", "b", "c", "d", "x", "y", "z"}, {{"a", "x"},
                                                {"a", "y"},
                                                {"a", "y"},
                                                {"b", "x"},
                                                {"y", "b"},
                                                {"c", "x"},
                                                {"c", "z"},
                                                {"d", "z"}});
    GraphSnapshot g = t.snapshot();
    auto r = jaccard(g, t.vertex(g, "a"), 10, Direction::Both);
    ASSERT_EQ(r.size(), 2u);
    EXPECT_EQ(g.nodeId(r[0].first), t.id("b"));
    EXPECT_DOUBLE_EQ(r[0].second, 1.0);
    EXPECT_EQ(g.nodeId(r[1].first), t.id("c"));
    EXPECT_DOUBLE_EQ(r[1].second, 1.0 / 3);
    EXPECT_EQ(jaccard(g, t.vertex(g, "a"), 1, Direction::Both).size(), 1u);
    // Outgoing: N(b) = {x} (y -> b points in): 1/2; c stays 1/3.
    auto out = jaccard(g, t.vertex(g, "a"), 10, Direction::Outgoing);
    ASSERT_EQ(out.size(), 2u);
    EXPECT_EQ(g.nodeId(out[0].first), t.id("b"));
    EXPECT_DOUBLE_EQ(out[0].second, 0.5);
    EXPECT_DOUBLE_EQ(out[1].second, 1.0 / 3);
}

TEST(WeightExpressionTest, ArithmeticOverProperties) {
    auto w = WeightExpression::parse("1 - confidence");
    EXPECT_EQ(w.properties(), std::vector<std::string>{"confidence"});
    EXPECT_DOUBLE_EQ(w.evaluate({0.75}), 0.25);
    auto v = WeightExpression::parse(" 2 * (a - -b) / `odd key` + 1e-1 ");
    EXPECT_EQ(v.properties(), (std::vector<std::string>{"a", "b", "odd key"}));
    EXPECT_DOUBLE_EQ(v.evaluate({1, 2, 4}), 1.6);
    EXPECT_DOUBLE_EQ(WeightExpression::parse("a - b - c").evaluate({10, 3, 2}), 5);
    for (const char* bad : {"", "1 -", "(a", "a b", "1 ? 2", "`x"}) {
        EXPECT_THROW(WeightExpression::parse(bad), Error) << bad;
    }
    try {
        WeightExpression::parse("1 - $x");
        FAIL();
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("column 5"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace kgraph::graph
