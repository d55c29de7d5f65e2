// kgraph stats : counts per label and relationship type.
#include <iostream>

#include "cli/commands/command.h"
#include "storage/graph_store.h"

namespace kgraph::cli {

namespace {

int runStats(const std::string& db) {
    auto store = storage::GraphStore::open(resolveDbPath(db), {.readOnly = true, .createIfMissing = false});
    auto r = store->read();
    std::cout << "database: " << store->path() << "\n"
              << "nodes: " << r->nodeCount() << "\n"
              << "relationships: " << r->edgeCount() << "\n"
              << "labels:\n";
    for (const auto& [label, n] : r->labelCounts()) std::cout << "  " << label << "\t" << n << "\n";
    std::cout << "relationship types:\n";
    for (const auto& [type, n] : r->typeCounts()) std::cout << "  " << type << "\t" << n << "\n";
    std::cout << "patterns:\n";
    for (const auto& p : r->patternCounts()) {
        std::cout << "  (:" << p.srcLabel << ")-[:" << p.type << "]->(:" << p.dstLabel << ")\t" << p.count << "\n";
    }
    return 0;
}

}  // namespace

void addStatsCommand(CLI::App& app, Action& action) {
    auto db = std::make_shared<std::string>();
    auto* cmd = app.add_subcommand("stats", "Counts of nodes and relationships per label and type");
    addDbOption(*cmd, *db);
    cmd->footer("Example: kgraph stats --db news.kg");
    cmd->callback([db, &action] { action = [db] { return runStats(*db); }; });
}

}  // namespace kgraph::cli
