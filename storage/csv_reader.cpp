#include "storage/csv_reader.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

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

CsvReader::CsvReader(std::string name, std::string contents, size_t firstLine)
    : name_(std::move(name)), data_(std::move(contents)), line_(firstLine) {
    if (firstLine == 1 && data_.compare(0, 3, "\xEF\xBB\xBF") == 0) pos_ = lineStart_ = 3;
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
