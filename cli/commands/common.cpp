#include <cstdlib>
#include <filesystem>

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
    // An installed binary: <prefix>/bin/kgraph finds <prefix>/share/kgraph/models (the
    // install rule in CMakeLists.txt), or a models/ folder beside it (an unpacked archive).
    std::error_code ec;
    std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        for (const auto& dir : {exe.parent_path().parent_path() / "share" / "kgraph" / "models",
                                exe.parent_path() / "models"}) {
            if (std::filesystem::is_directory(dir, ec)) return dir.string();
        }
    }
    // A binary in its build tree: the source tree's models.
    return KGRAPH_MODEL_DIR;
}

}  // namespace kgraph::cli
