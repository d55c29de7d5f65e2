#include "engine/query/optimize/parallel_scan.h"

#include "engine/query/execute/evaluator.h"
#include "engine/query/execute/scan.h"

namespace kgraph::query {

namespace {

// The AllNodesScan starting `op`'s pipeline (right above Once) if every operator from `op`
// down to it may run on several threads at once and it is the only scan; else null.
const Operator* parallelNodeScan(const Operator* op) {
    const NodeScanOp* scan = nullptr;
    for (; op; op = op->input()) {
        if (!op->threadSafe() || !op->subplans().empty()) return nullptr;
        if (const auto* s = dynamic_cast<const NodeScanOp*>(op)) {
            if (scan || !s->scansAllNodes() || !dynamic_cast<const OnceOp*>(s->input())) {
                return nullptr;
            }
            scan = s;
        }
    }
    return scan;
}

}  // namespace

const Operator* parallelScanFor(const Operator* input, const std::vector<AggregateOp::Key>& keys,
                                const std::vector<AggregateOp::Agg>& aggs) {
    // Workers evaluate the keys and arguments too.
    for (const auto& k : keys) {
        if (!threadSafeExpr(k.expr)) return nullptr;
    }
    for (const auto& a : aggs) {
        for (const auto& child : a.call->children) {
            if (!threadSafeExpr(child.get())) return nullptr;
        }
    }
    return parallelNodeScan(input);
}

}  // namespace kgraph::query
