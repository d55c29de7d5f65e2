// Expansion operators: follow relationships from a bound node through the adjacency index.
#pragma once

#include <optional>

#include "engine/query/execute/evaluator.h"
#include "engine/query/execute/scan.h"

namespace kgraph::query {

// What an expansion step matches, shared by the expand operators.
struct ExpandSpec {
    int fromSlot = -1;
    int relSlot = -1;
    int toSlot = -1;
    std::string fromName, relName, toName;                    // for EXPLAIN
    std::vector<std::string> types;                           // empty: any type
    storage::Direction direction = storage::Direction::Both;  // seen from the `from` node
    bool toBound = false;   // `to` is bound already: check instead of bind
    bool relBound = false;  // the relationship is bound already (one hop only)
    NodeFilter toFilter;
    NodeFilter fromFilter;  // RelationshipTypeScanOp only: the start node is bound by the scan
    const ast::Expr* relProperties = nullptr;
    // Relationship slots bound earlier in the same MATCH: a relationship may be used once.
    std::vector<int> otherRelSlots;
    // Variable length
    int64_t minHops = 1;
    std::optional<int64_t> maxHops;
    // The planner walks the pattern right-to-left: store relationship lists in pattern order.
    bool reversed = false;
    // shortestPath / allShortestPaths: WHERE conjuncts `all|none(x IN relationships(p) WHERE
    // cond)` and `all|none(x IN nodes(p) WHERE cond)` on the path, applied to every
    // relationship (or node) during the search, so that the search returns the shortest path
    // that satisfies them, as Neo4j does. The WHERE still filters the result too.
    struct PathPredicate {
        const ast::Expr* quantifier = nullptr;  // ExprKind::Quantifier, "all" or "none"
        bool onNodes = false;
    };
    std::vector<PathPredicate> pathPredicates;

    std::string describe() const;
    // No expression the expansion evaluates would differ between threads (Operator::threadSafe).
    bool threadSafe() const {
        return toFilter.threadSafe() && fromFilter.threadSafe() && threadSafeExpr(relProperties);
    }
};

// Relationship uniqueness: true if relationship `id` is bound in one of `slots` of `row`.
bool relationshipUsed(storage::EdgeId id, const std::vector<int>& slots, const Row& row);

// One hop: index nested-loop join over the adjacency of `from`.
class ExpandOp : public Operator {
public:
    explicit ExpandOp(ExpandSpec spec) : spec_(std::move(spec)) {}
    std::string describe() const override { return "Expand " + spec_.describe(); }
    bool threadSafe() const override { return spec_.threadSafe(); }
    const ExpandSpec& spec() const { return spec_; }

protected:
    bool produce(ExecContext& ctx, const Consumer& out) override;

private:
    ExpandSpec spec_;
};

// One hop of which only the number of matches matters: the relationship and the far node
// are read by nothing but count() (`MATCH (a)-[r]->() RETURN a.name, count(r)`). Instead of
// a row per relationship it emits the row once with `weightSlot` set to how many rows
// ExpandOp would have emitted (the degree, from the index without decoding), or nothing
// when that is 0; AggregateOp then counts the row that many times. The relationship and far
// node slots stay null. REQUIRES: the spec has nothing ExpandOp would check per
// relationship (no far-node filter, relationship properties, earlier relationships of the
// MATCH, bound relationship or far node).
class DegreeExpandOp : public Operator {
public:
    DegreeExpandOp(ExpandSpec spec, int weightSlot)
        : spec_(std::move(spec)), weightSlot_(weightSlot) {}
    std::string describe() const override { return "ExpandDegree " + spec_.describe(); }
    bool threadSafe() const override { return spec_.threadSafe(); }

protected:
    bool produce(ExecContext& ctx, const Consumer& out) override;

private:
    ExpandSpec spec_;
    int weightSlot_;
};

// Variable-length hops by depth-first search; binds the relationship slot to a list.
class VarExpandOp : public Operator {
public:
    explicit VarExpandOp(ExpandSpec spec) : spec_(std::move(spec)) {}
    std::string describe() const override { return "VarLengthExpand " + spec_.describe(); }

protected:
    bool produce(ExecContext& ctx, const Consumer& out) override;

private:
    ExpandSpec spec_;
};

// shortestPath / allShortestPaths between two bound nodes, by breadth-first search.
class ShortestPathOp : public Operator {
public:
    ShortestPathOp(ExpandSpec spec, bool all) : spec_(std::move(spec)), all_(all) {}
    std::string describe() const override {
        return std::string(all_ ? "AllShortestPaths " : "ShortestPath ") + spec_.describe();
    }

protected:
    bool produce(ExecContext& ctx, const Consumer& out) override;

private:
    ExpandSpec spec_;
    bool all_;
};

// Starts a pattern at a relationship: scans the relationship type index and binds both ends.
// Chosen when the types are rarer than any start node.
class RelationshipTypeScanOp : public Operator {
public:
    explicit RelationshipTypeScanOp(ExpandSpec spec) : spec_(std::move(spec)) {}
    std::string describe() const override { return "RelationshipByTypeScan " + spec_.describe(); }

protected:
    bool produce(ExecContext& ctx, const Consumer& out) override;

private:
    ExpandSpec spec_;
};

// Builds a named path from the node and relationship slots of its pattern part.
class BuildPathOp : public Operator {
public:
    BuildPathOp(int pathSlot, std::string name, std::vector<int> nodeSlots,
                std::vector<int> relSlots)
        : pathSlot_(pathSlot),
          name_(std::move(name)),
          nodeSlots_(std::move(nodeSlots)),
          relSlots_(std::move(relSlots)) {}
    std::string describe() const override { return "BuildPath " + name_; }

protected:
    bool produce(ExecContext& ctx, const Consumer& out) override;

private:
    int pathSlot_;
    std::string name_;
    std::vector<int> nodeSlots_;
    std::vector<int> relSlots_;
};

}  // namespace kgraph::query
