// kgraph shell : the REPL.
#include <unistd.h>

#include <iostream>

#include "cli/commands/command.h"
#include "cli/shell.h"

namespace kgraph::cli {

void addShellCommand(CLI::App& app, Action& action) {
    auto db = std::make_shared<std::string>();
    auto readOnly = std::make_shared<bool>(false);
    auto* cmd = app.add_subcommand(
        "shell", "Interactive query shell (reads a script from standard input when piped)");
    addDbOption(*cmd, *db);
    cmd->add_flag("--read-only", *readOnly, "Open the database read-only (no writes, no lock)");
    cmd->footer(
        "Example: kgraph shell --db news.kg    or    kgraph shell --db news.kg < queries.cypher");
    cmd->callback([db, readOnly, &action] {
        action = [db, readOnly] {
            auto store = storage::GraphStore::open(resolveDbPath(*db), {.readOnly = *readOnly});
            ShellOptions options;
            options.interactive = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
            bool ro = *readOnly;
            options.open = [ro](const std::string& path) {
                return storage::GraphStore::open(path, {.readOnly = ro, .createIfMissing = !ro});
            };
            return runShell(*store, std::cin, std::cout, std::cerr, options);
        };
    });
}

}  // namespace kgraph::cli
