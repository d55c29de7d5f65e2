// kgraph check : verify every index and count of a database against its records.
#include <iostream>

#include "cli/commands/command.h"
#include "storage/consistency_check.h"
#include "storage/graph_store.h"

namespace kgraph::cli {

namespace {

int runCheck(const std::string& db) {
    auto store =
        storage::GraphStore::open(resolveDbPath(db), {.readOnly = true, .createIfMissing = false});
    auto report = storage::checkConsistency(*store);
    std::cout << "database: " << store->path() << "\n"
              << "checked:\n";
    for (const auto& [what, n] : report.checked) std::cout << "  " << what << "\t" << n << "\n";
    for (const auto& w : report.warnings) std::cout << "warning: " << w << "\n";
    std::cout.flush();
    if (report.ok()) {
        std::cout << "ok: no inconsistencies\n";
        return 0;
    }
    for (const auto& p : report.problems) std::cerr << "inconsistent: " << p << "\n";
    if (report.moreProblems > 0)
        std::cerr << "inconsistent: ... and " << report.moreProblems << " more\n";
    std::cerr << "error: " << report.problems.size() + report.moreProblems << " inconsistencies in "
              << store->path() << "\n";
    return 1;
}

}  // namespace

void addCheckCommand(CLI::App& app, Action& action) {
    auto db = std::make_shared<std::string>();
    auto* cmd = app.add_subcommand(
        "check",
        "Verify every index and count against the records; exit 1 naming each inconsistency");
    addDbOption(*cmd, *db);
    cmd->footer("Example: kgraph check --db news.kg");
    cmd->callback([db, &action] { action = [db] { return runCheck(*db); }; });
}

}  // namespace kgraph::cli
