// JSON Lines export: first one line per document, in node id order, with its
// properties but the id:
//   {"document":"a.txt","properties":{"path":"a.txt","sha256":"...","title":"..."}}
// then one fact (relationship other than MENTIONED_IN) per line,
// in relationship id order:
//   {"subject":{"label":"Country","name":"China","properties":{...}},
//    "predicate":"provide","object":{...},"properties":{"confidence":0.85,...},
//    "mentions":[{"doc":"a.txt","sentence":1,"begin":0,"end":97,"text":"..."}]}
// Property maps have sorted keys, so the output is byte-deterministic. No ids
// are written: `kgraph import --format jsonl` of this output into an empty
// database gives back the same export.
#pragma once

#include <cstdint>
#include <ostream>

#include "storage/graph_store.h"

namespace kgraph::exporter {

// Returns the number of fact lines written.
uint64_t writeJsonl(storage::GraphView& graph, std::ostream& out);

}  // namespace kgraph::exporter
