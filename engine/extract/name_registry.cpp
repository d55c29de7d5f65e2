#include "engine/extract/name_registry.h"

namespace kgraph::extract {

namespace {

bool isAcronym(const std::string& w) {
    int letters = 0;
    for (char c : w) {
        if (c >= 'a' && c <= 'z') return false;
        if (c >= 'A' && c <= 'Z') ++letters;
        if (c == ' ') return false;
    }
    return letters >= 2;
}

}  // namespace

void NameRegistry::resolve(Extraction& ex) {
    for (auto& m : ex.entities) {
        if (m.label == "Concept") continue;
        // An acronym an earlier document spelled out.
        if (isAcronym(m.name)) {
            auto a = acronyms_.find(m.name);
            if (a != acronyms_.end() && !a->second.empty()) m.name = a->second;
        }
        if (m.name.find(' ') == std::string::npos && m.label != "Country" && m.label != "Group") {
            // A one-word name another document showed to be a news outlet ("Kazinform reported").
            if (m.label == "Person" && media_.count(m.name)) {
                m.label = "Media";
            } else {
                auto it = byWord_.find(m.name);
                if (it != byWord_.end() && !it->second.empty()) {
                    m.name = it->second;
                    m.label = "Person";
                }
            }
        }
        // The label most earlier mentions of this name had.
        auto l = labels_.find(m.name);
        if (l == labels_.end() || l->second.count(m.label)) continue;
        const std::string* best = nullptr;
        size_t most = 0;
        for (const auto& [label, n] : l->second)
            if (n > most && label != "Concept") {
                most = n;
                best = &label;
            }
        if (!best) continue;
        merges_.push_back(m.name + ": " + m.label + " -> " + *best);
        m.label = *best;
    }
}

void NameRegistry::learn(const Extraction& ex) {
    for (const auto& m : ex.entities) {
        if (m.label == "Concept") continue;
        ++labels_[m.name][m.label];
        if (m.label == "Media" && m.name.find(' ') == std::string::npos) media_.insert(m.name);
        if (isAcronym(m.text) && m.text != m.name && m.name.find(' ') != std::string::npos) {
            auto [it, added] = acronyms_.emplace(m.text, m.name);
            if (!added && it->second != m.name) it->second.clear();
        }
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
