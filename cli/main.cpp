// kgraph: build a knowledge graph from documents, query it, draw it.
#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

#include "cli/commands/command.h"
#include "cli/name_checker.h"
#include "engine/common/error.h"

int main(int argc, char** argv) {
    using namespace kgraph::cli;
    CLI::App app{
        "kgraph: knowledge graphs from English documents, queried in a language that follows "
        "openCypher syntax"};
    app.require_subcommand(1);
    app.set_version_flag("--version", "kgraph 0.1.0");
    app.footer("Run `kgraph COMMAND --help` for a command's options and an example.");
    Action action;
    addBuildCommand(app, action);
    addQueryCommand(app, action);
    addRenderCommand(app, action);
    addShellCommand(app, action);
    addExportCommand(app, action);
    addStatsCommand(app, action);
    addExtractCommand(app, action);
    addNlpCommands(app, action);
    addEntityCommands(app, action);
    addImportCommand(app, action);
    addCheckCommand(app, action);
    // A mistyped command: name it and the likely one (CLI11 would only say that a
    // subcommand is required).
    if (argc > 1 && argv[1][0] != '-') {
        std::vector<std::string> names;
        for (const auto* sub : app.get_subcommands([](const CLI::App*) { return true; }))
            names.push_back(sub->get_name());
        std::string word = argv[1];
        if (std::find(names.begin(), names.end(), word) == names.end()) {
            std::string hint = closestMatch(word, names);
            std::cerr << "error: unknown command '" << word << "'"
                      << (hint.empty() ? "" : "; did you mean '" + hint + "'?") << "\n"
                      << "Run `kgraph --help` for the list of commands.\n";
            return 2;
        }
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return 2;
    }
    try {
        return action ? action() : 0;
    } catch (const kgraph::Error& e) {
        std::cerr << "error: " << e.what() << "\n";
        return e.kind() == kgraph::Error::Kind::Usage ? 2 : 1;
    } catch (const std::bad_alloc&) {
        std::cerr << "error: out of memory\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "internal error: " << e.what() << "\n";
        return 1;
    }
}
