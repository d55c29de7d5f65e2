// End-to-end extraction speed: raw text -> sentences, tags, parse -> facts, on
// the sample articles (docs/extraction.md has the figures).
//   kgraph_extract_bench [--benchmark_filter=...]
// Models: $KGRAPH_MODELS, else the source tree's models/.
// Words/s is the `items_per_second` counter (words = whitespace-separated).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <thread>

#include "engine/extract/parse_extractor.h"

namespace {

using namespace kgraph;

std::string modelDir() {
    const char* env = std::getenv("KGRAPH_MODELS");
    return env && *env ? env : std::string(KGRAPH_SOURCE_DIR) + "/models";
}

struct Corpus {
    std::unique_ptr<extract::ParseExtractor> extractor;
    std::vector<text::SourceDocument> docs;
    size_t words = 0;
};

const Corpus& corpus() {
    static Corpus c = [] {
        Corpus c;
        c.extractor = std::make_unique<extract::ParseExtractor>(modelDir());
        for (const auto& e :
             std::filesystem::directory_iterator(std::string(KGRAPH_SOURCE_DIR) + "/samples")) {
            if (e.path().extension() != ".txt") continue;
            c.docs.push_back(text::readDocument(e.path(), e.path().filename().string()));
        }
        std::sort(c.docs.begin(), c.docs.end(), [](auto& a, auto& b) { return a.id < b.id; });
        for (const auto& d : c.docs) {
            bool inWord = false;
            for (char ch : d.text) {
                bool space = ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r';
                if (!space && !inWord) ++c.words;
                inWord = !space;
            }
        }
        return c;
    }();
    return c;
}

// One thread, every sample article per iteration.
void BM_ExtractOneCore(benchmark::State& state) {
    const auto& c = corpus();
    size_t facts = 0;
    for (auto _ : state) {
        for (const auto& d : c.docs) facts += c.extractor->extract(d).facts.size();
    }
    benchmark::DoNotOptimize(facts);
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * c.words));
}
BENCHMARK(BM_ExtractOneCore)->Unit(benchmark::kMillisecond)->UseRealTime();

// The same, with words/s over the thread's CPU time: on a shared machine the
// wall clock also counts the time other processes held the core.
void BM_ExtractOneCoreCpuTime(benchmark::State& state) { BM_ExtractOneCore(state); }
BENCHMARK(BM_ExtractOneCoreCpuTime)->Unit(benchmark::kMillisecond);

// N threads sharing one extractor (as `kgraph extract --jobs N`), documents handed out in turn.
void BM_ExtractThreads(benchmark::State& state) {
    const auto& c = corpus();
    int threads = static_cast<int>(state.range(0));
    for (auto _ : state) {
        std::atomic<size_t> next{0};
        std::vector<std::thread> pool;
        size_t rounds = 4 * c.docs.size();
        for (int t = 0; t < threads; ++t)
            pool.emplace_back([&] {
                for (size_t i = next++; i < rounds; i = next++)
                    benchmark::DoNotOptimize(
                        c.extractor->extract(c.docs[i % c.docs.size()]).facts.size());
            });
        for (auto& t : pool) t.join();
    }
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * 4 * c.words));
}
BENCHMARK(BM_ExtractThreads)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
