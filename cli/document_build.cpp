#include "cli/document_build.h"

#include <algorithm>
#include <cctype>
#include <condition_variable>
#include <exception>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include "engine/common/error.h"
#include "engine/extract/name_registry.h"
#include "engine/extract/parse_extractor.h"
#include "engine/extract/to_storage.h"
#include "engine/text/document_reader.h"
#include "engine/text/utf8.h"
#include "storage/document_ingest.h"

namespace kgraph::cli {

namespace {

// Inside a folder only text documents are taken (.txt, .text, .md, or no
// extension), so that e.g. a queries file next to the articles is not read
// as an article. A file named on the command line is always read.
bool isDocumentFile(const std::filesystem::path& p) {
    std::string ext = p.extension().string();
    for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return ext.empty() || ext == ".txt" || ext == ".text" || ext == ".md";
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

}  // namespace

namespace {

// Walks `dir` recursively in name order, adding document files to `found` (ids relative to
// `root`). A folder that cannot be listed is named in `skipped` and the walk goes on with its
// siblings: one unreadable folder must not hide the rest of the tree. Hidden entries (".x")
// are left out. Symbolic links to folders are not followed (no cycles).
void walk(const std::filesystem::path& root, const std::filesystem::path& dir,
          std::vector<BuildInput>& found, std::vector<std::string>& skipped) {
    namespace fs = std::filesystem;
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

}  // namespace

std::vector<BuildInput> listBuildInputs(const std::vector<std::string>& args,
                                        std::vector<std::string>& skipped) {
    std::vector<BuildInput> files;
    for (const auto& a : args) {
        std::filesystem::path p(a);
        std::error_code ec;
        if (std::filesystem::is_directory(p, ec)) {
            std::vector<BuildInput> found;
            walk(p, p, found, skipped);
            std::sort(found.begin(), found.end(), [](auto& x, auto& y) { return x.id < y.id; });
            files.insert(files.end(), found.begin(), found.end());
        } else if (std::filesystem::exists(p, ec)) {
            files.push_back({p, p.filename().string()});
        } else {
            throw Error(a + ": no such file or directory");
        }
    }
    // When two inputs of one build would get the same id (a/news.txt and b/news.txt), each
    // is identified by its path as given instead, so they stay two documents.
    std::map<std::string, size_t> uses;
    for (const auto& f : files) ++uses[f.id];
    for (auto& f : files) {
        if (uses[f.id] > 1) f.id = f.path.lexically_normal().generic_string();
    }
    // The same file named twice (`build a a/x.txt`) is read once.
    std::set<std::string> seen;
    std::vector<BuildInput> unique;
    for (auto& f : files) {
        if (seen.insert(f.id).second) unique.push_back(std::move(f));
    }
    return unique;
}

namespace {

// What a worker made of one input, handed to the committing thread in input order.
struct Prepared {
    enum class Kind { Unchanged, Extracted, Skipped } kind = Kind::Skipped;
    text::SourceDocument doc;
    extract::Extraction extraction;
    std::string error;         // Skipped: why
    std::exception_ptr fatal;  // a storage, internal or model error: ends the build
};

// Reads an input, looks its content hash up in the store (an unchanged document
// goes no further: no NLP) and extracts it.
Prepared prepare(storage::GraphStore& store, const BuildInput& f,
                 const std::function<const extract::ParseExtractor&()>& extractor) {
    Prepared p;
    try {
        // The id and path are stored and exported: a name that is not UTF-8 would make
        // every export malformed.
        if (text::firstInvalidUtf8(f.path.string())) {
            throw Error(f.path.string() +
                        ": the file name is not valid UTF-8; rename the file (e.g. with "
                        "convmv) to include it");
        }
        p.doc = text::readDocument(f.path, f.id);
        std::optional<std::string> stored;
        {
            auto r = store.read();
            stored = storage::storedDocumentHash(*r, p.doc.id);
        }
        if (stored && *stored == p.doc.sha256) {
            p.kind = Prepared::Kind::Unchanged;
            return p;
        }
    } catch (const Error& e) {
        if (e.kind() == Error::Kind::Storage || e.kind() == Error::Kind::Internal) {
            p.fatal = std::current_exception();
        } else {
            p.error = e.what();
        }
        return p;
    } catch (...) {
        p.fatal = std::current_exception();
        return p;
    }
    const extract::ParseExtractor* ex = nullptr;
    try {
        // A model that cannot be loaded ends the build: it is not this document's fault.
        ex = &extractor();
    } catch (...) {
        p.fatal = std::current_exception();
        return p;
    }
    try {
        p.extraction = ex->extract(p.doc);
        p.kind = Prepared::Kind::Extracted;
    } catch (const Error& e) {
        if (e.kind() == Error::Kind::Storage || e.kind() == Error::Kind::Internal) {
            p.fatal = std::current_exception();
        } else {
            p.error = e.what();
        }
    } catch (...) {
        p.fatal = std::current_exception();
    }
    return p;
}

}  // namespace

BuildSummary buildDocuments(storage::GraphStore& store, const std::vector<BuildInput>& inputs,
                            const std::string& modelDir,
                            const std::function<void(uint64_t words)>& advance, int jobs) {
    if (jobs < 1) throw Error("--jobs must be at least 1", Error::Kind::Usage);
    // Loaded at the first document that needs it: an unchanged rebuild reads no model.
    std::once_flag loadOnce;
    std::optional<extract::ParseExtractor> extractorSlot;
    std::exception_ptr loadError;
    auto extractor = [&]() -> const extract::ParseExtractor& {
        std::call_once(loadOnce, [&] {
            try {
                extractorSlot.emplace(modelDir);
            } catch (...) {
                loadError = std::current_exception();
            }
        });
        if (loadError) std::rethrow_exception(loadError);
        return *extractorSlot;
    };

    // `jobs` workers read and extract documents ahead of this thread, which resolves
    // names and commits them strictly in input order, so the graph does not depend on
    // `jobs`. At most `window` documents are in flight: memory stays bounded however
    // many inputs there are.
    const size_t n = inputs.size();
    const size_t window = static_cast<size_t>(jobs) * 2;
    std::vector<std::optional<Prepared>> slots(window);
    std::mutex mu;
    std::condition_variable readyCv, spaceCv;
    size_t next = 0, committed = 0;
    bool stop = false;
    auto worker = [&] {
        for (;;) {
            size_t i;
            {
                std::unique_lock<std::mutex> lock(mu);
                spaceCv.wait(lock, [&] { return stop || next >= n || next < committed + window; });
                if (stop || next >= n) return;
                i = next++;
            }
            Prepared p = prepare(store, inputs[i], extractor);
            {
                std::lock_guard<std::mutex> lock(mu);
                slots[i % window] = std::move(p);
            }
            readyCv.notify_all();
        }
    };
    std::vector<std::thread> threads;
    for (int t = 0; t < std::min<int>(jobs, static_cast<int>(n)); ++t) threads.emplace_back(worker);
    auto finish = [&] {
        {
            std::lock_guard<std::mutex> lock(mu);
            stop = true;
        }
        spaceCv.notify_all();
        for (auto& t : threads) t.join();
        threads.clear();
    };

    extract::NameRegistry names;  // one-word names resolve to full names seen in earlier documents
    std::vector<std::string> unlearned;  // unchanged documents whose names are not learnt yet
    BuildSummary sum;
    try {
        for (size_t i = 0; i < n; ++i) {
            Prepared p;
            {
                std::unique_lock<std::mutex> lock(mu);
                readyCv.wait(lock, [&] { return slots[i % window].has_value(); });
                p = std::move(*slots[i % window]);
                slots[i % window].reset();
                committed = i + 1;
            }
            spaceCv.notify_all();
            if (p.fatal) std::rethrow_exception(p.fatal);
            switch (p.kind) {
                case Prepared::Kind::Skipped:
                    sum.skipped.push_back(p.error);
                    break;
                case Prepared::Kind::Unchanged:
                    ++sum.unchanged;
                    // Its stored names teach the resolution, as if it had been extracted again
                    // -- but only once a later document needs them: an unchanged rebuild reads
                    // no entity at all.
                    unlearned.push_back(p.doc.id);
                    break;
                case Prepared::Kind::Extracted: {
                    for (const auto& id : unlearned) learnStoredNames(store, id, names);
                    unlearned.clear();
                    names.resolve(p.extraction);
                    names.learn(p.extraction);
                    auto input = extract::toDocumentInput(p.doc, p.extraction);
                    auto r = storage::ingestDocument(store, input);
                    switch (r.outcome) {
                        case storage::IngestOutcome::Added:
                            ++sum.added;
                            break;
                        case storage::IngestOutcome::Unchanged:
                            ++sum.unchanged;
                            break;
                        case storage::IngestOutcome::Replaced:
                            ++sum.replaced;
                            break;
                    }
                    sum.words += countWords(p.doc.text);
                    ++sum.extracted;
                    if (r.outcome != storage::IngestOutcome::Unchanged) {
                        sum.sentences += input.sentences;
                        sum.facts += input.facts.size();
                        sum.entities += input.entities.size();
                    }
                    break;
                }
            }
            if (advance) advance(sum.words);
        }
    } catch (...) {
        finish();
        throw;
    }
    finish();
    return sum;
}

}  // namespace kgraph::cli
