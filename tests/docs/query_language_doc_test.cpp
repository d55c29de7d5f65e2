// docs/query-language.md is tested: every example in it runs against the sample graph.
//
// An example is a ```cypher block followed by a ```text block holding what
//   kgraph query --db <sample graph> --format table QUERY
// prints: its standard output, or for a query that fails, its standard error. The sample graph
// is built once from samples/ (`kgraph build samples/`, as a user would); each example runs on
// a fresh copy of it, so that the write examples do not change what the others see.
// A second test checks that the examples call every built-in function and use every clause.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "engine/query/execute/functions.h"
#include "engine/text/ascii.h"
#include "tests/process.h"
#include "tests/temp_dir.h"

namespace {

namespace fs = std::filesystem;

using kgraph::testing::quote;

struct Example {
    int line = 0;  // of the ```cypher fence in the markdown
    std::string query;
    std::string expected;
    bool hasExpected = false;
};

const fs::path kDoc = fs::path(KGRAPH_SOURCE_DIR) / "docs" / "query-language.md";

std::string trimRight(std::string s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
    return s;
}

// Trailing blanks of each line and trailing empty lines do not count.
std::string normalized(const std::string& text) {
    std::istringstream in(text);
    std::string line, out;
    while (std::getline(in, line)) out += trimRight(line) + "\n";
    return trimRight(out);
}

std::vector<Example> readExamples() {
    std::ifstream in(kDoc);
    std::vector<std::string> lines;
    for (std::string l; std::getline(in, l);) lines.push_back(l);
    std::vector<Example> out;
    // The body of the fenced block opening at `i` (the fence line itself excluded).
    auto block = [&](size_t& i) {
        std::string body;
        for (++i; i < lines.size() && trimRight(lines[i]) != "```"; ++i) body += lines[i] + "\n";
        return body;
    };
    for (size_t i = 0; i < lines.size(); ++i) {
        if (trimRight(lines[i]) != "```cypher") continue;
        Example e;
        e.line = static_cast<int>(i) + 1;
        e.query = trimRight(block(i));
        size_t j = i + 1;
        while (j < lines.size() && trimRight(lines[j]).empty()) ++j;
        if (j < lines.size() && trimRight(lines[j]) == "```text") {
            e.expected = block(j);
            e.hasExpected = true;
            i = j;
        }
        out.push_back(std::move(e));
    }
    return out;
}

class QueryLanguageDocTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new kgraph::testing::TempDir();
        auto r = kgraph::testing::runCommand(
            quote(KGRAPH_BINARY) + " build " + quote(std::string(KGRAPH_SOURCE_DIR) + "/samples") +
                " --db " + quote(pristine()),
            dir_->path());
        buildError_ = r.exit == 0 ? "" : "kgraph build samples/ failed: " + r.err;
    }
    static void TearDownTestSuite() {
        delete dir_;
        dir_ = nullptr;
    }
    static std::string pristine() { return dir_->sub("samples.kg"); }

    // What `kgraph query` prints for `query` on a fresh copy of the sample graph.
    static std::string run(const std::string& query) {
        fs::path copy = dir_->path() / "example.kg";
        fs::remove_all(copy);
        fs::copy(pristine(), copy, fs::copy_options::recursive);
        // From the scratch directory: RENDER ... TO 'file' writes there.
        auto r = kgraph::testing::runCommand(
            "cd " + quote(dir_->path().string()) + " && " + quote(KGRAPH_BINARY) + " query --db " +
                quote(copy.string()) + " --format table " + quote(query),
            dir_->path());
        return r.exit == 0 ? r.out : r.err;
    }

    static kgraph::testing::TempDir* dir_;
    static std::string buildError_;
};

kgraph::testing::TempDir* QueryLanguageDocTest::dir_ = nullptr;
std::string QueryLanguageDocTest::buildError_;

TEST_F(QueryLanguageDocTest, EveryExamplePrintsItsDocumentedOutput) {
    ASSERT_TRUE(buildError_.empty()) << buildError_;
    auto examples = readExamples();
    ASSERT_GE(examples.size(), 50u) << "expected the reference's examples in " << kDoc;
    for (const auto& e : examples) {
        SCOPED_TRACE(kDoc.string() + ":" + std::to_string(e.line));
        ASSERT_TRUE(e.hasExpected) << "a ```cypher block must be followed by a ```text block "
                                      "with its output:\n"
                                   << e.query;
        // Compared as text and shown unescaped: the tables are drawn with UTF-8 box characters.
        std::string got = normalized(run(e.query));
        std::string want = normalized(e.expected);
        EXPECT_TRUE(got == want) << e.query << "\n--- documented:\n"
                                 << want << "\n--- printed:\n"
                                 << got;
    }
}

// True if `word` occurs in `text` as a whole word (case-insensitive), followed by `next`
// (after blanks) when `next` is not 0.
bool mentions(const std::string& text, const std::string& word, char next) {
    std::string t = kgraph::text::asciiLower(text), w = kgraph::text::asciiLower(word);
    auto isWord = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
    for (size_t at = t.find(w); at != std::string::npos; at = t.find(w, at + 1)) {
        if (at > 0 && (isWord(t[at - 1]) || t[at - 1] == '.')) continue;
        size_t end = at + w.size();
        if (end < t.size() && isWord(t[end])) continue;
        if (next == 0) return true;
        while (end < t.size() && t[end] == ' ') ++end;
        if (end < t.size() && t[end] == next) return true;
    }
    return false;
}

TEST(QueryLanguageDocCoverage, ExamplesCallEveryFunctionAndUseEveryClause) {
    std::string all;
    for (const auto& e : readExamples()) all += e.query + "\n";
    for (const auto& f : kgraph::query::allFunctions()) {
        EXPECT_TRUE(mentions(all, f.name, '('))
            << "no example in " << kDoc << " calls " << f.name << "()";
    }
    for (const char* clause :
         {"MATCH",         "OPTIONAL MATCH", "WHERE",        "RETURN",  "WITH",      "ORDER BY",
          "SKIP",          "LIMIT",          "UNWIND",       "UNION",   "UNION ALL", "CREATE",
          "MERGE",         "ON CREATE SET",  "ON MATCH SET", "SET",     "REMOVE",    "DELETE",
          "DETACH DELETE", "CALL",           "YIELD",        "EXPLAIN", "DISTINCT",  "CASE"}) {
        EXPECT_TRUE(mentions(all, clause, 0)) << "no example in " << kDoc << " uses " << clause;
    }
}

}  // namespace
