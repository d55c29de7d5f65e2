// Leaf-side operators: the start of every pipeline and the node scans.
#pragma once

#include "engine/query/execute/operator.h"
#include "engine/query/parse/ast.h"

namespace kgraph::query {

// Emits one row of nulls: the start of a query.
class OnceOp : public Operator {
public:
    std::string describe() const override { return "Once"; }
    bool threadSafe() const override { return true; }

protected:
    bool produce(ExecContext& ctx, const Consumer& out) override;
};

// `MATCH (n[:L]) RETURN count(*)` and `MATCH ()-[r[:T]]->() RETURN count(r)`: answered from
// the store's counts without scanning.
class CountFromStatisticsOp : public Operator {
public:
    enum class What { Nodes, Label, Relationships, Type };
    CountFromStatisticsOp(What what, std::string name, int slot)
        : what_(what), name_(std::move(name)), slot_(slot) {}
    std::string describe() const override;

protected:
    bool produce(ExecContext& ctx, const Consumer& out) override;

private:
    What what_;
    std::string name_;
    int slot_;
};

// `MATCH ()-[r]->() RETURN type(r), count(*)`: one row per relationship type, from the
// store's counts.
class CountByTypeOp : public Operator {
public:
    CountByTypeOp(int typeSlot, int countSlot) : typeSlot_(typeSlot), countSlot_(countSlot) {}
    std::string describe() const override { return "CountByTypeFromStatistics"; }

protected:
    bool produce(ExecContext& ctx, const Consumer& out) override;

private:
    int typeSlot_;
    int countSlot_;
};

// The labels and property map a pattern node must have.
struct NodeFilter {
    std::vector<std::string> labels;
    const ast::Expr* properties = nullptr;  // a map expression, or null

    bool empty() const { return labels.empty() && !properties; }
    bool threadSafe() const;
    bool matches(storage::NodeId id, Row& row, ExecContext& ctx) const;
    std::string describe() const;
};

// True if every entry of the map `props` equals the entity's property (null never matches).
bool propertiesMatch(const Value& entity, const Value& props, ExecContext& ctx);

// For each input row, binds `slot` to every node found and checks the filter.
class NodeScanOp : public Operator {
public:
    enum class Mode { All, Label, Name, NamePrefix };
    NodeScanOp(Mode mode, int slot, std::string variable, NodeFilter filter)
        : mode_(mode), slot_(slot), variable_(std::move(variable)), filter_(std::move(filter)) {}
    std::string label;               // Mode::Label
    const ast::Expr* key = nullptr;  // Mode::Name / NamePrefix: the name (prefix) expression

    std::string describe() const override;
    bool threadSafe() const override;
    // Mode::All: a worker whose ExecContext names this scan (rangeScan) scans only its range.
    bool scansAllNodes() const { return mode_ == Mode::All; }

protected:
    bool produce(ExecContext& ctx, const Consumer& out) override;

private:
    Mode mode_;
    int slot_;
    std::string variable_;
    NodeFilter filter_;
};

// Checks a node bound earlier (by a previous clause or pattern part) against a pattern
// node's labels and properties.
class NodeCheckOp : public Operator {
public:
    NodeCheckOp(int slot, std::string variable, NodeFilter filter)
        : slot_(slot), variable_(std::move(variable)), filter_(std::move(filter)) {}
    std::string describe() const override;
    bool threadSafe() const override { return filter_.threadSafe(); }

protected:
    bool produce(ExecContext& ctx, const Consumer& out) override;

private:
    int slot_;
    std::string variable_;
    NodeFilter filter_;
};

}  // namespace kgraph::query
