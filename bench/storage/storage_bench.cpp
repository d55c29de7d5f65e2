// Microbenchmarks of the storage layer: value encoding and the index scans
// every query starts from. Run: build/release/bench/storage/kgraph_storage_bench
#include <benchmark/benchmark.h>

#include <filesystem>
#include <random>

#include <fstream>

#include "storage/bulk_import.h"
#include "storage/csv_reader.h"
#include "storage/graph_store.h"
#include "storage/record_codec.h"
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

codec::NodeRecord sampleNode() {
    codec::NodeRecord r;
    r.labels = {3};
    r.props = {{1, PropertyValue("Kassym-Jomart Tokayev")},
               {2, PropertyValue(PropertyList{"Tokayev", "President Tokayev"})},
               {5, PropertyValue(int64_t{12})}};
    return r;
}

void BM_EncodeNodeRecord(benchmark::State& state) {
    auto r = sampleNode();
    for (auto _ : state) benchmark::DoNotOptimize(codec::encodeNode(r));
}
BENCHMARK(BM_EncodeNodeRecord);

void BM_DecodeNodeRecord(benchmark::State& state) {
    auto bytes = codec::encodeNode(sampleNode());
    for (auto _ : state) benchmark::DoNotOptimize(codec::decodeNode(bytes));
}
BENCHMARK(BM_DecodeNodeRecord);

// One property out of an encoded record, as nodeProperty() does.
void BM_FindPropInRecord(benchmark::State& state) {
    auto bytes = codec::encodeNode(sampleNode());
    for (auto _ : state)
        benchmark::DoNotOptimize(codec::findProp(bytes, codec::nodePropsOffset(bytes), 5));
}
BENCHMARK(BM_FindPropInRecord);

void BM_EncodeEdgeRecord(benchmark::State& state) {
    codec::EdgeRecord r{
        123456, 654321, 17, {{4, PropertyValue(int64_t{3})}, {6, PropertyValue(0.9)}}};
    for (auto _ : state) benchmark::DoNotOptimize(codec::encodeEdge(r));
}
BENCHMARK(BM_EncodeEdgeRecord);

void BM_DecodeEdgeRecord(benchmark::State& state) {
    auto bytes = codec::encodeEdge(
        {123456, 654321, 17, {{4, PropertyValue(int64_t{3})}, {6, PropertyValue(0.9)}}});
    for (auto _ : state) benchmark::DoNotOptimize(codec::decodeEdge(bytes));
}
BENCHMARK(BM_DecodeEdgeRecord);

// CSV parsing throughput on edges.csv-shaped text (some fields quoted).
void BM_CsvParse(benchmark::State& state) {
    std::string text = "src,dst,type\n";
    for (int i = 0; i < 100000; ++i) {
        text += "Kazan Tolin " + std::to_string(i) + ",\"Mira, Shu " + std::to_string(i * 7) +
                "\",meet_" + std::to_string(i % 30) + "\n";
    }
    std::vector<std::string_view> fields;
    for (auto _ : state) {
        CsvReader csv("bench.csv", text);
        size_t n = 0;
        while (csv.next(fields)) n += fields.size();
        benchmark::DoNotOptimize(n);
    }
    state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_CsvParse)->Unit(benchmark::kMillisecond);

// kgraph import of a generated graph: range(0) relationships, a tenth as many nodes.
void BM_BulkImport(benchmark::State& state) {
    auto dir = std::filesystem::temp_directory_path() /
               ("kgraph-bench-import-" + std::to_string(std::random_device{}()));
    std::filesystem::create_directories(dir);
    int64_t edges = state.range(0), nodes = edges / 10;
    {
        std::ofstream n(dir / "nodes.csv");
        n << "name,label\n";
        for (int64_t i = 0; i < nodes; ++i)
            n << "Entity " << i << "," << (i % 5 == 0 ? "Person" : "Concept") << "\n";
        std::ofstream e(dir / "edges.csv");
        e << "src,dst,type\n";
        std::mt19937_64 rng(7);
        for (int64_t i = 0; i < edges; ++i) {
            e << "Entity " << rng() % nodes << ",Entity " << rng() % nodes << ",rel_" << rng() % 100
              << "\n";
        }
    }
    int run = 0;
    for (auto _ : state) {
        auto db = (dir / ("db" + std::to_string(run++))).string();
        benchmark::DoNotOptimize(
            bulkImport(db, (dir / "nodes.csv").string(), (dir / "edges.csv").string()));
        state.PauseTiming();
        std::filesystem::remove_all(db);
        state.ResumeTiming();
    }
    state.SetItemsProcessed(state.iterations() * edges);
    std::filesystem::remove_all(dir);
}
BENCHMARK(BM_BulkImport)->Arg(100000)->Unit(benchmark::kMillisecond)->UseRealTime();

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
        dir = std::filesystem::temp_directory_path() /
              ("kgraph-bench-" + std::to_string(std::random_device{}()));
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
        r->expand(hub, Direction::Outgoing, std::nullopt,
                  [&](const Adjacent&) { return ++n, true; });
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
        r->findByName("n" + std::to_string(i++ % state.range(0)),
                      [&](NodeId id) { return found = id, false; });
        benchmark::DoNotOptimize(found);
    }
}
BENCHMARK_REGISTER_F(Star, FindByName)->Arg(10000);

BENCHMARK_DEFINE_F(Star, ScanLabel)(benchmark::State& state) {
    auto r = store->read();
    for (auto _ : state) {
        size_t n = 0;
        r->scanLabel("Concept", [&](NodeId) { return ++n, true; });
        benchmark::DoNotOptimize(n);
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK_REGISTER_F(Star, ScanLabel)->Arg(10000);

BENCHMARK_DEFINE_F(Star, ScanEdgesOfType)(benchmark::State& state) {
    auto r = store->read();
    for (auto _ : state) {
        size_t n = 0;
        r->scanEdgesOfType("type5", [&](EdgeId) { return ++n, true; });
        benchmark::DoNotOptimize(n);
    }
    state.SetItemsProcessed(state.iterations() * state.range(0) / 8);
}
BENCHMARK_REGISTER_F(Star, ScanEdgesOfType)->Arg(10000);

BENCHMARK_DEFINE_F(Star, FindByNamePrefix)(benchmark::State& state) {
    auto r = store->read();
    for (auto _ : state) {
        size_t n = 0;
        r->findByNamePrefix("n12",
                            [&](NodeId) { return ++n, true; });  // n12, n120..n129, n1200..n1299
        benchmark::DoNotOptimize(n);
    }
}
BENCHMARK_REGISTER_F(Star, FindByNamePrefix)->Arg(10000);

BENCHMARK_DEFINE_F(Star, PatternCount)(benchmark::State& state) {
    auto r = store->read();
    for (auto _ : state) benchmark::DoNotOptimize(r->patternCount("Person", "type3", "Concept"));
}
BENCHMARK_REGISTER_F(Star, PatternCount)->Arg(10000);

BENCHMARK_DEFINE_F(Star, NodeProperty)(benchmark::State& state) {
    auto r = store->read();
    NodeId id = 1;
    for (auto _ : state) {
        benchmark::DoNotOptimize(r->nodeProperty(id, "name"));
        id = id % static_cast<NodeId>(state.range(0)) + 1;
    }
}
BENCHMARK_REGISTER_F(Star, NodeProperty)->Arg(10000);

}  // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    star.close();
    return 0;
}
