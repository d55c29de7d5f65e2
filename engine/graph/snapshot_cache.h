// The snapshots of the graph the algorithms run on, reused until the database changes.
//
// snapshotOf() returns the snapshot of a projection of the graph a view reads. A view with a
// version (storage::GraphView::version(): a read transaction) gets the snapshot built for an
// equal version and projection if there is one; a new commit or bulk ingestion changes the
// version, so a changed database is never answered from an old snapshot. A view without a
// version (a write transaction, which sees its own changes) gets a fresh, uncached snapshot.
//
// The cache is process-wide and keeps the 4 most recently used snapshots; seeing a newer
// version of a store drops that store's older snapshots at once.
// Thread-safety: safe; one snapshot is built at a time.
#pragma once

#include <cstdint>
#include <memory>

#include "engine/graph/graph_snapshot.h"

namespace kgraph::graph {

std::shared_ptr<const GraphSnapshot> snapshotOf(storage::GraphView& view,
                                                const Projection& projection);

// Counters, for tests and PROFILE-style diagnostics.
struct SnapshotCacheStats {
    uint64_t builds = 0;  // snapshots built (cached or not)
    uint64_t hits = 0;    // requests answered from the cache
};
SnapshotCacheStats snapshotCacheStats();

}  // namespace kgraph::graph
