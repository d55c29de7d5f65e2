// The optimizer passes (engine/query/optimize/passes.h): each applies exactly when its
// conditions hold, and where it applies the answer is the one the plan without it gives.
#include <gtest/gtest.h>

#include "engine/query/bind/binder.h"
#include "engine/query/execute/expand.h"
#include "engine/query/execute/relational.h"
#include "engine/query/optimize/passes.h"
#include "engine/query/parse/parser.h"
#include "engine/query/query_engine.h"
#include "tests/temp_dir.h"

namespace kgraph::query {
namespace {

// One bound statement, kept alive with the AST the passes read.
struct Bound {
    explicit Bound(const std::string& text) : text(text) {
        statements = parseScript(text);
        bindStatement(statements.at(0), text);
    }
    const ast::SingleQuery& query() const { return statements.at(0).queries.at(0); }
    std::string text;
    std::vector<ast::Statement> statements;
};

class OptimizeTest : public ::testing::Test {
protected:
    void SetUp() override {
        store_ = storage::GraphStore::open(dir_.sub("db"));
        engine_ = std::make_unique<QueryEngine>(*store_);
        engine_->run(
            "UNWIND range(1, 6) AS i CREATE (a:A {i: i})-[:T {w: i}]->(:B {i: i}), "
            "(a)-[:U]->(:C)");
        engine_->run("MATCH (a:A {i: 1}), (b:B {i: 2}) CREATE (a)-[:T]->(b)");
    }
    // The rows of `q` as text, in order.
    std::vector<std::string> rows(const std::string& q) {
        std::vector<std::string> out;
        for (const auto& row : engine_->run(q).rows) {
            std::string line;
            for (const auto& v : row) line += formatValue(v) + "|";
            out.push_back(line);
        }
        return out;
    }
    // `fast` (planned with the pass, which `plan` must show) gives what `slow` (an equivalent
    // query the pass does not apply to) gives.
    void expectSame(const std::string& fast, const std::string& slow, const std::string& op) {
        auto plan = engine_->run("EXPLAIN " + fast).plan;
        ASSERT_TRUE(plan);
        EXPECT_NE(plan->find(op), std::string::npos) << fast << "\n" << *plan;
        plan = engine_->run("EXPLAIN " + slow).plan;
        EXPECT_EQ(plan->find(op), std::string::npos) << slow << "\n" << *plan;
        EXPECT_EQ(rows(fast), rows(slow)) << fast;
    }

    testing::TempDir dir_;
    std::unique_ptr<storage::GraphStore> store_;
    std::unique_ptr<QueryEngine> engine_;
};

TEST_F(OptimizeTest, CountFromStatisticsAppliesToPlainCounts) {
    for (const char* q :
         {"MATCH (n) RETURN count(*)", "MATCH (n:A) RETURN count(n)",
          "MATCH ()-[r]->() RETURN count(r)", "MATCH ()<-[r:T]-() RETURN count(*)"}) {
        EXPECT_TRUE(countFromStatistics(Bound(q).query())) << q;
    }
    for (const char* q : {"MATCH (n:A) WHERE n.i > 1 RETURN count(n)",  // WHERE
                          "MATCH (n:A {i: 1}) RETURN count(n)",         // property map
                          "MATCH (n:A:B) RETURN count(n)",              // two labels
                          "MATCH (a:A)-[r]->() RETURN count(r)",        // labelled end node
                          "MATCH ()-[r]-() RETURN count(r)",            // no direction
                          "MATCH ()-[r:T|U]->() RETURN count(r)",       // two types
                          "MATCH ()-[r*1..2]->() RETURN count(r)",      // variable length
                          "MATCH (a)-[r]->(a) RETURN count(r)",         // a self loop
                          "MATCH (a)-[r]->(b) RETURN count(a)",         // counts another variable
                          "MATCH (n) RETURN count(DISTINCT n)",         // DISTINCT
                          "MATCH (n) RETURN count(*) LIMIT 1",          // LIMIT
                          "OPTIONAL MATCH (n) RETURN count(*)",         // OPTIONAL
                          "MATCH (n) RETURN count(*), count(n)",        // two items
                          "MATCH p = ()-[r]->() RETURN count(r)"}) {    // a named path
        EXPECT_FALSE(countFromStatistics(Bound(q).query())) << q;
    }
    expectSame("MATCH (n:A) RETURN count(n)", "MATCH (n:A) WITH n RETURN count(n)",
               "CountFromStatistics");
    expectSame("MATCH ()-[r:T]->() RETURN count(*)", "MATCH ()-[r:T]->() WITH r RETURN count(*)",
               "CountFromStatistics");
}

TEST_F(OptimizeTest, CountByTypeAppliesToTypeAndCount) {
    for (const char* q : {"MATCH ()-[r]->() RETURN type(r), count(*)",
                          "MATCH ()-[r]->() RETURN count(r) AS c, type(r) AS t ORDER BY t"}) {
        EXPECT_TRUE(countByType(Bound(q).query())) << q;
    }
    for (const char* q : {"MATCH ()-[r:T]->() RETURN type(r), count(*)",  // a type
                          "MATCH ()-[r]-() RETURN type(r), count(*)",     // no direction
                          "MATCH (:A)-[r]->() RETURN type(r), count(*)",  // a label
                          "MATCH ()-[r {w: 1}]->() RETURN type(r), count(*)",
                          "MATCH ()-[r]->() RETURN DISTINCT type(r), count(*)",
                          "MATCH ()-[r]->() RETURN type(r), count(DISTINCT r)",
                          "MATCH (a)-[r]->(a) RETURN type(r), count(*)",
                          "MATCH ()-[r]->() RETURN type(r), sum(r.w)"}) {
        EXPECT_FALSE(countByType(Bound(q).query())) << q;
    }
    expectSame("MATCH ()-[r]->() RETURN type(r) AS t, count(*) AS c ORDER BY t",
               "MATCH ()-[r]->() WITH r RETURN type(r) AS t, count(*) AS c ORDER BY t",
               "CountByTypeFromStatistics");
}

// A hop from `(x)` built the way the planner builds one, for the pass to look at.
struct Hop {
    Hop(const Bound& b) {
        const auto& part = *b.query().clauses[0].pattern[0];
        spec.fromSlot = part.nodes[0].slot;
        spec.relSlot = part.rels[0].slot;
        spec.toSlot = part.nodes[1].slot;
        spec.direction = storage::Direction::Outgoing;
        const auto& p = b.query().clauses.back().projection;
        for (const auto& item : p.items) {
            if (item.expr->kind == ast::ExprKind::FunctionCall ||
                item.expr->kind == ast::ExprKind::CountStar) {
                aggs.push_back({item.expr.get()});
            }
        }
    }
    // Runs the pass; true if it replaced the hop.
    bool rewrites(const ast::Projection& p) {
        auto expand = std::make_unique<ExpandOp>(spec);
        expand->setInput(std::make_unique<OnceOp>());
        int weightSlot = -1;
        OperatorPtr out = countHopByDegree(std::move(expand), p, aggs, weightSlot);
        bool degree = dynamic_cast<DegreeExpandOp*>(out.get()) != nullptr;
        EXPECT_EQ(degree, weightSlot >= 0);
        EXPECT_EQ(degree, weightSlot == p.weightSlot);
        return degree;
    }
    ExpandSpec spec;
    std::vector<AggregateOp::Agg> aggs;
};

TEST_F(OptimizeTest, CountHopByDegreeNeedsAHopCheckingNothing) {
    Bound b("MATCH (x)-[r]->(y) RETURN x.i, count(r), count(*)");
    const auto& p = b.query().clauses.back().projection;
    EXPECT_TRUE(Hop(b).rewrites(p));
    {
        Hop h(b);
        ASSERT_TRUE(h.rewrites(p));
        EXPECT_TRUE(h.aggs[0].countsRows);  // count(r) counts rows the hop no longer makes
    }
    auto without = [&](auto change) {
        Hop h(b);
        change(h.spec);
        return h.rewrites(p);
    };
    EXPECT_FALSE(without([](ExpandSpec& s) { s.toBound = true; }));
    EXPECT_FALSE(without([](ExpandSpec& s) { s.relBound = true; }));
    EXPECT_FALSE(without([](ExpandSpec& s) { s.toFilter.labels = {"B"}; }));
    EXPECT_FALSE(without([&](ExpandSpec& s) { s.relProperties = p.items[0].expr.get(); }));
    EXPECT_FALSE(without([](ExpandSpec& s) { s.otherRelSlots = {99}; }));
    EXPECT_FALSE(without([](ExpandSpec& s) { s.toSlot = s.relSlot; }));
    // Something other than count() reads the hop.
    for (const char* q :
         {"MATCH (x)-[r]->(y) RETURN y.i, count(r)", "MATCH (x)-[r]->(y) RETURN x.i, collect(r.w)",
          "MATCH (x)-[r]->(y) RETURN x.i, count(DISTINCT r)",
          "MATCH (x)-[r]->(y) RETURN x.i, count(r), sum(y.i)"}) {
        Bound other(q);
        EXPECT_FALSE(Hop(other).rewrites(other.query().clauses.back().projection)) << q;
    }
    expectSame("MATCH (x:A)-[r]->() RETURN x.i AS i, count(r) AS n ORDER BY i",
               "MATCH (x:A)-[r]->() WITH x, r RETURN x.i AS i, count(r) AS n ORDER BY i",
               "ExpandDegree");
}

TEST_F(OptimizeTest, ParallelScanNeedsOneThreadSafeAllNodesScan) {
    auto scanOver = [](OperatorPtr input, NodeScanOp::Mode mode) {
        auto scan = std::make_unique<NodeScanOp>(mode, 0, "n", NodeFilter{});
        if (mode == NodeScanOp::Mode::Label) scan->label = "A";
        scan->setInput(std::move(input));
        return scan;
    };
    OperatorPtr all = scanOver(std::make_unique<OnceOp>(), NodeScanOp::Mode::All);
    const Operator* scan = all.get();
    EXPECT_EQ(parallelScanFor(all.get(), {}, {}), scan);
    OperatorPtr label = scanOver(std::make_unique<OnceOp>(), NodeScanOp::Mode::Label);
    EXPECT_EQ(parallelScanFor(label.get(), {}, {}), nullptr);
    OperatorPtr two = scanOver(std::move(all), NodeScanOp::Mode::All);
    EXPECT_EQ(parallelScanFor(two.get(), {}, {}), nullptr);
    // A key or argument that is not thread-safe keeps the aggregation on one thread.
    OperatorPtr one = scanOver(std::make_unique<OnceOp>(), NodeScanOp::Mode::All);
    Bound b("MATCH (n) RETURN rand() AS k, collect([(n)-->(m) | m.i]) AS c, count(*) AS n");
    const auto& p = b.query().clauses.back().projection;
    std::vector<AggregateOp::Key> keys{{p.items[0].expr.get(), p.items[0].slot}};
    std::vector<AggregateOp::Agg> aggs{{p.items[1].expr.get()}};
    std::vector<AggregateOp::Agg> count{{p.items[2].expr.get()}};
    EXPECT_EQ(parallelScanFor(one.get(), keys, {}), nullptr);
    EXPECT_EQ(parallelScanFor(one.get(), {}, aggs), nullptr);
    EXPECT_EQ(parallelScanFor(one.get(), {}, count), one.get());
    // Where it applies, threads give the one-thread answer (more in parallel_aggregate_test).
    EngineOptions options;
    options.threads = 4;
    options.parallelMinNodes = 0;
    QueryEngine parallel(*store_, options);
    const std::string q = "MATCH (n) RETURN n.i % 3 AS k, count(*) AS c, collect(n.i) AS l";
    EXPECT_EQ(parallel.run(q).rows, QueryEngine(*store_, EngineOptions{.threads = 1}).run(q).rows);
}

}  // namespace
}  // namespace kgraph::query
