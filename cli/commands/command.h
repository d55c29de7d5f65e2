// How a subcommand of `kgraph` is registered: each commands/*.cpp adds its
// CLI11 subcommand to the app and, when that subcommand is chosen, stores
// the action to run. main() runs it inside the one try/catch that turns a
// kgraph::Error into a message and an exit code.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <memory>
#include <string>

namespace kgraph::cli {

// Returns the process exit code.
using Action = std::function<int()>;

// The database directory: the --db flag if given, else $KGRAPH_DB, else ./kgraph.db.
std::string resolveDbPath(const std::string& flag);
// Adds the --db option every database command has.
void addDbOption(CLI::App& cmd, std::string& target);
// The models folder: $KGRAPH_MODELS, else <prefix>/share/kgraph/models or models/ beside
// an installed binary, else the source tree's models/ this binary was built from.
std::string modelDir();

void addBuildCommand(CLI::App& app, Action& action);
void addQueryCommand(CLI::App& app, Action& action);
void addRenderCommand(CLI::App& app, Action& action);
void addShellCommand(CLI::App& app, Action& action);
void addExportCommand(CLI::App& app, Action& action);
void addStatsCommand(CLI::App& app, Action& action);
void addExtractCommand(CLI::App& app, Action& action);
// train tagger|parser, parse, evaluate parser
void addNlpCommands(CLI::App& app, Action& action);
// train entities, evaluate entities (after addNlpCommands, which adds `train`, `evaluate`)
void addEntityCommands(CLI::App& app, Action& action);
// evaluate relations (a subcommand of `evaluate`)
void addEvaluateRelationsCommand(CLI::App& evaluate, Action& action);
void addCheckCommand(CLI::App& app, Action& action);
void addImportCommand(CLI::App& app, Action& action);

}  // namespace kgraph::cli
