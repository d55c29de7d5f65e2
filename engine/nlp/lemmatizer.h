// Lemmatizer: a dictionary of (word, XPOS) -> lemma learned from the training
// treebank, backed by suffix rules for unseen words ("strip k bytes, append s")
// that were also learned from it, chosen by XPOS and the longest known suffix.
//
// Thread-safety: immutable once built; lemmatize() may be called concurrently.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/nlp/document.h"
#include "engine/nlp/flat_map.h"
#include "engine/nlp/model_io.h"

namespace kgraph::nlp {

class Lemmatizer {
public:
    static Lemmatizer train(const std::vector<Sentence>& train);

    std::string lemmatize(std::string_view form, std::string_view upos,
                          std::string_view xpos) const;

    void save(BinaryWriter& w) const;
    static Lemmatizer load(BinaryReader& r);

private:
    struct Rule {
        uint8_t strip;
        std::string append;
    };
    std::vector<std::string> lemmas_;
    FlatMap<uint32_t> exact_;  // combine(hashBytes(form), hashBytes(xpos)) -> lemmas_ index
    FlatMap<uint32_t> lower_;  // combine(hashLower(form), hashBytes(xpos)) -> lemmas_ index
    std::vector<Rule> rules_;
    FlatMap<uint32_t> ruleIndex_;  // combine(hashBytes(xpos), hashLower(suffix)) -> rules_ index
};

}  // namespace kgraph::nlp
