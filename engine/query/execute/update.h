// Write operators: CREATE, MERGE, SET, REMOVE, DELETE. They write through ctx.write (the
// statement's one WriteTxn) and count what they change in ctx.counters.
#pragma once

#include "engine/query/execute/operator.h"
#include "engine/query/execute/subplan.h"
#include "engine/query/parse/ast.h"

namespace kgraph::query {

// One pattern part to create; newNodes[i] says whether nodes[i] is created (else it is bound).
struct CreatePart {
    const ast::PatternPart* part;
    std::vector<bool> newNodes;
};

// Deletes the nodes a DELETE left for the end of the statement because they still had
// relationships then; throws if they still have some. Call before committing.
void finishDeletes(ExecContext& ctx);

// Creates the parts for `row` (shared by CREATE and MERGE).
void createParts(const std::vector<CreatePart>& parts, Row& row, ExecContext& ctx);

class CreateOp : public Operator {
public:
    explicit CreateOp(std::vector<CreatePart> parts) : parts_(std::move(parts)) {}
    std::string describe() const override;

protected:
    bool produce(ExecContext& ctx, const Consumer& out) override;

private:
    std::vector<CreatePart> parts_;
};

class SetOp : public Operator {
public:
    explicit SetOp(const std::vector<ast::SetItem>* items) : items_(items) {}
    std::string describe() const override { return "SetProperties"; }

protected:
    bool produce(ExecContext& ctx, const Consumer& out) override;

private:
    const std::vector<ast::SetItem>* items_;
};

void applySetItems(const std::vector<ast::SetItem>& items, Row& row, ExecContext& ctx);

class MergeOp : public Operator {
public:
    MergeOp(Subplan match, CreatePart create, const ast::Clause* clause)
        : match_(std::move(match)), create_(std::move(create)), clause_(clause) {}
    std::string describe() const override { return "Merge"; }
    std::vector<const Operator*> subplans() const override { return {match_.root.get()}; }

protected:
    bool produce(ExecContext& ctx, const Consumer& out) override;

private:
    Subplan match_;
    CreatePart create_;
    const ast::Clause* clause_;
};

class RemoveOp : public Operator {
public:
    explicit RemoveOp(const std::vector<ast::RemoveItem>* items) : items_(items) {}
    std::string describe() const override { return "Remove"; }

protected:
    bool produce(ExecContext& ctx, const Consumer& out) override;

private:
    const std::vector<ast::RemoveItem>* items_;
};

class DeleteOp : public Operator {
public:
    DeleteOp(const std::vector<ast::ExprPtr>* exprs, bool detach)
        : exprs_(exprs), detach_(detach) {}
    std::string describe() const override { return detach_ ? "DetachDelete" : "Delete"; }

protected:
    bool produce(ExecContext& ctx, const Consumer& out) override;

private:
    const std::vector<ast::ExprPtr>* exprs_;
    bool detach_;
};

}  // namespace kgraph::query
