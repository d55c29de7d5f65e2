#include "engine/nlp/perceptron.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace kgraph::nlp {

void PerceptronTrainer::score(const uint64_t* feats, size_t n, float* scores) const {
    for (size_t i = 0; i < n; ++i) {
        auto it = index_.find(feats[i]);
        if (it == index_.end()) continue;
        for (const Entry& e : rows_[it->second]) scores[e.cls] += e.w;
    }
}

void PerceptronTrainer::add(uint64_t key, int cls, float delta) {
    auto [it, inserted] = index_.try_emplace(key, static_cast<uint32_t>(rows_.size()));
    if (inserted) {
        rows_.emplace_back();
        keys_.push_back(key);
    }
    auto& row = rows_[it->second];
    for (Entry& e : row) {
        if (e.cls == cls) {
            e.w += delta;
            e.u += count_ * delta;
            return;
        }
    }
    row.push_back(Entry{count_ * delta, delta, static_cast<uint16_t>(cls)});
}

void PerceptronTrainer::update(const uint64_t* feats, size_t n, int truth, int guess) {
    if (truth == guess) return;
    for (size_t i = 0; i < n; ++i) {
        add(feats[i], truth, 1.0f);
        add(feats[i], guess, -1.0f);
    }
}

float PerceptronTrainer::maxAbsAverage() const {
    float m = 0;
    for (const auto& row : rows_) {
        for (const Entry& e : row) m = std::max(m, std::fabs(averaged(e)));
    }
    return m;
}

LinearModel PerceptronTrainer::average(float scale, int minWeight) const {
    // Keys ascending, so the frozen model does not depend on hash-map iteration order.
    std::vector<uint32_t> order(rows_.size());
    std::iota(order.begin(), order.end(), 0u);
    std::sort(order.begin(), order.end(),
              [&](uint32_t a, uint32_t b) { return keys_[a] < keys_[b]; });
    std::vector<uint64_t> keys;
    std::vector<uint8_t> counts;
    std::vector<LinearModel::Entry> entries;
    std::vector<LinearModel::Entry> row;
    for (uint32_t idx : order) {
        row.clear();
        for (const Entry& e : rows_[idx]) {
            long q = std::lround(averaged(e) * scale);
            q = std::clamp(q, -32767L, 32767L);
            if (q == 0 || std::labs(q) < minWeight) continue;
            row.push_back(LinearModel::Entry{static_cast<int16_t>(q), e.cls});
        }
        if (row.empty()) continue;
        std::sort(row.begin(), row.end(), [](auto& a, auto& b) { return a.cls < b.cls; });
        keys.push_back(keys_[idx]);
        counts.push_back(static_cast<uint8_t>(row.size()));
        entries.insert(entries.end(), row.begin(), row.end());
    }
    return LinearModel(numClasses_, std::move(keys), std::move(counts), std::move(entries));
}

}  // namespace kgraph::nlp
