// End-to-end: the `kgraph` program on the five sample articles, as a user runs it.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/process.h"
#include "tests/temp_dir.h"

namespace {

namespace fs = std::filesystem;

using kgraph::testing::CommandRun;
using kgraph::testing::quote;
using kgraph::testing::slurp;

class SamplesE2ETest : public ::testing::Test {
protected:
    CommandRun kgraph(const std::vector<std::string>& args, const std::string& stdinText = "") {
        std::string cmd = quote(KGRAPH_BINARY);
        for (const auto& a : args) cmd += " " + quote(a);
        return kgraph::testing::runCommand(cmd, dir_.path(), stdinText);
    }
    std::string db() const { return dir_.sub("news.kg"); }
    std::string samples() const { return std::string(KGRAPH_SOURCE_DIR) + "/samples"; }
    void buildSamples() {
        auto r = kgraph({"build", samples(), "--db", db()});
        ASSERT_EQ(r.exit, 0) << r.err;
    }

    kgraph::testing::TempDir dir_;
};

TEST_F(SamplesE2ETest, BuildIsAtomicPerDocumentAndIdempotent) {
    auto first = kgraph({"build", samples(), "--db", db()});
    ASSERT_EQ(first.exit, 0) << first.err;
    EXPECT_NE(first.out.find("documents: 5 added, 0 replaced, 0 unchanged, 0 skipped"),
              std::string::npos)
        << first.out;
    auto second = kgraph({"build", samples(), "--db", db()});
    ASSERT_EQ(second.exit, 0) << second.err;
    EXPECT_NE(second.out.find("0 added, 0 replaced, 5 unchanged"), std::string::npos) << second.out;
    auto docs = kgraph(
        {"query", "--db", db(), "--format", "csv", "MATCH (d:Document) RETURN count(d) AS n"});
    EXPECT_EQ(docs.out, "n\n5\n");
}

TEST_F(SamplesE2ETest, QueryAnswersFromStorage) {
    buildSamples();
    auto r = kgraph({"query", "--db", db(), "--format", "csv",
                     "MATCH (a)-[r]->(b) WHERE a.name = 'China' AND type(r) <> 'MENTIONED_IN' "
                     "RETURN a.name, type(r), b.name LIMIT 5"});
    ASSERT_EQ(r.exit, 0) << r.err;
    std::istringstream lines(r.out);
    std::string line;
    std::getline(lines, line);
    EXPECT_EQ(line, "a.name,type(r),b.name");
    int rows = 0;
    while (std::getline(lines, line)) {
        EXPECT_EQ(line.rfind("China,", 0), 0u) << line;
        ++rows;
    }
    EXPECT_GE(rows, 1);
    EXPECT_LE(rows, 5);
}

TEST_F(SamplesE2ETest, TimingLineForBenchmarks) {
    buildSamples();
    auto r = kgraph({"query", "--db", db(), "--repeat", "3", "--timing", "--format", "csv",
                     "MATCH (d:Document) RETURN d.id ORDER BY d.id"});
    ASSERT_EQ(r.exit, 0) << r.err;
    EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 6);  // printed once
    EXPECT_NE(r.err.find("{\"timing\": {\"runs\": 3, \"median_ms\": "), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("\"rows\": 5}}"), std::string::npos) << r.err;
}

TEST_F(SamplesE2ETest, SyntaxErrorShowsLineColumnAndCaret) {
    buildSamples();
    auto r = kgraph({"query", "--db", db(), "MATCH (n) RETRN n"});
    EXPECT_EQ(r.exit, 1);
    EXPECT_NE(r.err.find("line 1, column 11"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("MATCH (n) RETRN n\n          ^"), std::string::npos) << r.err;
}

TEST_F(SamplesE2ETest, RenderDrawsTheResultThroughGraphviz) {
    buildSamples();
    std::string svg = dir_.sub("kz.svg");
    auto r = kgraph(
        {"render", "--db", db(),
         "MATCH p = (k {name: 'Kazakhstan'})-[r]-() WHERE type(r) <> 'MENTIONED_IN' RETURN p", "-o",
         svg});
    ASSERT_EQ(r.exit, 0) << r.err;
    std::string text = slurp(svg);
    EXPECT_NE(text.find("<svg"), std::string::npos);
    EXPECT_NE(text.find("Kazakhstan"), std::string::npos);
}

TEST_F(SamplesE2ETest, ExportsNTriplesDeterministically) {
    buildSamples();
    auto a = kgraph({"export", "--db", db(), "--format", "nt"});
    auto b = kgraph({"export", "--db", db(), "--format", "nt"});
    ASSERT_EQ(a.exit, 0) << a.err;
    EXPECT_EQ(a.out, b.out);
    EXPECT_NE(a.out.find("<urn:kgraph:entity/Country/Kazakhstan> "
                         "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
                         "<urn:kgraph:type/Country> ."),
              std::string::npos);
    std::istringstream lines(a.out);
    std::string line;
    while (std::getline(lines, line)) ASSERT_TRUE(line.ends_with(" .")) << line;
}

TEST_F(SamplesE2ETest, ShellRunsTheExampleQueries) {
    buildSamples();
    auto r = kgraph({"shell", "--db", db(), "--read-only"}, slurp(samples() + "/queries.cypher"));
    ASSERT_EQ(r.exit, 0) << r.err;
    EXPECT_NE(r.out.find("000_3fe61547a4889c3a.txt"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("5 rows"), std::string::npos) << r.out;
}

TEST_F(SamplesE2ETest, BadFilesAreNamedAndSkipped) {
    fs::create_directories(dir_.path() / "in");
    std::ofstream(dir_.path() / "in" / "good.txt") << "Title\n\nChina supports Kazakhstan.\n";
    std::ofstream(dir_.path() / "in" / "binary.txt", std::ios::binary) << std::string(
        "\x7f"
        "ELF\0\0",
        6);
    std::ofstream(dir_.path() / "in" / "latin1.txt") << "caf\xe9\n";
    std::ofstream(dir_.path() / "in" / "empty.txt");
    std::ofstream(dir_.path() / "in" / "queries.cypher")
        << "MATCH (n) RETURN n;\n";  // not a document
    auto r = kgraph({"build", (dir_.path() / "in").string(), "--db", db()});
    ASSERT_EQ(r.exit, 0) << r.err;
    EXPECT_NE(r.out.find("2 added, 0 replaced, 0 unchanged, 2 skipped"), std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("binary.txt: looks like a binary file"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("latin1.txt: not valid UTF-8"), std::string::npos) << r.out;
}

TEST_F(SamplesE2ETest, ParsePrintsConllu) {
    auto r = kgraph({"parse", "-"}, "Russia deployed combat troops.\n");
    ASSERT_EQ(r.exit, 0) << r.err;
    EXPECT_NE(r.out.find("# text = Russia deployed combat troops."), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("1\tRussia\tRussia\tPROPN\tNNP\t_\t2\tnsubj"), std::string::npos) << r.out;
    EXPECT_EQ(kgraph({"train", "tagger"}).exit, 2);  // --train, --dev and -o are required
}

TEST_F(SamplesE2ETest, ExitCodes) {
    EXPECT_EQ(kgraph({"--help"}).exit, 0);
    EXPECT_EQ(kgraph({"query", "--help"}).exit, 0);
    EXPECT_EQ(kgraph({"frobnicate"}).exit, 2);
    EXPECT_EQ(kgraph({"query", "--db", db(), "--format", "xml", "RETURN 1"}).exit, 2);
    auto missing = kgraph({"query", "--db", dir_.sub("nothing-here"), "MATCH (n) RETURN n"});
    EXPECT_EQ(missing.exit, 1);
    EXPECT_NE(missing.err.find("no kgraph database at"), std::string::npos) << missing.err;
    EXPECT_FALSE(fs::exists(dir_.sub("nothing-here")));
}

}  // namespace
