// libFuzzer target over the front half of the query engine: parse -> bind -> plan (and the
// EXPLAIN text of the plan). Nothing is executed, so no input can be slow because of the data;
// the plan is made against an empty store opened once in a temporary directory.
//
// The contract checked: any input either yields a plan or throws kgraph::Error. Any other
// exception, a crash, a sanitizer report or a leak is a bug (libFuzzer stops and writes the
// input as crash-*). How to build and run it: docs/query-language.md, "Fuzzing".
#include <unistd.h>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "engine/common/error.h"
#include "engine/query/bind/binder.h"
#include "engine/query/parse/parser.h"
#include "engine/query/plan/planner.h"
#include "storage/graph_store.h"

namespace {

namespace fs = std::filesystem;

// The store lives as long as the process; its directory is removed at exit.
struct EmptyStore {
    EmptyStore() {
        dir = fs::temp_directory_path() / ("kgraph-fuzz-" + std::to_string(::getpid()));
        fs::remove_all(dir);
        store = kgraph::storage::GraphStore::open(dir.string());
    }
    ~EmptyStore() {
        store.reset();
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
    fs::path dir;
    std::unique_ptr<kgraph::storage::GraphStore> store;
};

EmptyStore& emptyStore() {
    static EmptyStore s;
    return s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto& store = *emptyStore().store;
    try {
        auto statements = kgraph::query::parseScript(text);
        auto txn = store.read();
        for (auto& st : statements) {
            kgraph::query::bindStatement(st, text);
            kgraph::query::Plan plan = kgraph::query::planStatement(st, *txn);
            std::string shown = plan.root->explain(false);
            if (shown.empty()) std::abort();  // every plan has at least one operator
        }
    } catch (const kgraph::Error&) {
        // A rejected query: the expected outcome for most inputs.
    }
    return 0;
}
