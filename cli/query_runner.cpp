#include "cli/query_runner.h"

#include <cctype>

#include "engine/common/error.h"

namespace kgraph::cli {

bool mayWrite(std::string_view text) {
    static const char* kWords[] = {"CREATE", "MERGE", "SET", "DELETE", "REMOVE", "DETACH"};
    std::string word;
    auto check = [&] {
        for (const char* w : kWords) {
            if (word == w) return true;
        }
        return false;
    };
    for (size_t i = 0; i <= text.size(); ++i) {
        char c = i < text.size() ? text[i] : ' ';
        if (c == '\'' || c == '"' || c == '`') {  // skip a quoted string or name
            char q = c;
            for (++i; i < text.size() && text[i] != q; ++i) {
                if (text[i] == '\\') ++i;
            }
            word.clear();
            continue;
        }
        if (c == '/' && i + 1 < text.size() && text[i + 1] == '/') {
            while (i < text.size() && text[i] != '\n') ++i;
            word.clear();
            continue;
        }
        if (c == '/' && i + 1 < text.size() && text[i + 1] == '*') {
            auto end = text.find("*/", i + 2);
            i = end == std::string_view::npos ? text.size() : end + 1;
            word.clear();
            continue;
        }
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') {
            word.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
        } else {
            if (check()) return true;
            word.clear();
        }
    }
    return false;
}

std::unique_ptr<storage::GraphStore> openForQuery(const std::string& dbPath,
                                                  std::string_view text) {
    storage::OpenOptions options;
    options.readOnly = !mayWrite(text);
    options.createIfMissing = !options.readOnly;
    return storage::GraphStore::open(dbPath, options);
}

std::pair<std::string, query::Value> parseParam(const std::string& spec) {
    auto eq = spec.find('=');
    if (eq == std::string::npos || eq == 0) {
        throw Error("--param takes name=value, e.g. --param name='Wang Yi'; got '" + spec + "'",
                    Error::Kind::Usage);
    }
    std::string name = spec.substr(0, eq), raw = spec.substr(eq + 1);
    try {
        return {name, query::parseLiteral(raw)};
    } catch (const Error&) {
        return {name, query::Value(raw)};
    }
}

}  // namespace kgraph::cli
