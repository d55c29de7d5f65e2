// The interactive shell driven through a real pseudo-terminal (forkpty), as a
// user at a keyboard drives it: tab completion, history across sessions,
// multi-line input, Ctrl-C (cancelling a running query, clearing the line
// being typed), Ctrl-D, and the caret under an error.
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <cstring>
#include <fstream>
#include <string>
#include <thread>

#include "tests/process.h"
#include "tests/temp_dir.h"

namespace {

using namespace std::chrono_literals;
using kgraph::testing::TempDir;

// `kgraph shell --db DB` on the slave side of a pseudo-terminal, with HOME
// pointed at `home` so its history file is the test's.
class PtyShell {
public:
    PtyShell(const std::string& db, const std::string& home) {
        struct winsize ws {};
        ws.ws_row = 40;
        ws.ws_col = 160;
        pid_ = forkpty(&master_, nullptr, nullptr, &ws);
        if (pid_ == 0) {
            setenv("HOME", home.c_str(), 1);
            setenv("TERM", "xterm", 1);
            execl(KGRAPH_BINARY, "kgraph", "shell", "--db", db.c_str(),
                  static_cast<char*>(nullptr));
            _exit(127);
        }
    }
    ~PtyShell() {
        if (pid_ > 0 && !exited_) {
            kill(pid_, SIGKILL);
            waitpid(pid_, nullptr, 0);
        }
        if (master_ >= 0) close(master_);
    }
    PtyShell(const PtyShell&) = delete;
    PtyShell& operator=(const PtyShell&) = delete;

    bool started() const { return pid_ > 0 && master_ >= 0; }

    // Types `keys` once the line editor reads them: the terminal is in raw mode
    // (libedit switches to it with TCSADRAIN, which waits until its earlier
    // output was read here, so the prompt can show before). A key typed in
    // cooked mode is taken by the terminal itself (Ctrl-D as end of file).
    // `atPrompt` false: type now (Ctrl-C during a query, for the terminal's SIGINT).
    void type(const std::string& keys, bool atPrompt = true) {
        if (atPrompt) {
            auto deadline = std::chrono::steady_clock::now() + 20s;
            termios t{};
            while (tcgetattr(master_, &t) == 0 && (t.c_lflag & ICANON) &&
                   std::chrono::steady_clock::now() < deadline) {
                readSome(10ms);
            }
        }
        ASSERT_EQ(write(master_, keys.data(), keys.size()), static_cast<ssize_t>(keys.size()));
    }

    // Waits until the output after the last match contains `text`; true if it
    // did within `timeout`. What was read stays in output().
    bool expect(const std::string& text, std::chrono::milliseconds timeout = 20s) {
        auto deadline = std::chrono::steady_clock::now() + timeout;
        for (;;) {
            auto at = output_.find(text, seen_);
            if (at != std::string::npos) {
                seen_ = at + text.size();
                return true;
            }
            auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                deadline - std::chrono::steady_clock::now());
            if (left.count() <= 0 || !readSome(left)) return false;
        }
    }

    // Reads what arrives within `time` (e.g. to see that nothing more comes).
    void drain(std::chrono::milliseconds time) {
        auto deadline = std::chrono::steady_clock::now() + time;
        while (std::chrono::steady_clock::now() < deadline) {
            readSome(std::chrono::duration_cast<std::chrono::milliseconds>(
                deadline - std::chrono::steady_clock::now()));
        }
    }

    // Waits for the shell to end; its exit code, or -1.
    int wait(std::chrono::milliseconds timeout = 20s) {
        auto deadline = std::chrono::steady_clock::now() + timeout;
        while (std::chrono::steady_clock::now() < deadline) {
            int status = 0;
            if (waitpid(pid_, &status, WNOHANG) == pid_) {
                exited_ = true;
                return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
            }
            readSome(50ms);  // keep the pty drained so the shell can finish writing
        }
        return -1;
    }

    const std::string& output() const { return output_; }
    std::string unread() const { return output_.substr(seen_); }

private:
    bool readSome(std::chrono::milliseconds timeout) {
        pollfd p{master_, POLLIN, 0};
        if (poll(&p, 1, static_cast<int>(std::max<int64_t>(timeout.count(), 1))) <= 0) return false;
        char buf[4096];
        ssize_t n = read(master_, buf, sizeof buf);
        if (n <= 0) return false;
        output_.append(buf, static_cast<size_t>(n));
        return true;
    }

    pid_t pid_ = -1;
    int master_ = -1;
    bool exited_ = false;
    std::string output_;
    size_t seen_ = 0;
};

class ShellPtyTest : public ::testing::Test {
protected:
    void SetUp() override {
        db_ = dir_.sub("db");
        home_ = dir_.sub("home");
        std::filesystem::create_directories(home_);
        auto r = kgraph::testing::runCommand(
            std::string(KGRAPH_BINARY) + " shell --db " + kgraph::testing::quote(db_), dir_.path(),
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

TEST_F(ShellPtyTest, ErrorShowsTheCaretAndTheShellGoesOn) {
    PtyShell shell(db_, home_);
    ASSERT_TRUE(shell.started());
    EXPECT_OUTPUT(shell, "kgraph> ");
    shell.type("MATCH (n) RETRN n;\r");
    EXPECT_OUTPUT(shell, "line 1, column 10");
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
