#include "storage/bulk_import.h"

#include <rocksdb/sst_file_writer.h>
#include <rocksdb/table.h>
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <exception>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

#include "engine/common/error.h"
#include "storage/csv_reader.h"
#include "storage/key_format.h"
#include "storage/store_internal.h"
#include "storage/value_codec.h"

namespace kgraph::storage {

namespace {

namespace fs = std::filesystem;

// The import's threads only bump these counters; a reporter thread of its own
// turns them into BulkImportProgress calls, so a slow callback (a terminal
// write) never holds up the work.
class ProgressCounters {
public:
    enum class Phase { ReadingNodes, ReadingEdges, Writing, Ingesting };

    explicit ProgressCounters(const BulkImportOptions& options) : options_(options) {
        if (options_.progress) reporter_ = std::thread([this] { run(); });
    }
    ~ProgressCounters() { stop(); }
    ProgressCounters(const ProgressCounters&) = delete;
    ProgressCounters& operator=(const ProgressCounters&) = delete;

    void setInputBytes(uint64_t n) { inputBytes_ = n; }
    void setExpectedKeys(uint64_t n) { expectedKeys_ = n; }
    void enter(Phase p) { phase_ = p; }
    void addRead(uint64_t bytes, uint64_t rows) {
        bytes_.fetch_add(bytes, std::memory_order_relaxed);
        rows_.fetch_add(rows, std::memory_order_relaxed);
    }
    void addKeys(uint64_t n) { keys_.fetch_add(n, std::memory_order_relaxed); }

    // Stops the reporter and makes the last call, phase "done", fraction 1.
    void finish() {
        stop();
        if (options_.progress) options_.progress({"done", 1.0, rows_.load(), rows_.load()});
    }

private:
    // Shares of a 1M-edge import's time (KGRAPH_IMPORT_TRACE): reading both
    // files about a fifth, writing the sorted files nearly three quarters.
    static constexpr double kReadShare = 0.22, kWriteShare = 0.73;

    BulkImportProgress snapshot() {
        auto ratio = [](uint64_t done, uint64_t total) {
            return total ? std::min(1.0, static_cast<double>(done) / total) : 0.0;
        };
        BulkImportProgress p;
        p.rows = rows_.load(std::memory_order_relaxed);
        uint64_t bytes = bytes_.load(std::memory_order_relaxed);
        p.expectedRows = p.rows;
        if (phase_.load() <= Phase::ReadingEdges && bytes > 0) {
            p.expectedRows = std::max<uint64_t>(
                p.rows, static_cast<uint64_t>(static_cast<double>(p.rows) * inputBytes_ / bytes));
        }
        double f = 0;
        switch (phase_.load()) {
            case Phase::ReadingNodes:
                p.phase = "reading nodes";
                f = kReadShare * ratio(bytes_.load(), inputBytes_.load());
                break;
            case Phase::ReadingEdges:
                p.phase = "reading edges";
                f = kReadShare * ratio(bytes_.load(), inputBytes_.load());
                break;
            case Phase::Writing:
                p.phase = "writing";
                f = kReadShare + kWriteShare * ratio(keys_.load(), expectedKeys_.load());
                break;
            case Phase::Ingesting:
                p.phase = "ingesting";
                f = kReadShare + kWriteShare;
                break;
        }
        // Estimates may overshoot within a phase; what was shown stays shown.
        reported_ = std::min(std::max(reported_, f), 0.999);
        p.fraction = reported_;
        return p;
    }
    void run() {
        std::unique_lock lock(mutex_);
        while (!stopping_) {
            if (wake_.wait_for(lock, options_.progressInterval, [this] { return stopping_; }))
                break;
            lock.unlock();
            options_.progress(snapshot());
            lock.lock();
        }
    }
    void stop() {
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
        }
        wake_.notify_all();
        if (reporter_.joinable()) reporter_.join();
    }

    const BulkImportOptions& options_;
    std::atomic<Phase> phase_{Phase::ReadingNodes};
    std::atomic<uint64_t> inputBytes_{0}, expectedKeys_{0}, bytes_{0}, rows_{0}, keys_{0};
    double reported_ = 0;  // reporter thread only
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread reporter_;
};

constexpr uint64_t kMaxRows = 0xfffffff0u;  // ids are kept as u32 in memory

// name -> node index, open addressing over indexes into `names`. A slot holds
// the upper half of the name's hash beside index + 1, so that probing past
// other names rarely touches their bytes (each touch is a cache miss).
class NameTable {
public:
    explicit NameTable(const std::vector<std::string_view>& names) : names_(names) {
        resize(1 << 16);
    }

    // Inserts names_[index]; returns the index already holding that name, if any.
    std::optional<uint32_t> insert(uint32_t index) {
        if ((used_ + 1) * 2 > slots_.size()) resize(slots_.size() * 2);
        std::string_view name = names_[index];
        uint64_t h = hash(name);
        for (size_t i = h & mask_;; i = (i + 1) & mask_) {
            uint64_t s = slots_[i];
            if (s == 0) {
                slots_[i] = (h & kTag) | (index + 1);
                ++used_;
                return std::nullopt;
            }
            if ((s & kTag) == (h & kTag) && names_[(s & kIndex) - 1] == name)
                return (s & kIndex) - 1;
        }
    }
    // Batched lookups (see parseEdgeRows): hash, prefetch the home slot,
    // later take the first slot whose tag matches, prefetch that name, and
    // finally verify it; a mismatch (a tag collision) falls back to find().
    static uint64_t hashOf(std::string_view name) { return hash(name); }
    void prefetchSlot(uint64_t h) const { __builtin_prefetch(&slots_[h & mask_]); }
    // index + 1 of the first slot on h's probe path with h's tag, or 0.
    uint32_t candidate(uint64_t h) const {
        for (size_t i = h & mask_;; i = (i + 1) & mask_) {
            uint64_t s = slots_[i];
            if (s == 0) return 0;
            if ((s & kTag) == (h & kTag)) return static_cast<uint32_t>(s & kIndex);
        }
    }
    const std::string_view& nameAt(uint32_t index) const { return names_[index]; }

    std::optional<uint32_t> find(std::string_view name) const {
        uint64_t h = hash(name);
        for (size_t i = h & mask_;; i = (i + 1) & mask_) {
            uint64_t s = slots_[i];
            if (s == 0) return std::nullopt;
            if ((s & kTag) == (h & kTag) && names_[(s & kIndex) - 1] == name)
                return (s & kIndex) - 1;
        }
    }

private:
    static constexpr uint64_t kTag = 0xffffffff00000000u;
    static constexpr uint64_t kIndex = 0xffffffffu;
    static uint64_t hash(std::string_view s) { return std::hash<std::string_view>{}(s); }
    void resize(size_t n) {
        std::vector<uint64_t> old = std::move(slots_);
        slots_.assign(n, 0);
        mask_ = n - 1;
        for (uint64_t s : old) {
            if (s == 0) continue;
            size_t i = hash(names_[(s & kIndex) - 1]) & mask_;
            while (slots_[i] != 0) i = (i + 1) & mask_;
            slots_[i] = s;
        }
    }

    const std::vector<std::string_view>& names_;
    std::vector<uint64_t> slots_;
    size_t mask_ = 0;
    size_t used_ = 0;
};

// The dictionary, ids handed out in first-use order like WriteTxn's.
class Dictionary {
public:
    TokenId intern(std::string_view name) {
        if (name == last_ && lastId_ != 0) return lastId_;
        auto it = ids_.find(name);
        if (it == ids_.end()) {
            names_.emplace_back(name);
            it = ids_.emplace(names_.back(), static_cast<TokenId>(names_.size())).first;
        }
        last_ = it->first;
        lastId_ = it->second;
        return lastId_;
    }
    size_t size() const { return names_.size(); }
    const std::string& name(TokenId id) const { return names_[id - 1]; }

private:
    std::deque<std::string> names_;  // id - 1 -> name; stable addresses for the views below
    std::unordered_map<std::string_view, TokenId> ids_;
    std::string_view last_;
    TokenId lastId_ = 0;
};

struct Graph {
    std::unique_ptr<CsvReader> nodesFile;  // owns the bytes `names` point into
    std::vector<std::string_view> names;   // node index -> name
    std::vector<TokenId> nodeLabel;        // node index -> label
    std::vector<uint32_t> src, dst;        // edge index -> node index
    std::vector<TokenId> edgeType;         // edge index -> type
    NameTable byName{names};
    Dictionary dict;
    TokenId nameToken = 0;
    uint64_t bytesRead = 0;
};

void expectHeader(CsvReader& csv, std::vector<std::string_view>& f,
                  const std::vector<std::string_view>& want, const std::string& text) {
    if (!csv.next(f))
        throw Error(csv.name() + ": the file is empty; its first line must be `" + text + "`");
    if (f != want) csv.failLine("the header must be `" + text + "`");
}

bool blank(const std::vector<std::string_view>& f) { return f.size() == 1 && f[0].empty(); }

void expectFields(CsvReader& csv, const std::vector<std::string_view>& f, size_t n,
                  const std::string& text) {
    if (f.size() == n) return;
    csv.fail(std::min(f.size(), n), "expected " + std::to_string(n) + " fields (" + text +
                                        "), found " + std::to_string(f.size()));
}

void readNodes(Graph& g, const std::string& path, ProgressCounters& progress) {
    g.nodesFile = std::make_unique<CsvReader>(path);
    CsvReader& csv = *g.nodesFile;
    g.bytesRead += csv.size();
    std::vector<std::string_view> f;
    expectHeader(csv, f, {"name", "label"}, "name,label");
    std::vector<uint32_t> lines;
    size_t reported = 0, rows = 0;
    while (csv.next(f)) {
        if (++rows % 4096 == 0) {
            progress.addRead(csv.offset() - reported, 4096);
            reported = csv.offset();
        }
        if (blank(f)) continue;
        expectFields(csv, f, 2, "name,label");
        if (f[0].empty()) csv.fail(0, "empty name");
        if (f[0].find('\0') != std::string_view::npos)
            csv.fail(0, "a name may not contain a NUL byte");
        if (f[1].empty()) csv.fail(1, "empty label");
        if (g.names.size() >= kMaxRows) csv.fail(0, "too many nodes");
        auto index = static_cast<uint32_t>(g.names.size());
        g.names.push_back(f[0]);
        if (auto first = g.byName.insert(index)) {
            csv.fail(0, "duplicate name '" + std::string(f[0]) + "' (first on line " +
                            std::to_string(lines[*first]) +
                            "); names identify nodes and must be unique");
        }
        // createNode() interns the labels first, then the property keys.
        g.nodeLabel.push_back(g.dict.intern(f[1]));
        if (g.nameToken == 0) g.nameToken = g.dict.intern("name");
        lines.push_back(static_cast<uint32_t>(csv.line()));
    }
    progress.addRead(csv.offset() - reported, rows % 4096);
}

// The relationships of one part of the edges file, with types numbered in
// the order they first appear in that part.
struct EdgePart {
    std::vector<uint32_t> src, dst;
    std::vector<TokenId> type;
    Dictionary types;
    std::exception_ptr error;
};

// Name lookups are random accesses into a table bigger than the caches, so
// rows are resolved in batches whose memory accesses are prefetched in three
// waves (slot, name view, name bytes) instead of one miss after another.
void parseEdgeRows(const Graph& g, CsvReader& csv, EdgePart& out, ProgressCounters& progress) {
    size_t estimate = csv.size() / 40 + 16;
    out.src.reserve(estimate);
    out.dst.reserve(estimate);
    out.type.reserve(estimate);
    struct End {
        std::string_view name;
        uint64_t hash;
        uint32_t candidate;
        uint32_t line, column;  // of the field, for errors
    };
    constexpr size_t kBatch = 64;
    std::vector<End> ends;  // src, dst of each pending row
    ends.reserve(2 * kBatch);
    const NameTable& table = g.byName;
    auto resolve = [&] {
        for (auto& e : ends) e.candidate = table.candidate(e.hash);
        for (auto& e : ends) {
            if (e.candidate) __builtin_prefetch(&table.nameAt(e.candidate - 1));
        }
        for (auto& e : ends) {
            if (e.candidate) __builtin_prefetch(table.nameAt(e.candidate - 1).data());
        }
        for (size_t k = 0; k < ends.size(); ++k) {
            const End& e = ends[k];
            std::optional<uint32_t> index;
            if (e.candidate && table.nameAt(e.candidate - 1) == e.name) {
                index = e.candidate - 1;
            } else if (e.candidate) {
                index = table.find(e.name);
            }
            if (!index) {
                throw Error(csv.name() + ":" + std::to_string(e.line) + ":" +
                            std::to_string(e.column) + ": no node named '" + std::string(e.name) +
                            "' in the nodes file");
            }
            (k % 2 == 0 ? out.src : out.dst).push_back(*index);
        }
        ends.clear();
    };
    std::vector<std::string_view> f;
    size_t reported = 0, rows = 0;
    while (csv.next(f)) {
        if (++rows % 4096 == 0) {
            progress.addRead(csv.offset() - reported, 4096);
            reported = csv.offset();
        }
        if (blank(f)) continue;
        // Report errors in file order: resolve the earlier rows first.
        if (f.size() != 3 || f[2].empty()) resolve();
        expectFields(csv, f, 3, "src,dst,type");
        if (f[2].empty()) csv.fail(2, "empty relationship type");
        for (size_t k = 0; k < 2; ++k) {
            uint64_t h = NameTable::hashOf(f[k]);
            table.prefetchSlot(h);
            ends.push_back({f[k], h, 0, static_cast<uint32_t>(csv.fieldLine(k)),
                            static_cast<uint32_t>(csv.fieldColumn(k))});
        }
        out.type.push_back(out.types.intern(f[2]));
        if (ends.size() == 2 * kBatch) resolve();
    }
    resolve();
    progress.addRead(csv.offset() - reported, rows % 4096);
}

// Reads the edges file, in two halves on two threads when no field is quoted
// (then every line break ends a record, so the file can be cut at one).
// Dictionary ids come out as if read in one pass: the first half's new types,
// then the second's, each in order of first appearance.
void readEdges(Graph& g, const std::string& path, int threads, ProgressCounters& progress) {
    std::string data = CsvReader::readFile(path);
    g.bytesRead += data.size();
    size_t cut = std::string::npos;
    if (threads > 1 && data.size() > (1 << 20) && data.find('"') == std::string::npos) {
        cut = data.find('\n', data.size() / 2);
        if (cut != std::string::npos) ++cut;
    }
    std::vector<std::unique_ptr<CsvReader>> readers;
    if (cut == std::string::npos || cut >= data.size()) {
        readers.push_back(std::make_unique<CsvReader>(path, std::move(data)));
    } else {
        size_t secondLine =
            1 + static_cast<size_t>(std::count(data.begin(), data.begin() + cut, '\n'));
        std::string second = data.substr(cut);
        data.resize(cut);
        readers.push_back(std::make_unique<CsvReader>(path, std::move(data)));
        readers.push_back(std::make_unique<CsvReader>(path, std::move(second), secondLine));
    }
    std::vector<std::string_view> f;
    expectHeader(*readers[0], f, {"src", "dst", "type"}, "src,dst,type");

    std::vector<EdgePart> parts(readers.size());
    auto parse = [&](size_t i) {
        try {
            parseEdgeRows(g, *readers[i], parts[i], progress);
        } catch (...) {
            parts[i].error = std::current_exception();
        }
    };
    std::vector<std::thread> pool;
    for (size_t i = 1; i < readers.size(); ++i) pool.emplace_back(parse, i);
    parse(0);
    for (auto& t : pool) t.join();
    for (auto& p : parts) {
        if (p.error) std::rethrow_exception(p.error);  // the first in the file
    }
    readers.clear();

    size_t total = 0;
    for (auto& p : parts) total += p.src.size();
    if (total >= kMaxRows)
        throw Error(path + ": too many relationships (at most " + std::to_string(kMaxRows) + ")");
    g.src.reserve(total);
    g.dst.reserve(total);
    g.edgeType.reserve(total);
    for (auto& p : parts) {
        std::vector<TokenId> global(p.types.size() + 1);
        for (TokenId t = 1; t <= p.types.size(); ++t) global[t] = g.dict.intern(p.types.name(t));
        g.src.insert(g.src.end(), p.src.begin(), p.src.end());
        g.dst.insert(g.dst.end(), p.dst.begin(), p.dst.end());
        for (TokenId t : p.type) g.edgeType.push_back(global[t]);
        p = EdgePart();
    }
}

// ---------------------------------------------------------------------------
// SST generation

// Writes one SST file of keys with one prefix, in key order.
class SstOut {
public:
    SstOut(ProgressCounters& progress, const rocksdb::Options& options, std::string path,
           bool filters)
        : progress_(progress),
          writer_(rocksdb::EnvOptions(), options, nullptr, /*invalidate_page_cache=*/false,
                  rocksdb::Env::IO_TOTAL, /*skip_filters=*/!filters),
          path_(std::move(path)) {
        check(writer_.Open(path_));
    }
    void put(std::string_view key, std::string_view value) {
        check(writer_.Put(rocksdb::Slice(key.data(), key.size()),
                          rocksdb::Slice(value.data(), value.size())));
        if (++entries_ % 4096 == 0) progress_.addKeys(4096);
    }
    // Returns the file's path, or "" (and no file) if nothing was written.
    std::string finish() {
        progress_.addKeys(entries_ % 4096);
        if (entries_ == 0) {
            std::error_code ec;
            fs::remove(path_, ec);
            return "";
        }
        check(writer_.Finish());
        return path_;
    }

private:
    void check(const rocksdb::Status& s) {
        if (!s.ok())
            throw Error("cannot write " + path_ + ": " + s.ToString(), Error::Kind::Storage);
    }
    ProgressCounters& progress_;
    rocksdb::SstFileWriter writer_;
    std::string path_;
    uint64_t entries_ = 0;
};

// A key under construction in a fixed buffer: no allocation per key.
class KeyBuf {
public:
    explicit KeyBuf(char tag) { buf_[0] = tag; }
    KeyBuf& u64(uint64_t v) {
        for (int i = 7; i >= 0; --i) buf_[n_ + 7 - i] = static_cast<char>(v >> (i * 8));
        n_ += 8;
        return *this;
    }
    KeyBuf& u32(uint32_t v) {
        for (int i = 3; i >= 0; --i) buf_[n_ + 3 - i] = static_cast<char>(v >> (i * 8));
        n_ += 4;
        return *this;
    }
    KeyBuf& reset() {
        n_ = 1;
        return *this;
    }
    std::string_view view() const { return {buf_, n_}; }

private:
    char buf_[32];
    size_t n_ = 1;
};

// Ranks of `keyOf(i)` for i in [0, n), grouped by key with i ascending in
// each group (a counting sort): offsets[k]..offsets[k+1] index into the result.
template <class KeyOf>
std::vector<uint32_t> groupBy(size_t n, size_t keys, KeyOf keyOf, std::vector<uint32_t>& offsets) {
    offsets.assign(keys + 1, 0);
    for (size_t i = 0; i < n; ++i) ++offsets[keyOf(i) + 1];
    for (size_t k = 0; k < keys; ++k) offsets[k + 1] += offsets[k];
    std::vector<uint32_t> out(n);
    std::vector<uint32_t> fill(offsets.begin(), offsets.end() - 1);
    for (size_t i = 0; i < n; ++i) out[fill[keyOf(i)]++] = static_cast<uint32_t>(i);
    return out;
}

class SstBuilder {
public:
    SstBuilder(const Graph& g, std::string dir, ProgressCounters& progress)
        : g_(g), dir_(std::move(dir)), progress_(progress) {
        options_ = internal::storeOptions();
        // Ingested files go to the bottom level, where the store keeps ZSTD.
        // Level 1 rather than the default 3: measured on the 1M-edge graph,
        // 39 MB instead of LZ4's 58 MB for a quarter more CPU in this phase,
        // while level 3 saves only 1 MB more for another tenth.
        options_.compression = rocksdb::kZSTD;
        options_.compression_opts.level = 1;
        options_.bottommost_compression = rocksdb::kDisableCompressionOption;
    }

    // Writes every file; returns their paths (in key order of their prefixes).
    std::vector<std::string> build(int threads) {
        std::vector<std::function<std::string()>> tasks = {
            [&] { return adjacency(keys::kOut); },
            [&] { return adjacency(keys::kIn); },
            [&] { return edgeRecords(); },
            [&] { return typeIndex(); },
            [&] { return counts(); },
            [&] { return nodeRecords(); },
            [&] { return nameIndex(); },
            [&] { return labelIndex(); },
            [&] { return meta(); },
            [&] { return dictionary(keys::kTokenById); },
            [&] { return dictionary(keys::kTokenByName); },
        };
        std::vector<std::string> files(tasks.size());
        std::atomic<size_t> next{0};
        std::vector<std::exception_ptr> errors(std::max(threads, 1));
        auto worker = [&](int w) {
            try {
                for (size_t t; (t = next++) < tasks.size();) files[t] = tasks[t]();
            } catch (...) {
                errors[w] = std::current_exception();
                next = tasks.size();
            }
        };
        std::vector<std::thread> pool;
        for (int w = 1; w < threads; ++w) pool.emplace_back(worker, w);
        worker(0);
        for (auto& t : pool) t.join();
        for (auto& e : errors) {
            if (e) std::rethrow_exception(e);
        }
        std::vector<std::string> out;
        for (auto& f : files) {
            if (!f.empty()) out.push_back(std::move(f));
        }
        return out;
    }

private:
    std::string path(char tag) const {
        char hex[8];
        std::snprintf(hex, sizeof hex, "%02x", static_cast<unsigned char>(tag));
        return dir_ + "/" + hex + ".sst";
    }

    std::string nodeRecords() {
        SstOut out(progress_, options_, path(keys::kNode), true);
        KeyBuf key(keys::kNode);
        std::string value;
        for (size_t i = 0; i < g_.names.size(); ++i) {
            // codec::encodeNode({label}, {(name, string)}), written directly.
            value.clear();
            codec::putVarint(value, 1);
            codec::putVarint(value, g_.nodeLabel[i]);
            codec::putVarint(value, 1);
            codec::putVarint(value, g_.nameToken);
            value.push_back(4);  // string tag (storage/value_codec.h)
            codec::putString(value, g_.names[i]);
            out.put(key.reset().u64(i + 1).view(), value);
        }
        return out.finish();
    }

    std::string labelIndex() {
        SstOut out(progress_, options_, path(keys::kLabel), true);  // hasLabel() is a point lookup
        std::vector<uint32_t> offsets;
        auto order = groupBy(
            g_.names.size(), g_.dict.size() + 1, [&](size_t i) { return g_.nodeLabel[i]; },
            offsets);
        KeyBuf key(keys::kLabel);
        for (size_t label = 1; label <= g_.dict.size(); ++label) {
            for (uint32_t r = offsets[label]; r < offsets[label + 1]; ++r) {
                out.put(key.reset().u32(static_cast<uint32_t>(label)).u64(order[r] + 1).view(), "");
            }
        }
        return out.finish();
    }

    std::string nameIndex() {
        SstOut out(progress_, options_, path(keys::kName), false);  // always prefix scans
        std::vector<uint32_t> order(g_.names.size());
        for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<uint32_t>(i);
        std::sort(order.begin(), order.end(),
                  [&](uint32_t a, uint32_t b) { return g_.names[a] < g_.names[b]; });
        std::string key;
        for (uint32_t i : order) {
            key.assign(1, keys::kName);
            key.append(g_.names[i]);
            key.push_back('\0');
            keys::putU64(key, i + 1);
            out.put(key, "");
        }
        return out.finish();
    }

    std::string edgeRecords() {
        SstOut out(progress_, options_, path(keys::kEdge), true);
        KeyBuf key(keys::kEdge);
        char value[32];
        for (size_t j = 0; j < g_.src.size(); ++j) {
            // codec::encodeEdge({src, dst, type, {}}), written directly.
            size_t n = 0;
            uint64_t s = g_.src[j] + 1, d = g_.dst[j] + 1;
            for (int i = 7; i >= 0; --i) value[n++] = static_cast<char>(s >> (i * 8));
            for (int i = 7; i >= 0; --i) value[n++] = static_cast<char>(d >> (i * 8));
            for (uint32_t t = g_.edgeType[j];; t >>= 7) {
                if (t < 0x80) {
                    value[n++] = static_cast<char>(t);
                    break;
                }
                value[n++] = static_cast<char>(t | 0x80);
            }
            value[n++] = 0;  // no properties
            out.put(key.reset().u64(j + 1).view(), std::string_view(value, n));
        }
        return out.finish();
    }

    // kOut: o src type dst edge; kIn: i dst type src edge.
    std::string adjacency(char tag) {
        SstOut out(progress_, options_, path(tag), false);  // always prefix scans
        const auto& from = tag == keys::kOut ? g_.src : g_.dst;
        const auto& to = tag == keys::kOut ? g_.dst : g_.src;
        // Counting sort by the bound end, carrying the rest of the key, so that
        // the per-node sort below touches only contiguous memory.
        struct Entry {
            uint64_t typeAndOther;  // type << 32 | other end
            uint32_t edge;
        };
        const size_t n = from.size(), nodes = g_.names.size();
        std::vector<uint32_t> offsets(nodes + 1, 0);
        for (uint32_t f : from) ++offsets[f + 1];
        for (size_t k = 0; k < nodes; ++k) offsets[k + 1] += offsets[k];
        std::vector<Entry> entries(n);
        {
            std::vector<uint32_t> fill(offsets.begin(), offsets.end() - 1);
            for (size_t j = 0; j < n; ++j) {
                entries[fill[from[j]]++] = {uint64_t{g_.edgeType[j]} << 32 | to[j],
                                            static_cast<uint32_t>(j)};
            }
        }
        KeyBuf key(tag);
        for (size_t node = 0; node < nodes; ++node) {
            auto begin = entries.begin() + offsets[node], end = entries.begin() + offsets[node + 1];
            std::sort(begin, end, [](const Entry& a, const Entry& b) {
                return a.typeAndOther != b.typeAndOther ? a.typeAndOther < b.typeAndOther
                                                        : a.edge < b.edge;
            });
            for (auto it = begin; it != end; ++it) {
                auto type = static_cast<uint32_t>(it->typeAndOther >> 32);
                uint64_t other = (it->typeAndOther & 0xffffffffu) + 1;
                out.put(key.reset()
                            .u64(node + 1)
                            .u32(type)
                            .u64(other)
                            .u64(uint64_t{it->edge} + 1)
                            .view(),
                        "");
            }
        }
        return out.finish();
    }

    std::string typeIndex() {
        SstOut out(progress_, options_, path(keys::kType), false);  // always prefix scans
        std::vector<uint32_t> offsets;
        auto order = groupBy(
            g_.edgeType.size(), g_.dict.size() + 1, [&](size_t j) { return g_.edgeType[j]; },
            offsets);
        KeyBuf key(keys::kType);
        for (size_t type = 1; type <= g_.dict.size(); ++type) {
            for (uint32_t r = offsets[type]; r < offsets[type + 1]; ++r) {
                out.put(key.reset().u32(static_cast<uint32_t>(type)).u64(order[r] + 1).view(), "");
            }
        }
        return out.finish();
    }

    std::string counts() {
        std::vector<std::pair<std::string, uint64_t>> all;
        all.emplace_back(keys::count('N'), g_.names.size());
        all.emplace_back(keys::count('E'), g_.src.size());
        std::vector<uint64_t> perLabel(g_.dict.size() + 1), perType(g_.dict.size() + 1);
        for (TokenId l : g_.nodeLabel) ++perLabel[l];
        for (TokenId t : g_.edgeType) ++perType[t];
        for (size_t t = 1; t <= g_.dict.size(); ++t) {
            if (perLabel[t])
                all.emplace_back(keys::count('L', static_cast<TokenId>(t)), perLabel[t]);
            if (perType[t]) all.emplace_back(keys::count('T', static_cast<TokenId>(t)), perType[t]);
        }
        // Degrees per node (node id = index + 1).
        std::vector<uint64_t> outDegree(g_.names.size()), inDegree(g_.names.size());
        std::unordered_map<uint32_t, uint64_t> selfLoops;
        for (size_t j = 0; j < g_.src.size(); ++j) {
            ++outDegree[g_.src[j]];
            ++inDegree[g_.dst[j]];
            if (g_.src[j] == g_.dst[j]) ++selfLoops[g_.src[j]];
        }
        for (size_t i = 0; i < g_.names.size(); ++i) {
            if (outDegree[i]) all.emplace_back(keys::degreeCount('O', i + 1), outDegree[i]);
            if (inDegree[i]) all.emplace_back(keys::degreeCount('I', i + 1), inDegree[i]);
        }
        for (auto [i, n] : selfLoops) all.emplace_back(keys::degreeCount('S', i + 1), n);
        // (src label, type, dst label) -> count, then the "any" roll-ups
        // (storage/key_format.h): every node has exactly one label here.
        std::unordered_map<uint64_t, uint64_t> triples;
        auto pack = [](uint64_t s, uint64_t t, uint64_t d) { return (s << 42) | (t << 21) | d; };
        if (g_.dict.size() >= (1u << 21))
            throw Error("too many distinct labels and types (at most 2,097,151)");
        for (size_t j = 0; j < g_.src.size(); ++j) {
            ++triples[pack(g_.nodeLabel[g_.src[j]], g_.edgeType[j], g_.nodeLabel[g_.dst[j]])];
        }
        std::unordered_map<uint64_t, uint64_t> patterns;
        constexpr uint64_t kAny = keys::kAnyToken;
        for (auto [k, n] : triples) {
            uint64_t s = k >> 42, t = (k >> 21) & 0x1fffff, d = k & 0x1fffff;
            for (uint64_t ss : {s, kAny}) {
                for (uint64_t dd : {d, kAny}) {
                    if (ss == kAny && dd == kAny) continue;
                    patterns[pack(ss, t, dd)] += n;
                    patterns[pack(ss, kAny, dd)] += n;
                }
            }
        }
        for (auto [k, n] : patterns) {
            all.emplace_back(keys::patternCount(static_cast<TokenId>(k >> 42),
                                                static_cast<TokenId>((k >> 21) & 0x1fffff),
                                                static_cast<TokenId>(k & 0x1fffff)),
                             n);
        }
        std::sort(all.begin(), all.end());
        SstOut out(progress_, options_, path(keys::kCount), true);
        std::string value;
        for (const auto& [k, n] : all) {
            if (n == 0) continue;
            value.clear();
            keys::putU64(value, n);
            out.put(k, value);
        }
        return out.finish();
    }

    std::string meta() {
        std::vector<std::pair<std::string, std::string>> all;
        auto u64 = [](uint64_t v) {
            std::string s;
            keys::putU64(s, v);
            return s;
        };
        all.emplace_back(keys::meta(keys::kMetaFormat), std::string(keys::kFormatVersion));
        all.emplace_back(keys::meta(keys::kMetaNextNode), u64(g_.names.size() + 1));
        all.emplace_back(keys::meta(keys::kMetaNextEdge), u64(g_.src.size() + 1));
        all.emplace_back(keys::meta(keys::kMetaNextToken), u64(g_.dict.size() + 1));
        std::sort(all.begin(), all.end());
        SstOut out(progress_, options_, path(keys::kMeta), true);
        for (const auto& [k, v] : all) out.put(k, v);
        return out.finish();
    }

    std::string dictionary(char tag) {
        std::vector<std::pair<std::string, std::string>> all;
        for (TokenId id = 1; id <= g_.dict.size(); ++id) {
            std::string idBytes;
            keys::putU32(idBytes, id);
            if (tag == keys::kTokenById) {
                all.emplace_back(std::string(1, tag) + idBytes, g_.dict.name(id));
            } else {
                all.emplace_back(std::string(1, tag) + g_.dict.name(id), idBytes);
            }
        }
        std::sort(all.begin(), all.end());
        SstOut out(progress_, options_, path(tag), true);
        for (const auto& [k, v] : all) out.put(k, v);
        return out.finish();
    }

    const Graph& g_;
    std::string dir_;
    ProgressCounters& progress_;
    rocksdb::Options options_;
};

// True if the database holds nothing but its format record.
bool isEmpty(GraphStore& store) {
    auto raw = internal::rawSnapshot(store);
    bool empty = true;
    const std::string format = keys::meta(keys::kMetaFormat);
    raw->scan("", [&](std::string_view k, std::string_view) {
        if (k != format) empty = false;
        return empty;
    });
    return empty;
}

std::unique_ptr<GraphStore> openEmpty(const std::string& dbPath) {
    auto store = GraphStore::open(dbPath);
    if (!isEmpty(*store)) {
        auto r = store->read();
        throw Error("the database " + dbPath + " is not empty (" + std::to_string(r->nodeCount()) +
                    " nodes, " + std::to_string(r->edgeCount()) +
                    " relationships); bulk import needs a new database: choose another --db");
    }
    return store;
}

}  // namespace

// With $KGRAPH_IMPORT_TRACE set, prints each phase's wall and CPU time
// (all threads) to stderr.
class PhaseTimer {
public:
    PhaseTimer() : on_(std::getenv("KGRAPH_IMPORT_TRACE") != nullptr) { reset(); }
    void lap(const char* phase) {
        if (!on_) return;
        auto wall = std::chrono::steady_clock::now();
        double cpu = cpuMs();
        std::fprintf(stderr, "import: %-10s %7.1f ms wall %7.1f ms cpu\n", phase,
                     std::chrono::duration<double, std::milli>(wall - wall_).count(), cpu - cpu_);
        reset();
    }

private:
    static double cpuMs() {
        rusage u{};
        getrusage(RUSAGE_SELF, &u);
        auto ms = [](const timeval& t) { return t.tv_sec * 1e3 + t.tv_usec / 1e3; };
        return ms(u.ru_utime) + ms(u.ru_stime);
    }
    void reset() {
        wall_ = std::chrono::steady_clock::now();
        cpu_ = cpuMs();
    }
    bool on_;
    std::chrono::steady_clock::time_point wall_;
    double cpu_ = 0;
};

BulkImportResult bulkImport(const std::string& dbPath, const std::string& nodesCsv,
                            const std::string& edgesCsv, const BulkImportOptions& options) {
    // An existing database is checked (and locked) first, so that a wrong
    // --db fails before the files are read.
    std::unique_ptr<GraphStore> store;
    std::error_code ec;
    if (fs::exists(dbPath, ec) && !fs::is_empty(dbPath, ec)) store = openEmpty(dbPath);

    PhaseTimer timer;
    ProgressCounters progress(options);
    // Only the progress estimate needs the sizes now; an unreadable file fails when it is read.
    auto sizeOf = [](const std::string& path) {
        std::error_code error;
        auto n = fs::file_size(path, error);
        return error ? uint64_t{0} : static_cast<uint64_t>(n);
    };
    progress.setInputBytes(sizeOf(nodesCsv) + (edgesCsv.empty() ? 0 : sizeOf(edgesCsv)));
    Graph g;
    readNodes(g, nodesCsv, progress);
    timer.lap("nodes");
    progress.enter(ProgressCounters::Phase::ReadingEdges);
    if (!edgesCsv.empty()) readEdges(g, edgesCsv, options.threads, progress);
    timer.lap("edges");
    // Node records, name, label and degree-count keys; four keys a relationship
    // (record, both adjacencies, type index); the dictionary both ways.
    progress.setExpectedKeys(5 * g.names.size() + 4 * g.src.size() + 2 * g.dict.size());

    if (!store) store = openEmpty(dbPath);
    timer.lap("open");
    const std::string tmp = (fs::path(dbPath) / "import.tmp").string();
    fs::remove_all(tmp, ec);
    fs::create_directories(tmp, ec);
    if (ec) throw Error("cannot create " + tmp + ": " + ec.message(), Error::Kind::Storage);
    try {
        progress.enter(ProgressCounters::Phase::Writing);
        auto files = SstBuilder(g, tmp, progress).build(options.threads);
        timer.lap("sst files");
        progress.enter(ProgressCounters::Phase::Ingesting);
        rocksdb::IngestExternalFileOptions ingest;
        ingest.move_files = true;            // hard links: no copy
        ingest.allow_blocking_flush = true;  // the format record may still be in the memtable
        auto s = internal::rocksDb(*store).IngestExternalFile(files, ingest);
        if (!s.ok()) {
            throw Error("could not add the imported data to " + dbPath + " (" + s.ToString() +
                            "); nothing was imported",
                        Error::Kind::Storage);
        }
    } catch (...) {
        fs::remove_all(tmp, ec);
        throw;
    }
    fs::remove_all(tmp, ec);
    timer.lap("ingest");
    internal::reloadDictionary(*store);

    BulkImportResult result;
    result.nodes = g.names.size();
    result.edges = g.src.size();
    std::vector<bool> isLabel(g.dict.size() + 1);
    for (TokenId l : g.nodeLabel) isLabel[l] = true;
    result.labels = static_cast<uint64_t>(std::count(isLabel.begin(), isLabel.end(), true));
    std::vector<bool> isType(g.dict.size() + 1);
    for (TokenId t : g.edgeType) isType[t] = true;
    result.types = static_cast<uint64_t>(std::count(isType.begin(), isType.end(), true));
    result.bytesRead = g.bytesRead;
    progress.finish();
    return result;
}

}  // namespace kgraph::storage
