// kgraph export --format nt : the graph as triples.
#include <fstream>
#include <iostream>

#include "cli/commands/command.h"
#include "engine/common/error.h"
#include "engine/export/ntriples_writer.h"
#include "storage/graph_store.h"

namespace kgraph::cli {

namespace {

struct Options {
    std::string db;
    std::string format = "nt";
    std::string output;
    std::string baseIri = "urn:kgraph:";
};

int runExport(const Options& o) {
    if (o.format != "nt") {
        throw Error("export format '" + o.format + "' is not supported yet; use --format nt", Error::Kind::Usage);
    }
    auto store = storage::GraphStore::open(resolveDbPath(o.db), {.readOnly = true, .createIfMissing = false});
    auto r = store->read();
    std::ofstream file;
    if (!o.output.empty()) {
        file.open(o.output, std::ios::binary);
        if (!file) throw Error("cannot write " + o.output);
    }
    std::ostream& out = o.output.empty() ? std::cout : file;
    exporter::writeNTriples(*r, out, {.baseIri = o.baseIri});
    out.flush();
    if (!out) throw Error("could not write all of the export (disk full?)");
    return 0;
}

}  // namespace

void addExportCommand(CLI::App& app, Action& action) {
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("export", "Write the graph as triples");
    addDbOption(*cmd, o->db);
    cmd->add_option("--format", o->format, "nt (N-Triples)");
    cmd->add_option("-o,--output", o->output, "Output file (default: standard output)");
    cmd->add_option("--base-iri", o->baseIri, "Prefix of minted IRIs (default: urn:kgraph:)");
    cmd->footer("Example: kgraph export --db news.kg --format nt > news.nt");
    cmd->callback([o, &action] { action = [o] { return runExport(*o); }; });
}

}  // namespace kgraph::cli
