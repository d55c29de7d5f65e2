#include "cli/shell.h"

#include <editline/readline.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>

#include "cli/query_runner.h"
#include "cli/result_printer.h"
#include "engine/common/error.h"
#include "engine/query/query_engine.h"
#include "engine/render/graph_renderer.h"

namespace kgraph::cli {

namespace {

std::string trim(const std::string& s) {
    size_t b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return "";
    size_t e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

std::string historyPath() {
    const char* home = std::getenv("HOME");
    return home ? std::string(home) + "/.kgraph_history" : "";
}

const char* kHelp =
    "Enter a query ended by ';' (it may span several lines), e.g.\n"
    "  MATCH (p:Person)-[r]->(c:Country) RETURN p.name, type(r), c.name LIMIT 5;\n"
    "Meta-commands:\n"
    "  :help                 this text\n"
    "  :schema               labels and relationship types with their counts\n"
    "  :param NAME => VALUE  set a parameter ($NAME in queries); VALUE is a literal\n"
    "  :params               list the parameters\n"
    "  :format FORMAT        table, csv, tsv, json or jsonl\n"
    "  :timing on|off        show the time of each statement (default: on)\n"
    "  :render [FILE]        draw the last result (default: kgraph-result.svg)\n"
    "  :read FILE            run the statements of a file\n"
    "  :open DIR             switch to another database\n"
    "  :quit                 leave (or Ctrl-D)\n";

const std::vector<std::string> kMetaCommands = {":help",   ":schema", ":param",  ":params",
                                                ":format", ":timing", ":render", ":read",
                                                ":open",   ":quit",   ":exit"};

const std::vector<std::string> kKeywords = {"MATCH",
                                            "OPTIONAL",
                                            "WHERE",
                                            "RETURN",
                                            "WITH",
                                            "ORDER",
                                            "BY",
                                            "SKIP",
                                            "LIMIT",
                                            "UNWIND",
                                            "UNION",
                                            "ALL",
                                            "CREATE",
                                            "MERGE",
                                            "SET",
                                            "REMOVE",
                                            "DELETE",
                                            "DETACH",
                                            "CALL",
                                            "YIELD",
                                            "AS",
                                            "DISTINCT",
                                            "AND",
                                            "OR",
                                            "XOR",
                                            "NOT",
                                            "IN",
                                            "IS",
                                            "NULL",
                                            "TRUE",
                                            "FALSE",
                                            "STARTS",
                                            "ENDS",
                                            "CONTAINS",
                                            "CASE",
                                            "WHEN",
                                            "THEN",
                                            "ELSE",
                                            "END",
                                            "ASC",
                                            "DESC",
                                            "EXPLAIN",
                                            "PROFILE",
                                            "RENDER",
                                            "LAYOUT",
                                            "count(",
                                            "sum(",
                                            "avg(",
                                            "min(",
                                            "max(",
                                            "collect(",
                                            "type(",
                                            "labels(",
                                            "id(",
                                            "keys(",
                                            "properties(",
                                            "size(",
                                            "length(",
                                            "nodes(",
                                            "relationships(",
                                            "coalesce(",
                                            "toUpper(",
                                            "toLower(",
                                            "evidence(",
                                            "shortestPath(",
                                            "allShortestPaths(",
                                            "db.labels()",
                                            "db.relationshipTypes()",
                                            "db.propertyKeys()",
                                            "db.schema()",
                                            "algo.list()",
                                            "algo.pageRank(",
                                            "algo.betweenness(",
                                            "algo.degree(",
                                            "algo.weaklyConnectedComponents(",
                                            "algo.stronglyConnectedComponents(",
                                            "algo.shortestPath(",
                                            "algo.neighborhood(",
                                            "algo.jaccard("};

// Completion words of the open database; read by the libedit callback, which
// has no user-data pointer.
std::vector<std::string> gCompletions;

char* completionGenerator(const char* text, int state) {
    static size_t index;
    static std::string prefix;
    if (state == 0) {
        index = 0;
        prefix = text;
    }
    while (index < gCompletions.size()) {
        const std::string& w = gCompletions[index++];
        bool match = w.size() >= prefix.size() &&
                     std::equal(prefix.begin(), prefix.end(), w.begin(), [](char a, char b) {
                         return std::tolower(static_cast<unsigned char>(a)) ==
                                std::tolower(static_cast<unsigned char>(b));
                     });
        if (match) return strdup(w.c_str());
    }
    return nullptr;
}

char** complete(const char* text, int, int) {
    rl_attempted_completion_over = 1;
    return rl_completion_matches(text, completionGenerator);
}

void loadCompletions(storage::GraphStore& store) {
    gCompletions = kKeywords;
    gCompletions.insert(gCompletions.end(), kMetaCommands.begin(), kMetaCommands.end());
    auto r = store.read();
    for (const auto& [label, n] : r->labelCounts()) gCompletions.push_back(label);
    for (const auto& [type, n] : r->typeCounts()) gCompletions.push_back(type);
    for (const char* key :
         {"name", "aliases", "mentions", "confidence", "sources", "evidence", "negated",
          "attributed_to", "date", "text", "title", "published", "path"}) {
        gCompletions.push_back(key);
    }
    std::sort(gCompletions.begin(), gCompletions.end());
    gCompletions.erase(std::unique(gCompletions.begin(), gCompletions.end()), gCompletions.end());
}

class LineSource {
public:
    LineSource(std::istream& in, bool interactive) : in_(in), interactive_(interactive) {
        if (interactive_) {
            using_history();
            rl_attempted_completion_function = complete;
            // Labels and types follow ':' and properties '.': break words there too.
            static char breaks[] = " \t\n\"'`@$><=;|&{(:.,[]";
            rl_completer_word_break_characters = breaks;
            rl_basic_word_break_characters = breaks;
            if (auto h = historyPath(); !h.empty()) read_history(h.c_str());
        }
    }
    ~LineSource() {
        if (interactive_) {
            if (auto h = historyPath(); !h.empty()) write_history(h.c_str());
        }
    }
    // False at end of input.
    bool next(const char* prompt, std::string& line) {
        if (!interactive_) return static_cast<bool>(std::getline(in_, line));
        char* raw = readline(prompt);
        if (!raw) return false;
        line = raw;
        std::free(raw);
        if (!trim(line).empty()) add_history(line.c_str());
        return true;
    }

private:
    std::istream& in_;
    bool interactive_;
};

// The state of one shell session.
class Session {
public:
    Session(storage::GraphStore& store, std::ostream& out, std::ostream& err,
            const ShellOptions& options)
        : store_(&store),
          engine_(std::make_unique<query::QueryEngine>(store)),
          out_(out),
          err_(err),
          options_(options) {}

    // Runs the lines of `in` to the end (or :quit). Returns false on :quit.
    bool runLines(std::istream& in, bool interactive) {
        LineSource lines(in, interactive);
        std::string buffer, line;
        while (lines.next(trim(buffer).empty() ? "kgraph> " : "   ...> ", line)) {
            std::string t = trim(line);
            if (trim(buffer).empty() && t.starts_with(":")) {
                if (!meta(t)) return false;
                continue;
            }
            buffer += line + "\n";
            for (const auto& stmt : takeStatements(buffer)) statement(stmt);
        }
        if (!trim(buffer).empty()) fail("the last statement has no closing ';' and was not run");
        return true;
    }

    bool failed() const { return failed_; }

private:
    void fail(const std::string& message) {
        err_ << "error: " << message << "\n";
        if (!options_.interactive) failed_ = true;
    }

    void statement(const std::string& stmt) {
        auto t0 = std::chrono::steady_clock::now();
        try {
            auto result = engine_->run(stmt, params_);
            if (result.plan) out_ << *result.plan << (result.plan->ends_with('\n') ? "" : "\n");
            if (!result.columns.empty()) printResult(result, out_, print_);
            for (const auto& [k, v] : result.counters) {
                if (v) out_ << k << ": " << v << "\n";
            }
            if (result.render) {
                render::RenderOptions ro{result.render->format, result.render->layout};
                std::string file = result.render->file.value_or("kgraph-result." + ro.format);
                auto s = render::renderToFile(result, file, ro);
                out_ << "drew " << s.nodes << " nodes and " << s.edges << " relationships to "
                     << file << "\n";
            }
            if (print_.format == OutputFormat::Table) {
                out_ << result.rows.size() << (result.rows.size() == 1 ? " row" : " rows");
                if (timing_) {
                    double ms = std::chrono::duration<double, std::milli>(
                                    std::chrono::steady_clock::now() - t0)
                                    .count();
                    char buf[64];
                    std::snprintf(buf, sizeof buf, " (%.1f ms)", ms);
                    out_ << buf;
                }
                out_ << "\n";
            }
            last_ = std::move(result);
        } catch (const Error& e) {
            fail(e.what());
        }
        out_.flush();
    }

    // Returns false for :quit.
    bool meta(const std::string& line) {
        std::string cmd = line.substr(0, line.find_first_of(" \t"));
        std::string arg = trim(line.substr(cmd.size()));
        if (cmd == ":quit" || cmd == ":q" || cmd == ":exit") return false;
        try {
            if (cmd == ":help") {
                out_ << kHelp;
            } else if (cmd == ":schema") {
                schema();
            } else if (cmd == ":format") {
                print_.format = parseOutputFormat(arg);
            } else if (cmd == ":timing") {
                if (arg != "on" && arg != "off") throw Error(":timing takes on or off");
                timing_ = arg == "on";
            } else if (cmd == ":param") {
                auto arrow = arg.find("=>");
                if (arrow == std::string::npos)
                    throw Error(":param takes NAME => VALUE, e.g. :param name => 'Wang Yi'");
                auto [name, value] =
                    parseParam(trim(arg.substr(0, arrow)) + "=" + trim(arg.substr(arrow + 2)));
                params_[name] = value;
            } else if (cmd == ":params") {
                for (const auto& [k, v] : params_)
                    out_ << "$" << k << " => " << query::formatValue(v) << "\n";
            } else if (cmd == ":render") {
                if (!last_) throw Error("no result to draw yet: run a query first");
                std::string file = arg.empty() ? "kgraph-result.svg" : arg;
                render::RenderOptions ro;
                auto dot = file.rfind('.');
                if (dot != std::string::npos) ro.format = file.substr(dot + 1);
                auto s = render::renderToFile(*last_, file, ro);
                out_ << "drew " << s.nodes << " nodes and " << s.edges << " relationships to "
                     << file << "\n";
            } else if (cmd == ":read") {
                std::ifstream in(arg);
                if (!in) throw Error("cannot read " + arg);
                return runLines(in, false);
            } else if (cmd == ":open") {
                if (!options_.open) throw Error(":open is not available here");
                auto store = options_.open(arg);
                engine_ = std::make_unique<query::QueryEngine>(*store);
                opened_ = std::move(store);
                store_ = opened_.get();
                if (options_.interactive) loadCompletions(*store_);
                out_ << "opened " << store_->path() << "\n";
            } else {
                std::string hint = closestMatch(cmd, kMetaCommands);
                throw Error("unknown meta-command " + cmd +
                            (hint.empty() ? "" : "; did you mean " + hint + "?") +
                            " (:help lists them)");
            }
        } catch (const Error& e) {
            fail(e.what());
        }
        return true;
    }

    void schema() {
        auto r = store_->read();
        out_ << "labels:\n";
        for (const auto& [label, n] : r->labelCounts()) out_ << "  :" << label << "  " << n << "\n";
        out_ << "relationship types:\n";
        for (const auto& [type, n] : r->typeCounts()) out_ << "  :" << type << "  " << n << "\n";
    }

    storage::GraphStore* store_;
    std::unique_ptr<storage::GraphStore> opened_;
    std::unique_ptr<query::QueryEngine> engine_;
    std::ostream& out_;
    std::ostream& err_;
    const ShellOptions& options_;
    PrintOptions print_;
    query::Params params_;
    bool timing_ = true;
    bool failed_ = false;
    std::optional<query::QueryResult> last_;
};

}  // namespace

std::string closestMatch(const std::string& word, const std::vector<std::string>& candidates) {
    std::string best;
    size_t bestDistance = std::string::npos;
    for (const auto& c : candidates) {
        std::vector<size_t> prev(c.size() + 1), cur(c.size() + 1);
        for (size_t j = 0; j <= c.size(); ++j) prev[j] = j;
        for (size_t i = 1; i <= word.size(); ++i) {
            cur[0] = i;
            for (size_t j = 1; j <= c.size(); ++j) {
                size_t sub = prev[j - 1] + (std::tolower(static_cast<unsigned char>(word[i - 1])) !=
                                            std::tolower(static_cast<unsigned char>(c[j - 1])));
                cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
            }
            std::swap(prev, cur);
        }
        if (prev[c.size()] < bestDistance) {
            bestDistance = prev[c.size()];
            best = c;
        }
    }
    // A likely typo: two edits (one for words of up to three letters), or a
    // third of a longer word, and never more than three.
    size_t allowed =
        word.size() <= 3 ? 1 : std::min<size_t>(3, std::max<size_t>(2, word.size() / 3));
    return bestDistance <= allowed ? best : "";
}

std::vector<std::string> takeStatements(std::string& buffer) {
    std::vector<std::string> out;
    size_t start = 0;
    for (size_t i = 0; i < buffer.size(); ++i) {
        char c = buffer[i];
        if (c == '\'' || c == '"' || c == '`') {
            for (++i; i < buffer.size() && buffer[i] != c; ++i) {
                if (buffer[i] == '\\' && c != '`') ++i;
            }
        } else if (c == '/' && i + 1 < buffer.size() && buffer[i + 1] == '/') {
            while (i < buffer.size() && buffer[i] != '\n') ++i;
        } else if (c == '/' && i + 1 < buffer.size() && buffer[i + 1] == '*') {
            auto end = buffer.find("*/", i + 2);
            if (end == std::string::npos) break;
            i = end + 1;
        } else if (c == ';') {
            std::string stmt = trim(buffer.substr(start, i - start));
            if (!stmt.empty()) out.push_back(stmt);
            start = i + 1;
        }
    }
    buffer = buffer.substr(std::min(start, buffer.size()));
    return out;
}

int runShell(storage::GraphStore& store, std::istream& in, std::ostream& out, std::ostream& err,
             const ShellOptions& options) {
    if (options.interactive) {
        loadCompletions(store);
        out << "kgraph shell on " << store.path() << " — :help for help, Ctrl-D to leave\n";
    }
    Session session(store, out, err, options);
    session.runLines(in, options.interactive);
    return session.failed() ? 1 : 0;
}

}  // namespace kgraph::cli
