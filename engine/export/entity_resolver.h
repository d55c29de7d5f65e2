// EntityResolver: which stored entity an imported name denotes.
//
// Every `kgraph import --format ...` path asks it before it creates an
// entity, so that triples from other tools join the graph instead of
// repeating its entities. A name resolves, in this order, to the entities
// whose canonical `name` equals it, else to those that have it among their
// `aliases`, else to those whose name or an alias equals it ignoring case
// (ASCII). Among several, the one with the most `mentions` wins, then the
// lowest node id (deterministic). Document nodes are never candidates.
//
// A label restricts the candidates to that label when `strict` (kgraph's own
// formats, whose labels are kgraph's); otherwise (hand-written TSV/CSV, other
// tools' RDF) it is only preferred: "Kazakhstan" typed Location by another
// tool still joins the stored Country Kazakhstan.
//
// It reads the database as it was when constructed (a snapshot): entities an
// import creates are merged by storage::ingestDocument on (label, name). The
// alias index is built on the first lookup that needs it, by one scan of the
// nodes (a few dozen bytes per entity).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "storage/graph_store.h"

namespace kgraph::exporter {

struct ResolvedEntity {
    std::string label, name;
};

class EntityResolver {
public:
    // `store` must outlive the resolver; nullptr resolves nothing.
    explicit EntityResolver(storage::GraphStore* store);
    ~EntityResolver();

    // The stored entity `name` denotes (see above); nullopt if none.
    std::optional<ResolvedEntity> resolve(const std::string& label, const std::string& name,
                                          bool strict);

private:
    struct Candidate {
        storage::NodeId id;
        std::string label, name;
        int64_t mentions;
    };
    void buildIndex();
    std::optional<ResolvedEntity> pick(const std::vector<size_t>& found, const std::string& label,
                                       bool strict) const;

    std::unique_ptr<storage::ReadTxn> view_;
    bool indexed_ = false;
    std::vector<Candidate> candidates_;
    std::map<std::string, std::vector<size_t>> byName_, byAlias_, byFolded_;
    std::map<std::tuple<std::string, std::string, bool>, std::optional<ResolvedEntity>> cache_;
};

}  // namespace kgraph::exporter
