// Dependency parser: greedy arc-eager transition system (Nivre 2003) with the
// root token at the end of the buffer (Ballesteros & Nivre 2013), so every word
// receives a head and the root attachment is decided last. Transitions are
// scored by an averaged perceptron over the Zhang & Nivre (2011) feature set
// (stack/buffer words and tags, distance, valency, second- and third-order
// words, labels and label sets), trained with the dynamic oracle of Goldberg &
// Nivre (2012) and error exploration.
//
// Output labels are the full UD relations of the training data (nsubj:pass,
// nmod:poss, ...).
//
// Thread-safety: a loaded Parser is immutable; parse() may be called concurrently.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "engine/nlp/document.h"
#include "engine/nlp/linear_model.h"

namespace kgraph::nlp {

struct ParserOptions {
    int epochs = 15;
    int exploreFrom = 2;       // first epoch that follows the model's own mistakes
    double exploreProb = 0.9;  // probability of following a wrong prediction then
    uint32_t seed = 20261123;
    // Further trainings with these shuffling seeds; the model is the mean of all the
    // trainings' weights (LinearModel::mean). Empty: one training.
    std::vector<uint32_t> extraSeeds = {1, 2};
    int minWeight = 400;  // drop averaged weights below this (of 32000 = the largest)
    int devEvery = 0;     // also score dev after every devEvery-th epoch (0: at the end only)
};

class Parser {
public:
    // Trains on the heads and relations of `train`, with the XPOS tags it holds
    // tags it holds (give it predicted tags for a parser that is robust to tagging
    // errors).
    static Parser train(const std::vector<Sentence>& train, const std::vector<Sentence>& dev,
                        const ParserOptions& options, std::ostream& log);

    void save(BinaryWriter& w) const;
    static Parser load(BinaryReader& r);

    // heads[i]: 1-based head of word i (0 = root); labels[i]: relation id (see label()).
    // xpos[i] is the tagger's Penn tag of words[i].
    void parse(const std::vector<std::string_view>& words,
               const std::vector<std::string_view>& xpos, std::vector<int>& heads,
               std::vector<int>& labels) const;

    const std::string& label(int id) const { return labels_[id]; }
    int numLabels() const { return static_cast<int>(labels_.size()); }
    size_t numFeatures() const { return model_.numFeatures(); }

    // Drops weights smaller than minWeight (quantized units): a smaller, faster model.
    void prune(int minWeight) { model_ = model_.pruned(minWeight); }

    // Experiment: one parser whose weights are the mean of `parsers`' (same relations),
    // without the weights below minWeight (see LinearModel::mean).
    static Parser mean(const std::vector<Parser>& parsers, int minWeight);

    // Parses sentences in place (head, deprel), using their forms and xpos.
    void parseAll(std::vector<Sentence>& sentences) const;

    // "UAS x LAS y" (universal relations) of parsing dev against its own trees.
    std::string devScore(const std::vector<Sentence>& dev) const;

    struct Words;  // per-word hashes used by the features

private:
    struct GoldTree;

    std::vector<std::string> labels_;
    int rootLabel_ = 0;
    LinearModel model_;  // transitions
};

}  // namespace kgraph::nlp
