// SourceDocument: one input document as the extraction pipeline sees it.
//
// News articles in our samples start with a title line and a
// "Published: Jan 08, 2022 05:29 PM" line; readDocument() takes both out into
// fields (the text stays whole, so character offsets refer to the file).
#pragma once

#include <filesystem>
#include <string>

namespace kgraph::text {

struct SourceDocument {
    std::string id;         // stable id: the path relative to the build root
    std::string path;       // the path as given
    std::string text;       // the whole file, valid UTF-8
    std::string title;      // first non-empty line, trimmed
    std::string published;  // ISO 8601 "2022-01-08T17:29" or empty
    std::string sha256;     // of the raw bytes
};

// Reads and checks a file. Throws kgraph::Error naming the file if it cannot
// be read, looks binary (NUL bytes) or is not valid UTF-8 (with the offset).
SourceDocument readDocument(const std::filesystem::path& file, const std::string& id);

// The same from text already in memory (for `kgraph extract` on stdin).
SourceDocument documentFromText(std::string text, const std::string& id, const std::string& path);

// "Jan 08, 2022 05:29 PM" -> "2022-01-08T17:29"; empty if it does not parse.
std::string parsePublishedDate(std::string_view s);

}  // namespace kgraph::text
