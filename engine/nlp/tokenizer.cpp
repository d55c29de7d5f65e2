#include "engine/nlp/tokenizer.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>

namespace kgraph::nlp {

namespace {

// ---- UTF-8 ----------------------------------------------------------------

// The code point at text[i] and its length in bytes. Invalid bytes decode as
// themselves (length 1) so that any input can be tokenized.
char32_t decode(std::string_view t, size_t i, size_t& len) {
    unsigned char c = static_cast<unsigned char>(t[i]);
    auto cont = [&](size_t k) {
        return i + k < t.size() && (static_cast<unsigned char>(t[i + k]) & 0xC0) == 0x80;
    };
    if (c < 0x80) {
        len = 1;
        return c;
    }
    if ((c & 0xE0) == 0xC0 && cont(1)) {
        len = 2;
        return (c & 0x1F) << 6 | (t[i + 1] & 0x3F);
    }
    if ((c & 0xF0) == 0xE0 && cont(1) && cont(2)) {
        len = 3;
        return (c & 0x0F) << 12 | (t[i + 1] & 0x3F) << 6 | (t[i + 2] & 0x3F);
    }
    if ((c & 0xF8) == 0xF0 && cont(1) && cont(2) && cont(3)) {
        len = 4;
        return (c & 0x07) << 18 | (t[i + 1] & 0x3F) << 12 | (t[i + 2] & 0x3F) << 6 |
               (t[i + 3] & 0x3F);
    }
    len = 1;
    return c;
}

// The code point that ends just before text[end] and its length.
char32_t decodeBefore(std::string_view t, size_t end, size_t& len) {
    size_t b = end - 1;
    while (b > 0 && end - b < 4 && (static_cast<unsigned char>(t[b]) & 0xC0) == 0x80) --b;
    char32_t cp = decode(t, b, len);
    if (b + len != end) {  // not a well-formed sequence: take the last byte alone
        len = 1;
        return static_cast<unsigned char>(t[end - 1]);
    }
    return cp;
}

bool isSpace(char32_t c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0xA0 ||
           (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

bool isOpenQuote(char32_t c) {
    return c == '"' || c == '\'' || c == '`' || c == 0x201C || c == 0x2018 || c == 0xAB ||
           c == 0x201E;
}
bool isCloseQuote(char32_t c) {
    return c == '"' || c == '\'' || c == 0x201D || c == 0x2019 || c == 0xBB;
}
bool isOpenBracket(char32_t c) { return c == '(' || c == '[' || c == '{' || c == '<'; }
bool isCloseBracket(char32_t c) { return c == ')' || c == ']' || c == '}' || c == '>'; }
bool isDash(char32_t c) { return c == 0x2013 || c == 0x2014 || c == 0x2015 || c == 0x2212; }
bool isCurrency(char32_t c) { return c == '$' || c == 0xA3 || c == 0x20AC || c == 0xA5; }
bool isApostrophe(char32_t c) { return c == '\'' || c == 0x2019; }
bool isAsciiAlpha(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool isDigit(char32_t c) { return c >= '0' && c <= '9'; }
bool isUpper(char32_t c) { return (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7); }
// Letters and digits, counting every non-ASCII code point that is not punctuation
// we know as a letter: good enough for Latin, Cyrillic, Greek, CJK names.
bool isWordChar(char32_t c) {
    if (c < 0x80) return isAsciiAlpha(c) || isDigit(c);
    return !(isOpenQuote(c) || isCloseQuote(c) || isDash(c) || isSpace(c) || c == 0x2026 ||
             c == 0xBF || c == 0xA1 || c == 0x2022 || c == 0xB7 || isCurrency(c));
}

std::string lowerAscii(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    }
    return out;
}

template <size_t N>
bool inList(const std::array<std::string_view, N>& list, std::string_view lower) {
    return std::find(list.begin(), list.end(), lower) != list.end();
}

// Abbreviations that keep their period (lower case, without it).
constexpr std::array<std::string_view, 74> kAbbreviations = {
    "mr",   "mrs",    "ms",   "dr",   "prof", "sr",   "jr",  "st",   "mt",     "ft",    "gen",
    "lt",   "col",    "sgt",  "capt", "cmdr", "adm",  "gov", "sen",  "rep",    "pres",  "rev",
    "hon",  "messrs", "jan",  "feb",  "mar",  "apr",  "jun", "jul",  "aug",    "sep",   "sept",
    "oct",  "nov",    "dec",  "mon",  "tue",  "tues", "wed", "thu",  "thur",   "thurs", "fri",
    "sat",  "sun",    "no",   "nos",  "vs",   "etc",  "inc", "corp", "co",     "ltd",   "llc",
    "bros", "dept",   "univ", "ave",  "blvd", "rd",   "hwy", "est",  "approx", "fig",   "pp",
    "vol",  "ed",     "eds",  "cf",   "al",   "mln",  "bln", "ca"};

// Abbreviations that precede what they belong to, so never end a sentence.
constexpr std::array<std::string_view, 42> kNonFinal = {
    "mr",  "mrs", "ms",  "dr",  "prof", "gen",  "lt",  "col",    "sgt", "capt", "cmdr",
    "adm", "gov", "sen", "rep", "pres", "rev",  "hon", "messrs", "jan", "feb",  "mar",
    "apr", "jun", "jul", "aug", "sep",  "sept", "oct", "nov",    "dec", "no",   "nos",
    "vs",  "fig", "pp",  "vol", "cf",   "e.g",  "i.e", "mt",     "ft"};

// Words that start sentences often and proper-noun phrases rarely: after an
// ambiguous abbreviation ("U.S.", "Inc.") a sentence ends only before one of these.
constexpr std::array<std::string_view, 40> kSentenceStarters = {
    "the",  "a",    "an",    "he",      "she",       "it",        "they", "we",   "i",   "you",
    "this", "that", "these", "those",   "there",     "in",        "on",   "at",   "but", "and",
    "so",   "if",   "when",  "while",   "after",     "before",    "his",  "her",  "its", "their",
    "our",  "my",   "as",    "however", "meanwhile", "according", "for",  "what", "why", "how"};

// Prefixes that EWT keeps attached by their hyphen ("e-mail", "co-workers").
constexpr std::array<std::string_view, 22> kHyphenPrefixes = {
    "e",  "co",   "pre", "post",  "non",   "semi",  "re",   "pro",   "anti", "multi",   "mid",
    "ex", "self", "sub", "inter", "intra", "micro", "over", "under", "de",   "counter", "vice"};

// Words that a hard-wrapped line of prose may end with.
constexpr std::array<std::string_view, 18> kContinuations = {
    "the", "a",  "an", "of", "to",   "and", "or",   "with", "in",
    "for", "on", "at", "by", "from", "as",  "that", "but",  "is"};

// ---- splitting a whitespace-delimited chunk into words ----------------------

struct Span {
    size_t begin, end;
};

class ChunkSplitter {
public:
    ChunkSplitter(std::string_view text, std::vector<Span>& out) : t_(text), out_(out) {}

    void split(size_t b, size_t e) {
        std::vector<Span> tail;  // peeled from the end, in reverse order
        size_t len = 0;
        // Leading punctuation: quotes, brackets, currency, bullets, dashes.
        while (b < e) {
            char32_t c = decode(t_, b, len);
            if (isOpenQuote(c) || isOpenBracket(c) || isCurrency(c) || c == 0xBF || c == 0xA1 ||
                c == 0x2022 || c == '*' || isDash(c)) {
                if (c == '\'' && b + 1 < e && isDigit(static_cast<unsigned char>(t_[b + 1])))
                    break;  // '90s
                out_.push_back({b, b + len});
                b += len;
            } else if (c == '-' || c == '.') {
                size_t r = run(b, e, static_cast<char>(c));
                if (r == e - b && c == '-') break;
                if (c == '.' && r == 1 && b + 1 < e &&
                    isDigit(static_cast<unsigned char>(t_[b + 1])))
                    break;  // .5
                out_.push_back({b, b + r});
                b += r;
            } else {
                break;
            }
        }
        // Trailing punctuation.
        while (e > b) {
            char32_t c = decodeBefore(t_, e, len);
            if (c == '.') {
                size_t r = runBefore(b, e, '.');
                if (r == 1 && keepsPeriod(b, e)) break;
                tail.push_back({e - r, e});
                e -= r;
            } else if (c == '!' || c == '?') {
                size_t s = e;
                while (s > b && (t_[s - 1] == '!' || t_[s - 1] == '?')) --s;
                tail.push_back({s, e});
                e = s;
            } else if (isCloseQuote(c) || isCloseBracket(c) || c == ',' || c == ';' || c == ':' ||
                       c == 0x2026 || c == '%' || isDash(c)) {
                if (isApostrophe(c) && endsWithClitic(b, e)) break;
                tail.push_back({e - len, e});
                e -= len;
            } else if (c == '-' && e - b > 1) {
                size_t r = runBefore(b, e, '-');
                if (r == e - b) break;
                tail.push_back({e - r, e});
                e -= r;
            } else {
                break;
            }
        }
        if (b < e) core(b, e);
        for (auto it = tail.rbegin(); it != tail.rend(); ++it) out_.push_back(*it);
    }

private:
    size_t run(size_t b, size_t e, char c) const {
        size_t i = b;
        while (i < e && t_[i] == c) ++i;
        return i - b;
    }
    size_t runBefore(size_t b, size_t e, char c) const {
        size_t i = e;
        while (i > b && t_[i - 1] == c) --i;
        return e - i;
    }

    // Whether t_[b, e) (ending in one '.') is an abbreviation, an initial or an
    // acronym with periods, so that the period belongs to the word.
    bool keepsPeriod(size_t b, size_t e) const {
        std::string_view w = t_.substr(b, e - 1 - b);
        if (w.empty()) return false;
        if (w.size() == 1 && isAsciiAlpha(static_cast<unsigned char>(w[0])))
            return true;  // initial
        if (inList(kAbbreviations, lowerAscii(w))) return true;
        // Letters separated by periods: U.S, e.g, p.m, Ph.D
        bool dots = false;
        for (char c : w) {
            if (c == '.')
                dots = true;
            else if (!isAsciiAlpha(static_cast<unsigned char>(c)))
                return false;
        }
        return dots && w.back() != '.';
    }

    bool endsWithClitic(size_t b, size_t e) const {
        // "'" ending a word is a closing quote or the possessive of a plural ("states'"),
        // both separate words in EWT; only "o'" style words would keep it. Never keep.
        (void)b;
        (void)e;
        return false;
    }

    static bool isUrl(std::string_view w) {
        std::string l = lowerAscii(w);
        if (l.find("://") != std::string::npos || l.starts_with("www.")) return true;
        size_t at = l.find('@');
        if (at != std::string::npos && at > 0 && l.find('.', at) != std::string::npos &&
            l.find('.', at) + 1 < l.size()) {
            return true;  // e-mail
        }
        // bare domains: letters.letters ending in a common top-level domain
        for (std::string_view tld : {".com", ".org", ".net", ".gov", ".edu", ".html", ".htm"}) {
            if (l.size() > tld.size() + 1 && l.ends_with(tld)) return true;
        }
        return false;
    }

    // The middle of a chunk: URLs whole; else split at dashes, ellipses and
    // slashes between words, then hyphens and clitics.
    void core(size_t b, size_t e) {
        if (isUrl(t_.substr(b, e - b))) {
            out_.push_back({b, e});
            return;
        }
        size_t start = b, i = b, len = 0;
        while (i < e) {
            char32_t c = decode(t_, i, len);
            size_t sep = 0;
            if (isDash(c) || c == 0x2026)
                sep = len;
            else if (c == '-' && i + 1 < e && t_[i + 1] == '-')
                sep = run(i, e, '-');
            else if (c == '.' && i + 2 < e && t_[i + 1] == '.' && t_[i + 2] == '.')
                sep = run(i, e, '.');
            else if ((c == '/' || c == ',' || c == ';' || c == '(' || c == ')' || c == '"') &&
                     i > b && i + 1 < e &&
                     !(isDigit(static_cast<unsigned char>(t_[i - 1])) &&
                       isDigit(static_cast<unsigned char>(t_[i + 1])))) {
                sep = 1;
            }
            if (sep == 0) {
                i += len;
                continue;
            }
            if (i > start) word(start, i);
            out_.push_back({i, i + sep});
            i += sep;
            start = i;
        }
        if (start < e) word(start, e);
    }

    // A word without outer punctuation: hyphens, then clitics.
    void word(size_t b, size_t e) {
        size_t start = b;
        for (size_t i = b + 1; i + 1 < e; ++i) {
            if (t_[i] != '-') continue;
            size_t l1 = 0, l2 = 0;
            char32_t before = decodeBefore(t_, i, l1);
            char32_t after = decode(t_, i + 1, l2);
            if (!isWordChar(before) || !isWordChar(after)) continue;
            if (start == b && inList(kHyphenPrefixes, lowerAscii(t_.substr(b, i - b)))) continue;
            clitics(start, i);
            out_.push_back({i, i + 1});
            start = i + 1;
        }
        clitics(start, e);
    }

    void clitics(size_t b, size_t e) {
        std::string l = lowerAscii(t_.substr(b, e - b));
        // Normalize the curly apostrophe (3 bytes) to ' for matching, remembering byte lengths.
        auto endsWith = [&](std::string_view suffix, size_t& bytes) {
            // Try the straight form, then the curly one.
            if (l.size() > suffix.size() && l.ends_with(suffix)) {
                bytes = suffix.size();
                return true;
            }
            size_t q = suffix.find('\'');
            if (q == std::string_view::npos) return false;
            std::string curly = std::string(suffix.substr(0, q)) + "\xE2\x80\x99" +
                                std::string(suffix.substr(q + 1));
            if (l.size() > curly.size() && l.ends_with(curly)) {
                bytes = curly.size();
                return true;
            }
            return false;
        };
        size_t bytes = 0;
        if (endsWith("n't", bytes)) return emit2(b, e - bytes, e);
        for (std::string_view s : {"'s", "'m", "'re", "'ve", "'ll", "'d"}) {
            if (endsWith(s, bytes)) return emit2(b, e - bytes, e);
        }
        struct Fixed {
            std::string_view word;
            size_t cut;
        };
        static constexpr Fixed kFixed[] = {
            {"cannot", 3},  {"gonna", 3},    {"wanna", 3}, {"gotta", 3},  {"dont", 2},
            {"didnt", 3},   {"doesnt", 4},   {"isnt", 2},  {"wasnt", 3},  {"couldnt", 5},
            {"wouldnt", 5}, {"shouldnt", 6}, {"arent", 3}, {"werent", 4}, {"havent", 4},
            {"hasnt", 3},   {"hadnt", 3},    {"aint", 2}};
        for (const Fixed& f : kFixed) {
            if (l == f.word) return emit2(b, b + f.cut, e);
        }
        out_.push_back({b, e});
    }

    void emit2(size_t b, size_t mid, size_t e) {
        if (mid > b) out_.push_back({b, mid});
        out_.push_back({mid, e});
    }

    std::string_view t_;
    std::vector<Span>& out_;
};

// ---- sentence splitting ------------------------------------------------------

bool isFinalPunct(std::string_view w) {
    if (w.empty()) return false;
    if (w == "\xE2\x80\xA6") return true;
    char c = w[0];
    return (c == '.' || c == '!' || c == '?') &&
           w.find_first_not_of(".!?") == std::string_view::npos;
}

bool isClosing(std::string_view w) {
    size_t len = 0;
    char32_t c = decode(w, 0, len);
    return len == w.size() && (isCloseQuote(c) || isCloseBracket(c));
}

bool startsSentence(std::string_view w) {
    size_t len = 0;
    char32_t c = decode(w, 0, len);
    return isUpper(c) || isDigit(c) || isOpenQuote(c) || isOpenBracket(c) || isCurrency(c) ||
           c == 0x2022 || c == '*' || c == '-' || isDash(c) ||
           (c >= 0x80 && !isWordChar(c) && false) ||
           (c >= 0x100 && isWordChar(c) && w != "\xE2\x80\xA6");
}

}  // namespace

std::vector<Sentence> tokenize(std::string_view text) {
    // 1. Words, with the number of line breaks in the whitespace before each.
    std::vector<Span> spans;
    std::vector<int> breaksBefore;
    ChunkSplitter splitter(text, spans);
    size_t i = 0, len = 0;
    int breaks = 0;
    while (i < text.size()) {
        char32_t c = decode(text, i, len);
        if (isSpace(c)) {
            breaks += c == '\n';
            i += len;
            continue;
        }
        size_t b = i;
        while (i < text.size()) {
            c = decode(text, i, len);
            if (isSpace(c)) break;
            i += len;
        }
        size_t before = spans.size();
        splitter.split(b, i);
        for (size_t k = before; k < spans.size(); ++k)
            breaksBefore.push_back(k == before ? breaks : 0);
        breaks = 0;
    }

    // 2. Sentence boundaries between words k-1 and k.
    auto form = [&](size_t k) {
        return text.substr(spans[k].begin, spans[k].end - spans[k].begin);
    };
    auto spaceBefore = [&](size_t k) { return k > 0 && spans[k].begin > spans[k - 1].end; };
    std::vector<Sentence> out;
    Sentence cur;
    constexpr size_t kMaxWords = 250;  // keeps pathological inputs (tables, lists) parseable
    // Closing quotes/brackets skipped when looking back for final punctuation: prose has a few
    // (`.")`), and an unbounded look-back made a run of 200,000 ')' take quadratic time.
    constexpr size_t kMaxClosingRun = 8;
    auto lastWordOfLine = [&](size_t k) {  // the word before k, skipping closing punctuation
        size_t stop = k > kMaxClosingRun ? k - kMaxClosingRun : 0;
        while (k > stop && isClosing(form(k - 1))) --k;
        return k > 0 ? form(k - 1) : std::string_view();
    };
    for (size_t k = 0; k < spans.size(); ++k) {
        bool boundary = false;
        if (k > 0 && !cur.tokens.empty()) {
            // Skip back over closing quotes/brackets attached to final punctuation.
            size_t j = k;
            size_t stop = k > kMaxClosingRun ? k - kMaxClosingRun : 0;
            while (j > stop && isClosing(form(j - 1)) && !spaceBefore(j - 1)) --j;
            std::string_view prev = j > 0 ? form(j - 1) : std::string_view();
            std::string_view next = form(k);
            if (breaksBefore[k] >= 2) {
                boundary = true;
            } else if (isFinalPunct(prev) && spaceBefore(k)) {
                bool ellipsis = prev.size() > 1 && prev[0] == '.';
                ellipsis |= prev == "\xE2\x80\xA6";
                boundary = breaksBefore[k] > 0 ||
                           (ellipsis ? isUpper(decode(next, 0, len)) : startsSentence(next));
            } else if (prev.size() > 1 && prev.back() == '.' && spaceBefore(k) && j == k) {
                // An abbreviation keeping its period: ends a sentence only before a likely start.
                std::string w = lowerAscii(prev.substr(0, prev.size() - 1));
                bool initial = prev.size() == 2;
                if (!initial && !inList(kNonFinal, w)) {
                    boundary = inList(kSentenceStarters, lowerAscii(next)) &&
                               isUpper(decode(next, 0, len));
                }
            }
            if (!boundary && breaksBefore[k] == 1) {
                // A single line break: a new sentence unless this looks like wrapped prose.
                std::string_view last = lastWordOfLine(k);
                bool wrapped = last == "," || last == ":" || last == ";" || last == "-" ||
                               inList(kContinuations, lowerAscii(last));
                size_t nl = 0;
                char32_t c0 = decode(next, 0, nl);
                boundary = !wrapped && (startsSentence(next) && !(c0 >= 'a' && c0 <= 'z'));
            }
            boundary |= cur.tokens.size() >= kMaxWords;
        }
        if (boundary) {
            out.push_back(std::move(cur));
            cur = Sentence();
        }
        Token t;
        t.form = std::string(form(k));
        t.begin = spans[k].begin;
        t.end = spans[k].end;
        t.spaceAfter = !(k + 1 < spans.size() && spans[k + 1].begin == spans[k].end);
        if (cur.tokens.empty()) cur.begin = t.begin;
        cur.end = t.end;
        cur.tokens.push_back(std::move(t));
    }
    if (!cur.tokens.empty()) out.push_back(std::move(cur));
    return out;
}

}  // namespace kgraph::nlp
