// kgraph extract [FILE...|-] : facts as a stream, no database.
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <iostream>
#include <mutex>
#include <optional>
#include <thread>

#include "cli/commands/command.h"
#include "engine/common/error.h"
#include "engine/extract/fact_writer.h"
#include "engine/extract/name_registry.h"
#include "engine/extract/parse_extractor.h"
#include "engine/text/document_reader.h"

namespace kgraph::cli {

namespace {

struct Options {
    std::vector<std::string> inputs;
    std::string format = "jsonl";
    bool sentences = false;
    bool documents = false;
    int jobs = 1;
};

struct Result {
    text::SourceDocument doc;
    extract::Extraction extraction;
    std::string error;
};

// Standard input, read once (however many times "-" is named) as a file is read: in chunks,
// with the binary check and the size cap (`cat /dev/zero | kgraph extract` stops at once).
struct StdinDocument {
    std::optional<text::SourceDocument> doc;
    std::string error;
};

Result extractOne(const extract::ParseExtractor& extractor, const std::string& in, bool sentences,
                  const StdinDocument& stdinDoc) {
    Result r;
    try {
        if (in == "-" && !stdinDoc.doc) throw Error(stdinDoc.error);
        r.doc = in == "-" ? *stdinDoc.doc
                          : text::readDocument(in, std::filesystem::path(in).filename().string());
        r.extraction = sentences ? extractor.extractLines(r.doc) : extractor.extract(r.doc);
    } catch (const Error& e) {
        r.error = e.what();
    }
    return r;
}

int runExtract(const Options& o) {
    extract::FactFormat format;
    if (!extract::parseFactFormat(o.format, format)) {
        throw Error("extract format '" + o.format + "' is not supported; use jsonl, tsv or openie",
                    Error::Kind::Usage);
    }
    if (o.jobs < 1) throw Error("--jobs must be at least 1", Error::Kind::Usage);
    extract::ParseExtractor extractor(modelDir());
    auto inputs = o.inputs.empty() ? std::vector<std::string>{"-"} : o.inputs;
    StdinDocument stdinDoc;
    if (std::find(inputs.begin(), inputs.end(), "-") != inputs.end()) {
        try {
            stdinDoc.doc = text::readDocumentFromStdin();
        } catch (const Error& e) {
            stdinDoc.error = e.what();
        }
    }
    // Documents are extracted by N threads and printed in input order as soon as
    // every earlier one is printed, so the output does not depend on --jobs.
    std::vector<Result> results(inputs.size());
    std::vector<char> done(inputs.size(), 0);
    std::mutex mu;
    std::condition_variable cv;
    std::atomic<size_t> next{0};
    auto worker = [&] {
        for (size_t i = next++; i < inputs.size(); i = next++) {
            Result r = extractOne(extractor, inputs[i], o.sentences, stdinDoc);
            std::lock_guard<std::mutex> lock(mu);
            results[i] = std::move(r);
            done[i] = 1;
            cv.notify_all();
        }
    };
    std::vector<std::thread> threads;
    for (int t = 0; t < std::min<int>(o.jobs, static_cast<int>(inputs.size())); ++t)
        threads.emplace_back(worker);
    int status = 0;
    extract::NameRegistry names;
    for (size_t i = 0; i < inputs.size(); ++i) {
        std::unique_lock<std::mutex> lock(mu);
        cv.wait(lock, [&] { return done[i] != 0; });
        Result r = std::move(results[i]);
        lock.unlock();
        if (r.error.empty()) {
            // Names resolve across documents in input order, whatever the thread schedule.
            if (o.documents && format == extract::FactFormat::Jsonl && !o.sentences) {
                extract::writeDocumentRecord(r.doc, r.extraction, std::cout);
            }
            if (!o.sentences) {
                names.resolve(r.extraction);
                names.learn(r.extraction);
            }
            extract::writeFacts(r.doc, r.extraction, format, std::cout);
        } else {
            std::cerr << "skipped: " << r.error << "\n";
            status = 1;
        }
    }
    for (auto& t : threads) t.join();
    std::cout.flush();
    return status;
}

}  // namespace

void addExtractCommand(CLI::App& app, Action& action) {
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("extract",
                                   "Print the facts of documents (no database): a pipeline stage");
    cmd->add_option("inputs", o->inputs, "Files, or - for standard input (default: -)");
    cmd->add_option("--format", o->format,
                    "jsonl (one object per fact mention), tsv, or openie (CaRB: sentence, "
                    "confidence, relation, "
                    "arguments) (default: jsonl)");
    cmd->add_flag("--documents", o->documents,
                  "jsonl: before each document's facts, one {\"doc\",\"document\"} line with what "
                  "`kgraph build` stores (title, date, sentences, every entity mention), so that "
                  "`kgraph import --format jsonl` of the output builds the same graph");
    cmd->add_flag("--sentences", o->sentences,
                  "Input has one (tokenised) sentence per line, as CaRB's");
    cmd->add_option(
        "-j,--jobs", o->jobs,
        "Threads extracting documents at once; output order stays the same (default: 1)");
    cmd->footer(
        "Examples:\n"
        "  kgraph extract --format jsonl samples/000_3fe61547a4889c3a.txt > facts.jsonl\n"
        "  kgraph extract --documents samples/*.txt > shard.jsonl && kgraph import --db news.kg "
        "--format jsonl shard.jsonl\n"
        "  kgraph extract --format openie --sentences sentences.txt > tuples.tab");
    cmd->callback([o, &action] { action = [o] { return runExtract(*o); }; });
}

}  // namespace kgraph::cli
