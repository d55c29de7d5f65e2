// Running a command line from a test: its exit code and what it printed.
// For tests that drive the `kgraph` program as a user would. Tests only.
#pragma once

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace kgraph::testing {

struct CommandRun {
    int exit = -1;
    std::string out;
    std::string err;
};

inline std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream buf;
    buf << in.rdbuf();
    return buf.str();
}

// Quotes `s` as one word for /bin/sh.
inline std::string quote(const std::string& s) {
    std::string q = "'";
    for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

// Runs `cmdLine` through /bin/sh with `stdinText` as standard input; the
// files it needs go into `scratch` (a directory that exists).
inline CommandRun runCommand(const std::string& cmdLine, const std::filesystem::path& scratch,
                             const std::string& stdinText = "") {
    auto in = scratch / "stdin.txt", out = scratch / "stdout.txt", err = scratch / "stderr.txt";
    std::ofstream(in) << stdinText;
    std::string cmd = "(" + cmdLine + ") <" + quote(in.string()) + " >" + quote(out.string()) +
                      " 2>" + quote(err.string());
    int status = std::system(cmd.c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(out), slurp(err)};
}

}  // namespace kgraph::testing
