// GraphStore: kgraph's property graph on RocksDB.
//
// One RocksDB directory holds nodes, relationships (edges), their properties,
// the indexes (label, name, adjacency, relationship type), the string
// dictionary and the statistics. The byte layout is documented in
// docs/storage.md and frozen in storage/key_format.h.
//
// Access goes through transactions:
//   - ReadTxn  sees a consistent snapshot taken when it was opened.
//   - WriteTxn buffers every change in one RocksDB WriteBatch and sees its own
//     writes; commit() applies the batch atomically, destroying the WriteTxn
//     without commit() discards it. Only one WriteTxn may be open at a time.
// Both implement GraphView, the read interface the query engine works on.
//
// Scans take a callback returning bool: true to go on, false to stop early.
// Nothing is materialised by a scan, so `... LIMIT 10` stops after ten rows.
//
// Errors: every failure (corruption, I/O, locked database, bad arguments)
// throws kgraph::Error (engine/common/error.h) with a message for the user.
//
// Thread-safety: a GraphStore may be shared by threads; a transaction object
// is used by one thread at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/property_value.h"

namespace rocksdb {
class Env;
}

namespace kgraph::storage {

using NodeId = uint64_t;
using EdgeId = uint64_t;
// Dictionary id of a label, relationship type or property key.
using TokenId = uint32_t;

enum class Direction { Outgoing, Incoming, Both };

// Namespaces of auxiliary records kept beside the graph by higher layers.
// The values are embedded in keys on disk: DO NOT CHANGE THEM.
enum class AuxSpace : char {
    Document = 'H',  // source path -> document record (content hash, contribution)
    Mention = 'M',   // edge id + sequence -> one supporting mention of a fact
    Meta = 'A',      // free-form settings of higher layers
};

struct Node {
    NodeId id = 0;
    std::vector<std::string> labels;  // in the order they were added
    PropertyMap props;
};

struct Edge {
    EdgeId id = 0;
    NodeId src = 0;
    NodeId dst = 0;
    std::string type;
    PropertyMap props;
};

// One relationship seen from a node during expand(): `neighbor` is the node at
// the other end; `outgoing` says whether the relationship starts at the node
// expanded from. A self-loop is reported once per matching direction.
struct Adjacent {
    EdgeId edge;
    NodeId neighbor;
    TokenId type;
    bool outgoing;
};

using NodeCallback = std::function<bool(NodeId)>;
using EdgeCallback = std::function<bool(EdgeId)>;
using AdjacentCallback = std::function<bool(const Adjacent&)>;

// Read access to the graph. All ids passed in must come from this graph.
class GraphView {
public:
    virtual ~GraphView() = default;

    // Returns std::nullopt if there is no such node/edge (e.g. deleted).
    virtual std::optional<Node> node(NodeId id) = 0;
    virtual std::optional<Edge> edge(EdgeId id) = 0;
    // One property; null PropertyValue if the node/edge or property is absent.
    // Cheaper than node() when the engine needs a single property.
    virtual PropertyValue nodeProperty(NodeId id, std::string_view key) = 0;
    virtual PropertyValue edgeProperty(EdgeId id, std::string_view key) = 0;
    virtual std::vector<std::string> nodeLabels(NodeId id) = 0;
    virtual bool hasLabel(NodeId id, std::string_view label) = 0;

    // Every node, in id order. In a ReadTxn, node(), nodeProperty() and nodeLabels() of the
    // node being visited are served from the record the scan read, without a lookup.
    virtual void scanNodes(const NodeCallback& fn) = 0;
    // Nodes with first <= id < end, in id order, served as scanNodes() serves them. Lets
    // threads split one node scan (each with its own forkForThread() view). The default
    // implementation filters scanNodes().
    virtual void scanNodeRange(NodeId first, NodeId end, const NodeCallback& fn);
    // Every node id in use is below this bound (for splitting scans into id ranges; it is not
    // a count: deleted ids stay below it). The default implementation scans.
    virtual NodeId nodeIdBound();
    // A view reading exactly what this one reads, for another thread: both may be used at
    // the same time, one thread each. It must not outlive this view. nullptr when the view
    // cannot offer that (a WriteTxn: its uncommitted changes are its own); default nullptr.
    virtual std::unique_ptr<GraphView> forkForThread() { return nullptr; }
    // Nodes with the label, in id order (label index).
    virtual void scanLabel(std::string_view label, const NodeCallback& fn) = 0;
    // Nodes whose `name` property equals `name` (name index), in id order.
    virtual void findByName(std::string_view name, const NodeCallback& fn) = 0;
    // Nodes whose `name` starts with `prefix` (name index), in name order.
    virtual void findByNamePrefix(std::string_view prefix, const NodeCallback& fn) = 0;
    // Every relationship, in id order.
    virtual void scanEdges(const EdgeCallback& fn) = 0;
    // Relationships of one type (type index), in id order.
    virtual void scanEdgesOfType(std::string_view type, const EdgeCallback& fn) = 0;
    // Relationships at `node` in direction `dir`, restricted to `type` if given:
    // one prefix scan of the adjacency index per direction.
    virtual void expand(NodeId node, Direction dir, std::optional<std::string_view> type,
                        const AdjacentCallback& fn) = 0;
    // How many relationships expand() with the same arguments would report, without
    // producing them (the RocksDB store counts index keys). The default implementation
    // counts what expand() reports.
    virtual uint64_t degree(NodeId node, Direction dir, std::optional<std::string_view> type);
    // degree(node, dir, any type) for many nodes asked in increasing id order (every node of a
    // node scan): a ReadTxn keeps one iterator over the stored counts and steps it forward
    // instead of starting a scan per node. Valid while the view is.
    class DegreeReader {
    public:
        virtual ~DegreeReader() = default;
        virtual uint64_t degree(NodeId node) = 0;
    };
    // The default implementation calls degree() per node.
    virtual std::unique_ptr<DegreeReader> degreeReader(Direction dir);

    // Dictionary. tokenName() of an unknown id is an Error::Internal.
    virtual std::optional<TokenId> tokenId(std::string_view name) = 0;
    virtual std::string tokenName(TokenId id) = 0;

    // Auxiliary records (see WriteTxn::putAux). nullopt if absent.
    virtual std::optional<std::string> getAux(AuxSpace space, std::string_view key) = 0;
    // Aux records of `space` whose key starts with `prefix`, in key order.
    virtual void scanAux(
        AuxSpace space, std::string_view prefix,
        const std::function<bool(std::string_view key, std::string_view value)>& fn) = 0;

    // Statistics, exact, O(1).
    virtual uint64_t nodeCount() = 0;
    virtual uint64_t edgeCount() = 0;
    virtual uint64_t labelCount(std::string_view label) = 0;
    virtual uint64_t typeCount(std::string_view type) = 0;
    // Labels / relationship types with a non-zero count, sorted by name.
    virtual std::vector<std::pair<std::string, uint64_t>> labelCounts() = 0;
    virtual std::vector<std::pair<std::string, uint64_t>> typeCounts() = 0;

    // Relationships of `type` from a node labelled `srcLabel` to a node
    // labelled `dstLabel`; an empty string stands for any label / any type.
    // A node with two labels counts under each. Exact; O(1) in the RocksDB
    // store. The default implementation (for other GraphViews) scans.
    virtual uint64_t patternCount(std::string_view srcLabel, std::string_view type,
                                  std::string_view dstLabel);
    struct PatternCount {
        std::string srcLabel, type, dstLabel;
        uint64_t count = 0;
    };
    // Every (label, type, label) triple with a non-zero count, all three named
    // (no "any"), sorted. The default implementation returns nothing.
    virtual std::vector<PatternCount> patternCounts() { return {}; }

    // Identifies the committed state of the database this view reads, for caches of data
    // derived from the graph (engine/graph's snapshots): two views with equal versions read
    // the same graph. It changes with every commit and every bulk ingestion. std::nullopt
    // when the view cannot promise that: a WriteTxn (it also sees its own uncommitted
    // changes) and, by default, other GraphViews.
    struct Version {
        uint64_t store = 0;       // unique per GraphStore::open in this process
        uint64_t sequence = 0;    // RocksDB sequence number of the snapshot
        uint64_t ingestions = 0;  // bulk ingestions into this store since it was opened
        bool operator==(const Version&) const = default;
    };
    virtual std::optional<Version> version() { return std::nullopt; }
};

class ReadTxn : public GraphView {};

class WriteTxn : public GraphView {
public:
    virtual NodeId createNode(const std::vector<std::string>& labels, const PropertyMap& props) = 0;
    // REQUIRES: src and dst exist.
    virtual EdgeId createEdge(NodeId src, NodeId dst, std::string_view type,
                              const PropertyMap& props) = 0;
    // The next createEdge returns at least `next`; ids below it stay unused (as a deleted
    // relationship's do). Lets an import recreate relationships under their exported ids.
    virtual void skipEdgeIdsTo(EdgeId next) = 0;
    // A null value removes the property.
    virtual void setNodeProperty(NodeId id, std::string_view key, const PropertyValue& value) = 0;
    virtual void setEdgeProperty(EdgeId id, std::string_view key, const PropertyValue& value) = 0;
    virtual void addLabel(NodeId id, std::string_view label) = 0;
    virtual void removeLabel(NodeId id, std::string_view label) = 0;
    virtual void deleteEdge(EdgeId id) = 0;
    // Throws Error if the node still has relationships (use detachDeleteNode).
    virtual void deleteNode(NodeId id) = 0;
    virtual void detachDeleteNode(NodeId id) = 0;

    // Raw key/value records for higher layers' bookkeeping (document hashes,
    // fact mentions): stored in the same batch, so atomic with the graph.
    virtual void putAux(AuxSpace space, std::string_view key, std::string_view value) = 0;
    virtual void deleteAux(AuxSpace space, std::string_view key) = 0;

    // Applies every change atomically. After commit() the transaction is closed.
    virtual void commit() = 0;
};

struct OpenOptions {
    // Open without taking the writer lock. Default: false.
    bool readOnly = false;
    // Create the database if the directory does not exist or is empty. Default: true.
    bool createIfMissing = true;
    // The RocksDB environment (file system) to use; tests pass one that injects
    // write errors. Not owned; must outlive the store. Default: nullptr (the OS).
    rocksdb::Env* env = nullptr;
};

class GraphStore {
public:
    virtual ~GraphStore() = default;

    // Opens (or creates) the database in directory `path`.
    // Throws Error if the path is not a kgraph database, has another format
    // version, or is locked by another writer ("database is locked: PATH").
    static std::unique_ptr<GraphStore> open(const std::string& path,
                                            const OpenOptions& options = {});

    virtual std::unique_ptr<ReadTxn> read() = 0;
    // Throws Error if the store was opened read-only or a WriteTxn is open.
    virtual std::unique_ptr<WriteTxn> write() = 0;
    virtual const std::string& path() const = 0;
    virtual bool readOnly() const = 0;
};

}  // namespace kgraph::storage
