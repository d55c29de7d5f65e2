#include "cli/line_reader.h"

#include <editline/readline.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>

#include "cli/shell_completion.h"

namespace kgraph::cli {

namespace {

std::string historyPath() {
    const char* home = std::getenv("HOME");
    return home ? std::string(home) + "/.kgraph_history" : "";
}

// Ctrl-C. The handler only sets this flag (nothing else is async-signal-safe
// here). static_assert: a lock-free atomic is safe to write from a handler.
std::atomic<bool> gInterrupted{false};
static_assert(std::atomic<bool>::is_always_lock_free);
// Set by readCharacter when Ctrl-C ended the line being typed.
bool gLineDiscarded = false;

// The terminal was resized (SIGWINCH); libedit's own handlers are off
// (rl_catch_signals = 0), so readCharacter tells it.
std::atomic<bool> gResized{false};

extern "C" void onInterrupt(int) { gInterrupted.store(true); }
extern "C" void onResize(int) { gResized.store(true); }

// libedit's character reader (rl_getc_function): one code point per call,
// decoded from UTF-8 (libedit stores the int as a wchar_t). Ctrl-C while
// typing ends the line with '\n' and marks it discarded, so readline()
// returns, the prompt comes back and nothing runs.
int readCharacter(FILE* in) {
    auto readByte = [&](unsigned char& c) {
        for (;;) {
            if (gInterrupted.exchange(false)) {
                gLineDiscarded = true;
                return false;
            }
            ssize_t n = ::read(fileno(in), &c, 1);
            if (n == 1) return true;
            if (n < 0 && errno == EINTR) {
                if (gResized.exchange(false)) rl_resize_terminal();
                continue;
            }
            return false;  // end of input or an error
        }
    };
    unsigned char c = 0;
    if (!readByte(c)) return gLineDiscarded ? '\n' : EOF;
    int extra = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : 0;
    int cp = extra == 3 ? c & 0x07 : extra == 2 ? c & 0x0f : extra == 1 ? c & 0x1f : c;
    for (int i = 0; i < extra; ++i) {
        unsigned char next = 0;
        if (!readByte(next)) return gLineDiscarded ? '\n' : EOF;
        cp = (cp << 6) | (next & 0x3f);
    }
    return cp;
}
}  // namespace

std::atomic<bool>& interruptFlag() { return gInterrupted; }

InterruptHandler::InterruptHandler() {
    struct sigaction sa {};
    sa.sa_handler = onInterrupt;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &previous_);
    sa.sa_handler = onResize;
    sigaction(SIGWINCH, &sa, &previousResize_);
}

InterruptHandler::~InterruptHandler() {
    sigaction(SIGINT, &previous_, nullptr);
    sigaction(SIGWINCH, &previousResize_, nullptr);
}

LineSource::LineSource(std::istream& in, bool interactive) : in_(in), interactive_(interactive) {
    if (interactive_) {
        // Our reader handles Ctrl-C; libedit must not install its own handlers.
        rl_catch_signals = 0;
        rl_getc_function = readCharacter;
        using_history();
        rl_attempted_completion_function = completeWord;
        // Labels and types follow ':' and properties '.': break words there too.
        static char breaks[] = " \t\n\"'`@$><=;|&{(:.,[]";
        rl_completer_word_break_characters = breaks;
        rl_basic_word_break_characters = breaks;
        if (auto h = historyPath(); !h.empty()) read_history(h.c_str());
    }
}

LineSource::~LineSource() {
    if (interactive_) {
        if (auto h = historyPath(); !h.empty()) write_history(h.c_str());
    }
}

LineSource::Status LineSource::next(const char* prompt, std::string& line) {
    if (!interactive_) return std::getline(in_, line) ? Status::Line : Status::End;
    gLineDiscarded = false;
    gInterrupted.store(false);  // a Ctrl-C during a meta-command (:render, :schema) is spent
    char* raw = readline(prompt);
    if (!raw) return Status::End;
    line = raw;
    std::free(raw);
    if (gLineDiscarded) return Status::Discarded;
    return Status::Line;
}

void LineSource::remember(const std::string& entry) {
    if (!interactive_ || entry.find_first_not_of(" \t\r\n") == std::string::npos) return;
    if (entry == last_) return;  // Up + Enter runs it again: one entry is enough
    add_history(entry.c_str());
    last_ = entry;
}

}  // namespace kgraph::cli
