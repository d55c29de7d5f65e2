#include "engine/nlp/lemmatizer.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "engine/nlp/hash.h"

namespace kgraph::nlp {

namespace {

constexpr size_t kMaxSuffix = 5;

std::string lowerAscii(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = asciiLower(c);
    return out;
}

bool keepsCase(std::string_view upos) { return upos == "PROPN"; }

}  // namespace

Lemmatizer Lemmatizer::train(const std::vector<Sentence>& train) {
    Lemmatizer lem;
    // Most frequent lemma per (form, xpos) and (lower form, xpos); ties -> smallest lemma.
    std::map<std::pair<std::string, std::string>, std::map<std::string, int>> exact, lower;
    std::map<std::tuple<std::string, std::string, std::string>, int>
        types;  // lower form, xpos, lemma
    for (const Sentence& s : train) {
        for (const Token& t : s.tokens) {
            if (t.lemma.empty() || t.lemma == "_") continue;
            exact[{t.form, t.xpos}][t.lemma]++;
            lower[{lowerAscii(t.form), t.xpos}][t.lemma]++;
            if (!keepsCase(t.upos)) types[{lowerAscii(t.form), t.xpos, lowerAscii(t.lemma)}]++;
        }
    }
    std::map<std::string, uint32_t> pool;
    auto intern = [&](const std::string& lemma) {
        auto [it, inserted] = pool.emplace(lemma, static_cast<uint32_t>(lem.lemmas_.size()));
        if (inserted) lem.lemmas_.push_back(lemma);
        return it->second;
    };
    auto best = [](const std::map<std::string, int>& counts) -> const std::string& {
        auto it = std::max_element(counts.begin(), counts.end(),
                                   [](auto& a, auto& b) { return a.second < b.second; });
        return it->first;
    };
    for (auto& [key, counts] : exact) {
        lem.exact_.set(combine(hashBytes(key.first), hashBytes(key.second)), intern(best(counts)));
    }
    for (auto& [key, counts] : lower) {
        lem.lower_.set(combine(hashLower(key.first), hashBytes(key.second)), intern(best(counts)));
    }
    // Suffix rules over word types: (xpos, suffix) -> counts of (strip, append).
    std::map<std::pair<std::string, std::string>, std::map<std::pair<int, std::string>, int>> rules;
    for (auto& [key, count] : types) {
        auto& [form, xpos, lemma] = key;
        size_t p = 0;
        while (p < form.size() && p < lemma.size() && form[p] == lemma[p]) ++p;
        if (form.size() - p > 255) continue;
        std::pair<int, std::string> rule{static_cast<int>(form.size() - p), lemma.substr(p)};
        for (size_t k = 1; k <= kMaxSuffix && k < form.size(); ++k) {
            rules[{xpos, form.substr(form.size() - k)}][rule]++;
        }
    }
    std::map<std::pair<int, std::string>, uint32_t> ruleIds;
    for (auto& [key, counts] : rules) {
        int total = 0;
        for (auto& [r, c] : counts) total += c;
        auto it = std::max_element(counts.begin(), counts.end(),
                                   [](auto& a, auto& b) { return a.second < b.second; });
        if (it->second < 2 || it->second * 2 < total) continue;  // weak evidence: fall through
        auto [rid, inserted] = ruleIds.emplace(it->first, static_cast<uint32_t>(lem.rules_.size()));
        if (inserted)
            lem.rules_.push_back(Rule{static_cast<uint8_t>(it->first.first), it->first.second});
        lem.ruleIndex_.set(combine(hashBytes(key.first), hashLower(key.second)), rid->second);
    }
    return lem;
}

std::string Lemmatizer::lemmatize(std::string_view form, std::string_view upos,
                                  std::string_view xpos) const {
    uint64_t xh = hashBytes(xpos);
    if (const uint32_t* i = exact_.get(combine(hashBytes(form), xh))) return lemmas_[*i];
    if (const uint32_t* i = lower_.get(combine(hashLower(form), xh))) return lemmas_[*i];
    if (keepsCase(upos)) return std::string(form);
    std::string lower = lowerAscii(form);
    for (size_t k = std::min(kMaxSuffix, lower.size() - (lower.empty() ? 0 : 1)); k >= 1; --k) {
        const uint32_t* r = ruleIndex_.get(
            combine(xh, hashLower(std::string_view(lower).substr(lower.size() - k))));
        if (!r) continue;
        const Rule& rule = rules_[*r];
        if (rule.strip >= lower.size()) break;
        return lower.substr(0, lower.size() - rule.strip) + rule.append;
    }
    return lower;
}

void Lemmatizer::save(BinaryWriter& w) const {
    w.put<uint32_t>(static_cast<uint32_t>(lemmas_.size()));
    for (const auto& l : lemmas_) w.putString(l);
    w.put<uint32_t>(static_cast<uint32_t>(rules_.size()));
    for (const auto& r : rules_) {
        w.put<uint8_t>(r.strip);
        w.putString(r.append);
    }
    for (const FlatMap<uint32_t>* m : {&exact_, &lower_, &ruleIndex_}) {
        std::vector<std::pair<uint64_t, uint32_t>> items;
        m->forEach([&](uint64_t k, uint32_t v) { items.emplace_back(k, v); });
        std::sort(items.begin(), items.end());
        w.put<uint64_t>(items.size());
        for (auto& [k, v] : items) {
            w.put<uint64_t>(k);
            w.put<uint32_t>(v);
        }
    }
}

Lemmatizer Lemmatizer::load(BinaryReader& r) {
    Lemmatizer lem;
    uint32_t n = r.get<uint32_t>();
    for (uint32_t i = 0; i < n; ++i) lem.lemmas_.push_back(r.getString());
    uint32_t nr = r.get<uint32_t>();
    for (uint32_t i = 0; i < nr; ++i) {
        uint8_t strip = r.get<uint8_t>();
        lem.rules_.push_back(Rule{strip, r.getString()});
    }
    uint32_t limits[3] = {n, n, nr};
    FlatMap<uint32_t>* maps[3] = {&lem.exact_, &lem.lower_, &lem.ruleIndex_};
    for (int m = 0; m < 3; ++m) {
        uint64_t count = r.get<uint64_t>();
        for (uint64_t i = 0; i < count; ++i) {
            uint64_t k = r.get<uint64_t>();
            uint32_t v = r.get<uint32_t>();
            if (k == 0 || v >= limits[m]) r.fail();
            maps[m]->set(k, v);
        }
    }
    return lem;
}

}  // namespace kgraph::nlp
