// Runs the procedures on a generated graph and has networkx_crosscheck.py compare them with
// NetworkX: PageRank and betweenness within 1e-6 per node, identical components.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "engine/query/query_engine.h"
#include "tests/process.h"
#include "tests/temp_dir.h"

namespace kgraph::query {
namespace {

// A fixed pseudo-random sequence (SplitMix64): the same graph with every standard library.
class SplitMix {
public:
    uint64_t next() {
        uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    uint64_t below(uint64_t n) { return next() % n; }

private:
    uint64_t state_ = 20261130;
};

TEST(NetworkxCrossCheckTest, AgreesWithNetworkx) {
    kgraph::testing::TempDir dir;
    auto probe = kgraph::testing::runCommand("python3 -c 'import networkx'", dir.path());
    if (probe.exit != 0) {
        GTEST_SKIP() << "python3 with networkx is not available (apt-get install "
                        "python3-networkx): "
                     << probe.err;
    }
    auto store = storage::GraphStore::open(dir.sub("db"));
    // 400 nodes: a sparse random graph with a few hubs, parallel relationships, self-loops,
    // isolated nodes and directed cycles, so that every algorithm has something to do.
    const int n = 400, m = 1000;
    std::vector<storage::NodeId> ids;
    std::vector<std::pair<storage::NodeId, storage::NodeId>> edges;
    {
        SplitMix rng;
        auto txn = store->write();
        for (int i = 0; i < n; ++i)
            ids.push_back(txn->createNode({"N"}, {{"i", PropertyValue(i)}}));
        for (int e = 0; e < m; ++e) {
            // Half the relationships touch one of 10 hubs.
            uint64_t s = rng.below(e % 2 ? 10 : n - 20);
            uint64_t t = rng.below(n - 20);
            if (e % 97 == 0) t = s;  // a self-loop now and then
            edges.emplace_back(ids[s], ids[t]);
            txn->createEdge(ids[s], ids[t], e % 3 ? "A" : "B", {});
            if (e % 50 == 0) {  // and a parallel relationship
                edges.emplace_back(ids[s], ids[t]);
                txn->createEdge(ids[s], ids[t], "A", {});
            }
        }
        txn->commit();
    }
    {
        std::ofstream nodes(dir.sub("nodes.txt"));
        for (auto id : ids) nodes << id << '\n';
        std::ofstream out(dir.sub("edges.txt"));
        for (auto [s, t] : edges) out << s << ' ' << t << '\n';
    }
    QueryEngine engine(*store);
    std::ofstream ours(dir.sub("kgraph.txt"));
    auto dump = [&](const std::string& name, const std::string& call, const std::string& field) {
        auto r =
            engine.run("CALL " + call + " YIELD node, " + field + " RETURN id(node), " + field);
        ASSERT_EQ(r.rows.size(), ids.size()) << call;
        char buf[64];
        for (const auto& row : r.rows) {
            const Value& v = row[1];
            std::snprintf(buf, sizeof buf, "%.17g", v.isInt() ? double(v.asInt()) : v.asFloat());
            ours << name << ' ' << row[0].asInt() << ' ' << buf << '\n';
        }
    };
    dump("pagerank", "algo.pageRank({iterations: 10000, tolerance: 1e-13})", "score");
    dump("betweenness", "algo.betweenness()", "score");
    dump("betweenness_directed", "algo.betweenness({direction: 'outgoing'})", "score");
    dump("betweenness_normalized", "algo.betweenness({normalized: true})", "score");
    dump("wcc", "algo.weaklyConnectedComponents()", "componentId");
    dump("scc", "algo.stronglyConnectedComponents()", "componentId");
    dump("degree", "algo.degree()", "score");
    ours.close();
    auto run = kgraph::testing::runCommand(
        "python3 " +
            kgraph::testing::quote(std::string(KGRAPH_GRAPH_TEST_DIR) + "/networkx_crosscheck.py") +
            " " + kgraph::testing::quote(dir.path().string()),
        dir.path());
    if (run.exit == 77) GTEST_SKIP() << run.out;
    EXPECT_EQ(run.exit, 0) << run.out << run.err;
    std::printf("%s", run.out.c_str());
}

}  // namespace
}  // namespace kgraph::query
