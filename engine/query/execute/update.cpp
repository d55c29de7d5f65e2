#include "engine/query/execute/update.h"

#include "engine/common/error.h"
#include "engine/query/execute/evaluator.h"

namespace kgraph::query {

namespace {

// Evaluates a pattern's property map into storable properties (null entries are dropped).
PropertyMap storableProperties(const ast::Expr* e, Row& row, ExecContext& ctx) {
    PropertyMap out;
    if (!e) return out;
    Value m = evaluate(*e, row, ctx);
    if (m.isNull()) return out;
    if (!m.isMap()) typeError("pattern properties", "a Map", m);
    for (const auto& [k, v] : m.asMap()) {
        if (!v.isNull()) out[k] = toProperty(v, k);
    }
    return out;
}

storage::WriteTxn& writer(ExecContext& ctx) {
    if (!ctx.write)
        throw Error("internal: a write clause ran without a write transaction",
                    Error::Kind::Internal);
    return *ctx.write;
}

void setProperty(const Value& entity, const std::string& key, const Value& v, ExecContext& ctx) {
    PropertyValue p = toProperty(v, key);
    if (entity.isNode()) {
        writer(ctx).setNodeProperty(entity.asNode().id, key, p);
    } else if (entity.isRelationship()) {
        writer(ctx).setEdgeProperty(entity.asRelationship().id, key, p);
    } else {
        typeError("SET", "a Node or Relationship", entity);
    }
    ctx.count("properties set");
}

PropertyMap currentProperties(const Value& entity, ExecContext& ctx) {
    if (entity.isNode()) {
        if (auto n = ctx.view->node(entity.asNode().id)) return n->props;
    } else if (entity.isRelationship()) {
        if (auto r = ctx.view->edge(entity.asRelationship().id)) return r->props;
    }
    return {};
}

int64_t relationshipCount(storage::NodeId id, ExecContext& ctx) {
    int64_t rels = 0;
    ctx.view->expand(id, storage::Direction::Both, std::nullopt, [&](const storage::Adjacent& a) {
        if (!(a.neighbor == id && !a.outgoing)) ++rels;
        return true;
    });
    return rels;
}

}  // namespace

void finishDeletes(ExecContext& ctx) {
    for (storage::NodeId id : ctx.pendingNodeDeletes) {
        if (!ctx.view->node(id)) continue;
        int64_t rels = relationshipCount(id, ctx);
        if (rels > 0) {
            throw Error("constraint error: cannot delete node " + std::to_string(id) +
                        ": it still has " + std::to_string(rels) +
                        " relationship(s); use DETACH DELETE");
        }
        writer(ctx).deleteNode(id);
        ctx.deletedNodes.insert(id);
        ctx.count("nodes deleted");
    }
    ctx.pendingNodeDeletes.clear();
}

void createParts(const std::vector<CreatePart>& parts, Row& row, ExecContext& ctx) {
    auto& w = writer(ctx);
    for (const auto& cp : parts) {
        const auto& part = *cp.part;
        for (size_t i = 0; i < part.nodes.size(); ++i) {
            const auto& n = part.nodes[i];
            if (!cp.newNodes[i]) {
                if (!row[n.slot].isNode()) {
                    throw Error("cannot create a relationship to or from " +
                                formatValue(row[n.slot]) + " (variable `" + n.variable + "`)");
                }
                continue;
            }
            // A node named twice in one CREATE is created once.
            bool earlier = false;
            for (size_t j = 0; j < i; ++j) earlier = earlier || part.nodes[j].slot == n.slot;
            if (earlier) continue;
            PropertyMap props = storableProperties(n.properties.get(), row, ctx);
            NodeValue v;
            v.id = w.createNode(n.labels, props);
            ctx.count("nodes created");
            ctx.count("labels added", static_cast<int64_t>(n.labels.size()));
            ctx.count("properties set", static_cast<int64_t>(props.size()));
            row[n.slot] = Value(std::move(v));
        }
        for (size_t i = 0; i < part.rels.size(); ++i) {
            const auto& r = part.rels[i];
            storage::NodeId a = row[part.nodes[i].slot].asNode().id;
            storage::NodeId b = row[part.nodes[i + 1].slot].asNode().id;
            if (r.direction == ast::Direction::Incoming) std::swap(a, b);
            PropertyMap props = storableProperties(r.properties.get(), row, ctx);
            RelationshipValue v;
            v.id = w.createEdge(a, b, r.types[0], props);
            v.src = a;
            v.dst = b;
            v.type = r.types[0];
            ctx.count("relationships created");
            ctx.count("properties set", static_cast<int64_t>(props.size()));
            row[r.slot] = Value(std::move(v));
        }
    }
}

std::string CreateOp::describe() const {
    std::string s = "Create";
    for (const auto& p : parts_)
        s += " " + std::to_string(p.part->nodes.size()) + "n/" +
             std::to_string(p.part->rels.size()) + "r";
    return s;
}

bool CreateOp::produce(ExecContext& ctx, const Consumer& out) {
    return pull(ctx, [&](Row& row) {
        createParts(parts_, row, ctx);
        return out(row);
    });
}

void applySetItems(const std::vector<ast::SetItem>& items, Row& row, ExecContext& ctx) {
    for (const auto& item : items) {
        switch (item.kind) {
            case ast::SetItem::Kind::Property: {
                Value entity = evaluate(*item.target->children[0], row, ctx);
                if (entity.isNull()) break;
                setProperty(entity, item.target->name, evaluate(*item.value, row, ctx), ctx);
                break;
            }
            case ast::SetItem::Kind::Replace:
            case ast::SetItem::Kind::Merge: {
                const Value& entity = row[item.slot];
                if (entity.isNull()) break;
                Value v = evaluate(*item.value, row, ctx);
                ValueMap m;
                if (v.isNode() || v.isRelationship()) {
                    for (const auto& [k, p] : currentProperties(v, ctx)) m[k] = fromProperty(p);
                } else if (v.isMap()) {
                    m = v.asMap();
                } else if (!v.isNull()) {
                    typeError("SET " + item.variable, "a Map", v);
                }
                if (item.kind == ast::SetItem::Kind::Replace) {
                    for (const auto& [k, p] : currentProperties(entity, ctx)) {
                        if (!m.count(k)) setProperty(entity, k, Value(), ctx);
                    }
                }
                for (const auto& [k, x] : m) setProperty(entity, k, x, ctx);
                break;
            }
            case ast::SetItem::Kind::Labels: {
                const Value& entity = row[item.slot];
                if (entity.isNull()) break;
                if (!entity.isNode()) typeError("SET labels", "a Node", entity);
                for (const auto& l : item.labels) {
                    if (ctx.view->hasLabel(entity.asNode().id, l)) continue;
                    writer(ctx).addLabel(entity.asNode().id, l);
                    ctx.count("labels added");
                }
                break;
            }
        }
    }
}

bool SetOp::produce(ExecContext& ctx, const Consumer& out) {
    return pull(ctx, [&](Row& row) {
        applySetItems(*items_, row, ctx);
        return out(row);
    });
}

bool MergeOp::produce(ExecContext& ctx, const Consumer& out) {
    return pull(ctx, [&](Row& row) {
        std::vector<Row> found;
        match_.run(ctx, row, [&](Row& r) {
            found.push_back(r);
            return true;
        });
        if (found.empty()) {
            createParts({create_}, row, ctx);
            applySetItems(clause_->onCreate, row, ctx);
            return out(row);
        }
        for (auto& r : found) {
            applySetItems(clause_->onMatch, r, ctx);
            if (!out(r)) return false;
        }
        return true;
    });
}

bool RemoveOp::produce(ExecContext& ctx, const Consumer& out) {
    return pull(ctx, [&](Row& row) {
        for (const auto& item : *items_) {
            if (item.kind == ast::RemoveItem::Kind::Property) {
                Value entity = evaluate(*item.target->children[0], row, ctx);
                if (entity.isNull()) continue;
                if (!propertyOf(entity, item.target->name, ctx).isNull()) {
                    PropertyValue none;
                    if (entity.isNode()) {
                        writer(ctx).setNodeProperty(entity.asNode().id, item.target->name, none);
                    } else if (entity.isRelationship()) {
                        writer(ctx).setEdgeProperty(entity.asRelationship().id, item.target->name,
                                                    none);
                    }
                    ctx.count("properties set");
                }
                continue;
            }
            const Value& entity = row[item.slot];
            if (entity.isNull()) continue;
            if (!entity.isNode()) typeError("REMOVE labels", "a Node", entity);
            for (const auto& l : item.labels) {
                if (!ctx.view->hasLabel(entity.asNode().id, l)) continue;
                writer(ctx).removeLabel(entity.asNode().id, l);
                ctx.count("labels removed");
            }
        }
        return out(row);
    });
}

bool DeleteOp::produce(ExecContext& ctx, const Consumer& out) {
    auto& w = writer(ctx);
    auto deleteRel = [&](storage::EdgeId id) {
        if (!ctx.view->edge(id)) return;  // already deleted by this statement
        w.deleteEdge(id);
        ctx.deletedRelationships.insert(id);
        ctx.count("relationships deleted");
    };
    auto deleteNode = [&](storage::NodeId id) {
        if (!ctx.view->node(id)) return;
        int64_t rels = relationshipCount(id, ctx);
        if (rels > 0 && !detach_) {
            // Its relationships may still be deleted later in the statement: check at the end.
            ctx.pendingNodeDeletes.push_back(id);
            return;
        }
        ctx.deletedNodes.insert(id);
        if (detach_) {
            ctx.view->expand(id, storage::Direction::Both, std::nullopt,
                             [&](const storage::Adjacent& a) {
                                 ctx.deletedRelationships.insert(a.edge);
                                 return true;
                             });
            w.detachDeleteNode(id);
            ctx.count("relationships deleted", rels);
        } else {
            w.deleteNode(id);
        }
        ctx.count("nodes deleted");
    };
    return pull(ctx, [&](Row& row) {
        for (const auto& e : *exprs_) {
            Value v = evaluate(*e, row, ctx);
            if (v.isNull()) continue;
            if (v.isRelationship()) {
                deleteRel(v.asRelationship().id);
            } else if (v.isNode()) {
                deleteNode(v.asNode().id);
            } else if (v.isPath()) {
                for (const auto& r : v.asPath().relationships) deleteRel(r.id);
                for (const auto& n : v.asPath().nodes) deleteNode(n.id);
            } else {
                typeError("DELETE", "a Node, Relationship or Path", v);
            }
        }
        return out(row);
    });
}

}  // namespace kgraph::query
