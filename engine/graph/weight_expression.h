// WeightExpression: the weight of a relationship for algo.shortestPath, written as
// arithmetic over the relationship's properties: 'weight', '1 - confidence',
// '2 * (1 - confidence) + 0.1'. Names are property keys (letters, digits, '_', or any text
// in backquotes); numbers; + - * / and parentheses; unary minus.
// Thread-safety: immutable after parse().
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kgraph::graph {

class WeightExpression {
public:
    // Throws kgraph::Error naming the position of a syntax error.
    static WeightExpression parse(std::string_view text);

    const std::string& text() const { return text_; }
    // The distinct property keys used, in order of first use.
    const std::vector<std::string>& properties() const { return properties_; }
    // The value, given the values of properties() in that order.
    double evaluate(const std::vector<double>& values) const;

private:
    struct Step {
        enum Kind { Constant, Property, Add, Subtract, Multiply, Divide, Negate } kind;
        double constant = 0;
        size_t property = 0;
    };
    class Parser;
    std::string text_;
    std::vector<std::string> properties_;
    std::vector<Step> program_;  // postfix
};

}  // namespace kgraph::graph
