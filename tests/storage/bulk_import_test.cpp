#include "storage/bulk_import.h"

#include <gtest/gtest.h>

#include <fstream>
#include <mutex>
#include <tuple>

#include "engine/common/error.h"
#include "storage/consistency_check.h"
#include "storage/graph_store.h"
#include "storage/store_internal.h"
#include "tests/temp_dir.h"

namespace kgraph::storage {
namespace {

using kgraph::testing::TempDir;

std::string write(const TempDir& dir, const std::string& name, const std::string& text) {
    std::string path = dir.sub(name);
    std::ofstream(path, std::ios::binary) << text;
    return path;
}

const char* kNodes =
    "name,label\n"
    "Xi Jinping,Person\n"
    "\"Tokayev, Kassym-Jomart\",Person\n"
    "Kazakhstan,Country\n"
    "\"The \"\"Global\"\" Times\",Media\n"
    "China,Country\n";
const char* kEdges =
    "src,dst,type\r\n"
    "Xi Jinping,\"Tokayev, Kassym-Jomart\",send_message_to\r\n"
    "\"Tokayev, Kassym-Jomart\",Kazakhstan,president_of\r\n"
    "Xi Jinping,China,president_of\r\n"
    "Xi Jinping,\"Tokayev, Kassym-Jomart\",send_message_to\r\n"
    "\"The \"\"Global\"\" Times\",Xi Jinping,quote\r\n"
    "Kazakhstan,Kazakhstan,self\r\n";

// Every key and value of a database except the dictionary-independent ones.
std::vector<std::pair<std::string, std::string>> dump(GraphStore& store) {
    std::vector<std::pair<std::string, std::string>> out;
    internal::rawSnapshot(store)->scan("", [&](std::string_view k, std::string_view v) {
        out.emplace_back(k, v);
        return true;
    });
    return out;
}

TEST(BulkImportTest, BuildsTheSameStoreAsWriteTransactions) {
    TempDir dir;
    auto result =
        bulkImport(dir.sub("imported"), write(dir, "n.csv", kNodes), write(dir, "e.csv", kEdges));
    EXPECT_EQ(result.nodes, 5u);
    EXPECT_EQ(result.edges, 6u);
    EXPECT_EQ(result.labels, 3u);
    EXPECT_EQ(result.types, 4u);

    // The same graph through WriteTxn, in file order.
    auto reference = GraphStore::open(dir.sub("reference"));
    {
        auto w = reference->write();
        std::vector<std::pair<const char*, const char*>> nodes = {
            {"Xi Jinping", "Person"},
            {"Tokayev, Kassym-Jomart", "Person"},
            {"Kazakhstan", "Country"},
            {"The \"Global\" Times", "Media"},
            {"China", "Country"}};
        for (auto [name, label] : nodes) w->createNode({label}, {{"name", name}});
        w->createEdge(1, 2, "send_message_to", {});
        w->createEdge(2, 3, "president_of", {});
        w->createEdge(1, 5, "president_of", {});
        w->createEdge(1, 2, "send_message_to", {});
        w->createEdge(4, 1, "quote", {});
        w->createEdge(3, 3, "self", {});
        w->commit();
    }
    auto imported = GraphStore::open(dir.sub("imported"));
    auto a = dump(*imported);
    auto b = dump(*reference);
    ASSERT_EQ(a.size(), b.size());
    for (size_t i = 0; i < a.size(); ++i) {
        EXPECT_EQ(a[i].first, b[i].first) << i;
        EXPECT_EQ(a[i].second, b[i].second) << i;
    }
    auto report = checkConsistency(*imported);
    EXPECT_TRUE(report.ok()) << (report.problems.empty() ? "" : report.problems[0]);

    auto r = imported->read();
    EXPECT_EQ(r->patternCount("Person", "president_of", "Country"), 2u);
    int found = 0;
    r->findByName("The \"Global\" Times", [&](NodeId) { return ++found, true; });
    EXPECT_EQ(found, 1);
    // The store stays writable after import.
    auto w = imported->write();
    w->createEdge(5, 3, "neighbor_of", {});
    w->commit();
    EXPECT_TRUE(checkConsistency(*imported).ok());
}

// Big unquoted files are parsed in two halves on two threads: the result and
// the error positions must be those of one pass.
TEST(BulkImportTest, TwoThreadParseMatchesOnePass) {
    TempDir dir;
    std::string nodes = "name,label\n", edges = "src,dst,type\n";
    for (int i = 0; i < 1000; ++i)
        nodes += "entity " + std::to_string(i) + "," + (i % 3 ? "Person" : "Place") + "\n";
    const int kEdges = 50000;
    std::vector<std::tuple<int, int, std::string>> rows;
    for (int j = 0; j < kEdges; ++j) {
        // Types t0..t9 everywhere, late_* only in the second half.
        std::string type = j > kEdges * 3 / 4 && j % 7 == 0 ? "late_" + std::to_string(j % 5)
                                                            : "t" + std::to_string(j % 10);
        rows.emplace_back(j % 1000, (j * 31 + 7) % 1000, type);
        edges += "entity " + std::to_string(j % 1000) + ",entity " +
                 std::to_string((j * 31 + 7) % 1000) + "," + type + "\n";
    }
    ASSERT_GT(edges.size(), 1u << 20);
    bulkImport(dir.sub("imported"), write(dir, "n.csv", nodes), write(dir, "e.csv", edges));
    auto reference = GraphStore::open(dir.sub("reference"));
    {
        auto w = reference->write();
        for (int i = 0; i < 1000; ++i)
            w->createNode({i % 3 ? "Person" : "Place"}, {{"name", "entity " + std::to_string(i)}});
        for (const auto& [s, d, type] : rows) w->createEdge(s + 1, d + 1, type, {});
        w->commit();
    }
    auto imported = GraphStore::open(dir.sub("imported"));
    EXPECT_TRUE(dump(*imported) == dump(*reference));
    EXPECT_TRUE(checkConsistency(*imported).ok());

    // An error in the second half names its line in the whole file.
    std::string bad = edges;
    size_t at = 0;
    for (int line = 1; line < 45000; ++line) at = bad.find('\n', at) + 1;
    bad.insert(at, "entity 1,nobody,t1\n");
    try {
        bulkImport(dir.sub("bad"), write(dir, "n.csv", nodes), write(dir, "bad.csv", bad));
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("bad.csv:45000:10: no node named 'nobody'"),
                  std::string::npos)
            << e.what();
    }
}

struct BadInput {
    const char* name;
    std::string nodes;
    std::string edges;
    std::string expected;  // the start of the message after the directory
};

TEST(BulkImportTest, ErrorsNameFileLineAndColumnAndCommitNothing) {
    const std::string ok = "name,label\na,Person\nb,Person\n";
    const BadInput cases[] = {
        {"nodes header", "name;label\na,Person\n", "", "n.csv:1: the header must be `name,label`"},
        {"missing field", "name,label\na,Person\nb\n", "", "n.csv:3:2: expected 2 fields"},
        {"extra field", "name,label\na,Person,x\n", "", "n.csv:2:10: expected 2 fields"},
        {"duplicate", "name,label\na,Person\n\"a\",Country\n", "",
         "n.csv:3:1: duplicate name 'a' (first on line 2)"},
        {"empty label", "name,label\na,\n", "", "n.csv:2:3: empty label"},
        {"unterminated", "name,label\na,Person\n\"b,Person\n", "",
         "n.csv:3:1: unterminated quoted field"},
        {"text after quote", "name,label\n\"a\"x,Person\n", "",
         "n.csv:2:4: unexpected text after a closing quote"},
        {"stray quote", "name,label\na\"b,Person\n", "",
         "n.csv:2:2: a quote inside an unquoted field"},
        {"unknown endpoint", ok, "src,dst,type\na,b,knows\nb,\"c\",knows\n",
         "e.csv:3:3: no node named 'c'"},
        {"edges header", ok, "from,to,type\n", "e.csv:1: the header must be `src,dst,type`"},
        {"empty type", ok, "src,dst,type\na,b,\n", "e.csv:2:5: empty relationship type"},
        {"quoted newline counts lines", "name,label\n\"a\nb\",Person\nc\n", "",
         "n.csv:4:2: expected 2 fields"},
        // Invalid UTF-8 went into the store and out through every export (issue 17).
        {"invalid UTF-8 name", "name,label\na,Person\nb\xff,Person\n", "",
         "n.csv:3:2: not valid UTF-8"},
        {"UTF-16 surrogate in a type", ok, "src,dst,type\na,b,x\xED\xA0\x80\n",
         "e.csv:2:6: not valid UTF-8"},
        {"overlong form", "name,label\n\xC0\xAF,Person\n", "", "n.csv:2:1: not valid UTF-8"},
    };
    for (const auto& c : cases) {
        TempDir dir;
        std::string nodes = write(dir, "n.csv", c.nodes);
        std::string edges = c.edges.empty() ? "" : write(dir, "e.csv", c.edges);
        try {
            bulkImport(dir.sub("db"), nodes, edges);
            ADD_FAILURE() << c.name << ": no error";
        } catch (const Error& e) {
            std::string msg = e.what();
            auto at = msg.find(c.expected);
            EXPECT_NE(at, std::string::npos) << c.name << ": " << msg;
        }
        // Nothing was created.
        EXPECT_FALSE(std::filesystem::exists(dir.sub("db"))) << c.name;
    }
}

TEST(BulkImportTest, RefusesANonEmptyDatabaseAndChangesNothing) {
    TempDir dir;
    {
        auto store = GraphStore::open(dir.sub("db"));
        auto w = store->write();
        w->createNode({"Person"}, {{"name", "someone"}});
        w->commit();
    }
    try {
        bulkImport(dir.sub("db"), write(dir, "n.csv", kNodes), "");
        FAIL() << "imported into a non-empty database";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("is not empty (1 nodes"), std::string::npos)
            << e.what();
    }
    auto store = GraphStore::open(dir.sub("db"));
    EXPECT_EQ(store->read()->nodeCount(), 1u);
}

TEST(BulkImportTest, ImportsIntoAnExistingEmptyDatabaseAndNodesOnly) {
    TempDir dir;
    GraphStore::open(dir.sub("db"));  // created, empty
    auto result =
        bulkImport(dir.sub("db"), write(dir, "n.csv", "\xEF\xBB\xBFname,label\nsolo,Concept"), "");
    EXPECT_EQ(result.nodes, 1u);
    EXPECT_EQ(result.edges, 0u);
    auto store = GraphStore::open(dir.sub("db"));
    EXPECT_EQ(store->read()->labelCount("Concept"), 1u);
    EXPECT_TRUE(checkConsistency(*store).ok());
    EXPECT_FALSE(std::filesystem::exists(dir.sub("db/import.tmp")));
}

// The progress callback sees the phases in order, a share done that never
// goes back, and a last call "done" at 1 with every row counted; a failed
// import never reports "done".
TEST(BulkImportTest, ReportsProgressUntilDone) {
    TempDir dir;
    std::string nodes = "name,label\n", edges = "src,dst,type\n";
    for (int i = 0; i < 2000; ++i) nodes += "n" + std::to_string(i) + ",Thing\n";
    for (int j = 0; j < 200000; ++j)
        edges += "n" + std::to_string(j % 2000) + ",n" + std::to_string(j * 7 % 2000) + ",t\n";
    std::mutex mutex;
    std::vector<BulkImportProgress> calls;
    std::vector<std::string> phases;
    BulkImportOptions options;
    options.progressInterval = std::chrono::milliseconds(1);
    options.progress = [&](const BulkImportProgress& p) {
        std::lock_guard lock(mutex);
        calls.push_back(p);
        if (phases.empty() || phases.back() != p.phase) phases.emplace_back(p.phase);
    };
    auto r =
        bulkImport(dir.sub("db"), write(dir, "n.csv", nodes), write(dir, "e.csv", edges), options);
    ASSERT_EQ(r.edges, 200000u);
    ASSERT_GE(calls.size(), 2u);
    EXPECT_EQ(phases.back(), "done");
    EXPECT_EQ(calls.back().fraction, 1.0);
    EXPECT_EQ(calls.back().rows, 202000u);
    EXPECT_EQ(calls.back().expectedRows, 202000u);
    const std::vector<std::string> order = {"reading nodes", "reading edges", "writing",
                                            "ingesting", "done"};
    size_t at = 0;
    for (const auto& phase : phases) {
        while (at < order.size() && order[at] != phase) ++at;
        EXPECT_LT(at, order.size()) << "phase out of order: " << phase;
    }
    for (size_t i = 0; i + 1 < calls.size(); ++i) {
        EXPECT_LE(calls[i].fraction, calls[i + 1].fraction);
        EXPECT_LT(calls[i].fraction, 1.0);
        EXPECT_LE(calls[i].rows, calls[i + 1].rows);
        EXPECT_LE(calls[i].rows, calls[i].expectedRows);
    }

    calls.clear();
    phases.clear();
    EXPECT_THROW(bulkImport(dir.sub("bad"), write(dir, "n2.csv", nodes),
                            write(dir, "e2.csv", edges + "n1,nobody,t\n"), options),
                 Error);
    for (const auto& p : calls) EXPECT_NE(p.phase, "done");
}

}  // namespace
}  // namespace kgraph::storage
