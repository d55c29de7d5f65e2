#include "storage/csv_reader.h"

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string_view>

#include "engine/common/error.h"

namespace kgraph::storage {

std::string CsvReader::readFile(const std::string& path) {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) throw Error(path + ": cannot open (" + std::strerror(errno) + ")");
    std::string out;
    if (std::fseek(f, 0, SEEK_END) == 0) {
        long size = std::ftell(f);
        if (size > 0) out.reserve(static_cast<size_t>(size));
        std::fseek(f, 0, SEEK_SET);
    }
    char buf[1 << 16];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
    bool bad = std::ferror(f);
    std::fclose(f);
    if (bad) throw Error(path + ": read error");
    return out;
}

CsvReader::CsvReader(std::string path) : CsvReader(path, readFile(path)) {}

namespace {

// Offset of the first byte that does not belong to a well-formed UTF-8 sequence (no
// overlong forms, no surrogates, nothing above U+10FFFF), or npos. ASCII runs go 8 bytes
// at a time.
size_t firstInvalidUtf8(std::string_view s) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    size_t i = 0, n = s.size();
    while (i < n) {
        if (i + 8 <= n) {
            uint64_t w;
            std::memcpy(&w, p + i, 8);
            if ((w & 0x8080808080808080ull) == 0) {
                i += 8;
                continue;
            }
        }
        unsigned char c = p[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        size_t len = c >= 0xC2 && c <= 0xDF   ? 2
                     : c >= 0xE0 && c <= 0xEF ? 3
                     : c >= 0xF0 && c <= 0xF4 ? 4
                                              : 0;
        if (len == 0 || i + len > n) return i;
        unsigned char c1 = p[i + 1];
        unsigned char lo = 0x80, hi = 0xBF;
        if (c == 0xE0) lo = 0xA0;
        if (c == 0xED) hi = 0x9F;  // no surrogates
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;
        if (c1 < lo || c1 > hi) return i;
        for (size_t k = 2; k < len; ++k) {
            if ((p[i + k] & 0xC0) != 0x80) return i;
        }
        i += len;
    }
    return std::string_view::npos;
}

}  // namespace

CsvReader::CsvReader(std::string name, std::string contents, size_t firstLine)
    : name_(std::move(name)), data_(std::move(contents)), line_(firstLine) {
    if (firstLine == 1 && data_.compare(0, 3, "\xEF\xBB\xBF") == 0) pos_ = lineStart_ = 3;
    // Names go into the database and out through every export: refuse bytes that are not
    // UTF-8 here, naming where, rather than write them.
    size_t bad = firstInvalidUtf8(data_);
    if (bad != std::string_view::npos) {
        size_t line = firstLine, start = 0;
        for (size_t i = 0; i < bad; ++i) {
            if (data_[i] == '\n') {
                ++line;
                start = i + 1;
            }
        }
        failAt(line, bad - start + 1,
               "not valid UTF-8; convert the file to UTF-8 (e.g. with iconv) and import again");
    }
}

bool CsvReader::next(std::vector<std::string_view>& fields) {
    fields.clear();
    fieldPos_.clear();
    const size_t end = data_.size();
    if (pos_ >= end) return false;
    char* d = data_.data();
    recordLine_ = line_;
    while (true) {
        fieldPos_.push_back({line_, pos_ - lineStart_ + 1});
        if (pos_ < end && d[pos_] == '"') {
            // Quoted: unescape in place from the opening quote on.
            size_t out = pos_;
            size_t start = out;
            size_t openLine = line_, openColumn = pos_ - lineStart_ + 1;
            ++pos_;
            while (true) {
                if (pos_ >= end) failAt(openLine, openColumn, "unterminated quoted field");
                char c = d[pos_];
                if (c == '"') {
                    if (pos_ + 1 < end && d[pos_ + 1] == '"') {
                        d[out++] = '"';
                        pos_ += 2;
                        continue;
                    }
                    ++pos_;
                    break;
                }
                if (c == '\n') {
                    ++line_;
                    lineStart_ = pos_ + 1;
                }
                d[out++] = c;
                ++pos_;
            }
            fields.emplace_back(d + start, out - start);
            if (pos_ < end && d[pos_] != ',' && d[pos_] != '\n' &&
                !(d[pos_] == '\r' && pos_ + 1 < end && d[pos_ + 1] == '\n') &&
                !(d[pos_] == '\r' && pos_ + 1 == end)) {
                failAt(line_, pos_ - lineStart_ + 1, "unexpected text after a closing quote");
            }
        } else {
            size_t start = pos_;
            while (pos_ < end) {
                char c = d[pos_];
                if (c == ',' || c == '\n') break;
                if (c == '\r' && (pos_ + 1 == end || d[pos_ + 1] == '\n')) break;
                if (c == '"') {
                    failAt(line_, pos_ - lineStart_ + 1,
                           "a quote inside an unquoted field (quote the whole field and double the "
                           "quote)");
                }
                ++pos_;
            }
            fields.emplace_back(d + start, pos_ - start);
        }
        if (pos_ >= end) return true;
        char c = d[pos_];
        if (c == ',') {
            ++pos_;
            continue;
        }
        if (c == '\r') ++pos_;
        if (pos_ < end) ++pos_;  // the '\n'
        ++line_;
        lineStart_ = pos_;
        return true;
    }
}

void CsvReader::failAt(size_t line, size_t column, const std::string& message) const {
    throw Error(name_ + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + message);
}

void CsvReader::fail(size_t field, const std::string& message) const {
    if (field < fieldPos_.size()) failAt(fieldPos_[field].line, fieldPos_[field].column, message);
    // Just after the last field: the end of the record's last line.
    size_t line = fieldPos_.empty() ? recordLine_ : fieldPos_.back().line;
    size_t endOfRecord = pos_;
    while (endOfRecord > 0 && (data_[endOfRecord - 1] == '\n' || data_[endOfRecord - 1] == '\r'))
        --endOfRecord;
    size_t lineBegin = data_.rfind('\n', endOfRecord == 0 ? 0 : endOfRecord - 1);
    lineBegin = lineBegin == std::string::npos ? 0 : lineBegin + 1;
    failAt(line, endOfRecord - lineBegin + 1, message);
}

void CsvReader::failLine(const std::string& message) const {
    throw Error(name_ + ":" + std::to_string(recordLine_) + ": " + message);
}

}  // namespace kgraph::storage
