#include "engine/nlp/linear_model.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <iterator>
#include <numeric>
#include <tuple>

#include "engine/common/error.h"

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
    slots_.assign(cap, Slot{});
    size_t from = 0;
    for (size_t i = 0; i < keys_.size(); ++i) {
        uint64_t j = keys_[i] & mask_;
        while (slots_[j].check != 0) j = (j + 1) & mask_;
        Slot& slot = slots_[j];
        slot.check = checkOf(keys_[i]);
        if (counts[i] <= kInline) {
            for (size_t k = 0; k < counts[i]; ++k) slot.e[k] = entries[from + k];
            slot.e[0].cls = static_cast<uint16_t>(slot.e[0].cls | counts[i] << 8);
        } else {
            uint32_t row = static_cast<uint32_t>(entries_.size());
            slot.e[0] = Entry{0, kExternal};
            slot.e[1] = Entry{static_cast<int16_t>(row & 0xFFFF), static_cast<uint16_t>(row >> 16)};
            bool dense = counts[i] * 6 > numClasses_;
            size_t cells = 1 + (dense ? (numClasses_ + 1) / 2 : counts[i]);
            slot.e[2] = Entry{0, static_cast<uint16_t>(cells)};
            if (dense) {
                // Dense (see score()): numClasses_ int16 weights in ceil(numClasses_ / 2)
                // Entry-sized cells.
                entries_.push_back(Entry{kDense, counts[i]});
                size_t at = entries_.size();
                entries_.resize(at + (numClasses_ + 1) / 2, Entry{0, 0});
                int16_t* w = reinterpret_cast<int16_t*>(&entries_[at]);
                for (size_t k = from; k < from + counts[i]; ++k)
                    w[entries[k].cls] = entries[k].weight;
            } else {
                entries_.push_back(Entry{0, counts[i]});
                entries_.insert(entries_.end(), entries.begin() + from,
                                entries.begin() + from + counts[i]);
            }
        }
        from += counts[i];
    }
    entries_.shrink_to_fit();
}

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("avx2", "default")))
#endif
void LinearModel::addDense(int32_t* __restrict scores, const int16_t* __restrict w, int n) {
    for (int c = 0; c < n; ++c) scores[c] += w[c];
}

void LinearModel::appendRow(const Slot& s, uint16_t offset, std::vector<Entry>& out) const {
    if (s.e[0].cls != kExternal) {
        int count = s.e[0].cls >> 8;
        for (int k = 0; k < count; ++k)
            out.push_back(
                Entry{s.e[k].weight, static_cast<uint16_t>((s.e[k].cls & 0xFF) + offset)});
        return;
    }
    size_t row = s.row();
    const Entry& h = entries_[row];
    if (h.weight == kDense) {
        const int16_t* w = reinterpret_cast<const int16_t*>(&entries_[row + 1]);
        for (int c = 0; c < numClasses_; ++c) {
            if (w[c] != 0) out.push_back(Entry{w[c], static_cast<uint16_t>(c + offset)});
        }
    } else {
        for (const Entry *e = &entries_[row + 1], *end = e + h.cls; e != end; ++e)
            out.push_back(Entry{e->weight, static_cast<uint16_t>(e->cls + offset)});
    }
}

std::vector<LinearModel::Entry> LinearModel::rowEntries(const Slot& s) const {
    std::vector<Entry> out;
    appendRow(s, 0, out);
    return out;
}

LinearModel LinearModel::concat(const LinearModel& a, const LinearModel& b) {
    std::vector<uint64_t> ka = a.keys_, kb = b.keys_, keys;
    std::sort(ka.begin(), ka.end());
    std::sort(kb.begin(), kb.end());
    std::set_union(ka.begin(), ka.end(), kb.begin(), kb.end(), std::back_inserter(keys));
    std::vector<uint8_t> counts;
    std::vector<Entry> entries;
    counts.reserve(keys.size());
    entries.reserve(a.numEntries_ + b.numEntries_);
    for (uint64_t key : keys) {
        size_t before = entries.size();
        if (const Slot* s = a.find(key)) a.appendRow(*s, 0, entries);
        if (const Slot* s = b.find(key))
            b.appendRow(*s, static_cast<uint16_t>(a.numClasses_), entries);
        counts.push_back(static_cast<uint8_t>(entries.size() - before));
    }
    return LinearModel(a.numClasses_ + b.numClasses_, std::move(keys), std::move(counts),
                       std::move(entries));
}

LinearModel LinearModel::pruned(int minWeight) const {
    std::vector<uint64_t> keys;
    std::vector<uint8_t> counts;
    std::vector<Entry> entries;
    for (uint64_t key : keys_) {
        uint8_t n = 0;
        for (const Entry& e : rowEntries(*find(key))) {
            if (std::abs(e.weight) < minWeight) continue;
            entries.push_back(e);
            ++n;
        }
        if (n) {
            keys.push_back(key);
            counts.push_back(n);
        }
    }
    return LinearModel(numClasses_, std::move(keys), std::move(counts), std::move(entries));
}

LinearModel LinearModel::mean(const std::vector<const LinearModel*>& models, int minWeight) {
    int numClasses = models.at(0)->numClasses_;
    // (key, class, model, weight scaled to the model's largest), sorted so that the
    // weights of one (key, class) are summed in model order: deterministic output.
    std::vector<std::tuple<uint64_t, uint16_t, size_t, double>> all;
    for (size_t mi = 0; mi < models.size(); ++mi) {
        const LinearModel& m = *models[mi];
        if (m.numClasses_ != numClasses) throw Error("models to average differ in classes");
        size_t from = all.size();
        double top = 1;
        for (uint64_t key : m.keys_) {
            for (const Entry& e : m.rowEntries(*m.find(key))) {
                all.emplace_back(key, e.cls, mi, e.weight);
                top = std::max(top, std::fabs(double(e.weight)));
            }
        }
        for (size_t i = from; i < all.size(); ++i) std::get<3>(all[i]) /= top;
    }
    std::sort(all.begin(), all.end());
    std::vector<std::tuple<uint64_t, uint16_t, double>> sums;
    for (const auto& [key, cls, mi, w] : all) {
        if (sums.empty() || std::get<0>(sums.back()) != key || std::get<1>(sums.back()) != cls)
            sums.emplace_back(key, cls, 0.0);
        std::get<2>(sums.back()) += w;
    }
    double top = 1e-9;
    for (const auto& [key, cls, w] : sums) top = std::max(top, std::fabs(w));
    std::vector<uint64_t> keys;
    std::vector<uint8_t> counts;
    std::vector<Entry> entries;
    for (const auto& [key, cls, w] : sums) {
        long q = std::lround(w / top * 32000.0);
        if (q == 0 || std::labs(q) < minWeight) continue;
        if (keys.empty() || keys.back() != key) {
            keys.push_back(key);
            counts.push_back(0);
        }
        entries.push_back(Entry{static_cast<int16_t>(q), cls});
        ++counts.back();
    }
    return LinearModel(numClasses, std::move(keys), std::move(counts), std::move(entries));
}

// Layout: u32 classes | u64 n | n varint key deltas (keys ascending) | n u8 counts |
//         u64 entries | entries u8 class | entries i16 weight.
void LinearModel::save(BinaryWriter& w) const {
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
    std::vector<std::vector<Entry>> rows;  // per key, in key order
    rows.reserve(order.size());
    for (size_t i : order) rows.push_back(rowEntries(*find(keys_[i])));
    std::vector<uint8_t> classes;
    std::vector<int16_t> weights;
    for (const auto& row : rows) w.put<uint8_t>(static_cast<uint8_t>(row.size()));
    for (const auto& row : rows) {
        for (const Entry& e : row) {
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
