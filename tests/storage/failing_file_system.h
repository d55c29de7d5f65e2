// A RocksDB file system that runs out of space on demand, for tests of write
// errors: after failAfter(n), appends succeed until n more bytes are written;
// the append that crosses the limit writes what fits (a torn write, as a full
// disk does) and fails with "No space left on device", and so does every
// append after it until failAfter(-1).
#pragma once

#include <rocksdb/env.h>
#include <rocksdb/file_system.h>

#include <atomic>
#include <memory>

namespace kgraph::testing {

class FailingFileSystem : public rocksdb::FileSystemWrapper {
public:
    FailingFileSystem() : FileSystemWrapper(rocksdb::FileSystem::Default()) {}
    const char* Name() const override { return "FailingFileSystem"; }

    // -1: never fail (the default).
    void failAfter(int64_t bytes) { budget_ = bytes; }
    uint64_t failures() const { return failures_; }

    rocksdb::IOStatus NewWritableFile(const std::string& f, const rocksdb::FileOptions& o,
                                      std::unique_ptr<rocksdb::FSWritableFile>* r,
                                      rocksdb::IODebugContext* dbg) override {
        auto s = target()->NewWritableFile(f, o, r, dbg);
        if (s.ok()) *r = std::make_unique<File>(std::move(*r), *this);
        return s;
    }

private:
    class File : public rocksdb::FSWritableFileOwnerWrapper {
    public:
        File(std::unique_ptr<rocksdb::FSWritableFile> t, FailingFileSystem& fs)
            : FSWritableFileOwnerWrapper(std::move(t)), fs_(fs) {}
        rocksdb::IOStatus Append(const rocksdb::Slice& data, const rocksdb::IOOptions& o,
                                 rocksdb::IODebugContext* dbg) override {
            size_t fits = fs_.take(data.size());
            if (fits == data.size()) return target()->Append(data, o, dbg);
            if (fits > 0) target()->Append(rocksdb::Slice(data.data(), fits), o, dbg);
            return rocksdb::IOStatus::NoSpace("No space left on device (injected)");
        }
        rocksdb::IOStatus Append(const rocksdb::Slice& data, const rocksdb::IOOptions& o,
                                 const rocksdb::DataVerificationInfo&,
                                 rocksdb::IODebugContext* dbg) override {
            return Append(data, o, dbg);
        }
        rocksdb::IOStatus PositionedAppend(const rocksdb::Slice& data, uint64_t offset,
                                           const rocksdb::IOOptions& o,
                                           rocksdb::IODebugContext* dbg) override {
            if (fs_.take(data.size()) != data.size()) {
                return rocksdb::IOStatus::NoSpace("No space left on device (injected)");
            }
            return target()->PositionedAppend(data, offset, o, dbg);
        }
        rocksdb::IOStatus PositionedAppend(const rocksdb::Slice& data, uint64_t offset,
                                           const rocksdb::IOOptions& o,
                                           const rocksdb::DataVerificationInfo&,
                                           rocksdb::IODebugContext* dbg) override {
            return PositionedAppend(data, offset, o, dbg);
        }

    private:
        FailingFileSystem& fs_;
    };

    // How many of `n` bytes may be written now.
    size_t take(size_t n) {
        int64_t b = budget_.load();
        if (b < 0) return n;
        size_t fits = static_cast<size_t>(b) < n ? static_cast<size_t>(b) : n;
        budget_ = b - static_cast<int64_t>(fits);
        if (fits < n) ++failures_;
        return fits;
    }

    std::atomic<int64_t> budget_{-1};
    std::atomic<uint64_t> failures_{0};
};

}  // namespace kgraph::testing
