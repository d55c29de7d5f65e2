// A small reader of Gherkin .feature files, enough for the openCypher TCK: Feature,
// Background, Scenario, Scenario Outline with Examples (expanded), steps with a docstring
// ("""...""") or a table (| a | b |), tags and comments ignored.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace kgraph::tck {

using Table = std::vector<std::vector<std::string>>;

struct Step {
    std::string text;  // "When executing query:" (keyword included, trimmed)
    std::string docString;
    Table table;
    int line = 0;
};

struct Scenario {
    std::string file;
    int line = 0;
    std::string name;
    std::vector<Step> steps;  // background steps first
};

// Whitespace trimmed from both ends.
std::string trim(const std::string& s);
// The cells of a table row "| a | 'b|c' |", Gherkin escapes (\\, \|, \n) resolved; a '|'
// inside single quotes does not end a cell either.
std::vector<std::string> tableCells(const std::string& line);
// Every scenario of a feature file, outlines expanded (one scenario per Examples row).
std::vector<Scenario> readFeature(const std::filesystem::path& file);

}  // namespace kgraph::tck
