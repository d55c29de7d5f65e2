// Bulk import of a prepared graph from CSV (`kgraph import --nodes --edges`).
//
//   nodes.csv   header `name,label`: one node per line, names unique
//   edges.csv   header `src,dst,type`: one relationship per line, endpoints by name
//
// RFC 4180 quoting (storage/csv_reader.h). Both files are read and validated
// completely before anything is written: an error names the file, line and
// column, and nothing is committed. Then every record, index entry, count,
// dictionary entry and id allocator is generated in memory, sorted, written
// as one SST file per key prefix (two threads) and added to the database
// with one atomic IngestExternalFile call: after a crash the import is
// wholly present or wholly absent.
//
// The result is the database a WriteTxn would build by creating the nodes in
// file order (createNode({label}, {{"name", name}})) and then the
// relationships in file order (createEdge(src, dst, type, {})): the same
// keys, ids, dictionary ids, records and counts, so `kgraph check` passes on
// it and queries see no difference.
//
// The database must be new or empty (it may exist, holding nothing but its
// format record); importing into a database with data is an error that
// changes nothing (merge through `kgraph build` or a query instead).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace kgraph::storage {

// How far an import has come, as a progress callback sees it.
struct BulkImportProgress {
    // "reading nodes", "reading edges", "writing", "ingesting", then "done".
    std::string_view phase;
    // Estimated share of the whole import done, in [0, 1]; never decreases,
    // exactly 1 only in the last call. Reading is measured in bytes parsed,
    // writing in keys written against the number expected; the phases are
    // weighted by their measured share of the time of a 1M-edge import.
    double fraction = 0;
    // Node and relationship rows parsed so far.
    uint64_t rows = 0;
    // All the rows of the input files: while reading, extrapolated from the
    // bytes parsed; exact once both files are read.
    uint64_t expectedRows = 0;
};

struct BulkImportOptions {
    // Threads writing SST files. Default: 2.
    int threads = 2;
    // If set, called every `progressInterval` while the import runs and once
    // more with phase "done" and fraction 1 when it succeeded. It runs on a
    // thread of its own (never two calls at once), so it must not block long.
    std::function<void(const BulkImportProgress&)> progress;
    std::chrono::milliseconds progressInterval{100};
};

struct BulkImportResult {
    uint64_t nodes = 0;
    uint64_t edges = 0;
    uint64_t labels = 0;
    uint64_t types = 0;
    uint64_t bytesRead = 0;
};

// Imports into the database directory `dbPath` (created if missing).
// `edgesCsv` may be empty (nodes only). Throws kgraph::Error (User for bad
// input or a non-empty database, Storage for write failures).
BulkImportResult bulkImport(const std::string& dbPath, const std::string& nodesCsv,
                            const std::string& edgesCsv, const BulkImportOptions& options = {});

}  // namespace kgraph::storage
