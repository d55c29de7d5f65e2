#include "engine/extract/name_registry.h"

namespace kgraph::extract {

void NameRegistry::resolve(Extraction& ex) const {
    for (auto& m : ex.entities) {
        if (m.name.find(' ') != std::string::npos || m.label == "Country" || m.label == "Concept" ||
            m.label == "Group")
            continue;
        // A one-word name another document showed to be a news outlet ("Kazinform reported").
        if (m.label == "Person" && media_.count(m.name)) {
            m.label = "Media";
            continue;
        }
        auto it = byWord_.find(m.name);
        if (it == byWord_.end() || it->second.empty()) continue;
        m.name = it->second;
        m.label = "Person";
    }
}

void NameRegistry::learn(const Extraction& ex) {
    for (const auto& m : ex.entities) {
        if (m.label == "Media" && m.name.find(' ') == std::string::npos) media_.insert(m.name);
        if (m.label != "Person") continue;
        auto first = m.name.find(' ');
        if (first == std::string::npos) continue;
        auto last = m.name.rfind(' ');
        for (const auto& word : {m.name.substr(0, first), m.name.substr(last + 1)}) {
            auto [it, added] = byWord_.emplace(word, m.name);
            if (!added && it->second != m.name) it->second.clear();
        }
    }
}

}  // namespace kgraph::extract
