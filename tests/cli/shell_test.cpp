#include "cli/shell.h"

#include <gtest/gtest.h>

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
    std::istringstream in("MATCH (n) RETRN n;\nRETURN 1 AS one;\n:nope\n");
    std::ostringstream out, err;
    EXPECT_EQ(runShell(*store, in, out, err, {}), 1);
    EXPECT_NE(err.str().find("line 1, column 10"), std::string::npos) << err.str();
    EXPECT_NE(err.str().find("          ^"), std::string::npos) << err.str();
    EXPECT_NE(err.str().find("unknown meta-command :nope"), std::string::npos);
    EXPECT_NE(out.str().find("│   1 │"), std::string::npos) << out.str();
}

}  // namespace
}  // namespace kgraph::cli
