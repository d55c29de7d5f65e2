#include "storage/document_ingest.h"

#include <gtest/gtest.h>

#include "storage/mention_record.h"
#include "tests/temp_dir.h"

namespace kgraph::storage {
namespace {

using kgraph::testing::TempDir;

DocumentInput makeDoc(const std::string& id, const std::string& sha, bool withCall) {
    DocumentInput d;
    d.id = id;
    d.path = "samples/" + id;
    d.title = "Title of " + id;
    d.sha256 = sha;
    d.sentences = 2;
    d.entities = {{"Person", "Xi Jinping", {"Xi Jinping", "Xi"}, 2},
                  {"Person", "Kassym-Jomart Tokayev", {"Tokayev"}, 1}};
    d.facts.push_back({0,
                       1,
                       "send_message_to",
                       "sent a message to",
                       0.9,
                       false,
                       "",
                       "2022-01-07",
                       {{1, 0, 40, "Xi sent a message to Tokayev."}},
                       "",
                       "",
                       false,
                       "",
                       ""});
    if (withCall) {
        d.facts.push_back({0,
                           1,
                           "call",
                           "called",
                           0.8,
                           false,
                           "",
                           "",
                           {{2, 41, 60, "Xi called Tokayev."}},
                           "",
                           "",
                           false,
                           "",
                           ""});
    }
    return d;
}

std::optional<Edge> findEdge(GraphView& v, const std::string& type) {
    std::optional<Edge> out;
    v.scanEdgesOfType(type, [&](EdgeId id) {
        out = v.edge(id);
        return false;
    });
    return out;
}

TEST(DocumentIngestTest, MergesEntitiesAndFactsAcrossDocuments) {
    TempDir dir;
    auto store = GraphStore::open(dir.sub("db"));
    EXPECT_EQ(ingestDocument(*store, makeDoc("a.txt", "h1", false)).outcome, IngestOutcome::Added);
    EXPECT_EQ(ingestDocument(*store, makeDoc("b.txt", "h2", true)).outcome, IngestOutcome::Added);
    auto r = store->read();
    EXPECT_EQ(r->labelCount("Person"), 2u);
    EXPECT_EQ(r->labelCount("Document"), 2u);
    EXPECT_EQ(r->typeCount("send_message_to"), 1u);
    auto fact = findEdge(*r, "send_message_to");
    ASSERT_TRUE(fact);
    EXPECT_EQ(fact->props.at("mentions"), PropertyValue(int64_t{2}));
    EXPECT_EQ(fact->props.at("sources"), PropertyValue(PropertyList{"a.txt", "b.txt"}));
    EXPECT_EQ(fact->props.at("date"), PropertyValue("2022-01-07"));
    int mentions = 0;
    r->scanAux(AuxSpace::Mention, mentionPrefix(fact->id),
               [&](std::string_view, std::string_view v) {
                   EXPECT_EQ(decodeMention(v).text, "Xi sent a message to Tokayev.");
                   ++mentions;
                   return true;
               });
    EXPECT_EQ(mentions, 2);
}

TEST(DocumentIngestTest, AHedgedFactIsItsOwnRelationshipWithItsModality) {
    TempDir dir;
    auto store = GraphStore::open(dir.sub("db"));
    DocumentInput d = makeDoc("a.txt", "h1", false);
    FactInput hedged = d.facts.front();
    hedged.modality = "could";
    hedged.mentions = {{2, 41, 70, "Xi could send a message to Tokayev."}};
    d.facts.push_back(hedged);
    ingestDocument(*store, d);
    auto r = store->read();
    EXPECT_EQ(r->typeCount("send_message_to"), 2u);
    int hedgedSeen = 0, plainSeen = 0;
    r->scanEdgesOfType("send_message_to", [&](EdgeId id) {
        auto e = r->edge(id);
        auto it = e->props.find("modality");
        if (it == e->props.end()) {
            ++plainSeen;
        } else {
            EXPECT_EQ(it->second, PropertyValue("could"));
            ++hedgedSeen;
        }
        return true;
    });
    EXPECT_EQ(hedgedSeen, 1);
    EXPECT_EQ(plainSeen, 1);
}

TEST(DocumentIngestTest, CatchAllFactsWithOtherPredicatesStayApartAcrossDocuments) {
    TempDir dir;
    auto store = GraphStore::open(dir.sub("db"));
    // Two documents: one type stated by two verbs merges; the catch-all does not.
    for (const char* id : {"a.txt", "b.txt"}) {
        DocumentInput d = makeDoc(id, std::string("h-") + id, false);
        bool first = std::string(id) == "a.txt";
        d.facts.front().type = "messages";
        d.facts.front().predicate = first ? "send_message_to" : "send_letter_to";
        FactInput other = d.facts.front();
        other.type = "related_to";
        other.predicate = first ? "praise" : "visit";
        other.predicateIsIdentity = true;
        d.facts.push_back(other);
        ingestDocument(*store, d);
    }
    auto r = store->read();
    EXPECT_EQ(r->typeCount("messages"), 1u);
    EXPECT_EQ(r->typeCount("related_to"), 2u);
    r->scanEdgesOfType("messages", [&](EdgeId id) {
        auto e = r->edge(id);
        EXPECT_EQ(e->props.at("predicate"), PropertyValue("send_message_to"));  // the first seen
        EXPECT_EQ(e->props.at("mentions"), PropertyValue(int64_t{2}));
        return true;
    });
}

TEST(DocumentIngestTest, UnchangedDocumentIsANoOp) {
    TempDir dir;
    auto store = GraphStore::open(dir.sub("db"));
    ingestDocument(*store, makeDoc("a.txt", "h1", true));
    EXPECT_EQ(ingestDocument(*store, makeDoc("a.txt", "h1", true)).outcome,
              IngestOutcome::Unchanged);
    auto r = store->read();
    EXPECT_EQ(r->labelCount("Document"), 1u);
    EXPECT_EQ(findEdge(*r, "call")->props.at("mentions"), PropertyValue(int64_t{1}));
}

TEST(DocumentIngestTest, ChangedDocumentReplacesItsContribution) {
    TempDir dir;
    auto store = GraphStore::open(dir.sub("db"));
    ingestDocument(*store, makeDoc("a.txt", "h1", true));
    ingestDocument(*store, makeDoc("b.txt", "h2", false));
    // a.txt changes and no longer supports `call`.
    EXPECT_EQ(ingestDocument(*store, makeDoc("a.txt", "h3", false)).outcome,
              IngestOutcome::Replaced);
    auto r = store->read();
    EXPECT_EQ(r->typeCount("call"), 0u);
    EXPECT_EQ(r->labelCount("Document"), 2u);
    auto fact = findEdge(*r, "send_message_to");
    EXPECT_EQ(fact->props.at("mentions"), PropertyValue(int64_t{2}));
    std::optional<NodeId> xi;
    r->findByName("Xi Jinping", [&](NodeId id) {
        xi = id;
        return false;
    });
    ASSERT_TRUE(xi);
    EXPECT_EQ(r->nodeProperty(*xi, "mentions"), PropertyValue(int64_t{4}));
    EXPECT_EQ(storedDocumentHash(*r, "a.txt"), "h3");
}

}  // namespace
}  // namespace kgraph::storage
