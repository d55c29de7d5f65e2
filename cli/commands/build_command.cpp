// kgraph build PATH... : extract facts from documents and store them.
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <optional>

#include "cli/commands/command.h"
#include "cli/progress.h"
#include "engine/common/error.h"
#include "engine/extract/name_registry.h"
#include "engine/extract/parse_extractor.h"
#include "engine/extract/to_storage.h"
#include "engine/text/document_reader.h"
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

std::vector<InputFile> listInputs(const std::vector<std::string>& args) {
    std::vector<InputFile> files;
    for (const auto& a : args) {
        fs::path p(a);
        std::error_code ec;
        if (fs::is_directory(p, ec)) {
            std::vector<InputFile> found;
            for (auto it = fs::recursive_directory_iterator(p, ec);
                 it != fs::recursive_directory_iterator(); it.increment(ec)) {
                if (ec) break;
                const auto name = it->path().filename().string();
                if (!name.empty() && name[0] == '.') {
                    if (it->is_directory()) it.disable_recursion_pending();
                    continue;
                }
                if (it->is_regular_file() && isDocumentFile(it->path())) {
                    found.push_back({it->path(), fs::relative(it->path(), p).generic_string()});
                }
            }
            std::sort(found.begin(), found.end(), [](auto& x, auto& y) { return x.id < y.id; });
            files.insert(files.end(), found.begin(), found.end());
        } else if (fs::exists(p, ec)) {
            files.push_back({p, p.filename().string()});
        } else {
            throw Error(a + ": no such file or directory");
        }
    }
    return files;
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

// Teaches `names` the entities a stored, unchanged document contributed, as if
// it had been extracted again, so that the documents after it resolve one-word
// names exactly as in the first build.
void learnStoredNames(storage::GraphStore& store, const std::string& docId,
                      extract::NameRegistry& names) {
    auto r = store.read();
    auto raw = r->getAux(storage::AuxSpace::Document, docId);
    if (!raw) return;
    extract::Extraction ex;
    for (auto [node, mentions] : storage::decodeStoredDocument(*raw).entities) {
        auto name = r->nodeProperty(node, "name");
        auto labels = r->nodeLabels(node);
        if (!name.isString() || labels.empty()) continue;
        for (const auto& label : labels) {
            extract::EntityMention m;
            m.name = name.asString();
            m.label = label;
            ex.entities.push_back(std::move(m));
        }
    }
    names.learn(ex);
}

struct Options {
    std::vector<std::string> inputs;
    std::string db;
    bool quiet = false;
};

int runBuild(const Options& o) {
    auto start = std::chrono::steady_clock::now();
    auto files = listInputs(o.inputs);
    auto store = storage::GraphStore::open(resolveDbPath(o.db));
    // Loaded at the first document that needs it: an unchanged rebuild reads no model.
    std::optional<extract::ParseExtractor> extractor;
    extract::NameRegistry names;  // one-word names resolve to full names seen in earlier documents
    Progress progress("build", files.size(), "docs", !o.quiet && isatty(STDERR_FILENO));

    size_t added = 0, unchanged = 0, replaced = 0, sentences = 0, words = 0, facts = 0,
           entities = 0, extracted = 0;
    std::vector<std::string> skipped;
    for (const auto& f : files) {
        try {
            auto doc = text::readDocument(f.path, f.id);
            // The same content under the same id is already stored: skip it before any NLP
            // (ingestDocument would find it unchanged only after the extraction).
            std::optional<std::string> stored;
            {
                auto r = store->read();
                stored = storage::storedDocumentHash(*r, doc.id);
            }
            if (stored && *stored == doc.sha256) {
                ++unchanged;
                learnStoredNames(*store, doc.id, names);
                progress.advance(1, 0);
                continue;
            }
            if (!extractor) extractor.emplace(modelDir());
            auto ex = extractor->extract(doc);
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
            ++extracted;
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
    cmd->footer("Example: kgraph build samples/ --db news.kg");
    cmd->callback([o, &action] { action = [o] { return runBuild(*o); }; });
}

}  // namespace kgraph::cli
