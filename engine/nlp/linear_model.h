// A frozen, quantized linear classifier over hashed features.
//
// Produced by PerceptronTrainer::average() and read from model files. Each
// known feature key owns a short list of (class, int16 weight) entries; unknown
// keys score nothing. score() only reads, so one LinearModel can be shared by
// any number of threads.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "engine/nlp/huge_page_allocator.h"
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
    size_t numEntries() const { return numEntries_; }

    // Adds the weights of feats[0..n) to scores[0..numClasses()).
    //
    // Lookups are memory-bound, so they run in three passes that let the misses
    // overlap: prefetch every slot, then resolve slots and prefetch their rows,
    // then add the rows. Rows that cover most classes are stored densely and added
    // with a loop the compiler vectorizes.
    void score(const uint64_t* feats, size_t n, int32_t* __restrict scores) const {
        constexpr size_t kBatch = 64;
        const Entry* rows[kBatch];
        const int numClasses = numClasses_;  // a local, so the dense loop vectorizes
        for (size_t start = 0; start < n; start += kBatch) {
            size_t m = std::min(kBatch, n - start);
            const uint64_t* f = feats + start;
            for (size_t i = 0; i < m; ++i) __builtin_prefetch(&slots_[f[i] & mask_]);
            for (size_t i = 0; i < m; ++i) {
                rows[i] = find(f[i]);
                if (rows[i]) __builtin_prefetch(rows[i] + 1);
            }
            for (size_t i = 0; i < m; ++i) {
                const Entry* h = rows[i];
                if (!h) continue;
                if (h->weight == kDense) {
                    const int16_t* __restrict w = reinterpret_cast<const int16_t*>(h + 1);
                    for (int c = 0; c < numClasses; ++c) scores[c] += w[c];
                } else {
                    // The header's cls field holds the row length.
                    for (const Entry *e = h + 1, *end = e + h->cls; e != end; ++e) {
                        scores[e->cls] += e->weight;
                    }
                }
            }
        }
    }

    // A copy without the weights whose magnitude is below minWeight.
    LinearModel pruned(int minWeight) const;

    void save(BinaryWriter& w) const;
    static LinearModel load(BinaryReader& r);

private:
    // 8-byte slots keep the probe cheap: the slot index gives the low bits of the
    // key, `check` 32 high bits (never 0 in a used slot), and `row` the index of
    // the row header in entries_. A false match needs 2^-32 luck per probe.
    static constexpr int16_t kDense = 1;  // header weight of a dense row
    struct Slot {
        uint32_t check;
        uint32_t row;
    };
    static uint32_t checkOf(uint64_t key) {
        uint32_t c = static_cast<uint32_t>(key >> 32);
        return c ? c : 1;
    }
    const Entry* find(uint64_t key) const {
        uint32_t check = checkOf(key);
        for (uint64_t i = key & mask_;; i = (i + 1) & mask_) {
            const Slot& s = slots_[i];
            if (s.check == check) return &entries_[s.row];
            if (s.check == 0) return nullptr;
        }
    }

    std::vector<Entry> rowEntries(size_t row) const;  // non-zero (cls, weight), by class
    size_t rowSize(size_t row) const;                 // header included, in Entry cells

    int numClasses_ = 0;
    size_t numFeatures_ = 0;
    size_t numEntries_ = 0;
    uint64_t mask_ = 0;
    std::vector<Slot, HugePageAllocator<Slot>> slots_{Slot{0, 0}};
    std::vector<uint64_t> keys_;  // for save() and pruned(), in row order
    std::vector<Entry, HugePageAllocator<Entry>>
        entries_;  // per row: header {0, count} + count entries, or
                   // header {kDense, count} + numClasses_ int16 weights
};

}  // namespace kgraph::nlp
