// The `kgraph` program as a newcomer first drives it: the order of flags the
// docs show, scripts of several statements, typos in paths, commands, names
// and keywords, a second writer, a rebuild of unchanged files, a drawing of
// nothing. Each test is named after what tripped someone up.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "tests/process.h"
#include "tests/temp_dir.h"

namespace {

namespace fs = std::filesystem;

using kgraph::testing::CommandRun;
using kgraph::testing::quote;

class CommandLineTest : public ::testing::Test {
protected:
    void SetUp() override {
        db_ = dir_.sub("news.kg");
        auto r = kgraph("shell --create --db " + quote(db_),
                        "CREATE (:Person {name: 'Wang Yi'})-[:meet]->(:Person {name: 'Xi "
                        "Jinping'}), (:Country {name: 'China'});\n");
        ASSERT_EQ(r.exit, 0) << r.err;
    }
    CommandRun kgraph(const std::string& args, const std::string& stdinText = "") {
        // In the scratch folder, so that relative paths (nope.kg) land there.
        return kgraph::testing::runCommand(
            "cd " + quote(dir_.path().string()) + " && " + quote(KGRAPH_BINARY) + " " + args,
            dir_.path(), stdinText);
    }
    std::string write(const std::string& name, const std::string& text) {
        std::string path = dir_.sub(name);
        std::ofstream(path) << text;
        return path;
    }

    kgraph::testing::TempDir dir_;
    std::string db_;
};

// docs/cli.md shows `--param who=... "MATCH ..."`; the greedy --param took the query as a
// second value and the command said "no query given".
TEST_F(CommandLineTest, ParamBeforeTheQueryDoesNotSwallowIt) {
    auto r = kgraph("query --db " + quote(db_) + " --param who=\"'Wang Yi'\" --param n=1 " +
                    quote("MATCH (p {name: $who}) RETURN p.name AS name, $n AS n"));
    EXPECT_EQ(r.exit, 0) << r.err;
    EXPECT_NE(r.out.find("│ Wang Yi │ 1 │"), std::string::npos) << r.out;
    std::string svg = dir_.sub("p.svg");
    r = kgraph("render --db " + quote(db_) + " --param who=\"'Wang Yi'\" " +
               quote("MATCH p = ({name: $who})-[]->() RETURN p") + " -o " + quote(svg));
    EXPECT_EQ(r.exit, 0) << r.err;
    EXPECT_TRUE(fs::exists(svg));
}

// Only the last statement's result was printed.
TEST_F(CommandLineTest, QueryFileWithSeveralStatementsPrintsEveryResult) {
    std::string file = write("q.cypher",
                             "// people first\n"
                             "MATCH (p:Person) RETURN p.name AS person ORDER BY person;\n"
                             "MATCH (c:Country) RETURN c.name AS country;\n"
                             "// done\n");
    auto r = kgraph("query --db " + quote(db_) + " -f " + quote(file) + " --format csv");
    EXPECT_EQ(r.exit, 0) << r.err;
    EXPECT_EQ(r.out, "person\nWang Yi\nXi Jinping\ncountry\nChina\n");
    // A syntax error in a later statement: nothing runs, and the line is the file's.
    file = write("bad.cypher", "CREATE (:Person {name: 'X'});\nMATCH (n)\nRETRUN n;\n");
    r = kgraph("query --db " + quote(db_) + " -f " + quote(file));
    EXPECT_EQ(r.exit, 1);
    EXPECT_NE(r.err.find("line 3, column 1"), std::string::npos) << r.err;
    r = kgraph("query --db " + quote(db_) + " --format csv " +
               quote("MATCH (p {name: 'X'}) RETURN count(p) AS n"));
    EXPECT_EQ(r.out, "n\n0\n");
}

// A typo'd path silently created an empty database.
TEST_F(CommandLineTest, ShellRefusesAMissingDatabaseUnlessCreate) {
    auto r = kgraph("shell --db nope.kg", "RETURN 1;\n");
    EXPECT_EQ(r.exit, 1);
    EXPECT_NE(r.err.find("no kgraph database at nope.kg"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("--create"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(dir_.sub("nope.kg")));
    r = kgraph("shell --create --db new.kg", "RETURN 1 AS one;\n");
    EXPECT_EQ(r.exit, 0) << r.err;
    EXPECT_TRUE(fs::exists(dir_.sub("new.kg/CURRENT")));
}

TEST_F(CommandLineTest, ShellRunsAFileGivenWithDashF) {
    std::string file = write("s.cypher", "MATCH (c:Country) RETURN c.name AS country;\n");
    auto r = kgraph("shell --db " + quote(db_) + " -f " + quote(file));
    EXPECT_EQ(r.exit, 0) << r.err;
    EXPECT_NE(r.out.find("│ China   │"), std::string::npos) << r.out;
}

// "A subcommand is required" for `kgraph qeury`.
TEST_F(CommandLineTest, UnknownCommandSuggestsTheClosest) {
    auto r = kgraph("qeury --db " + quote(db_) + " 'RETURN 1'");
    EXPECT_EQ(r.exit, 2);
    EXPECT_NE(r.err.find("unknown command 'qeury'; did you mean 'query'?"), std::string::npos)
        << r.err;
}

// The lock error only said to wait; now it names the holder and the way around it.
TEST_F(CommandLineTest, LockErrorNamesTheHolderAndSuggestsReadOnly) {
    // A shell holds the lock while it reads its (slow) standard input.
    std::string fifo = dir_.sub("in.fifo");
    ASSERT_EQ(std::system(("mkfifo " + quote(fifo)).c_str()), 0);
    std::string holder = "(" + quote(KGRAPH_BINARY) + " shell --db " + quote(db_) + " < " +
                         quote(fifo) + " > /dev/null 2>&1 &) ; exec 3> " + quote(fifo) +
                         "; sleep 1; " + quote(KGRAPH_BINARY) + " shell --db " + quote(db_) +
                         " </dev/null; echo rc=$?; exec 3>&-";
    auto r = kgraph::testing::runCommand(holder, dir_.path());
    EXPECT_NE(r.out.find("rc=1"), std::string::npos) << r.out << r.err;
    EXPECT_NE(r.err.find("database is locked"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("open for writing by process "), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("(kgraph shell --db "), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("--read-only"), std::string::npos) << r.err;
}

// The one-shot query warned about `kg` in a comment (`news.kg`) and missed real typos.
TEST_F(CommandLineTest, OneShotQueryWarnsAboutTyposButNotComments) {
    std::string file = write("q.cypher",
                             "// kgraph build samples/ --db news.kg; p.kg\n"
                             "MATCH (p:Persn) WHERE p.name <> 'a.b' RETURN p.nme;\n");
    auto r = kgraph("query --db " + quote(db_) + " -f " + quote(file));
    EXPECT_EQ(r.exit, 0) << r.err;
    EXPECT_EQ(r.err,
              "warning: the database has no label :Persn; did you mean :Person?\n"
              "warning: the database has no property key nme; did you mean name?\n");
}

// Raw ANTLR: "mismatched input 'RETRUN' expecting {<EOF>, ';'}" with 0-based columns.
TEST_F(CommandLineTest, SyntaxErrorsSayWhatWasExpectedInWords) {
    auto r = kgraph("query --db " + quote(db_) + " " + quote("MATCH (n) RETRUN n"));
    EXPECT_EQ(r.exit, 1);
    EXPECT_NE(r.err.find("syntax error at line 1, column 11: expected a clause (RETURN, WITH, "
                         "MATCH, WHERE) or the end of the statement, found 'RETRUN'; did you "
                         "mean RETURN?\nMATCH (n) RETRUN n\n          ^"),
              std::string::npos)
        << r.err;
    EXPECT_EQ(r.err.find("mismatched"), std::string::npos) << r.err;
    r = kgraph("query --db " + quote(db_) + " " + quote("RETURN toLowerCase('A')"));
    EXPECT_NE(r.err.find("unknown function: toLowerCase(); did you mean toLower()?"),
              std::string::npos)
        << r.err;
    r = kgraph("query --db " + quote(db_) + " " +
               quote("MATCH (n) WHERE COUNT { (n)-->() } > 1 RETURN n"));
    EXPECT_LT(r.err.size(), 300u) << r.err;  // not hundreds of characters of token names
}

// A rebuild of unchanged files read every one through the NLP again and reported words/s for
// no work. Now they are passed over before any model is loaded: the rebuild works even
// with no models at all.
TEST_F(CommandLineTest, UnchangedRebuildSkipsFilesBeforeAnyNlp) {
    std::string samples = std::string(KGRAPH_SOURCE_DIR) + "/samples";
    std::string db = dir_.sub("samples.kg");
    auto r = kgraph("build -q " + quote(samples) + " --db " + quote(db));
    ASSERT_EQ(r.exit, 0) << r.err;
    EXPECT_NE(r.out.find("documents: 5 added"), std::string::npos) << r.out;
    r = kgraph::testing::runCommand("KGRAPH_MODELS=/nonexistent " + quote(KGRAPH_BINARY) +
                                        " build -q " + quote(samples) + " --db " + quote(db),
                                    dir_.path());
    EXPECT_EQ(r.exit, 0) << r.err;
    EXPECT_NE(r.out.find("documents: 0 added, 0 replaced, 5 unchanged, 0 skipped"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("nothing to extract (5 unchanged, skipped)"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("words/s"), std::string::npos) << r.out;
}

// PRODUCT.md §6: `build --jobs N`. Extraction runs on N threads, names are resolved and
// documents committed in input order: the graph is the same byte for byte.
TEST_F(CommandLineTest, BuildWithTwoJobsGivesTheSameGraphAsOne) {
    std::string samples = std::string(KGRAPH_SOURCE_DIR) + "/samples";
    std::string one = dir_.sub("one.kg"), two = dir_.sub("two.kg");
    auto r = kgraph("build -q --jobs 1 " + quote(samples) + " --db " + quote(one));
    ASSERT_EQ(r.exit, 0) << r.err;
    r = kgraph("build -q --jobs 2 " + quote(samples) + " --db " + quote(two));
    ASSERT_EQ(r.exit, 0) << r.err;
    EXPECT_NE(r.out.find("documents: 5 added"), std::string::npos) << r.out;
    for (std::string format : {"jsonl", "nq"}) {
        auto a = kgraph("export --db " + quote(one) + " --format " + format);
        auto b = kgraph("export --db " + quote(two) + " --format " + format);
        ASSERT_EQ(a.exit, 0) << a.err;
        EXPECT_FALSE(a.out.empty());
        EXPECT_EQ(a.out, b.out) << format;
    }
    r = kgraph("build -q --jobs 0 " + quote(samples) + " --db " + quote(two));
    EXPECT_EQ(r.exit, 2) << r.err;
    EXPECT_NE(r.err.find("--jobs must be at least 1"), std::string::npos) << r.err;
}

// A model that cannot be loaded ends the build (exit 1) instead of skipping every document.
TEST_F(CommandLineTest, BuildWithoutItsModelsFailsInsteadOfSkippingEveryDocument) {
    std::string samples = std::string(KGRAPH_SOURCE_DIR) + "/samples";
    auto r = kgraph::testing::runCommand("KGRAPH_MODELS=/nonexistent " + quote(KGRAPH_BINARY) +
                                             " build -q " + quote(samples) + " --db " +
                                             quote(dir_.sub("nomodel.kg")),
                                         dir_.path());
    EXPECT_EQ(r.exit, 1) << r.out;
    EXPECT_NE(r.err.find("/nonexistent"), std::string::npos) << r.err;
}

// An empty picture and exit 0.
TEST_F(CommandLineTest, RenderOfAResultWithoutNodesFails) {
    std::string svg = dir_.sub("none.svg");
    auto r = kgraph("render --db " + quote(db_) + " " + quote("MATCH (p:Person) RETURN p.name") +
                    " -o " + quote(svg));
    EXPECT_EQ(r.exit, 1);
    EXPECT_NE(r.err.find("nothing to draw: the result has no nodes"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(svg));
}

}  // namespace
