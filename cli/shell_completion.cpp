#include "cli/shell_completion.h"

#include <editline/readline.h>

#include <algorithm>
#include <cctype>
#include <cstring>

#include "engine/query/bind/function_catalog.h"
#include "engine/query/bind/procedure_catalog.h"
#include "engine/query/query_engine.h"

namespace kgraph::cli {

namespace {

const std::vector<std::string> kKeywords = {"MATCH",
                                            "OPTIONAL",
                                            "WHERE",
                                            "RETURN",
                                            "WITH",
                                            "ORDER",
                                            "BY",
                                            "SKIP",
                                            "LIMIT",
                                            "UNWIND",
                                            "UNION",
                                            "ALL",
                                            "CREATE",
                                            "MERGE",
                                            "SET",
                                            "REMOVE",
                                            "DELETE",
                                            "DETACH",
                                            "CALL",
                                            "YIELD",
                                            "AS",
                                            "DISTINCT",
                                            "AND",
                                            "OR",
                                            "XOR",
                                            "NOT",
                                            "IN",
                                            "IS",
                                            "NULL",
                                            "TRUE",
                                            "FALSE",
                                            "STARTS",
                                            "ENDS",
                                            "CONTAINS",
                                            "CASE",
                                            "WHEN",
                                            "THEN",
                                            "ELSE",
                                            "END",
                                            "ASC",
                                            "DESC",
                                            "EXPLAIN",
                                            "PROFILE",
                                            "RENDER",
                                            "LAYOUT",
                                            "shortestPath(",
                                            "allShortestPaths("};

// The words Tab offers, and the statement typed so far (the lines before the
// current one).
std::vector<std::string> gCompletions;
std::string gStatementSoFar;

// Words starting with `text`: those of the same case if any ("Coun" gives
// Country, not also count()), else ignoring case ("match" gives MATCH).
char* completionGenerator(const char* text, int state) {
    static size_t index;
    static std::vector<std::string> matches;
    if (state == 0) {
        index = 0;
        matches.clear();
        std::string prefix = text;
        std::vector<std::string> words = gCompletions;
        for (auto& v : statementVariables(gStatementSoFar + rl_line_buffer)) words.push_back(v);
        std::sort(words.begin(), words.end());
        words.erase(std::unique(words.begin(), words.end()), words.end());
        for (const auto& w : words) {
            if (w.starts_with(prefix)) matches.push_back(w);
        }
        if (matches.empty()) {
            for (const auto& w : words) {
                bool match =
                    w.size() >= prefix.size() &&
                    std::equal(prefix.begin(), prefix.end(), w.begin(), [](char a, char b) {
                        return std::tolower(static_cast<unsigned char>(a)) ==
                               std::tolower(static_cast<unsigned char>(b));
                    });
                if (match) matches.push_back(w);
            }
        }
    }
    return index < matches.size() ? strdup(matches[index++].c_str()) : nullptr;
}

}  // namespace

Vocabulary readVocabulary(storage::GraphStore& store) {
    Vocabulary v;
    {
        auto r = store.read();
        for (const auto& [label, n] : r->labelCounts()) v.labels.push_back(label);
        for (const auto& [type, n] : r->typeCounts()) v.types.push_back(type);
    }
    query::QueryEngine engine(store);
    for (const char* q :
         {"MATCH (n) WITH n LIMIT 2000 UNWIND keys(n) AS k RETURN DISTINCT k",
          "MATCH ()-[r]->() WITH r LIMIT 2000 UNWIND keys(r) AS k RETURN DISTINCT k"}) {
        for (const auto& row : engine.run(q).rows) {
            if (!row.empty() && row[0].isString()) v.keys.push_back(row[0].asString());
        }
    }
    std::sort(v.keys.begin(), v.keys.end());
    v.keys.erase(std::unique(v.keys.begin(), v.keys.end()), v.keys.end());
    return v;
}

std::vector<std::string> statementVariables(const std::string& text) {
    std::vector<std::string> out;
    char previous = ' ';  // last non-blank character before the word
    std::string previousWord;
    for (size_t i = 0; i < text.size();) {
        char c = text[i];
        if (c == '\'' || c == '"') {  // a string literal
            for (++i; i < text.size() && text[i] != c; ++i) {
                if (text[i] == '\\') ++i;
            }
            ++i;
            previous = c;
            previousWord.clear();
            continue;
        }
        if (!isIdentifierStart(c)) {
            if (!std::isspace(static_cast<unsigned char>(c))) {
                previous = c;
                previousWord.clear();
            }
            ++i;
            continue;
        }
        size_t end = i;
        while (end < text.size() && isIdentifierChar(text[end])) ++end;
        std::string word = text.substr(i, end - i);
        size_t next = text.find_first_not_of(" \t\n", end);
        bool assigned = next != std::string::npos && text[next] == '=' &&
                        (next + 1 >= text.size() || text[next + 1] != '~');
        bool afterAs = previousWord == "AS" || previousWord == "as";
        if (previous == '(' || previous == '[' || afterAs || (assigned && previous != '.'))
            out.push_back(word);
        std::string upper = word;
        for (auto& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        previousWord = upper == "AS" ? "AS" : word;
        previous = 'a';
        i = end;
    }
    return out;
}

void setStatementSoFar(const std::string& text) { gStatementSoFar = text; }

char** completeWord(const char* text, int, int) {
    rl_attempted_completion_over = 1;
    return rl_completion_matches(text, completionGenerator);
}

void setCompletionWords(const Vocabulary& v, const std::vector<std::string>& metaCommands) {
    gCompletions = kKeywords;
    // Function and procedure names come from the engine's catalogues, so Tab offers exactly
    // what the engine accepts.
    for (const auto& f : query::allFunctions()) gCompletions.push_back(std::string(f.name) + "(");
    for (const auto& p : query::allProcedures()) {
        gCompletions.push_back(p.name + (p.maxArgs == 0 ? "()" : "("));
    }
    gCompletions.insert(gCompletions.end(), metaCommands.begin(), metaCommands.end());
    for (const auto* list : {&v.labels, &v.types, &v.keys})
        gCompletions.insert(gCompletions.end(), list->begin(), list->end());
    std::sort(gCompletions.begin(), gCompletions.end());
    gCompletions.erase(std::unique(gCompletions.begin(), gCompletions.end()), gCompletions.end());
}
}  // namespace kgraph::cli
