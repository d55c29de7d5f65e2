#include "storage/consistency_check.h"

#include <gtest/gtest.h>

#include "storage/document_ingest.h"
#include "storage/key_format.h"
#include "storage/mention_record.h"
#include "storage/store_internal.h"
#include "tests/temp_dir.h"

namespace kgraph::storage {
namespace {

using kgraph::testing::TempDir;

DocumentInput sampleDoc(const std::string& id, const std::string& sha) {
    DocumentInput d;
    d.id = id;
    d.path = id;
    d.sha256 = sha;
    d.sentences = 1;
    d.entities = {{"Person", "Wang Yi", {"Wang"}, 1}, {"Person", "Mukhtar Tileuberdi", {}, 1}};
    d.facts.push_back({0,
                       1,
                       "call",
                       "called",
                       0.9,
                       false,
                       "",
                       "",
                       {{1, 0, 30, "Wang Yi called Tileuberdi."}},
                       "",
                       "",
                       false,
                       "",
                       ""});
    return d;
}

std::string joined(const CheckReport& r) {
    std::string out;
    for (const auto& p : r.problems) out += p + "\n";
    return out;
}

uint64_t checkedCount(const CheckReport& r, const std::string& what) {
    for (const auto& [name, n] : r.checked) {
        if (name == what) return n;
    }
    return ~uint64_t{0};
}

// Ids of the records populate() creates, for damaging them on purpose.
struct Ids {
    TokenId person, location, near;
    NodeId wang, china, nameless;
    EdgeId call, near2;
};

// A store with two documents and some direct writes (labels changed, edges deleted).
Ids populate(GraphStore& store) {
    ingestDocument(store, sampleDoc("a.txt", "h1"));
    ingestDocument(store, sampleDoc("b.txt", "h2"));
    ingestDocument(store, sampleDoc("a.txt", "h3"));  // replaced
    auto w = store.write();
    Ids ids{};
    ids.china = w->createNode({"Country"}, {{"name", "China"}});
    ids.nameless = w->createNode({}, {{"name", "nameless"}});
    EdgeId e = w->createEdge(ids.china, ids.nameless, "near", {});
    ids.near2 = w->createEdge(ids.nameless, ids.china, "near", {});
    w->addLabel(ids.nameless, "Location");
    w->removeLabel(ids.china, "Country");
    w->deleteEdge(e);
    w->commit();
    w.reset();
    auto r = store.read();
    ids.person = *r->tokenId("Person");
    ids.location = *r->tokenId("Location");
    ids.near = *r->tokenId("near");
    r->findByName("Wang Yi", [&](NodeId id) { return ids.wang = id, false; });
    r->scanEdgesOfType("call", [&](EdgeId id) { return ids.call = id, false; });
    return ids;
}

TEST(ConsistencyCheckTest, CleanDatabasePasses) {
    TempDir dir;
    auto store = GraphStore::open(dir.sub("db"));
    populate(*store);
    auto report = checkConsistency(*store);
    EXPECT_TRUE(report.ok()) << joined(report);
    EXPECT_TRUE(report.warnings.empty());
    EXPECT_EQ(checkedCount(report, "nodes"), 6u);          // 2 documents, 2 people, China, nameless
    EXPECT_EQ(checkedCount(report, "relationships"), 6u);  // 4 MENTIONED_IN, call, near
    EXPECT_EQ(checkedCount(report, "documents"), 2u);
    EXPECT_EQ(checkedCount(report, "fact mentions"), 2u);
    EXPECT_EQ(checkedCount(report, "outgoing adjacency entries"), 6u);
}

struct Corruption {
    const char* name;
    std::function<void(rocksdb::DB&)> damage;
    std::string expected;  // a substring of one reported problem
};

TEST(ConsistencyCheckTest, NamesEveryKindOfDamage) {
    auto del = [](std::string key) { return [key](rocksdb::DB& db) { db.Delete({}, key); }; };
    auto put = [](std::string key, std::string value) {
        return [key, value](rocksdb::DB& db) { db.Put({}, key, value); };
    };
    std::string bigCount;
    keys::putU64(bigCount, 99);
    TempDir probeDir;
    Ids ids = populate(*GraphStore::open(probeDir.sub("db")));
    const Corruption cases[] = {
        {"missing label entry", del(keys::label(ids.person, ids.wang)),
         "has label 'Person' but no label index entry"},
        {"stray label entry", put(keys::label(ids.person, ids.china), ""),
         "label index entry ('Person', node " + std::to_string(ids.china)},
        {"missing name entry", del(keys::name("China", ids.china)),
         "named 'China' but has no name index entry"},
        {"missing out entry",
         del(keys::adjacency('o', ids.nameless, ids.near, ids.china, ids.near2)),
         "no entry in the outgoing adjacency index"},
        {"stray in entry", put(keys::adjacency('i', ids.china, ids.near, ids.nameless, 99), ""),
         "incoming adjacency index entry"},
        {"missing type entry", del(keys::type(ids.near, ids.near2)), "has no type index entry"},
        {"wrong count", put(keys::count('L', ids.person), bigCount),
         "count of label 'Person' is 99"},
        {"wrong pattern count", put(keys::patternCount(ids.person, 0, 0), bigCount),
         "pattern count ('Person')-[any]->(any) is 99"},
        {"missing pattern count", del(keys::patternCount(ids.location, ids.near, 0)),
         "pattern count ('Location')-['near']->(any) is missing"},
        {"dictionary one way", del(std::string("dPerson")), "has no matching name -> id entry"},
        {"lost mention", del(std::string(1, 'M') + mentionKey(ids.call, 1)),
         "mentions of relationship"},
        {"node without record", del(keys::node(ids.nameless)), "which does not exist"},
    };
    for (const auto& c : cases) {
        TempDir dir;
        auto store = GraphStore::open(dir.sub("db"));
        EXPECT_EQ(populate(*store).near2, ids.near2);
        ASSERT_TRUE(checkConsistency(*store).ok()) << c.name;
        c.damage(internal::rocksDb(*store));
        auto report = checkConsistency(*store);
        EXPECT_FALSE(report.ok()) << c.name;
        EXPECT_NE(joined(report).find(c.expected), std::string::npos)
            << c.name << ": expected '" << c.expected << "' in:\n"
            << joined(report);
    }
}

TEST(ConsistencyCheckTest, DeletedDocumentNodeIsAWarning) {
    TempDir dir;
    auto store = GraphStore::open(dir.sub("db"));
    ingestDocument(*store, sampleDoc("a.txt", "h1"));
    auto w = store->write();
    w->detachDeleteNode(1);
    w->commit();
    auto report = checkConsistency(*store);
    EXPECT_TRUE(report.ok()) << joined(report);
    ASSERT_EQ(report.warnings.size(), 1u);
    EXPECT_NE(report.warnings[0].find("no longer exists"), std::string::npos);
}

}  // namespace
}  // namespace kgraph::storage
