#include "engine/nlp/linear_model.h"

#include <algorithm>
#include <cstdlib>
#include <numeric>

namespace kgraph::nlp {

LinearModel::LinearModel(int numClasses, std::vector<uint64_t> keys, std::vector<uint8_t> counts,
                         std::vector<Entry> entries)
    : numClasses_(numClasses),
      numFeatures_(keys.size()),
      numEntries_(entries.size()),
      keys_(std::move(keys)) {
    size_t cap = 16;
    while (cap < keys_.size() * 3 / 2 + 1) cap <<= 1;
    mask_ = cap - 1;
    slots_.assign(cap, Slot{0, 0});
    entries_.reserve(entries.size() + keys_.size());
    size_t from = 0;
    for (size_t i = 0; i < keys_.size(); ++i) {
        uint64_t j = keys_[i] & mask_;
        while (slots_[j].check != 0) j = (j + 1) & mask_;
        slots_[j] = Slot{checkOf(keys_[i]), static_cast<uint32_t>(entries_.size())};
        if (counts[i] * 2 > numClasses_) {
            // Dense: numClasses_ int16 weights in ceil(numClasses_ / 2) Entry-sized cells.
            entries_.push_back(Entry{kDense, counts[i]});
            size_t at = entries_.size();
            entries_.resize(at + (numClasses_ + 1) / 2, Entry{0, 0});
            int16_t* w = reinterpret_cast<int16_t*>(&entries_[at]);
            for (size_t k = from; k < from + counts[i]; ++k) w[entries[k].cls] = entries[k].weight;
        } else {
            entries_.push_back(Entry{0, counts[i]});
            entries_.insert(entries_.end(), entries.begin() + from,
                            entries.begin() + from + counts[i]);
        }
        from += counts[i];
    }
}

std::vector<LinearModel::Entry> LinearModel::rowEntries(size_t row) const {
    const Entry& h = entries_[row];
    std::vector<Entry> out;
    if (h.weight == kDense) {
        const int16_t* w = reinterpret_cast<const int16_t*>(&entries_[row + 1]);
        for (int c = 0; c < numClasses_; ++c) {
            if (w[c] != 0) out.push_back(Entry{w[c], static_cast<uint16_t>(c)});
        }
    } else {
        out.assign(entries_.begin() + row + 1, entries_.begin() + row + 1 + h.cls);
    }
    return out;
}

size_t LinearModel::rowSize(size_t row) const {
    const Entry& h = entries_[row];
    return 1 + (h.weight == kDense ? (numClasses_ + 1) / 2 : h.cls);
}

LinearModel LinearModel::pruned(int minWeight) const {
    std::vector<uint64_t> keys;
    std::vector<uint8_t> counts;
    std::vector<Entry> entries;
    size_t row = 0;
    for (uint64_t key : keys_) {
        uint8_t n = 0;
        for (const Entry& e : rowEntries(row)) {
            if (std::abs(e.weight) < minWeight) continue;
            entries.push_back(e);
            ++n;
        }
        if (n) {
            keys.push_back(key);
            counts.push_back(n);
        }
        row += rowSize(row);
    }
    return LinearModel(numClasses_, std::move(keys), std::move(counts), std::move(entries));
}

// Layout: u32 classes | u64 n | n varint key deltas (keys ascending) | n u8 counts |
//         u64 entries | entries u8 class | entries i16 weight.
void LinearModel::save(BinaryWriter& w) const {
    std::vector<size_t> rows;  // row header index per key
    rows.reserve(keys_.size());
    for (size_t i = 0, row = 0; i < keys_.size(); ++i) {
        rows.push_back(row);
        row += rowSize(row);
    }
    std::vector<size_t> order(keys_.size());
    std::iota(order.begin(), order.end(), size_t{0});
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return keys_[a] < keys_[b]; });
    w.put<uint32_t>(static_cast<uint32_t>(numClasses_));
    w.put<uint64_t>(order.size());
    uint64_t prev = 0;
    for (size_t i : order) {
        w.putVarint(keys_[i] - prev);
        prev = keys_[i];
    }
    std::vector<uint8_t> classes;
    std::vector<int16_t> weights;
    for (size_t i : order) w.put<uint8_t>(static_cast<uint8_t>(entries_[rows[i]].cls));
    for (size_t i : order) {
        for (const Entry& e : rowEntries(rows[i])) {
            classes.push_back(static_cast<uint8_t>(e.cls));
            weights.push_back(e.weight);
        }
    }
    w.putVector(classes);
    w.putVector(weights);
}

LinearModel LinearModel::load(BinaryReader& r) {
    int numClasses = static_cast<int>(r.get<uint32_t>());
    if (numClasses <= 0 || numClasses > 255) r.fail();
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
