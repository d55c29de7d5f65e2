#include "cli/shell.h"

#include <sys/ioctl.h>
#include <unistd.h>

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
#include "cli/name_checker.h"
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
    "  :param NAME => EXPR   set a parameter ($NAME in queries) to an expression's value\n"
    "  :param {NAME: EXPR, ...}  set several parameters\n"
    "  :params [clear]       list the parameters, or forget them all\n"
    "  :format [FORMAT]      table, csv, tsv, json, jsonl or markdown; alone: the current one\n"
    "  :timing [on|off]      show the time of each statement (default: on at a terminal)\n"
    "  :max_rows [N]         table rows shown; the middle of longer results is elided (40)\n"
    "  :max_width [N]        table width in columns (default: the terminal's)\n"
    "  :render [FILE]        draw the last result (default: kgraph-result.svg)\n"
    "  :read FILE            run the statements of a file\n"
    "  :open [--create] DIR  switch to another database\n"
    "  :quit                 leave (or Ctrl-D)\n"
    "Keys: Tab completes keywords, functions, labels, types, property keys and variables;\n"
    "Up/Down and Ctrl-R search the history (~/.kgraph_history); Ctrl-C cancels the running\n"
    "query or clears the input. :help COMMAND shows one command, e.g. :help render\n";

// Longer help for `:help COMMAND`.
const std::map<std::string, std::string> kHelpTopics = {
    {":schema", "Labels and relationship types with their counts, from the store's statistics.\n"},
    {":param",
     "EXPR is any expression without variables, evaluated now: 42, 'text', [1, 2], 1 + 2,\n"
     "toUpper('kz'), $other * 2. Use it as $NAME. :param {a: 1, b: 'x'} sets both.\n"},
    {":format",
     "table (box drawn, numbers right-aligned, long cells cut with …, NULL for null), csv\n"
     "(RFC 4180; null is an empty field), tsv, json (one array), jsonl (one object per\n"
     "row) or markdown (a pipe table).\n"},
    {":render",
     "The format follows the extension: svg, png, pdf or dot. Every node, relationship\n"
     "and path of the last result is drawn, with a legend of the labels; results over\n"
     "300 nodes are cut with a note. Or end a query with RENDER png TO 'file.png'.\n"},
    {":read",
     "Runs the file's statements as if typed; the path is relative to where the shell\n"
     "started.\n"},
    {":open",
     "Opens another database folder. A folder that holds no database is refused unless\n"
     "--create is given (and the shell is not --read-only).\n"},
};

const std::vector<std::string> kMetaCommands = {
    ":help",      ":schema", ":param", ":params", ":format", ":timing", ":max_rows",
    ":max_width", ":render", ":read",  ":open",   ":quit",   ":exit"};

// What users of other shells type to leave or to set the output mode.
const std::map<std::string, std::string> kForeignCommands = {
    {"exit", ":quit (or Ctrl-D) leaves"},
    {"quit", ":quit (or Ctrl-D) leaves"},
    {".quit", ":quit (or Ctrl-D) leaves"},
    {".exit", ":quit (or Ctrl-D) leaves"},
    {"\\q", ":quit (or Ctrl-D) leaves"},
    {".mode", ":format FORMAT sets the output format"},
    {".help", ":help lists the meta-commands"},
    {"help", ":help lists the meta-commands"},
    {".tables", ":schema lists labels and relationship types"},
    {".schema", ":schema lists labels and relationship types"}};

// The terminal's width in columns, or 0 if unknown.
size_t terminalWidth() {
    struct winsize ws {};
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
    return 0;
}

// A line as it goes into a one-line history entry: a trailing `// comment`
// would swallow the lines joined after it, so it is dropped.
std::string historyLine(const std::string& line) {
    for (size_t i = 0; i < line.size(); ++i) {
        char c = line[i];
        if (c == '\'' || c == '"' || c == '`') {
            for (++i; i < line.size() && line[i] != c; ++i) {
                if (line[i] == '\\' && c != '`') ++i;
            }
        } else if (c == '/' && i + 1 < line.size() && line[i + 1] == '/') {
            return trim(line.substr(0, i));
        }
    }
    return line;
}

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
        // On a terminal: long results elided in the middle, tables fit to its width, the
        // time after each result. A script's output is the data, whole and without timings.
        timing_ = options.interactive;
        if (options.interactive) {
            print_.maxRows = 40;
            print_.maxWidth = terminalWidth();
            autoWidth_ = true;
        }
    }

    const Vocabulary& vocabulary() const { return vocabulary_; }

    // Runs the lines of `in` to the end (or :quit). Returns false on :quit.
    bool runLines(std::istream& in, bool interactive) {
        LineSource lines(in, interactive);
        std::string buffer, line;
        std::string typed;  // the lines of the statement being typed, for the history
        for (;;) {
            setStatementSoFar(buffer);
            auto status = lines.next(trim(buffer).empty() ? "kgraph> " : "   ...> ", line);
            if (status == LineSource::Status::End) break;
            if (status == LineSource::Status::Discarded) {  // Ctrl-C: drop the statement
                buffer.clear();
                typed.clear();
                continue;
            }
            std::string t = trim(line);
            if (trim(buffer).empty() && t.starts_with(":")) {
                lines.remember(t);
                if (!meta(t)) return false;
                continue;
            }
            if (trim(buffer).empty() && foreignCommand(t)) {
                lines.remember(t);
                continue;
            }
            buffer += line + "\n";
            if (auto h = historyLine(t); !h.empty()) typed += (typed.empty() ? "" : " ") + h;
            for (const auto& stmt : takeStatements(buffer)) {
                if (cancelled_) break;
                statement(stmt);
            }
            // A whole statement is one history entry, however many lines it took.
            if (trim(buffer).empty() && !typed.empty()) {
                lines.remember(typed);
                typed.clear();
            }
            if (cancelled_) {
                cancelled_ = false;
                buffer.clear();
                typed.clear();
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
        if (autoWidth_) print_.maxWidth = terminalWidth();  // the terminal may have been resized
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
                if (print_.maxRows && result.rows.size() > print_.maxRows)
                    out_ << ", " << print_.maxRows << " shown (:max_rows N to change)";
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
            std::string message = e.what();
            // The engine names the command line's --param; here it is :param.
            static const std::string kFlag = "(pass it with --param ";
            if (auto at = message.find(kFlag); at != std::string::npos) {
                auto end = message.find(')', at);
                std::string name =
                    message.substr(at + kFlag.size(), message.find('=', at) - at - kFlag.size());
                message.replace(at, end - at + 1, "(set it with :param " + name + " => VALUE)");
            }
            fail(message);
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
                if (arg.empty()) {
                    out_ << "format: " << outputFormatName(print_.format) << "\n";
                } else {
                    print_.format = parseOutputFormat(arg);
                }
            } else if (cmd == ":timing") {
                if (arg.empty()) {
                    out_ << "timing: " << (timing_ ? "on" : "off") << "\n";
                } else {
                    if (arg != "on" && arg != "off") throw Error(":timing takes on or off");
                    timing_ = arg == "on";
                }
            } else if (cmd == ":max_rows" || cmd == ":max_width") {
                size_t& setting = cmd == ":max_rows" ? print_.maxRows : print_.maxWidth;
                if (arg.empty()) {
                    out_ << cmd.substr(1) << ": "
                         << (setting ? std::to_string(setting) : std::string("no limit")) << "\n";
                } else {
                    size_t used = 0;
                    long n = -1;
                    try {
                        n = std::stol(arg, &used);
                    } catch (const std::exception&) {
                    }
                    if (n < 0 || used != arg.size())
                        throw Error(cmd + " takes a number (0: no limit), e.g. " + cmd + " 100");
                    setting = static_cast<size_t>(n);
                    if (cmd == ":max_width") autoWidth_ = false;
                }
            } else if (cmd == ":param") {
                setParams(arg);
            } else if (cmd == ":params") {
                if (arg == "clear") {
                    params_.clear();
                } else if (!arg.empty()) {
                    throw Error(":params takes no argument but clear");
                } else if (params_.empty()) {
                    out_ << "no parameters; set one with :param NAME => VALUE\n";
                }
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
                bool create = arg.starts_with("--create");
                if (create) arg = trim(arg.substr(8));
                if (arg.empty())
                    throw Error(
                        ":open takes a database folder: :open DIR (:open --create DIR "
                        "makes a new one)");
                auto store = options_.open(arg, create);
                engine_ = newEngine(*store);
                opened_ = std::move(store);
                store_ = opened_.get();
                vocabulary_ = readVocabulary(*store_);
                if (options_.interactive) {
                    setCompletionWords(vocabulary_, kMetaCommands);
                    setCompletionStore(store_);
                }
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

    // `:param NAME => EXPR` or `:param {NAME: EXPR, ...}`: the expression is evaluated
    // now (with the parameters set so far), as Neo4j's shells do.
    void setParams(const std::string& arg) {
        if (arg.starts_with("{")) {
            auto value = evaluate(arg);
            if (!value.isMap()) throw Error(":param {NAME: EXPR, ...} takes a map");
            for (const auto& [k, v] : value.asMap()) params_[k] = v;
            return;
        }
        auto arrow = arg.find("=>");
        if (arrow == std::string::npos) {
            throw Error(
                ":param takes NAME => EXPR or {NAME: EXPR, ...}, e.g. :param name => 'Wang Yi'");
        }
        std::string name = trim(arg.substr(0, arrow));
        if (name.starts_with("$")) name = name.substr(1);
        if (name.empty() || !isIdentifierStart(name[0]) ||
            !std::all_of(name.begin(), name.end(), isIdentifierChar)) {
            throw Error(":param needs a parameter name before =>, e.g. :param limit => 10");
        }
        params_[name] = evaluate(trim(arg.substr(arrow + 2)));
    }

    query::Value evaluate(const std::string& expression) {
        if (expression.empty()) throw Error(":param needs an expression after =>");
        auto result = engine_->run("RETURN " + expression + "\nAS value", params_);
        if (result.rows.size() != 1 || result.rows[0].empty())
            throw Error("the expression gave no value");
        return result.rows[0][0];
    }

    // `exit`, `.mode csv`, `\q`: commands of other shells. A hint, not a statement.
    bool foreignCommand(const std::string& line) {
        std::string word = line.substr(0, line.find_first_of(" \t;"));
        auto it = kForeignCommands.find(word);
        if (it == kForeignCommands.end()) return false;
        // `exit` alone, but not the start of a statement such as `exit ...` — no keyword
        // begins so, except where a dot or backslash says it is another shell's command.
        bool alone = trim(line) == word || trim(line) == word + ";";
        if (!alone && word[0] != '.' && word[0] != '\\') return false;
        std::string message = word + " is not a command of this shell: " + it->second;
        if (options_.interactive) {
            err_ << "\x1b[33m" << message << "\x1b[0m\n";
        } else {
            err_ << message << "\n";
        }
        return true;
    }

    // "did you mean" for labels, types and keys the database does not have
    // (name_checker.h). A warning only: the query ran.
    void warnUnknownNames(const std::string& stmt) {
        for (const auto& w : unknownNameWarnings(stmt, vocabulary_)) {
            err_ << (options_.interactive ? "\x1b[33m" : "") << "warning: " << w
                 << (options_.interactive ? "\x1b[0m" : "") << "\n";
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
    bool timing_ = false;
    bool autoWidth_ = false;  // :max_width follows the terminal until set
    bool failed_ = false;
    bool cancelled_ = false;  // Ctrl-C stopped a statement: the rest of a script is skipped
    std::optional<query::QueryResult> last_;
    Vocabulary vocabulary_;
};

}  // namespace

std::vector<StatementSpan> splitStatements(std::string_view text, size_t* rest) {
    std::vector<StatementSpan> out;
    size_t start = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '\'' || c == '"' || c == '`') {
            for (++i; i < text.size() && text[i] != c; ++i) {
                if (text[i] == '\\' && c != '`') ++i;
            }
        } else if (c == '/' && i + 1 < text.size() && text[i + 1] == '/') {
            while (i < text.size() && text[i] != '\n') ++i;
        } else if (c == '/' && i + 1 < text.size() && text[i + 1] == '*') {
            auto end = text.find("*/", i + 2);
            if (end == std::string_view::npos) break;  // unfinished: wait for more
            i = end + 1;
        } else if (c == ';') {
            if (!onlyComments(text.substr(start, i - start))) out.push_back({start, i});
            start = i + 1;
        }
    }
    if (rest) *rest = std::min(start, text.size());
    return out;
}

std::vector<std::string> takeStatements(std::string& buffer) {
    size_t rest = 0;
    std::vector<std::string> out;
    for (auto span : splitStatements(buffer, &rest))
        out.push_back(trim(buffer.substr(span.begin, span.end - span.begin)));
    buffer = buffer.substr(rest);
    // What is left after the last ';' is only a comment: nothing is pending.
    if (onlyComments(buffer)) buffer.clear();
    return out;
}

bool onlyComments(std::string_view text) {
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
        if (c == '/' && i + 1 < text.size() && text[i + 1] == '/') {
            while (i < text.size() && text[i] != '\n') ++i;
            continue;
        }
        if (c == '/' && i + 1 < text.size() && text[i + 1] == '*') {
            auto end = text.find("*/", i + 2);
            if (end == std::string_view::npos) return false;  // still open: more to come
            i = end + 1;
            continue;
        }
        return false;
    }
    return true;
}

int runShell(storage::GraphStore& store, std::istream& in, std::ostream& out, std::ostream& err,
             const ShellOptions& options) {
    if (options.interactive) {
        out << "kgraph shell on " << store.path() << " — :help for help, Ctrl-D to leave\n";
    }
    std::optional<InterruptHandler> onCtrlC;
    if (options.interactive) onCtrlC.emplace();
    Session session(store, out, err, options);
    if (options.interactive) {
        setCompletionWords(session.vocabulary(), kMetaCommands);
        setCompletionStore(&store);
    }
    session.runLines(in, options.interactive);
    if (options.interactive) setCompletionStore(nullptr);
    return session.failed() ? 1 : 0;
}

}  // namespace kgraph::cli
