#include "engine/extract/relation_eval.h"

#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <set>
#include <tuple>

#include "engine/common/error.h"
#include "engine/extract/fact_writer.h"
#include "engine/extract/relation_vocabulary.h"

namespace kgraph::extract {

namespace {

using Json = nlohmann::json;

// Gold properties stated the other way round by one the vocabulary maps:
// (h, P150, t) is (t, P131, h).
const std::map<std::string, std::string>& inverseProperties() {
    static const std::map<std::string, std::string> kInverse = {
        {"P150", "P131"}, {"P527", "P361"}, {"P36", "P1376"}};
    return kInverse;
}

// Whether the gold data uses a property folded into p (P150 for P131).
bool inverseOf(const std::string& p, const std::set<std::string>& used) {
    for (const auto& [from, to] : inverseProperties())
        if (to == p && used.count(from)) return true;
    return false;
}

struct Span {
    size_t begin, end;
};

struct GoldDoc {
    std::string text;
    std::vector<std::vector<Span>> mentions;  // per gold entity
    std::set<std::tuple<int, std::string, int>> triples;
};

GoldDoc readGold(const Json& d) {
    GoldDoc g;
    // Token offsets, sentences joined by one space as the tokens are.
    std::vector<std::vector<Span>> tokens;
    for (const auto& sent : d.at("sents")) {
        tokens.emplace_back();
        for (const auto& t : sent) {
            if (!g.text.empty()) g.text += ' ';
            size_t b = g.text.size();
            g.text += t.get<std::string>();
            tokens.back().push_back({b, g.text.size()});
        }
    }
    for (const auto& entity : d.at("vertexSet")) {
        g.mentions.emplace_back();
        for (const auto& m : entity) {
            size_t s = m.at("sent_id").get<size_t>();
            auto pos = m.at("pos");
            size_t b = pos.at(0).get<size_t>(), e = pos.at(1).get<size_t>();
            if (s >= tokens.size() || b >= e || e > tokens[s].size()) continue;
            g.mentions.back().push_back({tokens[s][b].begin, tokens[s][e - 1].end});
        }
    }
    if (d.contains("labels")) {
        for (const auto& l : d.at("labels")) {
            int h = l.at("h").get<int>(), t = l.at("t").get<int>();
            std::string r = l.at("r").get<std::string>();
            g.triples.emplace(h, r, t);
        }
    }
    return g;
}

bool isSymmetricProperty(const std::string& p) {
    for (const auto& t : relationTypes())
        if (t.symmetric && t.wikidata == p) return true;
    return false;
}

void addReliability(RelationScores& out, double confidence, bool right) {
    for (double bin : {0.9, 0.8, 0.7, 0.6, 0.0}) {
        if (confidence + 1e-9 < bin) continue;
        auto& [n, ok] = out.reliability[bin];
        ++n;
        ok += right;
        return;
    }
}

double ratio(size_t a, size_t b) { return b == 0 ? 0.0 : static_cast<double>(a) / b; }

double f1(double p, double r) { return p + r == 0 ? 0.0 : 2 * p * r / (p + r); }

std::string num(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4f", v);
    return buf;
}

}  // namespace

std::string wikidataPropertyOf(const FactMention& f, const std::string& subjectLabel,
                               const std::string& objectLabel, bool& inverse) {
    inverse = false;
    const std::string& type = f.type;
    bool toCountry = objectLabel == "Country";
    bool toPlace = toCountry || objectLabel == "Location";
    if (type == "located_in") {
        // A person's whereabouts are not P131/P17 (those place things and bodies).
        if (subjectLabel == "Person") return "";
        return toCountry ? "P17" : "P131";
    }
    if (type == "part_of" && toCountry) return "P17";  // "Supreme Court of Pakistan"
    if (type == "leads") {
        if (subjectLabel != "Person") return "";
        inverse = true;  // (country, P35 head of state, person)
        if (!toCountry) return toPlace ? "" : "P488";
        bool government = f.predicate.find("prime_minister") != std::string::npos ||
                          f.predicate.find("premier") != std::string::npos ||
                          f.predicate.find("chancellor") != std::string::npos;
        return government ? "P6" : "P35";
    }
    // An office of state or a mandate is a position held (P39, between an entity and a
    // position item), not an employer.
    if (type == "works_for") {
        for (const char* office :
             {"minister",   "secretary", "ambassador",     "envoy",      "councilor",
              "councillor", "senator",   "lawmaker",       "legislator", "deputy",
              "spokes",     "official",  "representative", "judge",      "justice",
              "governor",   "officer",   "general",        "prince",     "vice"})
            if (f.predicate.find(office) != std::string::npos) return "";
    }
    // Employers, schools, organisations joined are bodies, not countries or places.
    if ((type == "works_for" || type == "educated_at" || type == "member_of") && toPlace) return "";
    const auto* t = relationType(type);
    if (!t || t->wikidata.empty()) return "";
    inverse = t->wikidataInverse;
    return std::string(t->wikidata);
}

RelationScores evaluateRelations(const Extractor& extractor, const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw Error("cannot read " + file + ": give a Re-DocRED JSON file (a list of documents)");
    Json all = Json::parse(in, nullptr, false);
    if (all.is_discarded() || !all.is_array())
        throw Error(file +
                    " is not Re-DocRED JSON: expected a list of documents with sents, "
                    "vertexSet and labels");
    // Every property a vocabulary type can map to that the gold data uses.
    std::set<std::string> used;
    for (const auto& d : all)
        if (d.is_object() && d.contains("labels") && d["labels"].is_array())
            for (const auto& l : d["labels"])
                if (l.is_object() && l.contains("r") && l["r"].is_string())
                    used.insert(l["r"].get<std::string>());
    std::set<std::string> mapped;
    for (const auto& t : relationTypes()) {
        for (const char* subject : {"Person", "Organization"})
            for (const char* object : {"Country", "Organization", "Location"})
                for (const char* predicate : {"", "prime_minister_of"}) {
                    FactMention f;
                    f.type = std::string(t.name);
                    f.predicate = predicate;
                    bool inv = false;
                    auto p = wikidataPropertyOf(f, subject, object, inv);
                    if (!p.empty() && (used.count(p) || inverseOf(p, used))) mapped.insert(p);
                }
    }
    RelationScores out;
    size_t index = 0;
    for (const auto& d : all) {
        ++index;
        GoldDoc g;
        try {
            g = readGold(d);
        } catch (const Json::exception& e) {
            throw Error(file + ": document " + std::to_string(index) + " is not Re-DocRED (" +
                        e.what() + ")");
        }
        ++out.documents;
        // Gold triples, inverse properties folded; symmetric ones in both directions later.
        std::set<std::tuple<int, std::string, int>> gold;
        for (auto [h, r, t] : g.triples) {
            auto inv = inverseProperties().find(r);
            if (inv != inverseProperties().end()) {
                r = inv->second;
                std::swap(h, t);
            }
            ++out.goldTriples;
            if (!mapped.count(r)) continue;
            ++out.mappedGoldTriples;
            gold.emplace(h, r, t);  // a pair stated both ways counts once below
        }
        text::SourceDocument doc;
        doc.id = d.value("title", "doc" + std::to_string(index));
        doc.path = doc.id;
        doc.text = g.text;
        Extraction ex = extractor.extract(doc);
        // Align every extracted entity (label, name) to the gold entity its mentions
        // overlap most often.
        std::map<std::pair<std::string, std::string>, std::map<int, int>> votes;
        for (const auto& m : ex.entities) {
            auto& v = votes[{m.label, m.name}];
            for (size_t e = 0; e < g.mentions.size(); ++e)
                for (const auto& s : g.mentions[e])
                    if (m.begin < s.end && s.begin < m.end) ++v[static_cast<int>(e)];
        }
        auto aligned = [&](const EntityMention& m) {
            const auto& v = votes[{m.label, m.name}];
            int best = -1, bestVotes = 0;
            for (auto [e, n] : v)
                if (n > bestVotes) best = e, bestVotes = n;
            return best;
        };
        std::set<std::tuple<int, std::string, int>> predicted;
        std::map<std::tuple<int, std::string, int>, std::string> shown;
        std::map<std::tuple<int, std::string, int>, double> confidence;
        std::map<std::tuple<std::string, std::string, std::string>, double> unalignedConfidence;
        std::set<std::tuple<std::string, std::string, std::string>> unaligned;
        for (const auto& f : ex.facts) {
            const auto& s = ex.entities[f.subject];
            const auto& o = ex.entities[f.object];
            bool inv = false;
            std::string p = wikidataPropertyOf(f, s.label, o.label, inv);
            if (p.empty() || !mapped.count(p) || f.negated) continue;
            int hs = aligned(s), ho = aligned(o);
            if (hs < 0 || ho < 0) {
                auto key = std::make_tuple(inv ? o.name : s.name, p, inv ? s.name : o.name);
                if (s.label != "Concept" && o.label != "Concept")
                    unalignedConfidence[key] = std::max(unalignedConfidence[key], f.confidence);
                if (s.label != "Concept" && o.label != "Concept" && unaligned.emplace(key).second)
                    out.falsePositives.push_back(doc.id + ": " + s.name + " -[" + f.type + "/" + p +
                                                 " " + f.predicate + "]-> " + o.name +
                                                 " (unaligned)");
                continue;
            }
            if (hs == ho) continue;
            if (inv) std::swap(hs, ho);
            predicted.emplace(hs, p, ho);
            auto& c = confidence[{hs, p, ho}];
            c = std::max(c, f.confidence);
            shown.emplace(std::make_tuple(hs, p, ho),
                          s.name + " -[" + f.type + "/" + p + " " + f.predicate + "]-> " + o.name);
        }
        for (const auto& [h, r, t] : predicted) {
            bool sym = isSymmetricProperty(r);
            bool hit = gold.count({h, r, t}) || (sym && gold.count({t, r, h}));
            auto& ps = out.perProperty[r];
            ++(hit ? ps.truePositives : ps.falsePositives);
            addReliability(out, confidence[{h, r, t}], hit);
            if (!hit) out.falsePositives.push_back(doc.id + ": " + shown[{h, r, t}]);
        }
        for (const auto& u : unaligned) {
            ++out.perProperty[std::get<1>(u)].falsePositives;
            addReliability(out, unalignedConfidence[u], false);
        }
        for (const auto& [h, r, t] : gold) {
            bool sym = isSymmetricProperty(r);
            if (!predicted.count({h, r, t}) && !(sym && predicted.count({t, r, h})))
                ++out.perProperty[r].falseNegatives;
        }
    }
    return out;
}

void writeRelationScores(const RelationScores& s, std::ostream& out) {
    size_t tp = 0, fp = 0, fn = 0;
    for (const auto& [p, c] : s.perProperty) {
        tp += c.truePositives;
        fp += c.falsePositives;
        fn += c.falseNegatives;
    }
    double p = ratio(tp, tp + fp), r = ratio(tp, tp + fn);
    out << "{\"precision\":" << num(p) << ",\"recall\":" << num(r) << ",\"f1\":" << num(f1(p, r))
        << ",\"mapped_share\":" << num(ratio(s.mappedGoldTriples, s.goldTriples))
        << ",\"documents\":" << s.documents << ",\"gold_triples\":" << s.goldTriples
        << ",\"mapped_gold_triples\":" << s.mappedGoldTriples << ",\"tp\":" << tp
        << ",\"fp\":" << fp << ",\"fn\":" << fn << ",\"per_property\":{";
    bool first = true;
    for (const auto& [prop, c] : s.perProperty) {
        double pp = ratio(c.truePositives, c.truePositives + c.falsePositives);
        double pr = ratio(c.truePositives, c.truePositives + c.falseNegatives);
        out << (first ? "" : ",") << jsonString(prop) << ":{\"precision\":" << num(pp)
            << ",\"recall\":" << num(pr) << ",\"f1\":" << num(f1(pp, pr))
            << ",\"tp\":" << c.truePositives << ",\"fp\":" << c.falsePositives
            << ",\"fn\":" << c.falseNegatives << '}';
        first = false;
    }
    out << "},\"reliability\":[";
    first = true;
    for (const auto& [bin, c] : s.reliability) {
        out << (first ? "" : ",") << "{\"min_confidence\":" << num(bin) << ",\"facts\":" << c.first
            << ",\"precision\":" << num(ratio(c.second, c.first)) << '}';
        first = false;
    }
    out << "]}\n";
}

}  // namespace kgraph::extract
