#include "engine/text/document_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <sstream>
#include <thread>

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

namespace {

// Closes a file descriptor on scope exit.
struct Fd {
    int fd = -1;
    ~Fd() {
        if (fd >= 0) ::close(fd);
    }
};

bool transient(int err) { return err == EMFILE || err == ENFILE || err == ENOMEM; }

std::string describeErrno(int err) { return std::strerror(err); }

// Reads `fd` to its end in 64 KB chunks. Throws (naming `name`) at the first chunk holding a
// NUL byte or once more than kMaxDocumentBytes were read, before holding anything bigger.
std::string readChunks(int fd, const std::string& name) {
    std::string text;
    char buf[65536];
    for (;;) {
        ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0) {
            if (errno == EINTR) continue;
            int err = errno;
            if (err == EISDIR)
                throw Error(name +
                            ": is a directory, not a document (`kgraph build` reads folders)");
            throw Error(name + ": read error (" + describeErrno(err) + ")",
                        err == EIO ? Error::Kind::Storage : Error::Kind::User);
        }
        if (n == 0) break;
        if (std::memchr(buf, '\0', static_cast<size_t>(n))) {
            throw Error(name + ": looks like a binary file (it contains NUL bytes); skipped");
        }
        if (text.size() + static_cast<size_t>(n) > kMaxDocumentBytes) {
            throw Error(name + ": too large (over " + std::to_string(kMaxDocumentBytes) +
                        " bytes, the most a document may have); split it into smaller files");
        }
        text.append(buf, static_cast<size_t>(n));
    }
    return text;
}

}  // namespace

SourceDocument readDocument(const std::filesystem::path& file, const std::string& id) {
    const std::string name = file.string();
    Fd f;
    // Out of file descriptors is the machine's state, not the file's: wait for other
    // descriptors (a database's table files) to be released a few times before giving up.
    for (int attempt = 0;; ++attempt) {
        f.fd = ::open(name.c_str(), O_RDONLY | O_CLOEXEC);
        if (f.fd >= 0) break;
        int err = errno;
        if (err == EINTR) continue;
        if (transient(err)) {
            if (attempt < 5) {
                std::this_thread::sleep_for(std::chrono::milliseconds(20 << attempt));
                continue;
            }
            throw Error(name + ": cannot be opened: " + describeErrno(err) +
                            (err == ENOMEM ? ""
                                           : "; raise the limit on open files (ulimit -n) and "
                                             "run the command again"),
                        Error::Kind::Storage);
        }
        throw Error(name + ": cannot be read (" + describeErrno(err) + "); skipped");
    }
    struct stat st {};
    if (::fstat(f.fd, &st) == 0) {
        if (S_ISDIR(st.st_mode))
            throw Error(name + ": is a directory, not a document (`kgraph build` reads folders)");
        if (S_ISREG(st.st_mode) && static_cast<uint64_t>(st.st_size) > kMaxDocumentBytes) {
            throw Error(name + ": too large (" + std::to_string(st.st_size) +
                        " bytes; a document may have at most " + std::to_string(kMaxDocumentBytes) +
                        "); split it into smaller files");
        }
    }
    return documentFromText(readChunks(f.fd, name), id, name);
}

SourceDocument readDocumentFromStdin() {
    return documentFromText(readChunks(STDIN_FILENO, "-"), "stdin", "-");
}

}  // namespace kgraph::text
