#include "engine/query/execute/node_ranges.h"

namespace kgraph::query {

std::vector<std::unique_ptr<storage::GraphView>> forkViews(ExecContext& ctx, int workers) {
    std::vector<std::unique_ptr<storage::GraphView>> views;
    for (int i = 0; i < workers; ++i) {
        auto v = ctx.view->forkForThread();
        if (!v) return {};
        views.push_back(std::move(v));
    }
    return views;
}

}  // namespace kgraph::query
