#include "engine/query/parse/parser.h"

#include <algorithm>
#include <cstring>
#include <set>
#include <vector>

#include "engine/common/error.h"
#include "engine/query/parse/transformer.h"
#include "engine/text/utf8.h"

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wall"
#pragma GCC diagnostic ignored "-Wextra"
#include "antlr4-runtime.h"
#include "grammar/KGraphQueryLexer.h"
#pragma GCC diagnostic pop

namespace kgraph::query {

namespace {

// Edit distance, ignoring case (for "did you mean").
size_t editDistance(std::string_view a, std::string_view b) {
    std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            size_t sub = prev[j - 1] + (std::toupper(static_cast<unsigned char>(a[i - 1])) !=
                                        std::toupper(static_cast<unsigned char>(b[j - 1])));
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
        }
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

// A token type's keyword ("RETURN", "SKIP" for SKIP_), or empty if it is no keyword.
std::string keywordOf(const antlr4::dfa::Vocabulary& v, size_t type) {
    std::string name = v.getSymbolicName(type);
    if (name.empty()) return "";
    if (name.back() == '_') name.pop_back();
    for (char c : name) {
        if (c < 'A' || c > 'Z') return "";
    }
    return name;
}

// The keyword `word` likely misspells (RETRUN -> RETURN), or empty.
std::string closestKeyword(const antlr4::dfa::Vocabulary& v, const std::string& word) {
    if (word.size() < 3) return "";
    std::string best;
    size_t bestDistance = 3;
    for (size_t t = 1; t <= v.getMaxTokenType(); ++t) {
        std::string k = keywordOf(v, t);
        if (k.empty() || k.size() < 3) continue;
        size_t d = editDistance(word, k);
        if (d == 0) return "";  // it is a keyword, in the wrong place
        size_t allowed = word.size() <= 4 ? 1 : 2;
        if (d <= allowed && d < bestDistance) {
            bestDistance = d;
            best = k;
        }
    }
    return best;
}

// What the parser expected, in words: "a clause (RETURN, WITH, MATCH, WHERE)",
// "an expression", "a name", "')'" — never ANTLR's list of every token.
std::string describeExpected(const antlr4::dfa::Vocabulary& v, const std::vector<ssize_t>& types) {
    static const std::vector<std::string> kClauses = {
        "RETURN", "WITH",   "MATCH",  "WHERE", "OPTIONAL", "UNWIND", "CREATE", "MERGE",
        "SET",    "DELETE", "REMOVE", "CALL",  "ORDER",    "SKIP",   "LIMIT",  "UNION"};
    bool end = false, name = false, expression = false;
    std::set<std::string> keywords;
    std::vector<std::string> symbols;
    for (ssize_t t : types) {
        if (t == static_cast<ssize_t>(antlr4::Token::EOF)) {
            end = true;
            continue;
        }
        std::string literal = v.getLiteralName(static_cast<size_t>(t));
        std::string symbolic = v.getSymbolicName(static_cast<size_t>(t));
        std::string keyword = keywordOf(v, static_cast<size_t>(t));
        if (literal == "';'") {
            end = true;
        } else if (symbolic == "UnescapedSymbolicName" || symbolic == "EscapedSymbolicName") {
            name = true;
        } else if (symbolic == "StringLiteral" || symbolic == "DecimalInteger") {
            expression = true;
        } else if (!keyword.empty()) {
            keywords.insert(keyword);
        } else if (!literal.empty()) {
            symbols.push_back(literal);
        }
    }
    std::vector<std::string> parts;
    std::vector<std::string> clauses;
    for (const auto& c : kClauses) {
        if (keywords.count(c)) clauses.push_back(c);
    }
    // After a complete clause the parser only says "end of statement"; a next clause
    // is just as welcome there.
    if (end && clauses.empty() && keywords.empty() && symbols.empty()) {
        clauses = {"RETURN", "WITH", "MATCH", "WHERE"};
    }
    auto list = [](const std::vector<std::string>& items, size_t most) {
        std::string out;
        size_t n = std::min(items.size(), most);
        for (size_t i = 0; i < n; ++i) {
            out += items[i];
            if (i + 2 == n) {
                out += " or ";
            } else if (i + 1 < n) {
                out += ", ";
            }
        }
        return out;
    };
    if (expression) {
        parts.push_back("an expression");
    } else if (name) {
        parts.push_back("a name");
    }
    // Where a name may stand, every keyword may too (`n.count`): they say nothing then.
    if (name && keywords.size() > 6) clauses.clear();
    if (clauses.size() >= 2) {
        std::string names;
        for (size_t i = 0; i < clauses.size() && i < 4; ++i) names += (i ? ", " : "") + clauses[i];
        parts.push_back("a clause (" + names + (clauses.size() > 4 ? " …)" : ")"));
    } else if (!expression && !name && !keywords.empty() && keywords.size() <= 4) {
        parts.push_back(list(std::vector<std::string>(keywords.begin(), keywords.end()), 4));
    }
    if (!symbols.empty() && symbols.size() <= 5)
        parts.insert(parts.end(), symbols.begin(), symbols.end());
    if (end) parts.push_back("the end of the statement");
    return list(parts, parts.size());
}

// Turns the first syntax error into a kgraph::Error in words, with the caret display:
// "expected a clause (RETURN, WITH, MATCH, WHERE) or the end of the statement, found
// 'RETRUN'; did you mean RETURN?".
class ThrowingErrorListener : public antlr4::BaseErrorListener {
public:
    explicit ThrowingErrorListener(std::string_view text) : text_(text) {}

    void syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* token, size_t line,
                     size_t column, const std::string& msg, std::exception_ptr) override {
        throw Error(
            locatedMessage("syntax error", text_, {line, column}, explain(recognizer, token, msg)));
    }

private:
    std::string explain(antlr4::Recognizer* recognizer, antlr4::Token* token,
                        const std::string& msg) {
        auto* parser = dynamic_cast<antlr4::Parser*>(recognizer);
        if (!parser || !token) {  // the lexer: a character no token starts with
            auto at = msg.find("at: '");
            std::string bad =
                at == std::string::npos ? "" : msg.substr(at + 5, msg.size() - at - 6);
            if (!bad.empty() && (bad[0] == '\'' || bad[0] == '"'))
                return "a string that is not closed (add the closing " + bad.substr(0, 1) + ")";
            return "unexpected character " + (bad.empty() ? msg : "'" + bad + "'");
        }
        std::string found = token->getType() == antlr4::Token::EOF ? "the end of the query"
                                                                   : "'" + token->getText() + "'";
        if (token->getType() != antlr4::Token::EOF && !token->getText().empty() &&
            (token->getText()[0] == '\'' || token->getText()[0] == '"') &&
            msg.starts_with("extraneous")) {
            return "a string that is not closed (add the closing " + token->getText().substr(0, 1) +
                   ")";
        }
        std::string expected;
        try {
            auto set = parser->getExpectedTokens().toList();
            expected = describeExpected(parser->getVocabulary(), set);
        } catch (const std::exception&) {
        }
        std::string out =
            expected.empty() ? "unexpected " + found : "expected " + expected + ", found " + found;
        if (token->getType() != antlr4::Token::EOF) {
            std::string hint = closestKeyword(parser->getVocabulary(), token->getText());
            if (!hint.empty()) out += "; did you mean " + hint + "?";
        }
        return out;
    }

    std::string_view text_;
};

// ANTLR decodes the text as UTF-8 and throws std::range_error on bad bytes: check first, to
// say where.
std::string_view checkUtf8(std::string_view text) {
    size_t line = 1, column = 0;
    for (size_t i = 0; i < text.size();) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        size_t len = text::utf8SequenceLength(text, i);
        bool ok = len > 0;
        if (!ok) {
            throw Error("syntax error at line " + std::to_string(line) + ", column " +
                        std::to_string(column + 1) + ": the query is not valid UTF-8 (byte " +
                        std::to_string(i) + ")");
        }
        if (c == '\n') {
            ++line;
            column = 0;
        } else {
            ++column;
        }
        i += len;
    }
    return text;
}

struct ParseSession {
    explicit ParseSession(std::string_view text)
        : input(checkUtf8(text).data(), text.size()),
          lexer(&input),
          tokens(&lexer),
          parser(&tokens),
          listener(text) {
        lexer.removeErrorListeners();
        lexer.addErrorListener(&listener);
        parser.removeErrorListeners();
        parser.addErrorListener(&listener);
    }
    antlr4::ANTLRInputStream input;
    grammar::KGraphQueryLexer lexer;
    antlr4::CommonTokenStream tokens;
    grammar::KGraphQueryParser parser;
    ThrowingErrorListener listener;
};

}  // namespace

std::string locatedMessage(std::string_view what, std::string_view text, ast::Position pos,
                           std::string_view message) {
    // Columns count from 1, as lines do (ANTLR's from 0).
    std::string out = std::string(what) + " at line " + std::to_string(pos.line) + ", column " +
                      std::to_string(pos.column + 1) + ": " + std::string(message);
    // Find the line (1-based) in the text.
    size_t start = 0;
    for (size_t l = 1; l < pos.line && start != std::string_view::npos; ++l) {
        start = text.find('\n', start);
        if (start != std::string_view::npos) ++start;
    }
    if (start == std::string_view::npos || pos.line == 0) return out;
    size_t end = text.find('\n', start);
    std::string_view line = text.substr(start, end == std::string_view::npos ? end : end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    out += "\n" + std::string(line) + "\n";
    // ANTLR counts columns in code points; tabs keep their width.
    size_t cps = 0;
    for (size_t i = 0; i < line.size() && cps < pos.column; ++i) {
        unsigned char c = static_cast<unsigned char>(line[i]);
        if ((c & 0xC0) == 0x80) continue;
        out += c == '\t' ? '\t' : ' ';
        ++cps;
    }
    while (cps++ < pos.column) out += ' ';
    out += '^';
    return out;
}

// The parser and the passes after it recurse once per level of nesting: refuse queries nested
// deeper than any human writes before they can exhaust the stack.
void checkNesting(ParseSession& s, std::string_view text) {
    constexpr int kMaxDepth = 500;
    s.tokens.fill();
    int depth = 0;
    int prefixRun = 0;
    std::string previous;
    for (auto* tok : s.tokens.getTokens()) {
        std::string t = tok->getText();
        // CASE … END nests like a parenthesis (and recursed without bound before it counted);
        // after a dot the words are property keys (`r.end`).
        auto keyword = [&](const char* k) {
            size_t n = std::strlen(k);
            if (t.size() != n || previous == ".") return false;
            for (size_t i = 0; i < n; ++i) {
                if ((t[i] | 0x20) != k[i]) return false;
            }
            return true;
        };
        if (t == "(" || t == "[" || t == "{" || keyword("case")) {
            ++depth;
        } else if (t == ")" || t == "]" || t == "}" || keyword("end")) {
            --depth;
        }
        bool prefix = t == "-" || t == "+" ||
                      (t.size() == 3 && (t[0] | 0x20) == 'n' && (t[1] | 0x20) == 'o' &&
                       (t[2] | 0x20) == 't');  // NOT in any case
        prefixRun = prefix ? prefixRun + 1 : 0;
        previous = std::move(t);
        if (depth + prefixRun > kMaxDepth) {
            throw Error(locatedMessage("syntax error", text,
                                       {tok->getLine(), tok->getCharPositionInLine()},
                                       "the query is nested too deeply (more than " +
                                           std::to_string(kMaxDepth) + " levels)"));
        }
    }
    s.tokens.seek(0);
}

// The parser holds several hundred bytes per byte of query text (tokens, parse tree, AST): a
// 6.9 MB string literal took 3.35 GB. Large data belongs in parameters or files.
constexpr size_t kMaxQueryBytes = 1 << 20;

void checkLength(std::string_view text) {
    if (text.size() > kMaxQueryBytes) {
        throw Error("the query is too long (" + std::to_string(text.size()) + " bytes; at most " +
                    std::to_string(kMaxQueryBytes) +
                    "): pass large values as parameters ($name) or load them with "
                    "`kgraph import`");
    }
}

std::vector<ast::Statement> parseScript(std::string_view text) {
    checkLength(text);
    ParseSession s(text);
    checkNesting(s, text);
    auto* tree = s.parser.script();
    Transformer t(text, s.input);
    return t.transformScript(*tree);
}

ast::ExprPtr parseExpression(std::string_view text) {
    checkLength(text);
    ParseSession s(text);
    checkNesting(s, text);
    auto* tree = s.parser.standaloneExpression();
    Transformer t(text, s.input);
    return t.transformExpression(*tree->expression());
}

}  // namespace kgraph::query
