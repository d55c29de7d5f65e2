// kgraph query QUERY : answer one query (or a ';'-separated script).
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands/command.h"
#include "cli/name_checker.h"
#include "cli/query_runner.h"
#include "cli/result_printer.h"
#include "cli/shell.h"
#include "engine/common/error.h"
#include "engine/query/parse/parser.h"
#include "engine/render/graph_renderer.h"

namespace kgraph::cli {

namespace {

struct Options {
    std::string query;
    std::string file;
    std::string db;
    std::string format = "table";
    std::vector<std::string> params;
    int repeat = 1;
    bool timing = false;
    int threads = 0;       // 0: the engine's default
    double timeout = 0;    // seconds; 0: none
    double maxMemory = 0;  // MB; 0: none
};

std::string readQueryText(const Options& o) {
    if (!o.file.empty()) {
        if (std::filesystem::is_directory(o.file)) {
            throw Error("the query file " + o.file + " is a directory; -f takes a file of queries");
        }
        std::ifstream in(o.file);
        if (!in) throw Error("cannot read the query file " + o.file);
        std::stringstream buf;
        buf << in.rdbuf();
        return buf.str();
    }
    if (o.query.empty()) throw Error("no query given: pass QUERY or -f FILE", Error::Kind::Usage);
    return o.query;
}

// `text` with everything before `begin` blanked out (newlines kept), so that
// the engine's line and column numbers in an error are those of the file.
std::string statementInPlace(const std::string& text, StatementSpan span) {
    std::string out = text.substr(0, span.end);
    for (size_t i = 0; i < span.begin; ++i) {
        if (out[i] != '\n') out[i] = ' ';
    }
    return out;
}

void printOne(const query::QueryResult& result, OutputFormat format) {
    if (result.plan) {
        std::cout << *result.plan;
        if (!result.plan->empty() && result.plan->back() != '\n') std::cout << '\n';
    }
    if (!result.columns.empty() || !result.plan) printResult(result, std::cout, {.format = format});
    if (format == OutputFormat::Table) {
        for (const auto& [k, v] : result.counters) {
            if (v) std::cout << k << ": " << v << "\n";
        }
    }
    if (result.render) {
        render::RenderOptions ro{result.render->format, result.render->layout};
        std::string file = result.render->file.value_or("kgraph-result." + ro.format);
        auto s = render::renderToFile(result, file, ro);
        std::cerr << "drew " << s.nodes << " nodes and " << s.edges << " relationships to " << file
                  << "\n";
    }
}

// --max-memory: the process's address space may grow by at most `mb` megabytes from here
// (RLIMIT_AS above what it maps now: the program, libraries and the open database). An
// allocation past it fails, and the engine turns that into "out of memory while running the
// query" (exit 1) instead of the machine swapping or the kernel killing the process.
void limitMemory(double mb) {
    long pages = 0;
    if (std::FILE* f = std::fopen("/proc/self/statm", "r")) {
        if (std::fscanf(f, "%ld", &pages) != 1) pages = 0;
        std::fclose(f);
    }
    rlimit l{};
    if (::getrlimit(RLIMIT_AS, &l) != 0) return;
    auto now = static_cast<rlim_t>(pages) * static_cast<rlim_t>(::sysconf(_SC_PAGESIZE));
    rlim_t want = now + static_cast<rlim_t>(mb * 1024 * 1024);
    if (l.rlim_max != RLIM_INFINITY && want > l.rlim_max) want = l.rlim_max;
    l.rlim_cur = want;
    if (::setrlimit(RLIMIT_AS, &l) != 0) {
        throw Error("--max-memory: cannot set the limit (" + std::string(std::strerror(errno)) +
                    ")");
    }
}

int runQuery(const Options& o) {
    auto format = parseOutputFormat(o.format);
    if (o.repeat < 1) throw Error("--repeat must be at least 1", Error::Kind::Usage);
    if (o.threads < 0) {
        throw Error("--threads must be at least 1 (or 0 for the default)", Error::Kind::Usage);
    }
    std::string text = readQueryText(o);
    query::Params params;
    for (const auto& p : o.params) params.insert(parseParam(p));

    // A script runs statement by statement so that every result prints (as the piped shell
    // does); a syntax error anywhere stops it before anything runs.
    query::parseScript(text);
    size_t rest = 0;
    auto spans = splitStatements(text, &rest);
    if (!onlyComments(std::string_view(text).substr(rest))) spans.push_back({rest, text.size()});
    if (spans.empty()) throw Error("the query has no statement, only comments", Error::Kind::Usage);

    auto store = openForQuery(resolveDbPath(o.db), text);
    query::EngineOptions engineOptions;
    engineOptions.threads = o.threads;
    if (o.timeout < 0) throw Error("--timeout must be at least 0 seconds", Error::Kind::Usage);
    engineOptions.timeoutSeconds = o.timeout;
    if (o.maxMemory < 0) throw Error("--max-memory must be at least 0 MB", Error::Kind::Usage);
    if (o.maxMemory > 0) limitMemory(o.maxMemory);
    query::QueryEngine engine(*store, engineOptions);
    std::vector<query::QueryResult> results(spans.size());
    std::vector<double> ms;
    for (int i = 0; i < o.repeat; ++i) {
        auto t0 = std::chrono::steady_clock::now();
        for (size_t k = 0; k < spans.size(); ++k) {
            results[k] = spans.size() == 1 ? engine.run(text, params)
                                           : engine.run(statementInPlace(text, spans[k]), params);
        }
        ms.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                .count());
    }
    Vocabulary vocabulary = readVocabulary(*store);
    for (size_t k = 0; k < spans.size(); ++k) {
        if (k > 0 && format == OutputFormat::Table) std::cout << "\n";
        printOne(results[k], format);
        std::cout.flush();
        for (const auto& w : unknownNameWarnings(
                 std::string_view(text).substr(spans[k].begin, spans[k].end - spans[k].begin),
                 vocabulary)) {
            std::cerr << "warning: " << w << "\n";
        }
    }
    const auto& result = results.back();
    if (o.timing) {
        auto sorted = ms;
        std::sort(sorted.begin(), sorted.end());
        size_t n = sorted.size();
        double median = n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        std::cout.flush();
        std::fprintf(
            stderr,
            "{\"timing\": {\"runs\": %zu, \"median_ms\": %.4f, \"min_ms\": %.4f, \"max_ms\": %.4f, "
            "\"rows\": %zu}}\n",
            n, median, sorted.front(), sorted.back(), result.rows.size());
    }
    return 0;
}

}  // namespace

void addQueryCommand(CLI::App& app, Action& action) {
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand(
        "query", "Answer a query (syntax following openCypher) and print the rows");
    cmd->add_option("query", o->query, "The query text");
    cmd->add_option("-f,--file", o->file, "Read the query from a file instead");
    addDbOption(*cmd, o->db);
    cmd->add_option("--format", o->format,
                    "table, csv, tsv, json, jsonl or markdown (default: table)");
    // One value per --param (repeat the flag), so that the query after it stays the query.
    cmd->add_option("--param", o->params, "A parameter name=value (repeatable); $name in the query")
        ->allow_extra_args(false);
    cmd->add_option("--repeat", o->repeat, "Run the query N times in this process, print once");
    cmd->add_flag("--timing", o->timing,
                  "Print a JSON timing line on stderr (median/min/max ms, rows)");
    cmd->add_option("--max-memory", o->maxMemory,
                    "Stop with an out-of-memory error (exit 1) when the query needs more than "
                    "this many MB; default: no limit");
    cmd->add_option("--timeout", o->timeout,
                    "Stop a statement that runs longer than this many seconds (exit 1); "
                    "default: no limit");
    cmd->add_option("--threads", o->threads,
                    "Threads an aggregation over all nodes may use (default 0: the hardware's, "
                    "at most 4; 1: one thread)");
    cmd->footer(
        "Example: kgraph query --db news.kg \"MATCH (p:Person)-[r]->(c:Country) RETURN p.name, "
        "type(r), "
        "c.name\"");
    cmd->callback([o, &action] { action = [o] { return runQuery(*o); }; });
}

}  // namespace kgraph::cli
