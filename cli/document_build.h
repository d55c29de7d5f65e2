// `kgraph build` without the command line: the documents of some paths,
// extracted and stored one by one. Shared by the build command and the
// Python module's Graph.build().
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "storage/graph_store.h"

namespace kgraph::cli {

struct BuildInput {
    std::filesystem::path path;
    std::string id;  // the path relative to the folder named, or the file name
};

// The documents of `args`: a folder gives its text files (.txt, .text, .md or
// no extension; hidden entries skipped), recursively, sorted by id (the path
// relative to the folder); a file is taken as it is (id: its file name). Two
// inputs with one id keep their paths as given as ids. A folder that cannot be
// listed is named in `skipped` and the rest is still read. Throws kgraph::Error
// for a path that does not exist.
std::vector<BuildInput> listBuildInputs(const std::vector<std::string>& args,
                                        std::vector<std::string>& skipped);

struct BuildSummary {
    uint64_t added = 0, unchanged = 0, replaced = 0;
    uint64_t sentences = 0, words = 0, facts = 0, entities = 0;
    uint64_t extracted = 0;            // documents read through the NLP (not the unchanged ones)
    std::vector<std::string> skipped;  // "path: reason" of documents not read
};

// Extracts each input (models from `modelDir`, loaded at the first document that
// needs them), resolves one-word names across documents as they come, and stores
// it with storage::ingestDocument. A document whose content hash is already
// stored under its id is skipped before any NLP (its stored names still teach
// the name resolution, so later documents resolve as in the first build). A
// document that cannot be read is skipped (listed); storage errors throw.
// `advance` (optional) is called after each input with the words read so far.
// `jobs` threads read and extract ahead (at most 2 x jobs documents in memory);
// names are resolved and documents committed in input order by the calling
// thread, so the database does not depend on `jobs`.
BuildSummary buildDocuments(storage::GraphStore& store, const std::vector<BuildInput>& inputs,
                            const std::string& modelDir,
                            const std::function<void(uint64_t words)>& advance = {}, int jobs = 1);

}  // namespace kgraph::cli
