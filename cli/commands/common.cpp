#include <cstdlib>

#include "cli/commands/command.h"

#ifndef KGRAPH_MODEL_DIR
#define KGRAPH_MODEL_DIR "models"
#endif

namespace kgraph::cli {

std::string resolveDbPath(const std::string& flag) {
    if (!flag.empty()) return flag;
    if (const char* env = std::getenv("KGRAPH_DB"); env && *env) return env;
    return "kgraph.db";
}

void addDbOption(CLI::App& cmd, std::string& target) {
    cmd.add_option("--db", target, "Database directory (default: $KGRAPH_DB, else ./kgraph.db)");
}

std::string modelDir() {
    if (const char* env = std::getenv("KGRAPH_MODELS"); env && *env) return env;
    return KGRAPH_MODEL_DIR;
}

}  // namespace kgraph::cli
