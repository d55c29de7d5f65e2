#include "cli/query_runner.h"

#include "engine/common/error.h"

namespace kgraph::cli {

bool mayWrite(std::string_view text) { return query::mayWrite(text); }

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
