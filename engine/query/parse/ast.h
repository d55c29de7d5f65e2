// The abstract syntax tree of the query language: kgraph's own types, built by the
// Transformer from the ANTLR parse tree (parse/transformer.h). Nothing outside
// engine/query/parse/ sees an ANTLR type.
//
// The Binder (bind/binder.h) annotates the tree in place: it resolves every variable to a
// slot of the execution row (`slot` fields), gives aggregate results their slots and names
// anonymous pattern elements. After binding the tree is read-only: the planner and the
// operators only read it.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/query/value.h"

namespace kgraph::query {
struct FunctionInfo;   // execute/functions.h
struct ProcedureInfo;  // execute/procedures.h
}  // namespace kgraph::query

namespace kgraph::query::ast {

// Where a construct starts in the query text; line and column are 1-based.
struct Position {
    size_t line = 0;
    size_t column = 0;
};

struct PatternPart;

enum class ExprKind {
    Literal,               // value
    Parameter,             // name
    Variable,              // name, slot
    Property,              // children[0].name
    Index,                 // children[0][children[1]]
    Slice,                 // children[0][children[1]..children[2]] (null child = open end)
    Unary,                 // op children[0]
    Binary,                // children[0] op children[1]
    IsNull,                // children[0] IS NULL / IS NOT NULL (negated)
    HasLabels,             // children[0]:labels...
    FunctionCall,          // name(children...), distinct; slot set for aggregates after grouping
    CountStar,             // count(*); slot as for FunctionCall
    Case,                  // [subject] (when then)* [else]: hasSubject, hasElse
    ListLiteral,           // [children...]
    MapLiteral,            // {keys[i]: children[i]}
    ListComprehension,     // [name IN children[0] WHERE children[1] | children[2]]
    Quantifier,            // name: all/any/none/single; variable in `variable`
    PatternPredicate,      // pattern (exists)
    PatternComprehension,  // [pattern WHERE children[0] | children[1]]
    MapProjection,         // children[0] {keys[i]: children[i + 1], .* if allProperties}
};

enum class Op {
    // unary
    Not,
    Negate,
    Plus,
    // boolean
    Or,
    Xor,
    And,
    // comparison
    Eq,
    Ne,
    Lt,
    Gt,
    Le,
    Ge,
    // string / list predicates
    StartsWith,
    EndsWith,
    Contains,
    RegexMatch,
    In,
    // arithmetic
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Pow,
};

const char* opText(Op op);

struct Expr {
    Expr() = default;
    Expr(Expr&&) = default;
    Expr& operator=(Expr&&) = default;
    // Frees the children without recursing: a chain 100,000 deep (a.b.c…) is freed too.
    ~Expr();

    ExprKind kind = ExprKind::Literal;
    Position pos;
    Op op = Op::Eq;
    Value value;       // Literal
    std::string name;  // Variable, Parameter, Property key, function name
    std::vector<std::unique_ptr<Expr>> children;  // may hold nulls where documented
    std::vector<std::string> keys;                // MapLiteral keys; HasLabels labels
    bool distinct = false;                        // FunctionCall
    bool negated = false;                         // IsNull
    bool hasSubject = false;                      // Case
    bool hasElse = false;                         // Case
    bool allProperties = false;                   // MapProjection: .* given
    std::string variable;                         // ListComprehension / Quantifier variable
    std::shared_ptr<PatternPart> pattern;         // PatternPredicate / PatternComprehension
    std::string text;                             // the expression as written (column names)
    // FunctionCall: the function's row in the catalog (execute/functions.h), set by the binder.
    const FunctionInfo* function = nullptr;

    // Set by the binder.
    int slot = -1;  // Variable; comprehension variable; aggregate result
};

using ExprPtr = std::unique_ptr<Expr>;

enum class Direction { Outgoing, Incoming, Both };

struct NodePattern {
    Position pos;
    std::string variable;  // binder names anonymous nodes
    std::vector<std::string> labels;
    ExprPtr properties;  // MapLiteral or Parameter, or null
    int slot = -1;
    bool anonymous = false;
    // In a pattern expression: the node is bound by the enclosing query (set by the binder).
    bool outerBound = false;
};

struct RelPattern {
    Position pos;
    std::string variable;
    std::vector<std::string> types;  // alternatives; empty = any
    Direction direction = Direction::Both;
    bool variableLength = false;
    int64_t minHops = 1;
    std::optional<int64_t> maxHops;  // unbounded when absent
    ExprPtr properties;
    int slot = -1;
    bool anonymous = false;
};

enum class PathKind { Normal, Shortest, AllShortest };

struct PatternPart {
    Position pos;
    std::string pathVariable;  // empty when the path is not named
    int pathSlot = -1;
    PathKind kind = PathKind::Normal;
    std::vector<NodePattern> nodes;  // nodes.size() == rels.size() + 1
    std::vector<RelPattern> rels;
};

struct ProjectionItem {
    ExprPtr expr;
    std::string alias;  // the column name: the alias, or the expression as written
    bool hasAlias = false;
    int slot = -1;  // set by the binder
};

struct SortItem {
    ExprPtr expr;
    bool descending = false;
};

struct Projection {
    bool distinct = false;
    bool star = false;
    std::vector<ProjectionItem> items;
    std::vector<SortItem> order;
    ExprPtr skip;
    ExprPtr limit;
    // Set by the binder when the projection aggregates: a slot free in the aggregation's input
    // rows (the first result's) to weigh them by (optimize/count_hop_by_degree.h).
    int weightSlot = -1;
};

struct RenderSpec {
    std::string format = "svg";
    std::optional<std::string> file;
    std::string layout = "dot";
};

struct SetItem {
    enum class Kind { Property, Replace, Merge, Labels } kind = Kind::Property;
    Position pos;
    ExprPtr target;        // Property: an ExprKind::Property expression
    std::string variable;  // Replace, Merge, Labels
    int slot = -1;
    ExprPtr value;
    std::vector<std::string> labels;
};

struct RemoveItem {
    enum class Kind { Property, Labels } kind = Kind::Property;
    Position pos;
    ExprPtr target;  // Property
    std::string variable;
    int slot = -1;
    std::vector<std::string> labels;
};

enum class ClauseKind { Match, Unwind, With, Return, Create, Merge, Set, Remove, Delete, Call };

const char* clauseName(ClauseKind k);

struct Clause {
    ClauseKind kind = ClauseKind::Match;
    Position pos;

    // Match, Create, Merge (one part)
    bool optional = false;
    std::vector<std::shared_ptr<PatternPart>> pattern;
    ExprPtr where;  // Match, With, Call (YIELD ... WHERE)

    // Unwind
    ExprPtr expr;
    std::string alias;
    int aliasSlot = -1;

    // With, Return
    Projection projection;
    std::optional<RenderSpec> render;

    // Set; Merge's ON CREATE / ON MATCH
    std::vector<SetItem> setItems;
    std::vector<SetItem> onCreate;
    std::vector<SetItem> onMatch;

    // Remove
    std::vector<RemoveItem> removeItems;

    // Delete
    bool detach = false;
    std::vector<ExprPtr> deleteExprs;

    // Call
    std::string procedure;                         // as written
    const ProcedureInfo* procedureInfo = nullptr;  // its catalog row, set by the binder
    std::vector<ExprPtr> args;
    bool hasArgs = false;
    bool yieldStar = false;
    struct YieldItem {
        std::string field;
        std::string alias;
        int slot = -1;
    };
    std::vector<YieldItem> yields;
};

struct SingleQuery {
    std::vector<Clause> clauses;
    // Set by the binder: the output columns and their slots (RETURN's items, or a standalone
    // CALL's outputs).
    std::vector<std::string> columns;
    std::vector<int> columnSlots;
    int slotCount = 0;
};

struct Statement {
    enum class Mode { Run, Explain, Profile } mode = Mode::Run;
    Position pos;
    std::string text;                  // the statement as written
    std::vector<SingleQuery> queries;  // joined by UNION
    std::vector<bool> unionAll;        // unionAll[i] joins queries[i] and queries[i + 1]
    // Set by the binder: a clause changes the graph (CREATE, MERGE, SET, REMOVE, DELETE).
    bool updates = false;
};

}  // namespace kgraph::query::ast
