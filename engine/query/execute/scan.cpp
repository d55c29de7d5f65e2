#include "engine/query/execute/scan.h"

#include "engine/common/error.h"
#include "engine/query/execute/evaluator.h"

namespace kgraph::query {

namespace {

std::string displayName(const std::string& variable) {
    return variable.rfind("  ", 0) == 0 ? "" : variable;
}

// Sets `slot` to node `id` (not loaded). A scan binds one slot per row: the node value the
// slot holds from the previous row is reused when it is a bare id, which spares destroying
// and building the value per row.
void bindNode(Value& slot, storage::NodeId id) {
    if (slot.isNode()) {
        NodeValue& n = slot.asNode();
        if (!n.loaded && n.labels.empty() && n.properties.empty()) {
            n.id = id;
            return;
        }
    }
    NodeValue n;
    n.id = id;
    slot = Value(std::move(n));
}

}  // namespace

bool OnceOp::produce(ExecContext& ctx, const Consumer& out) {
    Row row(ctx.slotCount);
    return out(row);
}

std::string CountFromStatisticsOp::describe() const {
    switch (what_) {
        case What::Nodes:
            return "CountFromStatistics ()";
        case What::Label:
            return "CountFromStatistics (:" + name_ + ")";
        case What::Relationships:
            return "CountFromStatistics ()-[]->()";
        case What::Type:
            return "CountFromStatistics ()-[:" + name_ + "]->()";
    }
    return "?";
}

bool CountFromStatisticsOp::produce(ExecContext& ctx, const Consumer& out) {
    uint64_t n = 0;
    switch (what_) {
        case What::Nodes:
            n = ctx.view->nodeCount();
            break;
        case What::Label:
            n = ctx.view->labelCount(name_);
            break;
        case What::Relationships:
            n = ctx.view->edgeCount();
            break;
        case What::Type:
            n = ctx.view->typeCount(name_);
            break;
    }
    Row row(ctx.slotCount);
    row[slot_] = Value(static_cast<int64_t>(n));
    return out(row);
}

bool CountByTypeOp::produce(ExecContext& ctx, const Consumer& out) {
    for (const auto& [type, n] : ctx.view->typeCounts()) {
        Row row(ctx.slotCount);
        row[typeSlot_] = Value(type);
        row[countSlot_] = Value(static_cast<int64_t>(n));
        if (!out(row)) return false;
    }
    return true;
}

bool propertiesMatch(const Value& entity, const Value& props, ExecContext& ctx) {
    if (props.isNull()) return true;
    if (!props.isMap()) typeError("pattern properties", "a Map", props);
    for (const auto& [k, v] : props.asMap()) {
        if (!equals(propertyOf(entity, k, ctx), v).value_or(false)) return false;
    }
    return true;
}

bool NodeFilter::matches(storage::NodeId id, Row& row, ExecContext& ctx) const {
    for (const auto& l : labels) {
        if (!ctx.view->hasLabel(id, l)) return false;
    }
    if (properties) {
        NodeValue n;
        n.id = id;
        return propertiesMatch(Value(std::move(n)), evaluate(*properties, row, ctx), ctx);
    }
    return true;
}

bool NodeFilter::threadSafe() const { return threadSafeExpr(properties); }

std::string NodeFilter::describe() const {
    std::string out;
    for (const auto& l : labels) out += ":" + l;
    if (properties) out += " " + (properties->text.empty() ? "{...}" : properties->text);
    return out;
}

std::string NodeScanOp::describe() const {
    std::string labelText = mode_ == Mode::Label ? ":" + label : "";
    std::string node = "(" + displayName(variable_) + labelText + filter_.describe() + ")";
    switch (mode_) {
        case Mode::All:
            return "AllNodesScan " + node;
        case Mode::Label:
            return "NodeByLabelScan " + node;
        case Mode::Name:
            return "NodeByNameIndex " + node + " name=" + key->text;
        case Mode::NamePrefix:
            return "NodeByNamePrefixIndex " + node + " prefix=" + key->text;
    }
    return "?";
}

bool NodeScanOp::threadSafe() const { return filter_.threadSafe() && threadSafeExpr(key); }

bool NodeScanOp::produce(ExecContext& ctx, const Consumer& out) {
    return pull(ctx, [&](Row& row) {
        bool more = true;
        auto visit = [&](storage::NodeId id) {
            if (!filter_.matches(id, row, ctx)) return true;
            bindNode(row[slot_], id);
            more = out(row);
            return more;
        };
        switch (mode_) {
            case Mode::All:
                if (ctx.rangeScan == this) {
                    ctx.view->scanNodeRange(ctx.rangeFirst, ctx.rangeEnd, visit);
                } else {
                    ctx.view->scanNodes(visit);
                }
                break;
            case Mode::Label:
                ctx.view->scanLabel(label, visit);
                break;
            case Mode::Name:
            case Mode::NamePrefix: {
                Value k = evaluate(*key, row, ctx);
                if (!k.isString()) return true;  // a non-string name matches nothing here
                if (mode_ == Mode::Name) {
                    ctx.view->findByName(k.asString(), visit);
                } else {
                    ctx.view->findByNamePrefix(k.asString(), visit);
                }
                break;
            }
        }
        return more;
    });
}

std::string NodeCheckOp::describe() const {
    return "NodeCheck (" + displayName(variable_) + filter_.describe() + ")";
}

bool NodeCheckOp::produce(ExecContext& ctx, const Consumer& out) {
    return pull(ctx, [&](Row& row) {
        const Value& v = row[slot_];
        if (v.isNull()) return true;
        if (!v.isNode()) typeError("pattern node (" + variable_ + ")", "a Node", v);
        if (!filter_.matches(v.asNode().id, row, ctx)) return true;
        return out(row);
    });
}

}  // namespace kgraph::query
