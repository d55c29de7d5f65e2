#include "engine/graph/snapshot_cache.h"

#include <algorithm>
#include <list>
#include <mutex>
#include <string>

namespace kgraph::graph {

namespace {

constexpr size_t kCapacity = 4;

struct Entry {
    storage::GraphView::Version version;
    std::string projection;
    std::shared_ptr<const GraphSnapshot> snapshot;
};

struct Cache {
    std::mutex mu;
    std::list<Entry> entries;  // most recently used first
    SnapshotCacheStats stats;
};

Cache& cache() {
    static Cache c;
    return c;
}

}  // namespace

std::shared_ptr<const GraphSnapshot> snapshotOf(storage::GraphView& view,
                                                const Projection& projection) {
    Cache& c = cache();
    auto version = view.version();
    std::lock_guard lock(c.mu);
    if (!version) {
        ++c.stats.builds;
        return std::make_shared<const GraphSnapshot>(view, projection);
    }
    std::string key = projection.key();
    // Snapshots of an older state of the same store can never be asked for again.
    c.entries.remove_if([&](const Entry& e) {
        return e.version.store == version->store && !(e.version == *version);
    });
    for (auto it = c.entries.begin(); it != c.entries.end(); ++it) {
        if (it->version == *version && it->projection == key) {
            c.entries.splice(c.entries.begin(), c.entries, it);
            ++c.stats.hits;
            return c.entries.front().snapshot;
        }
    }
    auto snapshot = std::make_shared<const GraphSnapshot>(view, projection);
    ++c.stats.builds;
    c.entries.push_front({*version, std::move(key), snapshot});
    if (c.entries.size() > kCapacity) c.entries.pop_back();
    return snapshot;
}

SnapshotCacheStats snapshotCacheStats() {
    std::lock_guard lock(cache().mu);
    return cache().stats;
}

}  // namespace kgraph::graph
