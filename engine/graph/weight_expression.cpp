#include "engine/graph/weight_expression.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "engine/common/error.h"

namespace kgraph::graph {

// Recursive descent over   sum := product (('+'|'-') product)*
//                          product := unary (('*'|'/') unary)*
//                          unary := '-' unary | '(' sum ')' | number | name
class WeightExpression::Parser {
public:
    Parser(std::string_view text, WeightExpression& out) : text_(text), out_(out) {}

    void run() {
        sum();
        skipSpace();
        if (pos_ != text_.size()) fail("unexpected '" + std::string(1, text_[pos_]) + "'");
    }

private:
    void sum() {
        product();
        for (;;) {
            skipSpace();
            if (eat('+')) {
                product();
                emit(Step::Add);
            } else if (eat('-')) {
                product();
                emit(Step::Subtract);
            } else {
                return;
            }
        }
    }
    void product() {
        unary();
        for (;;) {
            skipSpace();
            if (eat('*')) {
                unary();
                emit(Step::Multiply);
            } else if (eat('/')) {
                unary();
                emit(Step::Divide);
            } else {
                return;
            }
        }
    }
    void unary() {
        skipSpace();
        if (pos_ == text_.size()) fail("the expression ends too early");
        char c = text_[pos_];
        if (eat('-')) {
            if (++depth_ > 100) fail("too deeply nested");
            unary();
            --depth_;
            emit(Step::Negate);
        } else if (eat('(')) {
            if (++depth_ > 100) fail("too deeply nested");
            sum();
            --depth_;
            skipSpace();
            if (!eat(')')) fail("expected ')'");
        } else if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') {
            number();
        } else if (c == '`') {
            size_t end = text_.find('`', pos_ + 1);
            if (end == std::string_view::npos) fail("unterminated `name`");
            property(std::string(text_.substr(pos_ + 1, end - pos_ - 1)));
            pos_ = end + 1;
        } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
            size_t start = pos_;
            while (pos_ < text_.size() &&
                   (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_')) {
                ++pos_;
            }
            property(std::string(text_.substr(start, pos_ - start)));
        } else {
            fail("unexpected '" + std::string(1, c) + "'");
        }
    }
    void number() {
        size_t start = pos_;
        while (pos_ < text_.size() &&
               (std::isdigit(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '.' ||
                text_[pos_] == 'e' || text_[pos_] == 'E' ||
                ((text_[pos_] == '-' || text_[pos_] == '+') && pos_ > start &&
                 (text_[pos_ - 1] == 'e' || text_[pos_ - 1] == 'E')))) {
            ++pos_;
        }
        double v = 0;
        auto [ptr, ec] = std::from_chars(text_.data() + start, text_.data() + pos_, v);
        if (ec != std::errc() || ptr != text_.data() + pos_) {
            pos_ = start;
            fail("bad number");
        }
        Step s{Step::Constant};
        s.constant = v;
        out_.program_.push_back(s);
    }
    void property(std::string name) {
        auto& props = out_.properties_;
        auto it = std::find(props.begin(), props.end(), name);
        Step s{Step::Property};
        s.property = static_cast<size_t>(it - props.begin());
        if (it == props.end()) props.push_back(std::move(name));
        out_.program_.push_back(s);
    }
    void emit(Step::Kind k) { out_.program_.push_back(Step{k}); }
    bool eat(char c) {
        if (pos_ < text_.size() && text_[pos_] == c) {
            ++pos_;
            return true;
        }
        return false;
    }
    void skipSpace() {
        while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
    }
    [[noreturn]] void fail(const std::string& what) {
        throw Error("bad weight '" + std::string(text_) + "' at column " +
                    std::to_string(pos_ + 1) + ": " + what +
                    "; write arithmetic over relationship properties, e.g. '1 - confidence'");
    }

    std::string_view text_;
    WeightExpression& out_;
    size_t pos_ = 0;
    int depth_ = 0;
};

WeightExpression WeightExpression::parse(std::string_view text) {
    WeightExpression w;
    w.text_ = std::string(text);
    Parser(text, w).run();
    return w;
}

double WeightExpression::evaluate(const std::vector<double>& values) const {
    double stack[64];
    size_t top = 0;
    for (const Step& s : program_) {
        switch (s.kind) {
            case Step::Constant:
                stack[top++] = s.constant;
                break;
            case Step::Property:
                stack[top++] = values[s.property];
                break;
            case Step::Negate:
                stack[top - 1] = -stack[top - 1];
                break;
            default: {
                double b = stack[--top];
                double& a = stack[top - 1];
                if (s.kind == Step::Add) a += b;
                if (s.kind == Step::Subtract) a -= b;
                if (s.kind == Step::Multiply) a *= b;
                if (s.kind == Step::Divide) a /= b;
            }
        }
        if (top == std::size(stack)) throw Error("weight '" + text_ + "' is nested too deeply");
    }
    return stack[0];
}

}  // namespace kgraph::graph
