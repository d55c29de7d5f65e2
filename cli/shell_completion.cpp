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
Vocabulary gVocabulary;
std::vector<std::string> gMetaCommands;
storage::GraphStore* gStore = nullptr;
// The candidates of the current completion, computed by completeWord for its context.
std::vector<std::string> gCandidates;

std::vector<std::string> procedureNames(const std::string& ns) {
    std::vector<std::string> out;
    for (const auto& p : query::allProcedures()) {
        if (p.name.starts_with(ns + ".")) {
            out.push_back(p.name.substr(ns.size() + 1) + (p.maxArgs == 0 ? "()" : "("));
        }
    }
    return out;
}

bool isNamespace(const std::string& word) {
    for (const auto& p : query::allProcedures()) {
        if (p.name.starts_with(word + ".")) return true;
    }
    return false;
}

// Names from the name index that start with `prefix`, at most `limit`.
std::vector<std::string> entityNames(const std::string& prefix, size_t limit) {
    std::vector<std::string> out;
    if (!gStore || prefix.empty()) return out;
    try {
        auto r = gStore->read();
        r->findByNamePrefix(prefix, [&](storage::NodeId id) {
            auto name = r->nodeProperty(id, "name");
            if (name.isString() && (out.empty() || out.back() != name.asString()))
                out.push_back(name.asString());
            return out.size() < limit;
        });
    } catch (const std::exception&) {
    }
    return out;
}

// Words starting with `text`: those of the same case if any ("Coun" gives
// Country, not also count()), else ignoring case ("match" gives MATCH).
char* completionGenerator(const char* text, int state) {
    static size_t index;
    static std::vector<std::string> matches;
    if (state == 0) {
        index = 0;
        matches.clear();
        std::string prefix = text;
        std::vector<std::string> words = gCandidates;
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

char** completeWord(const char* text, int start, int) {
    rl_attempted_completion_over = 1;
    rl_completion_append_character = ' ';
    std::string line(rl_line_buffer, std::min<size_t>(start, std::strlen(rl_line_buffer)));
    auto context = completionContext(gStatementSoFar + line);
    using Kind = CompletionContext::Kind;
    gCandidates.clear();
    switch (context.kind) {
        case Kind::PropertyKey:
            gCandidates = gVocabulary.keys;
            break;
        case Kind::Label:
            gCandidates = gVocabulary.labels;
            break;
        case Kind::RelationshipType:
            gCandidates = gVocabulary.types;
            break;
        case Kind::Procedure:
            gCandidates = procedureNames(context.prefix);
            break;
        case Kind::MetaCommand:
            for (const auto& m : gMetaCommands) gCandidates.push_back(m.substr(1));
            break;
        case Kind::EntityName: {
            // libedit replaces only `text` (the string's last word): offer each name from
            // there on, and close the string after a single match.
            std::string typed = context.prefix + text;
            size_t head = context.prefix.size();
            for (const auto& name : entityNames(typed, 200))
                gCandidates.push_back(name.substr(head));
            rl_completion_append_character = context.quote;
            break;
        }
        case Kind::Any:
            gCandidates = gCompletions;
            for (auto& v : statementVariables(gStatementSoFar + rl_line_buffer))
                gCandidates.push_back(v);
            break;
    }
    return rl_completion_matches(text, completionGenerator);
}

void setCompletionStore(storage::GraphStore* store) { gStore = store; }

CompletionContext completionContext(const std::string& statement) {
    using Kind = CompletionContext::Kind;
    CompletionContext out;
    // Brackets open at the end, and whether each '[' is a relationship pattern.
    std::vector<std::pair<char, bool>> open;
    char previous = 0;  // the last non-blank character outside strings and comments
    size_t lastLine = statement.rfind('\n');
    lastLine = lastLine == std::string::npos ? 0 : lastLine + 1;
    for (size_t i = 0; i < statement.size(); ++i) {
        char c = statement[i];
        if (c == '\'' || c == '"') {
            size_t begin = i + 1;
            for (++i; i < statement.size() && statement[i] != c; ++i) {
                if (statement[i] == '\\') ++i;
            }
            if (i >= statement.size()) {  // the string is still open: Tab is inside it
                out.kind = Kind::EntityName;
                out.prefix = statement.substr(begin);
                out.quote = c;
                return out;
            }
            previous = c;
            continue;
        }
        if (c == '/' && i + 1 < statement.size() && statement[i + 1] == '/') {
            while (i < statement.size() && statement[i] != '\n') ++i;
            continue;
        }
        if (c == '(' || c == '{') open.emplace_back(c, false);
        if (c == '[') open.emplace_back(c, previous == '-' || previous == '<');
        if ((c == ')' || c == ']' || c == '}') && !open.empty()) open.pop_back();
        if (!std::isspace(static_cast<unsigned char>(c))) previous = c;
    }
    if (statement.empty()) return out;
    char last = statement.back();
    if (last == ':') {
        std::string before = statement.substr(0, statement.size() - 1);
        if (before.find_first_not_of(" \t\n") == std::string::npos) {
            out.kind = Kind::MetaCommand;
        } else if (!open.empty() && open.back().first == '{') {
            out.kind = Kind::Any;  // a map's value
        } else if (!open.empty() && open.back().first == '[' && open.back().second) {
            out.kind = Kind::RelationshipType;
        } else {
            out.kind = Kind::Label;
        }
    } else if (last == '|' && !open.empty() && open.back().first == '[' && open.back().second) {
        out.kind = Kind::RelationshipType;
    } else if (last == '.') {
        size_t e = statement.size() - 1, b = e;
        while (b > lastLine && isIdentifierChar(statement[b - 1])) --b;
        std::string word = statement.substr(b, e - b);
        if (!word.empty() && isIdentifierStart(word[0])) {
            out.kind = isNamespace(word) ? Kind::Procedure : Kind::PropertyKey;
            if (out.kind == Kind::Procedure) out.prefix = word;
        }
    }
    return out;
}

void setCompletionWords(const Vocabulary& v, const std::vector<std::string>& metaCommands) {
    gVocabulary = v;
    gMetaCommands = metaCommands;
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
