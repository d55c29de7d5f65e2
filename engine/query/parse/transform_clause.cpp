// Transformer: statements, clauses and projections.
#include "engine/common/error.h"
#include "engine/query/parse/parser.h"
#include "engine/query/parse/transformer.h"
#include "engine/text/ascii.h"

namespace kgraph::query {

std::vector<ast::Statement> Transformer::transformScript(P::ScriptContext& ctx) {
    std::vector<ast::Statement> out;
    for (auto* s : ctx.statement()) out.push_back(transformStatement(*s));
    return out;
}

ast::Statement Transformer::transformStatement(P::StatementContext& ctx) {
    ast::Statement st;
    st.pos = positionOf(ctx);
    st.text = textOf(ctx);
    if (ctx.EXPLAIN()) st.mode = ast::Statement::Mode::Explain;
    if (ctx.PROFILE()) st.mode = ast::Statement::Mode::Profile;
    auto& q = *ctx.query();
    st.queries.push_back(transformSingleQuery(*q.singleQuery()));
    for (auto* u : q.unionClause()) {
        st.unionAll.push_back(u->ALL() != nullptr);
        st.queries.push_back(transformSingleQuery(*u->singleQuery()));
    }
    return st;
}

ast::SingleQuery Transformer::transformSingleQuery(P::SingleQueryContext& ctx) {
    ast::SingleQuery q;
    for (auto* c : ctx.clause()) q.clauses.push_back(transformClause(*c));
    return q;
}

ast::Clause Transformer::transformClause(P::ClauseContext& ctx) {
    if (auto* c = ctx.matchClause()) return transformMatch(*c);
    if (auto* c = ctx.unwindClause()) return transformUnwind(*c);
    if (auto* c = ctx.withClause()) return transformWith(*c);
    if (auto* c = ctx.returnClause()) return transformReturn(*c);
    if (auto* c = ctx.createClause()) return transformCreate(*c);
    if (auto* c = ctx.mergeClause()) return transformMerge(*c);
    if (auto* c = ctx.setClause()) return transformSet(*c);
    if (auto* c = ctx.removeClause()) return transformRemove(*c);
    if (auto* c = ctx.deleteClause()) return transformDelete(*c);
    if (auto* c = ctx.callClause()) return transformCall(*c);
    fail(ctx, "unsupported clause");
}

ast::Clause Transformer::transformMatch(P::MatchClauseContext& ctx) {
    ast::Clause c;
    c.kind = ast::ClauseKind::Match;
    c.pos = positionOf(ctx);
    c.optional = ctx.OPTIONAL() != nullptr;
    c.pattern = transformPattern(*ctx.pattern());
    if (ctx.where()) c.where = transformExpression(*ctx.where()->expression());
    return c;
}

ast::Clause Transformer::transformUnwind(P::UnwindClauseContext& ctx) {
    ast::Clause c;
    c.kind = ast::ClauseKind::Unwind;
    c.pos = positionOf(ctx);
    c.expr = transformExpression(*ctx.expression());
    c.alias = name(*ctx.variable());
    return c;
}

ast::Clause Transformer::transformWith(P::WithClauseContext& ctx) {
    ast::Clause c;
    c.kind = ast::ClauseKind::With;
    c.pos = positionOf(ctx);
    c.projection = transformProjectionBody(*ctx.projectionBody());
    if (ctx.where()) c.where = transformExpression(*ctx.where()->expression());
    return c;
}

ast::Clause Transformer::transformReturn(P::ReturnClauseContext& ctx) {
    ast::Clause c;
    c.kind = ast::ClauseKind::Return;
    c.pos = positionOf(ctx);
    c.projection = transformProjectionBody(*ctx.projectionBody());
    if (ctx.render()) c.render = transformRender(*ctx.render());
    return c;
}

ast::RenderSpec Transformer::transformRender(P::RenderContext& ctx) {
    static const char* kFormats[] = {"svg", "png", "pdf", "dot"};
    static const char* kLayouts[] = {"dot", "neato", "fdp", "sfdp", "circo", "twopi"};
    auto lower = [](const std::string& s) { return text::asciiLower(s); };
    auto oneOf = [](const std::string& s, auto& names) {
        for (const char* n : names) {
            if (s == n) return true;
        }
        return false;
    };
    ast::RenderSpec r;
    if (ctx.renderFormat) {
        r.format = lower(name(*ctx.renderFormat));
        if (!oneOf(r.format, kFormats)) {
            fail(*ctx.renderFormat,
                 "unknown RENDER format '" + r.format + "' (expected svg, png, pdf or dot)");
        }
    }
    if (ctx.file) r.file = unescapeString(ctx.file->getText());
    if (ctx.layout) {
        r.layout = lower(name(*ctx.layout));
        if (!oneOf(r.layout, kLayouts)) {
            fail(*ctx.layout, "unknown RENDER layout '" + r.layout +
                                  "' (expected dot, neato, fdp, sfdp, circo or twopi)");
        }
    }
    return r;
}

ast::Projection Transformer::transformProjectionBody(P::ProjectionBodyContext& ctx) {
    ast::Projection p;
    p.distinct = ctx.DISTINCT() != nullptr;
    auto& items = *ctx.projectionItems();
    p.star = items.children.size() > 0 && items.children[0]->getText() == "*";
    for (auto* item : items.projectionItem()) {
        ast::ProjectionItem pi;
        pi.expr = transformExpression(*item->expression());
        if (item->variable()) {
            pi.alias = name(*item->variable());
            pi.hasAlias = true;
        } else {
            pi.alias = textOf(*item->expression());
        }
        p.items.push_back(std::move(pi));
    }
    if (auto* order = ctx.order()) {
        for (auto* s : order->sortItem()) {
            ast::SortItem si;
            si.expr = transformExpression(*s->expression());
            si.descending = s->DESC() || s->DESCENDING();
            p.order.push_back(std::move(si));
        }
    }
    if (ctx.skip()) p.skip = transformExpression(*ctx.skip()->expression());
    if (ctx.limit()) p.limit = transformExpression(*ctx.limit()->expression());
    return p;
}

ast::Clause Transformer::transformCreate(P::CreateClauseContext& ctx) {
    ast::Clause c;
    c.kind = ast::ClauseKind::Create;
    c.pos = positionOf(ctx);
    c.pattern = transformPattern(*ctx.pattern());
    return c;
}

ast::Clause Transformer::transformMerge(P::MergeClauseContext& ctx) {
    ast::Clause c;
    c.kind = ast::ClauseKind::Merge;
    c.pos = positionOf(ctx);
    c.pattern.push_back(transformPatternPart(*ctx.patternPart()));
    for (auto* a : ctx.mergeAction()) {
        auto items = transformSetItems(*a->setClause());
        auto& dest = a->CREATE() ? c.onCreate : c.onMatch;
        for (auto& i : items) dest.push_back(std::move(i));
    }
    return c;
}

std::vector<ast::SetItem> Transformer::transformSetItems(P::SetClauseContext& ctx) {
    std::vector<ast::SetItem> out;
    for (auto* item : ctx.setItem()) {
        ast::SetItem s;
        s.pos = positionOf(*item);
        if (auto* p = dynamic_cast<P::SetPropertyContext*>(item)) {
            s.kind = ast::SetItem::Kind::Property;
            s.target = transformPropertyExpression(*p->propertyExpression());
            s.value = transformExpression(*p->expression());
        } else if (auto* r = dynamic_cast<P::SetReplaceContext*>(item)) {
            s.kind = ast::SetItem::Kind::Replace;
            s.variable = name(*r->variable());
            s.value = transformExpression(*r->expression());
        } else if (auto* m = dynamic_cast<P::SetMergeContext*>(item)) {
            s.kind = ast::SetItem::Kind::Merge;
            s.variable = name(*m->variable());
            s.value = transformExpression(*m->expression());
        } else if (auto* l = dynamic_cast<P::SetLabelsContext*>(item)) {
            s.kind = ast::SetItem::Kind::Labels;
            s.variable = name(*l->variable());
            s.labels = transformNodeLabels(*l->nodeLabels());
        }
        out.push_back(std::move(s));
    }
    return out;
}

ast::Clause Transformer::transformSet(P::SetClauseContext& ctx) {
    ast::Clause c;
    c.kind = ast::ClauseKind::Set;
    c.pos = positionOf(ctx);
    c.setItems = transformSetItems(ctx);
    return c;
}

ast::Clause Transformer::transformRemove(P::RemoveClauseContext& ctx) {
    ast::Clause c;
    c.kind = ast::ClauseKind::Remove;
    c.pos = positionOf(ctx);
    for (auto* item : ctx.removeItem()) {
        ast::RemoveItem r;
        r.pos = positionOf(*item);
        if (auto* p = dynamic_cast<P::RemovePropertyContext*>(item)) {
            r.kind = ast::RemoveItem::Kind::Property;
            r.target = transformPropertyExpression(*p->propertyExpression());
        } else if (auto* l = dynamic_cast<P::RemoveLabelsContext*>(item)) {
            r.kind = ast::RemoveItem::Kind::Labels;
            r.variable = name(*l->variable());
            r.labels = transformNodeLabels(*l->nodeLabels());
        }
        c.removeItems.push_back(std::move(r));
    }
    return c;
}

ast::Clause Transformer::transformDelete(P::DeleteClauseContext& ctx) {
    ast::Clause c;
    c.kind = ast::ClauseKind::Delete;
    c.pos = positionOf(ctx);
    c.detach = ctx.DETACH() != nullptr;
    for (auto* e : ctx.expression()) c.deleteExprs.push_back(transformExpression(*e));
    return c;
}

ast::Clause Transformer::transformCall(P::CallClauseContext& ctx) {
    ast::Clause c;
    c.kind = ast::ClauseKind::Call;
    c.pos = positionOf(ctx);
    c.procedure = textOf(*ctx.procedureName());
    c.hasArgs = ctx.children.size() > 2 && ctx.children[2]->getText() == "(";
    for (auto* e : ctx.expression()) c.args.push_back(transformExpression(*e));
    if (auto* y = ctx.yieldClause()) {
        c.yieldStar = y->yieldItem().empty();
        for (auto* item : y->yieldItem()) {
            ast::Clause::YieldItem yi;
            yi.alias = name(*item->variable());
            yi.field = item->symbolicName() ? name(*item->symbolicName()) : yi.alias;
            c.yields.push_back(std::move(yi));
        }
        if (y->where()) c.where = transformExpression(*y->where()->expression());
    }
    return c;
}

// --- helpers --------------------------------------------------------------------------------

std::string Transformer::name(P::SymbolicNameContext& ctx) {
    std::string t = ctx.getText();
    if (ctx.EscapedSymbolicName()) {
        // `a``b` -> a`b
        std::string out;
        for (size_t i = 1; i + 1 < t.size(); ++i) {
            out += t[i];
            if (t[i] == '`' && i + 1 < t.size() - 1 && t[i + 1] == '`') ++i;
        }
        return out;
    }
    return t;
}

std::string Transformer::name(P::SchemaNameContext& ctx) {
    if (ctx.symbolicName()) return name(*ctx.symbolicName());
    return ctx.getText();
}

std::string Transformer::textOf(antlr4::ParserRuleContext& ctx) {
    auto* start = ctx.getStart();
    auto* stop = ctx.getStop();
    if (!start || !stop || stop->getStopIndex() < start->getStartIndex()) return ctx.getText();
    return input_.getText(antlr4::misc::Interval(start->getStartIndex(), stop->getStopIndex()));
}

ast::Position Transformer::positionOf(antlr4::ParserRuleContext& ctx) {
    return positionOf(*ctx.getStart());
}

ast::Position Transformer::positionOf(antlr4::Token& token) {
    return {token.getLine(), token.getCharPositionInLine()};
}

void Transformer::fail(antlr4::ParserRuleContext& ctx, const std::string& message) {
    throw Error(locatedMessage("syntax error", text_, positionOf(ctx), message));
}

}  // namespace kgraph::query
