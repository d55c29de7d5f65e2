// LinearModel: whatever in-memory layout a row gets (inside its hash slot, a
// sparse list, a dense vector), score() and scoreParts() add exactly the
// weights the row was built with, concat() keeps both models' weights, mean()
// averages scaled models, and save()/load() give back the same model bytes.
#include "engine/nlp/linear_model.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <vector>

namespace kgraph::nlp {
namespace {

using Rows = std::map<uint64_t, std::map<int, int16_t>>;  // key -> class -> weight

// Rows of every length from 1 to numClasses, so every layout occurs.
Rows randomRows(int numClasses, int numKeys, uint32_t seed) {
    std::mt19937 rng(seed);
    Rows rows;
    for (int i = 0; i < numKeys; ++i) {
        uint64_t key = (static_cast<uint64_t>(rng()) << 32 | rng()) | 1;
        int length = 1 + i % numClasses;
        auto& row = rows[key];
        while (static_cast<int>(row.size()) < length) {
            int16_t w = static_cast<int16_t>(static_cast<int>(rng() % 2001) - 1000);
            row[static_cast<int>(rng() % numClasses)] = w == 0 ? 1 : w;
        }
    }
    return rows;
}

LinearModel build(int numClasses, const Rows& rows) {
    std::vector<uint64_t> keys;
    std::vector<uint8_t> counts;
    std::vector<LinearModel::Entry> entries;
    for (const auto& [key, row] : rows) {
        keys.push_back(key);
        counts.push_back(static_cast<uint8_t>(row.size()));
        for (auto [cls, w] : row) entries.push_back({w, static_cast<uint16_t>(cls)});
    }
    return LinearModel(numClasses, std::move(keys), std::move(counts), std::move(entries));
}

std::vector<int32_t> naive(int numClasses, const Rows& rows, const std::vector<uint64_t>& feats) {
    std::vector<int32_t> s(numClasses, 0);
    for (uint64_t f : feats) {
        auto it = rows.find(f);
        if (it == rows.end()) continue;
        for (auto [cls, w] : it->second) s[cls] += w;
    }
    return s;
}

// Known keys (some repeated) mixed with unknown ones; more than one batch.
std::vector<uint64_t> someFeatures(const Rows& rows, uint32_t seed) {
    std::mt19937 rng(seed);
    std::vector<uint64_t> keys;
    for (const auto& [key, row] : rows) keys.push_back(key);
    std::vector<uint64_t> feats;
    for (int i = 0; i < 150; ++i) {
        if (i % 4 == 3)
            feats.push_back((static_cast<uint64_t>(rng()) << 32 | rng()) | 2);
        else
            feats.push_back(keys[rng() % keys.size()]);
    }
    return feats;
}

TEST(LinearModelTest, ScoreAddsEveryRowWhateverItsLayout) {
    for (int numClasses : {5, 102, 104}) {
        Rows rows = randomRows(numClasses, 3000, 7 + numClasses);
        LinearModel m = build(numClasses, rows);
        std::vector<uint64_t> feats = someFeatures(rows, 11);
        std::vector<int32_t> got(numClasses, 0);
        m.score(feats.data(), feats.size(), got.data());
        EXPECT_EQ(got, naive(numClasses, rows, feats)) << numClasses << " classes";
    }
}

TEST(LinearModelTest, ScorePartsSplitsTheSums) {
    const int numClasses = 104;
    Rows rows = randomRows(numClasses, 2000, 3);
    LinearModel m = build(numClasses, rows);
    std::vector<uint64_t> feats = someFeatures(rows, 5);
    size_t ends[3] = {13, 90, feats.size()};
    std::vector<int32_t> a(numClasses, 0), b(numClasses, 0), c(numClasses, 0);
    int32_t* outs[3] = {a.data(), b.data(), c.data()};
    m.scoreParts(feats.data(), ends, outs, 3);
    EXPECT_EQ(a, naive(numClasses, rows, {feats.begin(), feats.begin() + 13}));
    EXPECT_EQ(b, naive(numClasses, rows, {feats.begin() + 13, feats.begin() + 90}));
    EXPECT_EQ(c, naive(numClasses, rows, {feats.begin() + 90, feats.end()}));
}

TEST(LinearModelTest, ConcatScoresBothModels) {
    const int na = 102, nb = 102;
    Rows ra = randomRows(na, 2000, 1), rb = randomRows(nb, 2000, 2);
    // Share some keys, so that concatenated rows mix both models' entries.
    auto it = ra.begin();
    for (int i = 0; i < 500; ++i, ++it) rb[it->first] = {{i % nb, static_cast<int16_t>(i + 1)}};
    LinearModel a = build(na, ra), b = build(nb, rb);
    LinearModel both = LinearModel::concat(a, b);
    ASSERT_EQ(both.numClasses(), na + nb);
    std::vector<uint64_t> feats = someFeatures(ra, 3);
    std::vector<uint64_t> more = someFeatures(rb, 4);
    feats.insert(feats.end(), more.begin(), more.end());
    std::vector<int32_t> got(na + nb, 0);
    both.score(feats.data(), feats.size(), got.data());
    std::vector<int32_t> want = naive(na, ra, feats), wantB = naive(nb, rb, feats);
    want.insert(want.end(), wantB.begin(), wantB.end());
    EXPECT_EQ(got, want);
}

TEST(LinearModelTest, MeanScalesEachModelThenRequantizesAndCuts) {
    // a's largest weight is 32000, b's 16000: b counts double before the sum.
    LinearModel a = build(3, Rows{{10, {{0, 32000}, {1, -16000}}}, {20, {{1, 8000}}}});
    LinearModel b = build(3, Rows{{10, {{0, 16000}}}, {30, {{2, -16000}}}});
    // Sums in units of each model's largest weight: key 10 {2, -0.5}, key 20 {0.25},
    // key 30 {-1}; requantized so that 2 becomes 32000, then weights under 5000 cut.
    LinearModel m = LinearModel::mean({&a, &b}, 5000);
    EXPECT_EQ(m.numFeatures(), 2u);
    auto scores = [&](uint64_t key) {
        std::vector<int32_t> s(3, 0);
        m.score(&key, 1, s.data());
        return s;
    };
    EXPECT_EQ(scores(10), (std::vector<int32_t>{32000, -8000, 0}));
    EXPECT_EQ(scores(20), (std::vector<int32_t>{0, 0, 0}));
    EXPECT_EQ(scores(30), (std::vector<int32_t>{0, 0, -16000}));
    EXPECT_EQ(LinearModel::mean({&a, &b}, 0).numFeatures(), 3u);
}

TEST(LinearModelTest, SaveLoadRoundTripsBytes) {
    Rows rows = randomRows(104, 3000, 9);
    LinearModel m = build(104, rows);
    BinaryWriter w;
    m.save(w);
    BinaryReader r(w.bytes(), "test");
    LinearModel back = LinearModel::load(r);
    EXPECT_TRUE(r.atEnd());
    BinaryWriter w2;
    back.save(w2);
    EXPECT_EQ(w.bytes(), w2.bytes());
    std::vector<uint64_t> feats = someFeatures(rows, 1);
    std::vector<int32_t> got(104, 0);
    back.score(feats.data(), feats.size(), got.data());
    EXPECT_EQ(got, naive(104, rows, feats));
}

}  // namespace
}  // namespace kgraph::nlp
