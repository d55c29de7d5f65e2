#include "storage/graph_store.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <thread>

#include "engine/common/error.h"
#include "tests/temp_dir.h"

namespace kgraph::storage {
namespace {

using kgraph::testing::TempDir;

std::vector<NodeId> collectNodes(const std::function<void(const NodeCallback&)>& scan) {
    std::vector<NodeId> out;
    scan([&](NodeId id) {
        out.push_back(id);
        return true;
    });
    return out;
}

TEST(GraphStoreTest, CreatesAndReadsNodesAndEdges) {
    TempDir dir;
    auto store = GraphStore::open(dir.sub("db"));
    NodeId a, b;
    EdgeId e;
    {
        auto w = store->write();
        a = w->createNode({"Person"}, {{"name", "Xi Jinping"}});
        b = w->createNode({"Person"}, {{"name", "Kassym-Jomart Tokayev"}});
        e = w->createEdge(a, b, "send_message_to", {{"mentions", 1}});
        // Read-your-writes inside the transaction.
        EXPECT_EQ(w->node(a)->props.at("name"), PropertyValue("Xi Jinping"));
        w->commit();
    }
    auto r = store->read();
    auto edge = r->edge(e);
    ASSERT_TRUE(edge);
    EXPECT_EQ(edge->src, a);
    EXPECT_EQ(edge->dst, b);
    EXPECT_EQ(edge->type, "send_message_to");
    EXPECT_EQ(r->nodeCount(), 2u);
    EXPECT_EQ(r->edgeCount(), 1u);
    EXPECT_EQ(r->labelCount("Person"), 2u);
    EXPECT_EQ(r->typeCount("send_message_to"), 1u);
    EXPECT_EQ(r->nodeProperty(b, "name"), PropertyValue("Kassym-Jomart Tokayev"));
    EXPECT_TRUE(r->nodeProperty(b, "nope").isNull());
}

TEST(GraphStoreTest, SkippedEdgeIdsStayUnusedAcrossCommits) {
    TempDir dir;
    auto store = GraphStore::open(dir.sub("db"));
    EdgeId first, skipped, after;
    {
        auto w = store->write();
        NodeId a = w->createNode({"Person"}, {{"name", "A"}});
        NodeId b = w->createNode({"Person"}, {{"name", "B"}});
        first = w->createEdge(a, b, "knows", {});
        w->skipEdgeIdsTo(first + 10);
        skipped = w->createEdge(a, b, "knows", {});
        w->skipEdgeIdsTo(first);  // never backwards
        w->commit();
    }
    EXPECT_EQ(skipped, first + 10);
    {
        auto w = store->write();
        NodeId a = w->createNode({"Person"}, {{"name", "C"}});
        after = w->createEdge(a, a, "knows", {});
        w->commit();
    }
    EXPECT_EQ(after, skipped + 1);
    auto r = store->read();
    EXPECT_EQ(r->edgeCount(), 3u);
    EXPECT_FALSE(r->edge(first + 1));
}

TEST(GraphStoreTest, UncommittedTransactionLeavesNothing) {
    TempDir dir;
    auto store = GraphStore::open(dir.sub("db"));
    {
        auto w = store->write();
        w->createNode({"Person"}, {{"name", "Ghost"}});
    }
    EXPECT_EQ(store->read()->nodeCount(), 0u);
}

TEST(GraphStoreTest, ExpandIsDirectionalAndTyped) {
    TempDir dir;
    auto store = GraphStore::open(dir.sub("db"));
    auto w = store->write();
    NodeId a = w->createNode({"Country"}, {{"name", "China"}});
    NodeId b = w->createNode({"Country"}, {{"name", "Kazakhstan"}});
    w->createEdge(a, b, "support", {});
    w->createEdge(a, b, "neighbor_of", {});
    w->createEdge(b, a, "thank", {});
    w->createEdge(a, a, "self", {});
    w->commit();
    auto r = store->read();
    auto count = [&](NodeId n, Direction d, std::optional<std::string_view> t) {
        int c = 0;
        r->expand(n, d, t, [&](const Adjacent&) {
            ++c;
            return true;
        });
        return c;
    };
    EXPECT_EQ(count(a, Direction::Outgoing, std::nullopt), 3);
    EXPECT_EQ(count(a, Direction::Incoming, std::nullopt), 2);
    EXPECT_EQ(count(a, Direction::Both, std::nullopt), 4);  // the self-loop once
    EXPECT_EQ(count(a, Direction::Outgoing, "support"), 1);
    EXPECT_EQ(count(a, Direction::Outgoing, "unknown_type"), 0);
    EXPECT_EQ(count(b, Direction::Incoming, "neighbor_of"), 1);
}

// Expanding every node inside a node scan reuses iterators positioned by earlier scans, and
// degree() counts keys: both must agree with the relationships as created, nodes without
// relationships and self-loops included, also inside a write transaction.
TEST(GraphStoreTest, ExpandAndDegreeInScanOrderMatchTheRelationships) {
    TempDir dir;
    auto store = GraphStore::open(dir.sub("db"));
    const char* types[] = {"a", "b", "c"};
    struct Rel {
        NodeId src, dst;
        std::string type;
    };
    std::vector<Rel> rels;
    std::vector<NodeId> nodes;
    auto w = store->write();
    for (int i = 0; i < 40; ++i) {
        nodes.push_back(w->createNode({"N"}, {{"name", "n" + std::to_string(i)}, {"i", i}}));
    }
    for (int i = 0; i < 40; ++i) {
        if (i % 5 == 3) continue;  // some nodes have no relationships at all
        for (int k = 0; k < i % 4; ++k) {
            int j = (i * 7 + k * 13) % 40;
            if (j % 5 == 3) j = i;  // self-loops
            rels.push_back({nodes[i], nodes[j], types[(i + k) % 3]});
            w->createEdge(nodes[i], nodes[j], rels.back().type, {});
        }
    }
    auto expected = [&](NodeId n, Direction d, std::optional<std::string_view> t) {
        uint64_t c = 0;
        for (const auto& r : rels) {
            if (t && r.type != *t) continue;
            bool out = r.src == n, in = r.dst == n;
            if (d == Direction::Outgoing) c += out;
            if (d == Direction::Incoming) c += in;
            if (d == Direction::Both) c += out || in;
        }
        return c;
    };
    auto check = [&](GraphView& v) {
        size_t visited = 0;
        v.scanNodes([&](NodeId n) {
            ++visited;
            for (Direction d : {Direction::Outgoing, Direction::Incoming, Direction::Both}) {
                for (std::optional<std::string_view> t :
                     {std::optional<std::string_view>(), std::optional<std::string_view>("b")}) {
                    uint64_t seen = 0;
                    v.expand(n, d, t, [&](const Adjacent&) {
                        ++seen;
                        return true;
                    });
                    EXPECT_EQ(seen, expected(n, d, t)) << n;
                    EXPECT_EQ(v.degree(n, d, t), expected(n, d, t)) << n;
                }
            }
            // Served from the scanned record: the same as a lookup.
            EXPECT_EQ(v.nodeProperty(n, "i"), PropertyValue(static_cast<int64_t>(n - nodes[0])));
            EXPECT_EQ(v.nodeLabels(n), std::vector<std::string>{"N"});
            return true;
        });
        EXPECT_EQ(visited, nodes.size());
    };
    check(*w);
    w->commit();
    w.reset();
    auto r = store->read();
    check(*r);
    check(*r);  // the iterators left by the first pass
    // The degree counts follow deletions (of a self-loop, a relationship, a node's all).
    auto w2 = store->write();
    std::vector<EdgeId> doomed;
    w2->expand(nodes[9], Direction::Both, std::nullopt, [&](const Adjacent& a) {
        doomed.push_back(a.edge);
        return true;
    });
    w2->detachDeleteNode(nodes[9]);
    std::erase_if(rels, [&](const Rel& x) { return x.src == nodes[9] || x.dst == nodes[9]; });
    EdgeId first = 0;
    w2->expand(nodes[2], Direction::Outgoing, std::nullopt, [&](const Adjacent& a) {
        first = a.edge;
        return false;
    });
    ASSERT_NE(first, 0u);
    auto e = w2->edge(first);
    w2->deleteEdge(first);
    auto gone = std::find_if(rels.begin(), rels.end(), [&](const Rel& x) {
        return x.src == e->src && x.dst == e->dst && x.type == e->type;
    });
    ASSERT_NE(gone, rels.end());
    rels.erase(gone);
    nodes.erase(std::find(nodes.begin(), nodes.end(), nodes[9]));
    w2->commit();
    auto r2 = store->read();
    r2->scanNodes([&](NodeId n) {
        for (Direction d : {Direction::Outgoing, Direction::Incoming, Direction::Both}) {
            EXPECT_EQ(r2->degree(n, d, std::nullopt), expected(n, d, std::nullopt)) << n;
        }
        return true;
    });
}

TEST(GraphStoreTest, IndexesAnswerLabelNameAndPrefix) {
    TempDir dir;
    auto store = GraphStore::open(dir.sub("db"));
    auto w = store->write();
    NodeId wangYi = w->createNode({"Person"}, {{"name", "Wang Yi"}});
    NodeId wangWenbin = w->createNode({"Person"}, {{"name", "Wang Wenbin"}});
    NodeId china = w->createNode({"Country"}, {{"name", "China"}});
    w->commit();
    auto r = store->read();
    EXPECT_EQ(collectNodes([&](auto& f) { r->scanLabel("Person", f); }),
              (std::vector<NodeId>{wangYi, wangWenbin}));
    EXPECT_EQ(collectNodes([&](auto& f) { r->findByName("Wang Yi", f); }),
              (std::vector<NodeId>{wangYi}));
    EXPECT_EQ(collectNodes([&](auto& f) { r->findByName("Wang", f); }), (std::vector<NodeId>{}));
    EXPECT_EQ(collectNodes([&](auto& f) { r->findByNamePrefix("Wang", f); }),
              (std::vector<NodeId>{wangWenbin, wangYi}));  // name order
    EXPECT_EQ(collectNodes([&](auto& f) { r->scanNodes(f); }),
              (std::vector<NodeId>{wangYi, wangWenbin, china}));
}

TEST(GraphStoreTest, SetPropertyMovesNameIndexAndDeleteKeepsCountsExact) {
    TempDir dir;
    auto store = GraphStore::open(dir.sub("db"));
    auto w = store->write();
    NodeId a = w->createNode({"Person"}, {{"name", "Tokayev"}});
    NodeId b = w->createNode({"Country"}, {{"name", "Kazakhstan"}});
    w->createEdge(a, b, "president_of", {});
    w->setNodeProperty(a, "name", PropertyValue("Kassym-Jomart Tokayev"));
    EXPECT_THROW(w->deleteNode(a), Error);
    w->detachDeleteNode(b);
    w->commit();
    auto r = store->read();
    EXPECT_TRUE(collectNodes([&](auto& f) { r->findByName("Tokayev", f); }).empty());
    EXPECT_EQ(collectNodes([&](auto& f) { r->findByName("Kassym-Jomart Tokayev", f); }).size(), 1u);
    EXPECT_EQ(r->nodeCount(), 1u);
    EXPECT_EQ(r->edgeCount(), 0u);
    EXPECT_EQ(r->labelCount("Country"), 0u);
    EXPECT_EQ(r->typeCount("president_of"), 0u);
    EXPECT_EQ(r->labelCounts(), (std::vector<std::pair<std::string, uint64_t>>{{"Person", 1}}));
}

TEST(GraphStoreTest, PatternCountsFollowEveryWrite) {
    TempDir dir;
    auto store = GraphStore::open(dir.sub("db"));
    auto w = store->write();
    NodeId xi = w->createNode({"Person"}, {{"name", "Xi Jinping"}});
    NodeId tok = w->createNode({"Person"}, {{"name", "Tokayev"}});
    NodeId kz = w->createNode({"Country"}, {{"name", "Kazakhstan"}});
    NodeId bare = w->createNode({}, {{"name", "unlabelled"}});
    w->createEdge(xi, tok, "send_message_to", {});
    EdgeId pres = w->createEdge(tok, kz, "president_of", {});
    w->createEdge(tok, kz, "president_of", {});  // multiplicity counts
    w->createEdge(kz, kz, "self", {});
    w->createEdge(bare, kz, "near", {});
    // Read-your-writes inside the transaction.
    EXPECT_EQ(w->patternCount("Person", "president_of", "Country"), 2u);
    w->commit();
    {
        auto r = store->read();
        EXPECT_EQ(r->patternCount("Person", "send_message_to", "Person"), 1u);
        EXPECT_EQ(r->patternCount("Person", "president_of", "Country"), 2u);
        EXPECT_EQ(r->patternCount("Person", "", "Country"), 2u);
        EXPECT_EQ(r->patternCount("Person", "", ""), 3u);
        EXPECT_EQ(r->patternCount("", "", "Country"), 4u);
        EXPECT_EQ(r->patternCount("", "near", "Country"), 1u);
        EXPECT_EQ(r->patternCount("", "near", ""), 1u);
        EXPECT_EQ(r->patternCount("", "", ""), 5u);
        EXPECT_EQ(r->patternCount("Country", "self", "Country"), 1u);
        EXPECT_EQ(r->patternCount("Country", "president_of", "Person"), 0u);
        EXPECT_EQ(r->patternCount("Unknown", "", ""), 0u);
        auto all = r->patternCounts();
        ASSERT_EQ(all.size(), 3u);
        EXPECT_EQ(all[0].srcLabel, "Country");
        EXPECT_EQ(all[0].type, "self");
        EXPECT_EQ(all[1].type, "president_of");
        EXPECT_EQ(all[1].count, 2u);
    }
    w.reset();
    w = store->write();
    w->addLabel(kz, "Location");    // relabels a self-loop and two incoming edges
    w->addLabel(bare, "Location");  // and one outgoing edge
    w->removeLabel(tok, "Person");
    w->deleteEdge(pres);
    w->commit();
    auto r = store->read();
    EXPECT_EQ(r->patternCount("Person", "president_of", "Country"), 0u);
    EXPECT_EQ(r->patternCount("", "president_of", "Location"), 1u);
    EXPECT_EQ(r->patternCount("Location", "self", "Location"), 1u);
    EXPECT_EQ(r->patternCount("Country", "self", "Location"), 1u);
    EXPECT_EQ(r->patternCount("Location", "self", "Country"), 1u);
    EXPECT_EQ(r->patternCount("Location", "near", "Location"), 1u);
    EXPECT_EQ(r->patternCount("Location", "", ""), 2u);
    EXPECT_EQ(r->patternCount("Person", "send_message_to", ""), 1u);
    EXPECT_EQ(r->patternCount("", "send_message_to", "Person"), 0u);
    w.reset();
    w = store->write();
    w->detachDeleteNode(kz);
    w->commit();
    r = store->read();
    EXPECT_EQ(r->patternCount("", "", "Location"), 0u);
    EXPECT_EQ(r->patternCount("", "", ""), 1u);
    EXPECT_EQ(r->patternCounts().size(), 0u);  // xi -> tok: tok has no label now
}

TEST(GraphStoreTest, DataSurvivesReopen) {
    TempDir dir;
    {
        auto store = GraphStore::open(dir.sub("db"));
        auto w = store->write();
        w->createNode({"Media"}, {{"name", "Global Times"}, {"aliases", PropertyList{"GT"}}});
        w->commit();
    }
    auto store = GraphStore::open(dir.sub("db"), {.readOnly = true});
    auto r = store->read();
    EXPECT_EQ(r->labelCount("Media"), 1u);
    auto n = r->node(1);
    ASSERT_TRUE(n);
    EXPECT_EQ(n->props.at("aliases"), PropertyValue(PropertyList{"GT"}));
}

TEST(GraphStoreTest, SecondWriterGetsDatabaseIsLocked) {
    TempDir dir;
    auto store = GraphStore::open(dir.sub("db"));
    try {
        auto second = GraphStore::open(dir.sub("db"));
        FAIL() << "second writer opened the database";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("database is locked"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find(dir.sub("db")), std::string::npos) << e.what();
    }
}

TEST(GraphStoreTest, RefusesDirectoryThatIsNotKgraph) {
    TempDir dir;
    std::filesystem::create_directories(dir.sub("other"));
    std::ofstream(dir.sub("other/notes.txt")) << "mine";
    EXPECT_THROW(GraphStore::open(dir.sub("other")), Error);
    EXPECT_FALSE(std::filesystem::exists(dir.sub("other/CURRENT")));
    EXPECT_THROW(GraphStore::open(dir.sub("missing"), {.readOnly = true}), Error);
}

TEST(GraphStoreTest, WriteOnReadOnlyStoreIsAnError) {
    TempDir dir;
    GraphStore::open(dir.sub("db"));
    auto store = GraphStore::open(dir.sub("db"), {.readOnly = true});
    EXPECT_THROW(store->write(), Error);
}

// Splitting a node scan over threads: ranges, the id bound and views forked for threads.
TEST(GraphStoreTest, NodeRangesAndForkedViewsReadTheSameSnapshot) {
    TempDir dir;
    auto store = GraphStore::open(dir.sub("db"));
    std::vector<NodeId> ids;
    {
        auto w = store->write();
        for (int i = 0; i < 10; ++i) ids.push_back(w->createNode({"N"}, {{"i", i}}));
        w->deleteNode(ids[4]);
        w->commit();
    }
    auto r = store->read();
    EXPECT_GT(r->nodeIdBound(), ids.back());
    auto all = collectNodes([&](const NodeCallback& f) { r->scanNodes(f); });
    auto range = collectNodes([&](const NodeCallback& f) { r->scanNodeRange(ids[2], ids[7], f); });
    EXPECT_EQ(range, (std::vector<NodeId>{ids[2], ids[3], ids[5], ids[6]}));
    EXPECT_TRUE(collectNodes([&](const NodeCallback& f) { r->scanNodeRange(5, 5, f); }).empty());
    // Ranges that cover the ids give the whole scan, in order.
    std::vector<NodeId> joined;
    for (NodeId from = 0; from < r->nodeIdBound(); from += 3) {
        auto part =
            collectNodes([&](const NodeCallback& f) { r->scanNodeRange(from, from + 3, f); });
        joined.insert(joined.end(), part.begin(), part.end());
    }
    EXPECT_EQ(joined, all);

    // A fork reads the snapshot of its parent, not later commits, and can run on another
    // thread while the parent is used.
    {
        auto w = store->write();
        w->createNode({"N"}, {{"i", 99}});
        w->commit();
    }
    auto fork = r->forkForThread();
    ASSERT_NE(fork, nullptr);
    std::vector<NodeId> seen;
    std::thread t([&] { seen = collectNodes([&](const NodeCallback& f) { fork->scanNodes(f); }); });
    auto again = collectNodes([&](const NodeCallback& f) { r->scanNodes(f); });
    t.join();
    EXPECT_EQ(seen, all);
    EXPECT_EQ(again, all);
    EXPECT_EQ(fork->nodeProperty(ids[3], "i"), PropertyValue(3));
    EXPECT_EQ(fork->nodeCount(), 9u);
    fork.reset();  // the parent keeps its snapshot
    EXPECT_EQ(r->nodeCount(), 9u);

    // A write transaction sees its own changes: it cannot be forked.
    auto w = store->write();
    EXPECT_EQ(w->forkForThread(), nullptr);
}

// A degree reader gives degree() for nodes in any order (forward by steps, backward by seeks),
// in every direction, self-loops counted once in Both; the default one (a WriteTxn) sees the
// transaction's own changes.
TEST(GraphStoreTest, DegreeReaderAgreesWithDegree) {
    TempDir dir;
    auto store = GraphStore::open(dir.sub("db"));
    std::vector<NodeId> ids;
    {
        auto w = store->write();
        for (int i = 0; i < 40; ++i) ids.push_back(w->createNode({"N"}, {}));
        for (int i = 0; i < 40; ++i) {
            for (int k = 0; k < i % 4; ++k) w->createEdge(ids[i], ids[(i * 3 + k) % 40], "T", {});
            if (i % 5 == 0) w->createEdge(ids[i], ids[i], "S", {});
        }
        w->commit();
    }
    std::vector<NodeId> order = ids;
    order.push_back(ids[39] + 100);  // no such node: 0
    order.insert(order.end(), {ids[30], ids[2], ids[2], ids[17], ids[39], ids[0], ids[25]});
    auto r = store->read();
    for (Direction d : {Direction::Outgoing, Direction::Incoming, Direction::Both}) {
        auto reader = r->degreeReader(d);
        for (NodeId id : order) {
            EXPECT_EQ(reader->degree(id), r->degree(id, d, std::nullopt))
                << "node " << id << " direction " << static_cast<int>(d);
        }
    }
    auto w = store->write();
    w->createEdge(ids[1], ids[2], "T", {});
    auto reader = w->degreeReader(Direction::Outgoing);
    EXPECT_EQ(reader->degree(ids[1]), r->degree(ids[1], Direction::Outgoing, std::nullopt) + 1);
}

}  // namespace
}  // namespace kgraph::storage
