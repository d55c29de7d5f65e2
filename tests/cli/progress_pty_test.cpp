// Progress bars of `kgraph build` and `kgraph import` as a user sees them: on
// a terminal (a real pseudo-terminal, forkpty) a bar with rate and ETA, then
// the summary; with --quiet, or when standard error is not a terminal, only
// the summary.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <string>
#include <vector>

#include "tests/process.h"
#include "tests/pty_process.h"
#include "tests/temp_dir.h"

namespace {

using kgraph::testing::TempDir;

// Runs `kgraph ARGS...` on a pseudo-terminal until it exits; its exit code
// and everything the terminal showed (stdout and stderr).
struct PtyRun {
    int exit = -1;
    std::string output;
};
PtyRun runOnTerminal(const std::vector<std::string>& args) {
    kgraph::testing::PtyProcess p(KGRAPH_BINARY, args);
    if (!p.started()) return {};
    int exit = p.wait(std::chrono::seconds(120));
    return {exit, p.output()};
}

// A graph big enough for the bulk import to take several progress reports.
void writeGraph(const TempDir& dir) {
    std::ofstream nodes(dir.sub("nodes.csv")), edges(dir.sub("edges.csv"));
    nodes << "name,label\n";
    for (int i = 0; i < 20000; ++i) nodes << "entity " << i << ",Person\n";
    edges << "src,dst,type\n";
    for (int j = 0; j < 600000; ++j)
        edges << "entity " << j % 20000 << ",entity " << (j * 13 + 5) % 20000 << ",knows\n";
}

TEST(ProgressPtyTest, BulkImportShowsABarWithRateAndEtaOnATerminal) {
    TempDir dir;
    writeGraph(dir);
    auto run = runOnTerminal({"import", "--db", dir.sub("db"), "--nodes", dir.sub("nodes.csv"),
                              "--edges", dir.sub("edges.csv")});
    ASSERT_EQ(run.exit, 0) << run.output;
    EXPECT_NE(run.output.find("import ["), std::string::npos) << run.output;
    EXPECT_NE(run.output.find("rows/s"), std::string::npos) << run.output;
    EXPECT_NE(run.output.find("ETA"), std::string::npos) << run.output;
    EXPECT_NE(run.output.find("100%"), std::string::npos) << run.output;
    EXPECT_NE(run.output.find("\r"), std::string::npos);
    // The summary comes after the bar, on lines of its own.
    auto summary = run.output.find("imported: 20000 nodes (1 labels), 600000 relationships");
    ASSERT_NE(summary, std::string::npos) << run.output;
    EXPECT_GT(summary, run.output.rfind("ETA"));
}

TEST(ProgressPtyTest, QuietOrPipedPrintsOnlyTheSummary) {
    TempDir dir;
    writeGraph(dir);
    auto quiet = runOnTerminal({"import", "--db", dir.sub("quiet"), "--nodes", dir.sub("nodes.csv"),
                                "--edges", dir.sub("edges.csv"), "-q"});
    ASSERT_EQ(quiet.exit, 0) << quiet.output;
    EXPECT_EQ(quiet.output.find("ETA"), std::string::npos) << quiet.output;
    EXPECT_NE(quiet.output.find("imported: 20000 nodes"), std::string::npos);

    using kgraph::testing::quote;
    auto piped = kgraph::testing::runCommand(
        quote(KGRAPH_BINARY) + " import --db " + quote(dir.sub("piped")) + " --nodes " +
            quote(dir.sub("nodes.csv")) + " --edges " + quote(dir.sub("edges.csv")),
        dir.path());
    ASSERT_EQ(piped.exit, 0) << piped.err;
    EXPECT_EQ(piped.err, "");
    EXPECT_NE(piped.out.find("imported: 20000 nodes"), std::string::npos);
    EXPECT_EQ(piped.out.find('\r'), std::string::npos);
}

TEST(ProgressPtyTest, BuildShowsABarWithWordsPerSecondOnATerminal) {
    TempDir dir;
    auto run = runOnTerminal({"build", KGRAPH_SOURCE_DIR "/samples", "--db", dir.sub("db")});
    if (run.exit != 0 && run.output.find("model") != std::string::npos)
        GTEST_SKIP() << "the NLP models are not available: " << run.output;
    ASSERT_EQ(run.exit, 0) << run.output;
    EXPECT_NE(run.output.find("build ["), std::string::npos) << run.output;
    EXPECT_NE(run.output.find("words/s"), std::string::npos);
    EXPECT_NE(run.output.find("ETA"), std::string::npos);
    EXPECT_NE(run.output.find("documents: 5 added"), std::string::npos) << run.output;
}

}  // namespace
