// Transformer: patterns.
#include <algorithm>

#include "engine/common/error.h"
#include "engine/query/parse/transformer.h"

namespace kgraph::query {

std::vector<std::shared_ptr<ast::PatternPart>> Transformer::transformPattern(
    P::PatternContext& ctx) {
    std::vector<std::shared_ptr<ast::PatternPart>> parts;
    for (auto* p : ctx.patternPart()) parts.push_back(transformPatternPart(*p));
    return parts;
}

std::shared_ptr<ast::PatternPart> Transformer::transformPatternPart(P::PatternPartContext& ctx) {
    auto& anon = *ctx.anonymousPatternPart();
    std::shared_ptr<ast::PatternPart> part;
    if (anon.shortestPathPattern()) {
        part = transformShortestPath(*anon.shortestPathPattern());
    } else {
        part = std::make_shared<ast::PatternPart>();
        part->pos = positionOf(ctx);
        transformPatternElement(*anon.patternElement(), *part);
    }
    if (ctx.variable()) part->pathVariable = name(*ctx.variable());
    return part;
}

std::shared_ptr<ast::PatternPart> Transformer::transformShortestPath(
    P::ShortestPathPatternContext& ctx) {
    auto part = std::make_shared<ast::PatternPart>();
    part->pos = positionOf(ctx);
    part->kind = ctx.SHORTESTPATH() ? ast::PathKind::Shortest : ast::PathKind::AllShortest;
    transformPatternElement(*ctx.patternElement(), *part);
    if (part->rels.size() != 1) {
        fail(ctx, "shortestPath() and allShortestPaths() take a pattern of one relationship");
    }
    return part;
}

void Transformer::transformPatternElement(P::PatternElementContext& ctx, ast::PatternPart& part) {
    if (ctx.patternElement()) {
        transformPatternElement(*ctx.patternElement(), part);
        return;
    }
    part.nodes.push_back(transformNodePattern(*ctx.nodePattern()));
    for (auto* chain : ctx.patternElementChain()) {
        part.rels.push_back(transformRelationshipPattern(*chain->relationshipPattern()));
        part.nodes.push_back(transformNodePattern(*chain->nodePattern()));
    }
}

std::shared_ptr<ast::PatternPart> Transformer::transformRelationshipsPattern(
    P::RelationshipsPatternContext& ctx) {
    auto part = std::make_shared<ast::PatternPart>();
    part->pos = positionOf(ctx);
    part->nodes.push_back(transformNodePattern(*ctx.nodePattern()));
    for (auto* chain : ctx.patternElementChain()) {
        part->rels.push_back(transformRelationshipPattern(*chain->relationshipPattern()));
        part->nodes.push_back(transformNodePattern(*chain->nodePattern()));
    }
    return part;
}

ast::NodePattern Transformer::transformNodePattern(P::NodePatternContext& ctx) {
    ast::NodePattern n;
    n.pos = positionOf(ctx);
    if (ctx.variable()) n.variable = name(*ctx.variable());
    if (ctx.nodeLabels()) n.labels = transformNodeLabels(*ctx.nodeLabels());
    if (auto* props = ctx.properties()) {
        n.properties = props->mapLiteral() ? transformMapLiteral(*props->mapLiteral())
                                           : transformParameter(*props->parameter());
    }
    return n;
}

ast::RelPattern Transformer::transformRelationshipPattern(P::RelationshipPatternContext& ctx) {
    ast::RelPattern r;
    r.pos = positionOf(ctx);
    bool left = ctx.leftArrow != nullptr;
    bool right = ctx.rightArrow != nullptr;
    r.direction = left == right ? ast::Direction::Both
                                : (right ? ast::Direction::Outgoing : ast::Direction::Incoming);
    auto* d = ctx.relationshipDetail();
    if (!d) return r;
    if (d->variable()) r.variable = name(*d->variable());
    if (auto* types = d->relationshipTypes()) {
        for (auto* t : types->relTypeName()) {
            std::string type = name(*t->schemaName());
            if (std::find(r.types.begin(), r.types.end(), type) == r.types.end()) {
                r.types.push_back(type);
            }
        }
    }
    if (auto* range = d->rangeLiteral()) {
        r.variableLength = true;
        r.minHops = 1;
        if (range->lower) r.minHops = transformInteger(*range->lower);
        if (range->dots) {
            if (range->upper) r.maxHops = transformInteger(*range->upper);
        } else if (range->lower) {
            r.maxHops = r.minHops;  // *3 means exactly three hops
        }
    }
    if (auto* props = d->properties()) {
        r.properties = props->mapLiteral() ? transformMapLiteral(*props->mapLiteral())
                                           : transformParameter(*props->parameter());
    }
    return r;
}

std::vector<std::string> Transformer::transformNodeLabels(P::NodeLabelsContext& ctx) {
    std::vector<std::string> labels;
    for (auto* l : ctx.nodeLabel()) labels.push_back(name(*l->labelName()->schemaName()));
    return labels;
}

}  // namespace kgraph::query
