// Helpers shared by the extractor tests.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>
#include <tuple>
#include <vector>

#include "engine/extract/extraction.h"

namespace kgraph::extract::testing {

inline std::string sourceDir() { return KGRAPH_SOURCE_DIR; }

// $KGRAPH_MODELS if set, else the source tree's models/.
inline std::string modelDir() {
    const char* env = std::getenv("KGRAPH_MODELS");
    return env && *env ? env : sourceDir() + "/models";
}

inline bool haveModels() {
    return std::filesystem::exists(modelDir() + "/en_ewt.tagger") &&
           std::filesystem::exists(modelDir() + "/en_ewt.parser");
}

struct Triple {
    std::string subject, predicate, object;
    bool operator==(const Triple&) const = default;
};

inline std::vector<Triple> triples(const Extraction& ex) {
    std::vector<Triple> out;
    for (const auto& f : ex.facts)
        out.push_back({ex.entities[f.subject].name, f.predicate, ex.entities[f.object].name});
    return out;
}

inline const FactMention* findFact(const Extraction& ex, const Triple& t) {
    for (const auto& f : ex.facts)
        if (ex.entities[f.subject].name == t.subject && f.predicate == t.predicate &&
            ex.entities[f.object].name == t.object)
            return &f;
    return nullptr;
}

inline std::string dump(const Extraction& ex) {
    std::string out;
    for (const auto& t : triples(ex))
        out += "  " + t.subject + " -[" + t.predicate + "]-> " + t.object + "\n";
    return out;
}

}  // namespace kgraph::extract::testing
