// Names across documents: within one run over many documents (`kgraph build`,
// `kgraph extract FILE...`), a one-word name ("Tokayev") resolves to the full
// person name an earlier document gave ("Kassym-Jomart Tokayev"), unless two
// different people share that word ("Wang" for Wang Yi and Wang Wenbin).
//
// Not thread-safe: call resolve() then learn() for each document in input
// order, so the result does not depend on how documents were scheduled.
#pragma once

#include <map>
#include <set>
#include <string>

#include "engine/extract/extraction.h"

namespace kgraph::extract {

class NameRegistry {
public:
    // Renames the one-word entity mentions of ex that a learned full name owns.
    void resolve(Extraction& ex) const;
    // Records the full person names of ex by their first and last word.
    void learn(const Extraction& ex);

private:
    std::map<std::string, std::string> byWord_;  // word -> full name; "" when ambiguous
    std::set<std::string> media_;                // one-word names seen as Media
};

}  // namespace kgraph::extract
