// EngineOptions::cancel: a statement stops with "query cancelled" once the flag
// is set (the shell's Ctrl-C), and a cancelled write leaves nothing behind.
#include <gtest/gtest.h>

#include <atomic>

#include "engine/common/error.h"
#include "engine/query/query_engine.h"
#include "tests/temp_dir.h"

namespace kgraph::query {
namespace {

class CancelTest : public ::testing::Test {
protected:
    void SetUp() override {
        store_ = storage::GraphStore::open(dir_.sub("db"));
        EngineOptions o;
        o.cancel = &cancel_;
        engine_ = std::make_unique<QueryEngine>(*store_, o);
    }
    std::string errorOf(const std::string& q) {
        try {
            engine_->run(q);
        } catch (const Error& e) {
            return e.what();
        }
        return "";
    }

    testing::TempDir dir_;
    std::atomic<bool> cancel_{false};
    std::unique_ptr<storage::GraphStore> store_;
    std::unique_ptr<QueryEngine> engine_;
};

TEST_F(CancelTest, RunsNormallyWhileTheFlagIsClear) {
    auto r = engine_->run("UNWIND range(1, 10000) AS x RETURN count(*) AS n");
    EXPECT_EQ(r.rows.at(0).at(0).asInt(), 10000);
}

TEST_F(CancelTest, ASetFlagStopsTheStatement) {
    cancel_ = true;
    EXPECT_EQ(errorOf("UNWIND range(1, 10000) AS a UNWIND range(1, 10000) AS b RETURN count(*)"),
              "query cancelled");
}

TEST_F(CancelTest, FlagSetWhileRowsStreamStopsSoonAfter) {
    int64_t rows = 0;
    try {
        engine_->run("UNWIND range(1, 1000000) AS x RETURN x", {}, [&](const std::vector<Value>&) {
            if (++rows == 10) cancel_ = true;
            return true;
        });
        FAIL() << "not cancelled";
    } catch (const Error& e) {
        EXPECT_STREQ(e.what(), "query cancelled");
    }
    EXPECT_GE(rows, 10);
    EXPECT_LT(rows, 1000);  // polled every 256 rows of an operator
}

TEST_F(CancelTest, CancelledWriteIsRolledBack) {
    cancel_ = true;
    EXPECT_EQ(errorOf("UNWIND range(1, 5000) AS x CREATE (:T {x: x})"), "query cancelled");
    cancel_ = false;
    EXPECT_EQ(engine_->run("MATCH (n:T) RETURN count(n)").rows.at(0).at(0).asInt(), 0);
}

}  // namespace
}  // namespace kgraph::query

namespace kgraph::query {
namespace {

// Queries had no time limit: MATCH (a)-[*]-(b) on a big graph ran with no bound.
TEST(TimeoutTest, ALongStatementStopsWithATimeoutError) {
    testing::TempDir dir;
    auto store = storage::GraphStore::open(dir.sub("db"));
    EngineOptions o;
    o.timeoutSeconds = 0.3;
    QueryEngine engine(*store, o);
    auto errorOf = [&](const std::string& q) {
        try {
            engine.run(q);
        } catch (const Error& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    std::string msg =
        errorOf("UNWIND range(1, 100000) AS a UNWIND range(1, 100000) AS b RETURN count(*)");
    EXPECT_NE(msg.find("query timed out after 0.3 s"), std::string::npos) << msg;
    // A write that times out is rolled back; a short statement runs.
    msg = errorOf("UNWIND range(1, 100000) AS a UNWIND range(1, 100000) AS b CREATE (:T)");
    EXPECT_NE(msg.find("timed out"), std::string::npos) << msg;
    EXPECT_EQ(engine.run("MATCH (n:T) RETURN count(n)").rows.at(0).at(0).asInt(), 0);
    // Ctrl-C still reads as a cancellation while a time limit is set.
    std::atomic<bool> cancel{true};
    o.cancel = &cancel;
    o.timeoutSeconds = 60;
    QueryEngine withBoth(*store, o);
    try {
        withBoth.run("UNWIND range(1, 100000) AS a UNWIND range(1, 100000) AS b RETURN count(*)");
        FAIL() << "not cancelled";
    } catch (const Error& e) {
        EXPECT_STREQ(e.what(), "query cancelled");
    }
}

}  // namespace
}  // namespace kgraph::query
