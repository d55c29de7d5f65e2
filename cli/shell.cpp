#include "cli/shell.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "cli/line_reader.h"
#include "cli/query_runner.h"
#include "cli/result_printer.h"
#include "cli/shell_completion.h"
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

const char* kHelp =
    "Enter a query ended by ';' (it may span several lines), e.g.\n"
    "  MATCH (p:Person)-[r]->(c:Country) RETURN p.name, type(r), c.name LIMIT 5;\n"
    "Meta-commands:\n"
    "  :help [COMMAND]       this text, or more on one command\n"
    "  :schema               labels and relationship types with their counts\n"
    "  :param NAME => VALUE  set a parameter ($NAME in queries); VALUE is a literal\n"
    "  :params               list the parameters\n"
    "  :format FORMAT        table, csv, tsv, json or jsonl\n"
    "  :timing on|off        show the time of each statement (default: on)\n"
    "  :render [FILE]        draw the last result (default: kgraph-result.svg)\n"
    "  :read FILE            run the statements of a file\n"
    "  :open DIR             switch to another database\n"
    "  :quit                 leave (or Ctrl-D)\n"
    "Keys: Tab completes keywords, functions, labels, types, property keys and variables;\n"
    "Up/Down and Ctrl-R search the history (~/.kgraph_history); Ctrl-C cancels the running\n"
    "query or clears the input. :help COMMAND shows one command, e.g. :help render\n";

// Longer help for `:help COMMAND`.
const std::map<std::string, std::string> kHelpTopics = {
    {":schema", "Labels and relationship types with their counts, from the store's statistics.\n"},
    {":param", "VALUE is a literal: 42, -1.5, 'text', [1, 2], {k: 'v'}. Use it as $NAME.\n"},
    {":format",
     "table (box drawn, numbers right-aligned, long cells cut with …), csv (RFC 4180),\n"
     "tsv, json (one array) or jsonl (one object per row).\n"},
    {":render",
     "The format follows the extension: svg, png, pdf or dot. Every node, relationship\n"
     "and path of the last result is drawn, with a legend of the labels; results over\n"
     "300 nodes are cut with a note. Or end a query with RENDER png TO 'file.png'.\n"},
    {":read",
     "Runs the file's statements as if typed; the path is relative to where the shell\n"
     "started.\n"},
    {":open", "Opens another database folder (created if missing, unless --read-only).\n"},
};

const std::vector<std::string> kMetaCommands = {":help",   ":schema", ":param",  ":params",
                                                ":format", ":timing", ":render", ":read",
                                                ":open",   ":quit",   ":exit"};

// The state of one shell session.
class Session {
public:
    Session(storage::GraphStore& store, std::ostream& out, std::ostream& err,
            const ShellOptions& options)
        : store_(&store),
          engine_(newEngine(store)),
          out_(out),
          err_(err),
          options_(options),
          vocabulary_(readVocabulary(store)) {
        print_.colour = options.interactive;
    }

    const Vocabulary& vocabulary() const { return vocabulary_; }

    // Runs the lines of `in` to the end (or :quit). Returns false on :quit.
    bool runLines(std::istream& in, bool interactive) {
        LineSource lines(in, interactive);
        std::string buffer, line;
        for (;;) {
            setStatementSoFar(buffer);
            auto status = lines.next(trim(buffer).empty() ? "kgraph> " : "   ...> ", line);
            if (status == LineSource::Status::End) break;
            if (status == LineSource::Status::Discarded) {  // Ctrl-C: drop the statement
                buffer.clear();
                continue;
            }
            std::string t = trim(line);
            if (trim(buffer).empty() && t.starts_with(":")) {
                if (!meta(t)) return false;
                continue;
            }
            buffer += line + "\n";
            for (const auto& stmt : takeStatements(buffer)) {
                if (cancelled_) break;
                statement(stmt);
            }
            if (cancelled_) {
                cancelled_ = false;
                buffer.clear();
                // Ctrl-C during :read stops the whole script, not only its current statement.
                if (!interactive) {
                    fail("cancelled: the rest of the script was not run");
                    return true;
                }
            }
        }
        if (!trim(buffer).empty()) fail("the last statement has no closing ';' and was not run");
        return true;
    }

    bool failed() const { return failed_; }

private:
    static std::unique_ptr<query::QueryEngine> newEngine(storage::GraphStore& store) {
        query::EngineOptions o;
        o.cancel = &interruptFlag();
        return std::make_unique<query::QueryEngine>(store, o);
    }

    // Red on a terminal; the caret lines of the message keep their columns.
    void fail(const std::string& message) {
        if (options_.interactive) {
            err_ << "\x1b[31merror: " << message << "\x1b[0m\n";
            return;
        }
        err_ << "error: " << message << "\n";
        if (!options_.interactive) failed_ = true;
    }

    void statement(const std::string& stmt) {
        auto t0 = std::chrono::steady_clock::now();
        // No reset here: a Ctrl-C pressed right after Enter is meant for this statement
        // (the line reader cleared the flag before reading the line).
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
            if (!result.counters.empty()) {  // the statement wrote: new names may exist
                vocabulary_ = readVocabulary(*store_);
                if (options_.interactive) setCompletionWords(vocabulary_, kMetaCommands);
            }
            warnUnknownNames(stmt);
            last_ = std::move(result);
        } catch (const Error& e) {
            // The terminal echoed ^C: start the message on a line of its own.
            if (options_.interactive && interruptFlag().load()) {
                err_ << "\n";
                cancelled_ = true;
            }
            fail(e.what());
        }
        interruptFlag().store(false);  // the Ctrl-C that cancelled it must not clear the next line
        out_.flush();
    }

    // Returns false for :quit.
    bool meta(const std::string& line) {
        std::string cmd = line.substr(0, line.find_first_of(" \t"));
        std::string arg = trim(line.substr(cmd.size()));
        if (cmd == ":quit" || cmd == ":q" || cmd == ":exit") return false;
        try {
            if (cmd == ":help" && !arg.empty()) {
                help(arg);
            } else if (cmd == ":help") {
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
                engine_ = newEngine(*store);
                opened_ = std::move(store);
                store_ = opened_.get();
                vocabulary_ = readVocabulary(*store_);
                if (options_.interactive) setCompletionWords(vocabulary_, kMetaCommands);
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

    // "did you mean": labels (after ':' in a node pattern), relationship types
    // (after ':' or '|' in a relationship pattern) and property keys (after
    // '.') that the database does not have. A warning only: the query ran.
    void warnUnknownNames(const std::string& stmt) {
        // '(' '[' '{' nesting, and whether a ':' came in that bracket (so that '|'
        // continues a label or type list, not a list comprehension).
        std::vector<std::pair<char, bool>> open;
        std::set<std::string> warned;
        auto warn = [&](const std::string& what, const std::string& name,
                        const std::vector<std::string>& known, const std::string& mark) {
            if (std::find(known.begin(), known.end(), name) != known.end()) return;
            if (!warned.insert(what + name).second) return;
            std::string hint = closestMatch(name, known);
            err_ << (options_.interactive ? "\x1b[33m" : "") << "warning: the database has no "
                 << what << " " << mark << name
                 << (hint.empty() ? "" : "; did you mean " + mark + hint + "?")
                 << (options_.interactive ? "\x1b[0m" : "") << "\n";
        };
        for (size_t i = 0; i < stmt.size(); ++i) {
            char c = stmt[i];
            if (c == '\'' || c == '"') {
                for (++i; i < stmt.size() && stmt[i] != c; ++i) {
                    if (stmt[i] == '\\') ++i;
                }
            } else if (c == '(' || c == '[' || c == '{') {
                open.emplace_back(c, false);
            } else if ((c == ')' || c == ']' || c == '}') && !open.empty()) {
                open.pop_back();
            } else if ((c == ':' || (c == '|' && !open.empty() && open.back().second)) &&
                       !open.empty() && open.back().first != '{') {
                open.back().second = true;
                size_t b = stmt.find_first_not_of(" \t\n:", i + 1);
                if (b == std::string::npos || !isIdentifierStart(stmt[b])) continue;
                size_t e = b;
                while (e < stmt.size() && isIdentifierChar(stmt[e])) ++e;
                std::string name = stmt.substr(b, e - b);
                if (open.back().first == '(') warn("label", name, vocabulary_.labels, ":");
                if (open.back().first == '[')
                    warn("relationship type", name, vocabulary_.types, ":");
                i = e - 1;
            } else if (c == '.' && i > 0 && isIdentifierChar(stmt[i - 1]) && i + 1 < stmt.size() &&
                       isIdentifierStart(stmt[i + 1]) && !vocabulary_.keys.empty()) {
                size_t e = i + 1;
                while (e < stmt.size() && isIdentifierChar(stmt[e])) ++e;
                size_t next = stmt.find_first_not_of(" \t\n", e);
                bool call = next != std::string::npos && (stmt[next] == '(' || stmt[next] == '.');
                if (!call)
                    warn("property key", stmt.substr(i + 1, e - i - 1), vocabulary_.keys, "");
                i = e - 1;
            }
        }
    }

    void help(const std::string& topic) {
        std::string name = topic.starts_with(":") ? topic : ":" + topic;
        std::istringstream lines(kHelp);
        std::string line, found;
        while (std::getline(lines, line)) {
            if (line.starts_with("  " + name + " ") || line == "  " + name) found += line + "\n";
        }
        if (found.empty()) {
            std::string hint = closestMatch(name, kMetaCommands);
            throw Error("no help on " + topic +
                        (hint.empty() ? "" : "; did you mean " + hint.substr(1) + "?") +
                        " (:help lists the commands)");
        }
        out_ << found;
        if (auto it = kHelpTopics.find(name); it != kHelpTopics.end()) out_ << it->second;
    }

    void schema() {
        auto r = store_->read();
        out_ << "labels:\n";
        for (const auto& [label, n] : r->labelCounts()) out_ << "  :" << label << "  " << n << "\n";
        out_ << "relationship types:\n";
        for (const auto& [type, n] : r->typeCounts()) out_ << "  :" << type << "  " << n << "\n";
        out_ << "property keys:\n ";
        for (const auto& k : vocabulary_.keys) out_ << " " << k;
        out_ << "\n";
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
    bool cancelled_ = false;  // Ctrl-C stopped a statement: the rest of a script is skipped
    std::optional<query::QueryResult> last_;
    Vocabulary vocabulary_;
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
        out << "kgraph shell on " << store.path() << " — :help for help, Ctrl-D to leave\n";
    }
    std::optional<InterruptHandler> onCtrlC;
    if (options.interactive) onCtrlC.emplace();
    Session session(store, out, err, options);
    if (options.interactive) setCompletionWords(session.vocabulary(), kMetaCommands);
    session.runLines(in, options.interactive);
    return session.failed() ? 1 : 0;
}

}  // namespace kgraph::cli
