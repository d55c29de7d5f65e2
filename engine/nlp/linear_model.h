// A frozen, quantized linear classifier over hashed features.
//
// Produced by PerceptronTrainer::average() and read from model files. Each
// known feature key owns a short list of (class, int16 weight) entries; unknown
// keys score nothing. score() only reads, so one LinearModel can be shared by
// any number of threads.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/nlp/model_io.h"

namespace kgraph::nlp {

class LinearModel {
public:
    struct Entry {
        int16_t weight;
        uint16_t cls;
    };

    LinearModel() = default;
    // keys must be distinct and non-zero; counts[i] entries of `entries` belong to keys[i].
    LinearModel(int numClasses, std::vector<uint64_t> keys, std::vector<uint8_t> counts,
                std::vector<Entry> entries);

    int numClasses() const { return numClasses_; }
    size_t numFeatures() const { return numFeatures_; }
    size_t numEntries() const { return entries_.size(); }

    // Adds the weights of feats[0..n) to scores[0..numClasses()).
    void score(const uint64_t* feats, size_t n, int32_t* scores) const {
        for (size_t i = 0; i < n; ++i) {
            const Slot* s = find(feats[i]);
            if (!s) continue;
            for (const Entry *e = &entries_[s->begin], *end = e + s->count; e != end; ++e) {
                scores[e->cls] += e->weight;
            }
        }
    }

    void save(BinaryWriter& w) const;
    static LinearModel load(BinaryReader& r);

private:
    struct Slot {
        uint64_t key;
        uint32_t begin;
        uint32_t count;
    };
    const Slot* find(uint64_t key) const {
        for (uint64_t i = key & mask_;; i = (i + 1) & mask_) {
            const Slot& s = slots_[i];
            if (s.key == key) return &s;
            if (s.key == 0) return nullptr;
        }
    }

    int numClasses_ = 0;
    size_t numFeatures_ = 0;
    uint64_t mask_ = 0;
    std::vector<Slot> slots_{Slot{0, 0, 0}};
    std::vector<Entry> entries_;
};

}  // namespace kgraph::nlp
