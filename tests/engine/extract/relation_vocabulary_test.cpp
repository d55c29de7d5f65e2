// The relation vocabulary (docs/relations.md): the frame table, its catch-all,
// inverse frames, core and setting prepositions, and `kgraph evaluate relations`
// on a hand-made Re-DocRED fixture with a stub extractor (no models needed).
#include "engine/extract/relation_vocabulary.h"

#include <gtest/gtest.h>

#include <set>
#include <sstream>

#include "engine/common/error.h"
#include "engine/extract/relation_eval.h"
#include "test_util.h"

namespace kgraph::extract {
namespace {

std::string typeOf(const std::string& predicate) { return classify(predicate).type; }

TEST(RelationVocabularyTest, SizeAndNamesFollowTheContract) {
    const auto& types = relationTypes();
    EXPECT_GE(types.size(), 26u);  // 25-40 vocabulary types plus the catch-all
    EXPECT_LE(types.size(), 41u);
    std::set<std::string_view> names;
    for (const auto& t : types) {
        EXPECT_TRUE(names.insert(t.name).second) << "duplicate " << t.name;
        for (char c : t.name) EXPECT_TRUE((c >= 'a' && c <= 'z') || c == '_') << t.name;
        EXPECT_FALSE(t.grounding.empty()) << t.name;
    }
    EXPECT_EQ(types.back().name, kCatchAll);
}

TEST(RelationVocabularyTest, EveryFrameRowNamesAVocabularyType) {
    std::set<std::string> frames;
    for (const auto& row : frameTable()) {
        EXPECT_NE(relationType(row.type), nullptr) << row.frame << " -> " << row.type;
        EXPECT_TRUE(frames.insert(row.frame).second) << "duplicate frame " << row.frame;
    }
}

TEST(RelationVocabularyTest, LightVerbsFoldIntoTheirNounsType) {
    EXPECT_EQ(typeOf("express_gratitude_to"), "thanks");
    EXPECT_EQ(typeOf("offer_support_to"), "supports");
    EXPECT_EQ(typeOf("provide_support_to"), "supports");
    EXPECT_EQ(typeOf("pledge_support_for"), "supports");
    EXPECT_EQ(typeOf("show_support_for"), "supports");
    EXPECT_EQ(typeOf("send_message_to"), "messages");
    EXPECT_EQ(typeOf("send_verbal_message_to"), "messages");
    EXPECT_EQ(typeOf("hold_phone_call_with"), "calls");
    EXPECT_EQ(typeOf("hold_talk_with"), "meets");
    EXPECT_EQ(typeOf("send_troop_to"), "deploys");
    EXPECT_EQ(typeOf("seek_help_from"), "requests_aid");
    EXPECT_EQ(typeOf("impose_sanction_on"), "sanctions");
    EXPECT_EQ(typeOf("sign_agreement_with"), "agrees_with");
    EXPECT_EQ(typeOf("strike_deal_with"), "agrees_with");
}

TEST(RelationVocabularyTest, VerbsAndCorePrepositions) {
    EXPECT_EQ(typeOf("deploy_to"), "deploys");
    EXPECT_EQ(typeOf("cooperate_with"), "cooperates_with");
    EXPECT_EQ(typeOf("condemn"), "criticises");
    EXPECT_EQ(typeOf("support_with"), "supports");  // the verb's type, preposition or not
    EXPECT_EQ(typeOf("meet_with"), "meets");
    EXPECT_EQ(typeOf("arrive_in"), "visits");
    EXPECT_EQ(typeOf("bear_in"), "born_in");
}

TEST(RelationVocabularyTest, TitlesGiveLeadsOrWorksFor) {
    EXPECT_EQ(typeOf("president_of"), "leads");
    EXPECT_EQ(typeOf("first_president_of"), "leads");
    EXPECT_EQ(typeOf("prime_minister_of"), "leads");  // heads the government (P6)
    EXPECT_EQ(typeOf("deputy_prime_minister_of"), "works_for");
    EXPECT_EQ(typeOf("foreign_minister_of"), "works_for");
    EXPECT_EQ(typeOf("research_fellow_at"), "works_for");
    EXPECT_EQ(typeOf("vice_president_of"), "works_for");  // a deputy does not lead
    EXPECT_EQ(typeOf("secretary_general_of"), "leads");
    EXPECT_EQ(typeOf("member_of"), "member_of");
    EXPECT_EQ(typeOf("neighbor_of"), "borders");
}

TEST(RelationVocabularyTest, APassiveWithoutAgentKeepsOnlyStandingTypes) {
    EXPECT_EQ(typeOf("be_bear_in"), "born_in");               // "X was born in Y"
    EXPECT_EQ(typeOf("be_locate_in"), "located_in");          // "X is located in Y"
    EXPECT_EQ(typeOf("be_take_to"), std::string(kCatchAll));  // "X was taken to Y": not X's act
    EXPECT_EQ(typeOf("be_elect_to"), std::string(kCatchAll));
    EXPECT_EQ(typeOf("be_in"), "located_in");  // the copula row itself
}

TEST(RelationVocabularyTest, IdiomsDoNotFallBackToTheBareVerb) {
    EXPECT_EQ(typeOf("lead_to"), std::string(kCatchAll));  // causes, does not lead
    EXPECT_EQ(typeOf("take_part_in"), std::string(kCatchAll));
    EXPECT_EQ(typeOf("range_from"), std::string(kCatchAll));
    EXPECT_EQ(typeOf("call_for"), "appeals_to");
    EXPECT_EQ(typeOf("back_down"), std::string(kCatchAll));  // a particle changes the verb
}

TEST(RelationVocabularyTest, UncoveredPredicatesGoToTheCatchAll) {
    EXPECT_EQ(typeOf("propose"), std::string(kCatchAll));
    EXPECT_EQ(typeOf("learn_from"), std::string(kCatchAll));
    EXPECT_EQ(typeOf(""), std::string(kCatchAll));
    EXPECT_FALSE(classify("propose").inverse);
}

TEST(RelationVocabularyTest, InverseFramesSwapTheArguments) {
    EXPECT_EQ(classify("receive_call_from").type, "calls");
    EXPECT_TRUE(classify("receive_call_from").inverse);
    EXPECT_EQ(classify("host").type, "visits");
    EXPECT_TRUE(classify("host").inverse);
    EXPECT_FALSE(classify("call").inverse);
}

TEST(RelationVocabularyTest, SettingPrepositionsUnlessTheHeadLicensesThem) {
    EXPECT_TRUE(isSettingPreposition("during"));
    EXPECT_TRUE(isSettingPreposition("in"));
    EXPECT_FALSE(isSettingPreposition("to"));
    EXPECT_FALSE(isCoreOblique("say", "in"));   // "said in an interview"
    EXPECT_FALSE(isCoreOblique("meet", "in"));  // "met in Beijing"
    EXPECT_TRUE(isCoreOblique("arrive", "in"));
    EXPECT_TRUE(isCoreOblique("deploy", "in"));
    EXPECT_TRUE(isCoreOblique("rely", "on"));
    EXPECT_TRUE(isCoreOblique("state", "in", true));  // "declared a state of emergency in"
    EXPECT_TRUE(isCoreOblique("cooperate", "with"));  // not a setting preposition at all
}

// A stub extractor returning hand-made extractions for the fixture's two documents.
class StubExtractor : public Extractor {
public:
    Extraction extract(const text::SourceDocument& doc) const override {
        Extraction ex;
        if (doc.id == "Anna Berg") {
            // "Anna Berg was born in Oslo , Norway . She works for Acme ."
            EXPECT_EQ(doc.text.substr(22, 4), "Oslo");
            ex.entities = {{"Anna Berg", "Anna Berg", "Person", 1, 0, 9},
                           {"Oslo", "Oslo", "Location", 1, 22, 26},
                           {"Norway", "Norway", "Country", 1, 29, 35},
                           {"Acme", "Acme", "Organization", 2, 52, 56},
                           {"She", "Anna Berg", "Person", 2, 38, 41},
                           {"home", "home town", "Concept", 1, 14, 18}};
            auto fact = [](size_t s, const char* type, size_t o, bool negated = false) {
                FactMention f;
                f.subject = s;
                f.object = o;
                f.type = type;
                f.negated = negated;
                return f;
            };
            ex.facts = {fact(0, "born_in", 1),     // P19, right
                        fact(1, "located_in", 2),  // P17 (to a country), right
                        fact(4, "works_for", 3),   // P108, Acme aligns to nothing: wrong
                        fact(0, "born_in", 5),     // a Concept aligning to nothing: not scored
                        fact(2, "located_in", 1, true),  // negated: not scored
                        fact(0, "praises", 2)};          // maps to no property: not scored
        }
        return ex;
    }
};

TEST(EvaluateRelationsTest, ScoresTheHandMadeFixture) {
    StubExtractor stub;
    auto scores =
        evaluateRelations(stub, testing::sourceDir() + "/tests/data/extract/redocred_tiny.json");
    EXPECT_EQ(scores.documents, 2u);
    EXPECT_EQ(scores.goldTriples, 5u);
    EXPECT_EQ(scores.mappedGoldTriples, 4u);  // all but P569 date of birth
    EXPECT_EQ(scores.perProperty["P19"].truePositives, 1u);
    EXPECT_EQ(scores.perProperty["P17"].truePositives, 1u);
    // Norway P150 (contains) Oslo is Oslo P131 Norway: the located_in fact said P17.
    EXPECT_EQ(scores.perProperty["P131"].falseNegatives, 1u);
    EXPECT_EQ(scores.perProperty["P108"].falsePositives, 1u);
    EXPECT_EQ(scores.perProperty["P108"].falseNegatives, 1u);  // Tom Lind at Lund University
    std::ostringstream out;
    writeRelationScores(scores, out);
    const std::string json = out.str();
    EXPECT_EQ(json.find("{\"precision\":0.6667,\"recall\":0.5000,\"f1\":0.5714,"
                        "\"mapped_share\":0.8000"),
              0u)
        << json;
    EXPECT_NE(json.find("\"per_property\":{"), std::string::npos);
    // The stub's facts have confidence 0: all three scored triples fall in the lowest bin.
    EXPECT_NE(json.find("\"reliability\":[{\"min_confidence\":0.0000,\"facts\":3,"
                        "\"precision\":0.6667}]"),
              std::string::npos)
        << json;
    ASSERT_EQ(scores.falsePositives.size(), 1u);
    EXPECT_NE(scores.falsePositives[0].find("Acme"), std::string::npos);
}

TEST(EvaluateRelationsTest, ANonRedocredFileIsAUserError) {
    StubExtractor stub;
    EXPECT_THROW(evaluateRelations(stub, testing::sourceDir() + "/README.md"), Error);
    EXPECT_THROW(evaluateRelations(stub, "/nonexistent/redocred.json"), Error);
}

}  // namespace
}  // namespace kgraph::extract
