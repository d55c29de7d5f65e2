#include "engine/extract/simple_extractor.h"

#include <gtest/gtest.h>

#include "engine/extract/to_storage.h"

namespace kgraph::extract {
namespace {

SimpleExtractor makeExtractor() {
    return SimpleExtractor(std::string(KGRAPH_SOURCE_DIR) + "/models/lexicons");
}

TEST(SimpleExtractorTest, CapitalisedSpansAndTheWordsBetweenThem) {
    auto doc = text::documentFromText(
        "Title\n\nThe leaders of China thanked Kazakhstan. Xi Jinping called Wang Yi.\n", "d", "d");
    auto ex = makeExtractor().extract(doc);
    ASSERT_EQ(ex.facts.size(), 2u);
    EXPECT_EQ(ex.entities[ex.facts[0].subject].name, "China");
    EXPECT_EQ(ex.entities[ex.facts[0].subject].label, "Country");
    EXPECT_EQ(ex.facts[0].predicate, "thanked");
    EXPECT_EQ(ex.entities[ex.facts[0].object].name, "Kazakhstan");
    EXPECT_EQ(ex.entities[ex.facts[1].subject].name, "Xi Jinping");
    EXPECT_EQ(ex.entities[ex.facts[1].subject].label, "Concept");
    EXPECT_EQ(ex.facts[1].predicate, "called");
    EXPECT_EQ(ex.entities[ex.facts[1].object].name, "Wang Yi");
    EXPECT_EQ(ex.sentences.size(), 3u);
    // Spans point into the text.
    const auto& m = ex.entities[ex.facts[1].object];
    EXPECT_EQ(doc.text.substr(m.begin, m.end - m.begin), "Wang Yi");
}

TEST(SimpleExtractorTest, NoFactAcrossPunctuationOrLongGaps) {
    auto doc = text::documentFromText(
        "China, Russia.\nChina is one of many friends that Kazakhstan has.\n", "d", "d");
    auto ex = makeExtractor().extract(doc);
    EXPECT_TRUE(ex.facts.empty());
}

TEST(SimpleExtractorTest, GroupsMentionsIntoOneContribution) {
    auto doc = text::documentFromText("T\nChina supports Kazakhstan. China supports Kazakhstan.\n",
                                      "d", "d");
    auto input = toDocumentInput(doc, makeExtractor().extract(doc));
    ASSERT_EQ(input.facts.size(), 1u);
    EXPECT_EQ(input.facts[0].type, "supports");
    EXPECT_EQ(input.facts[0].mentions.size(), 2u);
    EXPECT_EQ(input.facts[0].mentions[1].text, "China supports Kazakhstan.");
    ASSERT_EQ(input.entities.size(), 3u);  // T, China, Kazakhstan
    EXPECT_EQ(input.entities[1].mentions, 2u);
}

}  // namespace
}  // namespace kgraph::extract
