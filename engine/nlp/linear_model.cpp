#include "engine/nlp/linear_model.h"

#include <algorithm>
#include <numeric>

namespace kgraph::nlp {

LinearModel::LinearModel(int numClasses, std::vector<uint64_t> keys, std::vector<uint8_t> counts,
                         std::vector<Entry> entries)
    : numClasses_(numClasses), numFeatures_(keys.size()), entries_(std::move(entries)) {
    size_t cap = 16;
    while (cap < keys.size() * 3 / 2 + 1) cap <<= 1;
    mask_ = cap - 1;
    slots_.assign(cap, Slot{0, 0, 0});
    uint32_t begin = 0;
    for (size_t i = 0; i < keys.size(); ++i) {
        uint64_t j = keys[i] & mask_;
        while (slots_[j].key != 0) j = (j + 1) & mask_;
        slots_[j] = Slot{keys[i], begin, counts[i]};
        begin += counts[i];
    }
}

// Layout: u32 classes | u64 n | n varint key deltas (keys ascending) | n u8 counts |
//         u64 entries | entries u8 class | entries i16 weight.
void LinearModel::save(BinaryWriter& w) const {
    std::vector<const Slot*> order;
    order.reserve(numFeatures_);
    for (const Slot& s : slots_) {
        if (s.key) order.push_back(&s);
    }
    std::sort(order.begin(), order.end(), [](auto* a, auto* b) { return a->key < b->key; });
    w.put<uint32_t>(static_cast<uint32_t>(numClasses_));
    w.put<uint64_t>(order.size());
    uint64_t prev = 0;
    for (const Slot* s : order) {
        w.putVarint(s->key - prev);
        prev = s->key;
    }
    std::vector<uint8_t> counts;
    std::vector<uint8_t> classes;
    std::vector<int16_t> weights;
    for (const Slot* s : order) {
        counts.push_back(static_cast<uint8_t>(s->count));
        for (uint32_t i = 0; i < s->count; ++i) {
            classes.push_back(static_cast<uint8_t>(entries_[s->begin + i].cls));
            weights.push_back(entries_[s->begin + i].weight);
        }
    }
    for (uint8_t c : counts) w.put<uint8_t>(c);
    w.putVector(classes);
    w.putVector(weights);
}

LinearModel LinearModel::load(BinaryReader& r) {
    int numClasses = static_cast<int>(r.get<uint32_t>());
    uint64_t n = r.get<uint64_t>();
    std::vector<uint64_t> keys(n);
    uint64_t prev = 0;
    for (auto& k : keys) {
        k = prev + r.getVarint();
        prev = k;
    }
    std::vector<uint8_t> counts(n);
    uint64_t total = 0;
    for (auto& c : counts) {
        c = r.get<uint8_t>();
        total += c;
    }
    auto classes = r.getVector<uint8_t>();
    auto weights = r.getVector<int16_t>();
    if (classes.size() != total || weights.size() != total) r.fail();
    std::vector<Entry> entries(total);
    for (size_t i = 0; i < total; ++i) {
        if (classes[i] >= numClasses) r.fail();
        entries[i] = Entry{weights[i], classes[i]};
    }
    return LinearModel(numClasses, std::move(keys), std::move(counts), std::move(entries));
}

}  // namespace kgraph::nlp
