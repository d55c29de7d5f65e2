// kgraph build PATH... : extract facts from documents and store them.
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <map>
#include <set>

#include "cli/commands/command.h"
#include "cli/progress.h"
#include "cli/result_printer.h"
#include "engine/common/error.h"
#include "engine/extract/name_registry.h"
#include "engine/extract/parse_extractor.h"
#include "engine/extract/to_storage.h"
#include "engine/text/document_reader.h"
#include "engine/text/utf8.h"
#include "storage/document_ingest.h"

namespace kgraph::cli {

namespace {

namespace fs = std::filesystem;

struct InputFile {
    fs::path path;
    std::string id;
};

// Inside a folder only text documents are taken (.txt, .text, .md, or no
// extension), so that e.g. a queries file next to the articles is not read
// as an article. A file named on the command line is always read.
bool isDocumentFile(const fs::path& p) {
    std::string ext = p.extension().string();
    for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return ext.empty() || ext == ".txt" || ext == ".text" || ext == ".md";
}

// Walks `dir` recursively in name order, adding document files to `found` (ids relative to
// `root`). A folder that cannot be listed is named in `skipped` and the walk goes on with its
// siblings: one unreadable folder must not hide the rest of the tree. Hidden entries (".x")
// are left out. Symbolic links to folders are not followed (no cycles).
void walk(const fs::path& root, const fs::path& dir, std::vector<InputFile>& found,
          std::vector<std::string>& skipped) {
    std::error_code ec;
    fs::directory_iterator it(dir, ec);
    std::vector<fs::directory_entry> entries;
    for (; !ec && it != fs::directory_iterator(); it.increment(ec)) entries.push_back(*it);
    if (ec) {
        skipped.push_back(dir.string() + ": folder cannot be read (" + ec.message() +
                          "); its files were skipped");
        return;
    }
    std::sort(entries.begin(), entries.end(),
              [](const auto& a, const auto& b) { return a.path() < b.path(); });
    for (const auto& e : entries) {
        const auto name = e.path().filename().string();
        if (name.empty() || name[0] == '.') continue;
        std::error_code statEc;
        if (e.is_directory(statEc) && !e.is_symlink(statEc)) {
            walk(root, e.path(), found, skipped);
        } else if (e.is_regular_file(statEc) && isDocumentFile(e.path())) {
            found.push_back({e.path(), fs::relative(e.path(), root, statEc).generic_string()});
        }
    }
}

// The files to read. Document ids (docs/cli.md, "Document ids"): a file found in a folder
// named on the command line is identified by its path relative to that folder, a file named
// on the command line by its file name. When two inputs of one build would get the same id
// (a/news.txt and b/news.txt), each of them is identified by its path as given instead, so
// they stay two documents.
std::vector<InputFile> listInputs(const std::vector<std::string>& args,
                                  std::vector<std::string>& skipped) {
    std::vector<InputFile> files;
    for (const auto& a : args) {
        fs::path p(a);
        std::error_code ec;
        if (fs::is_directory(p, ec)) {
            std::vector<InputFile> found;
            walk(p, p, found, skipped);
            std::sort(found.begin(), found.end(), [](auto& x, auto& y) { return x.id < y.id; });
            files.insert(files.end(), found.begin(), found.end());
        } else if (fs::exists(p, ec)) {
            files.push_back({p, p.filename().string()});
        } else {
            throw Error(a + ": no such file or directory");
        }
    }
    std::map<std::string, size_t> uses;
    for (const auto& f : files) ++uses[f.id];
    for (auto& f : files) {
        if (uses[f.id] > 1) f.id = f.path.lexically_normal().generic_string();
    }
    // The same file named twice (`build a a/x.txt`) is read once.
    std::set<std::string> seen;
    std::vector<InputFile> unique;
    for (auto& f : files) {
        if (seen.insert(f.id).second) unique.push_back(std::move(f));
    }
    return unique;
}

size_t countWords(std::string_view text) {
    size_t n = 0;
    bool inWord = false;
    for (char c : text) {
        bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
        if (!space && !inWord) ++n;
        inWord = !space;
    }
    return n;
}

struct Options {
    std::vector<std::string> inputs;
    std::string db;
    bool quiet = false;
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
    std::vector<std::string> skipped;
    auto files = listInputs(o.inputs, skipped);
    auto store = storage::GraphStore::open(resolveDbPath(o.db));
    extract::ParseExtractor extractor(modelDir());
    extract::NameRegistry names;  // one-word names resolve to full names seen in earlier documents
    Progress progress("build", files.size(), "docs", !o.quiet && isatty(STDERR_FILENO));

    size_t added = 0, unchanged = 0, replaced = 0, sentences = 0, words = 0, facts = 0,
           entities = 0;
    for (const auto& f : files) {
        try {
            // The id and path are stored and exported: a name that is not UTF-8 would make
            // every export malformed.
            if (text::firstInvalidUtf8(f.path.string())) {
                throw Error(f.path.string() +
                            ": the file name is not valid UTF-8; rename the file (e.g. with "
                            "convmv) to include it");
            }
            auto doc = text::readDocument(f.path, f.id);
            auto ex = extractor.extract(doc);
            names.resolve(ex);
            names.learn(ex);
            auto input = extract::toDocumentInput(doc, ex);
            auto r = storage::ingestDocument(*store, input);
            switch (r.outcome) {
                case storage::IngestOutcome::Added:
                    ++added;
                    break;
                case storage::IngestOutcome::Unchanged:
                    ++unchanged;
                    break;
                case storage::IngestOutcome::Replaced:
                    ++replaced;
                    break;
            }
            words += countWords(doc.text);
            if (r.outcome != storage::IngestOutcome::Unchanged) {
                sentences += input.sentences;
                facts += input.facts.size();
                entities += input.entities.size();
            }
        } catch (const Error& e) {
            if (e.kind() == Error::Kind::Storage || e.kind() == Error::Kind::Internal) throw;
            skipped.push_back(e.what());
        }
        progress.advance(1, words);
    }
    progress.finish();
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    auto r = store->read();
    std::cout << "documents: " << added << " added, " << replaced << " replaced, " << unchanged
              << " unchanged, " << skipped.size() << " skipped\n"
              << "extracted: " << sentences << " sentences, " << entities
              << " entity mentions (grouped), " << facts << " facts\n"
              << "database:  " << store->path() << ": " << r->nodeCount() << " nodes, "
              << r->edgeCount() << " relationships\n";
    std::printf("time:      %.2f s, %.0f words/s\n", secs, secs > 0 ? words / secs : 0.0);
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
    cmd->footer("Example: kgraph build samples/ --db news.kg");
    cmd->callback([o, &action] { action = [o] { return runBuild(*o); }; });
}

}  // namespace kgraph::cli
