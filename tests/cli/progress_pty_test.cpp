// Progress bars of `kgraph build` and `kgraph import` as a user sees them: on
// a terminal (a real pseudo-terminal, forkpty) a bar with rate and ETA, then
// the summary; with --quiet, or when standard error is not a terminal, only
// the summary.
#include <poll.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <string>
#include <vector>

#include "tests/process.h"
#include "tests/temp_dir.h"

namespace {

using kgraph::testing::TempDir;

struct PtyRun {
    int exit = -1;
    std::string output;  // stdout and stderr, as the terminal showed them
};

// Runs kgraph ARGS... on the slave side of a pseudo-terminal until it exits.
PtyRun runOnTerminal(const std::vector<std::string>& args) {
    PtyRun run;
    int master = -1;
    struct winsize ws {};
    ws.ws_row = 40;
    ws.ws_col = 160;
    pid_t pid = forkpty(&master, nullptr, nullptr, &ws);
    if (pid == 0) {
        std::vector<char*> argv;
        argv.push_back(const_cast<char*>("kgraph"));
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        execv(KGRAPH_BINARY, argv.data());
        _exit(127);
    }
    if (pid < 0) return run;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    for (;;) {
        pollfd p{master, POLLIN, 0};
        if (poll(&p, 1, 100) > 0) {
            char buf[4096];
            ssize_t n = read(master, buf, sizeof buf);
            if (n > 0) {
                run.output.append(buf, static_cast<size_t>(n));
                continue;
            }
        }
        int status = 0;
        if (waitpid(pid, &status, WNOHANG) == pid) {
            // What the child wrote last may still be buffered in the pty.
            while (poll(&p, 1, 50) > 0) {
                char buf[4096];
                ssize_t n = read(master, buf, sizeof buf);
                if (n <= 0) break;
                run.output.append(buf, static_cast<size_t>(n));
            }
            run.exit = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
            break;
        }
        if (std::chrono::steady_clock::now() > deadline) {
            kill(pid, SIGKILL);
            waitpid(pid, nullptr, 0);
            break;
        }
    }
    close(master);
    return run;
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
