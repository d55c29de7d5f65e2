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

// The largest document readDocument() takes (bytes). Extraction holds about 100 bytes per
// input byte at its peak; this keeps one document well inside the build's memory bound.
inline constexpr size_t kMaxDocumentBytes = 4u << 20;

// Reads and checks a file, in bounded chunks (a device such as /dev/zero is never read past
// the first chunk that shows it is binary, nor past kMaxDocumentBytes). Throws kgraph::Error
// naming the file:
//   - Kind::User when the file itself is the problem: missing, no permission, a directory,
//     binary (NUL bytes), not valid UTF-8 (with the offset), over kMaxDocumentBytes. A
//     caller walking many files names it and goes on.
//   - Kind::Storage when the machine is: too many open files (EMFILE/ENFILE, after a few
//     retries), out of memory, an I/O error. Nothing says the next file would fare better,
//     so a caller stops instead of skipping file after file.
SourceDocument readDocument(const std::filesystem::path& file, const std::string& id);

// Standard input read as readDocument() reads a file (chunks, binary check, size cap), as
// document "stdin" at path "-".
SourceDocument readDocumentFromStdin();

// The same from text already in memory (for `kgraph extract` on stdin).
SourceDocument documentFromText(std::string text, const std::string& id, const std::string& path);

// "Jan 08, 2022 05:29 PM" -> "2022-01-08T17:29"; empty if it does not parse.
std::string parsePublishedDate(std::string_view s);

}  // namespace kgraph::text
