// Coreference within a document, end to end over the NLP pipeline on sentences
// written for this test: pronouns and definite descriptions take the entity of
// the right antecedent, an object pronoun is not its own clause's subject, and
// an anaphor with no compatible antecedent yields no entity and no fact.
#include "engine/extract/parse_extractor.h"

#include <gtest/gtest.h>

#include <memory>

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

Extraction run(const std::string& text) {
    auto doc = text::documentFromText("Test\n\n" + text + "\n", "t.txt", "t.txt");
    doc.published = "2022-01-08T17:29";
    return extractor()->extract(doc);
}

// The entity name each anaphor with the given surface text was resolved to.
std::vector<std::string> resolved(const Extraction& ex, const std::string& text,
                                  const std::string& surface) {
    std::vector<std::string> out;
    for (const auto& r : ex.references)
        if (r.anaphor && text.substr(r.begin, r.end - r.begin) == surface)
            out.push_back(ex.entities[r.entity].name);
    return out;
}

TEST(CoreferenceTest, PronounsTakeTheAgreeingAntecedent) {
    REQUIRE_MODELS();
    std::string body =
        "Maria Lopez arrived in Lima on Tuesday. She met the Andean Mining Company there. "
        "It announced a new mine, and she praised its plans.";
    auto ex = run(body);
    std::string text = "Test\n\n" + body + "\n";
    EXPECT_EQ(resolved(ex, text, "She"), std::vector<std::string>{"Maria Lopez"});
    EXPECT_EQ(resolved(ex, text, "she"), std::vector<std::string>{"Maria Lopez"});
    EXPECT_EQ(resolved(ex, text, "It"), std::vector<std::string>{"Andean Mining Company"});
    EXPECT_EQ(resolved(ex, text, "its"), std::vector<std::string>{"Andean Mining Company"});
}

TEST(CoreferenceTest, DefiniteDescriptionsTakeTheLatestEntityOfTheirClass) {
    REQUIRE_MODELS();
    std::string body =
        "Jon Berg visited Chile last week. The country signed a trade deal with Norway, and "
        "the president welcomed it.";
    auto ex = run(body);
    std::string text = "Test\n\n" + body + "\n";
    EXPECT_EQ(resolved(ex, text, "The country"), std::vector<std::string>{"Chile"});
    EXPECT_EQ(resolved(ex, text, "the president"), std::vector<std::string>{"Jon Berg"});
}

TEST(CoreferenceTest, AnObjectPronounIsNotItsClauseSubject) {
    REQUIRE_MODELS();
    std::string body = "Jon Berg met Maria Lopez in Lima. Later Jon Berg thanked her.";
    auto ex = run(body);
    std::string text = "Test\n\n" + body + "\n";
    std::string refs;
    for (const auto& r : ex.references)
        refs += text.substr(r.begin, r.end - r.begin) + " -> " + ex.entities[r.entity].name + " (" +
                ex.entities[r.entity].label + ")\n";
    EXPECT_EQ(resolved(ex, text, "her"), std::vector<std::string>{"Maria Lopez"}) << refs;
}

TEST(CoreferenceTest, AnUnresolvedPronounMakesNoEntity) {
    REQUIRE_MODELS();
    auto ex = run("He said the talks went well.");
    for (const auto& e : ex.entities) EXPECT_NE(e.name, "He");
    for (const auto& r : ex.references) EXPECT_FALSE(r.anaphor);
    EXPECT_TRUE(ex.facts.empty() ||
                std::none_of(ex.facts.begin(), ex.facts.end(), [&](const FactMention& f) {
                    return ex.entities[f.subject].name == "He";
                }));
}

}  // namespace
}  // namespace kgraph::extract
