// A one-line progress bar on stderr with rate and ETA, redrawn at most ten
// times a second; silent when disabled (not a terminal, or --quiet).
// One thread at a time.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <string_view>

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
        if (!due(done_ >= total_)) return;
        double frac = total_ ? static_cast<double>(done_) / total_ : 1.0;
        draw(frac, std::to_string(done_) + "/" + std::to_string(total_) + " " + unit_, words_, "");
    }
    // For work measured as a share done: `fraction` in [0, 1], `count` the
    // running total of `unit` shown as a rate, `note` what is happening now.
    void show(double fraction, size_t count, std::string_view note) {
        if (!due(fraction >= 1.0)) return;
        draw(fraction, std::to_string(static_cast<int>(fraction * 100)) + "%", count, note);
    }
    void finish() {
        if (enabled_) std::fprintf(stderr, "\n");
    }

private:
    // At most ten redraws a second, but always the last one.
    bool due(bool last) {
        if (!enabled_) return false;
        auto now = std::chrono::steady_clock::now();
        if (!last && now - lastDraw_ < std::chrono::milliseconds(100)) return false;
        lastDraw_ = now;
        return true;
    }
    void draw(double frac, const std::string& done, size_t count, std::string_view note) {
        double secs =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
        int filled = static_cast<int>(std::clamp(frac, 0.0, 1.0) * 30);
        double eta = frac > 0 ? secs / frac - secs : 0;
        // Trailing spaces wipe what a longer previous line left behind.
        std::fprintf(stderr, "\r%s [%s%s] %s  %.0f %s/s  ETA %.0fs %.*s    ", what_.c_str(),
                     std::string(filled, '#').c_str(), std::string(30 - filled, ' ').c_str(),
                     done.c_str(), secs > 0 ? count / secs : 0.0, rateUnit_.c_str(), eta,
                     static_cast<int>(note.size()), note.data());
        std::fflush(stderr);
    }

    std::string what_, unit_, rateUnit_;
    size_t total_, done_ = 0, words_ = 0;
    bool enabled_;
    std::chrono::steady_clock::time_point start_, lastDraw_{};
};

}  // namespace kgraph::cli
