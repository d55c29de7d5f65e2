// A one-line progress bar on stderr with rate and ETA, redrawn at most ten
// times a second; silent when disabled (not a terminal, or --quiet).
#pragma once

#include <chrono>
#include <cstdio>
#include <string>

namespace kgraph::cli {

class Progress {
public:
    // `rateUnit` names what advance()'s running total counts ("words", "facts").
    Progress(std::string what, size_t total, std::string unit, bool enabled,
             std::string rateUnit = "words")
        : what_(std::move(what)),
          unit_(std::move(unit)),
          rateUnit_(std::move(rateUnit)),
          total_(total),
          enabled_(enabled),
          start_(std::chrono::steady_clock::now()) {}

    // For a total known only once work started.
    void setTotal(size_t total) { total_ = total; }
    // `done` items more; `words` is the running total shown as a rate.
    void advance(size_t done, size_t words) {
        done_ += done;
        words_ = words;
        if (!enabled_) return;
        auto now = std::chrono::steady_clock::now();
        if (done_ < total_ && now - lastDraw_ < std::chrono::milliseconds(100)) return;
        lastDraw_ = now;
        double secs = std::chrono::duration<double>(now - start_).count();
        double frac = total_ ? static_cast<double>(done_) / total_ : 1.0;
        int filled = static_cast<int>(frac * 30);
        double eta = frac > 0 ? secs / frac - secs : 0;
        std::fprintf(stderr, "\r%s [%s%s] %zu/%zu %s  %.0f %s/s  ETA %.0fs ", what_.c_str(),
                     std::string(filled, '#').c_str(), std::string(30 - filled, ' ').c_str(), done_,
                     total_, unit_.c_str(), secs > 0 ? words_ / secs : 0.0, rateUnit_.c_str(), eta);
        std::fflush(stderr);
    }
    void finish() {
        if (enabled_) std::fprintf(stderr, "\n");
    }

private:
    std::string what_, unit_, rateUnit_;
    size_t total_, done_ = 0, words_ = 0;
    bool enabled_;
    std::chrono::steady_clock::time_point start_, lastDraw_{};
};

}  // namespace kgraph::cli
