// kgraph build PATH... : extract facts from documents and store them.
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <iostream>

#include "cli/commands/command.h"
#include "cli/document_build.h"
#include "cli/progress.h"
#include "cli/result_printer.h"
#include "engine/common/error.h"

namespace kgraph::cli {

namespace {

struct Options {
    std::vector<std::string> inputs;
    std::string db;
    bool quiet = false;
    int jobs = 1;
};

// Raises the soft limit on open files to the hard limit: the database keeps table files open
// and each document is opened in turn; a low soft limit (`ulimit -Sn 16`) would otherwise
// fail documents that are perfectly readable.
void raiseOpenFileLimit() {
    rlimit l{};
    if (::getrlimit(RLIMIT_NOFILE, &l) == 0 && l.rlim_cur < l.rlim_max) {
        l.rlim_cur = l.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &l);
    }
}

int runBuild(const Options& o) {
    raiseOpenFileLimit();
    auto start = std::chrono::steady_clock::now();
    std::vector<std::string> unreadable;
    auto files = listBuildInputs(o.inputs, unreadable);
    auto store = storage::GraphStore::open(resolveDbPath(o.db));
    Progress progress("build", files.size(), "docs", !o.quiet && isatty(STDERR_FILENO));
    auto sum = buildDocuments(
        *store, files, modelDir(), [&](uint64_t words) { progress.advance(1, words); }, o.jobs);
    const auto &added = sum.added, &unchanged = sum.unchanged, &replaced = sum.replaced,
               &sentences = sum.sentences, &words = sum.words, &facts = sum.facts,
               &entities = sum.entities, &extracted = sum.extracted;
    auto& skipped = sum.skipped;
    skipped.insert(skipped.begin(), unreadable.begin(), unreadable.end());
    progress.finish();
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    auto r = store->read();
    std::cout << "documents: " << added << " added, " << replaced << " replaced, " << unchanged
              << " unchanged, " << skipped.size() << " skipped\n"
              << "extracted: " << sentences << " sentences, " << entities
              << " entity mentions (grouped), " << facts << " facts\n"
              << "database:  " << store->path() << ": " << r->nodeCount() << " nodes, "
              << r->edgeCount() << " relationships\n";
    // Rates count the documents read through the NLP, not the unchanged ones passed over.
    if (extracted == 0) {
        std::printf("time:      %.2f s, nothing to extract (%zu unchanged, skipped)\n", secs,
                    unchanged);
    } else {
        std::printf("time:      %.2f s, %.1f documents/s, %.0f words/s\n", secs,
                    secs > 0 ? extracted / secs : 0.0, secs > 0 ? words / secs : 0.0);
    }
    std::fflush(stdout);
    // File names are anyone's bytes: shown without the control characters a terminal obeys.
    for (const auto& s : skipped) std::cout << "skipped:   " << printable(s) << "\n";
    std::cout.flush();
    if (added + replaced + unchanged == 0) {
        // Nothing could be read: a build that did nothing must not look like a success.
        std::cerr << "kgraph build: "
                  << (files.empty() ? "no documents found (a folder is searched for .txt, "
                                      ".text, .md and extension-less files)"
                                    : "none of the " + std::to_string(files.size()) +
                                          " documents could be read (see the skipped lines)")
                  << "\n";
        return 1;
    }
    return 0;
}

}  // namespace

void addBuildCommand(CLI::App& app, Action& action) {
    auto o = std::make_shared<Options>();
    auto* cmd =
        app.add_subcommand("build", "Extract entities and facts from documents into the database");
    cmd->add_option("inputs", o->inputs, "Files or folders (read recursively)")->required();
    addDbOption(*cmd, o->db);
    cmd->add_flag("-q,--quiet", o->quiet, "No progress bar, only the summary");
    cmd->add_option("-j,--jobs", o->jobs,
                    "Threads that read and extract documents (default 1); the graph does not "
                    "depend on it");
    cmd->footer("Example: kgraph build samples/ --db news.kg --jobs 2");
    cmd->callback([o, &action] { action = [o] { return runBuild(*o); }; });
}

}  // namespace kgraph::cli
