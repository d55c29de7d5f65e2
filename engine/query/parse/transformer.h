// Transformer: ANTLR parse tree -> AST (Kùzu's parser/transformer.h plays the same part).
//
// Internal to engine/query/parse/: the only header outside the grammar library that names
// ANTLR types. One method per grammar rule it handles, in transform_*.cpp by topic.
#pragma once

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wall"
#pragma GCC diagnostic ignored "-Wextra"
#include "grammar/KGraphQueryParser.h"
#pragma GCC diagnostic pop

#include <string_view>

#include "engine/query/parse/ast.h"

namespace kgraph::query {

class Transformer {
public:
    using P = grammar::KGraphQueryParser;

    // `text` is the query text the tree was parsed from (to quote expressions as written).
    Transformer(std::string_view text, antlr4::CharStream& input) : text_(text), input_(input) {}

    std::vector<ast::Statement> transformScript(P::ScriptContext& ctx);
    ast::ExprPtr transformExpression(P::ExpressionContext& ctx);

private:
    // transform_clause.cpp
    ast::Statement transformStatement(P::StatementContext& ctx);
    ast::SingleQuery transformSingleQuery(P::SingleQueryContext& ctx);
    ast::Clause transformClause(P::ClauseContext& ctx);
    ast::Clause transformMatch(P::MatchClauseContext& ctx);
    ast::Clause transformUnwind(P::UnwindClauseContext& ctx);
    ast::Clause transformWith(P::WithClauseContext& ctx);
    ast::Clause transformReturn(P::ReturnClauseContext& ctx);
    ast::Clause transformCreate(P::CreateClauseContext& ctx);
    ast::Clause transformMerge(P::MergeClauseContext& ctx);
    ast::Clause transformSet(P::SetClauseContext& ctx);
    ast::Clause transformRemove(P::RemoveClauseContext& ctx);
    ast::Clause transformDelete(P::DeleteClauseContext& ctx);
    ast::Clause transformCall(P::CallClauseContext& ctx);
    ast::Projection transformProjectionBody(P::ProjectionBodyContext& ctx);
    ast::RenderSpec transformRender(P::RenderContext& ctx);
    std::vector<ast::SetItem> transformSetItems(P::SetClauseContext& ctx);

    // transform_pattern.cpp
    std::vector<std::shared_ptr<ast::PatternPart>> transformPattern(P::PatternContext& ctx);
    std::shared_ptr<ast::PatternPart> transformPatternPart(P::PatternPartContext& ctx);
    void transformPatternElement(P::PatternElementContext& ctx, ast::PatternPart& part);
    std::shared_ptr<ast::PatternPart> transformRelationshipsPattern(
        P::RelationshipsPatternContext& ctx);
    std::shared_ptr<ast::PatternPart> transformShortestPath(P::ShortestPathPatternContext& ctx);
    ast::NodePattern transformNodePattern(P::NodePatternContext& ctx);
    ast::RelPattern transformRelationshipPattern(P::RelationshipPatternContext& ctx);
    std::vector<std::string> transformNodeLabels(P::NodeLabelsContext& ctx);

    // transform_expression.cpp
    ast::ExprPtr transformOr(P::OrExpressionContext& ctx);
    ast::ExprPtr transformXor(P::XorExpressionContext& ctx);
    ast::ExprPtr transformAnd(P::AndExpressionContext& ctx);
    ast::ExprPtr transformNot(P::NotExpressionContext& ctx);
    ast::ExprPtr transformComparison(P::ComparisonExpressionContext& ctx);
    ast::ExprPtr transformStringListNull(P::StringListNullPredicateExpressionContext& ctx);
    ast::ExprPtr transformAddOrSubtract(P::AddOrSubtractExpressionContext& ctx);
    ast::ExprPtr transformMultiplyDivideModulo(P::MultiplyDivideModuloExpressionContext& ctx);
    ast::ExprPtr transformPowerOf(P::PowerOfExpressionContext& ctx);
    ast::ExprPtr transformUnary(P::UnaryAddOrSubtractExpressionContext& ctx);
    ast::ExprPtr transformNonArithmetic(P::NonArithmeticOperatorExpressionContext& ctx);
    ast::ExprPtr transformAtom(P::AtomContext& ctx);
    ast::ExprPtr transformPropertyExpression(P::PropertyExpressionContext& ctx);
    ast::ExprPtr transformLiteral(P::LiteralContext& ctx);
    ast::ExprPtr transformCase(P::CaseExpressionContext& ctx);
    ast::ExprPtr transformFunction(P::FunctionInvocationContext& ctx);
    ast::ExprPtr transformListComprehension(P::ListComprehensionContext& ctx);
    ast::ExprPtr transformPatternComprehension(P::PatternComprehensionContext& ctx);
    ast::ExprPtr transformQuantifier(P::QuantifierAtomContext& ctx);
    ast::ExprPtr transformMapLiteral(P::MapLiteralContext& ctx);
    ast::ExprPtr transformMapProjection(P::MapProjectionContext& ctx);
    ast::ExprPtr transformParameter(P::ParameterContext& ctx);
    int64_t transformInteger(P::IntegerLiteralContext& ctx);

    // helpers
    std::string name(P::SymbolicNameContext& ctx);
    std::string name(P::VariableContext& ctx) { return name(*ctx.symbolicName()); }
    std::string name(P::SchemaNameContext& ctx);
    std::string textOf(antlr4::ParserRuleContext& ctx);
    ast::Position positionOf(antlr4::ParserRuleContext& ctx);
    ast::Position positionOf(antlr4::Token& token);
    [[noreturn]] void fail(antlr4::ParserRuleContext& ctx, const std::string& message);
    ast::ExprPtr binary(ast::Op op, ast::ExprPtr l, ast::ExprPtr r, ast::Position pos);
    void checkChain(antlr4::ParserRuleContext& ctx, size_t operands);

    std::string_view text_;
    antlr4::CharStream& input_;
};

// Decodes a string literal token as written (quotes and escapes).
std::string unescapeString(std::string_view token);

}  // namespace kgraph::query
