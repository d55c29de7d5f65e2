#include "engine/nlp/parser.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <ostream>
#include <random>

#include "engine/common/error.h"
#include "engine/nlp/hash.h"
#include "engine/nlp/perceptron.h"

namespace kgraph::nlp {

namespace {

constexpr int kShift = 0, kReduce = 1;
constexpr int kMaxFeatures = 96;
constexpr uint64_t kNoWord = 0x1111ULL, kRootWord = 0x2222ULL;

// The configuration of the arc-eager system over words 0..n-1 plus ROOT = n.
// Children, valencies and label sets are kept incrementally for the features.
struct State {
    int n = 0;
    int b0 = 0;  // front of the buffer; the buffer is b0..n (n = ROOT)
    std::vector<int> stack;
    std::vector<int> head, label, l1, l2, r1, r2, nl, nr;
    std::vector<uint64_t> lset, rset;

    void reset(int words) {
        n = words;
        b0 = 0;
        stack.clear();
        for (auto* v : {&head, &label, &l1, &l2, &r1, &r2}) v->assign(n + 1, -1);
        nl.assign(n + 1, 0);
        nr.assign(n + 1, 0);
        lset.assign(n + 1, 0);
        rset.assign(n + 1, 0);
    }
    bool terminal() const { return stack.empty() && b0 == n; }
    int s0() const { return stack.empty() ? -1 : stack.back(); }

    void addArc(int h, int d, int l) {
        head[d] = h;
        label[d] = l;
        if (d < h) {
            if (l1[h] < 0 || d < l1[h])
                l2[h] = l1[h], l1[h] = d;
            else if (l2[h] < 0 || d < l2[h])
                l2[h] = d;
            ++nl[h];
            lset[h] |= 1ULL << l;
        } else {
            if (r1[h] < 0 || d > r1[h])
                r2[h] = r1[h], r1[h] = d;
            else if (r2[h] < 0 || d > r2[h])
                r2[h] = d;
            ++nr[h];
            rset[h] |= 1ULL << l;
        }
    }

    void apply(int action, int numLabels) {
        if (action == kShift) {
            stack.push_back(b0++);
        } else if (action == kReduce) {
            stack.pop_back();
        } else if (action < 2 + numLabels) {
            addArc(b0, stack.back(), action - 2);
            stack.pop_back();
        } else {
            addArc(stack.back(), b0, action - 2 - numLabels);
            stack.push_back(b0++);
        }
    }
};

// valid[a] for every action; rootLabel may only be used to attach to ROOT.
// Returns the action when only one is possible (it needs no scoring), else -1.
int validActions(const State& st, int numLabels, int rootLabel, std::vector<char>& valid) {
    int s0 = st.s0();
    if (s0 < 0) return kShift;
    if (st.b0 == st.n) return st.head[s0] >= 0 ? kReduce : 2 + rootLabel;
    valid.assign(2 + 2 * numLabels, 0);
    valid[kShift] = 1;
    if (st.head[s0] >= 0) valid[kReduce] = 1;
    for (int l = 0; l < numLabels; ++l) {
        if (l == rootLabel) continue;
        if (st.head[s0] < 0) valid[2 + l] = 1;
        valid[2 + numLabels + l] = 1;
    }
    return -1;
}

// Goldberg & Nivre (2012): the number of gold arcs an action makes unreachable.
void actionCosts(const State& st, const std::vector<int>& gold, const std::vector<int>& goldLabel,
                 int numLabels, const std::vector<char>& valid, std::vector<int>& cost) {
    cost.assign(valid.size(), 0);
    int s0 = st.s0(), b = st.b0, n = st.n;
    auto inStack = [&](int k) {
        return std::find(st.stack.begin(), st.stack.end(), k) != st.stack.end();
    };
    int shift = 0, right = 0, left = 0, reduce = 0;
    if (b < n) {
        for (int k : st.stack) {
            shift += (st.head[k] < 0 && gold[k] == b) + (gold[b] == k);
            right += st.head[k] < 0 && gold[k] == b;
        }
        right += (gold[b] > b) + (gold[b] != s0 && gold[b] < b && inStack(gold[b]));
    }
    if (s0 >= 0) {
        int deps = 0;
        for (int k = b; k < n; ++k) deps += gold[k] == s0;
        reduce = deps;
        left = deps + (gold[s0] > b);
    }
    cost[kShift] = shift;
    cost[kReduce] = reduce;
    for (int l = 0; l < numLabels; ++l) {
        cost[2 + l] = left + (s0 >= 0 && gold[s0] == b && goldLabel[s0] != l);
        cost[2 + numLabels + l] = right + (s0 >= 0 && b < n && gold[b] == s0 && goldLabel[b] != l);
    }
}

enum ParserTemplate : uint32_t {
    kBias = 0,
    kS0wp,
    kS0w,
    kS0p,
    kN0wp,
    kN0w,
    kN0p,
    kN1wp,
    kN1w,
    kN1p,
    kN2wp,
    kN2w,
    kN2p,
    kS0wpN0wp,
    kS0wpN0w,
    kS0wN0wp,
    kS0wpN0p,
    kS0pN0wp,
    kS0wN0w,
    kS0pN0p,
    kN0pN1p,
    kN0pN1pN2p,
    kS0pN0pN1p,
    kS0hpS0pN0p,
    kS0pS0lpN0p,
    kS0pS0rpN0p,
    kS0pN0pN0lp,
    kS0wD,
    kS0pD,
    kN0wD,
    kN0pD,
    kS0wN0wD,
    kS0pN0pD,
    kS0wVr,
    kS0pVr,
    kS0wVl,
    kS0pVl,
    kN0wVl,
    kN0pVl,
    kS0hw,
    kS0hp,
    kS0l,
    kS0lw,
    kS0lp,
    kS0ll,
    kS0rw,
    kS0rp,
    kS0rl,
    kN0lw,
    kN0lp,
    kN0ll,
    kS0h2w,
    kS0h2p,
    kS0hl,
    kS0l2w,
    kS0l2p,
    kS0l2l,
    kS0r2w,
    kS0r2p,
    kS0r2l,
    kN0l2w,
    kN0l2p,
    kN0l2l,
    kS0pS0lpS0l2p,
    kS0pS0rpS0r2p,
    kS0pS0hpS0h2p,
    kN0pN0lpN0l2p,
    kS0wSr,
    kS0pSr,
    kS0wSl,
    kS0pSl,
    kN0wSl,
    kN0pSl,
    kS1wp,
    kS1pS0pN0p,
    kS1wS0w,
    kN3p,
    kS0pN0pHasHead,
    kS0pN0pN0lw,
    kS0wN0lw,
    kN0wN0lw,
    kN0wN1w,
    kS0pS0rwN0p,
};

}  // namespace

struct Parser::Words {
    std::vector<uint64_t> w, p, wp;  // n + 1 entries; index n is ROOT
    void prepare(const std::vector<std::string_view>& words,
                 const std::vector<std::string_view>& xpos) {
        size_t n = words.size();
        w.resize(n + 1);
        p.resize(n + 1);
        wp.resize(n + 1);
        for (size_t i = 0; i < n; ++i) {
            w[i] = hashLower(words[i]);
            p[i] = hashBytes(xpos[i]);
            wp[i] = combine(w[i], p[i]);
        }
        w[n] = kRootWord;
        p[n] = kRootWord;
        wp[n] = kRootWord;
    }
};

struct Parser::GoldTree {
    Words x;
    std::vector<int> head, label;
};

namespace {

// Feature groups, so that parse() can keep the sums of the groups that did not
// change since the last decision: kGroupBuffer depends only on the buffer's
// words (fixed while b0 stays), kGroupN0Kids on b0 and its left children (fixed
// until a left arc gives b0 a child), kGroupRest on the rest.
constexpr unsigned kGroupBuffer = 1, kGroupN0Kids = 2, kGroupRest = 4, kGroupAll = 7;

// Writes the features of the groups in G, in one fixed order (training sums
// float weights in this order, so it must not change), and returns their number.
template <unsigned G = kGroupAll>
size_t extract(const State& st, const Parser::Words& x, uint64_t* f) {
    auto W = [&](int i) { return i < 0 ? kNoWord : x.w[i]; };
    auto P = [&](int i) { return i < 0 ? kNoWord : x.p[i]; };
    auto WP = [&](int i) { return i < 0 ? kNoWord : x.wp[i]; };
    auto L = [&](int i) { return i < 0 ? uint64_t{0} : static_cast<uint64_t>(st.label[i] + 1); };
    auto at = [&](const std::vector<int>& v, int i) { return i < 0 ? -1 : v[i]; };
    int s0 = st.s0();
    int s1 = st.stack.size() >= 2 ? st.stack[st.stack.size() - 2] : -1;
    int n0 = st.b0;
    int n1 = n0 + 1 <= st.n ? n0 + 1 : -1;
    int n2 = n0 + 2 <= st.n ? n0 + 2 : -1;
    int n3 = n0 + 3 <= st.n ? n0 + 3 : -1;
    int s0h = at(st.head, s0);
    int s0h2 = at(st.head, s0h);
    int s0l = at(st.l1, s0), s0r = at(st.r1, s0), s0l2 = at(st.l2, s0), s0r2 = at(st.r2, s0);
    int n0l = at(st.l1, n0), n0l2 = at(st.l2, n0);
    uint64_t d = 0;
    if (s0 >= 0) {
        int dist = n0 - s0;
        d = dist <= 5 ? dist : dist <= 10 ? 6 : 7;
        if (n0 == st.n) d = 8;
    }
    uint64_t s0vl = s0 < 0 ? 0 : st.nl[s0], s0vr = s0 < 0 ? 0 : st.nr[s0], n0vl = st.nl[n0];
    uint64_t s0sl = s0 < 0 ? 0 : st.lset[s0], s0sr = s0 < 0 ? 0 : st.rset[s0], n0sl = st.lset[n0];
    size_t k = 0;
#define F(group, value)                                   \
    do {                                                  \
        if constexpr ((G & (group)) != 0) f[k++] = value; \
    } while (0)
    F(kGroupRest, feature(kBias, 0));
    F(kGroupRest, feature(kS0wp, WP(s0)));
    F(kGroupRest, feature(kS0w, W(s0)));
    F(kGroupRest, feature(kS0p, P(s0)));
    F(kGroupBuffer, feature(kN0wp, WP(n0)));
    F(kGroupBuffer, feature(kN0w, W(n0)));
    F(kGroupBuffer, feature(kN0p, P(n0)));
    F(kGroupBuffer, feature(kN1wp, WP(n1)));
    F(kGroupBuffer, feature(kN1w, W(n1)));
    F(kGroupBuffer, feature(kN1p, P(n1)));
    F(kGroupBuffer, feature(kN2wp, WP(n2)));
    F(kGroupBuffer, feature(kN2w, W(n2)));
    F(kGroupBuffer, feature(kN2p, P(n2)));
    F(kGroupRest, feature(kS0wpN0wp, WP(s0), WP(n0)));
    F(kGroupRest, feature(kS0wpN0w, WP(s0), W(n0)));
    F(kGroupRest, feature(kS0wN0wp, W(s0), WP(n0)));
    F(kGroupRest, feature(kS0wpN0p, WP(s0), P(n0)));
    F(kGroupRest, feature(kS0pN0wp, P(s0), WP(n0)));
    F(kGroupRest, feature(kS0wN0w, W(s0), W(n0)));
    F(kGroupRest, feature(kS0pN0p, P(s0), P(n0)));
    F(kGroupBuffer, feature(kN0pN1p, P(n0), P(n1)));
    F(kGroupBuffer, feature(kN0pN1pN2p, P(n0), P(n1), P(n2)));
    F(kGroupRest, feature(kS0pN0pN1p, P(s0), P(n0), P(n1)));
    F(kGroupRest, feature(kS0hpS0pN0p, P(s0h), P(s0), P(n0)));
    F(kGroupRest, feature(kS0pS0lpN0p, P(s0), P(s0l), P(n0)));
    F(kGroupRest, feature(kS0pS0rpN0p, P(s0), P(s0r), P(n0)));
    F(kGroupRest, feature(kS0pN0pN0lp, P(s0), P(n0), P(n0l)));
    F(kGroupRest, feature(kS0wD, W(s0), d));
    F(kGroupRest, feature(kS0pD, P(s0), d));
    F(kGroupRest, feature(kN0wD, W(n0), d));
    F(kGroupRest, feature(kN0pD, P(n0), d));
    F(kGroupRest, feature(kS0wN0wD, W(s0), W(n0), d));
    F(kGroupRest, feature(kS0pN0pD, P(s0), P(n0), d));
    F(kGroupRest, feature(kS0wVr, W(s0), s0vr));
    F(kGroupRest, feature(kS0pVr, P(s0), s0vr));
    F(kGroupRest, feature(kS0wVl, W(s0), s0vl));
    F(kGroupRest, feature(kS0pVl, P(s0), s0vl));
    F(kGroupN0Kids, feature(kN0wVl, W(n0), n0vl));
    F(kGroupN0Kids, feature(kN0pVl, P(n0), n0vl));
    F(kGroupRest, feature(kS0hw, W(s0h)));
    F(kGroupRest, feature(kS0hp, P(s0h)));
    F(kGroupRest, feature(kS0l, L(s0)));
    F(kGroupRest, feature(kS0lw, W(s0l)));
    F(kGroupRest, feature(kS0lp, P(s0l)));
    F(kGroupRest, feature(kS0ll, L(s0l)));
    F(kGroupRest, feature(kS0rw, W(s0r)));
    F(kGroupRest, feature(kS0rp, P(s0r)));
    F(kGroupRest, feature(kS0rl, L(s0r)));
    F(kGroupN0Kids, feature(kN0lw, W(n0l)));
    F(kGroupN0Kids, feature(kN0lp, P(n0l)));
    F(kGroupN0Kids, feature(kN0ll, L(n0l)));
    F(kGroupRest, feature(kS0h2w, W(s0h2)));
    F(kGroupRest, feature(kS0h2p, P(s0h2)));
    F(kGroupRest, feature(kS0hl, L(s0h)));
    F(kGroupRest, feature(kS0l2w, W(s0l2)));
    F(kGroupRest, feature(kS0l2p, P(s0l2)));
    F(kGroupRest, feature(kS0l2l, L(s0l2)));
    F(kGroupRest, feature(kS0r2w, W(s0r2)));
    F(kGroupRest, feature(kS0r2p, P(s0r2)));
    F(kGroupRest, feature(kS0r2l, L(s0r2)));
    F(kGroupN0Kids, feature(kN0l2w, W(n0l2)));
    F(kGroupN0Kids, feature(kN0l2p, P(n0l2)));
    F(kGroupN0Kids, feature(kN0l2l, L(n0l2)));
    F(kGroupRest, feature(kS0pS0lpS0l2p, P(s0), P(s0l), P(s0l2)));
    F(kGroupRest, feature(kS0pS0rpS0r2p, P(s0), P(s0r), P(s0r2)));
    F(kGroupRest, feature(kS0pS0hpS0h2p, P(s0), P(s0h), P(s0h2)));
    F(kGroupN0Kids, feature(kN0pN0lpN0l2p, P(n0), P(n0l), P(n0l2)));
    F(kGroupRest, feature(kS0wSr, W(s0), s0sr));
    F(kGroupRest, feature(kS0pSr, P(s0), s0sr));
    F(kGroupRest, feature(kS0wSl, W(s0), s0sl));
    F(kGroupRest, feature(kS0pSl, P(s0), s0sl));
    F(kGroupN0Kids, feature(kN0wSl, W(n0), n0sl));
    F(kGroupN0Kids, feature(kN0pSl, P(n0), n0sl));
    F(kGroupRest, feature(kS1wp, WP(s1)));
    F(kGroupRest, feature(kS1pS0pN0p, P(s1), P(s0), P(n0)));
    F(kGroupRest, feature(kS1wS0w, W(s1), W(s0)));
    F(kGroupBuffer, feature(kN3p, P(n3)));
    F(kGroupRest, feature(kS0pN0pHasHead, P(s0), P(n0), s0 >= 0 && st.head[s0] >= 0));
    // Function words under n0 (its case or mark child) decide where n0 attaches.
    F(kGroupRest, feature(kS0pN0pN0lw, P(s0), P(n0), W(n0l)));
    F(kGroupRest, feature(kS0wN0lw, W(s0), W(n0l)));
    F(kGroupN0Kids, feature(kN0wN0lw, W(n0), W(n0l)));
    F(kGroupBuffer, feature(kN0wN1w, W(n0), W(n1)));
    F(kGroupRest, feature(kS0pS0rwN0p, P(s0), W(s0r), P(n0)));
#undef F
    return k;
}

template <typename Scores>
int bestValid(const Scores& scores, const std::vector<char>& valid) {
    int best = -1;
    for (size_t a = 0; a < valid.size(); ++a) {
        if (valid[a] && (best < 0 || scores[a] > scores[best])) best = static_cast<int>(a);
    }
    return best;
}

}  // namespace

void Parser::parse(const std::vector<std::string_view>& words,
                   const std::vector<std::string_view>& xpos, std::vector<int>& heads,
                   std::vector<int>& labels) const {
    thread_local State st;
    thread_local Words x;
    thread_local std::vector<char> valid;
    thread_local std::vector<int32_t> scores;
    int n = static_cast<int>(words.size());
    int numLabels = static_cast<int>(labels_.size());
    x.prepare(words, xpos);
    st.reset(n);
    thread_local std::vector<int32_t> bufferScores, kidScores;
    const int numClasses = model_.numClasses();
    scores.resize(numClasses);
    bufferScores.resize(numClasses);
    kidScores.resize(numClasses);
    uint64_t feats[kMaxFeatures];
    // The sums of the feature groups that only depend on the buffer stay valid
    // while b0 does (kGroupBuffer) and until b0 gets a left child (kGroupN0Kids):
    // after a reduce or a left arc, fewer features need looking up.
    int bufferFor = -1, kidsFor = -1;  // the b0 the cached sums belong to
    while (!st.terminal()) {
        int forced = validActions(st, numLabels, rootLabel_, valid);
        if (forced >= 0) {  // nothing to score
            if (forced >= 2 && forced < 2 + numLabels) kidsFor = -1;
            st.apply(forced, numLabels);
            continue;
        }
        size_t ends[3];
        int32_t* outs[3];
        int parts = 0;
        size_t k = 0;
        if (bufferFor != st.b0) {
            k += extract<kGroupBuffer>(st, x, feats + k);
            std::fill(bufferScores.begin(), bufferScores.end(), 0);
            ends[parts] = k;
            outs[parts++] = bufferScores.data();
            bufferFor = st.b0;
        }
        if (kidsFor != st.b0) {
            k += extract<kGroupN0Kids>(st, x, feats + k);
            std::fill(kidScores.begin(), kidScores.end(), 0);
            ends[parts] = k;
            outs[parts++] = kidScores.data();
            kidsFor = st.b0;
        }
        k += extract<kGroupRest>(st, x, feats + k);
        std::fill(scores.begin(), scores.end(), 0);
        ends[parts] = k;
        outs[parts++] = scores.data();
        model_.scoreParts(feats, ends, outs, parts);
        for (int c = 0; c < numClasses; ++c) scores[c] += bufferScores[c] + kidScores[c];
        int action = bestValid(scores, valid);
        if (action >= 2 && action < 2 + numLabels) kidsFor = -1;  // b0 gets a left child
        st.apply(action, numLabels);
    }
    heads.resize(n);
    labels.resize(n);
    for (int i = 0; i < n; ++i) {
        heads[i] = st.head[i] == n ? 0 : st.head[i] + 1;
        labels[i] = st.label[i];
    }
}

void Parser::parseAll(std::vector<Sentence>& sentences) const {
    std::vector<std::string_view> words, tags;
    std::vector<int> heads, labels;
    for (Sentence& s : sentences) {
        words.clear();
        tags.clear();
        for (const Token& t : s.tokens) {
            words.push_back(t.form);
            tags.push_back(t.xpos);
        }
        parse(words, tags, heads, labels);
        for (size_t i = 0; i < heads.size(); ++i) {
            s.tokens[i].head = heads[i];
            s.tokens[i].deprel = labels_[labels[i]];
        }
    }
}

Parser Parser::train(const std::vector<Sentence>& train, const std::vector<Sentence>& dev,
                     const ParserOptions& options, std::ostream& log) {
    if (train.empty())
        throw Error("parser training set is empty: pass a CoNLL-U file with sentences");
    Parser parser;
    std::map<std::string, int> labelIds;
    labelIds.emplace("root", 0);
    for (const Sentence& s : train) {
        for (const Token& t : s.tokens) labelIds.emplace(t.deprel, 0);
    }
    if (labelIds.size() > 63) throw Error("parser training set has more than 63 relations");
    for (auto& [name, id] : labelIds) {
        id = static_cast<int>(parser.labels_.size());
        parser.labels_.push_back(name);
    }
    parser.rootLabel_ = labelIds["root"];
    int numLabels = static_cast<int>(parser.labels_.size());
    int numActions = 2 + 2 * numLabels;

    std::vector<GoldTree> gold;
    gold.reserve(train.size());
    std::vector<std::string_view> words, tags;
    for (const Sentence& s : train) {
        int n = static_cast<int>(s.tokens.size());
        bool ok = true;
        GoldTree g;
        words.clear();
        tags.clear();
        for (const Token& t : s.tokens) {
            words.push_back(t.form);
            tags.push_back(t.xpos);
            ok &= t.head >= 0 && t.head <= n;
            g.head.push_back(t.head == 0 ? n : t.head - 1);
            g.label.push_back(t.head == 0 ? parser.rootLabel_ : labelIds[t.deprel]);
        }
        if (!ok) continue;
        g.x.prepare(words, tags);
        gold.push_back(std::move(g));
    }
    log << "parser: " << gold.size() << " sentences, " << numLabels << " relations\n";

    // One training with one shuffling (and exploration) seed; its averaged weights.
    auto run = [&](uint32_t seed, int minWeight) {
        PerceptronTrainer trainer(numActions);
        std::vector<size_t> order(gold.size());
        for (size_t i = 0; i < order.size(); ++i) order[i] = i;
        std::mt19937 rng(seed);
        State st;
        std::vector<char> valid;
        std::vector<int> cost;
        std::vector<float> scores(numActions);
        uint64_t feats[kMaxFeatures];
        for (int epoch = 1; epoch <= options.epochs; ++epoch) {
            for (size_t i = order.size() - 1; i > 0; --i)
                std::swap(order[i], order[rng() % (i + 1)]);
            bool explore = epoch >= options.exploreFrom;
            size_t steps = 0, errors = 0;
            for (size_t si : order) {
                const GoldTree& g = gold[si];
                st.reset(static_cast<int>(g.head.size()));
                while (!st.terminal()) {
                    int forced = validActions(st, numLabels, parser.rootLabel_, valid);
                    if (forced >= 0) {
                        st.apply(forced, numLabels);
                        continue;
                    }
                    size_t k = extract(st, g.x, feats);
                    std::fill(scores.begin(), scores.end(), 0.0f);
                    trainer.score(feats, k, scores.data());
                    int pred = bestValid(scores, valid);
                    actionCosts(st, g.head, g.label, numLabels, valid, cost);
                    int minCost = std::numeric_limits<int>::max();
                    for (int a = 0; a < numActions; ++a) {
                        if (valid[a]) minCost = std::min(minCost, cost[a]);
                    }
                    int best = -1;
                    for (int a = 0; a < numActions; ++a) {
                        if (valid[a] && cost[a] == minCost &&
                            (best < 0 || scores[a] > scores[best]))
                            best = a;
                    }
                    int next = best;
                    if (cost[pred] > minCost) {
                        trainer.update(feats, k, best, pred);
                        ++errors;
                        // Error exploration: sometimes carry on from the wrong configuration.
                        if (explore && (rng() % 1000) < options.exploreProb * 1000) next = pred;
                    } else {
                        next = pred;
                    }
                    trainer.tick();
                    ++steps;
                    st.apply(next, numLabels);
                }
            }
            log << "parser: epoch " << epoch << " transition errors " << 100.0 * errors / steps
                << "%\n";
            if (options.devEvery > 0 && epoch % options.devEvery == 0 && epoch < options.epochs &&
                !dev.empty()) {
                parser.model_ =
                    trainer.average(32000.0f / std::max(trainer.maxAbsAverage(), 1e-6f), 2);
                log << "parser: epoch " << epoch << " " << parser.devScore(dev) << "\n";
            }
        }
        float maxAbs = trainer.maxAbsAverage();
        return trainer.average(maxAbs > 0 ? 32000.0f / maxAbs : 1.0f, std::max(2, minWeight));
    };
    if (options.extraSeeds.empty()) {
        parser.model_ = run(options.seed, options.minWeight);
    } else {
        // Trainings that differ only in their seed differ by up to ±0.3 UAS on dev; the
        // mean of their weights scores as well as the best of them and loses less to
        // the cut (docs/nlp.md, "Seed averaging").
        std::vector<LinearModel> runs;
        runs.push_back(run(options.seed, 2));
        for (uint32_t seed : options.extraSeeds) {
            log << "parser: training again with seed " << seed << "\n";
            runs.push_back(run(seed, 2));
        }
        std::vector<const LinearModel*> ptrs;
        for (const LinearModel& m : runs) ptrs.push_back(&m);
        parser.model_ = LinearModel::mean(ptrs, options.minWeight);
    }
    log << "parser: " << parser.model_.numFeatures() << " features, " << parser.model_.numEntries()
        << " weights\n";
    if (!dev.empty()) log << "parser: dev " << parser.devScore(dev) << "\n";
    return parser;
}

std::string Parser::devScore(const std::vector<Sentence>& dev) const {
    std::vector<Sentence> copy = dev;
    parseAll(copy);
    size_t total = 0, uas = 0, las = 0;
    for (size_t s = 0; s < copy.size(); ++s) {
        for (size_t i = 0; i < copy[s].tokens.size(); ++i) {
            const Token& p = copy[s].tokens[i];
            const Token& t = dev[s].tokens[i];
            bool h = p.head == t.head;
            uas += h;
            las += h &&
                   p.deprel.substr(0, p.deprel.find(':')) == t.deprel.substr(0, t.deprel.find(':'));
            ++total;
        }
    }
    return "UAS " + std::to_string(100.0 * uas / total) + " LAS " +
           std::to_string(100.0 * las / total);
}

Parser Parser::mean(const std::vector<Parser>& parsers, int minWeight) {
    Parser out = parsers.at(0);
    std::vector<const LinearModel*> models;
    for (const Parser& p : parsers) {
        if (p.labels_ != out.labels_) throw Error("parsers to average have different relations");
        models.push_back(&p.model_);
    }
    out.model_ = LinearModel::mean(models, minWeight);
    return out;
}

void Parser::save(BinaryWriter& w) const {
    w.put<uint32_t>(static_cast<uint32_t>(labels_.size()));
    for (const auto& l : labels_) w.putString(l);
    w.put<uint32_t>(static_cast<uint32_t>(rootLabel_));
    model_.save(w);
    // The flag of a relabeling pass over finished trees, tried and dropped (docs/nlp.md):
    // written as 0 so that files stay as they were.
    w.put<uint8_t>(0);
}

Parser Parser::load(BinaryReader& r) {
    Parser p;
    uint32_t n = r.get<uint32_t>();
    if (n == 0 || n > 63) r.fail();
    for (uint32_t i = 0; i < n; ++i) p.labels_.push_back(r.getString());
    p.rootLabel_ = static_cast<int>(r.get<uint32_t>());
    if (p.rootLabel_ >= static_cast<int>(n)) r.fail();
    p.model_ = LinearModel::load(r);
    if (p.model_.numClasses() != static_cast<int>(2 + 2 * n)) r.fail();
    if (!r.atEnd() && r.get<uint8_t>()) {
        throw Error(
            "this parser file has a relabeling pass, which kgraph no longer runs (it did not "
            "help): train the parser again with `kgraph train parser`");
    }
    return p;
}

}  // namespace kgraph::nlp
