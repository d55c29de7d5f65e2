// Key-level access to a GraphStore, for the storage layer's own tools: the
// consistency checker (storage/consistency_check.h) and bulk import
// (storage/bulk_import.h). The query engine and the CLI never include this;
// they see the graph through GraphView.
#pragma once

#include <rocksdb/db.h>
#include <rocksdb/options.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "storage/graph_store.h"

namespace kgraph::storage::internal {

// The RocksDB options every kgraph database is opened with (and bulk import
// writes its SST files with). See docs/storage.md, "Options".
rocksdb::Options storeOptions();

// The info log of a database opened for writing: RocksDB's LOG file, written so that a write
// error (a full disk) is ignored instead of aborting the process.
std::shared_ptr<rocksdb::Logger> openInfoLog(const std::string& dir);

// The message for a failed RocksDB operation `what` ("write failed", ...): corruption is
// named as damaged database files with what to do, a full disk as "No space left on
// device", anything else with RocksDB's own words.
std::string describeFailure(const rocksdb::Status& s, std::string_view what);

// Raw records of one consistent snapshot.
// Thread-safety: one thread at a time.
class RawView {
public:
    virtual ~RawView() = default;
    // nullopt if the key is absent.
    virtual std::optional<std::string> get(const std::string& key) = 0;
    // Calls fn(key, value) for every key starting with `prefix`, in key order,
    // until fn returns false.
    virtual void scan(
        std::string_view prefix,
        const std::function<bool(std::string_view key, std::string_view value)>& fn) = 0;
    // The same snapshot as a GraphView (dictionary, decoding).
    virtual GraphView& view() = 0;
};

// A snapshot of `store` taken now. REQUIRES: `store` came from GraphStore::open.
std::unique_ptr<RawView> rawSnapshot(GraphStore& store);

// The RocksDB database under `store`, for bulk ingestion. REQUIRES: as above.
rocksdb::DB& rocksDb(GraphStore& store);

// Re-reads the dictionary after records were added behind the store's back
// (bulk ingestion).
void reloadDictionary(GraphStore& store);

}  // namespace kgraph::storage::internal
