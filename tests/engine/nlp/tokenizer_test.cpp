#include "engine/nlp/tokenizer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace kgraph::nlp {
namespace {

std::vector<std::string> words(std::string_view text) {
    std::vector<std::string> out;
    for (const Sentence& s : tokenize(text)) {
        for (const Token& t : s.tokens) out.push_back(t.form);
    }
    return out;
}

std::vector<std::vector<std::string>> sentences(std::string_view text) {
    std::vector<std::vector<std::string>> out;
    for (const Sentence& s : tokenize(text)) {
        out.emplace_back();
        for (const Token& t : s.tokens) out.back().push_back(t.form);
    }
    return out;
}

using W = std::vector<std::string>;

struct Case {
    const char* text;
    W expected;
};

TEST(TokenizerTest, Words) {
    const Case cases[] = {
        {"Russia deployed combat troops.", {"Russia", "deployed", "combat", "troops", "."}},
        // abbreviations and initials keep their period
        {"On Jan. 5 Dr. Smith met Mr. J. R. Ewing.",
         {"On", "Jan.", "5", "Dr.", "Smith", "met", "Mr.", "J.", "R.", "Ewing", "."}},
        {"The U.N. and the U.S. agreed", {"The", "U.N.", "and", "the", "U.S.", "agreed"}},
        {"e.g. this, i.e. that", {"e.g.", "this", ",", "i.e.", "that"}},
        // numbers
        {"It cost $580 for 7,939 units, 44 percent more.",
         {"It", "cost", "$", "580", "for", "7,939", "units", ",", "44", "percent", "more", "."}},
        {"a 3.5% rise to 1,000.50", {"a", "3.5", "%", "rise", "to", "1,000.50"}},
        // hyphens: split as in EWT, except prefixes it keeps
        {"Kassym-Jomart Tokayev", {"Kassym", "-", "Jomart", "Tokayev"}},
        {"an e-mail to co-workers", {"an", "e-mail", "to", "co-workers"}},
        // possessives and contractions (UD style)
        {"China's army", {"China", "'s", "army"}},
        {"China\xE2\x80\x99s army", {"China", "\xE2\x80\x99s", "army"}},
        {"I don't know, you can't and won't",
         {"I", "do", "n't", "know", ",", "you", "ca", "n't", "and", "wo", "n't"}},
        {"I'm sure they're here, we've seen it",
         {"I", "'m", "sure", "they", "'re", "here", ",", "we", "'ve", "seen", "it"}},
        {"I cannot, I'm gonna", {"I", "can", "not", ",", "I", "'m", "gon", "na"}},
        {"the states' rights", {"the", "states", "'", "rights"}},
        // quotes
        {"He said \"no\" and 'yes'.",
         {"He", "said", "\"", "no", "\"", "and", "'", "yes", "'", "."}},
        {"\xE2\x80\x9CWe will win,\xE2\x80\x9D he said.",
         {"\xE2\x80\x9C", "We", "will", "win", ",", "\xE2\x80\x9D", "he", "said", "."}},
        // dashes and ellipses
        {"troops\xE2\x80\x94"
         "and tanks \xE2\x80\x93 arrived",
         {"troops", "\xE2\x80\x94", "and", "tanks", "\xE2\x80\x93", "arrived"}},
        {"wait--what", {"wait", "--", "what"}},
        {"Well... maybe\xE2\x80\xA6", {"Well", "...", "maybe", "\xE2\x80\xA6"}},
        // parentheses and brackets
        {"the Collective Security Treaty Organization (CSTO) said",
         {"the", "Collective", "Security", "Treaty", "Organization", "(", "CSTO", ")", "said"}},
        {"[sic]", {"[", "sic", "]"}},
        // URLs and e-mails stay whole; trailing punctuation is split off
        {"See https://example.com/a?b=1. Mail info@example.org, or www.kgraph.io",
         {"See", "https://example.com/a?b=1", ".", "Mail", "info@example.org", ",", "or",
          "www.kgraph.io"}},
        // non-ASCII letters
        {"Nur-Sultan's \xC3\x89lys\xC3\xA9"
         "e in Z\xC3\xBCrich",
         {"Nur", "-", "Sultan", "'s",
          "\xC3\x89lys\xC3\xA9"
          "e",
          "in", "Z\xC3\xBCrich"}},
        {"and/or", {"and", "/", "or"}},
        {"on 11/28/2000", {"on", "11/28/2000"}},
    };
    for (const Case& c : cases) {
        EXPECT_EQ(words(c.text), c.expected) << "input: " << c.text;
    }
}

TEST(TokenizerTest, Sentences) {
    EXPECT_EQ(sentences("Troops arrived. They left!  Why? Nobody knows."),
              (std::vector<W>{{"Troops", "arrived", "."},
                              {"They", "left", "!"},
                              {"Why", "?"},
                              {"Nobody", "knows", "."}}));
    // abbreviations that precede a name never end a sentence
    EXPECT_EQ(sentences("Dr. Smith met Gen. Lee on Jan. 5.").size(), 1u);
    // an initial does not end a sentence
    EXPECT_EQ(sentences("Kassym-Jomart K. Tokayev spoke.").size(), 1u);
    // an acronym ends a sentence only before a likely sentence start
    EXPECT_EQ(sentences("They met in the U.S. The talks failed.").size(), 2u);
    EXPECT_EQ(sentences("The U.S. Army left.").size(), 1u);
    // closing quotes stay with their sentence
    EXPECT_EQ(sentences("He said \"Go.\" Then he left."),
              (std::vector<W>{{"He", "said", "\"", "Go", ".", "\""}, {"Then", "he", "left", "."}}));
    // headlines and lines without final punctuation
    EXPECT_EQ(sentences("Kazakhstan asks CSTO for help\nRussia deployed troops on Thursday"),
              (std::vector<W>{{"Kazakhstan", "asks", "CSTO", "for", "help"},
                              {"Russia", "deployed", "troops", "on", "Thursday"}}));
    // blank lines always separate
    EXPECT_EQ(sentences("first line\n\nsecond line").size(), 2u);
    // hard-wrapped prose continues
    EXPECT_EQ(sentences("The troops were sent to\nAlmaty on Thursday and\nreturned later.").size(),
              1u);
    // lower-case after a period (typo or abbreviation) does not split
    EXPECT_EQ(sentences("It was approx. ten people.").size(), 1u);
    EXPECT_TRUE(tokenize("").empty());
    EXPECT_TRUE(tokenize(" \n\t ").empty());
}

TEST(TokenizerTest, Offsets) {
    std::string text =
        "  \xE2\x80\x9C"
        "China's\xE2\x80\x9D army\n\nisn't (here).";
    for (const Sentence& s : tokenize(text)) {
        EXPECT_EQ(text.substr(s.begin, s.end - s.begin).front(), text[s.tokens.front().begin]);
        for (const Token& t : s.tokens) {
            EXPECT_EQ(text.substr(t.begin, t.end - t.begin), t.form);
        }
    }
    auto sents = tokenize(text);
    ASSERT_EQ(sents.size(), 2u);
    EXPECT_EQ(sents[0].tokens[1].begin, 5u);      // after two spaces and the 3-byte quote
    EXPECT_FALSE(sents[0].tokens[1].spaceAfter);  // China|'s
    EXPECT_TRUE(sents[0].tokens[3].spaceAfter);   // ” army
    EXPECT_EQ(sents[1].tokens[0].form, "is");
    EXPECT_EQ(sents[1].tokens[1].form, "n't");
}

TEST(TokenizerTest, InvalidUtf8DoesNotCrash) {
    std::string text = "abc \xFF\xFE def \xE2\x80 g.";
    size_t n = 0;
    for (const Sentence& s : tokenize(text)) {
        for (const Token& t : s.tokens) {
            EXPECT_LE(t.end, text.size());
            ++n;
        }
    }
    EXPECT_GT(n, 0u);
}

}  // namespace
}  // namespace kgraph::nlp

namespace kgraph::nlp {
namespace {

// 400,000 ')' in a row took minutes: every token looked back over all the closing brackets
// before it. The look-back is bounded now; the run is split into bounded sentences.
TEST(TokenizerTest, RunOfClosingPunctuationIsNotQuadratic) {
    std::string text = "He said (yes." + std::string(400000, ')') + " Then he left.";
    auto out = tokenize(text);
    size_t tokens = 0, longest = 0;
    for (const auto& s : out) {
        tokens += s.tokens.size();
        longest = std::max(longest, s.tokens.size());
    }
    EXPECT_GE(tokens, 400000u);
    EXPECT_LE(longest, 250u);
    // Ordinary closing punctuation after a full stop still ends the sentence.
    EXPECT_EQ(tokenize("He said (yes.)) Then he left.").size(), 2u);
}

}  // namespace
}  // namespace kgraph::nlp
