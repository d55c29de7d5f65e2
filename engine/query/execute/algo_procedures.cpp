// algo.* procedures over engine/graph/ (their rows: the table in execute/procedures.cpp; user
// documentation: docs/algorithms.md).
#include "engine/query/execute/algo_procedures.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <unordered_map>

#include "engine/common/error.h"
#include "engine/graph/betweenness.h"
#include "engine/graph/components.h"
#include "engine/graph/degree.h"
#include "engine/graph/jaccard.h"
#include "engine/graph/neighborhood.h"
#include "engine/graph/page_rank.h"
#include "engine/graph/shortest_path.h"
#include "engine/graph/snapshot_cache.h"
#include "engine/graph/weight_expression.h"
#include "engine/text/ascii.h"

namespace kgraph::query {

namespace {

using graph::Direction;
using graph::GraphSnapshot;
using graph::Vertex;

// The options map of one call: every key must be one of the procedure's options.
class Options {
public:
    Options(std::string procedure, const Value& v, std::vector<std::string> valid)
        : procedure_(std::move(procedure)) {
        valid.push_back("labels");
        valid.push_back("relationshipTypes");
        valid.push_back("documents");
        std::sort(valid.begin(), valid.end());
        if (v.isNull()) return;
        if (!v.isMap()) {
            fail("the options must be a map such as {labels: ['Person']}, got " +
                 typeName(v.type()));
        }
        map_ = v.asMap();
        for (const auto& [key, value] : map_) {
            if (std::find(valid.begin(), valid.end(), key) != valid.end()) continue;
            std::string list;
            for (const auto& k : valid) list += (list.empty() ? "" : ", ") + k;
            fail("unknown option '" + key + "'; valid options: " + list);
        }
    }

    // Documents and their MENTIONED_IN relationships say where an entity was read, not how
    // entities relate: left out unless `documents: true`, or `labels` names the nodes, or
    // `relationshipTypes` names MENTIONED_IN.
    graph::Projection projection() const {
        graph::Projection p{names("labels"), names("relationshipTypes"), {}};
        bool mentions = std::find(p.relationshipTypes.begin(), p.relationshipTypes.end(),
                                  "MENTIONED_IN") != p.relationshipTypes.end();
        if (p.labels.empty() && !mentions && !boolean("documents", false))
            p.excludeLabels = {"Document"};
        return p;
    }
    int64_t integer(const std::string& key, int64_t dflt, int64_t min,
                    int64_t max = std::numeric_limits<int64_t>::max()) const {
        const Value* v = find(key);
        if (!v) return dflt;
        if (!v->isInt() || v->asInt() < min || v->asInt() > max) {
            std::string range = max == std::numeric_limits<int64_t>::max()
                                    ? ">= " + std::to_string(min)
                                    : "from " + std::to_string(min) + " to " + std::to_string(max);
            fail("option " + key + " must be an integer " + range + ", got " + formatValue(*v));
        }
        return v->asInt();
    }
    double number(const std::string& key, double dflt, double min, double max) const {
        const Value* v = find(key);
        if (!v) return dflt;
        if (!v->isNumber() || !(v->asNumber() >= min && v->asNumber() <= max)) {
            fail("option " + key + " must be a number from " + formatFloat(min) + " to " +
                 formatFloat(max) + ", got " + formatValue(*v));
        }
        return v->asNumber();
    }
    bool boolean(const std::string& key, bool dflt) const {
        const Value* v = find(key);
        if (!v) return dflt;
        if (!v->isBool()) fail("option " + key + " must be true or false, got " + formatValue(*v));
        return v->asBool();
    }
    std::optional<std::string> string(const std::string& key) const {
        const Value* v = find(key);
        if (!v) return std::nullopt;
        if (!v->isString()) fail("option " + key + " must be a string, got " + formatValue(*v));
        return v->asString();
    }
    Direction direction(Direction dflt) const {
        auto s = string("direction");
        if (!s) return dflt;
        std::string d = text::asciiLower(*s);
        if (d == "outgoing") return Direction::Outgoing;
        if (d == "incoming") return Direction::Incoming;
        if (d == "both") return Direction::Both;
        fail("option direction must be 'outgoing', 'incoming' or 'both', got '" + *s + "'");
    }
    [[noreturn]] void fail(const std::string& what) const { throw Error(procedure_ + ": " + what); }

private:
    const Value* find(const std::string& key) const {
        auto it = map_.find(key);
        return it == map_.end() || it->second.isNull() ? nullptr : &it->second;
    }
    std::vector<std::string> names(const std::string& key) const {
        const Value* v = find(key);
        if (!v) return {};
        std::vector<std::string> out;
        if (v->isString()) return {v->asString()};
        if (v->isList()) {
            for (const auto& item : v->asList()) {
                if (!item.isString()) break;
                out.push_back(item.asString());
            }
            if (out.size() == v->asList().size()) return out;
        }
        fail("option " + key + " must be a list of names such as ['Person'], got " +
             formatValue(*v));
    }

    std::string procedure_;
    ValueMap map_;
};

const Value& arg(const std::vector<Value>& args, size_t i) {
    static const Value null;
    return i < args.size() ? args[i] : null;
}

// A node argument: std::nullopt for null (the procedure then yields nothing).
std::optional<storage::NodeId> nodeArg(const std::string& proc, const Value& v,
                                       const std::string& what) {
    if (v.isNull()) return std::nullopt;
    if (!v.isNode()) {
        throw Error(proc + ": " + what + " must be a node, got " + typeName(v.type()));
    }
    return v.asNode().id;
}

Value nodeValue(storage::NodeId id) {
    NodeValue n;
    n.id = id;
    return Value(std::move(n));
}

std::shared_ptr<const GraphSnapshot> snapshot(ExecContext& ctx, const Options& o) {
    return graph::snapshotOf(*ctx.view, o.projection());
}

bool emitScores(const GraphSnapshot& g, const std::vector<double>& scores,
                const ProcedureSink& emit) {
    for (Vertex v = 0; v < scores.size(); ++v) {
        ProcedureRow row{{"node", nodeValue(g.nodeId(v))}, {"score", Value(scores[v])}};
        if (!emit(row)) return false;
    }
    return true;
}

bool emitComponents(const GraphSnapshot& g, const std::vector<storage::NodeId>& ids,
                    const ProcedureSink& emit) {
    for (Vertex v = 0; v < ids.size(); ++v) {
        ProcedureRow row{{"node", nodeValue(g.nodeId(v))},
                         {"componentId", Value(static_cast<int64_t>(ids[v]))}};
        if (!emit(row)) return false;
    }
    return true;
}

// Relationship weights of algo.shortestPath, read from the store once per relationship.
class Weights {
public:
    Weights(std::string proc, const Options& o, storage::GraphView& view, const GraphSnapshot& g)
        : proc_(std::move(proc)), view_(view), g_(g) {
        auto text = o.string("weight");
        if (!text) return;
        expr_ = graph::WeightExpression::parse(*text);
        defaultWeight_ = o.number("defaultWeight", std::numeric_limits<double>::quiet_NaN(), 0,
                                  std::numeric_limits<double>::max());
    }
    bool weighted() const { return expr_.has_value(); }

    double operator()(graph::EdgeIndex e) {
        auto [it, inserted] = cache_.try_emplace(e, 0.0);
        if (inserted) it->second = compute(e);
        return it->second;
    }

private:
    double compute(graph::EdgeIndex e) {
        storage::EdgeId id = g_.edgeId(e);
        std::vector<double> values;
        for (const auto& key : expr_->properties()) {
            PropertyValue p = view_.edgeProperty(id, key);
            if (p.isInt()) {
                values.push_back(static_cast<double>(p.asInt()));
            } else if (p.isFloat()) {
                values.push_back(p.asFloat());
            } else if (p.isNull() && !std::isnan(defaultWeight_)) {
                return defaultWeight_;
            } else {
                throw Error(proc_ + ": relationship " + std::to_string(id) +
                            (p.isNull() ? " has no property " : " has a non-numeric property ") +
                            key + " for the weight '" + expr_->text() +
                            "'; give {defaultWeight: ...} or a projection without it");
            }
        }
        double w = expr_->evaluate(values);
        if (!(w >= 0) || std::isinf(w)) {
            throw Error(proc_ + ": the weight '" + expr_->text() + "' of relationship " +
                        std::to_string(id) + " is " + formatFloat(w) +
                        "; Dijkstra needs finite weights >= 0");
        }
        return w;
    }

    std::string proc_;
    storage::GraphView& view_;
    const GraphSnapshot& g_;
    std::optional<graph::WeightExpression> expr_;
    double defaultWeight_ = std::numeric_limits<double>::quiet_NaN();
    std::unordered_map<graph::EdgeIndex, double> cache_;
};

PathValue pathValue(const GraphSnapshot& g, const graph::PathResult& p, ExecContext& ctx) {
    PathValue out;
    for (Vertex v : p.vertices) out.nodes.push_back(nodeValue(g.nodeId(v)).asNode());
    for (graph::EdgeIndex e : p.edges) {
        RelationshipValue r;
        r.id = g.edgeId(e);
        r.src = g.nodeId(g.source(e));
        r.dst = g.nodeId(g.target(e));
        auto edge = ctx.view->edge(r.id);
        if (!edge) {
            std::string id = std::to_string(r.id);
            throw Error("relationship " + id + " is in the snapshot but not in the store",
                        Error::Kind::Internal);
        }
        r.type = edge->type;
        out.relationships.push_back(std::move(r));
    }
    return out;
}

}  // namespace

void algoList(const ProcedureInfo&, const std::vector<Value>&, ExecContext&,
              const ProcedureSink& emit) {
    for (const auto& i : allProcedures()) {
        ProcedureRow row{{"name", Value(i.name)},
                         {"signature", Value(i.signature)},
                         {"description", Value(i.description)}};
        if (!emit(row)) return;
    }
}

void algoPageRank(const ProcedureInfo& self, const std::vector<Value>& args, ExecContext& ctx,
                  const ProcedureSink& emit) {
    const std::string& proc = self.name;
    Options o(proc, arg(args, 0), {"iterations", "dampingFactor", "tolerance"});
    graph::PageRankOptions pr;
    pr.iterations = static_cast<int>(o.integer("iterations", pr.iterations, 1, 1'000'000));
    pr.dampingFactor = o.number("dampingFactor", pr.dampingFactor, 0, 1);
    pr.tolerance = o.number("tolerance", pr.tolerance, 0, 1);
    pr.checkCancelled = [&ctx] { ctx.checkCancelled(); };
    auto g = snapshot(ctx, o);
    emitScores(*g, graph::pageRank(*g, pr).scores, emit);
}

void algoBetweenness(const ProcedureInfo& self, const std::vector<Value>& args, ExecContext& ctx,
                     const ProcedureSink& emit) {
    const std::string& proc = self.name;
    Options o(proc, arg(args, 0), {"direction", "normalized"});
    graph::BetweennessOptions b;
    b.directed = o.direction(Direction::Both) != Direction::Both;
    b.normalized = o.boolean("normalized", false);
    b.checkCancelled = [&ctx] { ctx.checkCancelled(); };
    auto g = snapshot(ctx, o);
    emitScores(*g, graph::betweenness(*g, b), emit);
}

void algoDegree(const ProcedureInfo& self, const std::vector<Value>& args, ExecContext& ctx,
                const ProcedureSink& emit) {
    const std::string& proc = self.name;
    Options o(proc, arg(args, 0), {"direction"});
    Direction dir = o.direction(Direction::Both);
    auto g = snapshot(ctx, o);
    auto d = graph::degrees(*g, dir);
    emitScores(*g, std::vector<double>(d.begin(), d.end()), emit);
}

void algoWeaklyConnectedComponents(const ProcedureInfo& self, const std::vector<Value>& args,
                                   ExecContext& ctx, const ProcedureSink& emit) {
    const std::string& proc = self.name;
    Options o(proc, arg(args, 0), {});
    auto g = snapshot(ctx, o);
    emitComponents(*g, graph::weaklyConnectedComponents(*g), emit);
}

void algoStronglyConnectedComponents(const ProcedureInfo& self, const std::vector<Value>& args,
                                     ExecContext& ctx, const ProcedureSink& emit) {
    const std::string& proc = self.name;
    Options o(proc, arg(args, 0), {});
    auto g = snapshot(ctx, o);
    emitComponents(*g, graph::stronglyConnectedComponents(*g), emit);
}

void algoShortestPath(const ProcedureInfo& self, const std::vector<Value>& args, ExecContext& ctx,
                      const ProcedureSink& emit) {
    const std::string& proc = self.name;
    Options o(proc, arg(args, 2), {"weight", "defaultWeight", "direction"});
    Direction dir = o.direction(Direction::Both);
    auto source = nodeArg(proc, arg(args, 0), "the source");
    auto target = nodeArg(proc, arg(args, 1), "the target");
    auto g = snapshot(ctx, o);
    Weights weights(proc, o, *ctx.view, *g);
    if (!source || !target) return;
    auto s = g->vertexOf(*source);
    auto t = g->vertexOf(*target);
    if (!s || !t) return;
    std::function<double(graph::EdgeIndex)> w;
    if (weights.weighted()) w = [&](graph::EdgeIndex e) { return weights(e); };
    auto path = graph::shortestPath(*g, *s, *t, dir, w);
    if (!path) return;
    ProcedureRow row{{"path", Value(pathValue(*g, *path, ctx))}, {"cost", Value(path->cost)}};
    emit(row);
}

void algoNeighborhood(const ProcedureInfo& self, const std::vector<Value>& args, ExecContext& ctx,
                      const ProcedureSink& emit) {
    const std::string& proc = self.name;
    Options o(proc, arg(args, 2), {"direction"});
    Direction dir = o.direction(Direction::Both);
    auto start = nodeArg(proc, arg(args, 0), "the start");
    const Value& depth = arg(args, 1);
    if (!depth.isInt() || depth.asInt() < 0) {
        throw Error(proc + ": the depth must be an integer >= 0, got " + formatValue(depth));
    }
    auto g = snapshot(ctx, o);
    if (!start) return;
    auto s = g->vertexOf(*start);
    if (!s) return;
    for (const auto& [v, d] : graph::neighborhood(*g, *s, depth.asInt(), dir)) {
        ProcedureRow row{{"node", nodeValue(g->nodeId(v))}, {"distance", Value(d)}};
        if (!emit(row)) return;
    }
}

void algoJaccard(const ProcedureInfo& self, const std::vector<Value>& args, ExecContext& ctx,
                 const ProcedureSink& emit) {
    const std::string& proc = self.name;
    Options o(proc, arg(args, 1), {"limit", "direction"});
    Direction dir = o.direction(Direction::Both);
    auto limit = static_cast<size_t>(o.integer("limit", 10, 1));
    auto node = nodeArg(proc, arg(args, 0), "the node");
    auto g = snapshot(ctx, o);
    if (!node) return;
    auto s = g->vertexOf(*node);
    if (!s) return;
    for (const auto& [v, sim] : graph::jaccard(*g, *s, limit, dir)) {
        ProcedureRow row{{"other", nodeValue(g->nodeId(v))}, {"similarity", Value(sim)}};
        if (!emit(row)) return;
    }
}

}  // namespace kgraph::query
