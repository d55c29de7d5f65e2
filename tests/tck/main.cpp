// kgraph-tck: runs openCypher TCK .feature files against the query engine.
//
//   kgraph-tck [--verbose] [--baseline FILE] DIR...
//
// Every scenario runs on a fresh database in a temporary directory. Prints one line per
// failing scenario and a closing line "N passed, M failed, K skipped". Exit code 0 if it ran,
// 1 if --baseline is given and fewer scenarios passed than the number in FILE, 2 on bad usage.
#include <algorithm>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <random>
#include <set>
#include <sstream>

#include "engine/common/error.h"
#include "engine/query/query_engine.h"
#include "storage/graph_store.h"
#include "tests/tck/gherkin.h"
#include "tests/tck/tck_value.h"

namespace kgraph::tck {
namespace {

namespace fs = std::filesystem;
using query::QueryEngine;
using query::QueryResult;
using query::Value;

// Features documented as out of scope in docs/query-language.md ("Out of scope for the TCK"):
// a scenario whose text contains one of these is skipped, naming the reason.
struct OutOfScope {
    const char* needle;  // lower case
    const char* reason;
};
const OutOfScope kOutOfScope[] = {
    {"date(", "temporal types"},          {"datetime(", "temporal types"},
    {"localdatetime(", "temporal types"}, {"localtime(", "temporal types"},
    {"time(", "temporal types"},          {"duration(", "temporal types"},
    {"duration.", "temporal types"},      {"date.", "temporal types"},
    {"point(", "spatial types"},          {"distance(", "spatial types"},
};

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::optional<std::string> skipReason(const Scenario& s) {
    for (const auto& st : s.steps) {
        std::string text = lower(st.docString);
        for (const auto& row : st.table) {
            for (const auto& c : row) text += " " + lower(c);
        }
        for (const auto& o : kOutOfScope) {
            // a whole word: `update.x` or `mytime(` do not count
            for (size_t at = 0; (at = text.find(o.needle, at)) != std::string::npos; ++at) {
                unsigned char before = at == 0 ? ' ' : static_cast<unsigned char>(text[at - 1]);
                if (!std::isalnum(before) && before != '_' && before != '.' && before != '`') {
                    return std::string(o.reason) + " (`" + o.needle + "`)";
                }
            }
        }
    }
    return std::nullopt;
}

// The graphs/ folder beside the features/ folder a file is in, if any.
std::optional<fs::path> graphsDir(const fs::path& file) {
    for (fs::path p = file.parent_path(); p.has_relative_path(); p = p.parent_path()) {
        if (p.filename() == "features" && fs::is_directory(p.parent_path() / "graphs")) {
            return p.parent_path() / "graphs";
        }
        if (p == p.parent_path()) break;
    }
    return std::nullopt;
}

std::string oneLine(std::string s) {
    std::replace(s.begin(), s.end(), '\n', ' ');
    if (s.size() > 300) s = s.substr(0, 300) + "...";
    return s;
}

std::string formatRow(const std::vector<Value>& row) {
    std::string out = "|";
    for (const auto& v : row) out += " " + query::formatValue(v) + " |";
    return out;
}

class TempDb {
public:
    TempDb() {
        std::random_device rd;
        path_ = fs::temp_directory_path() /
                ("kgraph-tck-" + std::to_string(rd()) + "-" + std::to_string(rd()));
    }
    ~TempDb() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

// What the TCK's side-effect metrics observe of a graph (README.adoc, "Observability of side
// effects"): node and relationship ids, property triples (entity, key, value) and the distinct
// labels. Side effects are the differences between the snapshots before and after a query.
struct Snapshot {
    std::set<uint64_t> nodes;
    std::set<uint64_t> relationships;
    std::set<std::string> properties;
    std::set<std::string> labels;
};

Snapshot takeSnapshot(QueryEngine& engine) {
    Snapshot s;
    for (const auto& row : engine.run("MATCH (n) RETURN n").rows) {
        const auto& n = row[0].asNode();
        s.nodes.insert(n.id);
        for (const auto& l : n.labels) s.labels.insert(l);
        for (const auto& [k, v] : n.properties) {
            if (!v.isNull()) {
                s.properties.insert("n" + std::to_string(n.id) + "." + k + "=" +
                                    query::formatValue(v));
            }
        }
    }
    for (const auto& row : engine.run("MATCH ()-[r]->() RETURN r").rows) {
        const auto& r = row[0].asRelationship();
        s.relationships.insert(r.id);
        for (const auto& [k, v] : r.properties) {
            if (!v.isNull()) {
                s.properties.insert("r" + std::to_string(r.id) + "." + k + "=" +
                                    query::formatValue(v));
            }
        }
    }
    return s;
}

// How many elements of `a` are not in `b`.
template <typename T>
int64_t missingFrom(const std::set<T>& a, const std::set<T>& b) {
    int64_t n = 0;
    for (const auto& x : a) n += b.count(x) ? 0 : 1;
    return n;
}

std::map<std::string, int64_t> sideEffectsOf(const Snapshot& before, const Snapshot& after) {
    std::map<std::string, int64_t> m;
    m["+nodes"] = missingFrom(after.nodes, before.nodes);
    m["-nodes"] = missingFrom(before.nodes, after.nodes);
    m["+relationships"] = missingFrom(after.relationships, before.relationships);
    m["-relationships"] = missingFrom(before.relationships, after.relationships);
    m["+properties"] = missingFrom(after.properties, before.properties);
    m["-properties"] = missingFrom(before.properties, after.properties);
    m["+labels"] = missingFrom(after.labels, before.labels);
    m["-labels"] = missingFrom(before.labels, after.labels);
    return m;
}

// The TCK's error categories (README.adoc, "Errors") and how kgraph's messages name them: a
// query error message starts with its class ("type error: ...", "syntax error at line ...").
// openCypher files every error found before execution under SyntaxError, kgraph separates
// syntax from semantic errors.
struct ErrorClass {
    const char* prefix;    // how a kgraph error message starts
    const char* category;  // the TCK's name
};
const ErrorClass kErrorClasses[] = {
    {"syntax error", "SyntaxError"},
    {"semantic error", "SyntaxError"},
    {"type error", "TypeError"},
    {"argument error", "ArgumentError"},
    {"arithmetic error", "ArithmeticError"},
    {"entity error", "EntityNotFound"},
    {"constraint error", "ConstraintVerificationFailed"},
};

// The TCK category of a kgraph error message, or "" if the message names no class.
std::string categoryOf(const std::string& message) {
    for (const auto& c : kErrorClasses) {
        std::string p = c.prefix;
        if (message.rfind(p, 0) == 0 && message.size() > p.size() &&
            (message[p.size()] == ':' || message[p.size()] == ' ')) {
            return c.category;
        }
    }
    return "";
}

struct RaisedError {
    std::string message;
    bool compileTime = false;  // found by parse, bind or plan, before anything ran
};

struct Outcome {
    bool skipped = false;
    std::string failure;  // empty: passed (or skipped)
};

class ScenarioRunner {
public:
    explicit ScenarioRunner(const Scenario& s) : s_(s) {
        for (const auto& st : s.steps) {
            if (st.text.find("side effects") != std::string::npos) watchSideEffects_ = true;
        }
    }

    Outcome run() {
        Outcome o;
        if (auto why = skipReason(s_)) {
            o.skipped = true;
            o.failure = *why;
            return o;
        }
        try {
            for (const auto& st : s_.steps) {
                std::string f = step(st);
                if (!f.empty()) {
                    o.failure = f;
                    return o;
                }
            }
            if (!checked_) o.failure = "no result was checked";
        } catch (const Error& e) {
            o.failure = std::string("error: ") + oneLine(e.what());
        } catch (const std::exception& e) {
            o.failure = std::string("unexpected exception: ") + oneLine(e.what());
        }
        return o;
    }

private:
    void openFresh() {
        engine_.reset();
        store_.reset();
        db_.reset();
        db_.emplace();
        store_ = storage::GraphStore::open(db_->path().string());
        engine_.emplace(*store_);
    }

    QueryEngine& engine() {
        if (!engine_) openFresh();
        return *engine_;
    }

    // Returns a failure message, or "" if the step passed.
    std::string step(const Step& st) {
        std::string t = st.text;
        size_t sp = t.find(' ');
        std::string body = sp == std::string::npos ? t : t.substr(sp + 1);  // keyword dropped
        if (body == "an empty graph" || body == "any graph") {
            openFresh();
            return "";
        }
        if (body.rfind("the ", 0) == 0 && body.size() > 10 &&
            body.compare(body.size() - 6, 6, " graph") == 0) {
            std::string name = body.substr(4, body.size() - 10);
            auto dir = graphsDir(s_.file);
            if (!dir) return "no graphs/ folder beside features/ for graph " + name;
            fs::path file = *dir / name / (name + ".cypher");
            std::ifstream in(file);
            if (!in) return "named graph not found: " + file.string();
            std::stringstream text;
            text << in.rdbuf();
            openFresh();
            try {
                engine().run(text.str());
            } catch (const Error& e) {
                return "loading graph " + name + " failed: " + oneLine(e.what());
            }
            return "";
        }
        if (body == "having executed:") {
            try {
                engine().run(st.docString, params_);
            } catch (const Error& e) {
                return "setup query failed: " + oneLine(e.what());
            }
            return "";
        }
        if (body == "parameters are:") {
            for (const auto& row : st.table) {
                if (row.size() != 2) return "bad parameters table";
                try {
                    params_[row[0]] = query::parseLiteral(row[1]);
                } catch (const Error& e) {
                    return "cannot read parameter " + row[0] + ": " + oneLine(e.what());
                }
            }
            return "";
        }
        if (body == "executing query:" || body == "executing control query:") {
            result_.reset();
            error_.reset();
            std::optional<Snapshot> before;
            if (watchSideEffects_) before = takeSnapshot(engine());
            try {
                result_ = engine().run(st.docString, params_);
            } catch (const Error& e) {
                error_ = RaisedError{e.what(), false};
                // Compile time: the statement cannot even be planned (EXPLAIN runs nothing).
                try {
                    engine().explain(st.docString);
                } catch (const Error&) {
                    error_->compileTime = true;
                }
            }
            if (before) effects_ = sideEffectsOf(*before, takeSnapshot(engine()));
            return "";
        }
        if (body.rfind("the result should be", 0) == 0) {
            checked_ = true;
            if (error_) return "unexpected error: " + oneLine(error_->message);
            if (!result_) return "no query was executed";
            if (body == "the result should be empty") {
                if (!result_->rows.empty()) {
                    return "expected no rows, got " + std::to_string(result_->rows.size()) +
                           ", first " + formatRow(result_->rows[0]);
                }
                return "";
            }
            bool ordered = body.find("in order") != std::string::npos;
            bool unorderedLists =
                body.find("ignoring element order for lists") != std::string::npos;
            return compareTable(st.table, ordered, unorderedLists);
        }
        if (body.find("should be raised") != std::string::npos) {
            checked_ = true;
            return checkError(body);
        }
        if (body == "no side effects") return sideEffects({});
        if (body == "the side effects should be:") return sideEffects(st.table);
        return "unknown step: " + t;
    }

    // "a TypeError should be raised at runtime: InvalidArgumentType": the category and the
    // phase (compile time, runtime, any time) must match; the detail is not compared.
    std::string checkError(const std::string& body) {
        size_t at = body.find(' ');
        size_t should = body.find(" should be raised");
        std::string category = body.substr(at + 1, should - at - 1);
        if (!error_) return "expected " + category + ", the query succeeded";
        std::string got = categoryOf(error_->message);
        std::string phase = error_->compileTime ? "compile time" : "runtime";
        bool phaseOk = body.find("at any time") != std::string::npos ||
                       (body.find("at compile time") != std::string::npos) == error_->compileTime;
        if (got == category && phaseOk) return "";
        return "expected " + body.substr(at + 1) + "; got " +
               (got.empty() ? "an unclassified error" : got) + " at " + phase + ": " +
               oneLine(error_->message);
    }

    std::string compareTable(const Table& table, bool ordered, bool unorderedLists) {
        if (table.empty()) return "result table without a header";
        const auto& header = table[0];
        if (header != result_->columns) {
            std::string got;
            for (const auto& c : result_->columns) got += (got.empty() ? "" : ", ") + c;
            std::string want;
            for (const auto& c : header) want += (want.empty() ? "" : ", ") + c;
            return "columns differ: got [" + got + "], want [" + want + "]";
        }
        std::vector<std::vector<Expected>> want;
        for (size_t r = 1; r < table.size(); ++r) {
            std::vector<Expected> row;
            for (const auto& c : table[r]) row.push_back(parseExpected(c));
            want.push_back(std::move(row));
        }
        const auto& got = result_->rows;
        if (got.size() != want.size()) {
            return "expected " + std::to_string(want.size()) + " rows, got " +
                   std::to_string(got.size()) +
                   (got.empty() ? std::string() : ", first " + formatRow(got[0]));
        }
        auto rowMatches = [&](const std::vector<Expected>& w, const std::vector<Value>& g) {
            if (w.size() != g.size()) return false;
            for (size_t c = 0; c < w.size(); ++c) {
                if (!matches(w[c], g[c], unorderedLists)) return false;
            }
            return true;
        };
        std::vector<bool> used(got.size(), false);
        for (size_t r = 0; r < want.size(); ++r) {
            bool found = false;
            if (ordered) {
                found = rowMatches(want[r], got[r]);
            } else {
                for (size_t g = 0; g < got.size() && !found; ++g) {
                    if (!used[g] && rowMatches(want[r], got[g])) used[g] = found = true;
                }
            }
            if (!found) {
                std::string w = "|";
                for (const auto& c : table[r + 1]) w += " " + c + " |";
                return (ordered
                            ? "row " + std::to_string(r + 1) + " differs: want " + w + ", got " +
                                  formatRow(got[r])
                            : "no row matches " + w + " (first row got " + formatRow(got[0]) + ")");
            }
        }
        return "";
    }

    std::string sideEffects(const Table& table) {
        if (!effects_) return "side effects checked before a query was executed";
        std::map<std::string, int64_t> want;
        for (const auto& row : table) {
            if (row.size() != 2 || !effects_->count(row[0])) return "bad side effects table";
            want[row[0]] = std::stoll(row[1]);
        }
        std::string diff;
        for (const auto& [k, got] : *effects_) {
            int64_t w = want.count(k) ? want[k] : 0;
            if (got != w) {
                diff += std::string(diff.empty() ? "" : ", ") + k + " want " + std::to_string(w) +
                        " got " + std::to_string(got);
            }
        }
        return diff.empty() ? "" : "side effects differ: " + diff;
    }

    const Scenario& s_;
    std::optional<TempDb> db_;
    std::unique_ptr<storage::GraphStore> store_;
    std::optional<QueryEngine> engine_;
    query::Params params_;
    std::optional<QueryResult> result_;
    std::optional<RaisedError> error_;
    bool checked_ = false;
    bool watchSideEffects_ = false;
    std::optional<std::map<std::string, int64_t>> effects_;
};

int usage() {
    std::cerr << "usage: kgraph-tck [--verbose] [--baseline FILE] DIR...\n";
    return 2;
}

int runMain(int argc, char** argv) {
    bool verbose = false;
    std::optional<std::string> baseline;
    std::vector<fs::path> dirs;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--verbose" || a == "-v") {
            verbose = true;
        } else if (a == "--baseline") {
            if (++i >= argc) return usage();
            baseline = argv[i];
        } else if (a == "--help" || a == "-h") {
            usage();
            return 0;
        } else if (!a.empty() && a[0] == '-') {
            return usage();
        } else {
            dirs.emplace_back(a);
        }
    }
    if (dirs.empty()) return usage();
    std::vector<fs::path> files;
    for (const auto& d : dirs) {
        if (fs::is_regular_file(d) && d.extension() == ".feature") {
            files.push_back(d);
            continue;
        }
        if (!fs::is_directory(d)) {
            std::cerr << "kgraph-tck: not a directory: " << d.string() << "\n";
            return 2;
        }
        for (const auto& e : fs::recursive_directory_iterator(d)) {
            if (e.is_regular_file() && e.path().extension() == ".feature") {
                files.push_back(e.path());
            }
        }
    }
    std::sort(files.begin(), files.end());
    int passed = 0, failed = 0, skipped = 0;
    for (const auto& file : files) {
        for (const auto& s : readFeature(file)) {
            auto t0 = std::chrono::steady_clock::now();
            Outcome o = ScenarioRunner(s).run();
            std::string where = s.file + ":" + std::to_string(s.line) + " " + s.name;
            if (o.skipped) {
                ++skipped;
                if (verbose) std::cout << "SKIP " << where << ": " << o.failure << "\n";
            } else if (!o.failure.empty()) {
                ++failed;
                std::cout << "FAIL " << where << ": " << o.failure << "\n";
            } else {
                ++passed;
                if (verbose) {
                    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                                  std::chrono::steady_clock::now() - t0)
                                  .count();
                    std::cout << "PASS " << where << " (" << ms << " ms)\n";
                }
            }
        }
    }
    std::cout << passed << " passed, " << failed << " failed, " << skipped << " skipped"
              << std::endl;
    if (baseline) {
        std::ifstream in(*baseline);
        long want = -1;
        if (!(in >> want)) {
            std::cerr << "kgraph-tck: cannot read a number from " << *baseline << "\n";
            return 2;
        }
        if (passed < want) {
            std::cerr << "kgraph-tck: " << passed << " passed, below the baseline of " << want
                      << " (" << *baseline << ")\n";
            return 1;
        }
    }
    return 0;
}

}  // namespace
}  // namespace kgraph::tck

int main(int argc, char** argv) { return kgraph::tck::runMain(argc, argv); }
