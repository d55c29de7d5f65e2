#include "tests/tck/gherkin.h"

#include <fstream>

namespace kgraph::tck {

std::string trim(const std::string& s) {
    size_t b = s.find_first_not_of(" \t\r\n");
    size_t e = s.find_last_not_of(" \t\r\n");
    return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

std::vector<std::string> tableCells(const std::string& line) {
    std::vector<std::string> out;
    std::string t = trim(line);
    std::string cell;
    bool quoted = false;
    for (size_t i = 1; i < t.size(); ++i) {
        char c = t[i];
        if (c == '\\' && i + 1 < t.size()) {
            // Gherkin's escapes in table cells: \\ for \, \| for |, \n for a newline
            char e = t[++i];
            if (e == '\\' || e == '|') {
                cell += e;
            } else if (e == 'n') {
                cell += '\n';
            } else {
                cell += c;
                cell += e;
            }
            continue;
        }
        if (c == '\'') quoted = !quoted;
        if (c == '|' && !quoted) {
            out.push_back(trim(cell));
            cell.clear();
            continue;
        }
        cell += c;
    }
    return out;
}

namespace {

bool startsWith(const std::string& s, const char* p) { return s.rfind(p, 0) == 0; }

std::string substitute(std::string x, const std::vector<std::string>& keys,
                       const std::vector<std::string>& values) {
    for (size_t c = 0; c < keys.size() && c < values.size(); ++c) {
        std::string key = "<" + keys[c] + ">";
        for (size_t at = 0; (at = x.find(key, at)) != std::string::npos;) {
            x.replace(at, key.size(), values[c]);
            at += values[c].size();
        }
    }
    return x;
}

}  // namespace

std::vector<Scenario> readFeature(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::vector<std::string> lines;
    for (std::string l; std::getline(in, l);) lines.push_back(l);

    std::vector<Scenario> out;
    std::vector<Step> background;
    Scenario cur;
    enum class Mode { None, Background, Scenario, Outline } mode = Mode::None;
    bool outlineExpanded = false;
    auto finish = [&]() {
        if (mode == Mode::Scenario) out.push_back(cur);
        if (mode == Mode::Background) background = cur.steps;
        mode = Mode::None;
    };
    for (size_t i = 0; i < lines.size(); ++i) {
        std::string t = trim(lines[i]);
        if (t.empty() || t[0] == '#' || t[0] == '@') continue;
        int lineNo = static_cast<int>(i) + 1;
        if (startsWith(t, "Background:")) {
            finish();
            cur = Scenario{};
            mode = Mode::Background;
        } else if (startsWith(t, "Scenario Outline:") || startsWith(t, "Scenario Template:") ||
                   startsWith(t, "Scenario:") || startsWith(t, "Example:")) {
            finish();
            cur = Scenario{};
            cur.file = file.string();
            cur.line = lineNo;
            cur.name = trim(t.substr(t.find(':') + 1));
            cur.steps = background;
            mode = startsWith(t, "Scenario:") || startsWith(t, "Example:") ? Mode::Scenario
                                                                           : Mode::Outline;
            outlineExpanded = false;
        } else if (startsWith(t, "Examples:") || startsWith(t, "Scenarios:")) {
            if (mode != Mode::Outline) continue;
            Table rows;
            int firstRow = 0;
            while (i + 1 < lines.size()) {
                std::string n = trim(lines[i + 1]);
                if (n.empty() || n[0] == '#' || n[0] == '@') {
                    ++i;
                    continue;
                }
                if (n[0] != '|') break;
                ++i;
                if (rows.size() == 1 && firstRow == 0) firstRow = static_cast<int>(i) + 1;
                rows.push_back(tableCells(lines[i]));
            }
            for (size_t r = 1; r < rows.size(); ++r) {
                Scenario s = cur;
                s.line = firstRow + static_cast<int>(r) - 1;
                s.name =
                    substitute(s.name, rows[0], rows[r]) + " [example " + std::to_string(r) + "]";
                for (auto& st : s.steps) {
                    st.text = substitute(st.text, rows[0], rows[r]);
                    st.docString = substitute(st.docString, rows[0], rows[r]);
                    for (auto& row : st.table) {
                        for (auto& c : row) c = substitute(c, rows[0], rows[r]);
                    }
                }
                out.push_back(std::move(s));
            }
            outlineExpanded = true;
        } else if (mode == Mode::None || (mode == Mode::Outline && outlineExpanded)) {
            continue;  // Feature: line, its description, text after Examples
        } else if (startsWith(t, "Given ") || startsWith(t, "When ") || startsWith(t, "Then ") ||
                   startsWith(t, "And ") || startsWith(t, "But ") || startsWith(t, "* ")) {
            Step step;
            step.text = t;
            step.line = lineNo;
            // an attached docstring or table
            size_t j = i + 1;
            while (j < lines.size() && trim(lines[j]).empty()) ++j;
            if (j < lines.size() &&
                (startsWith(trim(lines[j]), "\"\"\"") || startsWith(trim(lines[j]), "```"))) {
                std::string fence = trim(lines[j]).substr(0, 3);
                size_t indent = lines[j].find_first_not_of(" \t");
                std::string text;
                for (j = j + 1; j < lines.size() && trim(lines[j]) != fence; ++j) {
                    const std::string& l = lines[j];
                    size_t cut = std::min(indent, l.find_first_not_of(" \t") == std::string::npos
                                                      ? l.size()
                                                      : l.find_first_not_of(" \t"));
                    text += l.substr(cut) + "\n";
                }
                step.docString = text;
                i = j;
            } else {
                while (i + 1 < lines.size() && startsWith(trim(lines[i + 1]), "|")) {
                    step.table.push_back(tableCells(lines[++i]));
                }
            }
            cur.steps.push_back(std::move(step));
        }
    }
    finish();
    return out;
}

}  // namespace kgraph::tck
