#include "storage/graph_store.h"

#include <rocksdb/db.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/perf_level.h>
#include <rocksdb/table.h>
#include <rocksdb/utilities/write_batch_with_index.h>

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <unordered_map>

#include "engine/common/error.h"
#include "storage/key_format.h"
#include "storage/record_codec.h"
#include "storage/store_internal.h"

namespace kgraph::storage {

namespace {

namespace fs = std::filesystem;
using codec::EdgeRecord;
using codec::NodeRecord;

[[noreturn]] void fail(const rocksdb::Status& s, std::string_view what) {
    throw Error(internal::describeFailure(s, what), Error::Kind::Storage);
}

bool startsWith(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

uint64_t decodeCount(const std::optional<std::string>& v) {
    return v && v->size() == 8 ? keys::getU64(v->data()) : 0;
}

}  // namespace

std::string internal::describeFailure(const rocksdb::Status& s, std::string_view what) {
    std::string msg(what);
    if (s.IsCorruption()) {
        msg += ": the database files are damaged (" + s.ToString() +
               "); nothing was changed. Restore the database from a backup or rebuild it "
               "(`kgraph build` into a new database); `kgraph check` lists the damage when "
               "the database still opens";
    } else if (s.IsNoSpace() || s.ToString().find("No space left") != std::string::npos) {
        msg += ": No space left on device (" + s.ToString() +
               "); free some space and run the command again";
    } else if (s.IsMemoryLimit()) {
        msg += ": out of memory (" + s.ToString() + ")";
    } else {
        msg += ": " + s.ToString();
    }
    return msg;
}

namespace {

// RocksDB's own info log aborts the process (an assertion in Debian's build) when it writes
// again after a write failed: on a full disk, the first message after the error ended every
// writer with SIGABRT. This one writes through stdio and ignores its own errors: losing a
// diagnostic line must never cost the database.
class TolerantLogger final : public rocksdb::Logger {
public:
    TolerantLogger(std::FILE* file, rocksdb::InfoLogLevel level)
        : rocksdb::Logger(level), file_(file) {}
    ~TolerantLogger() override {
        if (file_) std::fclose(file_);
    }
    using rocksdb::Logger::Logv;
    void Logv(const char* format, va_list ap) override {
        std::lock_guard lock(mu_);
        if (!file_) return;
        std::time_t now = std::time(nullptr);
        std::tm tm{};
        gmtime_r(&now, &tm);
        char stamp[32];
        std::strftime(stamp, sizeof stamp, "%Y/%m/%d-%H:%M:%S ", &tm);
        std::fputs(stamp, file_);
        std::vfprintf(file_, format, ap);
        std::fputc('\n', file_);
        std::fflush(file_);
    }

private:
    std::mutex mu_;
    std::FILE* file_;
};

}  // namespace

std::shared_ptr<rocksdb::Logger> internal::openInfoLog(const std::string& dir) {
    fs::path log = fs::path(dir) / "LOG";
    std::error_code ec;
    // One previous log is kept, as RocksDB's keep_log_file_num = 2 did.
    if (fs::file_size(log, ec) > (1u << 20) && !ec) fs::rename(log, fs::path(dir) / "LOG.old", ec);
    return std::make_shared<TolerantLogger>(std::fopen(log.c_str(), "a"), rocksdb::WARN_LEVEL);
}

rocksdb::Options internal::storeOptions() {
    rocksdb::Options o;
    // Point lookups (node/edge records, dictionary) dominate reads: bloom
    // filters skip SST files that cannot hold the key.
    rocksdb::BlockBasedTableOptions t;
    t.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10, false));
    // Few shards: a shard must hold a whole filter block (1.25 MB per million keys); with
    // the default 64 shards of 1 MB, big files' filters were read again for every lookup.
    t.block_cache = rocksdb::NewLRUCache(64 << 20, /*num_shard_bits=*/2);
    // Index and filter blocks go through the block cache, read when a file is first used,
    // instead of being read for every file when the database opens: a one-shot query
    // touches a few files (millions of keys' filters would be read for nothing). High
    // priority keeps them cached while data blocks come and go.
    t.cache_index_and_filter_blocks = true;
    t.cache_index_and_filter_blocks_with_high_priority = true;
    t.pin_l0_filter_and_index_blocks_in_cache = true;
    o.table_factory.reset(rocksdb::NewBlockBasedTableFactory(t));
    // Opening a file is now a few small reads: threads to open them cost more than they save.
    o.max_file_opening_threads = 1;
    o.skip_stats_update_on_db_open = true;
    o.compression = rocksdb::kLZ4Compression;
    o.bottommost_compression = rocksdb::kZSTD;
    o.info_log_level = rocksdb::WARN_LEVEL;
    o.keep_log_file_num = 2;
    // Replaying the write-ahead log at open: an incomplete record at its end (a writer killed
    // while appending it; that commit never returned) is dropped, any other damage fails the
    // open as corruption. RocksDB's default (point-in-time recovery) silently dropped every
    // commit after a damaged record. See docs/reliability.md.
    o.wal_recovery_mode = rocksdb::WALRecoveryMode::kTolerateCorruptedTailRecords;
    // No automatic resume after a write error (a full disk): the command that hit it stops
    // with the error, and the next open recovers from the log. RocksDB 7.8's resume thread
    // could leave closing the database waiting forever after a failed flush.
    o.max_bgerror_resume_count = 0;
    o.max_open_files = 256;
    return o;
}

namespace {

class StoreImpl;

// Who holds the writer lock: the process that opened the database for writing
// notes its pid and command line in this file (RocksDB's LOCK file says
// nothing), so that a second writer's error names it.
constexpr const char* kLockHolderFile = "LOCK.holder";

std::string commandLine() {
    std::ifstream in("/proc/self/cmdline", std::ios::binary);
    std::string raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    while (!raw.empty() && raw.back() == '\0') raw.pop_back();
    for (auto& c : raw) {
        if (c == '\0') c = ' ';
        if (static_cast<unsigned char>(c) < 0x20) c = ' ';
    }
    auto slash = raw.find_last_of('/', raw.find(' '));  // the program's name, not its folder
    if (slash != std::string::npos && slash < raw.find(' ')) raw = raw.substr(slash + 1);
    return raw.size() > 200 ? raw.substr(0, 200) + "…" : raw;
}

void noteLockHolder(const std::string& dbPath) {
    std::ofstream out(fs::path(dbPath) / kLockHolderFile, std::ios::trunc);
    out << "process " << ::getpid() << " (" << commandLine() << ")\n";
}

void forgetLockHolder(const std::string& dbPath) {
    std::error_code ec;
    fs::remove(fs::path(dbPath) / kLockHolderFile, ec);
}

// "process 1234 (kgraph shell --db news.kg)", or empty if unknown.
std::string lockHolder(const std::string& dbPath) {
    std::ifstream in(fs::path(dbPath) / kLockHolderFile);
    std::string line;
    std::getline(in, line);
    return line;
}

// The read half of every transaction, written once over two primitives
// (rawGet, rawScan) that the snapshot and the write batch implement.
template <class Interface>
class ViewBase : public Interface {
public:
    explicit ViewBase(StoreImpl& store) : store_(store) {}

    std::optional<Node> node(NodeId id) override;
    std::optional<Edge> edge(EdgeId id) override;
    PropertyValue nodeProperty(NodeId id, std::string_view key) override;
    PropertyValue edgeProperty(EdgeId id, std::string_view key) override;
    std::vector<std::string> nodeLabels(NodeId id) override;
    bool hasLabel(NodeId id, std::string_view label) override;
    void scanNodes(const NodeCallback& fn) override;
    void scanNodeRange(NodeId first, NodeId end, const NodeCallback& fn) override;
    NodeId nodeIdBound() override;
    void scanLabel(std::string_view label, const NodeCallback& fn) override;
    void findByName(std::string_view name, const NodeCallback& fn) override;
    void findByNamePrefix(std::string_view prefix, const NodeCallback& fn) override;
    void scanEdges(const EdgeCallback& fn) override;
    void scanEdgesOfType(std::string_view type, const EdgeCallback& fn) override;
    void expand(NodeId node, Direction dir, std::optional<std::string_view> type,
                const AdjacentCallback& fn) override;
    uint64_t degree(NodeId node, Direction dir, std::optional<std::string_view> type) override;
    std::optional<TokenId> tokenId(std::string_view name) override;
    std::string tokenName(TokenId id) override;
    std::optional<std::string> getAux(AuxSpace space, std::string_view key) override;
    void scanAux(AuxSpace space, std::string_view prefix,
                 const std::function<bool(std::string_view, std::string_view)>& fn) override;
    uint64_t nodeCount() override { return decodeCount(rawGet(keys::count('N'))); }
    uint64_t edgeCount() override { return decodeCount(rawGet(keys::count('E'))); }
    uint64_t labelCount(std::string_view label) override;
    uint64_t typeCount(std::string_view type) override;
    std::vector<std::pair<std::string, uint64_t>> labelCounts() override { return counts('L'); }
    std::vector<std::pair<std::string, uint64_t>> typeCounts() override { return counts('T'); }
    uint64_t patternCount(std::string_view srcLabel, std::string_view type,
                          std::string_view dstLabel) override;
    std::vector<GraphView::PatternCount> patternCounts() override;

    // Key-level access, for internal::RawView.
    std::optional<std::string> get(const std::string& key) { return rawGet(key); }
    void scan(std::string_view prefix,
              const std::function<bool(std::string_view, std::string_view)>& fn) {
        rawScan(prefix, fn);
    }

protected:
    virtual std::optional<std::string> rawGet(const std::string& key) = 0;
    // Calls fn(key, value) for keys starting with prefix, in key order.
    virtual void rawScan(std::string_view prefix,
                         const std::function<bool(std::string_view, std::string_view)>& fn) = 0;
    // As rawScan, from the first key >= `from` (REQUIRES: from starts with prefix).
    virtual void rawScanFrom(std::string_view prefix, std::string_view from,
                             const std::function<bool(std::string_view, std::string_view)>& fn) {
        rawScan(prefix,
                [&](std::string_view k, std::string_view v) { return k < from || fn(k, v); });
    }
    // How many keys of size `size` start with `prefix`, leaving out those whose u64 at
    // `excludeAt` (if >= 0) is `exclude`. ReadTxn counts without a callback per key.
    virtual uint64_t rawCount(std::string_view prefix, size_t size, int excludeAt,
                              uint64_t exclude) {
        uint64_t n = 0;
        rawScan(prefix, [&](std::string_view k, std::string_view) {
            n += k.size() == size &&
                 (excludeAt < 0 || keys::getU64(k.data() + excludeAt) != exclude);
            return true;
        });
        return n;
    }
    // The u64 count stored under `key` (0 if absent), read through a scan (see degree()).
    virtual uint64_t rawStoredCount(std::string_view key) {
        uint64_t n = 0;
        rawScan(key, [&](std::string_view k, std::string_view v) {
            if (k.size() == key.size() && v.size() == 8) n = keys::getU64(v.data());
            return true;
        });
        return n;
    }
    // Tokens created by this transaction and not yet committed.
    virtual std::optional<TokenId> localToken(std::string_view) { return std::nullopt; }
    virtual const std::string* localTokenName(TokenId) { return nullptr; }
    // True if a record read by a scan stays what the transaction would read for it while
    // the scan's callback runs (nothing writes): a read snapshot.
    virtual bool recordsStable() const { return false; }

    // The record of node `id`: the one scanNodes() is visiting, else a lookup. fn(bytes);
    // returns false if there is no such node.
    template <class Fn>
    bool withNodeRecord(NodeId id, Fn&& fn) {
        if (scanning_ && scanning_->id == id) {
            fn(scanning_->record);
            return true;
        }
        auto raw = rawGet(keys::node(id));
        if (!raw) return false;
        fn(std::string_view(*raw));
        return true;
    }
    // The node scanNodes() is visiting, while its callback runs (ReadTxn only).
    struct ScannedNode {
        NodeId id;
        std::string_view record;
    };
    const ScannedNode* scanning_ = nullptr;
    // The last name tokenId() found in the store (a transaction is used by one thread).
    std::string lastTokenName_;
    std::optional<TokenId> lastToken_;

    std::vector<std::pair<std::string, uint64_t>> counts(char what);
    PropertyMap namedProps(const codec::TokenProps& props);

    StoreImpl& store_;
};

class StoreImpl : public GraphStore {
public:
    StoreImpl(std::unique_ptr<rocksdb::DB> db, std::string path, bool readOnly)
        : db_(std::move(db)), path_(std::move(path)), readOnly_(readOnly) {}
    ~StoreImpl() override {
        if (!readOnly_) forgetLockHolder(path_);
    }

    // See GraphView::version().
    uint64_t instance() const { return instance_; }
    uint64_t ingestions() const { return ingestions_.load(); }

    std::unique_ptr<ReadTxn> read() override;
    std::unique_ptr<WriteTxn> write() override;
    const std::string& path() const override { return path_; }
    bool readOnly() const override { return readOnly_; }

    rocksdb::DB& db() { return *db_; }

    // Called after records were ingested behind the transactions' back (bulk import).
    void noteIngestion() { ++ingestions_; }

    void loadTokens() {
        std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions()));
        std::string prefix(1, keys::kTokenById);
        for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
            if (it->key().size() != 5) continue;
            addToken(keys::getU32(it->key().data() + 1), it->value().ToString());
        }
        // A scan ends early (Valid() false) on a damaged block as well as at the end: without
        // this check a damaged dictionary read as an empty one and queries answered 0 rows.
        if (!it->status().ok()) fail(it->status(), "cannot read the dictionary of " + path_);
    }
    void addToken(TokenId id, std::string name) {
        std::lock_guard lock(tokenMu_);
        if (tokenNames_.size() <= id) tokenNames_.resize(id + 1);
        // An empty name is refused by intern() but older databases may hold one: it is read
        // like any other, so such a database can still be queried, exported and repaired.
        tokenNames_[id] = name;
        tokenIds_.emplace(std::move(name), id);
    }
    std::optional<TokenId> findToken(std::string_view name) {
        std::lock_guard lock(tokenMu_);
        auto it = tokenIds_.find(std::string(name));
        if (it == tokenIds_.end()) return std::nullopt;
        return it->second;
    }
    std::optional<std::string> findTokenName(TokenId id) {
        std::lock_guard lock(tokenMu_);
        if (id >= tokenNames_.size() || !tokenNames_[id]) return std::nullopt;
        return *tokenNames_[id];
    }
    void releaseWriter() { writerOpen_ = false; }

private:
    std::unique_ptr<rocksdb::DB> db_;
    std::string path_;
    bool readOnly_;
    std::mutex tokenMu_;
    std::unordered_map<std::string, TokenId> tokenIds_;
    std::vector<std::optional<std::string>> tokenNames_;  // by id; nullopt: no such id
    std::atomic<bool> writerOpen_{false};
    std::atomic<uint64_t> ingestions_{0};
    const uint64_t instance_ = nextInstance();
    static uint64_t nextInstance() {
        static std::atomic<uint64_t> counter{0};
        return ++counter;
    }
    friend class WriteTxnImpl;
};

// ---------------------------------------------------------------------------
// ViewBase

template <class I>
PropertyMap ViewBase<I>::namedProps(const codec::TokenProps& props) {
    PropertyMap out;
    for (const auto& [k, v] : props) out.emplace(tokenName(k), v);
    return out;
}

template <class I>
std::optional<Node> ViewBase<I>::node(NodeId id) {
    Node n;
    n.id = id;
    bool found = withNodeRecord(id, [&](std::string_view raw) {
        auto rec = codec::decodeNode(raw);
        for (auto l : rec.labels) n.labels.push_back(tokenName(l));
        n.props = namedProps(rec.props);
    });
    if (!found) return std::nullopt;
    return n;
}

template <class I>
std::optional<Edge> ViewBase<I>::edge(EdgeId id) {
    auto raw = rawGet(keys::edge(id));
    if (!raw) return std::nullopt;
    auto rec = codec::decodeEdge(*raw);
    return Edge{id, rec.src, rec.dst, tokenName(rec.type), namedProps(rec.props)};
}

template <class I>
PropertyValue ViewBase<I>::nodeProperty(NodeId id, std::string_view key) {
    auto k = tokenId(key);
    if (!k) return {};
    PropertyValue v;
    withNodeRecord(id, [&](std::string_view raw) {
        v = codec::findProp(raw, codec::nodePropsOffset(raw), *k);
    });
    return v;
}

template <class I>
PropertyValue ViewBase<I>::edgeProperty(EdgeId id, std::string_view key) {
    auto k = tokenId(key);
    if (!k) return {};
    auto raw = rawGet(keys::edge(id));
    if (!raw) return {};
    return codec::findProp(*raw, codec::edgePropsOffset(*raw), *k);
}

template <class I>
std::vector<std::string> ViewBase<I>::nodeLabels(NodeId id) {
    std::vector<std::string> out;
    withNodeRecord(id, [&](std::string_view raw) {
        for (auto l : codec::decodeNode(raw).labels) out.push_back(tokenName(l));
    });
    return out;
}

template <class I>
bool ViewBase<I>::hasLabel(NodeId id, std::string_view label) {
    auto t = tokenId(label);
    if (!t) return false;
    return rawGet(keys::label(*t, id)).has_value();
}

template <class I>
void ViewBase<I>::scanNodes(const NodeCallback& fn) {
    scanNodeRange(0, UINT64_MAX, fn);
}

template <class I>
void ViewBase<I>::scanNodeRange(NodeId first, NodeId end, const NodeCallback& fn) {
    if (first >= end) return;
    bool keep = recordsStable();
    rawScanFrom(std::string(1, keys::kNode), keys::node(first),
                [&](std::string_view k, std::string_view v) {
                    if (k.size() != 9) return true;
                    NodeId id = keys::getU64(k.data() + 1);
                    if (id >= end) return false;
                    if (!keep) return fn(id);
                    // Scans nest (a node scan inside another's callback): restore the outer one
                    // after.
                    ScannedNode current{id, v};
                    const ScannedNode* outer = scanning_;
                    scanning_ = &current;
                    struct Restore {
                        const ScannedNode*& slot;
                        const ScannedNode* value;
                        ~Restore() { slot = value; }
                    } restore{scanning_, outer};
                    return fn(id);
                });
}

template <class I>
NodeId ViewBase<I>::nodeIdBound() {
    // Ids are handed out in increasing order from `next_node` (WriteTxn, bulk import).
    auto v = rawGet(keys::meta(keys::kMetaNextNode));
    return v && v->size() == 8 ? keys::getU64(v->data()) : 1;
}

template <class I>
void ViewBase<I>::scanLabel(std::string_view label, const NodeCallback& fn) {
    auto t = tokenId(label);
    if (!t) return;
    std::string prefix(1, keys::kLabel);
    keys::putU32(prefix, *t);
    rawScan(prefix,
            [&](std::string_view k, std::string_view) { return fn(keys::getU64(k.data() + 5)); });
}

template <class I>
void ViewBase<I>::findByName(std::string_view name, const NodeCallback& fn) {
    std::string prefix(1, keys::kName);
    prefix.append(name);
    prefix.push_back('\0');
    rawScan(prefix, [&](std::string_view k, std::string_view) {
        return k.size() != prefix.size() + 8 || fn(keys::getU64(k.data() + prefix.size()));
    });
}

template <class I>
void ViewBase<I>::findByNamePrefix(std::string_view namePrefix, const NodeCallback& fn) {
    std::string prefix(1, keys::kName);
    prefix.append(namePrefix);
    rawScan(prefix, [&](std::string_view k, std::string_view) {
        return k.size() < prefix.size() + 9 || fn(keys::getU64(k.data() + k.size() - 8));
    });
}

template <class I>
void ViewBase<I>::scanEdges(const EdgeCallback& fn) {
    rawScan(std::string(1, keys::kEdge), [&](std::string_view k, std::string_view) {
        return k.size() != 9 || fn(keys::getU64(k.data() + 1));
    });
}

template <class I>
void ViewBase<I>::scanEdgesOfType(std::string_view type, const EdgeCallback& fn) {
    auto t = tokenId(type);
    if (!t) return;
    std::string prefix(1, keys::kType);
    keys::putU32(prefix, *t);
    rawScan(prefix,
            [&](std::string_view k, std::string_view) { return fn(keys::getU64(k.data() + 5)); });
}

template <class I>
void ViewBase<I>::expand(NodeId node, Direction dir, std::optional<std::string_view> type,
                         const AdjacentCallback& fn) {
    std::optional<TokenId> t;
    if (type) {
        t = tokenId(*type);
        if (!t) return;
    }
    bool go = true;
    auto scan = [&](char tag) {
        std::string prefix(1, tag);
        keys::putU64(prefix, node);
        if (t) keys::putU32(prefix, *t);
        rawScan(prefix, [&](std::string_view k, std::string_view) {
            if (k.size() != 29) return true;
            Adjacent a{keys::getU64(k.data() + 21), keys::getU64(k.data() + 13),
                       keys::getU32(k.data() + 9), tag == keys::kOut};
            // With Direction::Both a self-loop is reported once, as outgoing.
            if (dir == Direction::Both && tag == keys::kIn && a.neighbor == node) return true;
            go = fn(a);
            return go;
        });
    };
    if (dir != Direction::Incoming) scan(keys::kOut);
    if (go && dir != Direction::Outgoing) scan(keys::kIn);
}

template <class I>
uint64_t ViewBase<I>::degree(NodeId node, Direction dir, std::optional<std::string_view> type) {
    std::optional<TokenId> t;
    if (type) {
        t = tokenId(*type);
        if (!t) return 0;
    }
    if (!t) {
        // The degree counts; read through a scan, so that degrees asked in node order (every
        // node of a node scan) advance one iterator instead of seeking.
        auto stored = [&](char what) { return rawStoredCount(keys::degreeCount(what, node)); };
        switch (dir) {
            case Direction::Outgoing:
                return stored('O');
            case Direction::Incoming:
                return stored('I');
            case Direction::Both:
                return stored('O') + stored('I') - stored('S');
        }
    }
    uint64_t n = 0;
    auto scan = [&](char tag) {
        std::string prefix(1, tag);
        keys::putU64(prefix, node);
        if (t) keys::putU32(prefix, *t);
        // As expand(): with Direction::Both a self-loop counts once, as outgoing.
        bool skipSelf = dir == Direction::Both && tag == keys::kIn;
        n += rawCount(prefix, 29, skipSelf ? 13 : -1, node);
    };
    if (dir != Direction::Incoming) scan(keys::kOut);
    if (dir != Direction::Outgoing) scan(keys::kIn);
    return n;
}

template <class I>
std::optional<TokenId> ViewBase<I>::tokenId(std::string_view name) {
    // A statement asks for the same few names once per row (`a.name`): the last one found in
    // the store is remembered, without the store's lock. A stored name's id never changes.
    if (lastToken_ && name == lastTokenName_) return lastToken_;
    if (auto t = store_.findToken(name)) {
        lastTokenName_.assign(name);
        lastToken_ = t;
        return t;
    }
    return localToken(name);
}

template <class I>
std::string ViewBase<I>::tokenName(TokenId id) {
    if (auto n = store_.findTokenName(id)) return *n;
    if (auto* n = localTokenName(id)) return *n;
    throw Error("unknown dictionary id " + std::to_string(id) + "; run `kgraph check`",
                Error::Kind::Internal);
}

template <class I>
std::optional<std::string> ViewBase<I>::getAux(AuxSpace space, std::string_view key) {
    std::string k(1, static_cast<char>(space));
    k.append(key);
    return rawGet(k);
}

template <class I>
void ViewBase<I>::scanAux(AuxSpace space, std::string_view prefix,
                          const std::function<bool(std::string_view, std::string_view)>& fn) {
    std::string p(1, static_cast<char>(space));
    p.append(prefix);
    rawScan(p, [&](std::string_view k, std::string_view v) { return fn(k.substr(1), v); });
}

template <class I>
uint64_t ViewBase<I>::labelCount(std::string_view label) {
    auto t = tokenId(label);
    return t ? decodeCount(rawGet(keys::count('L', *t))) : 0;
}

template <class I>
uint64_t ViewBase<I>::typeCount(std::string_view type) {
    auto t = tokenId(type);
    return t ? decodeCount(rawGet(keys::count('T', *t))) : 0;
}

template <class I>
uint64_t ViewBase<I>::patternCount(std::string_view srcLabel, std::string_view type,
                                   std::string_view dstLabel) {
    if (srcLabel.empty() && dstLabel.empty()) return type.empty() ? edgeCount() : typeCount(type);
    auto token = [&](std::string_view name) -> std::optional<TokenId> {
        if (name.empty()) return keys::kAnyToken;
        return tokenId(name);
    };
    auto s = token(srcLabel), t = token(type), d = token(dstLabel);
    if (!s || !t || !d) return 0;
    return decodeCount(rawGet(keys::patternCount(*s, *t, *d)));
}

template <class I>
std::vector<GraphView::PatternCount> ViewBase<I>::patternCounts() {
    std::vector<GraphView::PatternCount> out;
    std::string prefix(1, keys::kCount);
    prefix.push_back('P');
    rawScan(prefix, [&](std::string_view k, std::string_view v) {
        if (k.size() != 14 || v.size() != 8) return true;
        TokenId s = keys::getU32(k.data() + 2), t = keys::getU32(k.data() + 6),
                d = keys::getU32(k.data() + 10);
        uint64_t n = keys::getU64(v.data());
        if (s != keys::kAnyToken && t != keys::kAnyToken && d != keys::kAnyToken && n > 0) {
            out.push_back({tokenName(s), tokenName(t), tokenName(d), n});
        }
        return true;
    });
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
        return std::tie(a.srcLabel, a.type, a.dstLabel) < std::tie(b.srcLabel, b.type, b.dstLabel);
    });
    return out;
}

template <class I>
std::vector<std::pair<std::string, uint64_t>> ViewBase<I>::counts(char what) {
    std::vector<std::pair<std::string, uint64_t>> out;
    std::string prefix(1, keys::kCount);
    prefix.push_back(what);
    rawScan(prefix, [&](std::string_view k, std::string_view v) {
        if (k.size() == 6 && v.size() == 8) {
            uint64_t n = keys::getU64(v.data());
            if (n > 0) out.emplace_back(tokenName(keys::getU32(k.data() + 2)), n);
        }
        return true;
    });
    std::sort(out.begin(), out.end());
    return out;
}

// ---------------------------------------------------------------------------
// ReadTxnImpl: a RocksDB snapshot.

class ReadTxnImpl final : public ViewBase<ReadTxn> {
public:
    explicit ReadTxnImpl(StoreImpl& store) : ViewBase(store), snapshot_(store.db().GetSnapshot()) {
        options_.snapshot = snapshot_;
    }
    // A fork: reads `parent`'s snapshot, which the parent keeps and releases.
    explicit ReadTxnImpl(const ReadTxnImpl& parent)
        : ViewBase(parent.store_),
          snapshot_(parent.snapshot_),
          ownsSnapshot_(false),
          ingestions_(parent.ingestions_) {
        options_.snapshot = snapshot_;
    }
    ~ReadTxnImpl() override {
        idle_.clear();
        if (ownsSnapshot_) store_.db().ReleaseSnapshot(snapshot_);
    }

    std::unique_ptr<GraphView> forkForThread() override {
        return std::make_unique<ReadTxnImpl>(*this);
    }

    std::optional<GraphView::Version> version() override {
        return GraphView::Version{store_.instance(), snapshot_->GetSequenceNumber(), ingestions_};
    }

protected:
    std::optional<std::string> rawGet(const std::string& key) override {
        std::string value;
        auto s = store_.db().Get(options_, key, &value);
        if (s.IsNotFound()) return std::nullopt;
        if (!s.ok()) fail(s, "read failed");
        return value;
    }
    void rawScan(std::string_view prefix,
                 const std::function<bool(std::string_view, std::string_view)>& fn) override {
        scanCursor(prefix, prefix, [&](std::string_view k, rocksdb::Iterator& it) {
            return fn(k, std::string_view(it.value().data(), it.value().size()));
        });
    }
    void rawScanFrom(std::string_view prefix, std::string_view from,
                     const std::function<bool(std::string_view, std::string_view)>& fn) override {
        scanCursor(prefix, from, [&](std::string_view k, rocksdb::Iterator& it) {
            return fn(k, std::string_view(it.value().data(), it.value().size()));
        });
    }
    std::unique_ptr<DegreeReader> degreeReader(Direction dir) override {
        return std::make_unique<CountReader>(*this, dir);
    }

    // A degree per node of a node scan: no std::function per lookup.
    uint64_t rawStoredCount(std::string_view key) override {
        uint64_t n = 0;
        scanCursor(key, key, [&](std::string_view k, rocksdb::Iterator& it) {
            if (k.size() == key.size() && it.value().size() == 8) {
                n = keys::getU64(it.value().data());
            }
            return true;
        });
        return n;
    }
    uint64_t rawCount(std::string_view prefix, size_t size, int excludeAt,
                      uint64_t exclude) override {
        uint64_t n = 0;
        scanCursor(prefix, prefix, [&](std::string_view k, rocksdb::Iterator&) {
            n += k.size() == size &&
                 (excludeAt < 0 || keys::getU64(k.data() + excludeAt) != exclude);
            return true;
        });
        return n;
    }

private:
    // Calls f(key, iterator) for the keys starting with `prefix`, from the first key >= `from`
    // (which starts with `prefix`), until it returns false.
    template <class F>
    void scanCursor(std::string_view prefix, std::string_view from, F&& f) {
        // Creating an iterator costs more than a seek: a statement that expands many nodes
        // reuses a few. Scans nest (an expansion inside a scan's callback), so each running
        // scan holds its own; the prefix check, not an upper bound, ends each scan.
        std::unique_ptr<Cursor> c;
        if (!idle_.empty()) {
            c = std::move(idle_.back());
            idle_.pop_back();
        } else {
            c = std::make_unique<Cursor>();
            c->it.reset(store_.db().NewIterator(options_));
        }
        struct GiveBack {
            ReadTxnImpl& txn;
            std::unique_ptr<Cursor>& c;
            ~GiveBack() {
                if (txn.idle_.size() < kIdleIterators) txn.idle_.push_back(std::move(c));
            }
        } giveBack{*this, c};
        rocksdb::Iterator& it = *c->it;
        // Scans in key order (expanding every node of a node scan) need no seek: the last scan
        // of this iterator stopped at the first key after its prefix P, every key from P to
        // there starts with P, and a later start Q (not starting with P) is above all of them.
        bool positioned = c->resumable && it.Valid() && !startsWith(from, c->lastPrefix) &&
                          from > std::string_view(c->lastPrefix) &&
                          from <= std::string_view(it.key().data(), it.key().size());
        c->resumable = false;
        if (!positioned) it.Seek(rocksdb::Slice(from.data(), from.size()));
        for (; it.Valid(); it.Next()) {
            std::string_view k(it.key().data(), it.key().size());
            if (!startsWith(k, prefix)) {
                c->lastPrefix.assign(prefix);
                c->resumable = true;
                break;
            }
            if (!f(k, it)) return;
        }
        // A valid iterator has an OK status (RocksDB's contract); asking costs a walk over
        // every level's iterator, once per scan, and scans here are often one key long.
        if (!it.Valid() && !it.status().ok()) fail(it.status(), "scan failed");
    }

protected:
    bool recordsStable() const override { return true; }

private:
    // One iterator per stored count kind ('O', 'I', 'S'), stepped forward through the counts of
    // increasing node ids: a node's count is usually the key after the previous node's.
    class CountReader final : public DegreeReader {
    public:
        CountReader(ReadTxnImpl& txn, Direction dir) : txn_(txn), dir_(dir) {}
        uint64_t degree(NodeId node) override {
            switch (dir_) {
                case Direction::Outgoing:
                    return out_.count(txn_, 'O', node);
                case Direction::Incoming:
                    return in_.count(txn_, 'I', node);
                case Direction::Both:
                    return out_.count(txn_, 'O', node) + in_.count(txn_, 'I', node) -
                           self_.count(txn_, 'S', node);
            }
            return 0;
        }

    private:
        struct Counts {
            std::unique_ptr<rocksdb::Iterator> it;
            NodeId last = 0;
            uint64_t count(ReadTxnImpl& txn, char what, NodeId node) {
                std::string key = keys::degreeCount(what, node);
                rocksdb::Slice target(key);
                if (!it || node < last) {
                    if (!it) it.reset(txn.store_.db().NewIterator(txn.options_));
                    it->Seek(target);
                } else {
                    // A few steps forward, else a seek (ids far apart, or no count between).
                    for (int steps = 0; it->Valid() && it->key().compare(target) < 0; ++steps) {
                        if (steps == 8) {
                            it->Seek(target);
                            break;
                        }
                        it->Next();
                    }
                }
                last = node;
                if (!it->Valid()) {
                    if (!it->status().ok()) fail(it->status(), "scan failed");
                    return 0;
                }
                if (it->key() != target || it->value().size() != 8) return 0;
                return keys::getU64(it->value().data());
            }
        };
        ReadTxnImpl& txn_;
        Direction dir_;
        Counts out_, in_, self_;
    };

    struct Cursor {
        std::unique_ptr<rocksdb::Iterator> it;
        std::string lastPrefix;  // the prefix of the last scan, if it ran to its end
        bool resumable = false;  // `it` is on the first key after lastPrefix's keys
    };
    static constexpr size_t kIdleIterators = 4;
    const rocksdb::Snapshot* snapshot_;
    bool ownsSnapshot_ = true;
    rocksdb::ReadOptions options_;
    // Read after the snapshot was taken: ingested files are visible to every snapshot.
    uint64_t ingestions_ = store_.ingestions();
    std::vector<std::unique_ptr<Cursor>> idle_;
};

// ---------------------------------------------------------------------------
// WriteTxnImpl: a WriteBatchWithIndex over the database, read-your-writes.

class WriteTxnImpl final : public ViewBase<WriteTxn> {
public:
    explicit WriteTxnImpl(StoreImpl& store)
        : ViewBase(store), batch_(rocksdb::BytewiseComparator(), 0, /*overwrite_key=*/true) {
        nextNode_ = metaU64(keys::kMetaNextNode, 1);
        nextEdge_ = metaU64(keys::kMetaNextEdge, 1);
        nextToken_ = static_cast<TokenId>(metaU64(keys::kMetaNextToken, 1));
    }
    ~WriteTxnImpl() override { store_.releaseWriter(); }

    NodeId createNode(const std::vector<std::string>& labels, const PropertyMap& props) override {
        // Names first: a refused name must leave the transaction as it was.
        for (const auto& l : labels) checkName(l, "label");
        for (const auto& [k, v] : props) checkName(k, "property key");
        NodeId id = nextNode_++;
        putMeta(keys::kMetaNextNode, nextNode_);
        NodeRecord rec;
        for (const auto& l : labels) {
            TokenId t = intern(l, "label");
            if (std::find(rec.labels.begin(), rec.labels.end(), t) != rec.labels.end()) continue;
            rec.labels.push_back(t);
            put(keys::label(t, id), "");
            addCount(keys::count('L', t), 1);
        }
        for (const auto& [k, v] : props) {
            if (!v.isNull()) rec.props.emplace_back(intern(k, "property key"), v);
        }
        put(keys::node(id), codec::encodeNode(rec));
        if (auto it = props.find("name"); it != props.end() && it->second.isString()) {
            put(keys::name(it->second.asString(), id), "");
        }
        addCount(keys::count('N'), 1);
        return id;
    }

    void skipEdgeIdsTo(EdgeId next) override {
        if (next <= nextEdge_) return;
        nextEdge_ = next;
        putMeta(keys::kMetaNextEdge, nextEdge_);
    }

    EdgeId createEdge(NodeId src, NodeId dst, std::string_view type,
                      const PropertyMap& props) override {
        auto srcRaw = rawGet(keys::node(src));
        auto dstRaw = rawGet(keys::node(dst));
        if (!srcRaw || !dstRaw) {
            throw Error("cannot create a relationship to a node that does not exist");
        }
        checkName(type, "relationship type");
        for (const auto& [k, v] : props) checkName(k, "property key");
        EdgeId id = nextEdge_++;
        putMeta(keys::kMetaNextEdge, nextEdge_);
        EdgeRecord rec{src, dst, intern(type, "relationship type"), {}};
        for (const auto& [k, v] : props) {
            if (!v.isNull()) rec.props.emplace_back(intern(k, "property key"), v);
        }
        put(keys::edge(id), codec::encodeEdge(rec));
        put(keys::adjacency(keys::kOut, src, rec.type, dst, id), "");
        put(keys::adjacency(keys::kIn, dst, rec.type, src, id), "");
        put(keys::type(rec.type, id), "");
        addCount(keys::count('T', rec.type), 1);
        addCount(keys::count('E'), 1);
        addDegrees(src, dst, 1);
        PatternDelta delta;
        addPatterns(delta, codec::decodeNode(*srcRaw).labels, rec.type,
                    codec::decodeNode(*dstRaw).labels, 1);
        applyPatterns(delta);
        return id;
    }

    void setNodeProperty(NodeId id, std::string_view key, const PropertyValue& value) override {
        auto rec = loadNode(id);
        TokenId k = intern(key, "property key");
        PropertyValue old = setProp(rec.props, k, value);
        if (key == "name") {
            if (old.isString()) del(keys::name(old.asString(), id));
            if (value.isString()) put(keys::name(value.asString(), id), "");
        }
        put(keys::node(id), codec::encodeNode(rec));
    }

    void setEdgeProperty(EdgeId id, std::string_view key, const PropertyValue& value) override {
        auto rec = loadEdge(id);
        setProp(rec.props, intern(key, "property key"), value);
        put(keys::edge(id), codec::encodeEdge(rec));
    }

    void addLabel(NodeId id, std::string_view label) override {
        auto rec = loadNode(id);
        TokenId t = intern(label, "label");
        if (std::find(rec.labels.begin(), rec.labels.end(), t) != rec.labels.end()) return;
        auto before = rec.labels;
        rec.labels.push_back(t);
        put(keys::label(t, id), "");
        addCount(keys::count('L', t), 1);
        put(keys::node(id), codec::encodeNode(rec));
        relabel(id, before, rec.labels);
    }

    void removeLabel(NodeId id, std::string_view label) override {
        auto rec = loadNode(id);
        auto t = tokenId(label);
        if (!t) return;
        auto it = std::find(rec.labels.begin(), rec.labels.end(), *t);
        if (it == rec.labels.end()) return;
        auto before = rec.labels;
        rec.labels.erase(it);
        del(keys::label(*t, id));
        addCount(keys::count('L', *t), -1);
        put(keys::node(id), codec::encodeNode(rec));
        relabel(id, before, rec.labels);
    }

    void deleteEdge(EdgeId id) override {
        auto raw = rawGet(keys::edge(id));
        if (!raw) return;
        auto rec = codec::decodeEdge(*raw);
        del(keys::edge(id));
        del(keys::adjacency(keys::kOut, rec.src, rec.type, rec.dst, id));
        del(keys::adjacency(keys::kIn, rec.dst, rec.type, rec.src, id));
        del(keys::type(rec.type, id));
        addCount(keys::count('T', rec.type), -1);
        addCount(keys::count('E'), -1);
        addDegrees(rec.src, rec.dst, -1);
        PatternDelta delta;
        addPatterns(delta, labelsOf(rec.src), rec.type, labelsOf(rec.dst), -1);
        applyPatterns(delta);
        // A fact's supporting mentions belong to it.
        std::string prefix;
        keys::putU64(prefix, id);
        std::vector<std::string> mentionKeys;
        scanAux(AuxSpace::Mention, prefix, [&](std::string_view k, std::string_view) {
            mentionKeys.emplace_back(k);
            return true;
        });
        for (const auto& k : mentionKeys) deleteAux(AuxSpace::Mention, k);
    }

    void deleteNode(NodeId id) override {
        auto raw = rawGet(keys::node(id));
        if (!raw) return;
        bool hasEdges = false;
        expand(id, Direction::Both, std::nullopt, [&](const Adjacent&) {
            hasEdges = true;
            return false;
        });
        if (hasEdges) {
            throw Error("cannot delete node " + std::to_string(id) +
                        " because it still has relationships; use DETACH DELETE");
        }
        auto rec = codec::decodeNode(*raw);
        for (auto t : rec.labels) {
            del(keys::label(t, id));
            addCount(keys::count('L', t), -1);
        }
        if (auto nameTok = tokenId("name")) {
            for (const auto& [k, v] : rec.props) {
                if (k == *nameTok && v.isString()) del(keys::name(v.asString(), id));
            }
        }
        del(keys::node(id));
        addCount(keys::count('N'), -1);
    }

    void detachDeleteNode(NodeId id) override {
        std::vector<EdgeId> edges;
        expand(id, Direction::Both, std::nullopt, [&](const Adjacent& a) {
            edges.push_back(a.edge);
            return true;
        });
        for (auto e : edges) deleteEdge(e);
        deleteNode(id);
    }

    void putAux(AuxSpace space, std::string_view key, std::string_view value) override {
        std::string k(1, static_cast<char>(space));
        k.append(key);
        put(k, value);
    }
    void deleteAux(AuxSpace space, std::string_view key) override {
        std::string k(1, static_cast<char>(space));
        k.append(key);
        del(k);
    }

    void commit() override {
        if (committed_) throw Error("transaction already committed", Error::Kind::Internal);
        rocksdb::WriteOptions wo;
        auto s = store_.db().Write(wo, batch_.GetWriteBatch());
        if (!s.ok()) {
            throw Error(internal::describeFailure(s, "could not write to the database") +
                            "; nothing from this operation was stored",
                        Error::Kind::Storage);
        }
        committed_ = true;
        for (auto& [name, id] : newTokens_) store_.addToken(id, name);
        newTokens_.clear();
    }

protected:
    std::optional<std::string> rawGet(const std::string& key) override {
        std::string value;
        auto s = batch_.GetFromBatchAndDB(&store_.db(), rocksdb::ReadOptions(), key, &value);
        if (s.IsNotFound()) return std::nullopt;
        if (!s.ok()) fail(s, "read failed");
        return value;
    }
    void rawScan(std::string_view prefix,
                 const std::function<bool(std::string_view, std::string_view)>& fn) override {
        rocksdb::ReadOptions ro;
        std::unique_ptr<rocksdb::Iterator> base(store_.db().NewIterator(ro));
        std::unique_ptr<rocksdb::Iterator> it(batch_.NewIteratorWithBase(base.release()));
        for (it->Seek(rocksdb::Slice(prefix.data(), prefix.size())); it->Valid(); it->Next()) {
            std::string_view k(it->key().data(), it->key().size());
            if (!startsWith(k, prefix)) break;
            if (!fn(k, std::string_view(it->value().data(), it->value().size()))) return;
        }
        if (!it->status().ok()) fail(it->status(), "scan failed");
    }
    std::optional<TokenId> localToken(std::string_view name) override {
        auto it = newTokens_.find(std::string(name));
        if (it == newTokens_.end()) return std::nullopt;
        return it->second;
    }
    const std::string* localTokenName(TokenId id) override {
        for (const auto& [name, t] : newTokens_) {
            if (t == id) return &name;
        }
        return nullptr;
    }

private:
    // Accumulated changes of pattern counts, applied once per operation.
    using PatternDelta = std::map<std::string, int64_t>;

    static void addPatterns(PatternDelta& delta, const std::vector<TokenId>& src, TokenId type,
                            const std::vector<TokenId>& dst, int64_t n) {
        auto withAny = [](const std::vector<TokenId>& labels) {
            std::vector<TokenId> out(labels);
            out.push_back(keys::kAnyToken);
            return out;
        };
        for (TokenId s : withAny(src)) {
            for (TokenId d : withAny(dst)) {
                if (s == keys::kAnyToken && d == keys::kAnyToken) continue;  // c 'T' and c 'E'
                delta[keys::patternCount(s, type, d)] += n;
                delta[keys::patternCount(s, keys::kAnyToken, d)] += n;
            }
        }
    }
    void applyPatterns(const PatternDelta& delta) {
        for (const auto& [key, n] : delta) {
            if (n != 0) addCount(key, n);
        }
    }
    std::vector<TokenId> labelsOf(NodeId id) {
        auto raw = rawGet(keys::node(id));
        return raw ? codec::decodeNode(*raw).labels : std::vector<TokenId>{};
    }
    // Moves the pattern counts of every relationship at `id` from the node's
    // labels `before` to `after`.
    void relabel(NodeId id, const std::vector<TokenId>& before, const std::vector<TokenId>& after) {
        PatternDelta delta;
        std::unordered_map<NodeId, std::vector<TokenId>> neighbors;
        expand(id, Direction::Both, std::nullopt, [&](const Adjacent& a) {
            if (a.neighbor == id) {
                addPatterns(delta, before, a.type, before, -1);
                addPatterns(delta, after, a.type, after, 1);
                return true;
            }
            auto it = neighbors.find(a.neighbor);
            if (it == neighbors.end())
                it = neighbors.emplace(a.neighbor, labelsOf(a.neighbor)).first;
            const auto& other = it->second;
            if (a.outgoing) {
                addPatterns(delta, before, a.type, other, -1);
                addPatterns(delta, after, a.type, other, 1);
            } else {
                addPatterns(delta, other, a.type, before, -1);
                addPatterns(delta, other, a.type, after, 1);
            }
            return true;
        });
        applyPatterns(delta);
    }

    void put(const std::string& k, std::string_view v) {
        auto s = batch_.Put(k, rocksdb::Slice(v.data(), v.size()));
        if (!s.ok()) fail(s, "write failed");
    }
    void del(const std::string& k) {
        auto s = batch_.Delete(k);
        if (!s.ok()) fail(s, "write failed");
    }
    uint64_t metaU64(std::string_view name, uint64_t dflt) {
        auto v = rawGet(keys::meta(name));
        return v && v->size() == 8 ? keys::getU64(v->data()) : dflt;
    }
    void putMeta(std::string_view name, uint64_t v) {
        std::string bytes;
        keys::putU64(bytes, v);
        put(keys::meta(name), bytes);
    }
    void addDegrees(NodeId src, NodeId dst, int64_t delta) {
        addCount(keys::degreeCount('O', src), delta);
        addCount(keys::degreeCount('I', dst), delta);
        if (src == dst) addCount(keys::degreeCount('S', src), delta);
    }
    void addCount(const std::string& key, int64_t delta) {
        uint64_t n = decodeCount(rawGet(key));
        n = delta < 0 && n < static_cast<uint64_t>(-delta) ? 0 : n + delta;
        std::string bytes;
        keys::putU64(bytes, n);
        put(key, bytes);
    }
    // The last guard against names no query can write back (empty ones): refused here
    // whatever layer above let them through (a parameter map's keys, an importer).
    // `what` names the kind of name for the message ("label", "property key", ...).
    static void checkName(std::string_view name, const char* what) {
        if (name.empty()) {
            throw Error(std::string("an empty ") + what +
                        " cannot be stored; give it a name (nothing was written)");
        }
    }
    TokenId intern(std::string_view name, const char* what) {
        if (auto t = tokenId(name)) return *t;
        checkName(name, what);
        TokenId id = nextToken_++;
        putMeta(keys::kMetaNextToken, nextToken_);
        std::string byName(1, keys::kTokenByName);
        byName.append(name);
        std::string idBytes;
        keys::putU32(idBytes, id);
        put(byName, idBytes);
        std::string byId(1, keys::kTokenById);
        keys::putU32(byId, id);
        put(byId, name);
        newTokens_.emplace(std::string(name), id);
        return id;
    }
    NodeRecord loadNode(NodeId id) {
        auto raw = rawGet(keys::node(id));
        if (!raw) throw Error("node " + std::to_string(id) + " does not exist (deleted?)");
        return codec::decodeNode(*raw);
    }
    EdgeRecord loadEdge(EdgeId id) {
        auto raw = rawGet(keys::edge(id));
        if (!raw) throw Error("relationship " + std::to_string(id) + " does not exist (deleted?)");
        return codec::decodeEdge(*raw);
    }
    // Sets (or with a null value removes) a property; returns the old value.
    static PropertyValue setProp(codec::TokenProps& props, TokenId k, const PropertyValue& value) {
        auto it =
            std::find_if(props.begin(), props.end(), [&](const auto& p) { return p.first == k; });
        PropertyValue old;
        if (it != props.end()) {
            old = it->second;
            if (value.isNull()) {
                props.erase(it);
            } else {
                it->second = value;
            }
        } else if (!value.isNull()) {
            props.emplace_back(k, value);
        }
        return old;
    }

    rocksdb::WriteBatchWithIndex batch_;
    NodeId nextNode_;
    EdgeId nextEdge_;
    TokenId nextToken_;
    std::map<std::string, TokenId> newTokens_;
    bool committed_ = false;
};

std::unique_ptr<ReadTxn> StoreImpl::read() { return std::make_unique<ReadTxnImpl>(*this); }

std::unique_ptr<WriteTxn> StoreImpl::write() {
    if (readOnly_) {
        throw Error("the database " + path_ + " is open read-only; this operation writes");
    }
    bool expected = false;
    if (!writerOpen_.compare_exchange_strong(expected, true)) {
        throw Error("another write transaction is open on " + path_, Error::Kind::Internal);
    }
    return std::make_unique<WriteTxnImpl>(*this);
}

std::unique_ptr<rocksdb::DB> openDb(const rocksdb::Options& options, const std::string& path,
                                    bool readOnly) {
    rocksdb::DB* raw = nullptr;
    rocksdb::Status s = readOnly ? rocksdb::DB::OpenForReadOnly(options, path, &raw)
                                 : rocksdb::DB::Open(options, path, &raw);
    if (!s.ok()) {
        std::string msg = s.ToString();
        // Only a failure to take the LOCK file means another writer: a checksum error
        // ("block checksum mismatch") also contains "lock" and is reported as damage.
        if (s.IsIOError() &&
            (msg.find("lock file") != std::string::npos || msg.find("LOCK") != std::string::npos ||
             msg.find("Resource temporarily") != std::string::npos)) {
            std::string holder = lockHolder(path);
            throw Error("database is locked: " + path + " is open for writing by " +
                        (holder.empty() ? "another kgraph process" : holder) +
                        "; wait for it to finish, or read without the lock (`kgraph shell "
                        "--read-only`; `kgraph query` opens read-only queries that way itself)");
        }
        throw Error(internal::describeFailure(s, "cannot open the database " + path),
                    Error::Kind::Storage);
    }
    return std::unique_ptr<rocksdb::DB>(raw);
}

class RawViewImpl final : public internal::RawView {
public:
    explicit RawViewImpl(StoreImpl& store) : txn_(store) {}
    std::optional<std::string> get(const std::string& key) override { return txn_.get(key); }
    void scan(std::string_view prefix,
              const std::function<bool(std::string_view, std::string_view)>& fn) override {
        txn_.scan(prefix, fn);
    }
    GraphView& view() override { return txn_; }

private:
    ReadTxnImpl txn_;
};

StoreImpl& impl(GraphStore& store) {
    auto* s = dynamic_cast<StoreImpl*>(&store);
    if (!s) throw Error("not a RocksDB graph store", Error::Kind::Internal);
    return *s;
}

// Makes `dir` a RocksDB database holding the format record, and closes it.
void initialise(const std::string& dir, rocksdb::Options options) {
    options.create_if_missing = true;
    auto db = openDb(options, dir, /*readOnly=*/false);
    rocksdb::WriteOptions wo;
    wo.sync = true;
    auto s = db->Put(wo, keys::meta(keys::kMetaFormat), keys::kFormatVersion);
    if (!s.ok()) fail(s, "cannot initialise the database");
    s = db->Close();
    if (!s.ok()) fail(s, "cannot initialise the database");
}

// Creates an empty kgraph database at `path`. If `path` does not exist, the
// database is made complete, format record included, in a sibling directory
// and renamed into place, so that a process killed while creating leaves
// either no database or a whole one, never a directory kgraph would refuse as
// foreign. An existing empty directory (which may be someone's working
// directory, so it is not replaced) is initialised in place.
void createDatabase(const std::string& path, const rocksdb::Options& options) {
    fs::path target = fs::path(path).lexically_normal();
    if (target.filename().empty()) target = target.parent_path();
    std::error_code ec;
    if (fs::exists(target, ec)) {
        initialise(target.string(), options);
        return;
    }
    // One staging directory per process: two processes creating the same database at once
    // must not build in (or remove) each other's. The first rename wins; the other process
    // finds a whole database in place and opens it.
    const std::string stagingPrefix = target.filename().string() + ".kgraph-new-";
    fs::path staging = target;
    staging += ".kgraph-new-" + std::to_string(::getpid());
    fs::remove_all(staging, ec);
    if (target.has_parent_path()) fs::create_directories(target.parent_path(), ec);
    // Left by processes killed while creating: removed once their process is gone.
    fs::path parent = target.has_parent_path() ? target.parent_path() : fs::path(".");
    for (fs::directory_iterator it(parent, ec), end; !ec && it != end; it.increment(ec)) {
        std::string name = it->path().filename().string();
        if (!name.starts_with(stagingPrefix)) continue;
        std::string pid = name.substr(stagingPrefix.size());
        if (pid.empty() || pid.find_first_not_of("0123456789") != std::string::npos) continue;
        if (::kill(static_cast<pid_t>(std::stoll(pid)), 0) != 0 && errno == ESRCH) {
            std::error_code ignored;
            fs::remove_all(it->path(), ignored);
        }
    }
    ec.clear();
    initialise(staging.string(), options);
    fs::rename(staging, target, ec);
    if (ec) {
        std::error_code ignored;
        fs::remove_all(staging, ignored);
        bool someoneElse = fs::exists(target / "CURRENT", ignored);
        if (!someoneElse) {
            throw Error("cannot create the database " + path + ": " + ec.message(),
                        Error::Kind::Storage);
        }
    }
}

}  // namespace

std::unique_ptr<internal::RawView> internal::rawSnapshot(GraphStore& store) {
    return std::make_unique<RawViewImpl>(impl(store));
}

rocksdb::DB& internal::rocksDb(GraphStore& store) { return impl(store).db(); }

void internal::reloadDictionary(GraphStore& store) {
    impl(store).noteIngestion();
    impl(store).loadTokens();
}

void GraphView::scanNodeRange(NodeId first, NodeId end, const NodeCallback& fn) {
    if (first >= end) return;
    scanNodes([&](NodeId id) {
        if (id < first) return true;
        return id < end && fn(id);
    });
}

NodeId GraphView::nodeIdBound() {
    NodeId bound = 1;
    scanNodes([&](NodeId id) {
        bound = std::max(bound, id + 1);
        return true;
    });
    return bound;
}

std::unique_ptr<GraphView::DegreeReader> GraphView::degreeReader(Direction dir) {
    struct PerNode : DegreeReader {
        GraphView& view;
        Direction dir;
        PerNode(GraphView& v, Direction d) : view(v), dir(d) {}
        uint64_t degree(NodeId node) override { return view.degree(node, dir, std::nullopt); }
    };
    return std::make_unique<PerNode>(*this, dir);
}

uint64_t GraphView::degree(NodeId node, Direction dir, std::optional<std::string_view> type) {
    uint64_t n = 0;
    expand(node, dir, type, [&](const Adjacent&) {
        ++n;
        return true;
    });
    return n;
}

uint64_t GraphView::patternCount(std::string_view srcLabel, std::string_view type,
                                 std::string_view dstLabel) {
    if (srcLabel.empty() && dstLabel.empty()) return type.empty() ? edgeCount() : typeCount(type);
    uint64_t n = 0;
    auto visit = [&](EdgeId id) {
        auto e = edge(id);
        if (e && (srcLabel.empty() || hasLabel(e->src, srcLabel)) &&
            (dstLabel.empty() || hasLabel(e->dst, dstLabel))) {
            ++n;
        }
        return true;
    };
    if (type.empty()) {
        scanEdges(visit);
    } else {
        scanEdgesOfType(type, visit);
    }
    return n;
}

std::unique_ptr<GraphStore> GraphStore::open(const std::string& path, const OpenOptions& options) {
    std::error_code ec;
    bool exists = fs::exists(path, ec);
    if (exists && !fs::is_directory(path, ec)) {
        throw Error(path + " is a file, not a kgraph database directory");
    }
    bool empty = !exists || fs::is_empty(path, ec);
    if (empty && (options.readOnly || !options.createIfMissing)) {
        throw Error("no kgraph database at " + path +
                    " (create one with `kgraph build` or `kgraph import`)");
    }
    if (!empty && !fs::exists(fs::path(path) / "CURRENT", ec)) {
        throw Error(path + " is not a kgraph database (it holds other files); nothing was changed");
    }
    rocksdb::Options dbOptions = internal::storeOptions();
    if (options.env) dbOptions.env = options.env;
    std::unique_ptr<rocksdb::DB> probe;
    if (!empty) {
        // Check the format before any read-write open, which could write.
        probe = openDb(dbOptions, path, /*readOnly=*/true);
        std::string format;
        auto s = probe->Get(rocksdb::ReadOptions(), keys::meta(keys::kMetaFormat), &format);
        if (s.IsNotFound()) {
            throw Error(path +
                        " is a RocksDB directory but not a kgraph database; nothing was changed");
        }
        if (!s.ok()) fail(s, "cannot read the database format");
        if (format != keys::kFormatVersion) {
            throw Error(path + " has database format '" + format + "' but this kgraph reads '" +
                        std::string(keys::kFormatVersion) + "'; rebuild it with this version");
        }
    }
    if (empty) createDatabase(path, dbOptions);
    // A read-only store keeps the probe: opening costs a one-shot query more than its work.
    auto db = probe && options.readOnly ? std::move(probe) : nullptr;
    probe.reset();
    if (!db && !options.readOnly) dbOptions.info_log = internal::openInfoLog(path);
    if (!db) db = openDb(dbOptions, path, options.readOnly);
    if (!options.readOnly) noteLockHolder(path);
    // RocksDB counts perf statistics per key by default (thread-local); nothing reads them.
    rocksdb::SetPerfLevel(rocksdb::PerfLevel::kDisable);
    auto store = std::make_unique<StoreImpl>(std::move(db), path, options.readOnly);
    store->loadTokens();
    return store;
}

}  // namespace kgraph::storage
