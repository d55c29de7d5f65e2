#include "engine/nlp/tagger.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <ostream>
#include <random>

#include "engine/common/error.h"
#include "engine/nlp/hash.h"
#include "engine/nlp/perceptron.h"

namespace kgraph::nlp {

struct Tagger::WordInfo {
    uint64_t lower = 0, exact = 0, shape = 0, amb = 0;
    uint64_t suf[4] = {0, 0, 0, 0};
    uint64_t pre[3] = {0, 0, 0};
    uint64_t suf3 = 0, suf5 = 0;
    uint32_t flags = 0;
    // 0: the tagger has no lexicon (no lexicon features); else kLexKnown,
    // kLexUnknown or kLexFirstClass + the word's lexicon class id.
    uint32_t lex = 0;
    int fixed = -1;
};

namespace {

constexpr int kMaxFeatures = 80;
constexpr uint64_t kNone = 0x5A5A5A5AULL;  // value of a word feature outside the sentence
constexpr int kStart = -1, kStart2 = -2;
// WordInfo::lex values: a word with an ambiguity class in a "rare words only"
// tagger (its class is not looked up), a word the lexicon does not know, classes.
constexpr uint32_t kLexKnown = 1, kLexUnknown = 2, kLexFirstClass = 3;
constexpr uint32_t kCapitalBits = 1 << 3 | 1 << 4 | 1 << 7;  // all caps, first word, initial cap

// The lexicon map's key: 32 bits of the word hash (never 0). Collisions between
// the lexicon's few hundred thousand words are rare and harmless (one class wins).
uint32_t lexiconKey(uint64_t lowerHash) {
    uint32_t k = static_cast<uint32_t>(combine(lowerHash, 0x1E3C5A7B9DULL));
    return k ? k : 1;
}

enum TaggerTemplate : uint32_t {
    kBias,
    kLower,
    kSuf1,
    kSuf2,
    kSuf3,
    kSuf4,
    kPre1,
    kPre2,
    kPre3,
    kShape,
    kExact,
    kFlags,
    kPrevTag,
    kPrevTags,
    kPrevTagWord,
    kPrevWord,
    kPrevSuf3,
    kPrev2Word,
    kNextWord,
    kNextSuf3,
    kNext2Word,
    kAmb,
    kNextAmb,
    kNext2Amb,
    kPrevTagAmb,
    kAmbNextAmb,
    kWordNextWord,
    kPrevWordWord,
    kNextShape,
    kPrevShape,
    kPrevTagNextAmb,
    kPrev2Tag,
    kPrevAmb,
    kSuf5,
    kPrevTagPrevWord,
    kNextExact,
    kPrevExact,
    kWordNextAmb,
    kNextSuf2,
    kFlagsPrevTag,
    kQ0,
    kQ1,
    kQ2,
    kQ1PrevTag,
    kWordQ1,
    kQ0Q1,
    kQ1Q2,
    kWordQ0,
    kPrevTagQ0Q1,
    kLex,
    kLexCap,
    kLexPrevLex,
    kLexNextLex,
    kLexPrevTag,
    kLexSuf2,
};

uint64_t shapeHash(std::string_view w) {
    uint64_t h = kFnvOffset;
    char last = 0;
    int run = 0;
    for (unsigned char c : w) {
        char s = (c >= 'A' && c <= 'Z')   ? 'X'
                 : (c >= 'a' && c <= 'z') ? 'x'
                 : (c >= '0' && c <= '9') ? 'd'
                 : (c >= 0x80)            ? 'u'
                                          : static_cast<char>(c);
        run = (s == last) ? run + 1 : 1;
        last = s;
        if (run > 2) continue;
        h ^= static_cast<unsigned char>(s);
        h *= kFnvPrime;
    }
    return h;
}

uint32_t wordFlags(std::string_view w, bool first) {
    bool digit = false, hyphen = false, upper = false, lower = false, nonAscii = false,
         period = false;
    for (unsigned char c : w) {
        digit |= c >= '0' && c <= '9';
        hyphen |= c == '-';
        upper |= c >= 'A' && c <= 'Z';
        lower |= c >= 'a' && c <= 'z';
        nonAscii |= c >= 0x80;
        period |= c == '.';
    }
    bool initCap = !w.empty() && w[0] >= 'A' && w[0] <= 'Z';
    return digit | hyphen << 1 | upper << 2 | (upper && !lower) << 3 | first << 4 | nonAscii << 5 |
           period << 6 | initCap << 7;
}

std::string jointName(const Token& t) { return t.upos + "\t" + t.xpos; }

// Feature groups: kGroupWords depends on the words only, so the stacked pass can
// reuse what the first pass looked up (Tagger::tag); kGroupTags on the previous
// two tags; kGroupStacked on the first pass's tags (second pass only).
constexpr unsigned kGroupWords = 1, kGroupTags = 2, kGroupStacked = 4, kGroupAll = 7;

// The features of word i given the previous two tags, in one fixed order
// (training sums float weights in this order, so it must not change), for the
// groups in G. Returns how many were written.
template <unsigned G = kGroupAll, typename Info>
size_t extract(const Info* w, int n, int i, int p1, int p2, const int* first, uint64_t* f) {
    auto at = [&](int j) -> const Info* { return (j >= 0 && j < n) ? &w[j] : nullptr; };
    const Info& c = w[i];
    const Info* l1 = at(i - 1);
    const Info* l2 = at(i - 2);
    const Info* r1 = at(i + 1);
    const Info* r2 = at(i + 2);
    uint64_t lw1 = l1 ? l1->lower : kNone, lw2 = l2 ? l2->lower : kNone;
    uint64_t rw1 = r1 ? r1->lower : kNone, rw2 = r2 ? r2->lower : kNone;
    uint64_t ra1 = r1 ? r1->amb : kNone, ra2 = r2 ? r2->amb : kNone;
    uint64_t t1 = static_cast<uint64_t>(p1 + 8), t2 = static_cast<uint64_t>(p2 + 8);
    size_t k = 0;
#define F(group, value)                                   \
    do {                                                  \
        if constexpr ((G & (group)) != 0) f[k++] = value; \
    } while (0)
    F(kGroupWords, feature(kBias, 0));
    F(kGroupWords, feature(kLower, c.lower));
    for (int s = 0; s < 4; ++s) F(kGroupWords, feature(kSuf1 + s, c.suf[s]));
    for (int s = 0; s < 3; ++s) F(kGroupWords, feature(kPre1 + s, c.pre[s]));
    F(kGroupWords, feature(kShape, c.shape));
    F(kGroupWords, feature(kExact, c.exact));
    F(kGroupWords, feature(kFlags, c.flags));
    F(kGroupTags, feature(kPrevTag, t1));
    F(kGroupTags, feature(kPrevTags, t1, t2));
    F(kGroupTags, feature(kPrevTagWord, t1, c.lower));
    F(kGroupWords, feature(kPrevWord, lw1));
    F(kGroupWords, feature(kPrevSuf3, l1 ? l1->suf3 : kNone));
    F(kGroupWords, feature(kPrev2Word, lw2));
    F(kGroupWords, feature(kNextWord, rw1));
    F(kGroupWords, feature(kNextSuf3, r1 ? r1->suf3 : kNone));
    F(kGroupWords, feature(kNext2Word, rw2));
    F(kGroupWords, feature(kAmb, c.amb));
    F(kGroupWords, feature(kNextAmb, ra1));
    F(kGroupWords, feature(kNext2Amb, ra2));
    F(kGroupTags, feature(kPrevTagAmb, t1, c.amb));
    F(kGroupWords, feature(kAmbNextAmb, c.amb, ra1));
    F(kGroupWords, feature(kWordNextWord, c.lower, rw1));
    F(kGroupWords, feature(kPrevWordWord, lw1, c.lower));
    F(kGroupWords, feature(kNextShape, r1 ? r1->shape : kNone));
    F(kGroupWords, feature(kPrevShape, l1 ? l1->shape : kNone));
    F(kGroupTags, feature(kPrevTagNextAmb, t1, ra1));
    F(kGroupTags, feature(kPrev2Tag, t2));
    F(kGroupWords, feature(kPrevAmb, l1 ? l1->amb : kNone, c.amb, ra1));
    F(kGroupWords, feature(kSuf5, c.suf5));
    F(kGroupTags, feature(kPrevTagPrevWord, t1, lw1));
    F(kGroupWords, feature(kNextExact, r1 ? r1->exact : kNone));
    F(kGroupWords, feature(kPrevExact, l1 ? l1->exact : kNone));
    F(kGroupWords, feature(kWordNextAmb, c.lower, ra1));
    F(kGroupWords, feature(kNextSuf2, r1 ? r1->suf[1] : kNone));
    F(kGroupTags, feature(kFlagsPrevTag, c.flags, t1));
    if (c.lex >= kLexUnknown) {
        // Lexicon classes (only in taggers trained with a lexicon).
        F(kGroupWords, feature(kLex, c.lex));
        F(kGroupWords, feature(kLexCap, c.lex, c.flags & kCapitalBits));
        F(kGroupWords, feature(kLexPrevLex, l1 ? l1->lex : kNone, c.lex));
        F(kGroupWords, feature(kLexNextLex, c.lex, r1 ? r1->lex : kNone));
        F(kGroupWords, feature(kLexSuf2, c.lex, c.suf[1]));
        F(kGroupTags, feature(kLexPrevTag, c.lex, t1));
    }
    if ((G & kGroupStacked) && first) {
        // Stacking: the first pass's tags stand for the right context.
        auto q = [&](int j) -> uint64_t { return (j >= 0 && j < n) ? first[j] + 8 : 0; };
        F(kGroupStacked, feature(kQ0, q(i)));
        F(kGroupStacked, feature(kQ1, q(i + 1)));
        F(kGroupStacked, feature(kQ2, q(i + 2)));
        F(kGroupStacked, feature(kQ1PrevTag, q(i + 1), t1));
        F(kGroupStacked, feature(kWordQ1, c.lower, q(i + 1)));
        F(kGroupStacked, feature(kQ0Q1, q(i), q(i + 1)));
        F(kGroupStacked, feature(kQ1Q2, q(i + 1), q(i + 2)));
        F(kGroupStacked, feature(kWordQ0, c.lower, q(i)));
        F(kGroupStacked, feature(kPrevTagQ0Q1, t1, q(i), q(i + 1)));
    }
#undef F
    return k;
}

}  // namespace

void Tagger::prepare(const std::vector<std::string_view>& words,
                     std::vector<WordInfo>& info) const {
    info.resize(words.size());
    for (size_t i = 0; i < words.size(); ++i) {
        std::string_view w = words[i];
        WordInfo& x = info[i];
        x.lower = hashLower(w);
        x.exact = hashBytes(w);
        x.shape = shapeHash(w);
        const uint64_t* amb = ambiguity_.get(x.lower);
        x.amb = amb ? *amb : 0;
        for (size_t s = 0; s < 4; ++s) {
            x.suf[s] = w.size() > s + 1 ? hashLower(w.substr(w.size() - s - 1)) : kNone + s;
        }
        x.suf3 = x.suf[2];
        x.suf5 = w.size() > 5 ? hashLower(w.substr(w.size() - 5)) : kNone + 5;
        for (size_t s = 0; s < 3; ++s) {
            x.pre[s] = w.size() > s + 1 ? hashLower(w.substr(0, s + 1)) : kNone + s;
        }
        x.flags = wordFlags(w, i == 0);
        const uint16_t* fixed = tagDict_.get(x.exact);
        x.fixed = fixed ? *fixed : -1;
        x.lex = 0;
        if (lexiconUse_ == LexiconUse::WordsWithoutAmbiguity && amb) {
            x.lex = kLexKnown;
        } else if (lexiconUse_ != LexiconUse::None) {
            const uint16_t* cls = lexicon_.get(lexiconKey(x.lower));
            x.lex = cls ? kLexFirstClass + *cls : kLexUnknown;
        }
    }
}

void Tagger::tagPass(const LinearModel& model, const WordInfo* info, int n, const int* first,
                     int* tags) const {
    thread_local std::vector<int32_t> scores;
    scores.resize(model.numClasses());
    uint64_t feats[kMaxFeatures];
    int p1 = kStart, p2 = kStart2;
    for (int i = 0; i < n; ++i) {
        int t = info[i].fixed;
        if (t < 0) {
            size_t k = extract(info, n, i, p1, p2, first, feats);
            std::fill(scores.begin(), scores.end(), 0);
            model.score(feats, k, scores.data());
            t = static_cast<int>(std::max_element(scores.begin(), scores.end()) - scores.begin());
        }
        tags[i] = t;
        p2 = p1;
        p1 = t;
    }
}

void Tagger::buildBoth() {
    both_ = LinearModel();
    if (second_.numClasses() > 0 && model_.numClasses() + second_.numClasses() <= 255)
        both_ = LinearModel::concat(model_, second_);
}

// Both passes through both_: one lookup of a word's kGroupWords features gives
// the first pass its weights and the second pass the same features' weights,
// kept per word until the second pass. Same sums as tagPass() twice.
void Tagger::tagStacked(const WordInfo* info, int n, int* tags) const {
    thread_local std::vector<int32_t> words2;  // per word: second-pass sum of kGroupWords
    thread_local std::vector<int32_t> a, b;
    thread_local std::vector<int> first;
    const int numTags = model_.numClasses();
    words2.resize(static_cast<size_t>(n) * numTags);
    a.resize(both_.numClasses());
    b.resize(both_.numClasses());
    first.resize(n);
    uint64_t feats[kMaxFeatures];
    auto best = [numTags](const int32_t* x, const int32_t* y) {
        int t = 0;
        int32_t top = x[0] + y[0];
        for (int c = 1; c < numTags; ++c) {
            int32_t v = x[c] + y[c];
            if (v > top) top = v, t = c;
        }
        return t;
    };
    int p1 = kStart, p2 = kStart2;
    for (int i = 0; i < n; ++i) {
        int t = info[i].fixed;
        if (t < 0) {
            size_t ends[2];
            ends[0] = extract<kGroupWords>(info, n, i, p1, p2, nullptr, feats);
            ends[1] = ends[0] + extract<kGroupTags>(info, n, i, p1, p2, nullptr, feats + ends[0]);
            int32_t* outs[2] = {a.data(), b.data()};
            std::fill(a.begin(), a.end(), 0);
            std::fill(b.begin(), b.end(), 0);
            both_.scoreParts(feats, ends, outs, 2);
            t = best(a.data(), b.data());
            std::copy(a.begin() + numTags, a.begin() + 2 * numTags,
                      words2.begin() + static_cast<size_t>(i) * numTags);
        }
        first[i] = t;
        p2 = p1;
        p1 = t;
    }
    p1 = kStart, p2 = kStart2;
    for (int i = 0; i < n; ++i) {
        int t = info[i].fixed;
        if (t < 0) {
            size_t k = extract<kGroupTags | kGroupStacked>(info, n, i, p1, p2, first.data(), feats);
            std::fill(b.begin(), b.end(), 0);
            both_.score(feats, k, b.data());
            t = best(words2.data() + static_cast<size_t>(i) * numTags, b.data() + numTags);
        }
        tags[i] = t;
        p2 = p1;
        p1 = t;
    }
}

void Tagger::tag(const std::vector<std::string_view>& words, std::vector<int>& tags) const {
    thread_local std::vector<WordInfo> info;
    thread_local std::vector<int> first;
    prepare(words, info);
    int n = static_cast<int>(words.size());
    tags.resize(n);
    if (second_.numClasses() == 0) {
        tagPass(model_, info.data(), n, nullptr, tags.data());
        return;
    }
    if (both_.numClasses() > 0) {
        tagStacked(info.data(), n, tags.data());
        return;
    }
    first.resize(n);
    tagPass(model_, info.data(), n, nullptr, first.data());
    tagPass(second_, info.data(), n, first.data(), tags.data());
}

double Tagger::tagAndScore(std::vector<Sentence>& sentences) const {
    size_t total = 0, correct = 0;
    std::vector<std::string_view> words;
    std::vector<int> tags;
    for (Sentence& s : sentences) {
        words.clear();
        for (const Token& t : s.tokens) words.push_back(t.form);
        tag(words, tags);
        for (size_t i = 0; i < tags.size(); ++i) {
            Token& t = s.tokens[i];
            correct += t.upos == upos_[tags[i]] && t.xpos == xpos_[tags[i]];
            ++total;
            t.upos = upos_[tags[i]];
            t.xpos = xpos_[tags[i]];
        }
    }
    return total ? static_cast<double>(correct) / total : 0;
}

Tagger Tagger::train(const std::vector<Sentence>& train, const std::vector<Sentence>& dev,
                     const TaggerOptions& options, std::ostream& log) {
    if (options.lexicon.empty()) return trainWith(train, dev, options, nullptr, log);
    Lexicon lexicon = Lexicon::load(options.lexicon);
    return trainWith(train, dev, options, &lexicon, log);
}

void Tagger::buildLexicon(const Lexicon& lexicon, bool forAll) {
    lexiconUse_ = forAll ? LexiconUse::EveryWord : LexiconUse::WordsWithoutAmbiguity;
    // Sorted words and class ids by falling frequency (ties by code): the same
    // lexicon and training set give the same map.
    std::vector<std::string> words;
    lexicon.forEachWord([&](const std::string& w) { words.push_back(w); });
    std::sort(words.begin(), words.end());
    words.erase(std::unique(words.begin(), words.end()), words.end());
    std::vector<std::pair<uint32_t, uint32_t>> coded;  // (lexiconKey, code)
    std::map<uint32_t, size_t> codeCounts;
    for (const std::string& w : words) {
        uint64_t h = hashLower(w);
        if (!forAll && ambiguity_.get(h)) continue;  // tagged without its class
        uint32_t code = lexicon.classify(w);
        if (code == 0) continue;
        coded.emplace_back(lexiconKey(h), code);
        ++codeCounts[code];
    }
    std::vector<std::pair<size_t, uint32_t>> byCount;
    for (auto& [code, n] : codeCounts) byCount.emplace_back(n, code);
    std::sort(byCount.begin(), byCount.end(), [](auto& a, auto& b) {
        return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    if (byCount.size() > 65535) throw Error("tagger lexicon has more than 65535 classes");
    std::map<uint32_t, uint16_t> ids;
    lexiconCodes_.clear();
    for (size_t i = 0; i < byCount.size(); ++i) {
        ids[byCount[i].second] = static_cast<uint16_t>(i);
        lexiconCodes_.push_back(byCount[i].second);
    }
    lexicon_ = FlatMap<uint16_t, uint32_t>();
    for (auto& [key, code] : coded) {
        if (!lexicon_.get(key)) lexicon_.set(key, ids[code]);  // first (sorted) word wins
    }
}

Tagger Tagger::trainWith(const std::vector<Sentence>& train, const std::vector<Sentence>& dev,
                         const TaggerOptions& options, const Lexicon* lexicon, std::ostream& log) {
    if (train.empty())
        throw Error("tagger training set is empty: pass a CoNLL-U file with sentences");
    Tagger tagger;
    // Tag set, in sorted order so class ids do not depend on the data order.
    std::map<std::string, int> tagIds;
    for (const Sentence& s : train) {
        for (const Token& t : s.tokens) tagIds.emplace(jointName(t), 0);
    }
    if (tagIds.size() > 255) throw Error("tagger training set has more than 255 UPOS/XPOS pairs");
    for (auto& [name, id] : tagIds) {
        id = static_cast<int>(tagger.upos_.size());
        size_t tab = name.find('\t');
        tagger.upos_.push_back(name.substr(0, tab));
        tagger.xpos_.push_back(name.substr(tab + 1));
    }
    // Lexicon: tag counts per word (lower-cased for ambiguity classes, exact for the dictionary).
    std::map<uint64_t, std::map<int, int>> lowerCounts, exactCounts;
    for (const Sentence& s : train) {
        for (const Token& t : s.tokens) {
            int id = tagIds[jointName(t)];
            lowerCounts[hashLower(t.form)][id]++;
            exactCounts[hashBytes(t.form)][id]++;
        }
    }
    for (const auto& [word, counts] : lowerCounts) {
        int freq = 0;
        for (auto& [tag, c] : counts) freq += c;
        if (freq < 2) continue;  // singletons behave like unknown words at test time
        uint64_t h = 0x1234567ULL;
        for (auto& [tag, c] : counts) {
            if (c >= 3 || c * 20 >= freq) h = combine(h, static_cast<uint64_t>(tag) + 1);
        }
        tagger.ambiguity_.set(word, h);
    }
    for (const auto& [word, counts] : exactCounts) {
        int freq = 0, best = 0, bestTag = 0;
        for (auto& [tag, c] : counts) {
            freq += c;
            if (c > best) best = c, bestTag = tag;
        }
        if (freq >= 20 && best * 100 >= freq * 99)
            tagger.tagDict_.set(word, static_cast<uint16_t>(bestTag));
    }
    if (lexicon) tagger.buildLexicon(*lexicon, options.lexiconForAll);
    log << "tagger: " << train.size() << " sentences, " << tagIds.size() << " tags, "
        << tagger.tagDict_.size() << " dictionary words, " << tagger.lexicon_.size()
        << " lexicon words\n";

    // Words and gold tags, prepared once.
    std::vector<std::vector<WordInfo>> infos(train.size());
    std::vector<std::vector<int>> gold(train.size());
    std::vector<std::string_view> words;
    for (size_t s = 0; s < train.size(); ++s) {
        words.clear();
        for (const Token& t : train[s].tokens) {
            words.push_back(t.form);
            gold[s].push_back(tagIds[jointName(t)]);
        }
        tagger.prepare(words, infos[s]);
    }
    tagger.model_ = trainModel(infos, gold, nullptr, static_cast<int>(tagIds.size()), options, log);
    if (options.stacked) {
        // First-pass tags for the training set as the first pass will make them on new
        // text: each fold tagged by a single-pass tagger trained on the other folds.
        std::vector<std::vector<int>> first(train.size());
        TaggerOptions single = options;
        single.stacked = false;
        std::ostream nowhere(nullptr);
        for (int fold = 0; fold < options.folds; ++fold) {
            std::vector<Sentence> rest;
            std::vector<size_t> held;
            for (size_t i = 0; i < train.size(); ++i) {
                if (static_cast<int>(i % options.folds) == fold)
                    held.push_back(i);
                else
                    rest.push_back(train[i]);
            }
            Tagger sub = trainWith(rest, {}, single, lexicon, nowhere);
            std::vector<int> tags;
            for (size_t i : held) {
                words.clear();
                for (const Token& t : train[i].tokens) words.push_back(t.form);
                sub.tag(words, tags);
                for (int t : tags) first[i].push_back(tagIds[sub.upos_[t] + "\t" + sub.xpos_[t]]);
            }
        }
        log << "tagger: second pass\n";
        tagger.second_ =
            trainModel(infos, gold, &first, static_cast<int>(tagIds.size()), options, log);
        tagger.buildBoth();
    }
    if (!dev.empty()) {
        std::vector<Sentence> copy = dev;
        std::vector<Sentence> goldDev = dev;
        tagger.tagAndScore(copy);
        size_t total = 0, upos = 0, xpos = 0, oov = 0, oovUpos = 0, oovXpos = 0;
        for (size_t s = 0; s < copy.size(); ++s) {
            for (size_t i = 0; i < copy[s].tokens.size(); ++i) {
                bool u = copy[s].tokens[i].upos == goldDev[s].tokens[i].upos;
                bool x = copy[s].tokens[i].xpos == goldDev[s].tokens[i].xpos;
                upos += u;
                xpos += x;
                ++total;
                if (!exactCounts.count(hashBytes(goldDev[s].tokens[i].form))) {
                    ++oov;
                    oovUpos += u;
                    oovXpos += x;
                }
            }
        }
        log << "tagger: dev UPOS " << 100.0 * upos / total << " XPOS " << 100.0 * xpos / total
            << "\n";
        // Words never seen in training (exact form), where a lexicon should help most.
        if (oov > 0) {
            log << "tagger: dev unseen words " << oov << " (" << 100.0 * oov / total << " %), UPOS "
                << 100.0 * oovUpos / oov << " XPOS " << 100.0 * oovXpos / oov << "\n";
        }
    }
    return tagger;
}

LinearModel Tagger::trainModel(const std::vector<std::vector<WordInfo>>& infos,
                               const std::vector<std::vector<int>>& gold,
                               const std::vector<std::vector<int>>* first, int numTags,
                               const TaggerOptions& options, std::ostream& log) {
    PerceptronTrainer trainer(numTags);
    std::vector<size_t> order(infos.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::mt19937 rng(options.seed);
    std::vector<float> scores(numTags);
    uint64_t feats[kMaxFeatures];
    for (int epoch = 1; epoch <= options.epochs; ++epoch) {
        // Fisher-Yates with our own index draw: std::shuffle's algorithm is unspecified.
        for (size_t i = order.size() - 1; i > 0; --i) std::swap(order[i], order[rng() % (i + 1)]);
        size_t correct = 0, total = 0;
        for (size_t s : order) {
            const auto& info = infos[s];
            int n = static_cast<int>(info.size());
            const int* q = first ? (*first)[s].data() : nullptr;
            int p1 = kStart, p2 = kStart2;
            for (int i = 0; i < n; ++i) {
                size_t k = extract(info.data(), n, i, p1, p2, q, feats);
                std::fill(scores.begin(), scores.end(), 0.0f);
                trainer.score(feats, k, scores.data());
                int guess = static_cast<int>(std::max_element(scores.begin(), scores.end()) -
                                             scores.begin());
                trainer.update(feats, k, gold[s][i], guess);
                trainer.tick();
                correct += guess == gold[s][i];
                ++total;
                p2 = p1;
                p1 = guess;
            }
        }
        log << "tagger: epoch " << epoch << " train accuracy " << 100.0 * correct / total << "\n";
    }
    float maxAbs = trainer.maxAbsAverage();
    float scale = maxAbs > 0 ? 32000.0f / maxAbs : 1.0f;
    LinearModel model = trainer.average(scale, 2);
    log << "tagger: " << model.numFeatures() << " features, " << model.numEntries() << " weights\n";
    return model;
}

void Tagger::jackknife(std::vector<Sentence>& train, int folds, const TaggerOptions& options,
                       std::ostream& log) {
    std::optional<Lexicon> lexicon;  // read once for all folds
    if (!options.lexicon.empty()) lexicon = Lexicon::load(options.lexicon);
    for (int fold = 0; fold < folds; ++fold) {
        std::vector<Sentence> rest, held;
        std::vector<size_t> heldIndex;
        for (size_t i = 0; i < train.size(); ++i) {
            if (static_cast<int>(i % folds) == fold) {
                held.push_back(train[i]);
                heldIndex.push_back(i);
            } else {
                rest.push_back(train[i]);
            }
        }
        std::ostream nowhere(nullptr);
        Tagger tagger = trainWith(rest, {}, options, lexicon ? &*lexicon : nullptr, nowhere);
        double acc = tagger.tagAndScore(held);
        log << "jackknife: fold " << fold + 1 << "/" << folds << " tag accuracy " << 100.0 * acc
            << "\n";
        for (size_t j = 0; j < held.size(); ++j) train[heldIndex[j]] = std::move(held[j]);
    }
}

namespace {

template <typename V>
void saveMap(BinaryWriter& w, const FlatMap<V>& m) {
    std::vector<std::pair<uint64_t, V>> items;
    m.forEach([&](uint64_t k, const V& v) { items.emplace_back(k, v); });
    std::sort(items.begin(), items.end());
    w.put<uint64_t>(items.size());
    for (auto& [k, v] : items) {
        w.put<uint64_t>(k);
        w.put<V>(v);
    }
}

template <typename V>
FlatMap<V> loadMap(BinaryReader& r) {
    FlatMap<V> m;
    uint64_t n = r.get<uint64_t>();
    for (uint64_t i = 0; i < n; ++i) {
        uint64_t k = r.get<uint64_t>();
        if (k == 0) r.fail();
        m.set(k, r.get<V>());
    }
    return m;
}

}  // namespace

void Tagger::save(BinaryWriter& w) const {
    w.put<uint32_t>(static_cast<uint32_t>(upos_.size()));
    for (size_t i = 0; i < upos_.size(); ++i) {
        w.putString(upos_[i]);
        w.putString(xpos_[i]);
    }
    saveMap(w, ambiguity_);
    saveMap(w, tagDict_);
    model_.save(w);
    w.put<uint8_t>(second_.numClasses() > 0);
    if (second_.numClasses() > 0) second_.save(w);
    // Format version 3: the lexicon classes, as sorted key deltas and class ids.
    w.put<uint8_t>(static_cast<uint8_t>(lexiconUse_));
    w.putVarint(lexiconCodes_.size());
    for (uint32_t code : lexiconCodes_) w.putVarint(code);
    std::vector<std::pair<uint32_t, uint16_t>> items;
    lexicon_.forEach([&](uint32_t k, uint16_t v) { items.emplace_back(k, v); });
    std::sort(items.begin(), items.end());
    w.putVarint(items.size());
    uint32_t last = 0;
    for (auto& [k, v] : items) {
        w.putVarint(k - last);
        w.putVarint(v);
        last = k;
    }
}

Tagger Tagger::load(BinaryReader& r, uint32_t version) {
    Tagger t;
    uint32_t n = r.get<uint32_t>();
    for (uint32_t i = 0; i < n; ++i) {
        t.upos_.push_back(r.getString());
        t.xpos_.push_back(r.getString());
    }
    t.ambiguity_ = loadMap<uint64_t>(r);
    t.tagDict_ = loadMap<uint16_t>(r);
    t.model_ = LinearModel::load(r);
    if (t.model_.numClasses() != static_cast<int>(n)) r.fail();
    if (r.get<uint8_t>()) {
        t.second_ = LinearModel::load(r);
        if (t.second_.numClasses() != static_cast<int>(n)) r.fail();
    }
    if (version >= 3) {
        uint8_t use = r.get<uint8_t>();
        if (use & 4) {
            // Bit 2 marked features on parts of the lexicon classes, tried and dropped.
            throw Error(
                "this tagger file uses lexicon-part features, which kgraph no longer has (they "
                "did not help): train the tagger again with `kgraph train tagger`");
        }
        if (use > 2) r.fail();
        t.lexiconUse_ = static_cast<LexiconUse>(use);
        uint64_t classes = r.getVarint();
        if (classes > UINT16_MAX + 1ULL) r.fail();
        for (uint64_t i = 0; i < classes; ++i) {
            uint64_t code = r.getVarint();
            if (code > UINT32_MAX) r.fail();
            t.lexiconCodes_.push_back(static_cast<uint32_t>(code));
        }
        uint64_t count = r.getVarint();
        uint64_t key = 0;
        for (uint64_t i = 0; i < count; ++i) {
            key += r.getVarint();
            uint64_t cls = r.getVarint();
            if (key == 0 || key > UINT32_MAX || cls >= t.lexiconCodes_.size()) r.fail();
            t.lexicon_.set(static_cast<uint32_t>(key), static_cast<uint16_t>(cls));
        }
    }
    t.buildBoth();
    bool bad = false;
    t.tagDict_.forEach([&](uint64_t, uint16_t v) { bad |= v >= n; });
    if (bad) r.fail();
    return t;
}

}  // namespace kgraph::nlp
