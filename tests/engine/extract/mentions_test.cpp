// Entity mentions end to end over the NLP pipeline and the recogniser, on
// sentences written for this test: hyphenated given names stay whole, a headline
// in Title Case gives only the names a lexicon knows, a capitalised adjective
// modifying a noun is no entity.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>

#include "engine/extract/parse_extractor.h"
#include "test_util.h"

namespace kgraph::extract {
namespace {

const ParseExtractor* extractor() {
    static std::unique_ptr<ParseExtractor> ex =
        testing::haveModels() ? std::make_unique<ParseExtractor>(testing::modelDir()) : nullptr;
    return ex.get();
}

#define REQUIRE_MODELS() \
    if (!extractor()) GTEST_SKIP() << "no NLP models in " << testing::modelDir()

// (label, name) of every named mention.
std::vector<std::pair<std::string, std::string>> names(const std::string& body) {
    auto doc = text::documentFromText(body + "\n", "t.txt", "t.txt");
    auto ex = extractor()->extract(doc);
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& r : ex.references)
        if (!r.anaphor) out.emplace_back(ex.entities[r.entity].label, ex.entities[r.entity].name);
    return out;
}

bool has(const std::vector<std::pair<std::string, std::string>>& v, const std::string& label,
         const std::string& name) {
    return std::find(v.begin(), v.end(), std::make_pair(label, name)) != v.end();
}

TEST(MentionsTest, HyphenatedGivenNamesStayWhole) {
    REQUIRE_MODELS();
    auto v = names("Legislator Cheng Chung-tai met Kwok Ka-ki in Hong Kong on Monday.");
    EXPECT_TRUE(has(v, "Person", "Cheng Chung-tai"));
    EXPECT_TRUE(has(v, "Person", "Kwok Ka-ki"));
    EXPECT_FALSE(has(v, "Person", "Cheng Chung"));
}

TEST(MentionsTest, AHeadlineGivesOnlyKnownNames) {
    REQUIRE_MODELS();
    auto v = names("Righting the Ship: China Supports Kazakhstan\n\nThe talks went on.");
    EXPECT_TRUE(has(v, "Country", "China"));
    EXPECT_TRUE(has(v, "Country", "Kazakhstan"));
    for (const auto& [label, name] : v) {
        EXPECT_NE(name, "Ship");
        EXPECT_NE(name, "Righting");
        EXPECT_NE(name, "China Supports Kazakhstan");
    }
}

TEST(MentionsTest, ACapitalisedModifierOfACommonNounIsNoEntity) {
    REQUIRE_MODELS();
    auto v = names("Officials linked the protest to Islamist extremist groups in the region.");
    for (const auto& [label, name] : v) EXPECT_NE(name, "Islamist");
}

}  // namespace
}  // namespace kgraph::extract
