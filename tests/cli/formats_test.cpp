// `kgraph export` in every format on the sample articles, checked by the real
// readers where they are installed (Raptor's rapper, NetworkX).
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <vector>

#include "tests/process.h"
#include "tests/temp_dir.h"

namespace {

namespace fs = std::filesystem;

using kgraph::testing::CommandRun;
using kgraph::testing::quote;
using kgraph::testing::slurp;

size_t lines(const std::string& s) {
    return static_cast<size_t>(std::count(s.begin(), s.end(), '\n'));
}

bool haveTool(const std::string& check) {
    return std::system((check + " >/dev/null 2>&1").c_str()) == 0;
}

class FormatsTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new kgraph::testing::TempDir();
        auto r = run(quote(KGRAPH_BINARY) + " build " +
                     quote(std::string(KGRAPH_SOURCE_DIR) + "/samples") + " --db " + quote(db()));
        ASSERT_EQ(r.exit, 0) << r.err;
    }
    static void TearDownTestSuite() {
        delete dir_;
        dir_ = nullptr;
    }
    static std::string db() { return dir_->sub("news.kg"); }
    // Runs a shell command line, capturing its output.
    static CommandRun run(const std::string& cmdLine) {
        return kgraph::testing::runCommand(cmdLine, dir_->path());
    }
    // Exports to a file in the temp dir and returns its path.
    static std::string exportTo(const std::string& format, const std::string& name) {
        std::string path = dir_->sub(name);
        auto r = run(quote(KGRAPH_BINARY) + " export --db " + quote(db()) + " --format " + format +
                     " -o " + quote(path));
        EXPECT_EQ(r.exit, 0) << r.err;
        return path;
    }
    static size_t count(const std::string& cypher) {
        auto r = run(quote(KGRAPH_BINARY) + " query --db " + quote(db()) + " --format csv " +
                     quote(cypher));
        EXPECT_EQ(r.exit, 0) << r.err;
        auto nl = r.out.find('\n');
        return static_cast<size_t>(std::stoul(r.out.substr(nl + 1)));
    }

    static kgraph::testing::TempDir* dir_;
};

kgraph::testing::TempDir* FormatsTest::dir_ = nullptr;

TEST_F(FormatsTest, EveryFormatIsByteDeterministic) {
    for (std::string f : {"nt", "nq", "ttl", "jsonl", "graphml", "dot"}) {
        auto a = slurp(exportTo(f, "a." + f)), b = slurp(exportTo(f, "b." + f));
        EXPECT_FALSE(a.empty()) << f;
        EXPECT_EQ(a, b) << f;
    }
    std::string a = exportTo("csv", "a_csv"), b = exportTo("csv", "b_csv");
    for (std::string file : {"/nodes.csv", "/relationships.csv"}) {
        EXPECT_FALSE(slurp(a + file).empty()) << file;
        EXPECT_EQ(slurp(a + file), slurp(b + file)) << file;
    }
}

// Issue 21: CSV is two files; without -o there is nowhere to put them.
TEST_F(FormatsTest, CsvWithoutOutputDirectoryIsRefused) {
    auto r = run(quote(KGRAPH_BINARY) + " export --db " + quote(db()) + " --format csv");
    EXPECT_EQ(r.exit, 2);
    EXPECT_EQ(r.out, "");
    EXPECT_NE(r.err.find("--format csv writes two files (nodes.csv and relationships.csv): name "
                         "a directory with -o"),
              std::string::npos)
        << r.err;
    std::string file = dir_->sub("plain_file");
    std::ofstream(file) << "x";
    auto f = run(quote(KGRAPH_BINARY) + " export --db " + quote(db()) + " --format csv -o " +
                 quote(file));
    EXPECT_EQ(f.exit, 2);
    EXPECT_NE(f.err.find("is a file"), std::string::npos) << f.err;
}

TEST_F(FormatsTest, StdoutMatchesFileAndUnknownFormatIsAUsageError) {
    auto r = run(quote(KGRAPH_BINARY) + " export --db " + quote(db()) + " --format jsonl");
    ASSERT_EQ(r.exit, 0) << r.err;
    EXPECT_EQ(r.out, slurp(exportTo("jsonl", "s.jsonl")));
    auto bad = run(quote(KGRAPH_BINARY) + " export --db " + quote(db()) + " --format xml");
    EXPECT_NE(bad.exit, 0);
    EXPECT_NE(bad.err.find("unknown export format"), std::string::npos) << bad.err;
}

TEST_F(FormatsTest, JsonlHasOneLinePerFactWithMentions) {
    auto text = slurp(exportTo("jsonl", "f.jsonl"));
    EXPECT_EQ(lines(text),
              count("MATCH ()-[r]->() WHERE type(r) <> 'MENTIONED_IN' RETURN count(r)") +
                  count("MATCH (d:Document) RETURN count(d)"));
    std::istringstream in(text);
    std::string line;
    bool facts = false;
    while (std::getline(in, line)) {
        // The documents come first, each with its properties.
        if (!facts && line.rfind("{\"document\":", 0) == 0) {
            EXPECT_NE(line.find("\"title\":"), std::string::npos) << line;
            continue;
        }
        facts = true;
        ASSERT_EQ(line.rfind("{\"subject\":", 0), 0u) << line;
        EXPECT_NE(line.find("\"mentions\":[{\"doc\":"), std::string::npos) << line;
    }
}

TEST_F(FormatsTest, CsvDirectoryHasNeo4jAdminHeaders) {
    std::string dir = dir_->sub("csv") + "/";
    auto r = run(quote(KGRAPH_BINARY) + " export --db " + quote(db()) + " --format csv -o " +
                 quote(dir));
    ASSERT_EQ(r.exit, 0) << r.err;
    auto nodes = slurp(dir + "nodes.csv"), rels = slurp(dir + "relationships.csv");
    EXPECT_EQ(nodes.rfind(":ID,:LABEL,", 0), 0u) << nodes.substr(0, 100);
    EXPECT_EQ(rels.rfind(":START_ID,:END_ID,:TYPE", 0), 0u) << rels.substr(0, 100);
    EXPECT_EQ(lines(nodes) - 1, count("MATCH (n) RETURN count(n)"));
    EXPECT_EQ(lines(rels) - 1, count("MATCH ()-[r]->() RETURN count(r)"));
}

TEST_F(FormatsTest, RapperParsesNTriplesNQuadsAndTurtle) {
    if (!haveTool("rapper --version"))
        GTEST_SKIP() << "rapper not installed (Debian package raptor2-utils)";
    size_t triples = lines(slurp(exportTo("nt", "v.nt")));
    ASSERT_GT(triples, 0u);
    for (auto [format, parser] : {std::pair<std::string, std::string>{"nt", "ntriples"},
                                  {"nq", "nquads"},
                                  {"ttl", "turtle"}}) {
        std::string path = exportTo(format, "v." + format);
        auto r = run("rapper -i " + parser + " -c " + quote(path));
        EXPECT_EQ(r.exit, 0) << format << ": " << r.err;
        EXPECT_EQ(r.err.find("Error"), std::string::npos) << format << ": " << r.err;
        EXPECT_EQ(r.err.find("Warning"), std::string::npos) << format << ": " << r.err;
        EXPECT_NE(r.err.find("returned " + std::to_string(triples) + " triples"), std::string::npos)
            << format << ": " << r.err;
    }
}

// Issue 21: MENTIONED_IN is in the RDF (which documents mention an entity,
// with or without facts), dates are typed, and no statement is written twice
// (two facts that differ only in negation or modality share their triple).
TEST_F(FormatsTest, RdfHasMentionedInTypedDatesAndNoDuplicateStatements) {
    std::string nt = slurp(exportTo("nt", "dup.nt"));
    std::vector<std::string> statements;
    std::istringstream in(nt);
    std::string line;
    size_t mentionedIn = 0, dates = 0, dateTimes = 0;
    while (std::getline(in, line)) {
        statements.push_back(line);
        if (line.find("> <urn:kgraph:rel/MENTIONED_IN> <urn:kgraph:doc/") != std::string::npos)
            ++mentionedIn;
        if (line.find("<urn:kgraph:prop/date> \"") != std::string::npos) {
            EXPECT_NE(line.find("\"^^<http://www.w3.org/2001/XMLSchema#date> ."), std::string::npos)
                << line;
            ++dates;
        }
        if (line.find("<urn:kgraph:prop/published> \"") != std::string::npos) {
            EXPECT_NE(line.find(":00\"^^<http://www.w3.org/2001/XMLSchema#dateTime> ."),
                      std::string::npos)
                << line;
            ++dateTimes;
        }
    }
    EXPECT_EQ(mentionedIn, count("MATCH ()-[r:MENTIONED_IN]->() RETURN count(r)"));
    EXPECT_EQ(dateTimes, count("MATCH (d:Document) WHERE d.published IS NOT NULL RETURN count(d)"));
    EXPECT_GT(dates, 0u);
    std::sort(statements.begin(), statements.end());
    auto dup = std::adjacent_find(statements.begin(), statements.end());
    EXPECT_TRUE(dup == statements.end()) << "written twice: " << *dup;
    // The same facts are still all there: one reification per relationship.
    size_t reified = static_cast<size_t>(
        std::count_if(statements.begin(), statements.end(), [](const std::string& s) {
            return s.find(
                       "> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
                       "<http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement> .") !=
                   std::string::npos;
        }));
    EXPECT_EQ(reified, count("MATCH ()-[r]->() RETURN count(r)"));
}

TEST_F(FormatsTest, NetworkxReadsGraphmlWithSameCounts) {
    if (!haveTool("python3 -c 'import networkx'"))
        GTEST_SKIP() << "NetworkX not installed (python3-networkx)";
    std::string path = exportTo("graphml", "v.graphml");
    auto r = run("python3 -c " +
                 quote("import sys, networkx as nx\n"
                       "g = nx.read_graphml(sys.argv[1], force_multigraph=True)\n"
                       "print(g.number_of_nodes(), g.number_of_edges())") +
                 " " + quote(path));
    ASSERT_EQ(r.exit, 0) << r.err;
    EXPECT_EQ(r.out, std::to_string(count("MATCH (n) RETURN count(n)")) + " " +
                         std::to_string(count("MATCH ()-[r]->() RETURN count(r)")) + "\n");
}

TEST_F(FormatsTest, DotHasEveryNodeAndEdge) {
    if (!haveTool("dot -V")) GTEST_SKIP() << "Graphviz dot not installed";
    std::string path = exportTo("dot", "v.dot");
    auto r = run("dot -Tcanon " + quote(path));
    EXPECT_EQ(r.exit, 0) << r.err;
    EXPECT_NE(r.out.find("->"), std::string::npos);
}

// Loads kgraph's CSV export into Kùzu with the statements docs/formats.md
// gives (the schema from the neo4j-admin header: `:ID` -> `kg_id INT64` primary
// key, `:LABEL` -> `kg_labels`, `:TYPE` -> `kg_type`, `KEY:TYPE` -> `KEY` typed
// long INT64, double DOUBLE, boolean BOOLEAN, else STRING) and prints
// "NODES RELATIONSHIPS", then the relationships into Kazakhstan by type.
constexpr const char* kKuzuLoad =
    R"JS(// Loads kgraph's CSV export into Kùzu as docs/formats.md says.
const path = require("path"), fs = require("fs");
const [peerDir, csvDir, dbDir] = process.argv.slice(2);
const kuzu = require(path.join(peerDir, "node_modules", "kuzu"));
const types = { long: "INT64", double: "DOUBLE", boolean: "BOOLEAN" };
function columns(file, skip) {
  const header = fs.readFileSync(file, "utf8").split("\n")[0].split(",");
  return header.slice(skip).map((h) => {
    if (h === ":ID") return "kg_id INT64";
    if (h === ":LABEL") return "kg_labels STRING";
    if (h === ":TYPE") return "kg_type STRING";
    const c = h.lastIndexOf(":");
    return "`" + h.slice(0, c) + "` " + (types[h.slice(c + 1)] || "STRING");
  });
}
(async () => {
  const db = new kuzu.Database(dbDir);
  const conn = new kuzu.Connection(db);
  const nodes = path.join(csvDir, "nodes.csv"), rels = path.join(csvDir, "relationships.csv");
  const statements = [
    `CREATE NODE TABLE Node(${columns(nodes, 0).join(", ")}, PRIMARY KEY(kg_id))`,
    `CREATE REL TABLE Rel(FROM Node TO Node, ${columns(rels, 2).join(", ")})`,
    `COPY Node FROM '${nodes}' (HEADER=true, PARALLEL=false)`,
    `COPY Rel FROM '${rels}' (HEADER=true, PARALLEL=false)`,
  ];
  for (const s of statements) await conn.query(s);
  const n = await (await conn.query("MATCH (n:Node) RETURN count(n) AS c")).getAll();
  const r = await (await conn.query("MATCH ()-[r:Rel]->() RETURN count(r) AS c")).getAll();
  console.log(`${n[0].c} ${r[0].c}`);
  const k = await (await conn.query(
      "MATCH (a:Node)-[r:Rel]->(b:Node {name: 'Kazakhstan'}) RETURN r.kg_type AS t, count(*) AS c " +
      "ORDER BY t")).getAll();
  for (const row of k) console.log(`${row.t},${row.c}`);
})().catch((e) => { console.error(String(e)); process.exit(1); });
)JS";

TEST_F(FormatsTest, KuzuLoadsTheCsvWithTheSameCounts) {
    const char* env = std::getenv("KGRAPH_PEERS");
    const char* home = std::getenv("HOME");
    std::string peers = env ? env : std::string(home ? home : "") + "/.cache/kgraph-peers";
    if (!fs::exists(peers + "/node_modules/kuzu/kuzujs.node") || !haveTool("node --version")) {
        GTEST_SKIP() << "Kùzu not installed: run ../shared/bench/install_peers.sh (skipped where "
                        "../shared is absent)";
    }
    std::string dir = dir_->sub("kuzu-csv") + "/";
    auto r = run(quote(KGRAPH_BINARY) + " export --db " + quote(db()) + " --format csv -o " +
                 quote(dir));
    ASSERT_EQ(r.exit, 0) << r.err;
    std::string script = dir_->sub("kuzu_load.js");
    std::ofstream(script) << kKuzuLoad;
    auto k = run("node " + quote(script) + " " + quote(peers) + " " + quote(dir) + " " +
                 quote(dir_->sub("kuzu.db")));
    ASSERT_EQ(k.exit, 0) << k.err;
    auto byType = run(quote(KGRAPH_BINARY) + " query --db " + quote(db()) + " --format csv " +
                      quote("MATCH (a)-[r]->(b {name: 'Kazakhstan'}) RETURN type(r) AS t, "
                            "count(*) AS c ORDER BY t"));
    EXPECT_EQ(k.out, std::to_string(count("MATCH (n) RETURN count(n)")) + " " +
                         std::to_string(count("MATCH ()-[r]->() RETURN count(r)")) + "\n" +
                         byType.out.substr(byType.out.find('\n') + 1));
}

// Loads kgraph's N-Quads into Oxigraph and prints, for the mentions (each
// in a GRAPH): "MENTIONS IN_THEIR_DOCUMENTS_GRAPH OTHERS", then the documents
// whose graphs say they mention Kazakhstan, then the datatypes of
// `published` and of fact dates.
constexpr const char* kOxigraphQuery =
    R"JS(const path = require("path"), fs = require("fs");
const [peerDir, file] = process.argv.slice(2);
const ox = require(path.join(peerDir, "node_modules", "oxigraph"));
const store = new ox.Store();
store.load(fs.readFileSync(file, "utf8"), { format: "application/n-quads" });
const p = "urn:kgraph:prop/";
let right = 0, wrong = 0;
const mentions = store.query(`SELECT ?d ?g WHERE { GRAPH ?g { ?m <${p}doc> ?d } }`);
for (const b of mentions) { if (b.get("g").value === b.get("d").value) ++right; else ++wrong; }
console.log(`${mentions.length} ${right} ${wrong}`);
const docs = store.query(`SELECT DISTINCT ?g WHERE { GRAPH ?g {
  <urn:kgraph:entity/Country/Kazakhstan> <urn:kgraph:rel/MENTIONED_IN> ?d } } ORDER BY ?g`);
console.log(docs.map((b) => b.get("g").value.replace("urn:kgraph:doc/", "")).join(" "));
const types = store.query(`SELECT DISTINCT ?t WHERE {
  { GRAPH ?g { ?d <${p}published> ?v } } UNION { ?f <${p}date> ?v } BIND(DATATYPE(?v) AS ?t) } ORDER BY ?t`);
console.log(types.map((b) => b.get("t").value).join(" "));
)JS";

// Issue 21: every mention is in its own document's graph (not in the graph
// of the fact's first document), MENTIONED_IN says which documents mention an
// entity, dates are typed.
TEST_F(FormatsTest, OxigraphFindsTheDocumentOfEveryMentionByGraph) {
    const char* env = std::getenv("KGRAPH_PEERS");
    const char* home = std::getenv("HOME");
    std::string peers = env ? env : std::string(home ? home : "") + "/.cache/kgraph-peers";
    if (!fs::exists(peers + "/node_modules/oxigraph") || !haveTool("node --version")) {
        GTEST_SKIP() << "Oxigraph not installed: run ../shared/bench/install_peers.sh (skipped "
                        "where ../shared is absent)";
    }
    std::string nq = exportTo("nq", "oxigraph.nq");
    std::string script = dir_->sub("oxigraph_query.js");
    std::ofstream(script) << kOxigraphQuery;
    auto o = run("node " + quote(script) + " " + quote(peers) + " " + quote(nq));
    ASSERT_EQ(o.exit, 0) << o.err;
    // As many mentions as the JSONL export lists, every one in its document's graph.
    size_t mentions = 0;
    std::istringstream jsonl(slurp(exportTo("jsonl", "oxigraph.jsonl")));
    std::string line;
    while (std::getline(jsonl, line)) {
        for (size_t at = line.find("{\"doc\":"); at != std::string::npos;
             at = line.find("{\"doc\":", at + 1))
            ++mentions;
    }
    ASSERT_GT(mentions, 0u);
    auto docs = run(quote(KGRAPH_BINARY) + " query --db " + quote(db()) + " --format csv " +
                    quote("MATCH ({name: 'Kazakhstan'})-[:MENTIONED_IN]->(d) RETURN d.id "
                          "ORDER BY d.id"));
    std::string ids;
    std::istringstream rows(docs.out);
    std::getline(rows, line);
    while (std::getline(rows, line)) ids += (ids.empty() ? "" : " ") + line;
    EXPECT_EQ(o.out, std::to_string(mentions) + " " + std::to_string(mentions) + " 0\n" + ids +
                         "\nhttp://www.w3.org/2001/XMLSchema#date "
                         "http://www.w3.org/2001/XMLSchema#dateTime\n");
}

TEST_F(FormatsTest, JsonlRoundTripGivesIdenticalBytes) {
    std::string first = exportTo("jsonl", "rt1.jsonl");
    std::string copy = dir_->sub("copy.kg");
    auto r = run(quote(KGRAPH_BINARY) + " import --db " + quote(copy) + " --format jsonl " +
                 quote(first));
    ASSERT_EQ(r.exit, 0) << r.err;
    EXPECT_NE(r.out.find(" 0 bad lines skipped"), std::string::npos) << r.out;
    auto again = run(quote(KGRAPH_BINARY) + " export --db " + quote(copy) + " --format jsonl");
    ASSERT_EQ(again.exit, 0) << again.err;
    EXPECT_EQ(again.out, slurp(first));
}

// Issue 9, item 3 for RDF: kgraph's own N-Triples and N-Quads read back as
// the graph they came from (entities with their properties, facts with their
// ids, properties and mentions, documents), so a new export is identical.
TEST_F(FormatsTest, NTriplesAndNQuadsRoundTripGiveIdenticalBytes) {
    for (std::string format : {"nt", "nq"}) {
        SCOPED_TRACE(format);
        std::string first = exportTo(format, "rt1." + format);
        std::string copy = dir_->sub("copy_" + format + ".kg");
        auto r = run(quote(KGRAPH_BINARY) + " import --db " + quote(copy) + " --format " + format +
                     " " + quote(first));
        ASSERT_EQ(r.exit, 0) << r.err;
        size_t facts = count("MATCH ()-[r]->() WHERE type(r) <> 'MENTIONED_IN' RETURN count(r)");
        size_t docs = count("MATCH (d:Document) RETURN count(d)");
        EXPECT_NE(r.out.find("imported: " + std::to_string(facts) + " facts (" +
                             std::to_string(docs) + " source documents), 0 bad lines skipped"),
                  std::string::npos)
            << r.out;
        auto again =
            run(quote(KGRAPH_BINARY) + " export --db " + quote(copy) + " --format " + format);
        ASSERT_EQ(again.exit, 0) << again.err;
        EXPECT_EQ(again.out, slurp(first));
        // The same graph, not only the same RDF: the JSONL (every fact with
        // both entities' properties and its mentions) agrees too.
        auto jsonl = run(quote(KGRAPH_BINARY) + " export --db " + quote(copy) + " --format jsonl");
        EXPECT_EQ(jsonl.out, slurp(exportTo("jsonl", "rt_ref.jsonl")));
    }
}

// Names and values no IRI or literal can hold as they are: quotes,
// backslashes, newlines, tabs, control characters, '/', '%', '<>', non-Latin
// scripts; numbers at their limits; a one-element list. A bad line in between
// is reported with file:line and skipped.
TEST_F(FormatsTest, NTriplesRoundTripKeepsHostileNames) {
    std::string jsonl = dir_->sub("hostile.jsonl");
    std::ofstream(jsonl)
        << R"({"subject":{"label":"Pers on/ä","name":"Mr \"Q\" \\ back\nslash\t<x>%41/é 日本","properties":{"aliases":["Mr \"Q\" \\ back\nslash\t<x>%41/é 日本","Q\u0001"],"height":1e300,"age":-42,"alive":true,"tiny":5e-324}},"predicate":"meet s/%","object":{"label":"Concept","name":"{}|^`","properties":{"aliases":["{}|^`"]}},"properties":{"confidence":0.1,"negated":false,"sources":["d/1 é"],"text":"line\r\nbreak"},"mentions":[{"doc":"d/1 é","sentence":3,"begin":7,"end":99,"text":"said \"hi\"\\"},{"doc":"日本.txt","sentence":1,"begin":0,"end":5,"text":""}]})"
        << "\n"
        << R"({"subject":{"label":"Concept","name":"{}|^`","properties":{"aliases":["{}|^`"]}},"predicate":"meet s/%","object":{"label":"Concept","name":"{}|^`","properties":{"aliases":["{}|^`"]}},"properties":{},"mentions":[]})"
        << "\n";
    std::string src = dir_->sub("hostile.kg");
    auto r = run(quote(KGRAPH_BINARY) + " import --db " + quote(src) + " --format jsonl " +
                 quote(jsonl));
    ASSERT_EQ(r.exit, 0) << r.err;
    auto first = run(quote(KGRAPH_BINARY) + " export --db " + quote(src) + " --format nt");
    ASSERT_EQ(first.exit, 0) << first.err;
    std::string nt = dir_->sub("hostile.nt");
    std::ofstream(nt) << first.out << "<urn:kgraph:entity/Concept/\\u12> <urn:kgraph:rel/x> "
                      << "<urn:kgraph:entity/Concept/y> .\n";
    std::string copy = dir_->sub("hostile_copy.kg");
    r = run(quote(KGRAPH_BINARY) + " import --db " + quote(copy) + " --format nt " + quote(nt));
    ASSERT_EQ(r.exit, 0) << r.err;
    EXPECT_NE(r.out.find("imported: 2 facts (2 source documents), 1 bad lines skipped"),
              std::string::npos)
        << r.out;
    EXPECT_NE(
        r.err.find(nt + ":" + std::to_string(lines(first.out) + 1) + ": bad escape in an IRI"),
        std::string::npos)
        << r.err;
    auto again = run(quote(KGRAPH_BINARY) + " export --db " + quote(copy) + " --format nt");
    EXPECT_EQ(again.out, first.out);
    // Raptor reads every RDF export of these names with no error or warning.
    if (haveTool("rapper --version")) {
        for (auto [format, parser] : {std::pair<std::string, std::string>{"nt", "ntriples"},
                                      {"nq", "nquads"},
                                      {"ttl", "turtle"}}) {
            std::string path = dir_->sub("hostile_out." + format);
            auto e = run(quote(KGRAPH_BINARY) + " export --db " + quote(copy) + " --format " +
                         format + " -o " + quote(path));
            ASSERT_EQ(e.exit, 0) << e.err;
            auto r2 = run("rapper -i " + parser + " -c " + quote(path));
            EXPECT_EQ(r2.exit, 0) << format << ": " << r2.err;
            EXPECT_EQ(r2.err.find("Error"), std::string::npos) << format << ": " << r2.err;
            EXPECT_EQ(r2.err.find("Warning"), std::string::npos) << format << ": " << r2.err;
        }
    }
    auto a = run(quote(KGRAPH_BINARY) + " export --db " + quote(src) + " --format jsonl");
    auto b = run(quote(KGRAPH_BINARY) + " export --db " + quote(copy) + " --format jsonl");
    EXPECT_EQ(b.out, a.out);
    for (const auto& [db, out] : {std::pair{src, dir_->sub("hostile_csv")},
                                  std::pair{copy, dir_->sub("hostile_copy_csv")}}) {
        auto c = run(quote(KGRAPH_BINARY) + " export --db " + quote(db) + " --format csv -o " +
                     quote(out));
        ASSERT_EQ(c.exit, 0) << c.err;
    }
    for (std::string file : {"/nodes.csv", "/relationships.csv"}) {
        EXPECT_EQ(slurp(dir_->sub("hostile_copy_csv") + file),
                  slurp(dir_->sub("hostile_csv") + file))
            << file;
    }
    // An escaped IRI from another tool: \u00E9 is the é of the name.
    std::string foreign = dir_->sub("escaped.nt");
    std::ofstream(foreign) << "<http://x/caf\\u00E9> <http://x/near> <http://x/b> .\n";
    std::string fdb = dir_->sub("escaped.kg");
    r = run(quote(KGRAPH_BINARY) + " import --db " + quote(fdb) + " --format nt " + quote(foreign));
    ASSERT_EQ(r.exit, 0) << r.err;
    auto q = run(quote(KGRAPH_BINARY) + " query --db " + quote(fdb) + " --format csv " +
                 quote("MATCH (a)-[:near]->() RETURN a.name"));
    EXPECT_EQ(q.out, "a.name\nhttp://x/café\n") << q.err;
}

// Issue 9, item 5: the samples extracted in two shards (round robin, as
// `split -n r/2` deals them) by separate `kgraph extract --documents` processes,
// merged by one `kgraph import --format jsonl` of the shards (in reverse order),
// export the same bytes as the single-process `kgraph build` of the same files.
TEST_F(FormatsTest, ShardedExtractMergeEqualsBuild) {
    std::vector<std::string> files;
    for (const auto& e : fs::directory_iterator(std::string(KGRAPH_SOURCE_DIR) + "/samples")) {
        if (e.path().extension() == ".txt") files.push_back(e.path().string());
    }
    std::sort(files.begin(), files.end());
    ASSERT_GE(files.size(), 3u);
    std::string shards[2];
    for (size_t i = 0; i < files.size(); ++i) shards[i % 2] += " " + quote(files[i]);
    std::string paths;
    for (int k : {1, 0}) {
        std::string out = dir_->sub("shard" + std::to_string(k) + ".jsonl");
        auto r = run(quote(KGRAPH_BINARY) + " extract --documents --format jsonl" + shards[k] +
                     " > " + quote(out));
        ASSERT_EQ(r.exit, 0) << r.err;
        paths += " " + quote(out);
    }
    std::string merged = dir_->sub("merged.kg");
    auto r =
        run(quote(KGRAPH_BINARY) + " import --db " + quote(merged) + " --format jsonl" + paths);
    ASSERT_EQ(r.exit, 0) << r.err;
    EXPECT_NE(r.out.find(" 0 bad lines skipped"), std::string::npos) << r.out;
    for (std::string f : {"jsonl", "nq", "ttl", "graphml", "dot"}) {
        auto m = run(quote(KGRAPH_BINARY) + " export --db " + quote(merged) + " --format " + f);
        ASSERT_EQ(m.exit, 0) << m.err;
        std::string built = slurp(exportTo(f, "built." + f));
        EXPECT_FALSE(built.empty()) << f;
        EXPECT_TRUE(m.out == built) << f << ": the merge differs from build (" << m.out.size()
                                    << " against " << built.size() << " bytes)";
    }
    // Document nodes too (not in every export format): title, date, sentences, path.
    auto docs = [&](const std::string& db) {
        auto q = run(quote(KGRAPH_BINARY) + " query --db " + quote(db) +
                     " --format csv 'MATCH (d:Document) RETURN d ORDER BY d.id'");
        EXPECT_EQ(q.exit, 0) << q.err;
        return q.out;
    };
    EXPECT_EQ(docs(merged), docs(db()));
    // Importing the same shards again changes nothing.
    auto again =
        run(quote(KGRAPH_BINARY) + " import --db " + quote(merged) + " --format jsonl" + paths);
    ASSERT_EQ(again.exit, 0) << again.err;
    auto m = run(quote(KGRAPH_BINARY) + " export --db " + quote(merged) + " --format jsonl");
    EXPECT_TRUE(m.out == slurp(exportTo("jsonl", "built.jsonl")));
}

TEST_F(FormatsTest, TsvImportReportsBadLinesAndStrictCommitsNothing) {
    std::string tsv = dir_->sub("in.tsv");
    std::ofstream(tsv) << "# comment\nChina\tborder\tKazakhstan\t0.9\tdoc1\nbad line\n"
                          "A\tb\tC\t2\tdoc1\n\nXi Jinping\tvisit\tAstana\n";
    std::string strictDb = dir_->sub("strict.kg");
    auto strict = run(quote(KGRAPH_BINARY) + " import --db " + quote(strictDb) +
                      " --format tsv --strict " + quote(tsv));
    EXPECT_NE(strict.exit, 0);
    EXPECT_NE(strict.err.find(tsv + ":3: expected 3, 5, 9 or 10 tab-separated columns"),
              std::string::npos)
        << strict.err;
    EXPECT_NE(strict.err.find(tsv + ":4: confidence '2'"), std::string::npos) << strict.err;
    auto empty = run(quote(KGRAPH_BINARY) + " query --db " + quote(strictDb) + " --format csv " +
                     quote("MATCH (n) RETURN count(n)"));
    EXPECT_EQ(empty.out, "count(n)\n0\n") << empty.err;

    std::string lenientDb = dir_->sub("lenient.kg");
    auto ok = run(quote(KGRAPH_BINARY) + " import --db " + quote(lenientDb) + " --format tsv " +
                  quote(tsv));
    ASSERT_EQ(ok.exit, 0) << ok.err;
    EXPECT_NE(ok.out.find("imported: 2 facts (2 source documents), 2 bad lines skipped"),
              std::string::npos)
        << ok.out;
    auto facts = run(quote(KGRAPH_BINARY) + " query --db " + quote(lenientDb) + " --format csv " +
                     quote("MATCH (a)-[r:border|visit]->(b) RETURN a.name, type(r), b.name, "
                           "r.confidence ORDER BY a.name"));
    EXPECT_EQ(facts.out,
              "a.name,type(r),b.name,r.confidence\nChina,border,Kazakhstan,0.9\nXi "
              "Jinping,visit,Astana,1.0\n")
        << facts.err;
}

TEST_F(FormatsTest, ImportsNTriplesOfOtherToolsWithTypesAndLabels) {
    std::string nt = dir_->sub("foreign.nt");
    std::ofstream(nt)
        << "# DBpedia-style\n"
           "<http://dbpedia.org/resource/Astana> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
           "<http://dbpedia.org/ontology/City> .\n"
           "<http://dbpedia.org/resource/Astana> <http://www.w3.org/2000/01/rdf-schema#label> "
           "\"Astana\"@en .\n"
           "<http://dbpedia.org/resource/Kazakhstan> <http://www.w3.org/2000/01/rdf-schema#label> "
           "\"Kaz\\u00E1khstan \\\"KZ\\\"\" .\n"
           "<http://dbpedia.org/resource/Kazakhstan> <http://dbpedia.org/ontology/capital> "
           "<http://dbpedia.org/resource/Astana> .\n"
           "not a triple\n"
           "<> <http://x/p> <http://x/o> .\n";
    std::string ntDb = dir_->sub("foreign.kg");
    auto r =
        run(quote(KGRAPH_BINARY) + " import --db " + quote(ntDb) + " --format nt " + quote(nt));
    ASSERT_EQ(r.exit, 0) << r.err;
    EXPECT_NE(r.out.find("imported: 1 facts (1 source documents), 2 bad lines skipped"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.err.find(nt + ":6: unexpected character 'n'"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(nt + ":7: empty IRI"), std::string::npos) << r.err;
    auto q = run(quote(KGRAPH_BINARY) + " query --db " + quote(ntDb) + " --format csv " +
                 quote("MATCH (a)-[r:capital]->(b) RETURN labels(a), a.name, labels(b), b.name"));
    EXPECT_EQ(q.out,
              "labels(a),a.name,labels(b),b.name\n['Resource'],\"Kazákhstan "
              "\"\"KZ\"\"\",['City'],Astana\n")
        << q.err;
}

TEST_F(FormatsTest, JsonlImportReportsWrongTypesAsBadLines) {
    std::string jsonl = dir_->sub("bad.jsonl");
    std::ofstream(jsonl)
        << R"({"doc":"d","subject":{"name":"A","label":"Person"},"predicate":"meet","object":{"name":"B","label":"Person"}})"
        << "\n"
        << R"({"mentions":[{"doc":"d","sentence":"one"}],"subject":{"name":"A","label":"Person"},"predicate":"p","object":{"name":"B","label":"Person"}})"
        << "\n{broken\n"
        << R"({"doc":"d","subject":{"name":"A"},"predicate":"p","object":{"name":"B","label":"Person"}})"
        << "\n"
        << R"({"doc":"e","document":{"length":5,"sentences":[],"texts":{},"entities":[],"facts":[]}})"
        << "\n"
        << R"({"doc":"f","document":{"sha256":"x","length":5,"sentences":[[0,9]],"texts":{},"entities":[],"facts":[]}})"
        << "\n"
        << R"({"doc":"g","document":{"sha256":"x","length":5,"sentences":[[0,5]],"texts":{},"entities":[],"facts":[{"subject":0,"object":1}]}})"
        << "\n";
    auto r = run(quote(KGRAPH_BINARY) + " import --db " + quote(dir_->sub("bad.kg")) +
                 " --format jsonl " + quote(jsonl));
    ASSERT_EQ(r.exit, 0) << r.err;
    EXPECT_NE(r.out.find("imported: 1 facts (1 source documents), 6 bad lines skipped"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.err.find(jsonl + ":5: missing string \"sha256\""), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(jsonl + ":6: a sentence span lies outside the document"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find(jsonl + ":7: a fact names an entity the record does not have"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find(jsonl + ":2: "), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(jsonl + ":3: not a JSON object"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(jsonl + ":4: missing string \"label\""), std::string::npos) << r.err;
}

TEST_F(FormatsTest, ImportsFromStdinAndNTriplesFromExport) {
    std::string nt = exportTo("nt", "in.nt");
    std::string ntDb = dir_->sub("nt.kg");
    auto r = run("cat " + quote(nt) + " | " + quote(KGRAPH_BINARY) + " import --db " + quote(ntDb) +
                 " --format nt -");
    ASSERT_EQ(r.exit, 0) << r.err;
    size_t facts = count("MATCH ()-[r]->() WHERE type(r) <> 'MENTIONED_IN' RETURN count(r)");
    EXPECT_NE(r.out.find("imported: " + std::to_string(facts) + " facts"), std::string::npos)
        << r.out;
}

// Issue 21: a copy of the sample graph, for imports that must join it.
std::string copyOfSampleGraph(kgraph::testing::TempDir& dir, const std::string& name,
                              const std::string& from) {
    std::string copy = dir.sub(name);
    fs::copy(from, copy, fs::copy_options::recursive);
    fs::remove(copy + "/LOCK");
    return copy;
}

// Issue 21: triples from another tool about the sample entities (canonical
// names, aliases, other case, an acronym) join the entities of the graph.
TEST_F(FormatsTest, HandWrittenTriplesJoinTheSampleGraphWithoutDuplicates) {
    std::string copy = copyOfSampleGraph(*dir_, "joined.kg", db());
    std::string tsv = dir_->sub("hand.tsv");
    std::ofstream(tsv) << "Tokayev\trequest_help_from\tCSTO\t0.9\thand\n"
                          "Russia\tsend_troops_to\tKazakhstan\t0.8\thand\n"
                          "China\tsupport\tkazakhstan\t0.7\thand\n"
                          "President of Kazakhstan\tlead\tRepublic of Kazakhstan\t1\thand\n"
                          "Collective Security Treaty Organization\tinclude\tRussia\n"
                          "CSTO\tinclude\tKazakh\n"
                          "Chinese\tborder\tKazakhstan\n"
                          "Kassym-Jomart Tokayev\tthank\tChina\t0.6\thand\n";
    auto q = [&](const std::string& cypher) {
        auto r = run(quote(KGRAPH_BINARY) + " query --db " + quote(copy) + " --format csv " +
                     quote(cypher));
        EXPECT_EQ(r.exit, 0) << r.err;
        return r.out;
    };
    std::string entities = "MATCH (n) WHERE NOT n:Document RETURN count(n)";
    std::string before = q(entities);
    auto r =
        run(quote(KGRAPH_BINARY) + " import --db " + quote(copy) + " --format tsv " + quote(tsv));
    ASSERT_EQ(r.exit, 0) << r.err;
    EXPECT_NE(r.out.find("imported: 8 facts (2 source documents), 0 bad lines skipped"),
              std::string::npos)
        << r.out;
    EXPECT_EQ(q(entities), before) << "the import created entities";
    EXPECT_EQ(q("MATCH (a)-[r]->(b) WHERE r.sources = ['hand'] OR r.sources = ['" + tsv +
                "'] RETURN a.name, labels(a), type(r), b.name, r.evidence ORDER BY type(r)"),
              "a.name,labels(a),type(r),b.name,r.evidence\n"
              "China,['Country'],border,Kazakhstan,\n"
              "Collective Security Treaty Organization,['Organization'],include,Kazakhstan,\n"
              "Collective Security Treaty Organization,['Organization'],include,Russia,\n"
              "Kassym-Jomart Tokayev,['Person'],lead,Kazakhstan,\n"
              "Kassym-Jomart Tokayev,['Person'],request_help_from,Collective Security Treaty "
              "Organization,\n"
              "Russia,['Country'],send_troops_to,Kazakhstan,\n"
              "China,['Country'],support,Kazakhstan,\n"
              "Kassym-Jomart Tokayev,['Person'],thank,China,\n");
    // Documents get a node with a title, and the database stays consistent.
    EXPECT_EQ(q("MATCH (d:Document {id: 'hand'}) RETURN d.title"), "d.title\nhand\n");
    auto check = run(quote(KGRAPH_BINARY) + " check --db " + quote(copy));
    EXPECT_EQ(check.exit, 0) << check.out << check.err;
}

// Issue 21: `kgraph extract --format tsv` (nine columns) re-imports.
TEST_F(FormatsTest, ExtractTsvReimports) {
    std::string tsv = dir_->sub("extract.tsv");
    std::string files;
    for (const auto& f : fs::directory_iterator(std::string(KGRAPH_SOURCE_DIR) + "/samples")) {
        if (f.path().extension() == ".txt") files += " " + quote(f.path().string());
    }
    auto e = run(quote(KGRAPH_BINARY) + " extract --format tsv" + files + " > " + quote(tsv));
    ASSERT_EQ(e.exit, 0) << e.err;
    std::set<std::string> expected;
    std::istringstream in(slurp(tsv));
    std::string line;
    size_t rows = 0;
    while (std::getline(in, line)) {
        std::vector<std::string> cols;
        std::string col;
        std::istringstream cells(line);
        while (std::getline(cells, col, '\t')) cols.push_back(col);
        ASSERT_GE(cols.size(), 8u) << line;
        expected.insert(cols[0] + "," + cols[1] + "," + cols[2] + "," + cols[7]);
        ++rows;
    }
    ASSERT_GT(rows, 100u);
    std::string copy = dir_->sub("extract_tsv.kg");
    auto r = run("cat " + quote(tsv) + " | " + quote(KGRAPH_BINARY) + " import --db " +
                 quote(copy) + " --format tsv -");
    ASSERT_EQ(r.exit, 0) << r.err;
    EXPECT_NE(r.out.find("imported: " + std::to_string(rows) +
                         " facts (5 source documents), 0 "
                         "bad lines skipped"),
              std::string::npos)
        << r.out;
    auto q = run(quote(KGRAPH_BINARY) + " query --db " + quote(copy) + " --format csv " +
                 quote("MATCH (a)-[r]->(b) WHERE type(r) <> 'MENTIONED_IN' UNWIND r.sources AS d "
                       "RETURN a.name, type(r), b.name, d"));
    ASSERT_EQ(q.exit, 0) << q.err;
    std::set<std::string> got;
    std::istringstream out(q.out);
    std::getline(out, line);
    while (std::getline(out, line)) got.insert(line);
    // Names with commas are quoted by the CSV output; compare the rest.
    std::erase_if(expected, [](const std::string& k) {
        return std::count(k.begin(), k.end(), ',') != 3 || k.find('"') != std::string::npos;
    });
    std::erase_if(got, [](const std::string& k) { return k.find('"') != std::string::npos; });
    EXPECT_EQ(got, expected);
    auto check = run(quote(KGRAPH_BINARY) + " check --db " + quote(copy));
    EXPECT_EQ(check.exit, 0) << check.out << check.err;
}

// Issue 21: bad input is named with file:line where it enters; an input
// with no usable line exits 1 with nothing imported.
TEST_F(FormatsTest, ImportValidatesEveryLineAtEntry) {
    struct Case {
        std::string format, content, message;
        bool strict = false;
    };
    const std::string mention =
        R"({"subject":{"label":"Person","name":"A"},"predicate":"meet","object":{"label":"Person","name":"B"},"properties":{},"mentions":[)";
    const std::vector<Case> cases = {
        {"tsv",
         "\xEF\xBB\xBF"
         "A\tb\tC\n",
         ":1: the file starts with a byte-order mark"},
        {"tsv",
         "A\xFF"
         "\tb\tC\n",
         ":1: invalid UTF-8 at byte 2"},
        {"tsv", "A\tb\tC\tnan\td\n", ":1: confidence 'nan' is not a number between 0 and 1"},
        {"tsv", "A\tb\tC\t1.5\td\n", ":1: confidence '1.5' is not a number between 0 and 1"},
        {"tsv", "A\tb\tC\t0.5\tmaybe\t\t\td\t1\n", ":1: negated 'maybe' is not true or false"},
        {"tsv", "A\tb\tC\t0.5\tfalse\t\t\td\t-1\n", ":1: sentence '-1' is not a non-negative"},
        {"csv", "subject,predicate,object,confidence\nA,b,C,2\n",
         ":2: confidence '2' is not a number between 0 and 1"},
        {"jsonl", mention + R"({"doc":"d","sentence":-1}]})" + "\n",
         ":1: a mention's \"sentence\" is not a non-negative integer"},
        {"jsonl", mention + R"({"doc":"d","begin":9,"end":2}]})" + "\n",
         ":1: a mention begins after it ends"},
        {"jsonl",
         R"({"document":"d","properties":{}})"
         "\n" +
             mention + R"({"doc":"e"}]})" + "\n",
         ":2: a mention names document 'e', which neither the input nor the database has", true},
        {"jsonl",
         R"({"doc":"d","subject":{"name":"A","label":"Person"},"predicate":"p","object":{"name":"B","label":"Person"},"confidence":7})"
         "\n",
         ":1: confidence '7' is not a number between 0 and 1"},
        {"nt", "<http://x/a> <http://x/p> \"abc\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n",
         ":1: literal \"abc\" is not a valid xsd:integer"},
        {"nt", "<http://x/a> <http://x/p> \"\\uD800\" .\n",
         ":1: escape in a literal names no character"},
        {"nt", "<http://x/\\uD800> <http://x/p> <http://x/b> .\n",
         ":1: escape in an IRI names no character"},
    };
    int n = 0;
    for (const auto& c : cases) {
        SCOPED_TRACE(c.content);
        std::string file = dir_->sub("invalid" + std::to_string(++n) + "." + c.format);
        std::ofstream(file, std::ios::binary) << c.content;
        std::string target = dir_->sub("invalid" + std::to_string(n) + ".kg");
        auto r = run(quote(KGRAPH_BINARY) + " import --db " + quote(target) + " --format " +
                     c.format + (c.strict ? " --strict " : " ") + quote(file));
        EXPECT_EQ(r.exit, 1) << r.out;
        EXPECT_NE(r.err.find(file + c.message), std::string::npos) << r.err;
        EXPECT_NE(r.err.find("nothing imported"), std::string::npos) << r.err;
        auto q = run(quote(KGRAPH_BINARY) + " query --db " + quote(target) +
                     " --format csv 'MATCH (n) RETURN count(n)'");
        EXPECT_EQ(q.out, "count(n)\n0\n") << q.err;
    }
    // One usable line is enough for the lenient mode, not for --strict.
    std::string mixed = dir_->sub("mixed.tsv");
    std::ofstream(mixed) << "A\tb\tC\nA\tb\tC\tnan\td\n";
    auto lenient = run(quote(KGRAPH_BINARY) + " import --db " + quote(dir_->sub("mixed.kg")) +
                       " --format tsv " + quote(mixed));
    EXPECT_EQ(lenient.exit, 0) << lenient.err;
    auto strict = run(quote(KGRAPH_BINARY) + " import --db " + quote(dir_->sub("mixed2.kg")) +
                      " --format tsv --strict " + quote(mixed));
    EXPECT_EQ(strict.exit, 1) << strict.out;
}

// Issue 21: the CSV of triples, labels from its columns.
TEST_F(FormatsTest, CsvOfTriplesTakesLabelsAndJoinsTheGraph) {
    std::string copy = copyOfSampleGraph(*dir_, "csv_triples.kg", db());
    std::string csv = dir_->sub("triples.csv");
    std::ofstream(csv) << "subject,subject_label,predicate,object,object_label,confidence,source,"
                          "evidence\n"
                          "Tokayev,Person,visit,Astana,City,0.9,notes,\"Tokayev visited Astana, "
                          "\"\"the capital\"\".\"\n"
                          "Kazakhstan,Location,border,Russia,,,notes,\n";
    auto r =
        run(quote(KGRAPH_BINARY) + " import --db " + quote(copy) + " --format csv " + quote(csv));
    ASSERT_EQ(r.exit, 0) << r.err;
    auto q = run(quote(KGRAPH_BINARY) + " query --db " + quote(copy) + " --format csv " +
                 quote("MATCH (a)-[r:visit|border]->(b) WHERE r.sources = ['notes'] RETURN "
                       "labels(a), a.name, type(r), labels(b), b.name, r.confidence, r.evidence "
                       "ORDER BY type(r)"));
    EXPECT_EQ(q.out,
              "labels(a),a.name,type(r),labels(b),b.name,r.confidence,r.evidence\n"
              "['Country'],Kazakhstan,border,['Country'],Russia,1.0,\n"
              "['Person'],Kassym-Jomart Tokayev,visit,['City'],Astana,0.9,\"Tokayev visited "
              "Astana, \"\"the capital\"\".\"\n")
        << q.err;
}

// Issue 21: an export imported again is a database `kgraph check` accepts
// (every mention's document has its node and record, with its title).
TEST_F(FormatsTest, ExportImportedAgainPassesCheck) {
    for (std::string format : {"jsonl", "nt", "nq"}) {
        SCOPED_TRACE(format);
        std::string file = exportTo(format, "check." + format);
        std::string copy = dir_->sub("check_" + format + ".kg");
        auto r = run(quote(KGRAPH_BINARY) + " import --db " + quote(copy) + " --format " + format +
                     " " + quote(file));
        ASSERT_EQ(r.exit, 0) << r.err;
        auto check = run(quote(KGRAPH_BINARY) + " check --db " + quote(copy));
        EXPECT_EQ(check.exit, 0) << check.out << check.err;
        auto titles = [&](const std::string& db) {
            return run(quote(KGRAPH_BINARY) + " query --db " + quote(db) +
                       " --format csv 'MATCH (d:Document) RETURN d.id, d.title ORDER BY d.id'")
                .out;
        };
        EXPECT_EQ(titles(copy), titles(db()));
    }
}

}  // namespace
