#include "tests/tck/tck_value.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>

#include "engine/common/error.h"

namespace kgraph::tck {

namespace {

class Parser {
public:
    explicit Parser(const std::string& t) : t_(t) {}

    Expected parseAll() {
        Expected v = value();
        skip();
        if (p_ != t_.size()) fail("unexpected text");
        return v;
    }

private:
    [[noreturn]] void fail(const std::string& why) {
        throw Error("cannot read expected value `" + t_ + "` at " + std::to_string(p_) + ": " +
                    why);
    }
    void skip() {
        while (p_ < t_.size() && std::isspace(static_cast<unsigned char>(t_[p_]))) ++p_;
    }
    bool eat(char c) {
        skip();
        if (p_ < t_.size() && t_[p_] == c) {
            ++p_;
            return true;
        }
        return false;
    }
    void expect(char c) {
        if (!eat(c)) fail(std::string("expected '") + c + "'");
    }
    bool word(const char* w) {
        skip();
        size_t n = std::char_traits<char>::length(w);
        if (t_.compare(p_, n, w) != 0) return false;
        if (p_ + n < t_.size() &&
            (std::isalnum(static_cast<unsigned char>(t_[p_ + n])) || t_[p_ + n] == '_')) {
            return false;
        }
        p_ += n;
        return true;
    }
    std::string name() {
        skip();
        if (p_ < t_.size() && t_[p_] == '`') {
            size_t e = t_.find('`', p_ + 1);
            if (e == std::string::npos) fail("unterminated `");
            std::string n = t_.substr(p_ + 1, e - p_ - 1);
            p_ = e + 1;
            return n;
        }
        size_t b = p_;
        while (p_ < t_.size() && (std::isalnum(static_cast<unsigned char>(t_[p_])) ||
                                  t_[p_] == '_' || static_cast<unsigned char>(t_[p_]) >= 0x80)) {
            ++p_;
        }
        if (b == p_) fail("expected a name");
        return t_.substr(b, p_ - b);
    }
    std::map<std::string, Expected> mapBody() {  // after '{'
        std::map<std::string, Expected> m;
        if (eat('}')) return m;
        do {
            std::string k = name();
            expect(':');
            m[k] = value();
        } while (eat(','));
        expect('}');
        return m;
    }
    Expected node() {  // after '('
        Expected n;
        n.kind = Expected::Kind::Node;
        skip();
        if (p_ < t_.size() && t_[p_] != ':' && t_[p_] != '{' && t_[p_] != ')') name();
        while (eat(':')) n.labels.push_back(name());
        std::sort(n.labels.begin(), n.labels.end());
        if (eat('{')) n.props = mapBody();
        expect(')');
        return n;
    }
    Expected rel() {  // after '['
        Expected r;
        r.kind = Expected::Kind::Rel;
        skip();
        if (p_ < t_.size() && t_[p_] != ':' && t_[p_] != '{' && t_[p_] != ']') name();
        if (eat(':')) r.s = name();
        if (eat('{')) r.props = mapBody();
        expect(']');
        return r;
    }
    Expected path() {  // after '<'
        Expected p;
        p.kind = Expected::Kind::Path;
        expect('(');
        p.items.push_back(node());
        while (!eat('>')) {
            bool back = eat('<');
            expect('-');
            expect('[');
            Expected r = rel();
            expect('-');
            bool fwd = eat('>');
            if (fwd == back) fail("a path relationship needs one direction");
            expect('(');
            p.items.push_back(std::move(r));
            p.items.push_back(node());
            p.forward.push_back(fwd);
        }
        return p;
    }
    Expected number() {
        size_t b = p_;
        if (t_[p_] == '-' || t_[p_] == '+') ++p_;
        if (t_.compare(p_, 8, "Infinity") == 0) {
            p_ += 8;
            Expected v;
            v.kind = Expected::Kind::Float;
            v.f = t_[b] == '-' ? -INFINITY : INFINITY;
            return v;
        }
        bool isFloat = false;
        if (t_.compare(p_, 2, "0x") == 0 || t_.compare(p_, 2, "0o") == 0) {
            // hexadecimal/octal integer literals as the TCK sometimes writes them
            int base = t_[p_ + 1] == 'x' ? 16 : 8;
            p_ += 2;
            size_t d = p_;
            while (p_ < t_.size() && std::isxdigit(static_cast<unsigned char>(t_[p_]))) ++p_;
            Expected v;
            v.kind = Expected::Kind::Int;
            v.i = static_cast<int64_t>(std::strtoull(t_.substr(d, p_ - d).c_str(), nullptr, base));
            if (t_[b] == '-') v.i = -v.i;
            return v;
        }
        while (p_ < t_.size()) {
            char c = t_[p_];
            if (std::isdigit(static_cast<unsigned char>(c))) {
                ++p_;
            } else if (c == '.' || c == 'e' || c == 'E') {
                isFloat = true;
                ++p_;
                if ((c == 'e' || c == 'E') && p_ < t_.size() && (t_[p_] == '-' || t_[p_] == '+')) {
                    ++p_;
                }
            } else {
                break;
            }
        }
        std::string text = t_.substr(b, p_ - b);
        if (text.empty() || text == "-" || text == "+") fail("expected a value");
        Expected v;
        if (isFloat) {
            v.kind = Expected::Kind::Float;
            v.f = std::strtod(text.c_str(), nullptr);
        } else {
            v.kind = Expected::Kind::Int;
            errno = 0;
            v.i = std::strtoll(text.c_str(), nullptr, 10);
            if (errno == ERANGE) fail("integer out of range");
        }
        return v;
    }
    Expected string(char quote) {  // after the quote
        Expected v;
        v.kind = Expected::Kind::String;
        while (true) {
            if (p_ >= t_.size()) fail("unterminated string");
            char c = t_[p_++];
            if (c == quote) break;
            if (c == '\\' && p_ < t_.size()) {
                char e = t_[p_++];
                switch (e) {
                    case 'n':
                        v.s += '\n';
                        break;
                    case 't':
                        v.s += '\t';
                        break;
                    case 'r':
                        v.s += '\r';
                        break;
                    case 'b':
                        v.s += '\b';
                        break;
                    case 'f':
                        v.s += '\f';
                        break;
                    case '0':
                        v.s += '\0';
                        break;
                    default:
                        v.s += e;
                }
                continue;
            }
            v.s += c;
        }
        return v;
    }
    Expected value() {
        skip();
        if (p_ >= t_.size()) fail("expected a value");
        char c = t_[p_];
        Expected v;
        if (c == '\'' || c == '"') {
            ++p_;
            return string(c);
        }
        if (c == '[') {
            ++p_;
            skip();
            if (p_ < t_.size() && t_[p_] == ':') return rel();
            v.kind = Expected::Kind::List;
            if (eat(']')) return v;
            // "[]" handled above; a relationship without type "[{k: v}]" is not TCK notation
            do v.items.push_back(value());
            while (eat(','));
            expect(']');
            return v;
        }
        if (c == '{') {
            ++p_;
            v.kind = Expected::Kind::Map;
            v.props = mapBody();
            return v;
        }
        if (c == '(') {
            ++p_;
            return node();
        }
        if (c == '<') {
            ++p_;
            return path();
        }
        if (word("null")) return v;
        if (word("true") || word("false")) {
            v.kind = Expected::Kind::Bool;
            v.b = t_[p_ - 1] == 'e' && t_[p_ - 2] == 'u';
            return v;
        }
        if (word("Inf") || word("Infinity")) {
            v.kind = Expected::Kind::Float;
            v.f = INFINITY;
            return v;
        }
        if (t_.compare(p_, 4, "-Inf") == 0) {
            ++p_;
            if (!word("Infinity")) word("Inf");
            v.kind = Expected::Kind::Float;
            v.f = -INFINITY;
            return v;
        }
        if (word("NaN")) {
            v.kind = Expected::Kind::Float;
            v.f = NAN;
            return v;
        }
        return number();
    }

    const std::string& t_;
    size_t p_ = 0;
};

bool sameFloat(double a, double b) {
    if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
    if (a == b) return true;
    // the TCK prints Java's shortest representation; allow the last digit to differ
    return std::fabs(a - b) <= 1e-15 * std::max(std::fabs(a), std::fabs(b));
}

bool propsMatch(const std::map<std::string, Expected>& want, const query::ValueMap& got,
                bool unordered) {
    size_t nonNull = 0;
    for (const auto& [k, v] : got) {
        if (!v.isNull()) ++nonNull;
    }
    if (nonNull != want.size()) return false;
    for (const auto& [k, w] : want) {
        auto it = got.find(k);
        if (it == got.end() || !matches(w, it->second, unordered)) return false;
    }
    return true;
}

bool nodeMatches(const Expected& w, const query::NodeValue& n, bool unordered) {
    std::vector<std::string> labels = n.labels;
    std::sort(labels.begin(), labels.end());
    return labels == w.labels && propsMatch(w.props, n.properties, unordered);
}

bool relMatches(const Expected& w, const query::RelationshipValue& r, bool unordered) {
    return r.type == w.s && propsMatch(w.props, r.properties, unordered);
}

}  // namespace

Expected parseExpected(const std::string& text) { return Parser(text).parseAll(); }

bool matches(const Expected& want, const query::Value& got, bool unordered) {
    using K = Expected::Kind;
    switch (want.kind) {
        case K::Null:
            return got.isNull();
        case K::Bool:
            return got.isBool() && got.asBool() == want.b;
        case K::Int:
            return got.isInt() && got.asInt() == want.i;
        case K::Float:
            return got.isFloat() && sameFloat(got.asFloat(), want.f);
        case K::String:
            return got.isString() && got.asString() == want.s;
        case K::Map:
            if (!got.isMap() || got.asMap().size() != want.props.size()) return false;
            for (const auto& [k, w] : want.props) {
                auto it = got.asMap().find(k);
                if (it == got.asMap().end() || !matches(w, it->second, unordered)) return false;
            }
            return true;
        case K::List: {
            if (!got.isList() || got.asList().size() != want.items.size()) return false;
            const auto& l = got.asList();
            if (!unordered) {
                for (size_t i = 0; i < l.size(); ++i) {
                    if (!matches(want.items[i], l[i], unordered)) return false;
                }
                return true;
            }
            std::vector<bool> used(l.size(), false);
            for (const auto& w : want.items) {
                bool found = false;
                for (size_t i = 0; i < l.size() && !found; ++i) {
                    if (!used[i] && matches(w, l[i], unordered)) used[i] = found = true;
                }
                if (!found) return false;
            }
            return true;
        }
        case K::Node:
            return got.isNode() && nodeMatches(want, got.asNode(), unordered);
        case K::Rel:
            return got.isRelationship() && relMatches(want, got.asRelationship(), unordered);
        case K::Path: {
            if (!got.isPath()) return false;
            const auto& p = got.asPath();
            size_t rels = want.forward.size();
            if (p.nodes.size() != rels + 1 || p.relationships.size() != rels) return false;
            for (size_t i = 0; i <= rels; ++i) {
                if (!nodeMatches(want.items[2 * i], p.nodes[i], unordered)) return false;
            }
            for (size_t i = 0; i < rels; ++i) {
                const auto& r = p.relationships[i];
                if (!relMatches(want.items[2 * i + 1], r, unordered)) return false;
                bool fwd = r.src == p.nodes[i].id && r.dst == p.nodes[i + 1].id;
                bool bwd = r.dst == p.nodes[i].id && r.src == p.nodes[i + 1].id;
                if (want.forward[i] ? !fwd : !bwd) return false;
            }
            return true;
        }
    }
    return false;
}

}  // namespace kgraph::tck
