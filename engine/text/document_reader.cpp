#include "engine/text/document_reader.h"

#include <cstdio>
#include <fstream>
#include <sstream>

#include "engine/common/error.h"
#include "engine/text/sha256.h"
#include "engine/text/utf8.h"

namespace kgraph::text {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

}  // namespace

std::string parsePublishedDate(std::string_view s) {
    static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    s = trim(s);
    if (s.size() < 8) return "";
    int month = 0;
    for (int m = 0; m < 12; ++m) {
        if (s.substr(0, 3) == kMonths[m]) month = m + 1;
    }
    if (month == 0) return "";
    int day = 0, year = 0, hour = -1, minute = -1;
    char ampm[3] = {0, 0, 0};
    std::string rest(s.substr(3));
    int n = std::sscanf(rest.c_str(), " %d, %d %d:%d %2s", &day, &year, &hour, &minute, ampm);
    if (n < 2 || day < 1 || day > 31 || year < 1000) return "";
    char buf[64];  // room for any int, so the compiler can prove nothing is cut
    if (n >= 4 && hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59) {
        if (n == 5 && (ampm[0] == 'P' || ampm[0] == 'p') && hour < 12) hour += 12;
        if (n == 5 && (ampm[0] == 'A' || ampm[0] == 'a') && hour == 12) hour = 0;
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d", year, month, day, hour, minute);
    } else {
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    }
    return buf;
}

SourceDocument documentFromText(std::string text, const std::string& id, const std::string& path) {
    if (text.find('\0') != std::string::npos) {
        throw Error(path + ": looks like a binary file (it contains NUL bytes); skipped");
    }
    if (auto bad = firstInvalidUtf8(text)) {
        throw Error(path + ": not valid UTF-8 (first bad byte at offset " + std::to_string(*bad) +
                    "); convert it to UTF-8, e.g. with iconv");
    }
    SourceDocument doc;
    doc.id = id;
    doc.path = path;
    doc.sha256 = sha256Hex(text);
    std::istringstream lines(text);
    std::string line;
    int seen = 0;
    while (std::getline(lines, line) && seen < 4) {
        auto t = trim(line);
        if (t.empty()) continue;
        ++seen;
        if (doc.title.empty()) {
            doc.title = std::string(t);
        } else if (t.starts_with("Published:")) {
            doc.published = parsePublishedDate(t.substr(10));
        }
    }
    doc.text = std::move(text);
    return doc;
}

SourceDocument readDocument(const std::filesystem::path& file, const std::string& id) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw Error(file.string() + ": cannot be read (missing or no permission); skipped");
    std::ostringstream buf;
    buf << in.rdbuf();
    if (in.bad()) throw Error(file.string() + ": read error; skipped");
    return documentFromText(std::move(buf).str(), id, file.string());
}

}  // namespace kgraph::text
