#include "engine/query/execute/expand.h"

#include <algorithm>
#include <deque>
#include <unordered_map>
#include <unordered_set>

#include "engine/common/error.h"
#include "engine/query/execute/evaluator.h"

namespace kgraph::query {

namespace {

// Depth-first search recurses once per hop.
constexpr int64_t kMaxDepth = 10'000;

std::string shown(const std::string& v) { return v.rfind("  ", 0) == 0 ? "" : v; }

// Calls fn(adjacent) for every relationship of `node` the spec allows.
// Calls fn(adjacent) for every relationship of `node` in direction `dir` the spec allows.
template <class Fn>
void forEachAdjacentIn(const ExpandSpec& spec, storage::Direction dir, storage::NodeId node,
                       ExecContext& ctx, Fn&& fn) {
    bool stop = false;
    auto visit = [&](const storage::Adjacent& adj) {
        // A self-loop is reported once per direction; an undirected pattern matches it once.
        if (dir == storage::Direction::Both && adj.neighbor == node && !adj.outgoing) {
            return true;
        }
        if (!fn(adj)) {
            stop = true;
            return false;
        }
        return true;
    };
    if (spec.types.empty()) {
        ctx.view->expand(node, dir, std::nullopt, visit);
        return;
    }
    for (const auto& t : spec.types) {
        ctx.view->expand(node, dir, std::string_view(t), visit);
        if (stop) return;
    }
}

template <class Fn>
void forEachAdjacent(const ExpandSpec& spec, storage::NodeId node, ExecContext& ctx, Fn&& fn) {
    forEachAdjacentIn(spec, spec.direction, node, ctx, std::forward<Fn>(fn));
}

RelationshipValue relationshipOf(const storage::Adjacent& adj, storage::NodeId from,
                                 ExecContext& ctx) {
    RelationshipValue r;
    r.id = adj.edge;
    r.src = adj.outgoing ? from : adj.neighbor;
    r.dst = adj.outgoing ? adj.neighbor : from;
    r.type = ctx.typeName(adj.type);
    return r;
}

// True if `element` passes a path predicate: `all` needs the condition true, `none` false
// (null fails both, as it would fail the WHERE).
bool passes(const ExpandSpec::PathPredicate& p, Value element, Row& row, ExecContext& ctx) {
    const ast::Expr& q = *p.quantifier;
    row[q.slot] = std::move(element);
    Value t = q.children[1] ? evaluate(*q.children[1], row, ctx) : Value(true);
    if (!t.isBool()) return false;
    return q.name == "all" ? t.asBool() : !t.asBool();
}

bool nodePasses(const ExpandSpec& spec, storage::NodeId id, Row& row, ExecContext& ctx) {
    for (const auto& p : spec.pathPredicates) {
        if (!p.onNodes) continue;
        NodeValue n;
        n.id = id;
        if (!passes(p, Value(std::move(n)), row, ctx)) return false;
    }
    return true;
}

bool relMatches(const ExpandSpec& spec, const RelationshipValue& r, Row& row, ExecContext& ctx) {
    for (const auto& p : spec.pathPredicates) {
        if (p.onNodes) {
            if (!nodePasses(spec, r.src, row, ctx) || !nodePasses(spec, r.dst, row, ctx))
                return false;
        } else if (!passes(p, Value(r), row, ctx)) {
            return false;
        }
    }
    if (!spec.relProperties) return true;
    return propertiesMatch(Value(r), evaluate(*spec.relProperties, row, ctx), ctx);
}

// Checks the far node of a hop and binds it; false if it does not match.
bool bindTarget(const ExpandSpec& spec, storage::NodeId id, Row& row, ExecContext& ctx) {
    if (spec.toBound) {
        const Value& t = row[spec.toSlot];
        if (!t.isNull() && !t.isNode())
            typeError("pattern node (" + spec.toName + ")", "a Node", t);
        if (!t.isNode() || t.asNode().id != id) return false;
        return spec.toFilter.empty() || spec.toFilter.matches(id, row, ctx);
    }
    if (!spec.toFilter.matches(id, row, ctx)) return false;
    NodeValue n;
    n.id = id;
    row[spec.toSlot] = Value(std::move(n));
    return true;
}

ValueList relList(const std::vector<RelationshipValue>& rels, bool reversed) {
    ValueList l;
    l.reserve(rels.size());
    for (const auto& r : rels) l.push_back(Value(r));
    if (reversed) std::reverse(l.begin(), l.end());
    return l;
}

storage::Direction reverse(storage::Direction d) {
    switch (d) {
        case storage::Direction::Outgoing:
            return storage::Direction::Incoming;
        case storage::Direction::Incoming:
            return storage::Direction::Outgoing;
        default:
            return d;
    }
}

// One shortest path from `src` to `dst` by bidirectional breadth-first search: each round
// grows the smaller frontier by one hop, so both searches stay about sqrt of a one-sided one.
// Returns the relationships from src to dst, or nullopt if there is none within maxHops.
std::optional<std::vector<RelationshipValue>> bidirectionalShortest(const ExpandSpec& spec,
                                                                    storage::NodeId src,
                                                                    storage::NodeId dst, Row& row,
                                                                    ExecContext& ctx) {
    // node -> the relationship that reached it (towards its own search's start)
    std::unordered_map<storage::NodeId, std::optional<RelationshipValue>> fwd{{src, {}}};
    std::unordered_map<storage::NodeId, std::optional<RelationshipValue>> bwd{{dst, {}}};
    std::vector<storage::NodeId> ff{src}, bf{dst};
    int64_t hops = 0;
    int64_t visited = 0;
    std::optional<storage::NodeId> meet;
    while (!meet && !ff.empty() && !bf.empty() && (!spec.maxHops || hops < *spec.maxHops)) {
        bool forward = ff.size() <= bf.size();
        auto& frontier = forward ? ff : bf;
        auto& mine = forward ? fwd : bwd;
        auto& other = forward ? bwd : fwd;
        storage::Direction dir = forward ? spec.direction : reverse(spec.direction);
        std::vector<storage::NodeId> next;
        for (storage::NodeId node : frontier) {
            forEachAdjacentIn(spec, dir, node, ctx, [&](const storage::Adjacent& adj) {
                if (++visited > ctx.expansionLimit) {
                    throw Error("shortestPath expanded more than " +
                                std::to_string(ctx.expansionLimit) + " relationships");
                }
                if (mine.count(adj.neighbor)) return true;
                if (relationshipUsed(adj.edge, spec.otherRelSlots, row)) return true;
                RelationshipValue r = relationshipOf(adj, node, ctx);
                if (!relMatches(spec, r, row, ctx)) return true;
                mine.emplace(adj.neighbor, std::move(r));
                next.push_back(adj.neighbor);
                if (other.count(adj.neighbor)) {
                    meet = adj.neighbor;
                    return false;
                }
                return true;
            });
            if (meet) break;
        }
        frontier = std::move(next);
        ++hops;
    }
    if (!meet) return std::nullopt;
    std::vector<RelationshipValue> path;
    for (storage::NodeId n = *meet; fwd.at(n);) {  // back to src
        const auto& r = *fwd.at(n);
        n = r.src == n ? r.dst : r.src;
        path.push_back(r);
    }
    std::reverse(path.begin(), path.end());
    for (storage::NodeId n = *meet; bwd.at(n);) {  // on to dst
        const auto& r = *bwd.at(n);
        n = r.src == n ? r.dst : r.src;
        path.push_back(r);
    }
    return path;
}

}  // namespace

std::string ExpandSpec::describe() const {
    std::string types_;
    for (size_t i = 0; i < types.size(); ++i) types_ += (i ? "|" : ":") + types[i];
    std::string range;
    if (minHops != 1 || maxHops != std::optional<int64_t>(1)) {
        range = "*" + std::to_string(minHops) + ".." + (maxHops ? std::to_string(*maxHops) : "");
    }
    std::string rel = "[" + shown(relName) + types_ + range + "]";
    std::string left = direction == storage::Direction::Incoming ? "<-" : "-";
    std::string right = direction == storage::Direction::Outgoing ? "->" : "-";
    return "(" + shown(fromName) + fromFilter.describe() + ")" + left + rel + right + "(" +
           shown(toName) + toFilter.describe() + ")";
}

bool relationshipUsed(storage::EdgeId id, const std::vector<int>& slots, const Row& row) {
    for (int s : slots) {
        const Value& v = row[s];
        if (v.isRelationship() && v.asRelationship().id == id) return true;
        if (v.isList()) {
            for (const auto& r : v.asList()) {
                if (r.isRelationship() && r.asRelationship().id == id) return true;
            }
        }
    }
    return false;
}

bool ExpandOp::produce(ExecContext& ctx, const Consumer& out) {
    return pull(ctx, [&](Row& row) {
        const Value& from = row[spec_.fromSlot];
        if (!from.isNode()) {
            if (from.isNull()) return true;
            typeError("pattern node (" + spec_.fromName + ")", "a Node", from);
        }
        storage::NodeId fromId = from.asNode().id;
        bool more = true;
        if (spec_.relBound && !row[spec_.relSlot].isRelationship()) return true;
        forEachAdjacent(spec_, fromId, ctx, [&](const storage::Adjacent& adj) {
            if (spec_.relBound && row[spec_.relSlot].asRelationship().id != adj.edge) return true;
            if (relationshipUsed(adj.edge, spec_.otherRelSlots, row)) return true;
            RelationshipValue r = relationshipOf(adj, fromId, ctx);
            if (!relMatches(spec_, r, row, ctx)) return true;
            if (!bindTarget(spec_, adj.neighbor, row, ctx)) return true;
            row[spec_.relSlot] = Value(std::move(r));
            more = out(row);
            return more;
        });
        return more;
    });
}

namespace {

// A relationship list bound earlier (`WITH [r1, r2] AS rs MATCH (a)-[rs*]->(b)`): the
// pattern matches exactly that walk, if it leads from `from` within the spec's bounds.
bool followBoundList(const ExpandSpec& spec, storage::NodeId from, Row& row, ExecContext& ctx) {
    const Value& bound = row[spec.relSlot];
    if (bound.isNull()) return false;
    if (!bound.isList()) typeError("pattern relationship (" + spec.relName + ")", "a List", bound);
    const ValueList& rels = bound.asList();
    auto n = static_cast<int64_t>(rels.size());
    if (n < spec.minHops || (spec.maxHops && n > *spec.maxHops)) return false;
    storage::NodeId node = from;
    std::unordered_set<uint64_t> used;
    for (int64_t k = 0; k < n; ++k) {
        // The list is in pattern order; a reversed expansion walks it from the end.
        const Value& v = rels[static_cast<size_t>(spec.reversed ? n - 1 - k : k)];
        if (!v.isRelationship()) {
            if (v.isNull()) return false;
            typeError("pattern relationship (" + spec.relName + ")", "a List of Relationships",
                      bound);
        }
        const RelationshipValue& r = v.asRelationship();
        bool leaves = r.src == node;
        bool enters = r.dst == node;
        if ((spec.direction == storage::Direction::Outgoing && !leaves) ||
            (spec.direction == storage::Direction::Incoming && !enters) || (!leaves && !enters)) {
            return false;
        }
        if (!spec.types.empty() &&
            std::find(spec.types.begin(), spec.types.end(), r.type) == spec.types.end()) {
            return false;
        }
        if (!used.insert(r.id).second || relationshipUsed(r.id, spec.otherRelSlots, row) ||
            !relMatches(spec, r, row, ctx)) {
            return false;
        }
        if (spec.direction == storage::Direction::Outgoing) {
            node = r.dst;
        } else if (spec.direction == storage::Direction::Incoming) {
            node = r.src;
        } else {
            node = leaves ? r.dst : r.src;
        }
    }
    return bindTarget(spec, node, row, ctx);
}

}  // namespace

bool DegreeExpandOp::produce(ExecContext& ctx, const Consumer& out) {
    // Input rows usually come in node id order (a node scan): one reader steps through the
    // stored counts.
    std::unique_ptr<storage::GraphView::DegreeReader> reader;
    return pull(ctx, [&](Row& row) {
        const Value& from = row[spec_.fromSlot];
        if (!from.isNode()) {
            if (from.isNull()) return true;
            typeError("pattern node (" + spec_.fromName + ")", "a Node", from);
        }
        storage::NodeId id = from.asNode().id;
        uint64_t n = 0;
        if (spec_.types.empty()) {
            if (!reader) reader = ctx.view->degreeReader(spec_.direction);
            n = reader->degree(id);
        } else {
            for (const auto& t : spec_.types) {
                n += ctx.view->degree(id, spec_.direction, std::string_view(t));
            }
        }
        if (n == 0) return true;
        row[weightSlot_] = Value(static_cast<int64_t>(n));
        return out(row);
    });
}

bool VarExpandOp::produce(ExecContext& ctx, const Consumer& out) {
    return pull(ctx, [&](Row& row) {
        const Value& from = row[spec_.fromSlot];
        if (!from.isNode()) {
            if (from.isNull()) return true;
            typeError("pattern node (" + spec_.fromName + ")", "a Node", from);
        }
        if (spec_.relBound) {
            return followBoundList(spec_, from.asNode().id, row, ctx) ? out(row) : true;
        }
        std::vector<RelationshipValue> path;
        std::unordered_set<storage::EdgeId> used;
        int64_t visited = 0;
        bool more = true;
        // Depth-first: emit the current end when deep enough, then go one hop further.
        std::function<void(storage::NodeId)> dfs = [&](storage::NodeId node) {
            int64_t depth = static_cast<int64_t>(path.size());
            if (depth >= spec_.minHops && bindTarget(spec_, node, row, ctx)) {
                row[spec_.relSlot] = Value(relList(path, spec_.reversed));
                more = out(row);
                if (!more) return;
            }
            if (spec_.maxHops && depth >= *spec_.maxHops) return;
            if (depth >= kMaxDepth) {
                throw Error("variable-length pattern " + spec_.describe() + " is longer than " +
                            std::to_string(kMaxDepth) + " relationships: add an upper bound");
            }
            forEachAdjacent(spec_, node, ctx, [&](const storage::Adjacent& adj) {
                if (used.count(adj.edge) || relationshipUsed(adj.edge, spec_.otherRelSlots, row)) {
                    return true;
                }
                if (++visited > ctx.expansionLimit) {
                    throw Error("variable-length pattern " + spec_.describe() +
                                " expanded more than " + std::to_string(ctx.expansionLimit) +
                                " relationships: add an upper bound (e.g. *..5)");
                }
                RelationshipValue r = relationshipOf(adj, node, ctx);
                if (!relMatches(spec_, r, row, ctx)) return true;
                used.insert(adj.edge);
                path.push_back(std::move(r));
                dfs(adj.neighbor);
                path.pop_back();
                used.erase(adj.edge);
                return more;
            });
        };
        dfs(from.asNode().id);
        return more;
    });
}

bool ShortestPathOp::produce(ExecContext& ctx, const Consumer& out) {
    return pull(ctx, [&](Row& row) {
        const Value& a = row[spec_.fromSlot];
        const Value& b = row[spec_.toSlot];
        if (!a.isNode() || !b.isNode()) return true;
        storage::NodeId src = a.asNode().id;
        storage::NodeId dst = b.asNode().id;
        if (!nodePasses(spec_, src, row, ctx) || !nodePasses(spec_, dst, row, ctx)) return true;
        if (src == dst) {
            if (spec_.minHops > 0) return true;
            row[spec_.relSlot] = Value(ValueList{});
            return out(row);
        }
        if (!all_) {
            auto path = bidirectionalShortest(spec_, src, dst, row, ctx);
            if (!path || !spec_.toFilter.matches(dst, row, ctx)) return true;
            row[spec_.relSlot] = Value(relList(*path, spec_.reversed));
            return out(row);
        }
        // Breadth-first search keeping, for every node reached, the relationships that reach
        // it on a shortest path (all of them for allShortestPaths).
        std::unordered_map<storage::NodeId, int64_t> depth{{src, 0}};
        std::unordered_map<storage::NodeId, std::vector<RelationshipValue>> parents;
        std::vector<storage::NodeId> frontier{src};
        int64_t visited = 0;
        bool found = false;
        for (int64_t d = 0; !frontier.empty() && !found; ++d) {
            if (spec_.maxHops && d >= *spec_.maxHops) break;
            std::vector<storage::NodeId> next;
            for (storage::NodeId node : frontier) {
                forEachAdjacent(spec_, node, ctx, [&](const storage::Adjacent& adj) {
                    if (++visited > ctx.expansionLimit) {
                        throw Error("shortestPath expanded more than " +
                                    std::to_string(ctx.expansionLimit) + " relationships");
                    }
                    if (relationshipUsed(adj.edge, spec_.otherRelSlots, row)) return true;
                    RelationshipValue r = relationshipOf(adj, node, ctx);
                    if (!relMatches(spec_, r, row, ctx)) return true;
                    auto it = depth.find(adj.neighbor);
                    if (it == depth.end()) {
                        depth[adj.neighbor] = d + 1;
                        next.push_back(adj.neighbor);
                        parents[adj.neighbor].push_back(std::move(r));
                    } else if (it->second == d + 1 && all_) {
                        parents[adj.neighbor].push_back(std::move(r));
                    }
                    if (adj.neighbor == dst) found = true;
                    return true;
                });
            }
            frontier = std::move(next);
        }
        if (!found || !spec_.toFilter.matches(dst, row, ctx)) return true;
        // Walk the parents back from dst.
        std::vector<RelationshipValue> rels;
        bool more = true;
        std::function<void(storage::NodeId)> back = [&](storage::NodeId node) {
            if (!more) return;
            if (node == src) {
                std::vector<RelationshipValue> forward(rels.rbegin(), rels.rend());
                row[spec_.relSlot] = Value(relList(forward, spec_.reversed));
                more = out(row);
                return;
            }
            for (const auto& r : parents[node]) {
                storage::NodeId prev = r.src == node ? r.dst : r.src;
                rels.push_back(r);
                back(prev);
                rels.pop_back();
                if (!all_) break;
            }
        };
        back(dst);
        return more;
    });
}

bool RelationshipTypeScanOp::produce(ExecContext& ctx, const Consumer& out) {
    return pull(ctx, [&](Row& row) {
        bool more = true;
        auto visit = [&](storage::EdgeId id) {
            if (relationshipUsed(id, spec_.otherRelSlots, row)) return true;
            auto e = ctx.view->edge(id);
            if (!e) return true;
            // (from, to) as the pattern reads; an undirected pattern matches both ways round.
            std::pair<storage::NodeId, storage::NodeId> ends[2] = {{e->src, e->dst},
                                                                   {e->dst, e->src}};
            int first = spec_.direction == storage::Direction::Incoming ? 1 : 0;
            int last = spec_.direction == storage::Direction::Both && e->src != e->dst ? 1 : first;
            for (int k = first; k <= last && more; ++k) {
                auto [from, to] = ends[k];
                if (!spec_.fromFilter.matches(from, row, ctx)) continue;
                RelationshipValue r;
                r.id = id;
                r.src = e->src;
                r.dst = e->dst;
                r.type = e->type;
                if (!relMatches(spec_, r, row, ctx)) continue;
                NodeValue f;
                f.id = from;
                row[spec_.fromSlot] = Value(std::move(f));
                if (!bindTarget(spec_, to, row, ctx)) continue;
                row[spec_.relSlot] = Value(std::move(r));
                more = out(row);
            }
            return more;
        };
        for (const auto& t : spec_.types) {
            ctx.view->scanEdgesOfType(t, visit);
            if (!more) break;
        }
        return more;
    });
}

bool BuildPathOp::produce(ExecContext& ctx, const Consumer& out) {
    return pull(ctx, [&](Row& row) {
        PathValue p;
        const Value& first = row[nodeSlots_[0]];
        if (!first.isNode()) {
            row[pathSlot_] = Value();
            return out(row);
        }
        p.nodes.push_back(first.asNode());
        storage::NodeId cur = first.asNode().id;
        auto step = [&](const RelationshipValue& r) {
            cur = r.src == cur ? r.dst : r.src;
            p.relationships.push_back(r);
            NodeValue n;
            n.id = cur;
            p.nodes.push_back(std::move(n));
        };
        for (int s : relSlots_) {
            const Value& r = row[s];
            if (r.isRelationship()) {
                step(r.asRelationship());
            } else if (r.isList()) {
                for (const auto& x : r.asList()) step(x.asRelationship());
            } else {
                row[pathSlot_] = Value();
                return out(row);
            }
        }
        row[pathSlot_] = Value(std::move(p));
        return out(row);
    });
    (void)ctx;
}

}  // namespace kgraph::query
