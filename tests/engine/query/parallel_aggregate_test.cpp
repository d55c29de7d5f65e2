// Aggregation over a scan of all nodes on threads (AggregateOp::setParallelScan,
// execute/node_ranges.h): the same rows in the same order as on one thread, the same first
// error, cancellation, and the cases that must stay on one thread.
#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <vector>

#include "engine/common/error.h"
#include "engine/query/query_engine.h"
#include "tests/temp_dir.h"

namespace kgraph::query {
namespace {

class ParallelAggregateTest : public ::testing::Test {
protected:
    void SetUp() override {
        store_ = storage::GraphStore::open(dir_.sub("db"));
        sequential_ = std::make_unique<QueryEngine>(*store_, EngineOptions{.threads = 1});
        EngineOptions o;
        o.cancel = &cancel_;
        o.threads = 4;
        o.parallelMinNodes = 0;  // these graphs are small
        parallel_ = std::make_unique<QueryEngine>(*store_, o);
    }

    // 2,000 nodes: names repeat (every 7th node shares one), some have no name or `k`,
    // degrees differ (some nodes have none).
    void buildGraph() {
        auto w = store_->write();
        std::vector<storage::NodeId> ids;
        for (int i = 1; i <= 2000; ++i) {
            PropertyMap props{{"i", i}, {"w", i / 3.0}};
            if (i % 13 != 0) props["name"] = i % 7 == 0 ? "shared" : "n" + std::to_string(i % 500);
            if (i % 11 != 0) props["k"] = i % 5;
            ids.push_back(w->createNode({"N"}, props));
        }
        for (int i = 1; i <= 2000; ++i) {
            if (i % 3 != 0) {
                w->createEdge(ids[i - 1], ids[(i * 7) % 2000], "T", {{"x", i}});
            }
            if (i % 4 == 0) w->createEdge(ids[i - 1], ids[(i * 13) % 2000], "U", {});
        }
        w->commit();
    }

    static std::string rowsOf(const QueryResult& r) {
        std::string s;
        for (const auto& row : r.rows) {
            for (size_t i = 0; i < row.size(); ++i) s += (i ? " | " : "") + formatValue(row[i]);
            s += "\n";
        }
        return s;
    }
    static std::string outcome(QueryEngine& e, const std::string& q) {
        try {
            return rowsOf(e.run(q));
        } catch (const Error& err) {
            return std::string("error: ") + err.what();
        }
    }
    // How many times the plan's Once ran: one per node range when the input ran on threads.
    int64_t onceRows(QueryEngine& e, const std::string& q) {
        auto plan = e.run("PROFILE " + q).plan.value_or("");
        auto at = plan.find("Once  [rows=");
        if (at == std::string::npos) return -1;
        return std::stoll(plan.substr(at + 12));
    }

    kgraph::testing::TempDir dir_;
    std::atomic<bool> cancel_{false};
    std::unique_ptr<storage::GraphStore> store_;
    std::unique_ptr<QueryEngine> sequential_;
    std::unique_ptr<QueryEngine> parallel_;
};

TEST_F(ParallelAggregateTest, SameRowsInTheSameOrderAsOneThread) {
    buildGraph();
    const std::vector<std::string> queries = {
        // No ORDER BY: groups come in first-seen order, which must not change.
        "MATCH (a)-[r]->() RETURN a.name AS n, count(r) AS d",
        "MATCH (a)-[r]->() RETURN a.name AS n, count(r) AS d ORDER BY d DESC, n LIMIT 10",
        "MATCH (a)<-[r:T]-() RETURN a.k, count(*), sum(a.i), collect(a.i)[0..5]",
        "MATCH (a) RETURN a.k AS k, count(*) AS c, collect(a.name) AS names, sum(a.i) AS s, "
        "avg(a.w) AS w, min(a.name) AS lo, max(a.name) AS hi, stDev(a.w) AS sd",
        "MATCH (a) RETURN a.missing AS m, count(a.name) AS named, count(DISTINCT a.name) AS d",
        "MATCH (a)-[r]->(b) RETURN b.name, count(*), collect(DISTINCT type(r)) AS types",
        "MATCH (a)-[r]->(b:N) WHERE r.x % 2 = 0 AND b.k IS NOT NULL RETURN b.k, sum(r.x)",
        "MATCH (a) WHERE a.k > 2 WITH a.name AS n, a.w AS w RETURN n, sum(w) AS total",
        "MATCH (a:N)-[r]-() RETURN a.i % 10 AS bucket, count(r) AS deg, "
        "percentileDisc(a.w, 0.5) AS p",
        "MATCH (a) RETURN count(*) AS all, count(a.k) AS withK",
        "MATCH (a) RETURN DISTINCT a.k",
    };
    for (const auto& q : queries) {
        SCOPED_TRACE(q);
        std::string one = outcome(*sequential_, q);
        EXPECT_EQ(outcome(*parallel_, q), one);
        EXPECT_EQ(one.rfind("error", 0), std::string::npos) << one;
    }
    // The input did run over several ranges.
    EXPECT_GT(onceRows(*parallel_, queries[0]), 1);
    EXPECT_EQ(onceRows(*sequential_, queries[0]), 1);
}

TEST_F(ParallelAggregateTest, TheFirstErrorInNodeOrderIsTheStatementsError) {
    buildGraph();
    // Two nodes far apart (in different ranges) break sum(); the first one in id order wins.
    sequential_->run("MATCH (a:N) WHERE a.i IN [700, 1900] SET a.k = 'bad' + toString(a.i)");
    const std::string q = "MATCH (a)-[r]->() RETURN a.name, sum(a.k)";
    std::string one = outcome(*sequential_, q);
    EXPECT_NE(one.find("bad700"), std::string::npos) << one;
    EXPECT_EQ(outcome(*parallel_, q), one);
    // An error in a key, evaluated by the workers.
    const std::string q2 = "MATCH (a) RETURN a.i / (a.i - 1500) AS x, count(*)";
    std::string one2 = outcome(*sequential_, q2);
    EXPECT_EQ(one2.rfind("error", 0), 0u) << one2;
    EXPECT_EQ(outcome(*parallel_, q2), one2);
}

TEST_F(ParallelAggregateTest, EmptyGraph) {
    for (const std::string q : {"MATCH (a) RETURN a.name, count(*)",
                                "MATCH (a)-[r]->() RETURN count(r) AS n, collect(a.name) AS c"}) {
        SCOPED_TRACE(q);
        EXPECT_EQ(outcome(*parallel_, q), outcome(*sequential_, q));
    }
    EXPECT_EQ(outcome(*parallel_, "MATCH (a)-[r]->() RETURN count(r) AS n"), "0\n");
}

TEST_F(ParallelAggregateTest, CancellationStopsTheWorkers) {
    buildGraph();
    const std::string q = "MATCH (a)-[r]->(b) RETURN b.name, count(*)";
    cancel_ = true;
    EXPECT_EQ(outcome(*parallel_, q), "error: query cancelled");
    cancel_ = false;
    EXPECT_EQ(outcome(*parallel_, q), outcome(*sequential_, q));
}

TEST_F(ParallelAggregateTest, StaysOnOneThreadWhereThreadsCouldDiffer) {
    buildGraph();
    // rand() differs per thread and call; a pattern predicate runs a sub-plan; a label scan
    // or a second node scan is not split.
    for (const std::string q :
         {"MATCH (a) RETURN rand() < 2.0 AS t, count(*)",
          "MATCH (a) WHERE (a)-[:T]->() RETURN a.k, count(*)", "MATCH (a:N) RETURN a.k, count(*)",
          "MATCH (a), (b) WHERE a.i = 1 AND b.i < 3 RETURN b.i, count(*)"}) {
        SCOPED_TRACE(q);
        EXPECT_EQ(onceRows(*parallel_, q), 1);
        EXPECT_EQ(outcome(*parallel_, q), outcome(*sequential_, q));
    }
    // A graph smaller than parallelMinNodes stays on one thread too.
    QueryEngine small(*store_, EngineOptions{.threads = 4, .parallelMinNodes = 1'000'000});
    EXPECT_EQ(onceRows(small, "MATCH (a) RETURN a.k, count(*)"), 1);
}

}  // namespace
}  // namespace kgraph::query
