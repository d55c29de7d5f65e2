#include "engine/extract/lexicon.h"

#include <fstream>
#include <vector>

#include "engine/common/error.h"

namespace kgraph::extract {

namespace {

std::vector<std::string> splitOn(std::string_view s, char sep) {
    std::vector<std::string> out;
    size_t p = 0;
    while (p <= s.size()) {
        size_t q = s.find(sep, p);
        if (q == std::string_view::npos) q = s.size();
        out.emplace_back(s.substr(p, q - p));
        p = q + 1;
    }
    return out;
}

// Calls f(columns) for every non-comment line of dir/name.
template <typename F>
void forEachRow(const std::string& dir, const std::string& name, F f) {
    std::string path = dir + "/" + name;
    std::ifstream in(path);
    if (!in)
        throw Error("cannot read lexicon " + path + " (set KGRAPH_MODELS to the models folder)");
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || line[0] == '#') continue;
        f(splitOn(line, '\t'));
    }
}

}  // namespace

std::string foldQuotes(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        // U+2018/U+2019 are E2 80 98/99; U+201C/U+201D are E2 80 9C/9D.
        if (i + 2 < s.size() && static_cast<unsigned char>(s[i]) == 0xE2 &&
            static_cast<unsigned char>(s[i + 1]) == 0x80) {
            auto c = static_cast<unsigned char>(s[i + 2]);
            if (c == 0x98 || c == 0x99) {
                out += '\'';
                i += 2;
                continue;
            }
            if (c == 0x9C || c == 0x9D) {
                out += '"';
                i += 2;
                continue;
            }
        }
        out += s[i];
    }
    return out;
}

Lexicon Lexicon::load(const std::string& dir) {
    Lexicon lx;
    auto addKnown = [&](const std::string& surface, const std::string& name,
                        const std::string& label) {
        if (!surface.empty()) lx.known_.emplace(surface, KnownName{name, label});
    };
    forEachRow(dir, "countries.tsv", [&](const std::vector<std::string>& c) {
        addKnown(c[0], c[0], "Country");
        if (c.size() > 2)
            for (const auto& a : splitOn(c[2], '|')) addKnown(a, c[0], "Country");
        if (c.size() > 3)
            for (const auto& d : splitOn(c[3], '|')) {
                if (d.empty()) continue;
                lx.demonyms_.emplace(d, c[0]);
                lx.adjectives_.emplace(c[0], d);
            }
    });
    forEachRow(dir, "entities.tsv", [&](const std::vector<std::string>& c) {
        if (c.size() < 2) return;
        addKnown(c[0], c[0], c[1]);
        if (c.size() > 2)
            for (const auto& a : splitOn(c[2], '|')) addKnown(a, c[0], c[1]);
    });
    forEachRow(dir, "places.tsv", [&](const std::vector<std::string>& c) {
        addKnown(c[0], c[0], "Location");
        if (c.size() > 1) lx.placeCountry_.emplace(c[0], c[1]);
    });
    forEachRow(dir, "titles.tsv", [&](const std::vector<std::string>& c) {
        Title t;
        if (c.size() > 1 && c[1] != "-") t.relation = c[1];
        if (c.size() > 2 && c[2] != "-") t.preposition = c[2];
        lx.titles_.emplace(c[0], t);
        size_t words = 1;
        for (char ch : c[0]) words += ch == ' ';
        lx.maxTitleWords_ = std::max(lx.maxTitleWords_, words);
    });
    forEachRow(dir, "organizations.tsv", [&](const std::vector<std::string>& c) {
        if (c.size() > 1) lx.cues_.emplace(c[0], c[1]);
    });
    forEachRow(dir, "person_names.tsv",
               [&](const std::vector<std::string>& c) { lx.personNames_.insert(c[0]); });
    return lx;
}

const KnownName* Lexicon::known(std::string_view surface) const {
    auto it = known_.find(std::string(surface));
    return it == known_.end() ? nullptr : &it->second;
}

const std::string* Lexicon::demonymCountry(std::string_view word) const {
    auto it = demonyms_.find(std::string(word));
    return it == demonyms_.end() ? nullptr : &it->second;
}

const Title* Lexicon::title(std::string_view lowerPhrase) const {
    auto it = titles_.find(std::string(lowerPhrase));
    return it == titles_.end() ? nullptr : &it->second;
}

const std::string* Lexicon::cue(std::string_view word) const {
    auto it = cues_.find(std::string(word));
    return it == cues_.end() ? nullptr : &it->second;
}

const std::string* Lexicon::placeCountry(std::string_view name) const {
    auto it = placeCountry_.find(std::string(name));
    return it == placeCountry_.end() ? nullptr : &it->second;
}

}  // namespace kgraph::extract

namespace kgraph::extract {

const std::string* Lexicon::countryAdjective(std::string_view country) const {
    auto it = adjectives_.find(std::string(country));
    return it == adjectives_.end() ? nullptr : &it->second;
}

}  // namespace kgraph::extract
