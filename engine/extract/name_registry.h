// Names across documents: within one run over many documents (`kgraph build`,
// `kgraph extract FILE...`), earlier documents teach later ones
//   - the full person name a one-word name stands for ("Tokayev" -> "Kassym-Jomart
//     Tokayev"), unless two different people share that word ("Wang" for Wang Yi and
//     Wang Wenbin: namesakes stay apart);
//   - the full name of an acronym a document defined ("CSTO" -> Collective Security
//     Treaty Organization) or resolved;
//   - the label of a name: when a later document types a name differently, the label
//     most mentions so far had wins (one entity, not two), and the merge is recorded
//     in merges().
//
// Not thread-safe: call resolve() then learn() for each document in input order, so
// the result does not depend on how documents were scheduled.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "engine/extract/extraction.h"

namespace kgraph::extract {

class NameRegistry {
public:
    // Renames and relabels the entity mentions of ex by what earlier documents showed.
    void resolve(Extraction& ex);
    // Records the full person names, acronyms and labels of ex.
    void learn(const Extraction& ex);

    // "name: Label1 -> Label2" for every relabelling resolve() made, in order.
    const std::vector<std::string>& merges() const { return merges_; }

private:
    std::map<std::string, std::string> byWord_;    // word -> full name; "" when ambiguous
    std::set<std::string> media_;                  // one-word names seen as Media
    std::map<std::string, std::string> acronyms_;  // acronym -> full name; "" when ambiguous
    std::map<std::string, std::map<std::string, size_t>> labels_;  // name -> label -> mentions
    std::vector<std::string> merges_;
};

}  // namespace kgraph::extract
