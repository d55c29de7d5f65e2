// Times the snapshot build, PageRank (20 iterations) and weakly connected components on a
// kgraph database, one thread. Prints one JSON object; with --dump FILE also writes each
// node's name, PageRank and component (the name of its smallest node) for run_algo_bench.py
// to compare with NetworkX.
//
//   kgraph_algo_bench --db DIR [--runs N] [--dump FILE]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <unordered_set>
#include <vector>

#include "engine/common/error.h"
#include "engine/graph/components.h"
#include "engine/graph/graph_snapshot.h"
#include "engine/graph/page_rank.h"

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

// Resident set now and at its peak, in MiB (Linux).
std::pair<double, double> rssMiB() {
    std::ifstream in("/proc/self/status");
    std::string line;
    double rss = 0, hwm = 0;
    while (std::getline(in, line)) {
        if (line.rfind("VmRSS:", 0) == 0) rss = std::stod(line.substr(6)) / 1024;
        if (line.rfind("VmHWM:", 0) == 0) hwm = std::stod(line.substr(6)) / 1024;
    }
    return {rss, hwm};
}

}  // namespace

int main(int argc, char** argv) {
    std::string db, dump;
    int runs = 5;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--db")) db = argv[i + 1];
        if (!std::strcmp(argv[i], "--runs")) runs = std::max(1, std::atoi(argv[i + 1]));
        if (!std::strcmp(argv[i], "--dump")) dump = argv[i + 1];
    }
    if (db.empty()) {
        std::fprintf(stderr, "usage: kgraph_algo_bench --db DIR [--runs N] [--dump FILE]\n");
        return 2;
    }
    try {
        using namespace kgraph;
        storage::OpenOptions options;
        options.readOnly = true;
        options.createIfMissing = false;
        auto store = storage::GraphStore::open(db, options);
        auto txn = store->read();
        auto rssBefore = rssMiB();
        auto t = Clock::now();
        graph::GraphSnapshot g(*txn, {});
        double buildMs = msSince(t);
        auto rssAfter = rssMiB();

        std::vector<double> prMs, wccMs;
        graph::PageRankResult pr;
        std::vector<storage::NodeId> wcc;
        for (int r = 0; r < runs; ++r) {
            t = Clock::now();
            pr = graph::pageRank(g, {20, 0.85, 0.0, {}});  // tolerance 0: exactly 20 rounds
            prMs.push_back(msSince(t));
            t = Clock::now();
            wcc = graph::weaklyConnectedComponents(g);
            wccMs.push_back(msSince(t));
        }
        size_t components = std::unordered_set<storage::NodeId>(wcc.begin(), wcc.end()).size();
        std::printf(
            "{\"nodes\": %zu, \"relationships\": %zu, \"snapshot_build_ms\": %.1f, "
            "\"snapshot_bytes\": %zu, \"rss_before_snapshot_mib\": %.1f, "
            "\"rss_after_snapshot_mib\": %.1f, \"runs\": %d, \"pagerank20_median_ms\": %.2f, "
            "\"pagerank20_min_ms\": %.2f, \"wcc_median_ms\": %.2f, \"wcc_min_ms\": %.2f, "
            "\"wcc_components\": %zu, \"pagerank_iterations\": %d}\n",
            g.vertexCount(), g.edgeCount(), buildMs, g.memoryBytes(), rssBefore.first,
            rssAfter.first, runs, median(prMs), *std::min_element(prMs.begin(), prMs.end()),
            median(wccMs), *std::min_element(wccMs.begin(), wccMs.end()), components,
            pr.iterations);
        if (!dump.empty()) {
            std::ofstream out(dump);
            char buf[64];
            for (graph::Vertex v = 0; v < g.vertexCount(); ++v) {
                auto name = txn->nodeProperty(g.nodeId(v), "name");
                auto comp = txn->nodeProperty(wcc[v], "name");
                std::snprintf(buf, sizeof buf, "%.17g", pr.scores[v]);
                out << (name.isString() ? name.asString() : "") << '\t' << buf << '\t'
                    << (comp.isString() ? comp.asString() : "") << '\n';
            }
        }
    } catch (const kgraph::Error& e) {
        std::fprintf(stderr, "kgraph_algo_bench: %s\n", e.what());
        return 1;
    }
    return 0;
}
