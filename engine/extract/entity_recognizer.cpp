#include "engine/extract/entity_recognizer.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <ostream>
#include <random>

#include "engine/common/error.h"
#include "engine/nlp/hash.h"
#include "engine/nlp/model_io.h"
#include "engine/nlp/perceptron.h"

namespace kgraph::extract {

namespace {

using nlp::feature;
using nlp::hashBytes;
using nlp::hashLower;

// Model file: magic | u32 format version | str training data | u64 payload size |
// u64 FNV-1a of the payload | payload (the LinearModel). DO NOT CHANGE the layout
// without bumping kFormat: the shipped file is committed.
constexpr char kMagic[8] = {'K', 'G', 'E', 'N', 'T', 'M', 'D', 'L'};
constexpr uint32_t kFormat = 1;
constexpr char kTrainingData[] =
    "GUM (Zeldes 2017, CC BY 4.0) named mentions + Re-DocRED dev (Tan et al. 2022, MIT)";

// Labels: 0 = Outside; class c has Begin 1+4c, Inside 2+4c, Last 3+4c, Unit 4+4c.
constexpr int kLabels = 1 + 4 * kNameClasses;
enum Part { kB = 1, kI = 2, kL = 3, kU = 4 };
int labelOf(int cls, Part p) { return 1 + 4 * cls + (p - 1); }
int partOf(int label) { return label == 0 ? 0 : (label - 1) % 4 + 1; }
int classOf(int label) { return (label - 1) / 4; }
// Whether `label` may follow `prev` (an open name must go on or end with the same class).
bool allowed(int prev, int label) {
    bool open = prev != 0 && (partOf(prev) == kB || partOf(prev) == kI);
    if (open)
        return label != 0 && classOf(label) == classOf(prev) &&
               (partOf(label) == kI || partOf(label) == kL);
    return label == 0 || partOf(label) == kB || partOf(label) == kU;
}
constexpr int kStart = kLabels;  // history before the sentence

bool upper(char c) { return c >= 'A' && c <= 'Z'; }
bool lowerc(char c) { return c >= 'a' && c <= 'z'; }
bool digit(char c) { return c >= '0' && c <= '9'; }

// "Xxxx", "XX", "dd", "Xx-Xx": character classes with runs collapsed (at most 2 long).
uint64_t shapeOf(std::string_view w) {
    std::string s;
    char last = 0;
    int run = 0;
    for (unsigned char c : w) {
        char k = upper(static_cast<char>(c))    ? 'X'
                 : lowerc(static_cast<char>(c)) ? 'x'
                 : digit(static_cast<char>(c))  ? 'd'
                 : c >= 0x80                    ? 'u'
                                                : static_cast<char>(c);
        if (k == last) {
            if (++run >= 2) continue;
        } else {
            run = 0;
        }
        s += k;
        last = k;
        if (s.size() > 8) break;
    }
    return hashBytes(s);
}

bool isConnector(std::string_view w) {
    return w == "of" || w == "and" || w == "&" || w == "for" || w == "the" || w == "de" ||
           w == "-" || w == "du" || w == "la" || w == "von" || w == "van" || w == "al" ||
           w == "der" || w == "on" || w == "in" || w == "at";
}

struct TokenInfo {
    uint64_t exact, lower, shape, upos, xpos, pre3, suf2, suf3, suf4;
    uint64_t lex = 0;  // longest lexicon name covering the word: label + BILU part
    uint64_t cue = 0, demonym = 0, title = 0, given = 0;
    bool cap = false, candidate = false;
};

class Featurizer {
public:
    Featurizer(const nlp::Sentence& s, const Lexicon& lx) : s_(s) {
        size_t n = s.tokens.size();
        info_.resize(n);
        int alpha = 0, capital = 0;
        for (size_t i = 0; i < n; ++i) {
            const auto& t = s.tokens[i];
            std::string_view w = t.form;
            info_[i].cap =
                !w.empty() &&
                (upper(w[0]) || (static_cast<unsigned char>(w[0]) >= 0x80 && t.upos == "PROPN"));
            bool word = w.size() >= 4 && std::all_of(w.begin(), w.end(),
                                                     [](char c) { return upper(c) || lowerc(c); });
            if (word) {
                ++alpha;
                capital += upper(w[0]);
            }
        }
        titleCase_ = alpha >= 2 && capital * 4 >= alpha * 3;
        for (size_t i = 0; i < n; ++i) {
            auto& f = info_[i];
            const auto& w = s.tokens[i].form;
            bool nextCap = (i + 1 < n && info_[i + 1].cap) || (i + 2 < n && info_[i + 2].cap);
            bool prevCap = i > 0 && info_[i - 1].cap;
            f.candidate = f.cap || s.tokens[i].upos == "PROPN" ||
                          (prevCap && nextCap && isConnector(w)) ||
                          (prevCap && !w.empty() && digit(w[0]));
        }
        // Word features only where a candidate's window (two words either side) needs them:
        // most words of a sentence are far from any name.
        std::vector<char> needed(n, 0);
        for (size_t i = 0; i < n; ++i)
            if (info_[i].candidate)
                for (size_t j = i >= 2 ? i - 2 : 0; j < n && j <= i + 2; ++j) needed[j] = 1;
        std::string lw;
        for (size_t i = 0; i < n; ++i) {
            if (!needed[i]) continue;
            const auto& t = s.tokens[i];
            auto& f = info_[i];
            std::string_view w = t.form;
            f.exact = hashBytes(w);
            f.lower = hashLower(w);
            f.shape = shapeOf(w);
            f.upos = hashBytes(t.upos);
            f.xpos = hashBytes(t.xpos);
            lw.assign(w);
            for (auto& c : lw) c = nlp::asciiLower(c);
            f.pre3 = hashBytes(std::string_view(lw).substr(0, 3));
            auto suffix = [&](size_t k) {
                return hashBytes(lw.size() > k ? std::string_view(lw).substr(lw.size() - k) : lw);
            };
            f.suf2 = suffix(2);
            f.suf3 = suffix(3);
            f.suf4 = suffix(4);
            if (const auto* c = lx.cue(w)) f.cue = hashBytes(*c);
            if (lx.demonymCountry(w)) f.demonym = 1;
            if (lx.title(lw)) f.title = 1;
            if (lx.startsPersonName(w)) f.given = 1;
        }
        // Lexicon names, longest first from each capitalised word (up to five words).
        for (size_t i = 0; i < n; ++i) {
            if (!info_[i].cap) continue;
            std::string surface;
            size_t bestEnd = 0;
            const KnownName* best = nullptr;
            for (size_t j = i; j < n && j < i + 5; ++j) {
                // Known names are capitalised words and connectors ("Republic of Korea",
                // "Nur-Sultan"): stop at anything else instead of looking it up.
                if (j > i && !info_[j].cap && !isConnector(s.tokens[j].form)) break;
                if (j > i && !s.tokens[j - 1].spaceAfter) {
                } else if (j > i) {
                    surface += ' ';
                }
                surface += s.tokens[j].form;
                if (const auto* k = lx.known(foldQuotes(surface))) {
                    best = k;
                    bestEnd = j;
                }
            }
            if (!best) continue;
            uint64_t label = hashBytes(best->label);
            for (size_t j = i; j <= bestEnd; ++j) {
                int part = i == bestEnd ? kU : j == i ? kB : j == bestEnd ? kL : kI;
                if (info_[j].lex == 0)
                    info_[j].lex = nlp::combine(label, static_cast<uint64_t>(part));
            }
            i = bestEnd;
        }
    }

    size_t size() const { return info_.size(); }
    bool candidate(size_t i) const { return info_[i].candidate; }

    // Features of word i given the two labels before it.
    size_t extract(size_t i, int p1, int p2, uint64_t* out) const {
        static const TokenInfo kPad{hashBytes("<pad>"),
                                    hashBytes("<pad>"),
                                    hashBytes("<pad>"),
                                    hashBytes("<pad>"),
                                    hashBytes("<pad>"),
                                    0,
                                    0,
                                    0,
                                    0};
        auto at = [&](long k) -> const TokenInfo& {
            return k < 0 || k >= static_cast<long>(info_.size()) ? kPad
                                                                 : info_[static_cast<size_t>(k)];
        };
        long li = static_cast<long>(i);
        const auto& w = at(li);
        const auto &m1 = at(li - 1), &m2 = at(li - 2), &p1w = at(li + 1), &p2w = at(li + 2);
        uint64_t first = i == 0 ? 1 : 0;
        uint64_t tc = titleCase_ ? 1 : 0;
        size_t k = 0;
        out[k++] = feature(0, 0);
        out[k++] = feature(1, w.exact);
        out[k++] = feature(2, w.lower);
        out[k++] = feature(3, w.shape);
        out[k++] = feature(4, w.pre3);
        out[k++] = feature(5, w.suf2);
        out[k++] = feature(6, w.suf3);
        out[k++] = feature(7, w.suf4);
        out[k++] = feature(8, w.upos);
        out[k++] = feature(9, w.xpos);
        out[k++] = feature(10, m1.lower);
        out[k++] = feature(11, p1w.lower);
        out[k++] = feature(12, m2.lower);
        out[k++] = feature(13, p2w.lower);
        out[k++] = feature(14, m1.xpos);
        out[k++] = feature(15, p1w.xpos);
        out[k++] = feature(16, m1.shape, w.shape, p1w.shape);
        out[k++] = feature(17, static_cast<uint64_t>(p1));
        out[k++] = feature(18, static_cast<uint64_t>(p1), w.lower);
        out[k++] = feature(19, static_cast<uint64_t>(p1), static_cast<uint64_t>(p2));
        out[k++] = feature(20, static_cast<uint64_t>(p1), w.xpos);
        out[k++] = feature(21, tc, w.shape, first);
        out[k++] = feature(22, first, w.lower);
        out[k++] = feature(23, w.lex);
        out[k++] = feature(24, p1w.lex);
        out[k++] = feature(25, m1.lex);
        out[k++] = feature(26, w.demonym, w.upos);
        out[k++] = feature(27, w.cue);
        out[k++] = feature(28, p1w.cue, p1w.cap);
        out[k++] = feature(29, p2w.cue, p2w.cap);
        out[k++] = feature(30, w.title, w.cap);
        out[k++] = feature(31, m1.title, m1.cap);
        out[k++] = feature(32, w.given);
        out[k++] = feature(33, m1.given);
        out[k++] = feature(34, m1.lower, w.lower);
        out[k++] = feature(35, w.lower, p1w.lower);
        out[k++] = feature(36, m1.upos, w.upos, p1w.upos);
        out[k++] = feature(37, static_cast<uint64_t>(p1), w.shape);
        out[k++] = feature(38, p1w.cap, p1w.candidate, w.cap);
        out[k++] = feature(39, tc, static_cast<uint64_t>(p1), w.upos);
        out[k++] = feature(40, m1.exact, w.shape);
        return k;
    }

private:
    const nlp::Sentence& s_;
    std::vector<TokenInfo> info_;
    bool titleCase_ = false;
};

constexpr size_t kMaxFeatures = 48;

// Gold labels of a training sentence.
std::vector<int> goldLabels(const NameTrainingSentence& t) {
    std::vector<int> y(t.sentence.tokens.size(), 0);
    for (const auto& n : t.names) {
        int c = static_cast<int>(n.cls);
        if (n.first == n.last) {
            y[static_cast<size_t>(n.first)] = labelOf(c, kU);
            continue;
        }
        for (int i = n.first; i <= n.last; ++i)
            y[static_cast<size_t>(i)] = labelOf(c, i == n.first ? kB : i == n.last ? kL : kI);
    }
    return y;
}

// Closes a name left open before position i (Begin -> Unit, Inside -> Last).
void closeOpen(std::vector<int>& y, size_t i) {
    if (i == 0) return;
    int& prev = y[i - 1];
    if (prev == 0) return;
    if (partOf(prev) == kB) prev = labelOf(classOf(prev), kU);
    if (partOf(prev) == kI) prev = labelOf(classOf(prev), kL);
}

template <typename Score>
std::vector<int> decode(const Featurizer& fz, Score score, const std::vector<int>* gold,
                        nlp::PerceptronTrainer* trainer) {
    size_t n = fz.size();
    std::vector<int> y(n, 0);
    uint64_t feats[kMaxFeatures];
    float scores[kLabels];
    int p1 = kStart, p2 = kStart;
    for (size_t i = 0; i < n; ++i) {
        if (!fz.candidate(i)) {
            closeOpen(y, i);
            y[i] = 0;
            p2 = p1;
            p1 = 0;
            continue;
        }
        size_t k = fz.extract(i, p1, p2, feats);
        std::fill(scores, scores + kLabels, 0.0f);
        score(feats, k, scores);
        int prev = i == 0 ? 0 : y[i - 1];
        int best = -1;
        for (int l = 0; l < kLabels; ++l) {
            if (!allowed(prev, l)) continue;
            if (best < 0 || scores[l] > scores[best]) best = l;
        }
        if (trainer && gold) {
            int truth = (*gold)[i];
            // A gold label the history forbids (after an earlier mistake): learn nothing here.
            if (allowed(prev, truth)) trainer->update(feats, k, truth, best);
            trainer->tick();
        }
        y[i] = best;
        p2 = p1;
        p1 = best;
    }
    if (n) closeOpen(y, n);
    return y;
}

std::vector<NamedSpan> spansOf(const std::vector<int>& y) {
    std::vector<NamedSpan> out;
    for (size_t i = 0; i < y.size(); ++i) {
        if (y[i] == 0) continue;
        int c = classOf(y[i]);
        size_t j = i;
        if (partOf(y[i]) == kB)
            while (j + 1 < y.size() && y[j + 1] != 0 && classOf(y[j + 1]) == c &&
                   (partOf(y[j + 1]) == kI || partOf(y[j + 1]) == kL)) {
                ++j;
                if (partOf(y[j]) == kL) break;
            }
        out.push_back({static_cast<int>(i), static_cast<int>(j), static_cast<NameClass>(c)});
        i = j;
    }
    return out;
}

}  // namespace

const char* nameClassName(NameClass c) {
    switch (c) {
        case NameClass::Person:
            return "PER";
        case NameClass::Organization:
            return "ORG";
        case NameClass::Location:
            return "LOC";
        case NameClass::Event:
            return "EVT";
        case NameClass::Other:
            return "MISC";
    }
    return "?";
}

std::vector<NamedSpan> EntityRecognizer::recognize(const nlp::Sentence& s,
                                                   const Lexicon& lx) const {
    Featurizer fz(s, lx);
    int32_t iscores[kLabels];
    auto y = decode(
        fz,
        [&](const uint64_t* f, size_t k, float* scores) {
            std::fill(iscores, iscores + kLabels, 0);
            model_.score(f, k, iscores);
            for (int l = 0; l < kLabels; ++l) scores[l] = static_cast<float>(iscores[l]);
        },
        nullptr, nullptr);
    // A name neither begins nor ends with a connector ("of", "the", "-").
    auto spans = spansOf(y);
    std::vector<NamedSpan> out;
    for (auto sp : spans) {
        while (sp.first <= sp.last && isConnector(s.tokens[static_cast<size_t>(sp.first)].form))
            ++sp.first;
        while (sp.last >= sp.first && isConnector(s.tokens[static_cast<size_t>(sp.last)].form))
            --sp.last;
        if (sp.first <= sp.last) out.push_back(sp);
    }
    return out;
}

EntityRecognizer EntityRecognizer::train(const std::vector<NameTrainingSentence>& data,
                                         const Lexicon& lx, int epochs, std::ostream& log) {
    nlp::PerceptronTrainer trainer(kLabels);
    std::vector<std::vector<int>> gold;
    gold.reserve(data.size());
    for (const auto& t : data) gold.push_back(goldLabels(t));
    std::vector<size_t> order(data.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::mt19937_64 rng(20261204);
    for (int epoch = 1; epoch <= epochs; ++epoch) {
        // Fisher-Yates with our own index draw: std::shuffle's algorithm is unspecified.
        for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng() % i]);
        size_t correct = 0, total = 0;
        for (size_t s : order) {
            Featurizer fz(data[s].sentence, lx);
            auto y = decode(
                fz,
                [&](const uint64_t* f, size_t k, float* scores) { trainer.score(f, k, scores); },
                &gold[s], &trainer);
            for (size_t i = 0; i < y.size(); ++i) {
                correct += y[i] == gold[s][i];
                ++total;
            }
        }
        log << "entities: epoch " << epoch << " train word accuracy "
            << (total ? 100.0 * static_cast<double>(correct) / static_cast<double>(total) : 0)
            << "\n";
    }
    float maxAbs = trainer.maxAbsAverage();
    float scale = maxAbs > 0 ? 32000.0f / maxAbs : 1.0f;
    EntityRecognizer r;
    r.model_ = trainer.average(scale, 2);
    log << "entities: " << r.model_.numFeatures() << " features, " << r.model_.numEntries()
        << " weights\n";
    return r;
}

double EntityRecognizer::SpanScore::f1() const {
    double p = predicted ? static_cast<double>(correct) / static_cast<double>(predicted) : 0;
    double r = gold ? static_cast<double>(correct) / static_cast<double>(gold) : 0;
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

EntityRecognizer::SpanScore EntityRecognizer::score(const std::vector<NameTrainingSentence>& data,
                                                    const Lexicon& lx) const {
    SpanScore sc;
    for (const auto& t : data) {
        auto got = recognize(t.sentence, lx);
        sc.gold += t.names.size();
        sc.predicted += got.size();
        for (const auto& g : got)
            for (const auto& n : t.names)
                if (g.first == n.first && g.last == n.last) {
                    ++sc.correctSpan;
                    sc.correct += g.cls == n.cls;
                }
    }
    return sc;
}

void EntityRecognizer::save(const std::string& path) const {
    nlp::BinaryWriter payload;
    model_.save(payload);
    nlp::BinaryWriter w;
    for (char c : kMagic) w.put<char>(c);
    w.put<uint32_t>(kFormat);
    w.putString(kTrainingData);
    w.put<uint64_t>(payload.bytes().size());
    w.put<uint64_t>(hashBytes(payload.bytes()));
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(w.bytes().data(), static_cast<std::streamsize>(w.bytes().size()));
    out.write(payload.bytes().data(), static_cast<std::streamsize>(payload.bytes().size()));
    out.close();
    if (!out)
        throw Error("cannot write entity model " + path +
                    ": check the directory exists and is writable");
}

std::shared_ptr<const EntityRecognizer> EntityRecognizer::load(const std::string& path) {
    const std::string remedy =
        "; restore the shipped file (git checkout models/) or retrain it with `kgraph train "
        "entities` (see docs/extraction.md)";
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error("cannot open entity model " + path + remedy);
    std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    nlp::BinaryReader r(all, path);
    if (all.size() < sizeof kMagic || !std::equal(kMagic, kMagic + 8, all.begin()))
        throw Error(path + " is not a kgraph entity model" + remedy);
    for (size_t i = 0; i < sizeof kMagic; ++i) r.get<char>();
    uint32_t version = r.get<uint32_t>();
    if (version != kFormat)
        throw Error(path + " has entity model format " + std::to_string(version) +
                    " but this kgraph reads format " + std::to_string(kFormat) + remedy);
    r.getString();
    uint64_t size = r.get<uint64_t>();
    uint64_t check = r.get<uint64_t>();
    size_t headerSize = all.size() >= size ? all.size() - size : 0;
    std::string_view payload(all.data() + headerSize, all.size() - headerSize);
    if (all.size() < size || hashBytes(payload) != check)
        throw Error(path + " is truncated or corrupt" + remedy);
    nlp::BinaryReader pr(payload, path);
    auto rec = std::make_shared<EntityRecognizer>();
    rec->model_ = nlp::LinearModel::load(pr);
    if (rec->model_.numClasses() != kLabels)
        throw Error(path + " has " + std::to_string(rec->model_.numClasses()) +
                    " labels, expected " + std::to_string(kLabels) + remedy);
    return rec;
}

}  // namespace kgraph::extract
