// The extractor end to end over the NLP pipeline: one test sentence per
// construction (sentences written for these tests), the four facts of
// PRODUCT.md §1 from samples/, and no facts from page debris. Skipped when the
// NLP models are not built (models/en_ewt.{tagger,parser} or $KGRAPH_MODELS).
#include "engine/extract/parse_extractor.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>

#include "engine/extract/to_storage.h"
#include "test_util.h"

namespace kgraph::extract {
namespace {

using testing::Triple;

const ParseExtractor* extractor() {
    static std::unique_ptr<ParseExtractor> ex =
        testing::haveModels() ? std::make_unique<ParseExtractor>(testing::modelDir()) : nullptr;
    return ex.get();
}

#define REQUIRE_MODELS() \
    if (!extractor()) GTEST_SKIP() << "no NLP models in " << testing::modelDir()

Extraction run(const std::string& text, const std::string& published = "2022-01-08T17:29") {
    auto doc = text::documentFromText("Test\n\n" + text + "\n", "t.txt", "t.txt");
    doc.published = published;
    return extractor()->extract(doc);
}

struct Case {
    const char* construction;
    const char* text;
    Triple expected;
    bool negated = false;
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.construction << ": " << c.text; }

class ConstructionTest : public ::testing::TestWithParam<Case> {};

TEST_P(ConstructionTest, SentenceGivesFact) {
    REQUIRE_MODELS();
    const auto& c = GetParam();
    auto ex = run(c.text);
    const auto* f = testing::findFact(ex, c.expected);
    ASSERT_NE(f, nullptr) << c.construction << ": " << c.text << "\nexpected " << c.expected.subject
                          << " -[" << c.expected.predicate << "]-> " << c.expected.object
                          << "\ngot:\n"
                          << testing::dump(ex);
    EXPECT_EQ(f->negated, c.negated) << c.text;
    EXPECT_GT(f->confidence, 0.0);
    EXPECT_LE(f->confidence, 1.0);
}

const Case kCases[] = {
    {"active clause",
     "Angela Merkel visited Poland in March.",
     {"Angela Merkel", "visit", "Poland"}},
    {"passive with agent",
     "Estonia was praised by Finland for its reforms.",
     {"Finland", "praise", "Estonia"}},
    {"prepositional object",
     "Germany deployed soldiers to Lithuania.",
     {"Germany", "deploy_to", "Lithuania"}},
    {"light verb",
     "Emmanuel Macron sent a letter to Joe Biden.",
     {"Emmanuel Macron", "send_letter_to", "Joe Biden"}},
    {"title before name",
     "French President Emmanuel Macron arrived in Berlin.",
     {"Emmanuel Macron", "president_of", "France"}},
    {"title and prepositional object",
     "French President Emmanuel Macron arrived in Berlin.",
     {"Emmanuel Macron", "arrive_in", "Berlin"}},
    {"possessive body and spokesman",
     "Russia's Foreign Ministry spokeswoman Maria Zakharova criticized Poland.",
     {"Maria Zakharova", "spokesman_of", "Russian Foreign Ministry"}},
    {"copula with noun",
     "Finland is a member of the European Union.",
     {"Finland", "member_of", "European Union"}},
    {"coordination, first conjunct",
     "Poland, Latvia and Estonia condemned Belarus.",
     {"Poland", "condemn", "Belarus"}},
    {"coordination, last conjunct",
     "Poland, Latvia and Estonia condemned Belarus.",
     {"Estonia", "condemn", "Belarus"}},
    {"negation",
     "Japan did not recognize the new government of Myanmar.",
     {"Japan", "recognize", "Myanmar"},
     true},
    {"nominal event with agent",
     "The deployment of troops to Mali by France was criticized.",
     {"France", "deploy_to", "Mali"}},
    {"phone call with",
     "Antony Blinken discussed trade during a phone call with Sergey Lavrov.",
     {"Antony Blinken", "call", "Sergey Lavrov"}},
    {"demonym government",
     "The Polish government thanked Lithuania.",
     {"Poland", "thank", "Lithuania"}},
    {"place of a country",
     "Protesters gathered in Lyon, France.",
     {"Lyon", "located_in", "France"}},
    {"member list",
     "NATO members Norway and Denmark welcomed the decision.",
     {"Norway", "member_of", "NATO"}},
};

INSTANTIATE_TEST_SUITE_P(Constructions, ConstructionTest, ::testing::ValuesIn(kCases));

TEST(ParseExtractorTest, SurnamesAndAcronymsResolveWithinTheDocument) {
    REQUIRE_MODELS();
    auto ex =
        run("The Baltic Energy Council (BEC) met in Riga. Olaf Scholz visited Warsaw on Monday. "
            "Later, Scholz praised the BEC.");
    EXPECT_NE(testing::findFact(ex, {"Olaf Scholz", "praise", "Baltic Energy Council"}), nullptr)
        << testing::dump(ex);
    const auto* f = testing::findFact(ex, {"Olaf Scholz", "visit", "Warsaw"});
    ASSERT_NE(f, nullptr) << testing::dump(ex);
    EXPECT_EQ(f->date, "2022-01-03");  // the Monday before Saturday 8 January 2022
}

TEST(ParseExtractorTest, ReportedSpeechIsAttributed) {
    REQUIRE_MODELS();
    auto ex = run("Germany will support Ukraine, Olaf Scholz said.");
    const auto* f = testing::findFact(ex, {"Germany", "support", "Ukraine"});
    ASSERT_NE(f, nullptr) << testing::dump(ex);
    EXPECT_EQ(f->attributedTo, "Olaf Scholz");
    EXPECT_EQ(f->modality, "will");
}

// --- The relation vocabulary and the precision guards (issue 15), on sentences
// written for these tests.

const FactMention* factBetween(const Extraction& ex, const std::string& s, const std::string& o) {
    for (const auto& f : ex.facts)
        if (ex.entities[f.subject].name == s && ex.entities[f.object].name == o) return &f;
    return nullptr;
}

TEST(RelationVocabularyEndToEnd, LightVerbsAndVerbsComeOutTyped) {
    REQUIRE_MODELS();
    struct {
        const char* text;
        const char* subject;
        const char* type;
        const char* object;
    } cases[] = {
        {"France expressed gratitude to Italy.", "France", "thanks", "Italy"},
        {"Canada sent a message to Mexico.", "Canada", "messages", "Mexico"},
        {"Spain offered support to Portugal.", "Spain", "supports", "Portugal"},
        {"Germany deployed soldiers to Lithuania.", "Germany", "deploys", "Lithuania"},
        {"Poland, Latvia and Estonia condemned Belarus.", "Latvia", "criticises", "Belarus"},
        {"French President Emmanuel Macron arrived in Berlin.", "Emmanuel Macron", "leads",
         "France"},
    };
    for (const auto& c : cases) {
        auto ex = run(c.text);
        const auto* f = factBetween(ex, c.subject, c.object);
        ASSERT_NE(f, nullptr) << c.text << "\n" << testing::dump(ex);
        EXPECT_EQ(f->type, c.type) << c.text << " (" << f->predicate << ")";
    }
}

TEST(RelationVocabularyEndToEnd, OneFactPerFoldedLightVerb) {
    REQUIRE_MODELS();
    auto ex = run("France expressed gratitude to Italy.");
    ASSERT_EQ(ex.facts.size(), 1u) << testing::dump(ex);  // no "express_to" beside thanks
    EXPECT_EQ(ex.facts[0].predicate, "express_gratitude_to");
}

TEST(RelationVocabularyEndToEnd, APossessorOfTheLightVerbsNounIsNoTarget) {
    REQUIRE_MODELS();
    auto ex = run("Olaf Scholz pledged Germany's firm support to Ukraine.");
    EXPECT_EQ(factBetween(ex, "Olaf Scholz", "Germany"), nullptr) << testing::dump(ex);
    const auto* f = factBetween(ex, "Germany", "Ukraine");
    ASSERT_NE(f, nullptr) << testing::dump(ex);
    EXPECT_EQ(f->type, "supports");
}

TEST(RelationVocabularyEndToEnd, UncoveredVerbKeepsItsMeaningUnderTheCatchAll) {
    REQUIRE_MODELS();
    auto ex = run("Finland sold boats to Estonia.");
    const auto* f = factBetween(ex, "Finland", "Estonia");
    ASSERT_NE(f, nullptr) << testing::dump(ex);
    EXPECT_EQ(f->type, "related_to");
    EXPECT_EQ(f->predicate, "sell_to");
    EXPECT_LE(f->confidence, 0.75);  // calibrated: only vocabulary types reach 0.8
}

TEST(RelationVocabularyEndToEnd, CoordinatedSubjectsOfASymmetricRelationRelateToEachOther) {
    REQUIRE_MODELS();
    auto ex = run("Russia and Belarus signed an agreement.");
    const auto* f = factBetween(ex, "Russia", "Belarus");
    ASSERT_NE(f, nullptr) << testing::dump(ex);
    EXPECT_EQ(f->type, "agrees_with");
    ex = run("France and Germany met in Paris on Monday.");
    f = factBetween(ex, "France", "Germany");
    ASSERT_NE(f, nullptr) << testing::dump(ex);
    EXPECT_EQ(f->type, "meets");
    EXPECT_EQ(f->location, "Paris");
    // Not for an asymmetric verb: "Poland and Latvia condemned" relates neither to the other.
    ex = run("Poland and Latvia protested.");
    EXPECT_EQ(factBetween(ex, "Poland", "Latvia"), nullptr) << testing::dump(ex);
}

TEST(PrecisionGuards, SettingObliquesBecomeProperties) {
    REQUIRE_MODELS();
    auto ex = run("Olaf Scholz met Emmanuel Macron in Paris.");
    const auto* f = factBetween(ex, "Olaf Scholz", "Emmanuel Macron");
    ASSERT_NE(f, nullptr) << testing::dump(ex);
    EXPECT_EQ(f->type, "meets");
    EXPECT_EQ(f->predicate, "meet");
    EXPECT_EQ(f->location, "Paris");
    EXPECT_EQ(factBetween(ex, "Olaf Scholz", "Paris"), nullptr) << testing::dump(ex);

    ex = run("Japan criticized China in a statement on Monday.");
    f = factBetween(ex, "Japan", "China");
    ASSERT_NE(f, nullptr) << testing::dump(ex);
    EXPECT_EQ(f->predicate, "criticize");
    EXPECT_EQ(f->context, "in a statement");
    EXPECT_EQ(ex.facts.size(), 1u) << testing::dump(ex);  // no criticize_in statement
}

TEST(PrecisionGuards, TheAccuserIsTheSpeakerNotTheAgent) {
    REQUIRE_MODELS();
    auto ex = run("Mexico accused Brazil of arming Venezuela.");
    EXPECT_EQ(factBetween(ex, "Mexico", "Venezuela"), nullptr) << testing::dump(ex);
    const auto* f = factBetween(ex, "Brazil", "Venezuela");
    ASSERT_NE(f, nullptr) << testing::dump(ex);
    EXPECT_EQ(f->attributedTo, "Mexico");
    EXPECT_EQ(f->modality, "alleged");
    f = factBetween(ex, "Mexico", "Brazil");
    ASSERT_NE(f, nullptr) << testing::dump(ex);
    EXPECT_EQ(f->type, "accuses");
}

TEST(PrecisionGuards, WhoRejectsAnAttemptDoesNotMakeIt) {
    REQUIRE_MODELS();
    auto ex = run("Poland rejects any attempt to isolate Lithuania.");
    EXPECT_EQ(factBetween(ex, "Poland", "Lithuania"), nullptr) << testing::dump(ex);
}

TEST(PrecisionGuards, WhatASpeakerDescribesIsNotTheSpeakersAct) {
    REQUIRE_MODELS();
    auto ex =
        run("Ali Khamenei described the protests as a plot by Britain seeking to weaken Iran.");
    EXPECT_EQ(factBetween(ex, "Ali Khamenei", "Iran"), nullptr) << testing::dump(ex);
}

TEST(PrecisionGuards, APurposeClauseIsTheSubjectsAndAnAsPhraseDescribesTheObject) {
    REQUIRE_MODELS();
    auto ex = run("Spain offered emergency funds to help Portugal recover.");
    const auto* f = factBetween(ex, "Spain", "Portugal");
    ASSERT_NE(f, nullptr) << testing::dump(ex);
    EXPECT_EQ(f->type, "aids");
    ex = run("The experts see Norway as a partner of Sweden.");
    f = factBetween(ex, "Norway", "Sweden");
    ASSERT_NE(f, nullptr) << testing::dump(ex);
    EXPECT_EQ(f->type, "partner_of");
}

TEST(PrecisionGuards, WhatAToClauseRevealsIsAttributedToItsController) {
    REQUIRE_MODELS();
    auto ex = run("Emmanuel Macron took to Twitter to reveal that France will help Poland.");
    const auto* f = factBetween(ex, "France", "Poland");
    ASSERT_NE(f, nullptr) << testing::dump(ex);
    EXPECT_EQ(f->attributedTo, "Emmanuel Macron");
    EXPECT_EQ(f->modality, "will");
}

TEST(PrecisionGuards, WhatCameAlongIsContextNotAnArgument) {
    REQUIRE_MODELS();
    auto ex = run("Belarus deployed combat troops with heavy equipment.");
    ASSERT_EQ(ex.facts.size(), 1u) << testing::dump(ex);  // no deploy_with heavy equipment
    EXPECT_EQ(ex.entities[ex.facts[0].object].label, "Concept");
    EXPECT_EQ(ex.entities[ex.facts[0].object].name.rfind("combat troop", 0), 0u);
    EXPECT_EQ(ex.facts[0].context, "with heavy equipment");
}

TEST(PrecisionGuards, NotJustButAlsoIsNoNegation) {
    REQUIRE_MODELS();
    auto ex = run("Norway will not just praise Sweden but also thank Denmark.");
    const auto* f = factBetween(ex, "Norway", "Sweden");
    ASSERT_NE(f, nullptr) << testing::dump(ex);
    EXPECT_FALSE(f->negated);
}

TEST(PrecisionGuards, HedgesAndPlansGoToModality) {
    REQUIRE_MODELS();
    struct {
        const char* text;
        const char* subject;
        const char* object;
        const char* modality;
    } cases[] = {
        {"Spain is ready to help Portugal.", "Spain", "Portugal", "ready"},
        {"Italy plans to visit Greece.", "Italy", "Greece", "plan"},
        {"Turkey allegedly attacked Syria.", "Turkey", "Syria", "allegedly"},
        {"Chile may recognize Bolivia.", "Chile", "Bolivia", "may"},
    };
    for (const auto& c : cases) {
        auto ex = run(c.text);
        const auto* f = factBetween(ex, c.subject, c.object);
        ASSERT_NE(f, nullptr) << c.text << "\n" << testing::dump(ex);
        EXPECT_EQ(f->modality, c.modality) << c.text;
    }
}

TEST(PrecisionGuards, HeadlinesAndBylinesStateNoFacts) {
    REQUIRE_MODELS();
    auto doc = text::documentFromText(
        "Peru Condemns Chile Over Border Dispute\nBy Maria Lopez\n\nThe talks resumed.\n", "t.txt",
        "t.txt");
    auto ex = extractor()->extract(doc);
    EXPECT_TRUE(ex.facts.empty()) << testing::dump(ex);
}

TEST(PrecisionGuards, ADatelineIsWhereTheStoryWasFiledNotASubject) {
    REQUIRE_MODELS();
    auto ex = run("Riga, Latvia — Latvian President Egils Levits thanked Estonia on Monday.");
    EXPECT_EQ(factBetween(ex, "Riga", "Estonia"), nullptr) << testing::dump(ex);
    const auto* f = factBetween(ex, "Egils Levits", "Estonia");
    ASSERT_NE(f, nullptr) << testing::dump(ex);
    EXPECT_EQ(f->type, "thanks");
    EXPECT_FALSE(f->location.empty());
}

TEST(ConceptArguments, AQuantityOfThingsIsTheThings) {
    REQUIRE_MODELS();
    auto ex = run("Austria bought a large number of fighter jets.");
    ASSERT_EQ(ex.facts.size(), 1u) << testing::dump(ex);
    EXPECT_EQ(ex.entities[ex.facts[0].object].name, "fighter jet");
    EXPECT_EQ(ex.entities[ex.facts[0].object].label, "Concept");
}

TEST(ConceptArguments, BareAndGenericNounsAreNoConcepts) {
    REQUIRE_MODELS();
    for (const char* text :
         {"Hungary made the attempt.", "Slovakia received votes.", "Croatia praised the year."}) {
        auto ex = run(text);
        EXPECT_TRUE(ex.facts.empty()) << text << "\n" << testing::dump(ex);
    }
}

text::SourceDocument sample(const std::string& name) {
    auto path = testing::sourceDir() + "/samples/" + name;
    return text::readDocument(path, name);
}

TEST(ParseExtractorTest, ProductFactsComeOutOfTheSamples) {
    REQUIRE_MODELS();
    std::vector<Triple> found;
    std::vector<std::pair<Triple, std::string>> predicates;
    for (const auto& entry :
         std::filesystem::directory_iterator(testing::sourceDir() + "/samples")) {
        if (entry.path().extension() != ".txt") continue;
        auto doc = sample(entry.path().filename().string());
        auto ex = extractor()->extract(doc);
        auto in = toDocumentInput(doc, ex);
        for (const auto& f : in.facts) {
            found.push_back({in.entities[f.subject].name, f.type, in.entities[f.object].name});
            predicates.emplace_back(found.back(), f.predicate);
        }
    }
    auto has = [&](const Triple& t) {
        return std::find(found.begin(), found.end(), t) != found.end();
    };
    // Each under a type of the relation vocabulary (docs/relations.md).
    EXPECT_TRUE(has({"Xi Jinping", "messages", "Kassym-Jomart Tokayev"}));
    EXPECT_TRUE(has({"Collective Security Treaty Organization", "deploys", "Kazakhstan"}));
    EXPECT_TRUE(has({"Wang Yi", "calls", "Mukhtar Tileuberdi"}));
    EXPECT_TRUE(has({"Kassym-Jomart Tokayev", "leads", "Kazakhstan"}));
    auto president = std::find_if(predicates.begin(), predicates.end(), [](const auto& p) {
        return p.first == Triple{"Kassym-Jomart Tokayev", "leads", "Kazakhstan"};
    });
    ASSERT_NE(president, predicates.end());
    EXPECT_EQ(president->second, "president_of");  // the title stays in the predicate
}

TEST(ParseExtractorTest, NoFactsFromPageDebris) {
    REQUIRE_MODELS();
    const char* kDebris[] = {"Leave a Reply",        "Log Out",       "commenting using",
                             "Fill in your details", "Connecting to", "Blog at",
                             "bloggers like this",   "Photo:",        "Published:"};
    for (const auto& entry :
         std::filesystem::directory_iterator(testing::sourceDir() + "/samples")) {
        if (entry.path().extension() != ".txt") continue;
        auto doc = sample(entry.path().filename().string());
        auto ex = extractor()->extract(doc);
        for (const auto& f : ex.facts) {
            const auto& s = ex.sentences[f.sentence - 1];
            std::string evidence = doc.text.substr(s.begin, s.end - s.begin);
            for (const char* d : kDebris) {
                auto at = evidence.find(d);
                // A photo credit glued to the end of a real sentence is blanked, not the sentence.
                bool trailingCredit =
                    std::string(d) == "Photo:" && at != std::string::npos && at > 40;
                EXPECT_TRUE(at == std::string::npos || trailingCredit)
                    << entry.path().filename() << ": fact from debris: " << evidence;
            }
        }
    }
}

TEST(ParseExtractorTest, OneSentencePerLineForOpenIe) {
    REQUIRE_MODELS();
    auto doc = text::documentFromText(
        "Barack Obama was born in Hawaii .\nThe company hired 20 engineers in 2019 .\n", "carb",
        "carb");
    auto ex = extractor()->extractLines(doc);
    ASSERT_EQ(ex.sentences.size(), 2u);
    ASSERT_FALSE(ex.propositions.empty());
    bool born = false;
    for (const auto& p : ex.propositions)
        if (p.sentence == 1 && p.arg1 == "Barack Obama" && p.relation == "was born in" &&
            p.args.size() == 1 && p.args[0] == "Hawaii")
            born = true;
    EXPECT_TRUE(born);
}

}  // namespace
}  // namespace kgraph::extract
