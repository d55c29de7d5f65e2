#include "cli/document_build.h"

#include <algorithm>
#include <cctype>

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
    extract::ParseExtractor extractor(modelDir);
    extract::NameRegistry names;  // one-word names resolve to full names seen in earlier documents
    BuildSummary sum;
    for (const auto& f : inputs) {
        try {
            auto doc = text::readDocument(f.path, f.id);
            auto ex = extractor.extract(doc);
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
