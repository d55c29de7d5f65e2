// Runs the query test files in data/*.test, each against a fresh database.
//
// Format (one statement per line; blank lines and lines starting with '#' are ignored):
//   -STATEMENT <query>           run a statement; the next line says what to expect:
//   ---- ok                      it succeeds (rows are not checked)
//   ---- <n>                     it returns n rows, listed next in order, one per line,
//                                values in formatValue() notation separated by " | "
//   ---- <n> unordered           the same, in any order
//   ---- error                   it fails; the next line is a substring of the message
//   ---- counters                the next line lists counters, e.g. "nodes created: 2"
//   -PARAM name=<literal>        parameters for the following statements
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>

#include "engine/common/error.h"
#include "engine/query/query_engine.h"
#include "tests/temp_dir.h"

namespace kgraph::query {
namespace {

// The data files listed in CMakeLists.txt (KGRAPH_QUERY_TEST_FILES), in that order.
std::vector<std::string> testFiles() {
    std::vector<std::string> files;
    std::string list = KGRAPH_QUERY_TEST_FILES;
    for (size_t at = 0; at <= list.size();) {
        size_t comma = std::min(list.find(',', at), list.size());
        files.push_back(list.substr(at, comma - at));
        at = comma + 1;
    }
    return files;
}

// A data file nobody listed would never run.
TEST(QueryFileList, EveryDataFileIsListed) {
    std::vector<std::string> listed = testFiles();
    for (const auto& e : std::filesystem::directory_iterator(KGRAPH_QUERY_TEST_DATA)) {
        if (e.path().extension() != ".test") continue;
        std::string name = e.path().filename().string();
        EXPECT_NE(std::find(listed.begin(), listed.end(), name), listed.end())
            << name << " is not in KGRAPH_QUERY_TEST_FILES (tests/engine/query/CMakeLists.txt)";
    }
}

std::string formatRow(const std::vector<Value>& row) {
    std::string s;
    for (size_t i = 0; i < row.size(); ++i) s += (i ? " | " : "") + formatValue(row[i]);
    return s;
}

std::string trim(std::string s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.pop_back();
    return s;
}

// True for statements that may change the graph (as the binder sees them): they run once, on
// the first engine. A statement that does not bind runs on both (they must give one error).
bool runOnce(const std::string& q) {
    try {
        return mayWrite(q);
    } catch (const Error&) {
        return false;
    }
}

// What a statement gives: its rows, or its error.
std::string outcome(QueryEngine& engine, const std::string& query, const Params& params) {
    try {
        std::string s;
        for (const auto& row : engine.run(query, params).rows) s += formatRow(row) + "\n";
        return s;
    } catch (const Error& e) {
        return std::string("error: ") + e.what();
    }
}

class QueryFileTest : public ::testing::TestWithParam<std::string> {};

TEST_P(QueryFileTest, Run) {
    std::ifstream in(std::string(KGRAPH_QUERY_TEST_DATA) + "/" + GetParam());
    ASSERT_TRUE(in) << GetParam();
    std::vector<std::string> lines;
    for (std::string l; std::getline(in, l);) lines.push_back(trim(l));

    testing::TempDir dir;
    auto store = storage::GraphStore::open(dir.sub("db"));
    QueryEngine engine(*store, EngineOptions{.threads = 1});
    // Every reading statement runs again on threads over node ranges, even on these small
    // graphs, and must give the same rows in the same order, or the same error.
    QueryEngine parallel(*store, EngineOptions{.threads = 3, .parallelMinNodes = 0});
    Params params;
    for (size_t i = 0; i < lines.size(); ++i) {
        const std::string& line = lines[i];
        if (line.empty() || line[0] == '#') continue;
        if (line.rfind("-PARAM ", 0) == 0) {
            auto eq = line.find('=');
            params[line.substr(7, eq - 7)] = parseLiteral(line.substr(eq + 1));
            continue;
        }
        ASSERT_EQ(line.rfind("-STATEMENT ", 0), 0u) << GetParam() << ":" << i + 1 << ": " << line;
        std::string query = line.substr(11);
        ASSERT_LT(i + 1, lines.size());
        std::string expect = lines[++i];
        SCOPED_TRACE(GetParam() + ":" + std::to_string(i) + ": " + query);
        if (!runOnce(query)) {
            EXPECT_EQ(outcome(parallel, query, params), outcome(engine, query, params))
                << "three threads and one disagree";
        }
        if (expect == "---- error") {
            std::string message = lines[++i];
            try {
                engine.run(query, params);
                ADD_FAILURE() << "expected an error containing: " << message;
            } catch (const Error& e) {
                EXPECT_NE(std::string(e.what()).find(message), std::string::npos)
                    << "message: " << e.what();
            }
            continue;
        }
        QueryResult r;
        try {
            r = engine.run(query, params);
        } catch (const Error& e) {
            ADD_FAILURE() << "unexpected error: " << e.what();
            if (expect != "---- ok" && expect != "---- counters") {
                // skip the expected rows
                size_t n = std::stoul(expect.substr(5));
                i += n;
            } else if (expect == "---- counters") {
                ++i;
            }
            continue;
        }
        if (expect == "---- ok") continue;
        if (expect == "---- counters") {
            std::string want = lines[++i];
            std::string got;
            for (const auto& [k, v] : r.counters) {
                got += (got.empty() ? "" : ", ") + k + ": " + std::to_string(v);
            }
            EXPECT_EQ(got, want);
            continue;
        }
        ASSERT_EQ(expect.rfind("---- ", 0), 0u) << expect;
        bool unordered = expect.find("unordered") != std::string::npos;
        size_t n = std::stoul(expect.substr(5));
        std::vector<std::string> want(lines.begin() + static_cast<long>(i) + 1,
                                      lines.begin() + static_cast<long>(i + 1 + n));
        i += n;
        std::vector<std::string> got;
        for (const auto& row : r.rows) got.push_back(formatRow(row));
        if (unordered) {
            std::sort(want.begin(), want.end());
            std::sort(got.begin(), got.end());
        }
        EXPECT_EQ(got, want);
    }
}

INSTANTIATE_TEST_SUITE_P(Data, QueryFileTest, ::testing::ValuesIn(testFiles()),
                         [](const auto& info) {
                             std::string n = info.param.substr(0, info.param.size() - 5);
                             for (auto& c : n) {
                                 if (!isalnum(static_cast<unsigned char>(c))) c = '_';
                             }
                             return n;
                         });

}  // namespace
}  // namespace kgraph::query
