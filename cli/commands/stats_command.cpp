// kgraph stats : counts per label, relationship type and (label, type, label) pattern.
#include <algorithm>
#include <iostream>

#include "cli/commands/command.h"
#include "cli/result_printer.h"
#include "storage/graph_store.h"

namespace kgraph::cli {

namespace {

// Patterns shown without --all: the most frequent.
constexpr size_t kTopPatterns = 30;

int runStats(const std::string& db, bool all) {
    auto store =
        storage::GraphStore::open(resolveDbPath(db), {.readOnly = true, .createIfMissing = false});
    auto r = store->read();
    std::cout << "database: " << store->path() << "\n"
              << "nodes: " << r->nodeCount() << "\n"
              << "relationships: " << r->edgeCount() << "\n"
              << "labels:\n";
    for (const auto& [label, n] : r->labelCounts())
        std::cout << "  " << printable(label) << "\t" << n << "\n";
    std::cout << "relationship types:\n";
    for (const auto& [type, n] : r->typeCounts())
        std::cout << "  " << printable(type) << "\t" << n << "\n";
    auto patterns = r->patternCounts();
    std::stable_sort(patterns.begin(), patterns.end(),
                     [](const auto& a, const auto& b) { return a.count > b.count; });
    size_t shown = all ? patterns.size() : std::min(patterns.size(), kTopPatterns);
    std::cout << "patterns" << (shown < patterns.size() ? " (most frequent)" : "") << ":\n";
    for (size_t i = 0; i < shown; ++i) {
        const auto& p = patterns[i];
        std::cout << "  (:" << printable(p.srcLabel) << ")-[:" << printable(p.type)
                  << "]->(:" << printable(p.dstLabel) << ")\t" << p.count << "\n";
    }
    if (shown < patterns.size()) {
        std::cout << "  ... " << patterns.size() - shown << " more (kgraph stats --all)\n";
    }
    return 0;
}

}  // namespace

void addStatsCommand(CLI::App& app, Action& action) {
    auto db = std::make_shared<std::string>();
    auto all = std::make_shared<bool>(false);
    auto* cmd = app.add_subcommand("stats",
                                   "Counts of nodes and relationships per label, type and pattern");
    addDbOption(*cmd, *db);
    cmd->add_flag("--all", *all,
                  "Every (label)-[type]->(label) pattern, not only the 30 most frequent");
    cmd->footer("Example: kgraph stats --db news.kg");
    cmd->callback([db, all, &action] { action = [db, all] { return runStats(*db, *all); }; });
}

}  // namespace kgraph::cli
