#include "engine/query/parse/parser.h"

#include <cstring>

#include "engine/common/error.h"
#include "engine/query/parse/transformer.h"

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wall"
#pragma GCC diagnostic ignored "-Wextra"
#include "antlr4-runtime.h"
#include "grammar/KGraphQueryLexer.h"
#pragma GCC diagnostic pop

namespace kgraph::query {

namespace {

// Long "expecting {...}" sets help nobody: keep at most this many alternatives.
constexpr size_t kMaxExpected = 8;

std::string shortenExpecting(const std::string& msg) {
    auto at = msg.find(" expecting {");
    if (at == std::string::npos) return msg;
    auto end = msg.find('}', at);
    if (end == std::string::npos) return msg;
    std::string set = msg.substr(at + 12, end - at - 12);
    size_t count = 1;
    for (char c : set) count += c == ',';
    if (count <= kMaxExpected) return msg;
    return msg.substr(0, at) + " ...";
}

// Turns the first syntax error into a kgraph::Error with the caret display.
class ThrowingErrorListener : public antlr4::BaseErrorListener {
public:
    explicit ThrowingErrorListener(std::string_view text) : text_(text) {}

    void syntaxError(antlr4::Recognizer*, antlr4::Token*, size_t line, size_t column,
                     const std::string& msg, std::exception_ptr) override {
        throw Error(locatedMessage("syntax error", text_, {line, column}, shortenExpecting(msg)));
    }

private:
    std::string_view text_;
};

// The length of the well-formed UTF-8 sequence at text[i] (Unicode table 3-7: no overlong
// forms, no surrogates, nothing above U+10FFFF), or 0 if it is not one.
size_t utf8Length(std::string_view text, size_t i) {
    auto byte = [&](size_t k) { return static_cast<unsigned char>(text[i + k]); };
    unsigned char c = byte(0);
    size_t len = c < 0x80                 ? 1
                 : c >= 0xC2 && c <= 0xDF ? 2
                 : c >= 0xE0 && c <= 0xEF ? 3
                 : c >= 0xF0 && c <= 0xF4 ? 4
                                          : 0;
    if (len == 0 || i + len > text.size()) return 0;
    for (size_t k = 1; k < len; ++k) {
        if ((byte(k) & 0xC0) != 0x80) return 0;
    }
    // The second byte's range is narrower after these leads.
    if ((c == 0xE0 && byte(1) < 0xA0) || (c == 0xED && byte(1) > 0x9F) ||
        (c == 0xF0 && byte(1) < 0x90) || (c == 0xF4 && byte(1) > 0x8F)) {
        return 0;
    }
    return len;
}

// ANTLR decodes the text as UTF-8 and throws std::range_error on bad bytes: check first, to
// say where.
std::string_view checkUtf8(std::string_view text) {
    size_t line = 1, column = 0;
    for (size_t i = 0; i < text.size();) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        size_t len = utf8Length(text, i);
        bool ok = len > 0;
        if (!ok) {
            throw Error("syntax error at line " + std::to_string(line) + ", column " +
                        std::to_string(column) + ": the query is not valid UTF-8 (byte " +
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
    std::string out = std::string(what) + " at line " + std::to_string(pos.line) + ", column " +
                      std::to_string(pos.column) + ": " + std::string(message);
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
