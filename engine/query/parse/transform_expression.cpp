// Transformer: expressions, from the loosest binding operator to atoms and literals.
#include <cerrno>
#include <cstdlib>

#include "engine/common/error.h"
#include "engine/query/parse/transformer.h"
#include "engine/text/ascii.h"
#include "engine/text/utf8.h"

namespace kgraph::query {

namespace {

ast::ExprPtr makeExpr(ast::ExprKind kind, ast::Position pos) {
    auto e = std::make_unique<ast::Expr>();
    e->kind = kind;
    e->pos = pos;
    return e;
}

bool isDigits(const std::string& s) {
    if (s.empty()) return false;
    for (char c : s) {
        if (c < '0' || c > '9') return false;
    }
    return true;
}

}  // namespace

std::string unescapeString(std::string_view token) {
    std::string out;
    std::string_view body = token.substr(1, token.size() - 2);
    for (size_t i = 0; i < body.size(); ++i) {
        char c = body[i];
        if (c != '\\' || i + 1 >= body.size()) {
            out += c;
            continue;
        }
        char e = body[++i];
        switch (e) {
            case 'b':
                out += '\b';
                break;
            case 'f':
                out += '\f';
                break;
            case 'n':
                out += '\n';
                break;
            case 'r':
                out += '\r';
                break;
            case 't':
                out += '\t';
                break;
            case 'u':
            case 'U': {
                size_t len = e == 'u' ? 4 : 8;
                uint32_t cp = static_cast<uint32_t>(
                    std::stoul(std::string(body.substr(i + 1, len)), nullptr, 16));
                text::appendUtf8(out, cp);
                i += len;
                break;
            }
            default:
                out += e;  // \\ \' \"
        }
    }
    return out;
}

// Operator chains become left-deep trees that later passes walk recursively.
void Transformer::checkChain(antlr4::ParserRuleContext& ctx, size_t operands) {
    constexpr size_t kMaxChain = 2000;
    if (operands > kMaxChain) {
        fail(ctx, "the expression is too long (more than " + std::to_string(kMaxChain) +
                      " operands in a row)");
    }
}

ast::ExprPtr Transformer::binary(ast::Op op, ast::ExprPtr l, ast::ExprPtr r, ast::Position pos) {
    auto e = makeExpr(ast::ExprKind::Binary, pos);
    e->op = op;
    e->children.push_back(std::move(l));
    e->children.push_back(std::move(r));
    return e;
}

ast::ExprPtr Transformer::transformExpression(P::ExpressionContext& ctx) {
    auto e = transformOr(*ctx.orExpression());
    e->text = textOf(ctx);
    return e;
}

ast::ExprPtr Transformer::transformOr(P::OrExpressionContext& ctx) {
    auto parts = ctx.xorExpression();
    checkChain(ctx, parts.size());
    auto e = transformXor(*parts[0]);
    for (size_t i = 1; i < parts.size(); ++i) {
        e = binary(ast::Op::Or, std::move(e), transformXor(*parts[i]), positionOf(ctx));
    }
    return e;
}

ast::ExprPtr Transformer::transformXor(P::XorExpressionContext& ctx) {
    auto parts = ctx.andExpression();
    checkChain(ctx, parts.size());
    auto e = transformAnd(*parts[0]);
    for (size_t i = 1; i < parts.size(); ++i) {
        e = binary(ast::Op::Xor, std::move(e), transformAnd(*parts[i]), positionOf(ctx));
    }
    return e;
}

ast::ExprPtr Transformer::transformAnd(P::AndExpressionContext& ctx) {
    auto parts = ctx.notExpression();
    checkChain(ctx, parts.size());
    auto e = transformNot(*parts[0]);
    for (size_t i = 1; i < parts.size(); ++i) {
        e = binary(ast::Op::And, std::move(e), transformNot(*parts[i]), positionOf(ctx));
    }
    return e;
}

ast::ExprPtr Transformer::transformNot(P::NotExpressionContext& ctx) {
    auto e = transformComparison(*ctx.comparisonExpression());
    for (size_t i = 0; i < ctx.NOT().size(); ++i) {
        auto n = makeExpr(ast::ExprKind::Unary, positionOf(ctx));
        n->op = ast::Op::Not;
        n->children.push_back(std::move(e));
        e = std::move(n);
    }
    return e;
}

// a < b < c means a < b AND b < c.
ast::ExprPtr Transformer::transformComparison(P::ComparisonExpressionContext& ctx) {
    auto first = transformStringListNull(*ctx.stringListNullPredicateExpression());
    auto partials = ctx.partialComparisonExpression();
    if (partials.empty()) return first;
    auto opOf = [](const std::string& t) {
        if (t == "=") return ast::Op::Eq;
        if (t == "<>") return ast::Op::Ne;
        if (t == "<") return ast::Op::Lt;
        if (t == ">") return ast::Op::Gt;
        if (t == "<=") return ast::Op::Le;
        return ast::Op::Ge;
    };
    ast::ExprPtr result;
    P::StringListNullPredicateExpressionContext* leftCtx = ctx.stringListNullPredicateExpression();
    ast::ExprPtr left = std::move(first);
    for (auto* p : partials) {
        auto right = transformStringListNull(*p->stringListNullPredicateExpression());
        auto cmp =
            binary(opOf(p->op->getText()), std::move(left), std::move(right), positionOf(*p));
        result = result ? binary(ast::Op::And, std::move(result), std::move(cmp), positionOf(ctx))
                        : std::move(cmp);
        leftCtx = p->stringListNullPredicateExpression();
        left = transformStringListNull(*leftCtx);
    }
    return result;
}

ast::ExprPtr Transformer::transformStringListNull(
    P::StringListNullPredicateExpressionContext& ctx) {
    auto e = transformAddOrSubtract(*ctx.addOrSubtractExpression());
    for (size_t i = 1; i < ctx.children.size(); ++i) {
        auto* child = ctx.children[i];
        if (auto* s = dynamic_cast<P::StringPredicateContext*>(child)) {
            ast::Op op = s->STARTS()     ? ast::Op::StartsWith
                         : s->ENDS()     ? ast::Op::EndsWith
                         : s->CONTAINS() ? ast::Op::Contains
                                         : ast::Op::RegexMatch;
            e = binary(op, std::move(e), transformAddOrSubtract(*s->addOrSubtractExpression()),
                       positionOf(*s));
        } else if (auto* l = dynamic_cast<P::ListPredicateContext*>(child)) {
            e = binary(ast::Op::In, std::move(e),
                       transformAddOrSubtract(*l->addOrSubtractExpression()), positionOf(*l));
        } else if (auto* n = dynamic_cast<P::NullPredicateContext*>(child)) {
            auto isNull = makeExpr(ast::ExprKind::IsNull, positionOf(*n));
            isNull->negated = n->NOT() != nullptr;
            isNull->children.push_back(std::move(e));
            e = std::move(isNull);
        }
    }
    return e;
}

ast::ExprPtr Transformer::transformAddOrSubtract(P::AddOrSubtractExpressionContext& ctx) {
    auto parts = ctx.multiplyDivideModuloExpression();
    checkChain(ctx, parts.size());
    auto e = transformMultiplyDivideModulo(*parts[0]);
    for (size_t i = 1; i < parts.size(); ++i) {
        ast::Op op = ctx.ops[i - 1]->getText() == "+" ? ast::Op::Add : ast::Op::Sub;
        e = binary(op, std::move(e), transformMultiplyDivideModulo(*parts[i]),
                   positionOf(*ctx.ops[i - 1]));
    }
    return e;
}

ast::ExprPtr Transformer::transformMultiplyDivideModulo(
    P::MultiplyDivideModuloExpressionContext& ctx) {
    auto parts = ctx.powerOfExpression();
    checkChain(ctx, parts.size());
    auto e = transformPowerOf(*parts[0]);
    for (size_t i = 1; i < parts.size(); ++i) {
        std::string t = ctx.ops[i - 1]->getText();
        ast::Op op = t == "*" ? ast::Op::Mul : (t == "/" ? ast::Op::Div : ast::Op::Mod);
        e = binary(op, std::move(e), transformPowerOf(*parts[i]), positionOf(*ctx.ops[i - 1]));
    }
    return e;
}

ast::ExprPtr Transformer::transformPowerOf(P::PowerOfExpressionContext& ctx) {
    auto parts = ctx.unaryAddOrSubtractExpression();
    checkChain(ctx, parts.size());
    auto e = transformUnary(*parts[0]);
    for (size_t i = 1; i < parts.size(); ++i) {
        e = binary(ast::Op::Pow, std::move(e), transformUnary(*parts[i]), positionOf(*parts[i]));
    }
    return e;
}

ast::ExprPtr Transformer::transformUnary(P::UnaryAddOrSubtractExpressionContext& ctx) {
    if (ctx.nonArithmeticOperatorExpression()) {
        return transformNonArithmetic(*ctx.nonArithmeticOperatorExpression());
    }
    auto& inner = *ctx.unaryAddOrSubtractExpression();
    std::string innerText = inner.getText();
    // -9223372036854775808 is a literal of its own: the positive value does not fit.
    bool radix = innerText.size() > 2 && innerText[0] == '0' &&
                 (innerText[1] == 'x' || innerText[1] == 'X' || innerText[1] == 'o' ||
                  innerText[1] == 'O') &&
                 innerText.find_first_of(".eE+-", 2) == std::string::npos && innerText[1] != 'e';
    if (ctx.op->getText() == "-" && (isDigits(innerText) || radix)) {
        errno = 0;
        int base = !radix ? 10 : (innerText[1] == 'x' || innerText[1] == 'X') ? 16 : 8;
        std::string digits = radix ? innerText.substr(2) : innerText;
        long long v = std::strtoll(("-" + digits).c_str(), nullptr, base);
        if (errno == ERANGE) fail(ctx, "integer literal is too large: -" + innerText);
        auto e = makeExpr(ast::ExprKind::Literal, positionOf(ctx));
        e->value = Value(static_cast<int64_t>(v));
        return e;
    }
    auto operand = transformUnary(inner);
    auto e = makeExpr(ast::ExprKind::Unary, positionOf(ctx));
    e->op = ctx.op->getText() == "-" ? ast::Op::Negate : ast::Op::Plus;
    e->children.push_back(std::move(operand));
    return e;
}

ast::ExprPtr Transformer::transformNonArithmetic(P::NonArithmeticOperatorExpressionContext& ctx) {
    checkChain(ctx, ctx.children.size());  // a.b.c…, x[0][0]…: as deep as a chain of operators
    auto e = transformAtom(*ctx.atom());
    for (size_t i = 1; i < ctx.children.size(); ++i) {
        auto* child = ctx.children[i];
        if (auto* p = dynamic_cast<P::PropertyLookupContext*>(child)) {
            auto prop = makeExpr(ast::ExprKind::Property, positionOf(*p));
            prop->name = name(*p->propertyKeyName()->schemaName());
            prop->children.push_back(std::move(e));
            e = std::move(prop);
        } else if (auto* idx = dynamic_cast<P::ListIndexContext*>(child)) {
            auto x = makeExpr(ast::ExprKind::Index, positionOf(*idx));
            x->children.push_back(std::move(e));
            x->children.push_back(transformExpression(*idx->index));
            e = std::move(x);
        } else if (auto* sl = dynamic_cast<P::ListSliceContext*>(child)) {
            auto x = makeExpr(ast::ExprKind::Slice, positionOf(*sl));
            x->children.push_back(std::move(e));
            x->children.push_back(sl->from ? transformExpression(*sl->from) : nullptr);
            x->children.push_back(sl->to ? transformExpression(*sl->to) : nullptr);
            e = std::move(x);
        } else if (auto* labels = dynamic_cast<P::NodeLabelsContext*>(child)) {
            auto x = makeExpr(ast::ExprKind::HasLabels, positionOf(*labels));
            x->keys = transformNodeLabels(*labels);
            x->children.push_back(std::move(e));
            e = std::move(x);
        }
    }
    if (e->text.empty()) e->text = textOf(ctx);
    return e;
}

ast::ExprPtr Transformer::transformPropertyExpression(P::PropertyExpressionContext& ctx) {
    checkChain(ctx, ctx.children.size());
    auto e = transformAtom(*ctx.atom());
    for (auto* p : ctx.propertyLookup()) {
        auto prop = makeExpr(ast::ExprKind::Property, positionOf(*p));
        prop->name = name(*p->propertyKeyName()->schemaName());
        prop->children.push_back(std::move(e));
        e = std::move(prop);
    }
    e->text = textOf(ctx);
    return e;
}

ast::ExprPtr Transformer::transformAtom(P::AtomContext& ctx) {
    auto pos = positionOf(ctx);
    if (auto* a = dynamic_cast<P::LiteralAtomContext*>(&ctx))
        return transformLiteral(*a->literal());
    if (auto* a = dynamic_cast<P::ParameterAtomContext*>(&ctx)) {
        return transformParameter(*a->parameter());
    }
    if (auto* a = dynamic_cast<P::CaseAtomContext*>(&ctx))
        return transformCase(*a->caseExpression());
    if (dynamic_cast<P::CountStarAtomContext*>(&ctx)) {
        auto e = makeExpr(ast::ExprKind::CountStar, pos);
        e->name = "count";
        return e;
    }
    if (auto* a = dynamic_cast<P::ListComprehensionAtomContext*>(&ctx)) {
        return transformListComprehension(*a->listComprehension());
    }
    if (auto* a = dynamic_cast<P::PatternComprehensionAtomContext*>(&ctx)) {
        return transformPatternComprehension(*a->patternComprehension());
    }
    if (auto* a = dynamic_cast<P::QuantifierAtomContext*>(&ctx)) return transformQuantifier(*a);
    if (auto* a = dynamic_cast<P::PatternPredicateAtomContext*>(&ctx)) {
        auto e = makeExpr(ast::ExprKind::PatternPredicate, pos);
        e->pattern = transformRelationshipsPattern(*a->relationshipsPattern());
        return e;
    }
    if (dynamic_cast<P::ShortestPathAtomContext*>(&ctx)) {
        fail(ctx, "shortestPath() is only supported in MATCH patterns");
    }
    if (auto* a = dynamic_cast<P::ParenthesizedAtomContext*>(&ctx)) {
        return transformExpression(*a->expression());
    }
    if (auto* a = dynamic_cast<P::FunctionAtomContext*>(&ctx)) {
        return transformFunction(*a->functionInvocation());
    }
    if (auto* a = dynamic_cast<P::MapProjectionAtomContext*>(&ctx)) {
        return transformMapProjection(*a->mapProjection());
    }
    if (auto* a = dynamic_cast<P::VariableAtomContext*>(&ctx)) {
        auto e = makeExpr(ast::ExprKind::Variable, pos);
        e->name = name(*a->variable());
        return e;
    }
    fail(ctx, "unsupported expression");
}

ast::ExprPtr Transformer::transformMapProjection(P::MapProjectionContext& ctx) {
    auto pos = positionOf(ctx);
    auto variable = [&]() {
        auto v = makeExpr(ast::ExprKind::Variable, pos);
        v->name = name(*ctx.variable());
        v->text = v->name;
        return v;
    };
    auto e = makeExpr(ast::ExprKind::MapProjection, pos);
    e->children.push_back(variable());
    for (auto* item : ctx.mapProjectionItem()) {
        if (auto* p = dynamic_cast<P::MapPropertySelectorContext*>(item)) {
            auto prop = makeExpr(ast::ExprKind::Property, positionOf(*p));
            prop->name = name(*p->propertyKeyName()->schemaName());
            prop->children.push_back(variable());
            e->keys.push_back(prop->name);
            e->children.push_back(std::move(prop));
        } else if (dynamic_cast<P::MapAllPropertiesContext*>(item)) {
            e->allProperties = true;
        } else if (auto* l = dynamic_cast<P::MapLiteralEntryContext*>(item)) {
            e->keys.push_back(name(*l->propertyKeyName()->schemaName()));
            e->children.push_back(transformExpression(*l->expression()));
        } else if (auto* v = dynamic_cast<P::MapVariableSelectorContext*>(item)) {
            auto x = makeExpr(ast::ExprKind::Variable, positionOf(*v));
            x->name = name(*v->variable());
            e->keys.push_back(x->name);
            e->children.push_back(std::move(x));
        }
    }
    e->text = textOf(ctx);
    return e;
}

ast::ExprPtr Transformer::transformParameter(P::ParameterContext& ctx) {
    auto e = makeExpr(ast::ExprKind::Parameter, positionOf(ctx));
    e->name = ctx.symbolicName() ? name(*ctx.symbolicName()) : ctx.DecimalInteger()->getText();
    return e;
}

int64_t Transformer::transformInteger(P::IntegerLiteralContext& ctx) {
    std::string t = ctx.getText();
    errno = 0;
    unsigned long long v = 0;
    if (ctx.HexInteger()) {
        v = std::strtoull(t.c_str() + 2, nullptr, 16);
    } else if (ctx.OctalInteger()) {
        v = std::strtoull(t.c_str() + 2, nullptr, 8);
    } else {
        v = std::strtoull(t.c_str(), nullptr, 10);
    }
    if (errno == ERANGE || v > static_cast<unsigned long long>(INT64_MAX)) {
        fail(ctx, "integer literal is too large: " + t);
    }
    return static_cast<int64_t>(v);
}

ast::ExprPtr Transformer::transformLiteral(P::LiteralContext& ctx) {
    auto e = makeExpr(ast::ExprKind::Literal, positionOf(ctx));
    if (auto* n = dynamic_cast<P::NumberLitContext*>(&ctx)) {
        auto& num = *n->numberLiteral();
        if (num.integerLiteral()) {
            e->value = Value(transformInteger(*num.integerLiteral()));
        } else {
            std::string t = num.getText();
            errno = 0;
            double d = std::strtod(t.c_str(), nullptr);
            if (errno == ERANGE && (d > 1 || d < -1)) fail(ctx, "float literal is too large: " + t);
            e->value = Value(d);
        }
    } else if (dynamic_cast<P::StringLitContext*>(&ctx)) {
        e->value = Value(unescapeString(ctx.getText()));
    } else if (auto* b = dynamic_cast<P::BooleanLitContext*>(&ctx)) {
        e->value = Value(b->booleanLiteral()->TRUE_() != nullptr);
    } else if (dynamic_cast<P::NullLitContext*>(&ctx)) {
        e->value = Value();
    } else if (auto* m = dynamic_cast<P::MapLitContext*>(&ctx)) {
        return transformMapLiteral(*m->mapLiteral());
    } else if (auto* l = dynamic_cast<P::ListLitContext*>(&ctx)) {
        auto list = makeExpr(ast::ExprKind::ListLiteral, positionOf(ctx));
        for (auto* x : l->listLiteral()->expression()) {
            list->children.push_back(transformExpression(*x));
        }
        return list;
    }
    return e;
}

ast::ExprPtr Transformer::transformMapLiteral(P::MapLiteralContext& ctx) {
    auto e = makeExpr(ast::ExprKind::MapLiteral, positionOf(ctx));
    auto keys = ctx.propertyKeyName();
    auto values = ctx.expression();
    for (size_t i = 0; i < keys.size(); ++i) {
        e->keys.push_back(name(*keys[i]->schemaName()));
        e->children.push_back(transformExpression(*values[i]));
    }
    e->text = textOf(ctx);
    return e;
}

ast::ExprPtr Transformer::transformCase(P::CaseExpressionContext& ctx) {
    auto e = makeExpr(ast::ExprKind::Case, positionOf(ctx));
    if (ctx.subject) {
        e->hasSubject = true;
        e->children.push_back(transformExpression(*ctx.subject));
    }
    for (auto* alt : ctx.caseAlternative()) {
        e->children.push_back(transformExpression(*alt->when));
        e->children.push_back(transformExpression(*alt->then));
    }
    if (ctx.elseExpr) {
        e->hasElse = true;
        e->children.push_back(transformExpression(*ctx.elseExpr));
    }
    return e;
}

ast::ExprPtr Transformer::transformFunction(P::FunctionInvocationContext& ctx) {
    auto e = makeExpr(ast::ExprKind::FunctionCall, positionOf(ctx));
    e->name = textOf(*ctx.functionName());
    e->distinct = ctx.DISTINCT() != nullptr;
    for (auto* x : ctx.expression()) e->children.push_back(transformExpression(*x));
    e->text = textOf(ctx);
    return e;
}

ast::ExprPtr Transformer::transformListComprehension(P::ListComprehensionContext& ctx) {
    auto e = makeExpr(ast::ExprKind::ListComprehension, positionOf(ctx));
    auto& f = *ctx.filterExpression();
    e->variable = name(*f.variable());
    auto fx = f.expression();
    e->children.push_back(transformExpression(*fx[0]));
    e->children.push_back(fx.size() > 1 ? transformExpression(*fx[1]) : nullptr);
    e->children.push_back(ctx.expression() ? transformExpression(*ctx.expression()) : nullptr);
    return e;
}

ast::ExprPtr Transformer::transformPatternComprehension(P::PatternComprehensionContext& ctx) {
    auto e = makeExpr(ast::ExprKind::PatternComprehension, positionOf(ctx));
    e->pattern = transformRelationshipsPattern(*ctx.relationshipsPattern());
    if (ctx.variable()) e->pattern->pathVariable = name(*ctx.variable());
    auto xs = ctx.expression();
    e->children.push_back(xs.size() > 1 ? transformExpression(*xs[0]) : nullptr);
    e->children.push_back(transformExpression(*xs.back()));
    return e;
}

ast::ExprPtr Transformer::transformQuantifier(P::QuantifierAtomContext& ctx) {
    auto e = makeExpr(ast::ExprKind::Quantifier, positionOf(ctx));
    e->name = text::asciiLower(ctx.quantifier->getText());
    auto& f = *ctx.filterExpression();
    e->variable = name(*f.variable());
    auto fx = f.expression();
    e->children.push_back(transformExpression(*fx[0]));
    e->children.push_back(fx.size() > 1 ? transformExpression(*fx[1]) : nullptr);
    return e;
}

}  // namespace kgraph::query
