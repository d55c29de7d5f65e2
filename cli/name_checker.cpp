#include "cli/name_checker.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace kgraph::cli {

namespace {

struct Token {
    enum class Kind { Name, Number, String, Parameter, Symbol } kind;
    std::string text;  // a name without its backticks; a symbol's one character
};

bool nameStart(char c) { return isIdentifierStart(c) || static_cast<unsigned char>(c) >= 0x80; }
bool nameChar(char c) { return isIdentifierChar(c) || static_cast<unsigned char>(c) >= 0x80; }

// The statement's tokens, without comments and blanks. Lenient: the query
// engine reports syntax errors, this only has to find names.
std::vector<Token> tokenize(std::string_view s) {
    std::vector<Token> out;
    for (size_t i = 0; i < s.size();) {
        char c = s[i];
        if (std::isspace(static_cast<unsigned char>(c))) {
            ++i;
        } else if (c == '/' && i + 1 < s.size() && s[i + 1] == '/') {
            while (i < s.size() && s[i] != '\n') ++i;
        } else if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') {
            auto end = s.find("*/", i + 2);
            i = end == std::string_view::npos ? s.size() : end + 2;
        } else if (c == '\'' || c == '"') {
            size_t j = i + 1;
            for (; j < s.size() && s[j] != c; ++j) {
                if (s[j] == '\\') ++j;
            }
            out.push_back({Token::Kind::String, ""});
            i = std::min(s.size(), j + 1);
        } else if (c == '`') {
            auto end = s.find('`', i + 1);
            if (end == std::string_view::npos) end = s.size();
            out.push_back({Token::Kind::Name, std::string(s.substr(i + 1, end - i - 1))});
            i = std::min(s.size(), end + 1);
        } else if (c == '$') {
            size_t j = i + 1;
            while (j < s.size() && nameChar(s[j])) ++j;
            out.push_back({Token::Kind::Parameter, std::string(s.substr(i, j - i))});
            i = j;
        } else if (std::isdigit(static_cast<unsigned char>(c))) {
            size_t j = i;
            while (j < s.size() && (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '_' ||
                                    (s[j] == '.' && j + 1 < s.size() &&
                                     std::isdigit(static_cast<unsigned char>(s[j + 1]))))) {
                ++j;
            }
            out.push_back({Token::Kind::Number, std::string(s.substr(i, j - i))});
            i = j;
        } else if (nameStart(c)) {
            size_t j = i;
            while (j < s.size() && nameChar(s[j])) ++j;
            out.push_back({Token::Kind::Name, std::string(s.substr(i, j - i))});
            i = j;
        } else {
            out.push_back({Token::Kind::Symbol, std::string(1, c)});
            ++i;
        }
    }
    return out;
}

bool isSymbol(const std::vector<Token>& t, size_t i, char c) {
    return i < t.size() && t[i].kind == Token::Kind::Symbol && t[i].text[0] == c;
}

}  // namespace

std::vector<std::string> unknownNameWarnings(std::string_view statement, const Vocabulary& known) {
    auto tokens = tokenize(statement);
    std::vector<std::string> out;
    std::set<std::string> warned;
    auto warn = [&](const std::string& what, const std::string& name,
                    const std::vector<std::string>& names, const std::string& mark) {
        if (std::find(names.begin(), names.end(), name) != names.end()) return;
        if (!warned.insert(what + name).second) return;
        std::string hint = closestMatch(name, names);
        out.push_back("the database has no " + what + " " + mark + name +
                      (hint.empty() ? "" : "; did you mean " + mark + hint + "?"));
    };
    // The open brackets: which, and whether it is a relationship pattern ('[' after '-').
    struct Open {
        char bracket;
        bool relationship;
    };
    std::vector<Open> open;
    for (size_t i = 0; i < tokens.size(); ++i) {
        const Token& t = tokens[i];
        if (t.kind != Token::Kind::Symbol) continue;
        char c = t.text[0];
        if (c == '(' || c == '{') {
            open.push_back({c, false});
        } else if (c == '[') {
            bool rel = i > 0 && isSymbol(tokens, i - 1, '-');
            open.push_back({c, rel});
        } else if ((c == ')' || c == ']' || c == '}') && !open.empty()) {
            open.pop_back();
        } else if (c == ':' || c == '|') {
            bool inMap = !open.empty() && open.back().bracket == '{';
            bool inRelationship = !open.empty() && open.back().relationship;
            if (inMap) continue;
            if (c == '|' && !inRelationship) continue;  // list comprehension, not a type list
            // Relationship patterns: `[:a|b]`, `[r:a|:b]`. Elsewhere a label follows a
            // name (`n:Person`, `(p:Person:Leader)`) or begins a node pattern (`(:Person)`).
            if (c == ':' && !inRelationship && i > 0) {
                const Token& before = tokens[i - 1];
                bool afterName = before.kind == Token::Kind::Name;
                bool startsNode = isSymbol(tokens, i - 1, '(');
                bool chained = false;  // `:A:B` — the token before is a label
                if (i > 1 && before.kind == Token::Kind::Name && isSymbol(tokens, i - 2, ':'))
                    chained = true;
                if (!afterName && !startsNode && !chained) continue;
            }
            size_t j = i + 1;
            if (c == '|' && isSymbol(tokens, j, ':')) ++j;
            if (j >= tokens.size() || tokens[j].kind != Token::Kind::Name) continue;
            if (inRelationship) {
                warn("relationship type", tokens[j].text, known.types, ":");
            } else {
                warn("label", tokens[j].text, known.labels, ":");
            }
        } else if (c == '.' && !known.keys.empty() && i > 0 && i + 1 < tokens.size()) {
            const Token& before = tokens[i - 1];
            // Only `var.key`: after `)` or `]` the value may be a date or a map
            // (`date(...).year`), whose keys are no property keys of the database.
            if (before.kind != Token::Kind::Name || tokens[i + 1].kind != Token::Kind::Name)
                continue;
            // `algo.pageRank(`, `db.labels()`: a procedure or function name, not a key.
            if (isSymbol(tokens, i + 2, '(') || isSymbol(tokens, i + 2, '.')) continue;
            if (i > 1 && isSymbol(tokens, i - 2, '.')) continue;  // `a.b.c`: c is a map key
            warn("property key", tokens[i + 1].text, known.keys, "");
        }
    }
    return out;
}

std::string closestMatch(const std::string& word, const std::vector<std::string>& candidates) {
    std::string best;
    size_t bestDistance = std::string::npos;
    for (const auto& c : candidates) {
        std::vector<size_t> prev(c.size() + 1), cur(c.size() + 1);
        for (size_t j = 0; j <= c.size(); ++j) prev[j] = j;
        for (size_t i = 1; i <= word.size(); ++i) {
            cur[0] = i;
            for (size_t j = 1; j <= c.size(); ++j) {
                size_t sub = prev[j - 1] + (std::tolower(static_cast<unsigned char>(word[i - 1])) !=
                                            std::tolower(static_cast<unsigned char>(c[j - 1])));
                cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
            }
            std::swap(prev, cur);
        }
        if (prev[c.size()] < bestDistance) {
            bestDistance = prev[c.size()];
            best = c;
        }
    }
    // A likely typo: two edits (one for words of up to three letters), or a
    // third of a longer word, and never more than three.
    size_t allowed =
        word.size() <= 3 ? 1 : std::min<size_t>(3, std::max<size_t>(2, word.size() / 3));
    return bestDistance <= allowed ? best : "";
}

}  // namespace kgraph::cli
