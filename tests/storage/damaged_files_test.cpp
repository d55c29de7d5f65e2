// Damaged database files and names that cannot be read back (issue 17, items 1 and 2):
// bytes flipped in a copy of a database's table and log files must be reported as damage,
// never answered from as if the damaged part were empty, and empty names are refused.
#include <gtest/gtest.h>
#include <rocksdb/db.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>

#include "engine/common/error.h"
#include "storage/consistency_check.h"
#include "storage/graph_store.h"
#include "storage/key_format.h"
#include "storage/store_internal.h"
#include "tests/temp_dir.h"

namespace kgraph::storage {
namespace {

namespace fs = std::filesystem;
using kgraph::testing::TempDir;

std::string errorOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const Error& e) {
        return e.what();
    }
    return "";
}

std::string readAll(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream b;
    b << in.rdbuf();
    return b.str();
}

void writeAll(const fs::path& p, const std::string& bytes) {
    std::ofstream(p, std::ios::binary | std::ios::trunc) << bytes;
}

// The files of `dir` whose name ends with `suffix`.
std::vector<fs::path> filesEnding(const std::string& dir, const std::string& suffix) {
    std::vector<fs::path> out;
    for (const auto& e : fs::directory_iterator(dir)) {
        if (e.path().string().ends_with(suffix)) out.push_back(e.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

// Flips one byte of the first occurrence of `marker` in one of `files`; false if absent.
// (Compressed blocks hold a marker name's random letters verbatim, not always its prefix.)
bool flipInside(const std::vector<fs::path>& files, const std::string& marker) {
    for (const auto& f : files) {
        std::string bytes = readAll(f);
        auto at = bytes.find(marker);
        if (at == std::string::npos) continue;
        bytes[at + marker.size() / 2] ^= 0x5a;
        writeAll(f, bytes);
        std::cerr << "flipped byte " << at + marker.size() / 2 << " of " << bytes.size() << " in "
                  << f.filename() << "\n";
        return true;
    }
    return false;
}

// A name no compression shortens: 24 pseudo-random letters (fixed seed per i) and i.
std::string markerName(int i) {
    std::mt19937 rng(static_cast<unsigned>(i) * 2654435761u + 17u);
    std::string s = "key_";
    for (int k = 0; k < 24; ++k) s += static_cast<char>('a' + rng() % 26);
    return s + "_" + std::to_string(i);
}

TEST(DamagedFilesTest, EmptyNamesAreRefusedByTheStore) {
    TempDir dir;
    auto store = GraphStore::open(dir.sub("db"));
    auto txn = store->write();
    NodeId a = txn->createNode({"Person"}, {{"name", PropertyValue(std::string("A"))}});
    EXPECT_NE(errorOf([&] { txn->createNode({""}, {}); }).find("empty label"), std::string::npos);
    EXPECT_NE(errorOf([&] {
                  txn->createNode({"X"}, {{"", PropertyValue(int64_t{1})}});
              }).find("empty property key"),
              std::string::npos);
    EXPECT_NE(errorOf([&] { txn->createEdge(a, a, "", {}); }).find("empty relationship type"),
              std::string::npos);
    EXPECT_NE(errorOf([&] {
                  txn->setNodeProperty(a, "", PropertyValue(int64_t{1}));
              }).find("empty property key"),
              std::string::npos);
    EXPECT_NE(errorOf([&] { txn->addLabel(a, ""); }).find("empty label"), std::string::npos);
    txn->commit();
    EXPECT_FALSE(store->read()->tokenId("").has_value());
    EXPECT_TRUE(checkConsistency(*store).ok());
}

TEST(DamagedFilesTest, EmptyNameInAnOlderDatabaseIsReadAndCheckReportsIt) {
    TempDir dir;
    std::string path = dir.sub("db");
    NodeId id = 0;
    {
        auto store = GraphStore::open(path);
        auto txn = store->write();
        id = txn->createNode({"Renamed"}, {});
        txn->commit();
        // What an older kgraph wrote for CREATE (:``): the dictionary entry of an empty name.
        auto t = *store->read()->tokenId("Renamed");
        std::string idBytes;
        keys::putU32(idBytes, t);
        auto& db = internal::rocksDb(*store);
        ASSERT_TRUE(db.Delete({}, std::string(1, keys::kTokenByName) + "Renamed").ok());
        ASSERT_TRUE(db.Put({}, std::string(1, keys::kTokenByName), idBytes).ok());
        ASSERT_TRUE(db.Put({}, std::string(1, keys::kTokenById) + idBytes, "").ok());
    }
    auto store = GraphStore::open(path);
    // Read as the store reads it: the node has the empty label (before: "unknown dictionary id").
    auto labels = store->read()->nodeLabels(id);
    ASSERT_EQ(labels.size(), 1u);
    EXPECT_EQ(labels[0], "");
    auto report = checkConsistency(*store);
    ASSERT_FALSE(report.ok());
    EXPECT_NE(report.problems[0].find("empty name"), std::string::npos) << report.problems[0];
    // And it can be repaired.
    auto txn = store->write();
    txn->removeLabel(id, "");
    txn->addLabel(id, "Named");
    txn->commit();
    EXPECT_EQ(store->read()->nodeLabels(id), std::vector<std::string>{"Named"});
}

TEST(DamagedFilesTest, DamagedDictionaryBlockIsReportedNotReadAsEmpty) {
    TempDir dir;
    std::string path = dir.sub("db");
    const int kKeys = 3000;  // dictionary entries over many 4 KB blocks
    {
        auto store = GraphStore::open(path);
        auto txn = store->write();
        PropertyMap props;
        for (int i = 0; i < kKeys; ++i) props.emplace(markerName(i), PropertyValue(int64_t{i}));
        txn->createNode({"Person"}, props);
        txn->commit();
    }
    {
        // Written into table files without compression, so that the names are in the file as
        // they are (compressed blocks are as damaged by a flip, but harder to aim at).
        auto options = internal::storeOptions();
        options.compression = rocksdb::kNoCompression;
        options.bottommost_compression = rocksdb::kNoCompression;
        rocksdb::DB* raw = nullptr;
        ASSERT_TRUE(rocksdb::DB::Open(options, path, &raw).ok());
        std::unique_ptr<rocksdb::DB> db(raw);
        ASSERT_TRUE(db->Flush(rocksdb::FlushOptions()).ok());
        ASSERT_TRUE(db->Close().ok());
    }
    auto tables = filesEnding(path, ".sst");
    ASSERT_FALSE(tables.empty());
    bool flipped = false;
    for (int i = kKeys - 100; i < kKeys && !flipped; ++i)
        flipped = flipInside(tables, markerName(i).substr(4, 24));
    ASSERT_TRUE(flipped) << "no dictionary name found verbatim in the table files";
    std::string msg = errorOf([&] {
        auto store = GraphStore::open(path, {.readOnly = true});
        // Before the fix the store opened with a partial dictionary and this answered 0.
        store->read()->scanLabel("Person", [](NodeId) { return true; });
        FAIL() << "a damaged dictionary was read as a shorter one";
    });
    EXPECT_NE(msg.find("damaged"), std::string::npos) << msg;
    EXPECT_EQ(msg.find("locked"), std::string::npos) << msg;
}

TEST(DamagedFilesTest, ChecksumMismatchIsNamedAsDamageNotAsALock) {
    TempDir dir;
    std::string path = dir.sub("db");
    {
        auto store = GraphStore::open(path);
        auto txn = store->write();
        txn->createNode({"Person"}, {{markerName(1), PropertyValue(int64_t{1})}});
        txn->commit();
        ASSERT_TRUE(internal::rocksDb(*store).Flush(rocksdb::FlushOptions()).ok());
    }
    // The format record sits in the first data block with everything else here.
    ASSERT_TRUE(flipInside(filesEnding(path, ".sst"), std::string(keys::kFormatVersion)));
    std::string msg = errorOf([&] { GraphStore::open(path, {.readOnly = true}); });
    EXPECT_NE(msg.find("damaged"), std::string::npos) << msg;
    EXPECT_EQ(msg.find("locked"), std::string::npos) << msg;
    msg = errorOf([&] { GraphStore::open(path); });
    EXPECT_NE(msg.find("damaged"), std::string::npos) << msg;
    EXPECT_EQ(msg.find("locked"), std::string::npos) << msg;
}

TEST(DamagedFilesTest, DamagedWalRecordIsReportedNotDropped) {
    TempDir dir;
    std::string path = dir.sub("db");
    {
        auto store = GraphStore::open(path);
        for (int i = 0; i < 3; ++i) {
            auto txn = store->write();
            NodeId a = txn->createNode({"Person"}, {{"name", PropertyValue(markerName(i))}});
            txn->createEdge(a, a, "knows", {});
            txn->commit();
        }
    }  // closed without a flush: the three commits are only in the write-ahead log
    auto logs = filesEnding(path, ".log");
    ASSERT_FALSE(logs.empty());
    // Damage the middle commit: before the fix it and every later one were dropped silently.
    ASSERT_TRUE(flipInside(logs, markerName(1).substr(4, 24)));
    for (bool readOnly : {true, false}) {
        std::string msg = errorOf([&] {
            auto store = GraphStore::open(path, {.readOnly = readOnly});
            FAIL() << "opened with " << store->read()->edgeCount() << " of 3 relationships";
        });
        EXPECT_NE(msg.find("damaged"), std::string::npos) << msg;
    }
}

TEST(DamagedFilesTest, TornLastWalRecordOfAKilledWriterIsDropped) {
    // A writer killed while appending its last record leaves it incomplete: that commit never
    // returned, so it is dropped and everything before it kept (crash safety).
    TempDir dir;
    std::string path = dir.sub("db");
    {
        auto store = GraphStore::open(path);
        for (int i = 0; i < 3; ++i) {
            auto txn = store->write();
            txn->createNode({"Person"}, {{"name", PropertyValue(markerName(i))}});
            txn->commit();
        }
    }
    auto logs = filesEnding(path, ".log");
    ASSERT_FALSE(logs.empty());
    std::string bytes = readAll(logs.back());
    auto at = bytes.find(markerName(2));
    ASSERT_NE(at, std::string::npos);
    writeAll(logs.back(), bytes.substr(0, at));
    auto store = GraphStore::open(path);
    EXPECT_EQ(store->read()->nodeCount(), 2u);
    EXPECT_TRUE(checkConsistency(*store).ok());
}

TEST(DamagedFilesTest, CheckNamesDamagedTableFiles) {
    TempDir dir;
    std::string path = dir.sub("db");
    {
        auto store = GraphStore::open(path);
        auto txn = store->write();
        for (int i = 0; i < 2000; ++i) {
            txn->createNode({"Person"}, {{"name", PropertyValue(markerName(i))}});
        }
        txn->commit();
        ASSERT_TRUE(internal::rocksDb(*store).Flush(rocksdb::FlushOptions()).ok());
    }
    bool flipped = false;
    for (int i = 1990; i < 2000 && !flipped; ++i) {
        flipped = flipInside(filesEnding(path, ".sst"), markerName(i).substr(4, 24));
    }
    ASSERT_TRUE(flipped);
    // The dictionary and the format record are intact: the store opens, check must not say ok.
    std::unique_ptr<GraphStore> store;
    try {
        store = GraphStore::open(path, {.readOnly = true});
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("damaged"), std::string::npos) << e.what();
        return;
    }
    auto report = checkConsistency(*store);
    ASSERT_FALSE(report.ok());
    EXPECT_NE(report.problems[0].find("damaged"), std::string::npos) << report.problems[0];
}

}  // namespace
}  // namespace kgraph::storage
