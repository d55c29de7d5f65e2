// A program run on the slave side of a real pseudo-terminal (forkpty), for
// tests that drive `kgraph` as a user at a terminal does: type keys, wait for
// output, wait for the exit. Tests only.
#pragma once

#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace kgraph::testing {

using namespace std::chrono_literals;

class PtyProcess {
public:
    // Runs `binary` with `args` (argv[1]...), `env` added to the environment.
    PtyProcess(const std::string& binary, const std::vector<std::string>& args,
               const std::vector<std::pair<std::string, std::string>>& env = {}) {
        struct winsize ws {};
        ws.ws_row = 40;
        ws.ws_col = 160;
        pid_ = forkpty(&master_, nullptr, nullptr, &ws);
        if (pid_ == 0) {
            for (const auto& [name, value] : env) setenv(name.c_str(), value.c_str(), 1);
            std::vector<char*> argv{const_cast<char*>(binary.c_str())};
            for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
            argv.push_back(nullptr);
            execv(binary.c_str(), argv.data());
            _exit(127);
        }
    }
    ~PtyProcess() {
        if (pid_ > 0 && !exited_) {
            kill(pid_, SIGKILL);
            waitpid(pid_, nullptr, 0);
        }
        if (master_ >= 0) close(master_);
    }
    PtyProcess(const PtyProcess&) = delete;
    PtyProcess& operator=(const PtyProcess&) = delete;

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

    // Waits for the program to end; its exit code, or -1.
    int wait(std::chrono::milliseconds timeout = 20s) {
        auto deadline = std::chrono::steady_clock::now() + timeout;
        while (std::chrono::steady_clock::now() < deadline) {
            int status = 0;
            if (waitpid(pid_, &status, WNOHANG) == pid_) {
                exited_ = true;
                while (readSome(50ms)) {
                }  // what it wrote last may still wait in the pty
                return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
            }
            readSome(50ms);  // keep the pty drained so the program can finish writing
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

}  // namespace kgraph::testing
