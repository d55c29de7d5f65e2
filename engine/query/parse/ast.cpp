#include "engine/query/parse/ast.h"

namespace kgraph::query::ast {

Expr::~Expr() {
    std::vector<std::unique_ptr<Expr>> pending;
    for (auto& c : children) pending.push_back(std::move(c));
    while (!pending.empty()) {
        std::unique_ptr<Expr> e = std::move(pending.back());
        pending.pop_back();
        if (!e) continue;
        for (auto& c : e->children) pending.push_back(std::move(c));
        // `e` is freed here with no children left.
    }
}

const char* opText(Op op) {
    switch (op) {
        case Op::Not:
            return "NOT";
        case Op::Negate:
            return "-";
        case Op::Plus:
            return "+";
        case Op::Or:
            return "OR";
        case Op::Xor:
            return "XOR";
        case Op::And:
            return "AND";
        case Op::Eq:
            return "=";
        case Op::Ne:
            return "<>";
        case Op::Lt:
            return "<";
        case Op::Gt:
            return ">";
        case Op::Le:
            return "<=";
        case Op::Ge:
            return ">=";
        case Op::StartsWith:
            return "STARTS WITH";
        case Op::EndsWith:
            return "ENDS WITH";
        case Op::Contains:
            return "CONTAINS";
        case Op::RegexMatch:
            return "=~";
        case Op::In:
            return "IN";
        case Op::Add:
            return "+";
        case Op::Sub:
            return "-";
        case Op::Mul:
            return "*";
        case Op::Div:
            return "/";
        case Op::Mod:
            return "%";
        case Op::Pow:
            return "^";
    }
    return "?";
}

const char* clauseName(ClauseKind k) {
    switch (k) {
        case ClauseKind::Match:
            return "MATCH";
        case ClauseKind::Unwind:
            return "UNWIND";
        case ClauseKind::With:
            return "WITH";
        case ClauseKind::Return:
            return "RETURN";
        case ClauseKind::Create:
            return "CREATE";
        case ClauseKind::Merge:
            return "MERGE";
        case ClauseKind::Set:
            return "SET";
        case ClauseKind::Remove:
            return "REMOVE";
        case ClauseKind::Delete:
            return "DELETE";
        case ClauseKind::Call:
            return "CALL";
    }
    return "?";
}

}  // namespace kgraph::query::ast
