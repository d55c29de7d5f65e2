// kgraph import : load a prepared graph.
//
// Two modes, told apart by their options:
//   kgraph import --db DIR --nodes nodes.csv [--edges edges.csv]   bulk load of a property graph
//   kgraph import --db DIR --format tsv|nt|jsonl FILE...           triples from other tools (not
//   yet)
#include <chrono>
#include <cstdio>
#include <iostream>

#include "cli/commands/command.h"
#include "engine/common/error.h"
#include "storage/bulk_import.h"

namespace kgraph::cli {

namespace {

struct Options {
    std::string db;
    std::string nodes;
    std::string edges;
    std::string format;
    std::vector<std::string> files;
    int threads = 2;
};

int runImport(const Options& o) {
    if (!o.format.empty() || !o.files.empty()) {
        throw Error(
            "importing triples (--format tsv|nt|jsonl FILE...) is not available yet; "
            "for a prepared graph use --nodes nodes.csv --edges edges.csv",
            Error::Kind::Usage);
    }
    if (o.nodes.empty()) {
        throw Error(
            "kgraph import needs --nodes FILE (and usually --edges FILE); see kgraph import --help",
            Error::Kind::Usage);
    }
    auto start = std::chrono::steady_clock::now();
    std::string db = resolveDbPath(o.db);
    auto r = storage::bulkImport(db, o.nodes, o.edges, {.threads = o.threads});
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cout << "imported: " << r.nodes << " nodes (" << r.labels << " labels), " << r.edges
              << " relationships (" << r.types << " types)\n"
              << "database: " << db << "\n";
    std::printf("time:     %.2f s\n", secs);
    std::fflush(stdout);
    return 0;
}

}  // namespace

void addImportCommand(CLI::App& app, Action& action) {
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand(
        "import", "Load a prepared graph (CSV nodes and edges) into a new database");
    addDbOption(*cmd, o->db);
    cmd->add_option("--nodes", o->nodes,
                    "CSV with header name,label: one node per line, names unique")
        ->check(CLI::ExistingFile);
    cmd->add_option("--edges", o->edges,
                    "CSV with header src,dst,type: one relationship per line, by name")
        ->check(CLI::ExistingFile);
    cmd->add_option("--format", o->format,
                    "Triples format for FILE... (tsv, nt, jsonl; not available yet)");
    cmd->add_option("files", o->files, "Triples files (with --format; not available yet)");
    cmd->add_option("--threads", o->threads, "Threads writing the sorted files (default: 2)")
        ->check(CLI::Range(1, 64));
    cmd->footer(
        "RFC 4180 quoting. The database must be new or empty; the whole import is committed at "
        "once,\n"
        "and a file with an error (named with its line and column) commits nothing.\n"
        "Example: kgraph import --db big.kg --nodes nodes.csv --edges edges.csv");
    cmd->callback([o, &action] { action = [o] { return runImport(*o); }; });
}

}  // namespace kgraph::cli
