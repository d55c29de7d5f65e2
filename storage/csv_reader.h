// CsvReader: a fast RFC 4180 reader for bulk import.
//
// The whole file is read into memory once; records are returned as
// string_views into that buffer, so reading allocates nothing per field.
// Quoted fields ("a, b" and "say ""hi""") are unescaped in place; a quoted
// field may span lines. Records end at LF or CRLF; a UTF-8 byte order mark at
// the start is skipped; a final line break is optional.
//
// Errors (unreadable file, unterminated quote, text after a closing quote, a
// quote inside an unquoted field) throw kgraph::Error (User) with the message
// "FILE:LINE:COLUMN: what", LINE and COLUMN 1-based, COLUMN in bytes.
//
// Thread-safety: one thread at a time.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kgraph::storage {

class CsvReader {
public:
    // Reads `path` into memory. Throws Error if it cannot be read.
    explicit CsvReader(std::string path);
    // Parses CSV held in memory; `name` is used in error messages. `contents`
    // may be a part of a file that starts at line `firstLine` (at a record
    // boundary).
    CsvReader(std::string name, std::string contents, size_t firstLine = 1);

    // The bytes of file `path`. Throws Error naming it if it cannot be read.
    static std::string readFile(const std::string& path);

    // Reads the next record into `fields` (cleared first). Returns false, with
    // `fields` empty, at the end of the input. The views stay valid as long as
    // the reader lives.
    bool next(std::vector<std::string_view>& fields);

    // Where the last record returned by next() starts: its 1-based line, and
    // each field's 1-based line and column.
    size_t line() const { return recordLine_; }
    size_t fieldLine(size_t field) const { return fieldPos_.at(field).line; }
    size_t fieldColumn(size_t field) const { return fieldPos_.at(field).column; }

    // Throws Error "FILE:LINE:COLUMN: message" for field `field` of the last
    // record (field == fields.size() means just after its last field).
    [[noreturn]] void fail(size_t field, const std::string& message) const;
    // Throws Error "FILE:LINE: message" for the last record.
    [[noreturn]] void failLine(const std::string& message) const;

    const std::string& name() const { return name_; }
    size_t size() const { return data_.size(); }
    // Bytes of the input consumed so far.
    size_t offset() const { return pos_; }

private:
    struct Position {
        size_t line;
        size_t column;
    };
    [[noreturn]] void failAt(size_t line, size_t column, const std::string& message) const;

    std::string name_;
    std::string data_;
    size_t pos_ = 0;
    size_t line_ = 1;       // line of data_[pos_]
    size_t lineStart_ = 0;  // offset in data_ where that line starts
    size_t recordLine_ = 0;
    std::vector<Position> fieldPos_;
};

}  // namespace kgraph::storage
