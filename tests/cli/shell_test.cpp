#include "cli/shell.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/temp_dir.h"

namespace kgraph::cli {
namespace {

TEST(ShellTest, TakesOnlyCompleteStatements) {
    std::string buf = "MATCH (n) RETURN 'a;b'; MATCH (m)\n// c;d\nRETURN m;\nMATCH (x)";
    auto stmts = takeStatements(buf);
    ASSERT_EQ(stmts.size(), 2u);
    EXPECT_EQ(stmts[0], "MATCH (n) RETURN 'a;b'");
    EXPECT_EQ(stmts[1], "MATCH (m)\n// c;d\nRETURN m");
    EXPECT_EQ(buf, "\nMATCH (x)");
}

TEST(ShellTest, RunsAPipedScript) {
    kgraph::testing::TempDir dir;
    auto store = storage::GraphStore::open(dir.sub("db"));
    std::istringstream in(
        "CREATE (:Country {name: 'Kazakhstan'});\n"
        "MATCH (c:Country)\n RETURN c.name AS name;\n"
        ":format csv\n"
        "MATCH (c:Country) RETURN c.name AS name;\n");
    std::ostringstream out, err;
    EXPECT_EQ(runShell(*store, in, out, err, {}), 0) << err.str();
    EXPECT_NE(out.str().find("│ Kazakhstan │"), std::string::npos) << out.str();
    EXPECT_NE(out.str().find("1 row"), std::string::npos);
    EXPECT_NE(out.str().find("name\nKazakhstan\n"), std::string::npos) << out.str();
    EXPECT_EQ(err.str(), "");
}

TEST(ShellTest, ReportsErrorsWithCaretAndGoesOn) {
    kgraph::testing::TempDir dir;
    auto store = storage::GraphStore::open(dir.sub("db"));
    std::istringstream in("MATCH (n) RETRN n;\nRETURN 1 AS one;\n:nope\n:shema\n");
    std::ostringstream out, err;
    EXPECT_EQ(runShell(*store, in, out, err, {}), 1);
    EXPECT_NE(err.str().find("line 1, column 11"), std::string::npos) << err.str();
    EXPECT_NE(err.str().find("          ^"), std::string::npos) << err.str();
    EXPECT_NE(err.str().find("unknown meta-command :nope"), std::string::npos);
    EXPECT_NE(err.str().find("did you mean :schema?"), std::string::npos) << err.str();
    EXPECT_NE(out.str().find("│   1 │"), std::string::npos) << out.str();
}

TEST(ShellTest, MetaCommandsParamsSchemaRenderAndRead) {
    kgraph::testing::TempDir dir;
    auto store = storage::GraphStore::open(dir.sub("db"));
    std::ofstream(dir.sub("script.cypher"))
        << "CREATE (:Person {name: 'Wang Yi'})-[:call]->(:Person {name: 'Mukhtar Tileuberdi'});\n";
    std::istringstream in(":read " + dir.sub("script.cypher") +
                          "\n:param who => 'Wang Yi'\n:params\n:timing off\n"
                          "MATCH (a {name: $who})-[r]->(b) RETURN a, r, b;\n"
                          ":render " +
                          dir.sub("last.svg") +
                          "\n:schema\n:timing maybe\n:quit\nRETURN 'not run';\n");
    std::ostringstream out, err;
    EXPECT_EQ(runShell(*store, in, out, err, {}), 1);  // ":timing maybe" is an error
    EXPECT_NE(out.str().find("$who => 'Wang Yi'"), std::string::npos) << out.str();
    EXPECT_NE(out.str().find("1 row\n"), std::string::npos) << out.str();
    EXPECT_NE(out.str().find("drew 2 nodes and 1 relationships"), std::string::npos) << out.str();
    EXPECT_TRUE(std::filesystem::exists(dir.sub("last.svg")));
    EXPECT_NE(out.str().find("  :Person  2\n"), std::string::npos) << out.str();
    EXPECT_NE(out.str().find("  :call  1\n"), std::string::npos) << out.str();
    EXPECT_EQ(out.str().find("not run"), std::string::npos);
    EXPECT_NE(err.str().find(":timing takes on or off"), std::string::npos) << err.str();
}

TEST(ShellTest, UnknownLabelTypeOrPropertyKeyGetsDidYouMean) {
    kgraph::testing::TempDir dir;
    auto store = storage::GraphStore::open(dir.sub("db"));
    std::istringstream in(
        "CREATE (:Person {name: 'Wang Yi'})-[:send_message_to]->(:Country {name: 'China'});\n"
        "MATCH (p:Persn)-[:send_mesage_to|call]->(c) RETURN p.nme, [x IN [1] | x] AS l;\n"
        "MATCH (p:Person {name: 'Wang Yi'}) RETURN p.name, toUpper(p.name) AS up;\n");
    std::ostringstream out, err;
    EXPECT_EQ(runShell(*store, in, out, err, {}), 0) << err.str();
    EXPECT_NE(err.str().find("warning: the database has no label :Persn; did you mean :Person?"),
              std::string::npos)
        << err.str();
    EXPECT_NE(err.str().find("no relationship type :send_mesage_to; did you mean "
                             ":send_message_to?"),
              std::string::npos)
        << err.str();
    EXPECT_NE(err.str().find("no relationship type :call\n"), std::string::npos) << err.str();
    EXPECT_NE(err.str().find("no property key nme; did you mean name?"), std::string::npos)
        << err.str();
    // Names that exist, list comprehensions and map keys are not warned about.
    EXPECT_EQ(err.str().find(":x"), std::string::npos) << err.str();
    EXPECT_EQ(err.str().find(" name\n"), std::string::npos) << err.str();
    const std::string warnings = err.str();
    EXPECT_EQ(std::count(warnings.begin(), warnings.end(), '\n'), 4) << warnings;
}

TEST(ShellTest, HelpOnOneCommandAndSchemaWithPropertyKeys) {
    kgraph::testing::TempDir dir;
    auto store = storage::GraphStore::open(dir.sub("db"));
    std::istringstream in(
        "CREATE (:Person {name: 'Wang Yi', born: 1953});\n:help render\n:schema\n:help rendr\n");
    std::ostringstream out, err;
    EXPECT_EQ(runShell(*store, in, out, err, {}), 1);
    EXPECT_NE(out.str().find("  :render [FILE]"), std::string::npos) << out.str();
    EXPECT_NE(out.str().find("with a legend of the labels"), std::string::npos) << out.str();
    EXPECT_EQ(out.str().find(":read FILE"), std::string::npos) << out.str();
    EXPECT_NE(out.str().find("property keys:\n  born name\n"), std::string::npos) << out.str();
    EXPECT_NE(err.str().find("no help on rendr; did you mean render?"), std::string::npos)
        << err.str();
}

// `RETURN 1; // one` left the prompt at `...>`, waiting for a statement that never comes.
TEST(ShellTest, ATrailingCommentAfterTheSemicolonLeavesNothingPending) {
    std::string buf = "RETURN 1; // one\n";
    EXPECT_EQ(takeStatements(buf).size(), 1u);
    EXPECT_EQ(buf, "");
    buf = "RETURN 1; /* still open\n";
    takeStatements(buf);
    EXPECT_NE(buf, "");  // an unclosed block comment is still being typed
}

// The piped shell warned about `kg` from `news.kg` in a comment.
TEST(ShellTest, NameWarningsIgnoreCommentsAndStrings) {
    kgraph::testing::TempDir dir;
    auto store = storage::GraphStore::open(dir.sub("db"));
    std::istringstream in(
        "CREATE (:Person {name: 'Wang Yi'});\n"
        "// Example (kgraph build samples/ --db news.kg; n.foo)\n"
        "MATCH (p:Person) WHERE p.name <> 'a.b :Nope' /* q.bar */ RETURN p.name;\n"
        "RETURN {k: 1}.k AS k, [{a: 2}][0].a AS a;\n");
    std::ostringstream out, err;
    EXPECT_EQ(runShell(*store, in, out, err, {}), 0) << err.str();
    EXPECT_EQ(err.str(), "");
}

TEST(ShellTest, OpenRefusesAMissingDatabaseUnlessCreate) {
    kgraph::testing::TempDir dir;
    auto store = storage::GraphStore::open(dir.sub("db"));
    ShellOptions options;
    options.open = [](const std::string& path, bool create) {
        return storage::GraphStore::open(path, {.createIfMissing = create});
    };
    std::istringstream in(":open\n:open " + dir.sub("nope.kg") + "\n:open --create " +
                          dir.sub("new.kg") + "\n");
    std::ostringstream out, err;
    EXPECT_EQ(runShell(*store, in, out, err, options), 1);
    EXPECT_NE(err.str().find(":open takes a database folder: :open DIR"), std::string::npos)
        << err.str();
    EXPECT_NE(err.str().find("no kgraph database at " + dir.sub("nope.kg")), std::string::npos)
        << err.str();
    EXPECT_FALSE(std::filesystem::exists(dir.sub("nope.kg")));
    EXPECT_NE(out.str().find("opened " + dir.sub("new.kg")), std::string::npos) << out.str();
    EXPECT_TRUE(std::filesystem::exists(dir.sub("new.kg") + "/CURRENT"));
}

// `:param x => 1+2` stored the string '1+2'.
TEST(ShellTest, ParamEvaluatesAnExpressionOrAMap) {
    kgraph::testing::TempDir dir;
    auto store = storage::GraphStore::open(dir.sub("db"));
    std::istringstream in(
        ":param sum => 1+2\n:param twice => $sum * 2\n:param {who: 'Wang' + ' Yi', n: "
        "size([1, 2])}\n:params\n:params clear\n:params\n");
    std::ostringstream out, err;
    EXPECT_EQ(runShell(*store, in, out, err, {}), 0) << err.str();
    EXPECT_NE(out.str().find("$n => 2\n$sum => 3\n$twice => 6\n$who => 'Wang Yi'\n"),
              std::string::npos)
        << out.str();
    EXPECT_NE(out.str().find("no parameters; set one with :param NAME => VALUE"), std::string::npos)
        << out.str();
}

TEST(ShellTest, AMissingParameterPointsToTheParamCommand) {
    kgraph::testing::TempDir dir;
    auto store = storage::GraphStore::open(dir.sub("db"));
    std::istringstream in("RETURN $who AS who;\n");
    std::ostringstream out, err;
    EXPECT_EQ(runShell(*store, in, out, err, {}), 1);
    EXPECT_NE(err.str().find("parameter $who is missing (set it with :param who => VALUE)"),
              std::string::npos)
        << err.str();
    EXPECT_EQ(err.str().find("--param"), std::string::npos) << err.str();
}

TEST(ShellTest, FormatAndTimingWithoutArgumentShowTheSetting) {
    kgraph::testing::TempDir dir;
    auto store = storage::GraphStore::open(dir.sub("db"));
    std::istringstream in(
        ":format\n:format markdown\n:format\n:timing\n:max_rows\n"
        "RETURN 1 AS one;\n");
    std::ostringstream out, err;
    EXPECT_EQ(runShell(*store, in, out, err, {}), 0) << err.str();
    EXPECT_NE(out.str().find("format: table\nformat: markdown\ntiming: off\nmax_rows: no limit\n"
                             "| one |\n| ---: |\n| 1 |\n"),
              std::string::npos)
        << out.str();
}

// A script's output is its data: the row count stays, the time (which differs run to run) goes.
TEST(ShellTest, PipedModeHasNoTimingFooter) {
    kgraph::testing::TempDir dir;
    auto store = storage::GraphStore::open(dir.sub("db"));
    std::istringstream in("RETURN 1 AS one;\n:timing on\nRETURN 2 AS two;\n");
    std::ostringstream out, err;
    EXPECT_EQ(runShell(*store, in, out, err, {}), 0) << err.str();
    EXPECT_NE(out.str().find("└─────┘\n1 row\n"), std::string::npos) << out.str();
    EXPECT_NE(out.str().find(" ms)"), std::string::npos) << out.str();  // asked for: shown
}

// `exit`, `.quit` and `.mode csv` started a statement and left the prompt at `...>`.
TEST(ShellTest, OtherShellsCommandsGetAHint) {
    kgraph::testing::TempDir dir;
    auto store = storage::GraphStore::open(dir.sub("db"));
    std::istringstream in("exit\n.quit\n.mode csv\nRETURN 1 AS one;\n");
    std::ostringstream out, err;
    EXPECT_EQ(runShell(*store, in, out, err, {}), 0) << err.str();
    EXPECT_NE(err.str().find("exit is not a command of this shell: :quit (or Ctrl-D) leaves"),
              std::string::npos)
        << err.str();
    EXPECT_NE(err.str().find(".quit is not a command"), std::string::npos) << err.str();
    EXPECT_NE(err.str().find(".mode is not a command of this shell: :format FORMAT"),
              std::string::npos)
        << err.str();
    EXPECT_NE(out.str().find("│   1 │"), std::string::npos) << out.str();
}

TEST(ShellTest, ClosestMatchSuggestsLikelyTypos) {
    const std::vector<std::string> words = {":schema", ":params", ":quit", "Person", "Country"};
    EXPECT_EQ(closestMatch(":shema", words), ":schema");
    EXPECT_EQ(closestMatch(":shem", words), ":schema");
    EXPECT_EQ(closestMatch("Persn", words), "Person");
    EXPECT_EQ(closestMatch("Organization", words), "");
}

}  // namespace
}  // namespace kgraph::cli
