// The interactive shell driven through a real pseudo-terminal (forkpty), as a
// user at a keyboard drives it: tab completion, history across sessions,
// multi-line input, Ctrl-C (cancelling a running query, clearing the line
// being typed), Ctrl-D, and the caret under an error.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <string>

#include "tests/process.h"
#include "tests/pty_process.h"
#include "tests/temp_dir.h"

namespace {

using namespace std::chrono_literals;
using kgraph::testing::TempDir;

// `kgraph shell --db DB` on a pseudo-terminal, with HOME pointed at `home` so
// its history file is the test's.
class PtyShell : public kgraph::testing::PtyProcess {
public:
    PtyShell(const std::string& db, const std::string& home)
        : PtyProcess(KGRAPH_BINARY, {"shell", "--db", db}, {{"HOME", home}, {"TERM", "xterm"}}) {}
};

class ShellPtyTest : public ::testing::Test {
protected:
    void SetUp() override {
        db_ = dir_.sub("db");
        home_ = dir_.sub("home");
        std::filesystem::create_directories(home_);
        auto r = kgraph::testing::runCommand(
            std::string(KGRAPH_BINARY) + " shell --create --db " + kgraph::testing::quote(db_),
            dir_.path(),
            "CREATE (:Person {name: 'Kassym-Jomart Tokayev'})-[:meet]->"
            "(:Person {name: 'Wang Yi'})-[:visit]->(:Country {name: 'Kazakhstan'});\n");
        ASSERT_EQ(r.exit, 0) << r.err;
    }

    TempDir dir_;
    std::string db_, home_;
};

// Presses Ctrl-C once the statement had time to start, and again (as a user
// would) if no "query cancelled" came back.
void pressCtrlCUntilCancelled(PtyShell& shell) {
    for (int attempt = 0; attempt < 10; ++attempt) {
        shell.drain(500ms);
        shell.type("\x03", false);
        if (shell.expect("error: query cancelled", 2s)) return;
    }
    ADD_FAILURE() << "Ctrl-C did not cancel the query:\n" << shell.unread();
}

// The tests type only at a prompt, as a user does: a key typed while results
// are printing reaches the terminal in cooked mode, where Ctrl-D is not a key.
#define EXPECT_OUTPUT(shell, text)                                                 \
    ASSERT_TRUE((shell).expect(text)) << "waiting for: " << (text) << "\nafter:\n" \
                                      << (shell).unread()

TEST_F(ShellPtyTest, CompletesLabelsAndRelationshipTypesFromTheDatabase) {
    PtyShell shell(db_, home_);
    ASSERT_TRUE(shell.started());
    EXPECT_OUTPUT(shell, "kgraph> ");
    // "Pers" + Tab completes to the label Person, "vis" + Tab to the type visit;
    // without completion the query would match nothing.
    shell.type("MATCH (p:Pers\t)-[:vis\t]->(c) RETURN p.name AS who, c.name AS what;\r");
    EXPECT_OUTPUT(shell, "│ Wang Yi │ Kazakhstan │");
    EXPECT_OUTPUT(shell, "1 row");
    // Same-case words first: "Coun" is the label, not count(). Variables of the
    // statement, also from its earlier lines: "some" gives someone.
    EXPECT_OUTPUT(shell, "kgraph> ");
    shell.type("MATCH (someone:Person)-[:visit]->(c:Coun\t)\r");
    EXPECT_OUTPUT(shell, "   ...> ");
    shell.type("RETURN some\t.name AS traveller;\r");
    EXPECT_OUTPUT(shell, "│ Wang Yi   │");
    EXPECT_OUTPUT(shell, "1 row");
    // Function names from the engine's catalogue, completed with their '('.
    EXPECT_OUTPUT(shell, "kgraph> ");
    shell.type("RETURN toUp\t'kz') AS upper;\r");
    EXPECT_OUTPUT(shell, "│ KZ    │");
    EXPECT_OUTPUT(shell, "kgraph> ");
    shell.type("\x04");  // Ctrl-D leaves
    EXPECT_EQ(shell.wait(), 0) << shell.unread();
}

TEST_F(ShellPtyTest, MultiLineStatementShowsTheContinuationPrompt) {
    PtyShell shell(db_, home_);
    ASSERT_TRUE(shell.started());
    EXPECT_OUTPUT(shell, "kgraph> ");
    shell.type("MATCH (p:Person)\r");
    EXPECT_OUTPUT(shell, "   ...> ");
    shell.type("RETURN count(p)\r");
    EXPECT_OUTPUT(shell, "   ...> ");
    shell.type("  AS people;\r");
    EXPECT_OUTPUT(shell, "│      2 │");
    EXPECT_OUTPUT(shell, "1 row");
    EXPECT_OUTPUT(shell, "kgraph> ");
    shell.type("\x04");
    EXPECT_EQ(shell.wait(), 0) << shell.unread();
}

TEST_F(ShellPtyTest, HistoryIsKeptInTheHomeDirectoryAcrossSessions) {
    {
        PtyShell shell(db_, home_);
        ASSERT_TRUE(shell.started());
        EXPECT_OUTPUT(shell, "kgraph> ");
        shell.type("RETURN 'remembered' + ' line' AS h;\r");
        EXPECT_OUTPUT(shell, "remembered line");
        EXPECT_OUTPUT(shell, "kgraph> ");
        shell.type("\x04");
        ASSERT_EQ(shell.wait(), 0) << shell.output();
    }
    std::string history = kgraph::testing::slurp(home_ + "/.kgraph_history");
    EXPECT_NE(history.find("remembered"), std::string::npos) << history;

    PtyShell shell(db_, home_);
    ASSERT_TRUE(shell.started());
    EXPECT_OUTPUT(shell, "kgraph> ");
    shell.type("\x1b[A\r");  // Up: the statement of the last session, run again
    EXPECT_OUTPUT(shell, "│ remembered line │");
    EXPECT_OUTPUT(shell, "kgraph> ");
    shell.type("\x04");
    EXPECT_EQ(shell.wait(), 0) << shell.unread();
}

// Up recalled only the last line of a multi-line statement ("RETURN count(p) ..."), which
// fails on its own.
TEST_F(ShellPtyTest, HistoryKeepsAMultiLineStatementAsOneEntry) {
    PtyShell shell(db_, home_);
    ASSERT_TRUE(shell.started());
    EXPECT_OUTPUT(shell, "kgraph> ");
    shell.type("MATCH (p:Person) // who\r");
    EXPECT_OUTPUT(shell, "   ...> ");
    shell.type("RETURN count(p) AS people;\r");
    EXPECT_OUTPUT(shell, "│      2 │");
    EXPECT_OUTPUT(shell, "kgraph> ");
    shell.type("\x1b[A\r");  // Up: the whole statement
    EXPECT_OUTPUT(shell, "│      2 │");
    EXPECT_OUTPUT(shell, "kgraph> ");
    shell.type("\x04");
    EXPECT_EQ(shell.wait(), 0) << shell.unread();
    EXPECT_EQ(shell.output().find("error"), std::string::npos) << shell.output();
    std::string history = kgraph::testing::slurp(home_ + "/.kgraph_history");
    // libedit's file encodes blanks as \040; the statement is one entry, kept once.
    const std::string entry = "MATCH\\040(p:Person)\\040RETURN\\040count(p)\\040AS\\040people;\n";
    auto at = history.find(entry);
    EXPECT_NE(at, std::string::npos) << history;
    EXPECT_EQ(history.find(entry, at + 1), std::string::npos) << history;
}

// Entity names inside quotes come from the name index; procedures after `algo.`; property
// keys only after `var.`.
TEST_F(ShellPtyTest, CompletionFollowsTheContext) {
    PtyShell shell(db_, home_);
    ASSERT_TRUE(shell.started());
    EXPECT_OUTPUT(shell, "kgraph> ");
    shell.type("MATCH (p {name: 'Kassym\t}) RETURN p.na\t AS who;\r");
    EXPECT_OUTPUT(shell, "│ Kassym-Jomart Tokayev │");
    EXPECT_OUTPUT(shell, "kgraph> ");
    shell.type("CALL algo.degr\t) YIELD node RETURN count(node) AS n;\r");
    EXPECT_OUTPUT(shell, "│ 3 │");
    EXPECT_OUTPUT(shell, "kgraph> ");
    shell.type("\x04");
    EXPECT_EQ(shell.wait(), 0) << shell.unread();
}

// `RETURN 1; // one` left the prompt at `...>`.
TEST_F(ShellPtyTest, ATrailingCommentDoesNotLeaveTheContinuationPrompt) {
    PtyShell shell(db_, home_);
    ASSERT_TRUE(shell.started());
    EXPECT_OUTPUT(shell, "kgraph> ");
    shell.type("RETURN 1 AS one; // one\r");
    EXPECT_OUTPUT(shell, "1 row");
    EXPECT_OUTPUT(shell, "kgraph> ");
    shell.type("\x04");
    EXPECT_EQ(shell.wait(), 0) << shell.unread();
    EXPECT_EQ(shell.output().find("...>"), std::string::npos) << shell.output();
}

TEST_F(ShellPtyTest, ErrorShowsTheCaretAndTheShellGoesOn) {
    PtyShell shell(db_, home_);
    ASSERT_TRUE(shell.started());
    EXPECT_OUTPUT(shell, "kgraph> ");
    shell.type("MATCH (n) RETRN n;\r");
    EXPECT_OUTPUT(shell, "line 1, column 11");
    EXPECT_OUTPUT(shell, "MATCH (n) RETRN n");
    EXPECT_OUTPUT(shell, "          ^");
    EXPECT_OUTPUT(shell, "kgraph> ");
    shell.type("RETURN 6 * 7 AS answer;\r");
    EXPECT_OUTPUT(shell, "│     42 │");
    EXPECT_OUTPUT(shell, "kgraph> ");
    shell.type("\x04");
    EXPECT_EQ(shell.wait(), 0) << shell.unread();
}

TEST_F(ShellPtyTest, CtrlCCancelsTheRunningQueryAndKeepsTheShell) {
    PtyShell shell(db_, home_);
    ASSERT_TRUE(shell.started());
    EXPECT_OUTPUT(shell, "kgraph> ");
    // Ten billion rows: hours of work unless cancelled.
    shell.type(
        "UNWIND range(1, 100000) AS a UNWIND range(1, 100000) AS b "
        "RETURN count(*) AS n;\r");
    pressCtrlCUntilCancelled(shell);
    EXPECT_OUTPUT(shell, "kgraph> ");
    shell.type("MATCH (c:Country) RETURN c.name AS name;\r");
    EXPECT_OUTPUT(shell, "│ Kazakhstan │");
    EXPECT_OUTPUT(shell, "kgraph> ");
    shell.type("\x04");
    EXPECT_EQ(shell.wait(), 0) << shell.unread();
}

TEST_F(ShellPtyTest, CtrlCDuringReadStopsTheScript) {
    std::string script = dir_.sub("slow.cypher");
    std::ofstream(script) << "UNWIND range(1, 100000) AS a UNWIND range(1, 100000) AS b\n"
                             "RETURN count(*) AS n;\n"
                             "RETURN 'not' + ' reached' AS after;\n";
    PtyShell shell(db_, home_);
    ASSERT_TRUE(shell.started());
    EXPECT_OUTPUT(shell, "kgraph> ");
    shell.type(":read " + script + "\r");
    pressCtrlCUntilCancelled(shell);
    EXPECT_OUTPUT(shell, "error: cancelled: the rest of the script was not run");
    EXPECT_OUTPUT(shell, "kgraph> ");
    shell.type("RETURN 1 + 1 AS two;\r");
    EXPECT_OUTPUT(shell, "│   2 │");
    EXPECT_OUTPUT(shell, "kgraph> ");
    shell.type("\x04");
    EXPECT_EQ(shell.wait(), 0) << shell.unread();
    EXPECT_EQ(shell.output().find("not reached"), std::string::npos);
}

TEST_F(ShellPtyTest, CtrlCAtThePromptDiscardsTheInput) {
    PtyShell shell(db_, home_);
    ASSERT_TRUE(shell.started());
    EXPECT_OUTPUT(shell, "kgraph> ");
    shell.type("MATCH (p:Person)\r");
    EXPECT_OUTPUT(shell, "   ...> ");
    shell.type("RETURN 'half a line");
    shell.drain(200ms);
    shell.type("\x03");
    EXPECT_OUTPUT(shell, "kgraph> ");  // back to the first prompt: the statement is gone
    shell.type("RETURN 'fresh' AS s;\r");
    EXPECT_OUTPUT(shell, "│ fresh │");
    EXPECT_OUTPUT(shell, "1 row");
    EXPECT_OUTPUT(shell, "kgraph> ");
    shell.type("\x04");
    EXPECT_EQ(shell.wait(), 0) << shell.unread();
    EXPECT_EQ(shell.output().find("half a line'"), std::string::npos);
    EXPECT_EQ(shell.output().find("error"), std::string::npos) << shell.output();
}

}  // namespace
