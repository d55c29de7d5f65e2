#include "engine/extract/entity_training.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <ostream>
#include <set>

#include "engine/common/error.h"
#include "engine/nlp/pipeline.h"

namespace kgraph::extract {

namespace {

bool capitalised(const std::string& w) { return !w.empty() && w[0] >= 'A' && w[0] <= 'Z'; }

bool nameWord(const nlp::Token& t) {
    if (t.upos == "PROPN") return true;
    if (t.upos == "DET" || t.upos == "PRON" || t.upos == "PUNCT") return false;
    return capitalised(t.form) || (!t.form.empty() && t.form[0] >= '0' && t.form[0] <= '9');
}

bool joiner(const std::string& w) {
    return w == "of" || w == "and" || w == "&" || w == "for" || w == "the" || w == "de" || w == "-";
}

// The documents listed under "## dev" and "## test" of GUM's splits.md.
std::set<std::string> heldOutDocuments(const std::string& splits) {
    std::ifstream in(splits);
    if (!in) throw Error("cannot read " + splits + " (GUM's splits.md)");
    std::set<std::string> out;
    std::string line;
    bool on = false;
    while (std::getline(in, line)) {
        if (line.rfind("## ", 0) == 0) {
            on = line == "## dev" || line == "## test";
            continue;
        }
        auto star = line.find("* ");
        if (on && star != std::string::npos) out.insert(line.substr(star + 2));
    }
    return out;
}

// Non-overlapping names, longest first.
std::vector<NamedSpan> flatten(std::vector<NamedSpan> spans, size_t n) {
    std::stable_sort(spans.begin(), spans.end(), [](const NamedSpan& a, const NamedSpan& b) {
        return a.last - a.first > b.last - b.first;
    });
    std::vector<char> used(n, 0);
    std::vector<NamedSpan> out;
    for (const auto& s : spans) {
        bool free = true;
        for (int i = s.first; i <= s.last; ++i) free = free && !used[static_cast<size_t>(i)];
        if (!free) continue;
        for (int i = s.first; i <= s.last; ++i) used[static_cast<size_t>(i)] = 1;
        out.push_back(s);
    }
    std::sort(out.begin(), out.end(),
              [](const NamedSpan& a, const NamedSpan& b) { return a.first < b.first; });
    return out;
}

struct TrainingDocument {
    std::string id;
    bool gum = false;
    std::vector<NameTrainingSentence> sentences;
};

std::vector<TrainingDocument> redocredDocuments(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw Error("cannot read " + path + " (Re-DocRED JSON)");
    nlohmann::json j;
    try {
        in >> j;
    } catch (const std::exception& e) {
        throw Error(path + " is not Re-DocRED JSON: " + e.what());
    }
    std::vector<TrainingDocument> out;
    for (const auto& doc : j) {
        TrainingDocument d;
        d.id = doc.value("title", "");
        const auto& sents = doc.at("sents");
        d.sentences.resize(sents.size());
        for (size_t s = 0; s < sents.size(); ++s)
            for (const auto& w : sents[s]) {
                nlp::Token t;
                t.form = w.get<std::string>();
                d.sentences[s].sentence.tokens.push_back(std::move(t));
            }
        std::vector<std::vector<NamedSpan>> spans(sents.size());
        for (const auto& entity : doc.at("vertexSet"))
            for (const auto& m : entity) {
                std::string type = m.value("type", "");
                NameClass c;
                if (type == "PER")
                    c = NameClass::Person;
                else if (type == "ORG")
                    c = NameClass::Organization;
                else if (type == "LOC")
                    c = NameClass::Location;
                else if (type == "MISC")
                    c = NameClass::Other;
                else
                    continue;
                size_t s = m.at("sent_id").get<size_t>();
                int b = m.at("pos")[0].get<int>(), e = m.at("pos")[1].get<int>() - 1;
                if (s >= spans.size() || b < 0 || e < b ||
                    e >= static_cast<int>(d.sentences[s].sentence.tokens.size()))
                    continue;
                spans[s].push_back({b, e, c});
            }
        for (size_t s = 0; s < sents.size(); ++s) d.sentences[s].names = std::move(spans[s]);
        out.push_back(std::move(d));
    }
    return out;
}

}  // namespace

bool nameClassOfGumType(const std::string& etype, NameClass& out) {
    if (etype == "person")
        out = NameClass::Person;
    else if (etype == "organization")
        out = NameClass::Organization;
    else if (etype == "place")
        out = NameClass::Location;
    else if (etype == "event")
        out = NameClass::Event;
    else if (etype == "time" || etype == "quantity")
        return false;
    else
        out = NameClass::Other;
    return true;
}

NamedSpan nameSpanOf(const nlp::Sentence& s, int first, int last, int head, NameClass cls) {
    auto tok = [&](int i) -> const nlp::Token& { return s.tokens[static_cast<size_t>(i)]; };
    auto named = [&](int i) { return i >= first && i <= last && nameWord(tok(i)); };
    auto join = [&](int i) { return i >= first && i <= last && joiner(tok(i).form); };
    int l = head, r = head;
    while (true) {
        if (named(l - 1) && tok(l - 1).form != "'s") {
            --l;
        } else if (join(l - 1) && named(l - 2)) {
            l -= 2;
        } else if (join(l - 1) && join(l - 2) && named(l - 3)) {
            l -= 3;
        } else {
            break;
        }
    }
    while (true) {
        if (named(r + 1)) {
            ++r;
        } else if (join(r + 1) && named(r + 2)) {
            r += 2;
        } else if (join(r + 1) && join(r + 2) && named(r + 3)) {
            r += 3;
        } else {
            break;
        }
    }
    return {l, r, cls};
}

std::vector<NameTrainingSentence> gumNameSentences(const GoldDocument& d) {
    std::vector<NameTrainingSentence> out(d.sentences.size());
    std::vector<std::vector<NamedSpan>> spans(d.sentences.size());
    for (size_t s = 0; s < d.sentences.size(); ++s) out[s].sentence = d.sentences[s];
    for (const auto& m : d.mentions) {
        if (!m.named || m.sentence < 0) continue;
        NameClass c;
        if (!nameClassOfGumType(d.entities[static_cast<size_t>(m.entity)].type, c)) continue;
        const auto& sentence = d.sentences[static_cast<size_t>(m.sentence)];
        spans[static_cast<size_t>(m.sentence)].push_back(
            nameSpanOf(sentence, m.first, m.last, m.head, c));
    }
    for (size_t s = 0; s < out.size(); ++s)
        out[s].names = flatten(std::move(spans[s]), out[s].sentence.tokens.size());
    return out;
}

void trainEntities(const EntityTrainingOptions& o, std::ostream& log) {
    auto pipeline = nlp::Pipeline::load(o.models);
    Lexicon lx = Lexicon::load(o.models + "/lexicons");
    std::set<std::string> heldOut;
    if (!o.holdout.empty()) heldOut = heldOutDocuments(o.holdout);
    std::vector<TrainingDocument> train, test;
    for (const auto& g : readGumDocuments(o.gum)) {
        TrainingDocument d;
        d.id = g.doc.id;
        d.gum = true;
        d.sentences = gumNameSentences(g);
        (heldOut.count(g.doc.id) ? test : train).push_back(std::move(d));
    }
    size_t gumDocs = train.size();
    if (!o.redocred.empty())
        for (auto& d : redocredDocuments(o.redocred)) train.push_back(std::move(d));
    // The tags extraction will see: our tagger over the gold words.
    size_t words = 0, names = 0;
    for (auto* set : {&train, &test})
        for (auto& d : *set)
            for (auto& s : d.sentences) {
                if (s.sentence.tokens.empty()) continue;
                pipeline->annotateTokens(s.sentence);
                if (!d.gum) {
                    // Re-DocRED tags demonyms ("German") MISC; GUM does not count them as names.
                    std::erase_if(s.names, [&](const NamedSpan& n) {
                        for (int i = n.first; i <= n.last; ++i)
                            if (s.sentence.tokens[static_cast<size_t>(i)].upos != "ADJ")
                                return false;
                        return true;
                    });
                    s.names = flatten(std::move(s.names), s.sentence.tokens.size());
                }
                words += s.sentence.tokens.size();
                names += s.names.size();
            }
    log << "entities: " << gumDocs << " GUM documents, " << train.size() - gumDocs
        << " Re-DocRED documents for training, " << test.size() << " GUM documents held out; "
        << words << " words, " << names << " names\n";
    auto flat = [](const std::vector<TrainingDocument>& docs, auto keep) {
        std::vector<NameTrainingSentence> out;
        for (size_t i = 0; i < docs.size(); ++i)
            if (keep(i))
                for (const auto& s : docs[i].sentences) out.push_back(s);
        return out;
    };
    auto report = [&](const std::string& what, const EntityRecognizer::SpanScore& sc) {
        double p =
            sc.predicted ? static_cast<double>(sc.correct) / static_cast<double>(sc.predicted) : 0;
        double r = sc.gold ? static_cast<double>(sc.correct) / static_cast<double>(sc.gold) : 0;
        log << "entities: " << what << ": span+class P " << p << " R " << r << " F1 " << sc.f1()
            << " (spans alone: " << sc.correctSpan << " of " << sc.gold << " gold, " << sc.predicted
            << " predicted)\n";
    };
    if (o.folds > 1) {
        EntityRecognizer::SpanScore total;
        for (int f = 0; f < o.folds; ++f) {
            auto inFold = [&](size_t i) {
                return static_cast<int>(i % static_cast<size_t>(o.folds)) == f;
            };
            auto model = EntityRecognizer::train(flat(train, [&](size_t i) { return !inFold(i); }),
                                                 lx, o.epochs, log);
            auto sc = model.score(flat(train, inFold), lx);
            report("fold " + std::to_string(f + 1), sc);
            total.gold += sc.gold;
            total.predicted += sc.predicted;
            total.correct += sc.correct;
            total.correctSpan += sc.correctSpan;
        }
        report(std::to_string(o.folds) + "-fold cross-validation over documents", total);
    }
    auto model =
        EntityRecognizer::train(flat(train, [](size_t) { return true; }), lx, o.epochs, log);
    if (!test.empty())
        report("held-out GUM documents", model.score(flat(test, [](size_t) { return true; }), lx));
    model.save(o.output);
    log << "entities: wrote " << o.output << "\n";
}

}  // namespace kgraph::extract
