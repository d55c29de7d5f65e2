// Averaged perceptron training over hashed features (Collins 2002).
//
// Weights are stored sparsely: a feature gets a row the first time an update
// touches it, and a row holds only the classes it was updated for. Averaging
// uses the w - u/c trick (Daume), so no per-weight timestamps are needed.
// Training is single-threaded and deterministic: the same updates in the same
// order produce the same averaged model, bit for bit.
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "engine/nlp/linear_model.h"

namespace kgraph::nlp {

class PerceptronTrainer {
public:
    explicit PerceptronTrainer(int numClasses) : numClasses_(numClasses) {}

    int numClasses() const { return numClasses_; }

    // Adds the current (not averaged) weights of feats to scores[0..numClasses()).
    void score(const uint64_t* feats, size_t n, float* scores) const;

    // Moves weights towards `truth` and away from `guess` (no-op when equal).
    void update(const uint64_t* feats, size_t n, int truth, int guess);

    // Call once per training instance (after any update for it).
    void tick() { ++count_; }

    // The averaged weights, quantized to int16 with `scale` units per 1.0; entries whose
    // quantized weight has |w| < minWeight are dropped (0 keeps all non-zero ones).
    LinearModel average(float scale, int minWeight) const;

    // Largest |averaged weight|; use to choose a scale that fits int16.
    float maxAbsAverage() const;

private:
    struct Entry {
        double u;  // sum of count_ * delta
        float w;
        uint16_t cls;
    };
    void add(uint64_t key, int cls, float delta);
    float averaged(const Entry& e) const { return static_cast<float>(e.w - e.u / count_); }

    int numClasses_;
    double count_ = 1;
    std::unordered_map<uint64_t, uint32_t> index_;
    std::vector<uint64_t> keys_;
    std::vector<std::vector<Entry>> rows_;
};

}  // namespace kgraph::nlp
