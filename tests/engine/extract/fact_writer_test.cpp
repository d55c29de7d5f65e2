#include "engine/extract/fact_writer.h"

#include <gtest/gtest.h>

#include <sstream>

namespace kgraph::extract {
namespace {

Extraction oneFact(text::SourceDocument& doc) {
    doc = text::documentFromText("Xi Jinping called Wang Yi.\n", "d.txt", "d.txt");
    Extraction ex;
    ex.sentences.push_back({0, 26});
    ex.entities.push_back({"Xi Jinping", "Xi Jinping", "Person", 1, 0, 10});
    ex.entities.push_back({"Wang Yi", "Wang Yi", "Person", 1, 18, 25});
    FactMention f;
    f.subject = 0;
    f.object = 1;
    f.type = "calls";
    f.predicate = "call";
    f.predicateText = "called";
    f.context = "on Friday";
    f.confidence = 0.8;
    f.sentence = 1;
    ex.facts.push_back(f);
    ex.propositions.push_back({1, 0.8, "Xi Jinping", "called", {"Wang Yi"}});
    return ex;
}

TEST(FactWriterTest, JsonlHasTheFieldsOfTheIssue) {
    text::SourceDocument doc;
    auto ex = oneFact(doc);
    std::ostringstream out;
    writeFacts(doc, ex, FactFormat::Jsonl, out);
    auto line = out.str();
    EXPECT_NE(line.find("\"doc\":\"d.txt\""), std::string::npos) << line;
    EXPECT_NE(
        line.find(
            "\"subject\":{\"name\":\"Xi Jinping\",\"label\":\"Person\",\"text\":\"Xi Jinping\"}"),
        std::string::npos);
    EXPECT_NE(line.find("\"type\":\"calls\""), std::string::npos);
    EXPECT_NE(line.find("\"predicate\":\"call\""), std::string::npos);
    EXPECT_NE(line.find("\"location\":null"), std::string::npos);
    EXPECT_NE(line.find("\"context\":\"on Friday\""), std::string::npos);
    EXPECT_NE(line.find("\"negated\":false"), std::string::npos);
    EXPECT_NE(line.find("\"attributed_to\":null"), std::string::npos);
    EXPECT_NE(line.find("\"evidence\":\"Xi Jinping called Wang Yi.\""), std::string::npos);
}

TEST(FactWriterTest, OpenIeIsCarbsTabFormat) {
    text::SourceDocument doc;
    auto ex = oneFact(doc);
    std::ostringstream out;
    writeFacts(doc, ex, FactFormat::OpenIe, out);
    EXPECT_EQ(out.str(), "Xi Jinping called Wang Yi.\t0.800\tcalled\tXi Jinping\tWang Yi\n");
}

TEST(FactWriterTest, TsvAndFormatNames) {
    text::SourceDocument doc;
    auto ex = oneFact(doc);
    std::ostringstream out;
    writeFacts(doc, ex, FactFormat::Tsv, out);
    EXPECT_EQ(out.str(), "Xi Jinping\tcalls\tWang Yi\t0.800\tfalse\t\t\td.txt\t1\tcall\n");
    FactFormat f;
    EXPECT_TRUE(parseFactFormat("openie", f));
    EXPECT_EQ(f, FactFormat::OpenIe);
    EXPECT_FALSE(parseFactFormat("xml", f));
}

TEST(FactWriterTest, JsonStringsAreEscapedAndValidUtf8) {
    EXPECT_EQ(jsonString("a\"b\\c\n"), "\"a\\\"b\\\\c\\n\"");
    EXPECT_EQ(jsonString("caf\xC3\xA9"), "\"caf\xC3\xA9\"");
    EXPECT_EQ(jsonString("bad\xFF"), "\"bad\xEF\xBF\xBD\"");
}

}  // namespace
}  // namespace kgraph::extract
