// Crash safety of `kgraph build`: a child process building a corpus is killed
// with SIGKILL at random moments, at least 50 times. After every kill the
// database is reopened and must hold every document wholly or not at all —
// its node, MENTIONED_IN relationships, fact mentions and entity mention
// counts exactly as an uninterrupted build makes them — and pass `check`.
// Between runs some documents change, so kills also land in replacements.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <thread>

#include "storage/consistency_check.h"
#include "storage/document_ingest.h"
#include "storage/graph_store.h"
#include "storage/mention_record.h"
#include "tests/temp_dir.h"

#ifndef KGRAPH_BINARY
#error "KGRAPH_BINARY must name the kgraph program"
#endif

namespace kgraph::storage {
namespace {

namespace fs = std::filesystem;
using kgraph::testing::TempDir;
using Clock = std::chrono::steady_clock;

constexpr int kDocuments = 40;
constexpr int kKills = 50;

// Two versions of each document: version 1 rewrites a third of the sentences.
// "Chinese President X ..." gives president_of facts that many documents share.
std::string documentText(int doc, int version) {
    static const char* kPeople[] = {"Amir Tokayev",   "Bolat Sultanov", "Chen Wei",
                                    "Dana Omarova",   "Erlan Karimov",  "Farida Nurlanova",
                                    "Gulnara Bekova", "Hu Jintao",      "Ivan Petrov",
                                    "Jia Li",         "Kairat Abenov",  "Lin Feng"};
    static const char* kDemonyms[] = {"Chinese", "Kazakh", "Russian", "Kyrgyz"};
    static const char* kVerbs[] = {
        "met", "called", "thanked", "visited", "sent a verbal message to", "criticized"};
    std::mt19937 rng(static_cast<unsigned>(doc * 7919 + 17));
    std::string text = "Report number " + std::to_string(doc) + "\n\n";
    int sentences = 12 + doc % 8;
    for (int s = 0; s < sentences; ++s) {
        unsigned a = rng(), b = rng(), v = rng(), c = rng(), d = rng();
        if (version == 1 && s % 3 == 0) a += 5, v += 1, c += 1;
        std::string subject = kPeople[a % 12];
        std::string object = kPeople[b % 12];
        if (object == subject) object = kPeople[(b + 1) % 12];
        text += std::string(kDemonyms[c % 4]) + " President " + subject + " " + kVerbs[v % 6] +
                " " + kDemonyms[d % 4] + " President " + object + " on Monday. ";
        if (s % 4 == 3) text += "\n\n";
    }
    return text + "\n";
}

std::string docName(int doc) {
    char name[32];
    std::snprintf(name, sizeof name, "doc_%02d.txt", doc);
    return name;
}

void writeCorpus(const std::string& dir, const std::vector<int>& versions) {
    fs::create_directories(dir);
    for (int d = 0; d < kDocuments; ++d)
        std::ofstream(dir + "/" + docName(d)) << documentText(d, versions[d]);
}

// Runs `kgraph build DIR --db DB -q`; kills it after `killAfter` unless it
// ends first. Returns true if it was killed while running.
// stderr goes to `errors` if given.
bool runBuild(const std::string& corpus, const std::string& db,
              std::optional<std::chrono::microseconds> killAfter, int* exitCode = nullptr,
              const std::string& errors = "") {
    pid_t pid = fork();
    if (pid == 0) {
        int devnull = open("/dev/null", O_WRONLY);
        dup2(devnull, 1);
        dup2(errors.empty() ? devnull : open(errors.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644),
             2);
        execl(KGRAPH_BINARY, "kgraph", "build", corpus.c_str(), "--db", db.c_str(), "-q", nullptr);
        _exit(127);
    }
    int status = 0;
    bool killed = false;
    if (killAfter) {
        auto deadline = Clock::now() + *killAfter;
        while (Clock::now() < deadline) {
            if (waitpid(pid, &status, WNOHANG) == pid) {
                if (exitCode) *exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
                return false;
            }
            std::this_thread::sleep_for(std::chrono::microseconds(200));
        }
        killed = kill(pid, SIGKILL) == 0;
    }
    waitpid(pid, &status, 0);
    if (exitCode) *exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return killed && WIFSIGNALED(status);
}

int runCheck(const std::string& db) {
    std::string cmd = std::string(KGRAPH_BINARY) + " check --db '" + db + "' > /dev/null 2>&1";
    int status = std::system(cmd.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// What one document contributes, by names (independent of node and edge ids).
struct Contribution {
    uint64_t mentionedIn = 0;                  // MENTIONED_IN relationships into its node
    std::multiset<std::string> factMentions;   // "subject|type|object" per Mention record
    std::map<std::string, uint64_t> entities;  // "label|name" -> mentions it added
    bool operator==(const Contribution&) const = default;
};

std::string nodeKey(GraphView& v, NodeId id) {
    auto labels = v.nodeLabels(id);
    auto name = v.nodeProperty(id, "name");
    return (labels.empty() ? "" : labels[0]) + "|" + (name.isString() ? name.asString() : "?");
}

// sha256 -> contribution, for every stored document; `docs` gets id -> sha256.
std::map<std::string, Contribution> contributions(GraphStore& store,
                                                  std::map<std::string, std::string>& docs) {
    auto v = store.read();
    std::map<std::string, Contribution> out;
    std::map<std::string, std::string> shaOf;
    v->scanAux(AuxSpace::Document, "", [&](std::string_view id, std::string_view bytes) {
        auto rec = decodeStoredDocument(bytes);
        docs[std::string(id)] = rec.sha256;
        shaOf[std::string(id)] = rec.sha256;
        Contribution& c = out[rec.sha256];
        v->expand(rec.docNode, Direction::Incoming, "MENTIONED_IN", [&](const Adjacent&) {
            ++c.mentionedIn;
            return true;
        });
        for (auto [node, n] : rec.entities) c.entities[nodeKey(*v, node)] += n;
        return true;
    });
    v->scanAux(AuxSpace::Mention, "", [&](std::string_view, std::string_view bytes) {
        Mention m = decodeMention(bytes);
        auto it = shaOf.find(m.doc);
        EXPECT_NE(it, shaOf.end())
            << "a mention names document " << m.doc << ", which is not stored";
        return true;
    });
    // Mentions by edge, so that each knows its fact.
    v->scanEdges([&](EdgeId e) {
        auto edge = v->edge(e);
        if (!edge || edge->type == "MENTIONED_IN") return true;
        std::string fact = nodeKey(*v, edge->src) + "|" + edge->type + "|" + nodeKey(*v, edge->dst);
        v->scanAux(AuxSpace::Mention, mentionPrefix(e),
                   [&](std::string_view, std::string_view bytes) {
                       Mention m = decodeMention(bytes);
                       if (auto it = shaOf.find(m.doc); it != shaOf.end())
                           out[it->second].factMentions.insert(fact);
                       return true;
                   });
        return true;
    });
    return out;
}

// Every entity's `mentions` equals the sum over the stored documents; every
// fact's `mentions` equals its Mention records.
void expectTotals(GraphStore& store, const std::map<std::string, Contribution>& stored,
                  int iteration) {
    std::map<std::string, uint64_t> expected;
    for (const auto& [sha, c] : stored) {
        for (const auto& [entity, n] : c.entities) expected[entity] += n;
    }
    auto v = store.read();
    std::map<std::string, uint64_t> actual;
    v->scanNodes([&](NodeId id) {
        if (v->hasLabel(id, "Document")) return true;
        auto m = v->nodeProperty(id, "mentions");
        actual[nodeKey(*v, id)] = m.isInt() ? static_cast<uint64_t>(m.asInt()) : 0;
        return true;
    });
    for (auto it = actual.begin(); it != actual.end();)
        it = it->second == 0 ? actual.erase(it) : std::next(it);
    EXPECT_EQ(actual, expected) << "entity mention counts after kill " << iteration;
    v->scanEdges([&](EdgeId e) {
        auto sources = v->edgeProperty(e, "sources");
        if (!sources.isList()) return true;
        uint64_t n = 0;
        v->scanAux(AuxSpace::Mention, mentionPrefix(e),
                   [&](std::string_view, std::string_view) { return ++n, true; });
        auto m = v->edgeProperty(e, "mentions");
        EXPECT_EQ(m.isInt() ? static_cast<uint64_t>(m.asInt()) : 0, n)
            << "fact " << e << " after kill " << iteration;
        return true;
    });
}

TEST(CrashTest, KilledBuildsLeaveWholeDocumentsOnly) {
    TempDir dir;
    // References: each version of the corpus built without interruption.
    std::map<std::string, Contribution> reference;
    std::chrono::microseconds fullBuild{0};
    for (int version : {0, 1}) {
        std::string corpus = dir.sub("corpus" + std::to_string(version));
        writeCorpus(corpus, std::vector<int>(kDocuments, version));
        std::string db = dir.sub("reference" + std::to_string(version));
        auto start = Clock::now();
        int code = -1;
        runBuild(corpus, db, std::nullopt, &code, dir.sub("build.err"));
        if (code != 0) {
            std::ifstream in(dir.sub("build.err"));
            std::string err((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            // The extraction models are built and shipped by the NLP work; without
            // them `build` cannot run at all, and there is nothing to kill.
            if (err.find("model") != std::string::npos)
                GTEST_SKIP() << "kgraph build has no models: " << err;
            FAIL() << "kgraph build failed on the generated corpus: " << err;
        }
        fullBuild = std::max(
            fullBuild, std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start));
        auto store = GraphStore::open(db, {.readOnly = true});
        std::map<std::string, std::string> docs;
        auto c = contributions(*store, docs);
        ASSERT_EQ(docs.size(), static_cast<size_t>(kDocuments));
        reference.insert(c.begin(), c.end());
    }
    ASSERT_EQ(reference.size(), static_cast<size_t>(2 * kDocuments))
        << "the two versions must differ";
    // A build with nothing to do: start-up (models) and hashing, before the first write.
    auto noopStart = Clock::now();
    runBuild(dir.sub("corpus0"), dir.sub("reference0"), std::nullopt);
    double startup = static_cast<double>(
        std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - noopStart).count());

    std::mt19937 rng(20260101);
    std::vector<int> versions(kDocuments, 0);
    std::string corpus = dir.sub("corpus");
    std::string db = dir.sub("db");
    writeCorpus(corpus, versions);
    double window = static_cast<double>(fullBuild.count()) - 0.8 * startup;
    int kills = 0, iterations = 0, present = 0;
    while (kills < kKills && iterations < 4 * kKills) {
        ++iterations;
        auto delay = std::chrono::microseconds(
            static_cast<int64_t>(std::uniform_real_distribution<>(0, window)(rng)));
        bool killed = runBuild(corpus, db, delay);
        kills += killed;
        // Aim the next kill inside the run: shrink the window when the run ended first.
        window = killed ? window * 1.05 : window * 0.7;

        if (!fs::exists(db)) continue;  // killed before the database was created
        {
            auto store = GraphStore::open(db);
            auto report = checkConsistency(*store);
            ASSERT_TRUE(report.ok()) << "after kill " << kills << ": " << report.problems[0];
            std::map<std::string, std::string> docs;
            auto stored = contributions(*store, docs);
            for (const auto& [id, sha] : docs) {
                auto ref = reference.find(sha);
                ASSERT_NE(ref, reference.end()) << id << " has an unknown content hash";
                EXPECT_EQ(stored[sha], ref->second) << id << " is not whole after kill " << kills;
            }
            // Absent documents left nothing: no Document node claims their id.
            uint64_t documentNodes = store->read()->labelCount("Document");
            EXPECT_EQ(documentNodes, docs.size()) << "after kill " << kills;
            expectTotals(*store, stored, kills);
            present = static_cast<int>(docs.size());
        }
        if (iterations % 10 == 0) {
            EXPECT_EQ(runCheck(db), 0) << "`kgraph check` failed after kill " << kills;
        }
        // Change a few documents so that later kills also hit replacements.
        if (present == kDocuments || iterations % 3 == 0) {
            for (int d = 0; d < kDocuments; ++d) {
                if (rng() % 4 == 0) versions[d] ^= 1;
            }
            writeCorpus(corpus, versions);
        }
        if (HasFatalFailure()) return;
    }
    EXPECT_GE(kills, kKills) << "the build finished before most kills; " << iterations << " runs";
    // Finally an uninterrupted build completes the corpus and `check` agrees.
    int code = -1;
    runBuild(corpus, db, std::nullopt, &code);
    EXPECT_EQ(code, 0);
    EXPECT_EQ(runCheck(db), 0);
    auto store = GraphStore::open(db, {.readOnly = true});
    EXPECT_EQ(store->read()->labelCount("Document"), static_cast<uint64_t>(kDocuments));
    uint64_t facts = 0;
    for (const auto& [sha, c] : reference) facts += c.factMentions.size();
    EXPECT_GT(facts, 0u) << "the corpus should give facts";
    std::cout << "[ crash    ] " << kills << " kills in " << iterations << " runs; " << facts
              << " fact mentions in the references\n";
}

// `kgraph import` killed at random moments: the database is absent, empty or
// complete — one IngestExternalFile commits everything — and a second import
// into what is left completes it.
TEST(CrashTest, KilledImportsCommitAllOrNothing) {
    TempDir dir;
    const int kNodes = 10000, kEdges = 100000;
    {
        std::ofstream n(dir.sub("nodes.csv")), e(dir.sub("edges.csv"));
        n << "name,label\n";
        for (int i = 0; i < kNodes; ++i)
            n << "entity " << i << "," << (i % 4 ? "Person" : "Place") << "\n";
        e << "src,dst,type\n";
        std::mt19937 rng(5);
        for (int j = 0; j < kEdges; ++j)
            e << "entity " << rng() % kNodes << ",entity " << rng() % kNodes << ",p" << rng() % 50
              << "\n";
    }
    auto import = [&](const std::string& db, std::optional<std::chrono::microseconds> killAfter) {
        pid_t pid = fork();
        if (pid == 0) {
            int devnull = open("/dev/null", O_WRONLY);
            dup2(devnull, 1);
            dup2(devnull, 2);
            execl(KGRAPH_BINARY, "kgraph", "import", "--db", db.c_str(), "--nodes",
                  dir.sub("nodes.csv").c_str(), "--edges", dir.sub("edges.csv").c_str(), nullptr);
            _exit(127);
        }
        int status = 0;
        if (killAfter) {
            auto deadline = Clock::now() + *killAfter;
            while (Clock::now() < deadline) {
                if (waitpid(pid, &status, WNOHANG) == pid)
                    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
                std::this_thread::sleep_for(std::chrono::microseconds(200));
            }
            kill(pid, SIGKILL);
        }
        waitpid(pid, &status, 0);
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    };
    auto start = Clock::now();
    ASSERT_EQ(import(dir.sub("full"), std::nullopt), 0);
    double full = static_cast<double>(
        std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start).count());

    std::mt19937 rng(11);
    int complete = 0, empty = 0, absent = 0;
    for (int i = 0; i < 10; ++i) {
        std::string db = dir.sub("db" + std::to_string(i));
        auto delay = std::chrono::microseconds(
            static_cast<int64_t>(std::uniform_real_distribution<>(0, full)(rng)));
        import(db, delay);
        if (!fs::exists(db)) {
            ++absent;
        } else {
            auto store = GraphStore::open(db);
            auto r = store->read();
            if (r->edgeCount() == 0) {
                EXPECT_EQ(r->nodeCount(), 0u);
                ++empty;
            } else {
                EXPECT_EQ(r->nodeCount(), static_cast<uint64_t>(kNodes));
                EXPECT_EQ(r->edgeCount(), static_cast<uint64_t>(kEdges));
                ++complete;
            }
            auto report = checkConsistency(*store);
            EXPECT_TRUE(report.ok()) << (report.problems.empty() ? "" : report.problems[0]);
        }
        // Whatever was left, importing again gives the whole graph (or says it is there).
        int code = import(db, std::nullopt);
        auto store = GraphStore::open(db, {.readOnly = true});
        EXPECT_EQ(store->read()->edgeCount(), static_cast<uint64_t>(kEdges))
            << "exit code " << code;
        EXPECT_TRUE(checkConsistency(*store).ok());
    }
    std::cout << "[ crash    ] imports killed: " << absent << " before creating the database, "
              << empty << " before ingesting, " << complete << " after\n";
}

}  // namespace
}  // namespace kgraph::storage
