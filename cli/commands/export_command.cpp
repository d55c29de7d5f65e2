// kgraph export --format nt|nq|ttl|jsonl|csv|graphml|dot : the graph in a standard format.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands/command.h"
#include "engine/common/error.h"
#include "engine/export/csv_writer.h"
#include "engine/export/dot_writer.h"
#include "engine/export/graphml_writer.h"
#include "engine/export/jsonl_writer.h"
#include "engine/export/ntriples_writer.h"
#include "engine/export/turtle_writer.h"
#include "storage/graph_store.h"

namespace kgraph::cli {

namespace {

struct Options {
    std::string db;
    std::string format = "nt";
    std::string output;
    std::string baseIri = "urn:kgraph:";
};

void finish(std::ostream& out, const std::string& what) {
    out.flush();
    if (!out) throw Error("could not write all of " + what + " (disk full?)");
}

std::ofstream openFile(const std::string& path) {
    std::ofstream file(path, std::ios::binary);
    if (!file) throw Error("cannot write " + path);
    return file;
}

// CSV: two files, nodes.csv and relationships.csv, in the directory -o names
// (made if missing). Without -o there is no single stream to write both to.
void exportCsv(storage::GraphView& r, const std::string& output) {
    namespace fs = std::filesystem;
    if (output.empty() || output == "-") {
        throw Error(
            "--format csv writes two files (nodes.csv and relationships.csv): name a directory "
            "with -o, e.g. kgraph export --format csv -o neo4j/",
            Error::Kind::Usage);
    }
    if (fs::exists(output) && !fs::is_directory(output)) {
        throw Error("-o " + output +
                        " is a file; --format csv writes nodes.csv and relationships.csv into a "
                        "directory: name one (it is made if missing)",
                    Error::Kind::Usage);
    }
    fs::create_directories(output);
    auto nodes = openFile((fs::path(output) / "nodes.csv").string());
    auto rels = openFile((fs::path(output) / "relationships.csv").string());
    exporter::writeCsv(r, nodes, rels);
    finish(nodes, "nodes.csv");
    finish(rels, "relationships.csv");
}

// Refuses an output path inside the database directory (`-o DB/CURRENT` overwrote the file
// that makes the directory a database). Paths compare after resolving links and dots.
void refuseOutputInside(const std::string& output, const std::string& db) {
    namespace fs = std::filesystem;
    if (output.empty() || output == "-") return;
    std::error_code ec;
    fs::path dbDir = fs::weakly_canonical(db, ec);
    if (ec) return;
    fs::path out = fs::weakly_canonical(output, ec);
    if (ec) return;
    auto [d, o] = std::mismatch(dbDir.begin(), dbDir.end(), out.begin(), out.end());
    if (d == dbDir.end()) {
        throw Error("will not write the export to " + output + ": it is inside the database " + db +
                    ", whose files it would overwrite; choose a path outside it");
    }
}

int runExport(const Options& o) {
    static const char* kFormats[] = {"nt", "nq", "ttl", "jsonl", "csv", "graphml", "dot"};
    if (std::find(std::begin(kFormats), std::end(kFormats), o.format) == std::end(kFormats)) {
        throw Error(
            "unknown export format '" + o.format + "'; use nt, nq, ttl, jsonl, csv, graphml or dot",
            Error::Kind::Usage);
    }
    auto store = storage::GraphStore::open(resolveDbPath(o.db),
                                           {.readOnly = true, .createIfMissing = false});
    refuseOutputInside(o.output, store->path());
    auto r = store->read();
    if (o.format == "csv") {
        exportCsv(*r, o.output);
        return 0;
    }
    std::ofstream file;
    if (!o.output.empty()) file = openFile(o.output);
    std::ostream& out = o.output.empty() ? std::cout : file;
    exporter::NTriplesOptions rdf{.baseIri = o.baseIri};
    if (o.format == "nt") {
        exporter::writeNTriples(*r, out, rdf);
    } else if (o.format == "nq") {
        exporter::writeNQuads(*r, out, rdf);
    } else if (o.format == "ttl") {
        exporter::writeTurtle(*r, out, rdf);
    } else if (o.format == "jsonl") {
        exporter::writeJsonl(*r, out);
    } else if (o.format == "graphml") {
        exporter::writeGraphml(*r, out);
    } else {
        exporter::writeDot(*r, out);
    }
    finish(out, "the export");
    return 0;
}

}  // namespace

void addExportCommand(CLI::App& app, Action& action) {
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("export", "Write the graph in a standard format");
    addDbOption(*cmd, o->db);
    cmd->add_option("--format", o->format,
                    "nt (N-Triples, default), nq (N-Quads), ttl (Turtle), jsonl, csv "
                    "(neo4j-admin), graphml, dot");
    cmd->add_option("-o,--output", o->output,
                    "Output file (default: standard output); for csv (required) a directory that "
                    "gets nodes.csv and relationships.csv");
    cmd->add_option("--base-iri", o->baseIri, "Prefix of minted IRIs (default: urn:kgraph:)");
    cmd->footer(
        "Examples:\n  kgraph export --db news.kg --format nt > news.nt\n"
        "  kgraph export --db news.kg --format csv -o neo4j/");
    cmd->callback([o, &action] { action = [o] { return runExport(*o); }; });
}

}  // namespace kgraph::cli
