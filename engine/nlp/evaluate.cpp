// `kgraph evaluate parser`: accuracy of the shipped pipeline against a gold
// CoNLL-U file, scored as the CoNLL 2018 shared task scorer does (all words
// including punctuation; LAS compares universal relations, without subtypes).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <map>
#include <ostream>

#include "engine/common/error.h"
#include "engine/nlp/conllu.h"
#include "engine/nlp/nlp_commands.h"
#include "engine/nlp/pipeline.h"

namespace kgraph::nlp {

namespace {

using Clock = std::chrono::steady_clock;

// CPU time of the calling thread: throughput on one core, whatever else the
// machine is doing (wall-clock rates on a shared machine measure the neighbours).
double threadSeconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

std::string_view universal(std::string_view rel) { return rel.substr(0, rel.find(':')); }

struct Counts {
    size_t gold = 0, system = 0, aligned = 0;
    size_t upos = 0, xpos = 0, lemma = 0, uas = 0, las = 0;
    size_t sentGold = 0, sentSystem = 0, sentMatch = 0;
};

std::string fixed(double v, int digits = 2) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", digits, v);
    return buf;
}

// Byte spans of the gold words in `text` (built from the gold `# text`s): each
// surface token is found in order; words of a multiword token share its span
// unless their forms spell it out.
void goldSpans(const std::vector<Sentence>& gold, const std::string& text,
               std::vector<std::vector<std::pair<size_t, size_t>>>& spans) {
    size_t pos = 0;
    auto find = [&](const std::string& form) {
        size_t at = text.find(form, pos);
        if (at == std::string::npos || at > pos + 8) at = pos;  // should not happen for EWT
        pos = at + form.size();
        return std::pair<size_t, size_t>{at, at + form.size()};
    };
    spans.assign(gold.size(), {});
    for (size_t s = 0; s < gold.size(); ++s) {
        const Sentence& g = gold[s];
        auto& out = spans[s];
        out.resize(g.tokens.size());
        size_t w = 0, m = 0;
        while (w < g.tokens.size()) {
            if (m < g.multiwords.size() && g.multiwords[m].first == static_cast<int>(w) + 1) {
                const MultiwordToken& mw = g.multiwords[m++];
                auto span = find(mw.form);
                size_t at = span.first;
                bool spelled = true;
                for (int k = mw.first; k <= mw.last; ++k) {
                    const std::string& f = g.tokens[k - 1].form;
                    std::string piece = text.substr(at, f.size());
                    spelled &= std::equal(
                        piece.begin(), piece.end(), f.begin(), f.end(),
                        [](char a, char b) { return std::tolower(a) == std::tolower(b); });
                    at += f.size();
                }
                spelled &= at == span.second;
                at = span.first;
                for (int k = mw.first; k <= mw.last; ++k) {
                    size_t len = g.tokens[k - 1].form.size();
                    out[k - 1] = spelled ? std::pair{at, at + len} : span;
                    at += len;
                }
                w = mw.last;
            } else {
                out[w] = find(g.tokens[w].form);
                ++w;
            }
        }
    }
}

void scoreRaw(const std::vector<Sentence>& gold, const Pipeline& pipeline, Counts& c,
              double& seconds) {
    std::string text;
    for (const Sentence& s : gold) {
        if (!text.empty()) text += s.newParagraph ? "\n\n" : " ";
        text += s.text;
    }
    std::vector<std::vector<std::pair<size_t, size_t>>> gspans;
    goldSpans(gold, text, gspans);
    double start = threadSeconds();
    Document doc = pipeline.annotate(text);
    seconds = threadSeconds() - start;
    // Gold words by span; -1 head marks the root.
    std::map<std::pair<size_t, size_t>, std::pair<size_t, size_t>>
        goldAt;  // span -> (sentence, word)
    std::map<std::pair<size_t, size_t>, int> goldSentence;
    for (size_t s = 0; s < gold.size(); ++s) {
        for (size_t w = 0; w < gold[s].tokens.size(); ++w)
            goldAt.emplace(gspans[s][w], std::pair{s, w});
        c.gold += gold[s].tokens.size();
        if (!gold[s].tokens.empty())
            goldSentence[{gspans[s].front().first, gspans[s].back().second}] = 1;
    }
    c.sentGold = goldSentence.size();
    for (const Sentence& s : doc.sentences) {
        c.system += s.tokens.size();
        ++c.sentSystem;
        c.sentMatch += goldSentence.count({s.tokens.front().begin, s.tokens.back().end});
        for (const Token& t : s.tokens) {
            auto it = goldAt.find({t.begin, t.end});
            if (it == goldAt.end()) continue;
            auto [gs, gw] = it->second;
            const Token& g = gold[gs].tokens[gw];
            ++c.aligned;
            c.upos += t.upos == g.upos;
            c.xpos += t.xpos == g.xpos;
            c.lemma += t.lemma == g.lemma;
            bool head;
            if (t.head == 0 || g.head == 0) {
                head = t.head == 0 && g.head == 0;
            } else {
                const Token& sh = s.tokens[t.head - 1];
                auto hit = goldAt.find({sh.begin, sh.end});
                head = hit != goldAt.end() && hit->second.first == gs &&
                       static_cast<int>(hit->second.second) + 1 == g.head;
            }
            c.uas += head;
            c.las += head && universal(t.deprel) == universal(g.deprel);
        }
    }
}

void scoreGoldTokens(const std::vector<Sentence>& gold, const Pipeline& pipeline, Counts& c,
                     double& seconds) {
    std::vector<Sentence> sys = gold;
    double start = threadSeconds();
    for (Sentence& s : sys) pipeline.annotateTokens(s);
    seconds = threadSeconds() - start;
    for (size_t s = 0; s < gold.size(); ++s) {
        for (size_t w = 0; w < gold[s].tokens.size(); ++w) {
            const Token& g = gold[s].tokens[w];
            const Token& t = sys[s].tokens[w];
            ++c.gold, ++c.system, ++c.aligned;
            c.upos += t.upos == g.upos;
            c.xpos += t.xpos == g.xpos;
            c.lemma += t.lemma == g.lemma;
            bool head = t.head == g.head;
            c.uas += head;
            c.las += head && universal(t.deprel) == universal(g.deprel);
        }
    }
}

}  // namespace

void evaluate(const std::string& goldPath, bool raw, const std::string& modelDir,
              std::ostream& out) {
    auto gold = readConlluFile(goldPath);
    if (gold.empty()) throw Error("gold file " + goldPath + " has no sentences");
    if (raw) {
        for (const Sentence& s : gold) {
            if (s.text.empty()) {
                throw Error("gold file " + goldPath + " lacks a '# text =' line for sentence " +
                            s.id + "; --raw needs the raw text of every sentence");
            }
        }
    }
    auto loadStart = Clock::now();
    double loadCpuStart = threadSeconds();
    auto pipeline = Pipeline::load(modelDir);
    double loadSeconds = std::chrono::duration<double>(Clock::now() - loadStart).count();
    double loadCpu = threadSeconds() - loadCpuStart;
    Counts c;
    double seconds = 0;
    if (raw)
        scoreRaw(gold, *pipeline, c, seconds);
    else
        scoreGoldTokens(gold, *pipeline, c, seconds);
    // F1 over aligned words; with gold tokens this is plain accuracy.
    auto f1 = [&](size_t correct) { return 200.0 * correct / (c.gold + c.system); };
    out << "gold file    " << goldPath << (raw ? " (raw text, our tokenizer)" : " (gold tokens)")
        << "\n";
    out << "model load   " << fixed(loadSeconds, 3) << " s (" << fixed(loadCpu, 3) << " s CPU)\n";
    if (raw) {
        out << "Words F1     " << fixed(f1(c.aligned)) << "\n";
        out << "Sentences F1 " << fixed(200.0 * c.sentMatch / (c.sentGold + c.sentSystem)) << "\n";
    }
    out << "UPOS         " << fixed(f1(c.upos)) << "\n";
    out << "XPOS         " << fixed(f1(c.xpos)) << "\n";
    out << "Lemma        " << fixed(f1(c.lemma)) << "\n";
    out << "UAS          " << fixed(f1(c.uas)) << "\n";
    out << "LAS          " << fixed(f1(c.las)) << "\n";
    double tps = seconds > 0 ? c.system / seconds : 0;
    out << "Throughput   " << fixed(tps, 0) << " words/s (one thread's CPU time; "
        << (raw ? "tokenizing, " : "") << "tagging, lemmatizing and parsing)\n";
    out << "{\"upos\": " << fixed(f1(c.upos)) << ", \"xpos\": " << fixed(f1(c.xpos))
        << ", \"lemma\": " << fixed(f1(c.lemma)) << ", \"uas\": " << fixed(f1(c.uas))
        << ", \"las\": " << fixed(f1(c.las)) << ", \"tokens\": " << c.system
        << ", \"tokens_per_s\": " << fixed(tps, 0);
    if (raw) {
        out << ", \"words_f1\": " << fixed(f1(c.aligned))
            << ", \"sentences_f1\": " << fixed(200.0 * c.sentMatch / (c.sentGold + c.sentSystem));
    }
    out << "}\n";
}

}  // namespace kgraph::nlp
