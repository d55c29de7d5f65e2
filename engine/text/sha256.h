// SHA-256 of a byte string, as 64 lower-case hex digits (FIPS 180-4).
// Used as the content hash that makes re-building an unchanged file a no-op.
#pragma once

#include <string>
#include <string_view>

namespace kgraph::text {

std::string sha256Hex(std::string_view data);

}  // namespace kgraph::text
