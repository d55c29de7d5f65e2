#include "engine/extract/to_storage.h"

#include <gtest/gtest.h>

namespace kgraph::extract {
namespace {

TEST(ToStorageTest, GroupsMentionsIntoOneContribution) {
    auto doc = text::documentFromText("T\nChina supports Kazakhstan. China supports Kazakhstan.\n",
                                      "d", "d");
    // Two sentences, each with China -[support]-> Kazakhstan; "China" once as "PRC".
    Extraction ex;
    ex.sentences = {{2, 28}, {29, 55}};
    ex.entities = {{"China", "China", "Country", 1, 2, 7},
                   {"Kazakhstan", "Kazakhstan", "Country", 1, 17, 27},
                   {"PRC", "China", "Country", 2, 29, 34},
                   {"Kazakhstan", "Kazakhstan", "Country", 2, 44, 54}};
    FactMention f1;
    f1.subject = 0;
    f1.object = 1;
    f1.predicate = "support";
    f1.predicateText = "supports";
    f1.confidence = 0.7999999999999999;
    f1.sentence = 1;
    FactMention f2 = f1;
    f2.subject = 2;
    f2.object = 3;
    f2.confidence = 0.6;
    f2.sentence = 2;
    ex.facts = {f1, f2};

    auto input = toDocumentInput(doc, ex);
    ASSERT_EQ(input.entities.size(), 2u);
    EXPECT_EQ(input.entities[0].name, "China");
    EXPECT_EQ(input.entities[0].mentions, 2u);
    EXPECT_EQ(input.entities[0].aliases, (std::vector<std::string>{"China", "PRC"}));
    ASSERT_EQ(input.facts.size(), 1u);
    EXPECT_EQ(input.facts[0].type, "supports");  // typed by the vocabulary when untyped
    EXPECT_EQ(input.facts[0].predicate, "support");
    EXPECT_FALSE(input.facts[0].predicateIsIdentity);
    EXPECT_DOUBLE_EQ(input.facts[0].confidence, 0.8);  // the higher, to three decimals
    ASSERT_EQ(input.facts[0].mentions.size(), 2u);
    EXPECT_EQ(input.facts[0].mentions[1].sentence, 2u);
    EXPECT_EQ(input.facts[0].mentions[1].text, "China supports Kazakhstan.");
}

TEST(ToStorageTest, OneVocabularyTypeIsOneRelationshipWhateverTheVerb) {
    text::SourceDocument doc;
    doc.id = "d.txt";
    doc.text = "China supports Kazakhstan. China offered support to Kazakhstan. China sold oil.";
    Extraction ex;
    ex.sentences = {{0, 26}, {27, 63}, {64, 79}};
    ex.entities = {{"China", "China", "Country", 1, 0, 5},
                   {"Kazakhstan", "Kazakhstan", "Country", 1, 15, 25},
                   {"China", "China", "Country", 2, 27, 32},
                   {"Kazakhstan", "Kazakhstan", "Country", 2, 53, 63}};
    auto fact = [](size_t s, const char* type, const char* predicate, size_t o, uint32_t n) {
        FactMention f;
        f.subject = s;
        f.object = o;
        f.type = type;
        f.predicate = predicate;
        f.confidence = 0.8;
        f.sentence = n;
        return f;
    };
    ex.facts = {fact(0, "supports", "support", 1, 1), fact(2, "supports", "offer_support_to", 3, 2),
                fact(0, "related_to", "sell_to", 1, 3), fact(2, "related_to", "buy_from", 3, 3)};
    auto input = toDocumentInput(doc, ex);
    ASSERT_EQ(input.facts.size(), 3u);
    EXPECT_EQ(input.facts[0].type, "supports");
    EXPECT_EQ(input.facts[0].predicate, "support");  // the first predicate seen
    EXPECT_EQ(input.facts[0].mentions.size(), 2u);
    // The catch-all keeps one relationship per predicate.
    EXPECT_EQ(input.facts[1].predicate, "sell_to");
    EXPECT_EQ(input.facts[2].predicate, "buy_from");
    EXPECT_TRUE(input.facts[1].predicateIsIdentity);
}

TEST(ToStorageTest, AHedgedFactStaysApartFromTheAssertedOne) {
    auto doc =
        text::documentFromText("T\nRussia sent troops. Russia could send troops.\n", "d", "d");
    Extraction ex;
    ex.sentences = {{2, 21}, {22, 47}};
    ex.entities = {{"Russia", "Russia", "Country", 1, 2, 8},
                   {"troops", "troops", "Concept", 1, 14, 20},
                   {"Russia", "Russia", "Country", 2, 22, 28},
                   {"troops", "troops", "Concept", 2, 40, 46}};
    FactMention asserted;
    asserted.subject = 0;
    asserted.object = 1;
    asserted.predicate = "send";
    asserted.predicateText = "sent";
    asserted.confidence = 0.7;
    asserted.sentence = 1;
    FactMention hedged = asserted;
    hedged.subject = 2;
    hedged.object = 3;
    hedged.predicateText = "send";
    hedged.modality = "could";
    hedged.sentence = 2;
    ex.facts = {asserted, hedged};

    auto input = toDocumentInput(doc, ex);
    ASSERT_EQ(input.facts.size(), 2u);
    EXPECT_EQ(input.facts[0].modality, "");
    EXPECT_EQ(input.facts[1].modality, "could");
    EXPECT_EQ(input.facts[1].mentions.at(0).sentence, 2u);
}

}  // namespace
}  // namespace kgraph::extract
