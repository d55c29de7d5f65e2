// Part-of-speech tagger: a greedy left-to-right averaged perceptron that
// predicts the UPOS and the Penn XPOS of each word as one joint tag.
//
// Features: the word, its affixes and shape, the two words either side, the two
// previous predicted tags, and "ambiguity classes" (the tags a word was seen
// with in training) for the word and its right neighbours, which stand in for
// the not-yet-predicted right context. Frequent, unambiguous words are tagged
// from a tag dictionary without scoring.
//
// Thread-safety: a loaded Tagger is immutable; tag() may be called concurrently.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "engine/nlp/document.h"
#include "engine/nlp/flat_map.h"
#include "engine/nlp/lexicon.h"
#include "engine/nlp/linear_model.h"
#include "engine/nlp/model_io.h"

namespace kgraph::nlp {

struct TaggerOptions {
    int epochs = 8;            // passes over the training set
    uint32_t seed = 20261123;  // sentence-order shuffling; fixed for reproducible models
    bool stacked = true;       // add a second pass that sees the first pass's right-context tags
    int folds = 5;             // jackknife folds for the second pass's training input
    LexiconPaths lexicon;      // empty: no lexicon features (the tagger of format version 2)
    // Lexicon classes for every word, or only for words without an ambiguity class
    // (seen fewer than twice in training).
    bool lexiconForAll = true;
};

class Tagger {
public:
    // Trains on gold UPOS/XPOS of `train`; reports dev accuracy (if dev is non-empty) to log.
    static Tagger train(const std::vector<Sentence>& train, const std::vector<Sentence>& dev,
                        const TaggerOptions& options, std::ostream& log);

    // Replaces the UPOS/XPOS of `sentences` by predicted ones: each of `folds`
    // interleaved parts is tagged by a tagger trained on the others.
    static void jackknife(std::vector<Sentence>& sentences, int folds, const TaggerOptions& options,
                          std::ostream& log);

    void save(BinaryWriter& w) const;
    // version: the model file's format version (readModelFile); version 2 files
    // have no lexicon and load as taggers without lexicon features.
    static Tagger load(BinaryReader& r, uint32_t version = kFormatVersion);

    // tags[i] = joint tag of words[i]; tags is resized to words.size().
    void tag(const std::vector<std::string_view>& words, std::vector<int>& tags) const;

    int numTags() const { return static_cast<int>(upos_.size()); }
    const std::string& upos(int tag) const { return upos_[tag]; }
    const std::string& xpos(int tag) const { return xpos_[tag]; }

    // Tags sentences in place (upos, xpos) and returns the fraction of words whose
    // (UPOS, XPOS) both matched the gold tags they had before.
    double tagAndScore(std::vector<Sentence>& sentences) const;

    size_t numFeatures() const { return model_.numFeatures(); }
    size_t numLexiconWords() const { return lexicon_.size(); }

    // Drops weights smaller than minWeight (quantized units): a smaller, faster model.
    void prune(int minWeight) {
        model_ = model_.pruned(minWeight);
        if (second_.numClasses() > 0) second_ = second_.pruned(minWeight);
        buildBoth();
    }

private:
    struct WordInfo;
    struct Scratch;
    void prepare(const std::vector<std::string_view>& words, std::vector<WordInfo>& info) const;
    void tagPass(const LinearModel& model, const WordInfo* info, int n, const int* first,
                 int* tags) const;
    void tagStacked(const WordInfo* info, int n, int* tags) const;
    void buildBoth();
    static Tagger trainWith(const std::vector<Sentence>& train, const std::vector<Sentence>& dev,
                            const TaggerOptions& options, const Lexicon* lexicon,
                            std::ostream& log);
    void buildLexicon(const Lexicon& lexicon, bool forAll);
    static LinearModel trainModel(const std::vector<std::vector<WordInfo>>& infos,
                                  const std::vector<std::vector<int>>& gold,
                                  const std::vector<std::vector<int>>* first, int numTags,
                                  const TaggerOptions& options, std::ostream& log);

    std::vector<std::string> upos_, xpos_;
    FlatMap<uint64_t> ambiguity_;  // hashLower(word) -> hash of the set of tags seen with it
    FlatMap<uint16_t> tagDict_;    // hashBytes(word) -> its only tag (frequent words)
    // lexiconKey(hashLower(word)) -> lexicon class id (1..); empty without a lexicon.
    FlatMap<uint16_t, uint32_t> lexicon_;
    std::vector<uint32_t> lexiconCodes_;  // class id -> Lexicon::classify code
    // Which words get lexicon class features; the value is the byte the model file keeps.
    enum class LexiconUse : uint8_t { None = 0, EveryWord = 1, WordsWithoutAmbiguity = 2 };
    LexiconUse lexiconUse_ = LexiconUse::None;
    LinearModel model_;   // first pass
    LinearModel second_;  // second pass (stacked), if trained
    LinearModel both_;    // model_ and second_ in one (LinearModel::concat), for speed
};

}  // namespace kgraph::nlp
