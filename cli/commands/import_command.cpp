// kgraph import : load a prepared graph.
//
// Two modes, told apart by their options:
//   kgraph import --db DIR --nodes nodes.csv [--edges edges.csv]   bulk load of a property graph
//   kgraph import --db DIR --format tsv|csv|nt|nq|jsonl FILE...|-     triples from other tools
//                                                                   (engine/export/triple_import.h)
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>

#include "cli/commands/command.h"
#include "cli/progress.h"
#include "engine/common/error.h"
#include "engine/export/triple_import.h"
#include "storage/bulk_import.h"
#include "storage/graph_store.h"

namespace kgraph::cli {

namespace {

struct Options {
    std::string db;
    std::string nodes;
    std::string edges;
    std::string format;
    std::vector<std::string> files;
    int threads = 2;
    bool strict = false;
    bool quiet = false;
};

int runTripleImport(const Options& o) {
    if (o.format.empty())
        throw Error("FILE arguments need --format tsv|csv|nt|nq|jsonl", Error::Kind::Usage);
    if (o.files.empty())
        throw Error("--format needs FILE... (or - for standard input)", Error::Kind::Usage);
    if (!o.nodes.empty() || !o.edges.empty()) {
        throw Error("--format FILE... and --nodes/--edges are separate modes", Error::Kind::Usage);
    }
    std::vector<std::unique_ptr<std::ifstream>> files;
    std::vector<exporter::ImportInput> inputs;
    for (const auto& f : o.files) {
        if (f == "-") {
            inputs.push_back({"-", &std::cin});
            continue;
        }
        files.push_back(std::make_unique<std::ifstream>(f, std::ios::binary));
        if (!*files.back()) throw Error("cannot read " + f);
        inputs.push_back({f, files.back().get()});
    }
    std::string db = resolveDbPath(o.db);
    auto store = storage::GraphStore::open(db);
    auto start = std::chrono::steady_clock::now();
    // Reading and checking every line comes first (quick); the bar follows the writes.
    Progress progress("import", 0, "docs", !o.quiet && isatty(STDERR_FILENO), "facts");
    auto r = exporter::importTriples(*store, o.format, inputs, o.strict,
                                     [&](uint64_t, uint64_t total, uint64_t facts) {
                                         progress.setTotal(total);
                                         progress.advance(1, facts);
                                     });
    progress.finish();
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    for (const auto& p : r.problems) std::cerr << "skipped " << p << "\n";
    std::cout << "imported: " << r.lines << " facts (" << r.documents << " source documents), "
              << r.skipped << " bad lines skipped\n"
              << "database: " << db << "\n";
    std::printf("time:     %.2f s, %.0f facts/s\n", secs, secs > 0 ? r.lines / secs : 0.0);
    std::fflush(stdout);
    return 0;
}

int runImport(const Options& o) {
    if (!o.format.empty() || !o.files.empty()) return runTripleImport(o);
    if (o.nodes.empty()) {
        throw Error(
            "kgraph import needs --nodes FILE (and usually --edges FILE); see kgraph import --help",
            Error::Kind::Usage);
    }
    auto start = std::chrono::steady_clock::now();
    std::string db = resolveDbPath(o.db);
    Progress progress("import", 0, "", !o.quiet && isatty(STDERR_FILENO), "rows");
    storage::BulkImportOptions options;
    options.threads = o.threads;
    if (!o.quiet && isatty(STDERR_FILENO)) {
        options.progress = [&progress](const storage::BulkImportProgress& p) {
            // The rate is of the whole import's work, counted in input rows.
            progress.show(p.fraction, static_cast<size_t>(p.fraction * p.expectedRows), p.phase);
        };
    }
    auto r = storage::bulkImport(db, o.nodes, o.edges, options);
    progress.finish();
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cout << "imported: " << r.nodes << " nodes (" << r.labels << " labels), " << r.edges
              << " relationships (" << r.types << " types)\n"
              << "database: " << db << "\n";
    std::printf("time:     %.2f s, %.0f rows/s\n", secs,
                secs > 0 ? static_cast<double>(r.nodes + r.edges) / secs : 0.0);
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
    cmd->add_option(
        "--format", o->format,
        "Triples format for FILE...: tsv, csv, nt, nq or jsonl (kgraph export or kgraph extract "
        "lines); names join the stored entities by name and alias");
    cmd->add_option("files", o->files, "Triples files (with --format; - for standard input)");
    cmd->add_flag("--strict", o->strict,
                  "With --format: any bad line aborts with nothing imported");
    cmd->add_flag("-q,--quiet", o->quiet, "No progress bar (there is none unless on a terminal)");
    cmd->add_option("--threads", o->threads, "Threads writing the sorted files (default: 2)")
        ->check(CLI::Range(1, 64));
    cmd->footer(
        "RFC 4180 quoting. The database must be new or empty; the whole import is committed at "
        "once,\n"
        "and a file with an error (named with its line and column) commits nothing.\n"
        "Example: kgraph import --db big.kg --nodes nodes.csv --edges edges.csv\n"
        "         kgraph import --db news.kg --format jsonl facts.jsonl");
    cmd->callback([o, &action] { action = [o] { return runImport(*o); }; });
}

}  // namespace kgraph::cli
