// UTF-8 validation.
#pragma once

#include <optional>
#include <string_view>

namespace kgraph::text {

// Returns the byte offset of the first invalid UTF-8 sequence, or nullopt if
// `s` is valid UTF-8 (overlong forms and surrogates count as invalid).
std::optional<size_t> firstInvalidUtf8(std::string_view s);

}  // namespace kgraph::text
