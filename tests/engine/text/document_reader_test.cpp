#include "engine/text/document_reader.h"

#include <gtest/gtest.h>

#include <fstream>

#include "engine/common/error.h"
#include "tests/temp_dir.h"

namespace kgraph::text {
namespace {

TEST(DocumentReaderTest, TakesTitleAndPublicationDate) {
    auto doc =
        documentFromText("China offers support\nPublished: Jan 08, 2022 05:29 PM\n\nBody text.\n",
                         "a.txt", "samples/a.txt");
    EXPECT_EQ(doc.title, "China offers support");
    EXPECT_EQ(doc.published, "2022-01-08T17:29");
    EXPECT_EQ(doc.id, "a.txt");
    EXPECT_EQ(doc.sha256.size(), 64u);
}

TEST(DocumentReaderTest, ParsesPublishedDates) {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"Jan 08, 2022 05:29 PM", "2022-01-08T17:29"},
        {"Dec 31, 2021 12:05 AM", "2021-12-31T00:05"},
        {"Mar 3, 2020", "2020-03-03"},
        {"yesterday", ""},
    };
    for (const auto& [in, want] : cases) EXPECT_EQ(parsePublishedDate(in), want) << in;
}

TEST(DocumentReaderTest, RejectsBinaryAndInvalidUtf8WithTheFileName) {
    EXPECT_THROW(documentFromText(std::string("ab\0cd", 5), "x", "x.bin"), Error);
    try {
        documentFromText("caf\xe9 au lait", "x", "latin1.txt");
        FAIL() << "accepted Latin-1";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("latin1.txt"), std::string::npos);
        EXPECT_NE(std::string(e.what()).find("offset 3"), std::string::npos) << e.what();
    }
    EXPECT_NO_THROW(documentFromText("Nur-Sultan \xe2\x80\x94 Ürümqi", "x", "ok.txt"));
}

TEST(DocumentReaderTest, MissingFileIsAnError) {
    kgraph::testing::TempDir dir;
    EXPECT_THROW(readDocument(dir.path() / "missing.txt", "missing.txt"), Error);
    std::ofstream(dir.path() / "empty.txt");
    auto doc = readDocument(dir.path() / "empty.txt", "empty.txt");
    EXPECT_EQ(doc.text, "");
    EXPECT_EQ(doc.title, "");
}

}  // namespace
}  // namespace kgraph::text
