// kgraph shell : the REPL.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/commands/command.h"
#include "cli/shell.h"
#include "engine/common/error.h"

namespace kgraph::cli {

namespace {

struct Options {
    std::string db;
    std::string file;
    bool readOnly = false;
    bool create = false;
};

int runShellCommand(const Options& o) {
    // A mistyped path must not become a new empty database: create only when asked.
    std::string path = resolveDbPath(o.db);
    std::error_code ec;
    if (!o.create && (!std::filesystem::exists(path, ec) || std::filesystem::is_empty(path, ec))) {
        throw Error("no kgraph database at " + path +
                    "; check the path, or pass --create to start a new empty one");
    }
    auto store = storage::GraphStore::open(
        path, {.readOnly = o.readOnly, .createIfMissing = o.create && !o.readOnly});
    ShellOptions options;
    options.interactive = o.file.empty() && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
    bool ro = o.readOnly;
    options.open = [ro](const std::string& path, bool create) {
        return storage::GraphStore::open(path, {.readOnly = ro, .createIfMissing = create && !ro});
    };
    if (!o.file.empty()) {
        std::ifstream in(o.file);
        if (!in) throw Error("cannot read the script " + o.file);
        return runShell(*store, in, std::cout, std::cerr, options);
    }
    return runShell(*store, std::cin, std::cout, std::cerr, options);
}

}  // namespace

void addShellCommand(CLI::App& app, Action& action) {
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand(
        "shell", "Interactive query shell (reads a script from standard input when piped)");
    addDbOption(*cmd, o->db);
    cmd->add_flag("--read-only", o->readOnly, "Open the database read-only (no writes, no lock)");
    cmd->add_flag("--create", o->create,
                  "Create the database if it does not exist (else a missing one is an error)");
    cmd->add_option("-f,--file", o->file,
                    "Run the statements of this file (as when piped) and leave");
    cmd->footer(
        "Example: kgraph shell --db news.kg    or    kgraph shell --db news.kg -f "
        "queries.cypher");
    cmd->callback([o, &action] { action = [o] { return runShellCommand(*o); }; });
}

}  // namespace kgraph::cli
