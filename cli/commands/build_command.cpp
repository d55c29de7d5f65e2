// kgraph build PATH... : extract facts from documents and store them.
#include <unistd.h>

#include <chrono>
#include <iostream>

#include "cli/commands/command.h"
#include "cli/document_build.h"
#include "cli/progress.h"
#include "engine/common/error.h"

namespace kgraph::cli {

namespace {

struct Options {
    std::vector<std::string> inputs;
    std::string db;
    bool quiet = false;
    int jobs = 1;
};

int runBuild(const Options& o) {
    auto start = std::chrono::steady_clock::now();
    auto files = listBuildInputs(o.inputs);
    auto store = storage::GraphStore::open(resolveDbPath(o.db));
    Progress progress("build", files.size(), "docs", !o.quiet && isatty(STDERR_FILENO));
    auto sum = buildDocuments(*store, files, modelDir(),
                              [&](uint64_t words) { progress.advance(1, words); }, o.jobs);
    const auto &added = sum.added, &unchanged = sum.unchanged, &replaced = sum.replaced,
               &sentences = sum.sentences, &words = sum.words, &facts = sum.facts,
               &entities = sum.entities, &extracted = sum.extracted;
    const auto& skipped = sum.skipped;
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
    for (const auto& s : skipped) std::cout << "skipped:   " << s << "\n";
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
