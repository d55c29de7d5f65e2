// ASCII case folding: what keywords, function and procedure names and option values need
// (they are ASCII; other bytes pass through unchanged).
#pragma once

#include <string>
#include <string_view>

namespace kgraph::text {

inline char asciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }
inline char asciiUpper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c; }

inline std::string asciiLower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = asciiLower(c);
    return out;
}

inline std::string asciiUpper(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = asciiUpper(c);
    return out;
}

// True if `a` and `b` are equal ignoring ASCII case.
inline bool equalsIgnoringCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        if (asciiLower(a[i]) != asciiLower(b[i])) return false;
    }
    return true;
}

}  // namespace kgraph::text
