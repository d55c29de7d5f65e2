// Reading the shell's lines: libedit on a terminal (line editing, history in
// ~/.kgraph_history, Tab completion from shell_completion.h, Ctrl-C), plain
// std::getline otherwise (scripts, pipes).
//
// Ctrl-C: while an InterruptHandler lives, SIGINT only sets interruptFlag()
// (no longjmp). A running query polls it (EngineOptions::cancel); while a line
// is being typed it ends the line as Discarded.
#pragma once

#include <atomic>
#include <csignal>
#include <istream>
#include <string>

namespace kgraph::cli {

// Set by Ctrl-C; whoever acts on it clears it.
std::atomic<bool>& interruptFlag();

// Installs the SIGINT and SIGWINCH handlers for its lifetime (without
// SA_RESTART, so that a blocked read() returns and sees the flags).
class InterruptHandler {
public:
    InterruptHandler();
    ~InterruptHandler();
    InterruptHandler(const InterruptHandler&) = delete;
    InterruptHandler& operator=(const InterruptHandler&) = delete;

private:
    struct sigaction previous_ {};
    struct sigaction previousResize_ {};
};

class LineSource {
public:
    enum class Status { Line, Discarded, End };

    // `interactive`: libedit with prompts, history and completion; else getline on `in`.
    LineSource(std::istream& in, bool interactive);
    ~LineSource();
    LineSource(const LineSource&) = delete;
    LineSource& operator=(const LineSource&) = delete;

    // The next line (without its newline), or Discarded (Ctrl-C), or End.
    Status next(const char* prompt, std::string& line);

    // Adds an entry to the history (on a terminal): the shell adds a whole
    // statement once it is complete, not each of its lines.
    void remember(const std::string& entry);

private:
    std::istream& in_;
    bool interactive_;
    std::string last_;  // the last history entry added
};

}  // namespace kgraph::cli
