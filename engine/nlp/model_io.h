// The container format of kgraph's NLP model files.
//
// A model file is
//   magic "KGNLPMDL" | u32 format version | u32 kind | str training data |
//   u64 payload size | u64 FNV-1a checksum of the payload | payload
// with little-endian integers and str = u32 length + bytes. load() checks every
// field and throws kgraph::Error naming the file and the remedy (retrain or
// restore the shipped file) when anything does not match.
//
// DO NOT CHANGE the layout of an existing kind without bumping kFormatVersion:
// shipped model files are committed to the repository. Readers accept versions
// kMinFormatVersion..kFormatVersion and get the file's version from readModelFile.
// Version 2: 48-bit feature keys (version 1 files hash differently and are
// rejected). Version 3 appended the tagger's lexicon classes (the parser layout
// is that of version 2; version 2 taggers load without lexicon features).
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace kgraph::nlp {

inline constexpr uint32_t kFormatVersion = 3;
inline constexpr uint32_t kMinFormatVersion = 2;
inline constexpr char kTrainingDataName[] = "UD English EWT 2.15 (CC BY-SA 4.0)";

enum class ModelKind : uint32_t { Tagger = 1, Parser = 2 };

// Appends little-endian values to a byte string.
class BinaryWriter {
public:
    template <typename T>
    void put(T v) {
        static_assert(std::is_trivially_copyable_v<T>);
        char buf[sizeof(T)];
        std::memcpy(buf, &v, sizeof(T));
        bytes_.append(buf, sizeof(T));
    }
    void putString(std::string_view s) {
        put<uint32_t>(static_cast<uint32_t>(s.size()));
        bytes_.append(s);
    }
    template <typename T>
    void putVector(const std::vector<T>& v) {
        static_assert(std::is_trivially_copyable_v<T>);
        put<uint64_t>(v.size());
        bytes_.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
    }
    void putVarint(uint64_t v) {
        while (v >= 0x80) {
            bytes_.push_back(static_cast<char>((v & 0x7F) | 0x80));
            v >>= 7;
        }
        bytes_.push_back(static_cast<char>(v));
    }
    const std::string& bytes() const { return bytes_; }

private:
    std::string bytes_;
};

// Reads what BinaryWriter wrote; throws kgraph::Error on a truncated payload.
class BinaryReader {
public:
    BinaryReader(std::string_view bytes, std::string source)
        : data_(bytes), source_(std::move(source)) {}
    template <typename T>
    T get() {
        T v;
        std::memcpy(&v, take(sizeof(T)), sizeof(T));
        return v;
    }
    std::string getString() {
        uint32_t n = get<uint32_t>();
        return std::string(take(n), n);
    }
    template <typename T>
    std::vector<T> getVector() {
        uint64_t n = get<uint64_t>();
        if (n > data_.size() / sizeof(T) + 1) fail();
        std::vector<T> v(n);
        std::memcpy(v.data(), take(n * sizeof(T)), n * sizeof(T));
        return v;
    }
    uint64_t getVarint() {
        uint64_t v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            uint8_t b = static_cast<uint8_t>(*take(1));
            v |= static_cast<uint64_t>(b & 0x7F) << shift;
            if (!(b & 0x80)) return v;
        }
        fail();
    }
    bool atEnd() const { return pos_ == data_.size(); }
    [[noreturn]] void fail() const;

private:
    const char* take(size_t n) {
        if (data_.size() - pos_ < n) fail();
        const char* p = data_.data() + pos_;
        pos_ += n;
        return p;
    }
    std::string_view data_;
    size_t pos_ = 0;
    std::string source_;
};

// Writes header + payload to path; throws kgraph::Error if the file cannot be written.
void writeModelFile(const std::string& path, ModelKind kind, const std::string& payload);

// Reads and verifies a model file; returns its payload and, if version is not
// null, stores the file's format version there.
std::string readModelFile(const std::string& path, ModelKind kind, uint32_t* version = nullptr);

}  // namespace kgraph::nlp
