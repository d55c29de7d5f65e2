// Integer hashing for features and words.
//
// Features are never strings at run time: every feature is a 64-bit hash of a
// template id and one to three integer values, and words enter features as the
// hash of their (lower-cased) bytes. The functions are fixed (FNV-1a and a
// multiply-xorshift mixer), so model files are portable across builds.
#pragma once

#include <cstdint>
#include <string_view>

namespace kgraph::nlp {

inline constexpr uint64_t kFnvOffset = 1469598103934665603ULL;
inline constexpr uint64_t kFnvPrime = 1099511628211ULL;

inline uint64_t hashBytes(std::string_view s, uint64_t h = kFnvOffset) {
    for (unsigned char c : s) {
        h ^= c;
        h *= kFnvPrime;
    }
    return h;
}

inline char asciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

// Hash of the ASCII-lower-cased bytes of s; non-ASCII bytes are kept as they are.
inline uint64_t hashLower(std::string_view s, uint64_t h = kFnvOffset) {
    for (char c : s) {
        h ^= static_cast<unsigned char>(asciiLower(c));
        h *= kFnvPrime;
    }
    return h;
}

inline uint64_t combine(uint64_t h, uint64_t v) {
    h ^= v + 0x9E3779B97F4A7C15ULL;
    h *= 0xBF58476D1CE4E5B9ULL;
    h ^= h >> 31;
    return h;
}

// A feature key: never 0, because 0 marks an empty slot in FeatureTable. Keys
// keep 48 bits: a model file stores its sorted keys as varint deltas, which then
// take 4 bytes instead of 7 (a million keys spread over 2^48), and among the few
// million distinct features of a training run none is likely to collide.
inline uint64_t feature(uint32_t tmpl, uint64_t a, uint64_t b = 0, uint64_t c = 0) {
    uint64_t h = combine(combine(combine(0xD6E8FEB86659FD93ULL * (tmpl + 1), a), b), c) >> 16;
    return h ? h : 1;
}

}  // namespace kgraph::nlp
