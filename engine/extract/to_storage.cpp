#include "engine/extract/to_storage.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

#include "engine/extract/relation_vocabulary.h"

namespace kgraph::extract {

storage::DocumentInput toDocumentInput(const text::SourceDocument& doc, const Extraction& ex) {
    storage::DocumentInput in;
    in.id = doc.id;
    in.path = doc.path;
    in.title = doc.title;
    in.published = doc.published;
    in.sha256 = doc.sha256;
    in.sentences = static_cast<uint32_t>(ex.sentences.size());

    std::map<std::pair<std::string, std::string>, size_t> entityIndex;
    std::vector<size_t> mentionToEntity;
    for (const auto& m : ex.entities) {
        auto key = std::make_pair(m.label, m.name);
        auto [it, added] = entityIndex.emplace(key, in.entities.size());
        if (added) in.entities.push_back({m.label, m.name, {}, 0});
        auto& e = in.entities[it->second];
        ++e.mentions;
        if (std::find(e.aliases.begin(), e.aliases.end(), m.text) == e.aliases.end()) {
            e.aliases.push_back(m.text);
        }
        mentionToEntity.push_back(it->second);
    }

    std::map<std::tuple<size_t, std::string, size_t, bool, std::string>, size_t> factIndex;
    for (const auto& f : ex.facts) {
        size_t s = mentionToEntity[f.subject], o = mentionToEntity[f.object];
        // A vocabulary type is one relationship whatever verb stated it; the catch-all
        // keeps one relationship per predicate.
        std::string type = f.type.empty() ? classify(f.predicate).type : f.type;
        bool byPredicate = type == kCatchAll;
        auto key = std::make_tuple(s, type + (byPredicate ? "|" + f.predicate : std::string()), o,
                                   f.negated, f.modality);
        auto [it, added] = factIndex.emplace(key, in.facts.size());
        if (added) {
            storage::FactInput fi;
            fi.subject = s;
            fi.object = o;
            fi.type = type;
            fi.predicate = f.predicate;
            fi.predicateIsIdentity = byPredicate;
            fi.location = f.location;
            fi.context = f.context;
            fi.text = f.predicateText;
            fi.negated = f.negated;
            fi.attributedTo = f.attributedTo;
            fi.date = f.date;
            fi.modality = f.modality;
            in.facts.push_back(std::move(fi));
        }
        auto& fi = in.facts[it->second];
        // Three decimals: the rules' arithmetic (0.8 - 0.1 ...) would otherwise
        // show as 0.7999999999999999 in every output.
        fi.confidence = std::max(fi.confidence, std::round(f.confidence * 1000) / 1000);
        bool seen = std::any_of(fi.mentions.begin(), fi.mentions.end(),
                                [&](const auto& m) { return m.sentence == f.sentence; });
        if (!seen && f.sentence >= 1 && f.sentence <= ex.sentences.size()) {
            const auto& sent = ex.sentences[f.sentence - 1];
            fi.mentions.push_back({f.sentence, sent.begin, sent.end,
                                   doc.text.substr(sent.begin, sent.end - sent.begin)});
        }
    }
    return in;
}

}  // namespace kgraph::extract
