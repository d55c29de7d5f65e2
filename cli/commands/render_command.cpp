// kgraph render QUERY -o FILE : draw a query's result through Graphviz.
#include <filesystem>
#include <iostream>

#include "cli/commands/command.h"
#include "cli/query_runner.h"
#include "engine/common/error.h"
#include "engine/render/graph_renderer.h"

namespace kgraph::cli {

namespace {

struct Options {
    std::string query;
    std::string db;
    std::string output;
    std::string format;
    std::string layout = "dot";
    size_t maxNodes = 300;
    std::vector<std::string> params;
    bool documents = false;
};

int runRender(const Options& o) {
    render::RenderOptions ro;
    ro.layout = o.layout;
    ro.maxNodes = o.maxNodes;
    ro.documents = o.documents;
    // The format follows the file's extension unless --format says otherwise.
    ro.format = o.format;
    if (ro.format.empty()) {
        std::string ext = std::filesystem::path(o.output).extension().string();
        ro.format = ext.size() > 1 ? ext.substr(1) : "svg";
    }
    query::Params params;
    for (const auto& p : o.params) params.insert(parseParam(p));
    auto store = openForQuery(resolveDbPath(o.db), o.query);
    query::QueryEngine engine(*store);
    auto result = engine.run(o.query, params);
    auto s = render::renderToFile(result, o.output, ro);
    std::cout << "drew " << s.nodes << " nodes and " << s.edges << " relationships to " << o.output
              << (s.truncated ? " (cut to --max-nodes)" : "") << "\n";
    return 0;
}

}  // namespace

void addRenderCommand(CLI::App& app, Action& action) {
    auto o = std::make_shared<Options>();
    auto* cmd =
        app.add_subcommand("render", "Draw the nodes, relationships and paths of a query's result");
    cmd->add_option("query", o->query, "The query text")->required();
    cmd->add_option("-o,--output", o->output, "Output file (.svg, .png, .pdf or .dot)")->required();
    addDbOption(*cmd, o->db);
    cmd->add_option("--format", o->format,
                    "svg, png, pdf or dot (default: from the file extension)");
    cmd->add_option("--layout", o->layout, "dot, neato, fdp, sfdp, circo or twopi (default: dot)");
    cmd->add_option("--max-nodes", o->maxNodes, "Draw at most this many nodes (default: 300)");
    cmd->add_flag("--documents", o->documents,
                  "Draw Document nodes too (default: only when the result has nothing else)");
    cmd->add_option("--param", o->params, "A parameter name=value (repeatable)")
        ->allow_extra_args(false);
    cmd->footer(
        "Example: kgraph render --db news.kg \"MATCH path = (:Person {name: 'Kassym-Jomart "
        "Tokayev'})-[*1..2]-() "
        "RETURN path\" -o tokayev.svg");
    cmd->callback([o, &action] { action = [o] { return runRender(*o); }; });
}

}  // namespace kgraph::cli
