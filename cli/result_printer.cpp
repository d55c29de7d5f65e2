#include "cli/result_printer.h"

#include <nlohmann/json.hpp>

#include "engine/common/error.h"

namespace kgraph::cli {

namespace {

using query::Value;
using Json = nlohmann::ordered_json;

// Columns a code point takes on a terminal: 0 for combining marks, 2 for East
// Asian wide and fullwidth characters and emoji, else 1 (a small wcwidth
// that does not depend on the locale).
size_t codePointWidth(char32_t c) {
    if ((c >= 0x300 && c <= 0x36f) || (c >= 0x200b && c <= 0x200f) || c == 0xfe0f) return 0;
    bool wide = (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0x303e) ||
                (c >= 0x3041 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) ||
                (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) ||
                (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) ||
                (c >= 0x1f300 && c <= 0x1f64f) || (c >= 0x1f900 && c <= 0x1f9ff) ||
                (c >= 0x20000 && c <= 0x3fffd);
    return wide ? 2 : 1;
}

// The code point starting at s[i] (UTF-8; a stray byte counts as itself) and its length.
std::pair<char32_t, size_t> decode(std::string_view s, size_t i) {
    auto b = static_cast<unsigned char>(s[i]);
    size_t len = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    if (i + len > s.size()) return {b, 1};
    char32_t c = len == 4 ? b & 0x07 : len == 3 ? b & 0x0f : len == 2 ? b & 0x1f : b;
    for (size_t k = 1; k < len; ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3f);
    return {c, len};
}

// Display width of a UTF-8 string on a terminal.
size_t displayWidth(std::string_view s) {
    size_t n = 0;
    for (size_t i = 0; i < s.size();) {
        auto [c, len] = decode(s, i);
        n += codePointWidth(c);
        i += len;
    }
    return n;
}

// Cuts `s` to at most `width` columns, ending with "…" if it was cut.
std::string cut(const std::string& s, size_t width) {
    if (displayWidth(s) <= width) return s;
    std::string out;
    size_t cols = 0;
    for (size_t i = 0; i < s.size();) {
        auto [c, len] = decode(s, i);
        size_t w = codePointWidth(c);
        if (cols + w + 1 > width) break;  // keep a column for the ellipsis
        cols += w;
        out.append(s, i, len);
        i += len;
    }
    return out + "…";
}

}  // namespace

std::string printable(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x20 && c != '\n' && c != '\t') {
            out += "\xE2\x90";  // U+2400 + c: the Unicode "control picture" of c
            out.push_back(static_cast<char>(0x80 + c));
        } else if (c == 0x7F) {
            out += "\xE2\x90\xA1";  // U+2421 SYMBOL FOR DELETE
        } else if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
                   static_cast<unsigned char>(s[i + 1]) <= 0x9F) {
            out += "\xEF\xBF\xBD";  // a C1 control (U+0080..U+009F, e.g. CSI): U+FFFD
            ++i;
        } else {
            out.push_back(static_cast<char>(c));
        }
    }
    return out;
}

namespace {

std::string oneLine(std::string s) {
    for (auto& c : s) {
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    }
    return s;
}

Json toJson(const Value& v);

Json mapToJson(const query::ValueMap& m) {
    Json j = Json::object();
    for (const auto& [k, v] : m) j[k] = toJson(v);
    return j;
}

Json nodeJson(const query::NodeValue& n) {
    return Json{{"id", n.id}, {"labels", n.labels}, {"properties", mapToJson(n.properties)}};
}

Json relJson(const query::RelationshipValue& r) {
    return Json{{"id", r.id},
                {"type", r.type},
                {"start", r.src},
                {"end", r.dst},
                {"properties", mapToJson(r.properties)}};
}

Json toJson(const Value& v) {
    switch (v.type()) {
        case Value::Type::Null:
            return nullptr;
        case Value::Type::Bool:
            return v.asBool();
        case Value::Type::Int:
            return v.asInt();
        case Value::Type::Float:
            return v.asFloat();
        case Value::Type::String:
            return v.asString();
        case Value::Type::List: {
            Json j = Json::array();
            for (const auto& e : v.asList()) j.push_back(toJson(e));
            return j;
        }
        case Value::Type::Map:
            return mapToJson(v.asMap());
        case Value::Type::Node:
            return nodeJson(v.asNode());
        case Value::Type::Relationship:
            return relJson(v.asRelationship());
        case Value::Type::Path: {
            Json nodes = Json::array(), rels = Json::array();
            for (const auto& n : v.asPath().nodes) nodes.push_back(nodeJson(n));
            for (const auto& r : v.asPath().relationships) rels.push_back(relJson(r));
            return Json{{"nodes", nodes}, {"relationships", rels}};
        }
    }
    return nullptr;
}

std::string csvField(const std::string& s) {
    if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out.push_back('"');
        out.push_back(c);
    }
    return out + "\"";
}

// The text of a table cell: as cellText, but null is NULL.
std::string tableCell(const Value& v) { return v.isNull() ? "NULL" : cellText(v); }

// The rows a table shows: all, or the first and last half of `maxRows` with an
// elision marker (npos) between.
std::vector<size_t> shownRows(size_t rows, size_t maxRows) {
    std::vector<size_t> out;
    if (maxRows == 0 || rows <= maxRows) {
        for (size_t i = 0; i < rows; ++i) out.push_back(i);
        return out;
    }
    size_t head = (maxRows + 1) / 2, tail = maxRows - head;
    for (size_t i = 0; i < head; ++i) out.push_back(i);
    out.push_back(std::string::npos);
    for (size_t i = rows - tail; i < rows; ++i) out.push_back(i);
    return out;
}

void printTable(const query::QueryResult& r, std::ostream& out, const PrintOptions& options) {
    const size_t n = r.columns.size();
    const size_t maxCell = options.maxCellWidth;
    if (n == 0) {
        out << "(no columns)\n";
        return;
    }
    auto shown = shownRows(r.rows.size(), options.maxRows);
    std::vector<std::vector<std::string>> cells;  // empty for the elision row
    std::vector<size_t> width(n);
    // Right-aligned: columns of numbers (nulls aside); text, and columns of only nulls, left.
    std::vector<bool> number(n, false), other(n, false);
    for (size_t c = 0; c < n; ++c) width[c] = displayWidth(cut(printable(r.columns[c]), maxCell));
    for (size_t i : shown) {
        std::vector<std::string> line;
        if (i != std::string::npos) {
            const auto& row = r.rows[i];
            for (size_t c = 0; c < n && c < row.size(); ++c) {
                line.push_back(cut(printable(oneLine(tableCell(row[c]))), maxCell));
                width[c] = std::max(width[c], displayWidth(line.back()));
                if (row[c].isNumber()) {
                    number[c] = true;
                } else if (!row[c].isNull()) {
                    other[c] = true;
                }
            }
        }
        cells.push_back(std::move(line));
    }
    // Fit the terminal: narrow the widest column, one column at a time, down to 5.
    if (options.maxWidth) {
        auto total = [&] {
            size_t t = 1;
            for (size_t w : width) t += w + 3;
            return t;
        };
        while (total() > options.maxWidth) {
            size_t widest = std::max_element(width.begin(), width.end()) - width.begin();
            if (width[widest] <= 5) break;
            --width[widest];
        }
    }
    auto rule = [&](const char* l, const char* m, const char* r2) {
        out << l;
        for (size_t c = 0; c < n; ++c) {
            for (size_t i = 0; i < width[c] + 2; ++i) out << "─";
            out << (c + 1 < n ? m : r2);
        }
        out << '\n';
    };
    auto line = [&](const std::vector<std::string>& v, bool header) {
        out << "│";
        for (size_t c = 0; c < n; ++c) {
            std::string s = c < v.size() ? cut(v[c], width[c]) : "";
            if (v.empty()) s = "⋮";
            size_t pad = width[c] - std::min(width[c], displayWidth(s));
            bool right = number[c] && !other[c] && !header && !v.empty();
            bool bold = header && options.colour;
            out << ' ' << (right ? std::string(pad, ' ') : "") << (bold ? "\x1b[1m" : "") << s
                << (bold ? "\x1b[0m" : "") << (right ? "" : std::string(pad, ' ')) << " │";
        }
        out << '\n';
    };
    rule("┌", "┬", "┐");
    std::vector<std::string> header;
    for (const auto& c : r.columns) header.push_back(cut(printable(c), maxCell));
    line(header, true);
    rule("├", "┼", "┤");
    for (const auto& row : cells) line(row, false);
    rule("└", "┴", "┘");
}

// A GitHub-flavoured markdown table: '|' in cells escaped, numbers right-aligned.
void printMarkdown(const query::QueryResult& r, std::ostream& out) {
    auto field = [](const std::string& s) {
        std::string o;
        for (char c : oneLine(s)) {
            if (c == '|') o += '\\';
            o += c;
        }
        return o;
    };
    const size_t n = r.columns.size();
    std::vector<bool> number(n, false), other(n, false);
    for (const auto& row : r.rows) {
        for (size_t c = 0; c < n && c < row.size(); ++c) {
            if (row[c].isNumber()) {
                number[c] = true;
            } else if (!row[c].isNull()) {
                other[c] = true;
            }
        }
    }
    out << "|";
    for (const auto& c : r.columns) out << ' ' << field(c) << " |";
    out << "\n|";
    for (size_t c = 0; c < n; ++c) out << (number[c] && !other[c] ? " ---: |" : " --- |");
    out << '\n';
    for (const auto& row : r.rows) {
        out << "|";
        for (size_t c = 0; c < n; ++c)
            out << ' ' << (c < row.size() ? field(tableCell(row[c])) : "") << " |";
        out << '\n';
    }
}

// A path by its nodes' names: (Xi Jinping)-[:meet]->(Wang Yi).
std::string compactPath(const query::PathValue& p) {
    auto node = [](const query::NodeValue& n) {
        for (const char* key : {"name", "title", "id"}) {
            auto it = n.properties.find(key);
            if (it != n.properties.end() && it->second.isString())
                return "(" + it->second.asString() + ")";
        }
        return n.labels.empty() ? "(#" + std::to_string(n.id) + ")" : "(:" + n.labels[0] + ")";
    };
    std::string out;
    for (size_t i = 0; i < p.nodes.size(); ++i) {
        if (i > 0 && i - 1 < p.relationships.size()) {
            const auto& rel = p.relationships[i - 1];
            bool forward = rel.src == p.nodes[i - 1].id;
            out += (forward ? "-[:" : "<-[:") + rel.type + (forward ? "]->" : "]-");
        }
        out += node(p.nodes[i]);
    }
    return out;
}

}  // namespace

OutputFormat parseOutputFormat(const std::string& name) {
    if (name == "table") return OutputFormat::Table;
    if (name == "csv") return OutputFormat::Csv;
    if (name == "tsv") return OutputFormat::Tsv;
    if (name == "json") return OutputFormat::Json;
    if (name == "jsonl") return OutputFormat::Jsonl;
    if (name == "markdown" || name == "md") return OutputFormat::Markdown;
    throw Error(
        "unknown output format '" + name + "'; use table, csv, tsv, json, jsonl or markdown",
        Error::Kind::Usage);
}

std::string outputFormatName(OutputFormat format) {
    switch (format) {
        case OutputFormat::Table:
            return "table";
        case OutputFormat::Csv:
            return "csv";
        case OutputFormat::Tsv:
            return "tsv";
        case OutputFormat::Json:
            return "json";
        case OutputFormat::Jsonl:
            return "jsonl";
        case OutputFormat::Markdown:
            return "markdown";
    }
    return "table";
}

std::string cellText(const Value& v) {
    if (v.isString()) return v.asString();
    if (v.isNull()) return "";
    if (v.type() == Value::Type::Path) return compactPath(v.asPath());
    return query::formatValue(v);
}

void printResult(const query::QueryResult& r, std::ostream& out, const PrintOptions& options) {
    switch (options.format) {
        case OutputFormat::Table:
            printTable(r, out, options);
            break;
        case OutputFormat::Markdown:
            printMarkdown(r, out);
            break;
        case OutputFormat::Csv:
        case OutputFormat::Tsv: {
            bool csv = options.format == OutputFormat::Csv;
            auto field = [&](const std::string& s) {
                return csv ? csvField(printable(s)) : printable(oneLine(s));
            };
            char sep = csv ? ',' : '\t';
            for (size_t c = 0; c < r.columns.size(); ++c)
                out << (c ? std::string(1, sep) : "") << field(r.columns[c]);
            out << '\n';
            for (const auto& row : r.rows) {
                for (size_t c = 0; c < row.size(); ++c)
                    out << (c ? std::string(1, sep) : "") << field(cellText(row[c]));
                out << '\n';
            }
            break;
        }
        case OutputFormat::Json:
        case OutputFormat::Jsonl: {
            bool lines = options.format == OutputFormat::Jsonl;
            Json all = Json::array();
            for (const auto& row : r.rows) {
                Json obj = Json::object();
                for (size_t c = 0; c < r.columns.size() && c < row.size(); ++c)
                    obj[r.columns[c]] = toJson(row[c]);
                if (lines) {
                    out << obj.dump(-1, ' ', false, Json::error_handler_t::replace) << '\n';
                } else {
                    all.push_back(std::move(obj));
                }
            }
            if (!lines) out << all.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
            break;
        }
    }
}

}  // namespace kgraph::cli
