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
    void score(const uint64_t* feats, size_t n, int32_t* __restrict scores) const {
        scoreInto(feats, n, [scores](size_t) { return scores; });
    }

    // Adds the weights of feats[0..ends[0]) to outs[0], of feats[ends[0]..ends[1]) to
    // outs[1], ..., up to ends[parts - 1]: one batch of lookups for several score
    // vectors (a caller that caches the sums of feature groups).
    void scoreParts(const uint64_t* feats, const size_t* ends, int32_t* const* outs,
                    int parts) const {
        scoreInto(feats, ends[parts - 1], [&](size_t i) {
            int p = 0;
            while (i >= ends[p]) ++p;
            return outs[p];
        });
    }

    // One model scoring the classes of a (0..a.numClasses()) and of b (after
    // them) at once: a feature of both costs one lookup instead of two.
    // REQUIRES: a.numClasses() + b.numClasses() <= 255.
    static LinearModel concat(const LinearModel& a, const LinearModel& b);

    // A copy without the weights whose magnitude is below minWeight.
    LinearModel pruned(int minWeight) const;

    // The mean of models over the same classes, each first scaled so that its largest
    // weight is 32000, requantized to a largest weight of 32000 and without the weights
    // below minWeight (an experiment: averaging trainings with other shuffling seeds).
    static LinearModel mean(const std::vector<const LinearModel*>& models, int minWeight);

    void save(BinaryWriter& w) const;
    static LinearModel load(BinaryReader& r);

private:
    // Lookups are memory-bound, so they run in passes that let the misses
    // overlap: prefetch every slot, then resolve the slots (short rows live in
    // the slot itself and are added at once; long rows are prefetched), then add
    // the long rows. Rows that cover more than a sixth of the classes are stored
    // densely and added with a vector loop: scattering that many (class, weight)
    // entries one by one costs more than adding all classes (measured). out(i) is the score vector
    // of feats[i].
    template <typename Out>
    void scoreInto(const uint64_t* feats, size_t n, Out out) const {
        constexpr size_t kBatch = 64;
        const Entry* rows[kBatch];
        int32_t* rowOut[kBatch];
        const int numClasses = numClasses_;
        for (size_t start = 0; start < n; start += kBatch) {
            size_t m = std::min(kBatch, n - start);
            const uint64_t* f = feats + start;
            for (size_t i = 0; i < m; ++i) __builtin_prefetch(&slots_[f[i] & mask_]);
            size_t far = 0;
            for (size_t i = 0; i < m; ++i) {
                const Slot* s = find(f[i]);
                if (!s) continue;
                if (s->e[0].cls == kExternal) {
                    const Entry* h = &entries_[s->row()];
                    // e[2].cls: the row's size in Entry cells, header included.
                    for (int at = 0; at < s->e[2].cls; at += 16) __builtin_prefetch(h + at);
                    rowOut[far] = out(start + i);
                    rows[far++] = h;
                } else {
                    // Unused inline cells are {0, 0}: adding them changes nothing.
                    int32_t* scores = out(start + i);
                    scores[s->e[0].cls & 0xFF] += s->e[0].weight;
                    scores[s->e[1].cls] += s->e[1].weight;
                    scores[s->e[2].cls] += s->e[2].weight;
                }
            }
            for (size_t i = 0; i < far; ++i) {
                const Entry* h = rows[i];
                int32_t* __restrict scores = rowOut[i];
                if (h->weight == kDense) {
                    addDense(scores, reinterpret_cast<const int16_t*>(h + 1), numClasses);
                } else {
                    // The header's cls field holds the row length.
                    for (const Entry *e = h + 1, *end = e + h->cls; e != end; ++e) {
                        scores[e->cls] += e->weight;
                    }
                }
            }
        }
    }

    // A 16-byte slot holds `check`, 32 high bits of the key (never 0 in a used
    // slot; the slot index gives the low bits, so a false match needs 2^-32 luck
    // per probe), and either the whole row, when it has at most kInline entries
    // (most rows: one cache miss per feature instead of two), or the index of
    // the row header in entries_. Inline: e[0].cls's high byte holds the row
    // length, unused cells are {0, 0}. Out of line: e[0].cls == kExternal, e[1]
    // holds the row index and e[2].cls the row's size in Entry cells (to prefetch it).
    static constexpr int16_t kDense = 1;  // header weight of a dense row
    static constexpr int kInline = 3;
    static constexpr uint16_t kExternal = 0xFFFF;
    struct alignas(16) Slot {
        uint32_t check;
        Entry e[kInline];
        uint32_t row() const {
            return uint32_t{e[1].cls} << 16 | static_cast<uint16_t>(e[1].weight);
        }
    };
    // Keys have 48 bits (see feature()); the slot index uses the low bits.
    static uint32_t checkOf(uint64_t key) {
        uint32_t c = static_cast<uint32_t>(key >> 16);
        return c ? c : 1;
    }
    const Slot* find(uint64_t key) const {
        uint32_t check = checkOf(key);
        for (uint64_t i = key & mask_;; i = (i + 1) & mask_) {
            const Slot& s = slots_[i];
            if (s.check == check) return &s;
            if (s.check == 0) return nullptr;
        }
    }

    // scores[c] += w[c] for c < n; built for AVX2 too, chosen at run time.
    static void addDense(int32_t* __restrict scores, const int16_t* __restrict w, int n);

    // Appends the row's non-zero (cls + offset, weight), by class.
    void appendRow(const Slot& s, uint16_t offset, std::vector<Entry>& out) const;
    std::vector<Entry> rowEntries(const Slot& s) const;  // non-zero (cls, weight), by class

    int numClasses_ = 0;
    size_t numFeatures_ = 0;
    size_t numEntries_ = 0;
    uint64_t mask_ = 0;
    std::vector<Slot, HugePageAllocator<Slot>> slots_{Slot{}};
    std::vector<uint64_t> keys_;  // for save() and pruned(), in row order
    std::vector<Entry, HugePageAllocator<Entry>>
        entries_;  // per long row: header {0, count} + count entries, or
                   // header {kDense, count} + numClasses_ int16 weights
};

}  // namespace kgraph::nlp
