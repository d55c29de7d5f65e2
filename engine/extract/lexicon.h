// The data files in models/lexicons/ that type and normalise entity names:
// countries (with aliases and demonyms), well-known entities, places, titles,
// organisation/media/location cue words and words that begin person names.
//
// Loaded once; immutable afterwards and safe to share between threads.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace kgraph::extract {

struct KnownName {
    std::string name;   // canonical name
    std::string label;  // Country, Organization, Location, Media, ...
};

struct Title {
    std::string relation;     // "president_of"; empty for honorifics (Mr., Dr.)
    std::string preposition;  // how the body follows a name: "of", "at", "to"
};

class Lexicon {
public:
    // Reads dir/{countries,entities,places,titles,organizations,person_names}.tsv.
    // Throws kgraph::Error naming the file when one is missing.
    static Lexicon load(const std::string& dir);

    // A surface form (exact case, curly apostrophes folded) of a country,
    // well-known entity or place; nullptr if unknown.
    const KnownName* known(std::string_view surface) const;
    // The country of a demonym adjective ("Kazakh" -> Kazakhstan); nullptr if none.
    const std::string* demonymCountry(std::string_view word) const;
    // The title a lower-case phrase names ("foreign minister"); nullptr if none.
    const Title* title(std::string_view lowerPhrase) const;
    // The label a cue word gives a name it ends ("Ministry" -> Organization); nullptr if none.
    const std::string* cue(std::string_view word) const;
    bool startsPersonName(std::string_view word) const {
        return personNames_.count(std::string(word)) > 0;
    }
    // The country a place (city) lies in; nullptr if unknown.
    const std::string* placeCountry(std::string_view name) const;
    // The adjective of a country ("China" -> "Chinese"); nullptr if none.
    const std::string* countryAdjective(std::string_view country) const;

    size_t maxTitleWords() const { return maxTitleWords_; }

private:
    std::unordered_map<std::string, KnownName> known_;
    std::unordered_map<std::string, std::string> demonyms_;
    std::unordered_map<std::string, Title> titles_;
    std::unordered_map<std::string, std::string> cues_;
    std::unordered_set<std::string> personNames_;
    std::unordered_map<std::string, std::string> placeCountry_;
    std::unordered_map<std::string, std::string> adjectives_;
    size_t maxTitleWords_ = 1;
};

// Folds typographic apostrophes and quotes to ASCII ("China’s" -> "China's").
std::string foldQuotes(std::string_view s);

}  // namespace kgraph::extract
