#include "cli/shell.h"

#include <editline/readline.h>

#include <chrono>
#include <cstdlib>

#include "cli/result_printer.h"
#include "engine/common/error.h"
#include "engine/query/query_engine.h"

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

class LineSource {
public:
    LineSource(std::istream& in, bool interactive) : in_(in), interactive_(interactive) {
        if (interactive_) {
            using_history();
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

const char* kHelp =
    "Enter a query ended by ';' (it may span several lines), e.g.\n"
    "  MATCH (p:Person)-[r]->(c:Country) RETURN p.name, type(r), c.name LIMIT 5;\n"
    "Meta-commands:\n"
    "  :help            this text\n"
    "  :format FORMAT   table, csv, tsv, json or jsonl\n"
    "  :quit            leave (or Ctrl-D)\n";

}  // namespace

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
    query::QueryEngine engine(store);
    PrintOptions print;
    LineSource lines(in, options.interactive);
    if (options.interactive) {
        out << "kgraph shell on " << store.path() << " — :help for help, Ctrl-D to leave\n";
    }
    std::string buffer, line;
    int status = 0;
    while (lines.next(trim(buffer).empty() ? "kgraph> " : "   ...> ", line)) {
        std::string t = trim(line);
        if (trim(buffer).empty() && t.starts_with(":")) {
            if (t == ":quit" || t == ":q" || t == ":exit") break;
            if (t == ":help") {
                out << kHelp;
            } else if (t.starts_with(":format")) {
                try {
                    print.format = parseOutputFormat(trim(t.substr(7)));
                } catch (const Error& e) {
                    err << "error: " << e.what() << "\n";
                }
            } else {
                err << "error: unknown meta-command " << t << "; :help lists them\n";
            }
            continue;
        }
        buffer += line + "\n";
        for (const auto& stmt : takeStatements(buffer)) {
            auto t0 = std::chrono::steady_clock::now();
            try {
                auto result = engine.run(stmt);
                if (result.plan) out << *result.plan << (result.plan->ends_with('\n') ? "" : "\n");
                if (!result.columns.empty()) printResult(result, out, print);
                for (const auto& [k, v] : result.counters) {
                    if (v) out << k << ": " << v << "\n";
                }
                if (print.format == OutputFormat::Table) {
                    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
                    char buf[64];
                    std::snprintf(buf, sizeof buf, "%.1f ms", ms);
                    out << result.rows.size() << (result.rows.size() == 1 ? " row" : " rows") << " (" << buf
                        << ")\n";
                }
            } catch (const Error& e) {
                err << "error: " << e.what() << "\n";
                if (!options.interactive) status = 1;
            }
            out.flush();
        }
    }
    if (!trim(buffer).empty()) {
        err << "error: the last statement has no closing ';' and was not run\n";
        if (!options.interactive) status = 1;
    }
    return status;
}

}  // namespace kgraph::cli
