#include "engine/extract/lexicon.h"

#include <gtest/gtest.h>

#include "engine/common/error.h"
#include "test_util.h"

namespace kgraph::extract {
namespace {

const Lexicon& lexicon() {
    static const Lexicon lx = Lexicon::load(testing::sourceDir() + "/models/lexicons");
    return lx;
}

TEST(LexiconTest, CountriesUseTheirNewsNamesAndAliases) {
    ASSERT_NE(lexicon().known("Russia"), nullptr);
    EXPECT_EQ(lexicon().known("Russia")->label, "Country");
    EXPECT_EQ(lexicon().known("Russian Federation")->name, "Russia");
    EXPECT_EQ(lexicon().known("USA")->name, "United States");
    EXPECT_EQ(lexicon().known("Republic of Kazakhstan")->name, "Kazakhstan");
}

TEST(LexiconTest, DemonymsMapToCountries) {
    ASSERT_NE(lexicon().demonymCountry("Kazakh"), nullptr);
    EXPECT_EQ(*lexicon().demonymCountry("Kazakh"), "Kazakhstan");
    EXPECT_EQ(*lexicon().demonymCountry("Chinese"), "China");
    EXPECT_EQ(*lexicon().countryAdjective("France"), "French");
    EXPECT_EQ(lexicon().demonymCountry("Table"), nullptr);
}

TEST(LexiconTest, TitlesCuesAndNames) {
    ASSERT_NE(lexicon().title("foreign minister"), nullptr);
    EXPECT_EQ(lexicon().title("foreign minister")->relation, "foreign_minister_of");
    EXPECT_EQ(lexicon().title("research fellow")->preposition, "at");
    EXPECT_EQ(*lexicon().cue("Ministry"), "Organization");
    EXPECT_EQ(*lexicon().cue("Times"), "Media");
    EXPECT_EQ(*lexicon().cue("Region"), "Location");
    EXPECT_TRUE(lexicon().startsPersonName("Maria"));
    EXPECT_EQ(*lexicon().placeCountry("Almaty"), "Kazakhstan");
}

TEST(LexiconTest, MissingFolderIsAnError) {
    EXPECT_THROW(Lexicon::load("/nonexistent/lexicons"), Error);
}

TEST(LexiconTest, FoldsTypographicQuotes) {
    EXPECT_EQ(foldQuotes("China\xE2\x80\x99s \xE2\x80\x9Cx\xE2\x80\x9D"), "China's \"x\"");
}

}  // namespace
}  // namespace kgraph::extract
