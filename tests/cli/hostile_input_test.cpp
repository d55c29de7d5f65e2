// The `kgraph` program under bad input, scarce resources and careless use (issue 17):
// unreadable folders, too few file descriptors, nothing readable, files with the same name,
// devices and huge files, a full disk, outputs aimed into the database, directories where a
// file is expected, two builds creating one database. Each ends in a clear message and the
// documented exit code; nothing is lost without a word.
#include <gtest/gtest.h>
#include <sys/mount.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

#include "tests/process.h"
#include "tests/temp_dir.h"

namespace {

namespace fs = std::filesystem;
using kgraph::testing::CommandRun;
using kgraph::testing::quote;
using kgraph::testing::slurp;

const std::string kBin = quote(KGRAPH_BINARY);

class HostileInputTest : public ::testing::Test {
protected:
    CommandRun run(const std::string& cmdLine, const std::string& stdinText = "") {
        return kgraph::testing::runCommand(cmdLine, scratch(), stdinText);
    }
    fs::path scratch() {
        auto p = dir_.path() / "scratch";
        fs::create_directories(p);
        return p;
    }
    std::string write(const std::string& rel, const std::string& text) {
        auto p = dir_.path() / rel;
        fs::create_directories(p.parent_path());
        std::ofstream(p, std::ios::binary) << text;
        return p.string();
    }
    std::string path(const std::string& rel) { return (dir_.path() / rel).string(); }
    long count(const std::string& db, const std::string& query) {
        auto r = run(kBin + " query --db " + quote(db) + " --format csv " + quote(query));
        EXPECT_EQ(r.exit, 0) << r.err;
        auto nl = r.out.find('\n');
        return nl == std::string::npos ? -1 : std::stol(r.out.substr(nl + 1));
    }

    kgraph::testing::TempDir dir_;
};

std::string article(int i) {
    return "Article " + std::to_string(i) +
           "\n\nXi Jinping called Kassym-Jomart Tokayev on Friday " + std::to_string(i) + ".\n";
}

TEST_F(HostileInputTest, BuildNamesAnUnreadableSubfolderAndGoesOn) {
    write("in/a/one.txt", article(1));
    write("in/b/two.txt", article(2));
    write("in/c/three.txt", article(3));
    fs::permissions(path("in/b"), fs::perms::none);
    std::string prefix;
    if (::geteuid() == 0) {
        // root reads any folder: run as nobody, who cannot.
        if (std::system("command -v setpriv >/dev/null 2>&1") != 0) {
            GTEST_SKIP() << "running as root without setpriv: cannot make a folder unreadable";
        }
        fs::permissions(dir_.path(), fs::perms::all);
        fs::permissions(dir_.path() / "in", fs::perms::all);
        prefix = "setpriv --reuid=65534 --regid=65534 --clear-groups ";
    }
    std::string db = path("news.kg");
    auto r = run(prefix + kBin + " build -q " + quote(path("in")) + " --db " + quote(db));
    fs::permissions(path("in/b"), fs::perms::owner_all);
    EXPECT_EQ(r.exit, 0) << r.err;
    // Before: the walk stopped at b/ and c/three.txt was never read (1 added, exit 0).
    EXPECT_NE(r.out.find("documents: 2 added"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("skipped:   " + path("in/b") + ": folder cannot be read"),
              std::string::npos)
        << r.out;
}

TEST_F(HostileInputTest, BuildWithFewFileDescriptorsSkipsNothingSilently) {
    const int kDocs = 200;
    for (int i = 0; i < kDocs; ++i) write("in/d" + std::to_string(i) + ".txt", article(i));
    std::string db = path("fd.kg");
    // A low soft limit is raised to the hard limit: every document is read.
    auto r =
        run("ulimit -Sn 16 && " + kBin + " build -q " + quote(path("in")) + " --db " + quote(db));
    EXPECT_EQ(r.exit, 0) << r.err;
    EXPECT_NE(r.out.find(std::to_string(kDocs) + " added, 0 replaced, 0 unchanged, 0 skipped"),
              std::string::npos)
        << r.out;
    // A low hard limit: either every document is read, or the build stops with exit 1 and
    // says why; never exit 0 with documents skipped as unreadable.
    std::string db2 = path("fd2.kg");
    r = run("ulimit -n 16 && " + kBin + " build -q " + quote(path("in")) + " --db " + quote(db2));
    if (r.exit == 0) {
        EXPECT_NE(r.out.find(" 0 skipped"), std::string::npos) << r.out;
    } else {
        EXPECT_EQ(r.exit, 1) << r.err;
        EXPECT_NE(r.err.find("open files"), std::string::npos) << r.err;
    }
}

TEST_F(HostileInputTest, BuildExitsOneWhenNoInputCouldBeRead) {
    write("in/a.txt", std::string("\0\1\2binary", 9));
    write("in/b.txt", "\xff\xfe not UTF-8");
    auto r = run(kBin + " build -q " + quote(path("in")) + " --db " + quote(path("x.kg")));
    EXPECT_EQ(r.exit, 1) << r.out << r.err;
    EXPECT_NE(r.out.find("2 skipped"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("a.txt: looks like a binary file"), std::string::npos) << r.out;
    EXPECT_NE(r.err.find("none of the 2 documents could be read"), std::string::npos) << r.err;
    fs::create_directories(path("empty"));
    r = run(kBin + " build -q " + quote(path("empty")) + " --db " + quote(path("y.kg")));
    EXPECT_EQ(r.exit, 1);
    EXPECT_NE(r.err.find("no documents found"), std::string::npos) << r.err;
}

TEST_F(HostileInputTest, FileNameThatIsNotUtf8IsNamedAndSkipped) {
    write("in/good.txt", article(1));
    write("in/bad\xff.txt", article(2));
    std::string db = path("names.kg");
    auto r = run(kBin + " build -q " + quote(path("in")) + " --db " + quote(db));
    EXPECT_EQ(r.exit, 0) << r.err;
    EXPECT_NE(r.out.find("1 added, 0 replaced, 0 unchanged, 1 skipped"), std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("the file name is not valid UTF-8"), std::string::npos) << r.out;
    auto e = run(kBin + " export --db " + quote(db) + " --format jsonl");
    EXPECT_EQ(e.out.find('\xff'), std::string::npos);
}

TEST_F(HostileInputTest, SameBasenameInTwoFoldersAreTwoDocuments) {
    write("a/news.txt", article(1));
    write("b/news.txt", article(2));
    std::string db = path("same.kg");
    auto r = run("cd " + quote(dir_.path().string()) + " && " + kBin + " build -q a b --db " +
                 quote(db));
    ASSERT_EQ(r.exit, 0) << r.err;
    EXPECT_EQ(count(db, "MATCH (d:Document) RETURN count(d)"), 2);
    EXPECT_EQ(count(db,
                    "MATCH (d:Document) WHERE d.id IN ['a/news.txt', 'b/news.txt'] "
                    "RETURN count(d)"),
              2);
    // One folder: ids relative to it, as before.
    std::string db2 = path("one.kg");
    r = run(kBin + " build -q " + quote(path("a")) + " --db " + quote(db2));
    ASSERT_EQ(r.exit, 0) << r.err;
    EXPECT_EQ(count(db2, "MATCH (d:Document {id: 'news.txt'}) RETURN count(d)"), 1);
}

TEST_F(HostileInputTest, DevZeroAndHugeDocumentsAreRefusedWithoutReadingThemWhole) {
    // /dev/zero is endless: the binary check must come from the first chunk. The address-space
    // limit catches a reader that holds what it reads; AddressSanitizer reserves terabytes of
    // shadow memory and cannot start under it, so there a time limit catches one that reads on.
#if defined(__SANITIZE_ADDRESS__)
    const std::string bound = "timeout 60 ";
#else
    const std::string bound = "ulimit -v 4000000 && ";
#endif
    auto r = run(bound + kBin + " extract /dev/zero");
    EXPECT_EQ(r.exit, 1);
    EXPECT_NE(r.err.find("binary"), std::string::npos) << r.err;
    // Standard input too (it was read whole before any check).
    r = run("head -c 100000000 /dev/zero | " + kBin + " extract");
    EXPECT_EQ(r.exit, 1);
    EXPECT_NE(r.err.find("binary"), std::string::npos) << r.err;
    r = run("head -c 6000000 /dev/zero | tr '\\0' a | " + kBin + " extract");
    EXPECT_EQ(r.exit, 1);
    EXPECT_NE(r.err.find("too large"), std::string::npos) << r.err;
    std::string line(5 << 20, 'a');
    write("big.txt", line + "\n");
    r = run(kBin + " extract " + quote(path("big.txt")));
    EXPECT_EQ(r.exit, 1);
    EXPECT_NE(r.err.find("too large"), std::string::npos) << r.err;
}

TEST_F(HostileInputTest, ExtractOrQueryFileOfADirectoryIsRefused) {
    fs::create_directories(path("folder"));
    auto r = run(kBin + " extract " + quote(path("folder")));
    EXPECT_EQ(r.exit, 1);
    EXPECT_NE(r.err.find("is a directory"), std::string::npos) << r.err;
    write("in/a.txt", article(1));
    std::string db = path("q.kg");
    ASSERT_EQ(run(kBin + " build -q " + quote(path("in")) + " --db " + quote(db)).exit, 0);
    r = run(kBin + " query --db " + quote(db) + " -f " + quote(path("folder")));
    EXPECT_EQ(r.exit, 1);
    EXPECT_NE(r.err.find("is a directory"), std::string::npos) << r.err;
}

TEST_F(HostileInputTest, QueryTimeAndMemoryLimitsEndInClearErrors) {
    std::string db = path("limits.kg");
    ASSERT_EQ(run(kBin + " query --db " + quote(db) + " " + quote("CREATE (:X)")).exit, 0);
    auto r = run(kBin + " query --db " + quote(db) + " --timeout 0.5 " +
                 quote("UNWIND range(1, 100000) AS a UNWIND range(1, 100000) AS b "
                       "RETURN count(*)"));
    EXPECT_EQ(r.exit, 1);
    EXPECT_NE(r.err.find("query timed out after 0.5 s"), std::string::npos) << r.err;
    r = run(kBin + " query --db " + quote(db) + " --max-memory 100 " +
            quote("UNWIND range(1, 10000) AS a UNWIND range(1, 10000) AS b "
                  "RETURN size(collect([a, b]))"));
    EXPECT_EQ(r.exit, 1) << r.out;
    EXPECT_NE(r.err.find("out of memory"), std::string::npos) << r.err;
    // Within the limits the same commands answer.
    r = run(kBin + " query --db " + quote(db) + " --timeout 60 --max-memory 500 --format csv " +
            quote("UNWIND range(1, 1000) AS x RETURN size(collect(x)) AS n"));
    EXPECT_EQ(r.exit, 0) << r.err;
    EXPECT_EQ(r.out, "n\n1000\n");
}

TEST_F(HostileInputTest, DamagedDatabaseIsNamedAsDamageByEveryCommand) {
    for (int i = 0; i < 3; ++i) write("in/d" + std::to_string(i) + ".txt", article(i));
    std::string db = path("damaged.kg");
    ASSERT_EQ(run(kBin + " build -q " + quote(path("in")) + " --db " + quote(db)).exit, 0);
    // The documents are in the write-ahead log: damage the first one's record.
    bool flipped = false;
    for (const auto& e : fs::directory_iterator(db)) {
        if (e.path().extension() != ".log" || flipped) continue;
        std::string bytes = slurp(e.path());
        auto at = bytes.find("Kassym-Jomart");
        if (at == std::string::npos) continue;
        bytes[at + 3] ^= 0x5a;
        std::ofstream(e.path(), std::ios::binary | std::ios::trunc) << bytes;
        flipped = true;
    }
    ASSERT_TRUE(flipped);
    for (std::string cmd : {" query --db " + quote(db) + " " + quote("MATCH (n) RETURN count(n)"),
                            " stats --db " + quote(db), " check --db " + quote(db),
                            " export --format nt --db " + quote(db)}) {
        auto r = run(kBin + cmd);
        EXPECT_EQ(r.exit, 1) << cmd << ": " << r.out;
        EXPECT_NE(r.err.find("damaged"), std::string::npos) << cmd << ": " << r.err;
        EXPECT_EQ(r.err.find("locked"), std::string::npos) << cmd << ": " << r.err;
    }
}

TEST_F(HostileInputTest, ExportIntoTheDatabaseDirectoryIsRefused) {
    write("in/a.txt", article(1));
    std::string db = path("e.kg");
    ASSERT_EQ(run(kBin + " build -q " + quote(path("in")) + " --db " + quote(db)).exit, 0);
    std::string current = slurp(db + "/CURRENT");
    for (std::string target : {db + "/CURRENT", db + "/../e.kg/x.nt", db}) {
        auto r = run(kBin + " export --db " + quote(db) + " --format nt -o " + quote(target));
        EXPECT_EQ(r.exit, 1) << target;
        EXPECT_NE(r.err.find("inside the database"), std::string::npos) << r.err;
    }
    EXPECT_EQ(slurp(db + "/CURRENT"), current);
    EXPECT_EQ(count(db, "MATCH (d:Document) RETURN count(d)"), 1);
}

TEST_F(HostileInputTest, ConcurrentBuildsCreatingOneNewDatabase) {
    write("in/a.txt", article(1));
    for (int round = 0; round < 5; ++round) {
        std::string db = path("c" + std::to_string(round) + ".kg");
        std::string one = kBin + " build -q " + quote(path("in")) + " --db " + quote(db);
        // Both start together; one may be told the database is locked, that is fine.
        run(one + " >/dev/null 2>&1 & " + one + " >/dev/null 2>&1; wait");
        // Whatever happened, the directory is a database every command accepts.
        auto r = run(kBin + " build -q " + quote(path("in")) + " --db " + quote(db));
        ASSERT_EQ(r.exit, 0) << "round " << round << ": " << r.err;
        EXPECT_EQ(count(db, "MATCH (d:Document) RETURN count(d)"), 1);
        for (const auto& e : fs::directory_iterator(dir_.path())) {
            EXPECT_EQ(e.path().string().find(".kgraph-new"), std::string::npos) << e.path();
        }
    }
}

TEST_F(HostileInputTest, FullDiskIsAClearErrorNotAnAbort) {
    fs::path mnt = dir_.path() / "small";
    fs::create_directories(mnt);
    if (::mount("tmpfs", mnt.c_str(), "tmpfs", 0, "size=1m") != 0) {
        GTEST_SKIP() << "cannot mount a small tmpfs here (" << std::strerror(errno)
                     << "): the full-disk test runs where it can; the injected-error tests in "
                        "tests/storage/safety_test.cpp run everywhere";
    }
    struct Unmount {
        fs::path p;
        ~Unmount() { ::umount2(p.c_str(), MNT_DETACH); }
    } unmount{mnt};
    for (int i = 0; i < 300; ++i) {
        std::string text = article(i);
        for (int k = 0; k < 20; ++k)
            text += "Wang Yi met Mukhtar Tileuberdi in Astana " + std::to_string(i * 100 + k) +
                    " times.\n";
        write("in/d" + std::to_string(i) + ".txt", text);
    }
    std::string db = (mnt / "full.kg").string();
    auto r = run(kBin + " build -q " + quote(path("in")) + " --db " + quote(db));
    EXPECT_NE(r.exit, 134) << "aborted: " << r.err;
    EXPECT_EQ(r.exit, 1) << r.out << r.err;
    EXPECT_NE(r.err.find("No space left on device"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("Assertion"), std::string::npos) << r.err;
    // What was committed is readable (read-only, no space needed).
    auto q = run(kBin + " query --db " + quote(db) + " --format csv " +
                 quote("MATCH (d:Document) RETURN count(d)"));
    EXPECT_EQ(q.exit, 0) << q.err;
}

}  // namespace
