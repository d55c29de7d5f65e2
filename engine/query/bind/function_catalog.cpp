#include "engine/query/bind/function_catalog.h"

#include <algorithm>
#include <utility>
#include <vector>

#include <cctype>

namespace kgraph::query {

namespace {

// Keep in step with execute/functions.cpp and execute/aggregator.cpp.
constexpr FunctionInfo kFunctions[] = {
    // aggregates
    {"count", 1, 1, true},
    {"sum", 1, 1, true},
    {"avg", 1, 1, true},
    {"min", 1, 1, true},
    {"max", 1, 1, true},
    {"collect", 1, 1, true},
    {"stDev", 1, 1, true},
    {"stDevP", 1, 1, true},
    {"percentileDisc", 2, 2, true},
    {"percentileCont", 2, 2, true},
    // graph
    {"type", 1, 1, false},
    {"id", 1, 1, false},
    {"labels", 1, 1, false},
    {"keys", 1, 1, false},
    {"properties", 1, 1, false},
    {"nodes", 1, 1, false},
    {"relationships", 1, 1, false},
    {"length", 1, 1, false},
    {"startNode", 1, 1, false},
    {"endNode", 1, 1, false},
    {"exists", 1, 1, false},
    {"evidence", 1, 1, false},
    // lists
    {"size", 1, 1, false},
    {"head", 1, 1, false},
    {"last", 1, 1, false},
    {"tail", 1, 1, false},
    {"range", 2, 3, false},
    {"coalesce", 1, -1, false},
    {"isEmpty", 1, 1, false},
    // strings
    {"toUpper", 1, 1, false},
    {"toLower", 1, 1, false},
    {"trim", 1, 1, false},
    {"ltrim", 1, 1, false},
    {"rtrim", 1, 1, false},
    {"replace", 3, 3, false},
    {"substring", 2, 3, false},
    {"split", 2, 2, false},
    {"left", 2, 2, false},
    {"right", 2, 2, false},
    {"reverse", 1, 1, false},
    {"toString", 1, 1, false},
    {"toInteger", 1, 1, false},
    {"toFloat", 1, 1, false},
    {"toBoolean", 1, 1, false},
    // math
    {"abs", 1, 1, false},
    {"ceil", 1, 1, false},
    {"floor", 1, 1, false},
    {"round", 1, 1, false},
    {"sign", 1, 1, false},
    {"sqrt", 1, 1, false},
    {"exp", 1, 1, false},
    {"log", 1, 1, false},
    {"log10", 1, 1, false},
    {"sin", 1, 1, false},
    {"cos", 1, 1, false},
    {"tan", 1, 1, false},
    {"asin", 1, 1, false},
    {"acos", 1, 1, false},
    {"atan", 1, 1, false},
    {"atan2", 2, 2, false},
    {"degrees", 1, 1, false},
    {"radians", 1, 1, false},
    {"rand", 0, 0, false},
    {"pi", 0, 0, false},
    {"e", 0, 0, false},
};

}  // namespace

std::string lowerCase(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::span<const FunctionInfo> allFunctions() { return kFunctions; }

const FunctionInfo* findFunction(std::string_view name) {
    std::string lower = lowerCase(name);
    for (const auto& f : kFunctions) {
        if (lower == lowerCase(f.name)) return &f;
    }
    return nullptr;
}

std::string similarFunction(std::string_view name) {
    // Names other languages use for built-ins that exist here under another name.
    static const std::pair<const char*, const char*> kAliases[] = {
        {"lower", "toLower"},     {"upper", "toUpper"},   {"lowercase", "toLower"},
        {"uppercase", "toUpper"}, {"len", "size"},        {"strlen", "size"},
        {"substr", "substring"},  {"tostr", "toString"},  {"str", "toString"},
        {"int", "toInteger"},     {"toint", "toInteger"}, {"float", "toFloat"},
        {"todouble", "toFloat"},  {"nvl", "coalesce"},    {"ifnull", "coalesce"}};
    std::string lower = lowerCase(name);
    for (const auto& [alias, target] : kAliases) {
        if (lower == alias && findFunction(target)) return target;
    }
    std::string best;
    size_t bestScore = std::string::npos;
    for (const auto& f : kFunctions) {
        std::string known = lowerCase(f.name);
        size_t score = std::string::npos;
        // toLowerCase -> toLower: a known name followed by a few more letters.
        if (known.size() >= 4 && lower.starts_with(known) && lower.size() <= known.size() + 6) {
            score = lower.size() - known.size();
        } else {
            std::vector<size_t> prev(known.size() + 1), cur(known.size() + 1);
            for (size_t j = 0; j <= known.size(); ++j) prev[j] = j;
            for (size_t i = 1; i <= lower.size(); ++i) {
                cur[0] = i;
                for (size_t j = 1; j <= known.size(); ++j) {
                    cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1,
                                       prev[j - 1] + (lower[i - 1] != known[j - 1])});
                }
                std::swap(prev, cur);
            }
            size_t allowed = lower.size() <= 4 ? 1 : 2;
            if (prev[known.size()] <= allowed) score = prev[known.size()];
        }
        if (score < bestScore) {
            bestScore = score;
            best = f.name;
        }
    }
    return best;
}

}  // namespace kgraph::query
