// UTF-8 validation and encoding.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kgraph::text {

// The length in bytes of the well-formed UTF-8 sequence starting at s[i] (Unicode table 3-7:
// no overlong forms, no surrogates, nothing above U+10FFFF), or 0 if none starts there.
// REQUIRES: i < s.size().
size_t utf8SequenceLength(std::string_view s, size_t i);

// Returns the byte offset of the first invalid UTF-8 sequence, or nullopt if
// `s` is valid UTF-8 (overlong forms and surrogates count as invalid).
std::optional<size_t> firstInvalidUtf8(std::string_view s);

// Appends code point `cp` (at most U+10FFFF) as UTF-8.
void appendUtf8(std::string& out, uint32_t cp);

}  // namespace kgraph::text
