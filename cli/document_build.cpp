#include "cli/document_build.h"

#include <algorithm>
#include <cctype>
#include <optional>

#include "engine/common/error.h"
#include "engine/extract/name_registry.h"
#include "engine/extract/parse_extractor.h"
#include "engine/extract/to_storage.h"
#include "engine/text/document_reader.h"
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

std::vector<BuildInput> listBuildInputs(const std::vector<std::string>& args) {
    std::vector<BuildInput> files;
    for (const auto& a : args) {
        std::filesystem::path p(a);
        std::error_code ec;
        if (std::filesystem::is_directory(p, ec)) {
            std::vector<BuildInput> found;
            for (auto it = std::filesystem::recursive_directory_iterator(p, ec);
                 it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
                if (ec) break;
                const auto name = it->path().filename().string();
                if (!name.empty() && name[0] == '.') {
                    if (it->is_directory()) it.disable_recursion_pending();
                    continue;
                }
                if (it->is_regular_file() && isDocumentFile(it->path())) {
                    found.push_back(
                        {it->path(), std::filesystem::relative(it->path(), p).generic_string()});
                }
            }
            std::sort(found.begin(), found.end(), [](auto& x, auto& y) { return x.id < y.id; });
            files.insert(files.end(), found.begin(), found.end());
        } else if (std::filesystem::exists(p, ec)) {
            files.push_back({p, p.filename().string()});
        } else {
            throw Error(a + ": no such file or directory");
        }
    }
    return files;
}

BuildSummary buildDocuments(storage::GraphStore& store, const std::vector<BuildInput>& inputs,
                            const std::string& modelDir,
                            const std::function<void(uint64_t words)>& advance) {
    // Loaded at the first document that needs it: an unchanged rebuild reads no model.
    std::optional<extract::ParseExtractor> extractor;
    extract::NameRegistry names;  // one-word names resolve to full names seen in earlier documents
    BuildSummary sum;
    for (const auto& f : inputs) {
        try {
            auto doc = text::readDocument(f.path, f.id);
            // The same content under the same id is already stored: skip it before any NLP
            // (ingestDocument would find it unchanged only after the extraction).
            std::optional<std::string> stored;
            {
                auto r = store.read();
                stored = storage::storedDocumentHash(*r, doc.id);
            }
            if (stored && *stored == doc.sha256) {
                ++sum.unchanged;
                learnStoredNames(store, doc.id, names);
                if (advance) advance(sum.words);
                continue;
            }
            if (!extractor) extractor.emplace(modelDir);
            auto ex = extractor->extract(doc);
            names.resolve(ex);
            names.learn(ex);
            auto input = extract::toDocumentInput(doc, ex);
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
            sum.words += countWords(doc.text);
            ++sum.extracted;
            if (r.outcome != storage::IngestOutcome::Unchanged) {
                sum.sentences += input.sentences;
                sum.facts += input.facts.size();
                sum.entities += input.entities.size();
            }
        } catch (const Error& e) {
            if (e.kind() == Error::Kind::Storage || e.kind() == Error::Kind::Internal) throw;
            sum.skipped.push_back(e.what());
        }
        if (advance) advance(sum.words);
    }
    return sum;
}

}  // namespace kgraph::cli
