// Safety: refusing foreign or other-format directories without writing, and
// write errors (a full disk) that abort the current document and leave the
// database as it was.
#include <gtest/gtest.h>
#include <rocksdb/db.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "engine/common/error.h"
#include "storage/consistency_check.h"
#include "storage/document_ingest.h"
#include "storage/graph_store.h"
#include "storage/key_format.h"
#include "storage/store_internal.h"
#include "tests/storage/failing_file_system.h"
#include "tests/temp_dir.h"

namespace kgraph::storage {
namespace {

namespace fs = std::filesystem;
using kgraph::testing::FailingFileSystem;
using kgraph::testing::TempDir;

// Every file under `dir`: size and modification time.
std::map<std::string, std::pair<uintmax_t, fs::file_time_type>> listing(const std::string& dir) {
    std::map<std::string, std::pair<uintmax_t, fs::file_time_type>> out;
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
        out[e.path().string()] = {e.is_regular_file() ? e.file_size() : 0, e.last_write_time()};
    }
    return out;
}

std::vector<std::pair<std::string, std::string>> dump(GraphStore& store) {
    std::vector<std::pair<std::string, std::string>> out;
    internal::rawSnapshot(store)->scan("", [&](std::string_view k, std::string_view v) {
        out.emplace_back(k, v);
        return true;
    });
    return out;
}

std::string errorOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const Error& e) {
        return e.what();
    }
    return "";
}

DocumentInput doc(const std::string& id, int facts) {
    DocumentInput d;
    d.id = id;
    d.path = id;
    d.sha256 = "sha-" + id;
    d.sentences = static_cast<uint32_t>(facts);
    d.entities = {{"Person", "Xi Jinping", {"Xi"}, 1}, {"Country", "Kazakhstan", {}, 1}};
    for (int i = 0; i < facts; ++i) {
        d.facts.push_back({0,
                           1,
                           "fact_" + std::to_string(i),
                           "text",
                           0.5,
                           false,
                           "",
                           "",
                           {{static_cast<uint32_t>(i + 1), 0, 10, std::string(200, 'x')}},
                           "",
                           "",
                           false,
                           "",
                           ""});
    }
    return d;
}

TEST(SafetyTest, OtherFormatIsRefusedAndNothingIsWritten) {
    TempDir dir;
    std::string path = dir.sub("db");
    {
        auto store = GraphStore::open(path);
        ingestDocument(*store, doc("a.txt", 2));
    }
    {
        rocksdb::DB* raw = nullptr;
        ASSERT_TRUE(rocksdb::DB::Open(internal::storeOptions(), path, &raw).ok());
        raw->Put({}, keys::meta(keys::kMetaFormat), "kgraph-format-0");
        delete raw;
    }
    auto before = listing(path);
    for (bool readOnly : {false, true}) {
        std::string msg = errorOf([&] { GraphStore::open(path, {.readOnly = readOnly}); });
        EXPECT_NE(msg.find("has database format 'kgraph-format-0'"), std::string::npos) << msg;
        EXPECT_EQ(listing(path), before) << "readOnly=" << readOnly;
    }
}

TEST(SafetyTest, ForeignDirectoriesAreRefusedAndNothingIsWritten) {
    TempDir dir;
    // A directory of someone's files.
    std::string notes = dir.sub("notes");
    fs::create_directories(notes);
    std::ofstream(notes + "/todo.txt") << "mine";
    // A RocksDB database that is not kgraph's.
    std::string other = dir.sub("other");
    {
        rocksdb::Options o;
        o.create_if_missing = true;
        rocksdb::DB* raw = nullptr;
        ASSERT_TRUE(rocksdb::DB::Open(o, other, &raw).ok());
        raw->Put({}, "hello", "world");
        delete raw;
    }
    for (const auto& path : {notes, other}) {
        auto before = listing(path);
        for (bool readOnly : {false, true}) {
            std::string msg = errorOf([&] { GraphStore::open(path, {.readOnly = readOnly}); });
            EXPECT_NE(msg.find("not a kgraph database"), std::string::npos) << msg;
            EXPECT_EQ(listing(path), before) << path << " readOnly=" << readOnly;
        }
    }
}

TEST(SafetyTest, ReadOnlyOpenWritesNothing) {
    TempDir dir;
    std::string path = dir.sub("db");
    {
        auto store = GraphStore::open(path);
        ingestDocument(*store, doc("a.txt", 1));
    }
    auto before = listing(path);
    {
        auto store = GraphStore::open(path, {.readOnly = true});
        EXPECT_EQ(store->read()->labelCount("Person"), 1u);
        EXPECT_TRUE(checkConsistency(*store).ok());
    }
    EXPECT_EQ(listing(path), before);
}

TEST(SafetyTest, FullDiskAbortsTheDocumentAndLeavesTheDatabaseAsItWas) {
    // Fail at several points inside the document's write-ahead-log record:
    // nothing written, a torn record, all but the last bytes.
    for (int64_t budget : {0, 1, 100, 1000, 3000}) {
        TempDir dir;
        std::string path = dir.sub("db");
        auto failing = std::make_shared<FailingFileSystem>();
        auto env = rocksdb::NewCompositeEnv(failing);
        std::vector<std::pair<std::string, std::string>> before;
        {
            auto store = GraphStore::open(path, {.env = env.get()});
            ingestDocument(*store, doc("a.txt", 2));
            before = dump(*store);
            failing->failAfter(budget);
            std::string msg = errorOf([&] { ingestDocument(*store, doc("b.txt", 20)); });
            EXPECT_NE(msg.find("could not write to the database"), std::string::npos) << msg;
            EXPECT_NE(msg.find("No space left on device"), std::string::npos) << msg;
            EXPECT_NE(msg.find("nothing from this operation was stored"), std::string::npos) << msg;
            EXPECT_GT(failing->failures(), 0u);
            // Further writes fail too while the disk is full; reads still work.
            EXPECT_FALSE(errorOf([&] { ingestDocument(*store, doc("c.txt", 1)); }).empty());
            EXPECT_EQ(store->read()->labelCount("Document"), 1u);
        }
        // Space again: the database is exactly as before the failed document.
        auto store = GraphStore::open(path);
        EXPECT_EQ(dump(*store), before) << "budget " << budget;
        auto report = checkConsistency(*store);
        EXPECT_TRUE(report.ok()) << "budget " << budget << ": "
                                 << (report.problems.empty() ? "" : report.problems[0]);
        EXPECT_FALSE(storedDocumentHash(*store->read(), "b.txt"));
        // And it takes the document now.
        EXPECT_EQ(ingestDocument(*store, doc("b.txt", 20)).outcome, IngestOutcome::Added);
        EXPECT_TRUE(checkConsistency(*store).ok());
    }
}

TEST(SafetyTest, FailedFlushLosesNothingCommitted) {
    TempDir dir;
    std::string path = dir.sub("db");
    auto failing = std::make_shared<FailingFileSystem>();
    auto env = rocksdb::NewCompositeEnv(failing);
    std::vector<std::pair<std::string, std::string>> before;
    {
        auto store = GraphStore::open(path, {.env = env.get()});
        ingestDocument(*store, doc("a.txt", 3));
        before = dump(*store);
        failing->failAfter(10);
        // Writing the memtable to an SST file fails half way.
        EXPECT_FALSE(internal::rocksDb(*store).Flush({}).ok());
    }
    auto store = GraphStore::open(path);
    EXPECT_EQ(dump(*store), before);
    EXPECT_TRUE(checkConsistency(*store).ok());
}

}  // namespace
}  // namespace kgraph::storage
