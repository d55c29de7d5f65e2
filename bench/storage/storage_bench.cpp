// Microbenchmarks of the storage layer: value encoding and the index scans
// every query starts from. Run: build/release/bench/storage/kgraph_storage_bench
#include <benchmark/benchmark.h>

#include <filesystem>
#include <random>

#include "storage/graph_store.h"
#include "storage/value_codec.h"

namespace {

using namespace kgraph;
using namespace kgraph::storage;

PropertyMap sampleProps() {
    return {{"name", "Kassym-Jomart Tokayev"},
            {"aliases", PropertyList{"Tokayev", "President Tokayev"}},
            {"mentions", int64_t{12}},
            {"confidence", 0.87}};
}

void BM_EncodeValue(benchmark::State& state) {
    PropertyValue v(sampleProps());
    for (auto _ : state) {
        std::string out;
        codec::putValue(out, v);
        benchmark::DoNotOptimize(out);
    }
}
BENCHMARK(BM_EncodeValue);

void BM_DecodeValue(benchmark::State& state) {
    std::string bytes;
    codec::putValue(bytes, PropertyValue(sampleProps()));
    for (auto _ : state) {
        size_t pos = 0;
        benchmark::DoNotOptimize(codec::getValue(bytes, pos));
    }
}
BENCHMARK(BM_DecodeValue);

// A star: one hub with `fanout` outgoing relationships of 8 types, built once
// and closed explicitly before exit (RocksDB must close before static
// destructors run).
struct StarGraph {
    std::filesystem::path dir;
    std::unique_ptr<GraphStore> store;
    NodeId hub = 0;
    int64_t fanout = 0;

    void build(int64_t n) {
        if (store && fanout == n) return;
        close();
        dir = std::filesystem::temp_directory_path() / ("kgraph-bench-" + std::to_string(std::random_device{}()));
        store = GraphStore::open(dir.string());
        auto w = store->write();
        hub = w->createNode({"Person"}, {{"name", "hub"}});
        for (int64_t i = 0; i < n; ++i) {
            auto node = w->createNode({"Concept"}, {{"name", "n" + std::to_string(i)}});
            w->createEdge(hub, node, "type" + std::to_string(i % 8), {});
        }
        w->commit();
        fanout = n;
    }
    void close() {
        store.reset();
        std::error_code ec;
        if (!dir.empty()) std::filesystem::remove_all(dir, ec);
    }
};
StarGraph star;

class Star : public benchmark::Fixture {
public:
    void SetUp(const benchmark::State& state) override {
        star.build(state.range(0));
        store = star.store.get();
        hub = star.hub;
    }
    GraphStore* store = nullptr;
    NodeId hub = 0;
};

BENCHMARK_DEFINE_F(Star, ExpandAll)(benchmark::State& state) {
    auto r = store->read();
    for (auto _ : state) {
        size_t n = 0;
        r->expand(hub, Direction::Outgoing, std::nullopt, [&](const Adjacent&) { return ++n, true; });
        benchmark::DoNotOptimize(n);
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK_REGISTER_F(Star, ExpandAll)->Arg(10000);

BENCHMARK_DEFINE_F(Star, ExpandOneType)(benchmark::State& state) {
    auto r = store->read();
    for (auto _ : state) {
        size_t n = 0;
        r->expand(hub, Direction::Outgoing, "type3", [&](const Adjacent&) { return ++n, true; });
        benchmark::DoNotOptimize(n);
    }
    state.SetItemsProcessed(state.iterations() * state.range(0) / 8);
}
BENCHMARK_REGISTER_F(Star, ExpandOneType)->Arg(10000);

BENCHMARK_DEFINE_F(Star, FindByName)(benchmark::State& state) {
    auto r = store->read();
    int64_t i = 0;
    for (auto _ : state) {
        NodeId found = 0;
        r->findByName("n" + std::to_string(i++ % state.range(0)), [&](NodeId id) { return found = id, false; });
        benchmark::DoNotOptimize(found);
    }
}
BENCHMARK_REGISTER_F(Star, FindByName)->Arg(10000);

}  // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    star.close();
    return 0;
}
