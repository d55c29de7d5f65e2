// The tagger's lexicon (WordNet parts of speech with morphy's base-form rules,
// and a word list) on a tiny hand-written fixture in WordNet's file format.
#include "engine/nlp/lexicon.h"

#include <gtest/gtest.h>

#include <string>

#include "engine/common/error.h"

namespace kgraph::nlp {
namespace {

const std::string kDir = std::string(KGRAPH_NLP_TEST_DATA) + "/lexicon";

Lexicon fixture() { return Lexicon::load({kDir, kDir + "/words"}); }

std::string describe(const Lexicon& lex, const char* word) {
    return Lexicon::describe(lex.classify(word));
}

TEST(TaggerLexiconFileTest, IndexEntriesAndTheWordList) {
    Lexicon lex = fixture();
    EXPECT_EQ(describe(lex, "stable"), "adj list:lower");
    EXPECT_EQ(describe(lex, "help"), "noun verb list:lower");
    EXPECT_EQ(describe(lex, "Stable"), "adj list:lower");  // looked up lower-cased
    EXPECT_EQ(describe(lex, "xyzzy"), "none");
}

TEST(TaggerLexiconFileTest, SuffixRulesSayWhichRuleMatched) {
    Lexicon lex = fixture();
    EXPECT_EQ(describe(lex, "deployed"), "verb:-ed list:lower");
    EXPECT_EQ(describe(lex, "turning"), "verb:-ing");  // not in the word list
    EXPECT_EQ(describe(lex, "troops"), "noun:-s list:lower");
    EXPECT_EQ(describe(lex, "prices"), "noun:-s verb:-s list:lower");
    EXPECT_EQ(describe(lex, "quicker"), "adj:-er list:lower");
    EXPECT_EQ(describe(lex, "men"), "noun:-men");
    EXPECT_EQ(describe(lex, "glass"), "none");  // -ss is not a plural
}

TEST(TaggerLexiconFileTest, ExceptionListsGiveIrregularForms) {
    Lexicon lex = fixture();
    EXPECT_EQ(describe(lex, "rose"), "verb:exc list:lower");
    EXPECT_EQ(describe(lex, "people"), "noun:exc list:lower");
    EXPECT_EQ(describe(lex, "better"), "adj:exc");
}

TEST(TaggerLexiconFileTest, WordsOnlyCapitalizedInTheListAreMarked) {
    Lexicon lex = fixture();
    EXPECT_EQ(describe(lex, "russia"), "list:capitalized");
    EXPECT_EQ(describe(lex, "Russia"), "list:capitalized");
    EXPECT_EQ(describe(lex, "russia's"), "none");  // possessives are skipped
}

TEST(TaggerLexiconFileTest, PartsOfACode) {
    Lexicon lex = fixture();
    EXPECT_EQ(Lexicon::listPart(lex.classify("Russia")), 2u);  // only capitalized
    EXPECT_EQ(Lexicon::listPart(lex.classify("stable")), 1u);  // lower case
    EXPECT_EQ(Lexicon::listPart(lex.classify("turning")), 0u);
    // posPart: two bits per part of speech (noun, verb, adj, adv): index, rule.
    EXPECT_EQ(Lexicon::posPart(lex.classify("help")), 0b0101u);
    EXPECT_EQ(Lexicon::posPart(lex.classify("deployed")), 0b1000u);
    EXPECT_EQ(Lexicon::rulePart(lex.classify("stable")), 0u);
    EXPECT_EQ(Lexicon::rulePart(lex.classify("deployed")),
              Lexicon::rulePart(lex.classify("turned")));  // both verb -ed
    EXPECT_NE(Lexicon::rulePart(lex.classify("deployed")),
              Lexicon::rulePart(lex.classify("turning")));
}

TEST(TaggerLexiconFileTest, ForEachWordCoversIndexExceptionsAndList) {
    Lexicon lex = fixture();
    size_t n = 0;
    bool sawRose = false, sawRussia = false, sawTroop = false;
    lex.forEachWord([&](const std::string& w) {
        ++n;
        sawRose |= w == "rose";
        sawRussia |= w == "russia";
        sawTroop |= w == "troop";
    });
    EXPECT_TRUE(sawRose && sawRussia && sawTroop);
    EXPECT_GT(n, 40u);
}

TEST(TaggerLexiconFileTest, MissingFilesNameThePackage) {
    try {
        Lexicon::load({"/nonexistent/wordnet", ""});
        FAIL() << "expected kgraph::Error";
    } catch (const Error& e) {
        std::string msg = e.what();
        EXPECT_NE(msg.find("/nonexistent/wordnet/index.noun"), std::string::npos) << msg;
        EXPECT_NE(msg.find("wordnet-base"), std::string::npos) << msg;
    }
    try {
        Lexicon::load({kDir, "/nonexistent/words"});
        FAIL() << "expected kgraph::Error";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("wamerican-huge"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace kgraph::nlp
