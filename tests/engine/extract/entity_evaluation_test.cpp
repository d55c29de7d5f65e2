// kgraph evaluate entities: the GUM reader and the scores, on a hand-made
// three-sentence document (tests/data/extract/gum_tiny.conllu) and a hand-built
// system extraction whose figures are computed by hand below.
#include "engine/extract/entity_evaluation.h"

#include <gtest/gtest.h>

#include "engine/common/error.h"

namespace kgraph::extract {
namespace {

const std::string kTiny = std::string(KGRAPH_SOURCE_DIR) + "/tests/data/extract/gum_tiny.conllu";

TEST(GumReaderTest, RebuildsTheTextAndFindsMentionsWithTheirHeads) {
    auto docs = readGumDocuments(kTiny);
    ASSERT_EQ(docs.size(), 1u);
    const auto& d = docs[0];
    EXPECT_EQ(d.doc.id, "tiny_news");
    EXPECT_EQ(d.doc.published, "2020-01-02");
    EXPECT_EQ(d.doc.text,
              "Kassym-Jomart Tokayev met Wang Yi. He praised the Afghan team.\n\n"
              "Santa Catarina welcomed them.\n");
    ASSERT_EQ(d.mentions.size(), 7u);
    // Sorted by position: Tokayev, Wang Yi, He, the Afghan team, Afghan, Santa Catarina, them.
    const auto& t = d.mentions[0];
    EXPECT_EQ(d.doc.text.substr(t.begin, t.end - t.begin), "Kassym-Jomart Tokayev");
    EXPECT_EQ(d.doc.text.substr(t.headBegin, t.headEnd - t.headBegin), "Tokayev");
    EXPECT_TRUE(t.named);
    const auto& w = d.mentions[1];
    EXPECT_EQ(d.doc.text.substr(w.headBegin, w.headEnd - w.headBegin), "Wang");
    EXPECT_FALSE(d.mentions[2].named);  // He
    EXPECT_EQ(d.mentions[2].entity, t.entity);
    const auto& team = d.mentions[3];
    EXPECT_EQ(d.doc.text.substr(team.headBegin, team.headEnd - team.headBegin), "team");
    EXPECT_FALSE(d.mentions[4].named);  // the demonym adjective
    ASSERT_EQ(d.entities.size(), 6u);
    EXPECT_EQ(d.entities[0].type, "person");
    EXPECT_EQ(d.entities[0].identity, "Kassym-Jomart_Tokayev");
    EXPECT_TRUE(d.entities[0].named);
    EXPECT_FALSE(d.entities[2].named);
}

TEST(GumReaderTest, AMissingFileIsAnError) {
    EXPECT_THROW(
        readGumDocuments(std::string(KGRAPH_SOURCE_DIR) + "/tests/data/extract/missing.conllu"),
        Error);
}

TEST(EntityEvaluationTest, WikipediaTitlesBecomeNames) {
    EXPECT_EQ(titleAsName("Santa_Catarina_%28state%29"), "Santa Catarina");
    EXPECT_EQ(titleAsName("Durham%2C_England"), "Durham, England");
    EXPECT_EQ(titleAsName("Donald_Trump"), "Donald Trump");
}

TEST(EntityEvaluationTest, TypeTable) {
    EXPECT_TRUE(typeMatches("place", "Country"));
    EXPECT_TRUE(typeMatches("place", "Location"));
    EXPECT_TRUE(typeMatches("organization", "Media"));
    EXPECT_FALSE(typeMatches("place", "Person"));
    EXPECT_FALSE(typeMatches("time", "Event"));
}

Extraction tinySystem() {
    Extraction ex;
    auto entity = [&](std::string name, std::string label, uint32_t b, uint32_t e) {
        ex.entities.push_back({"", std::move(name), std::move(label), 1, b, e});
        ex.references.push_back({ex.entities.size() - 1, 1, b, e, false});
    };
    entity("Kassym-Jomart Tokayev", "Person", 0, 21);
    entity("Wang", "Organization", 26, 33);  // wrong type, wrong canonical name
    entity("Afghan", "Person", 50, 56);      // on a demonym adjective: not counted
    entity("Praised", "Person", 38, 45);     // spurious
    entity("Santa Catarina", "Location", 64, 78);
    ex.references.push_back({0, 2, 35, 37, true});  // He -> Tokayev
    return ex;
}

TEST(EntityEvaluationTest, HandComputedScores) {
    auto gold = readGumDocuments(kTiny);
    auto s = scoreEntities(gold, {tinySystem()});
    EXPECT_EQ(s.goldNamed, 3u);
    EXPECT_EQ(s.matchedNamed, 3u);
    EXPECT_EQ(s.systemNamed, 4u);
    EXPECT_NEAR(s.precision, 0.75, 1e-9);
    EXPECT_NEAR(s.recall, 1.0, 1e-9);
    EXPECT_NEAR(s.f1, 6.0 / 7.0, 1e-9);
    EXPECT_NEAR(s.typeAccuracy, 2.0 / 3.0, 1e-9);
    // Key {Tokayev, He} {Wang Yi} {Santa Catarina}; response the same plus {Praised}.
    EXPECT_NEAR(s.muc, 1.0, 1e-9);
    EXPECT_NEAR(s.b3, 2 * 0.8 / 1.8, 1e-9);       // recall 1, precision 4/5
    EXPECT_NEAR(s.ceafe, 2 * 0.75 / 1.75, 1e-9);  // recall 3/3, precision 3/4
    EXPECT_NEAR(s.corefF1, (s.muc + s.b3 + s.ceafe) / 3, 1e-12);
    EXPECT_EQ(s.canonicalGold, 3u);
    EXPECT_EQ(s.canonicalCorrect, 2u);
    auto json = entityScoresJson(s);
    for (const char* key : {"\"mention_precision\"", "\"mention_recall\"", "\"mention_f1\"",
                            "\"type_accuracy\"", "\"coref_muc\"", "\"coref_b3\"", "\"coref_ceafe\"",
                            "\"coref_f1\"", "\"canonical_accuracy\""})
        EXPECT_NE(json.find(key), std::string::npos) << key;
}

TEST(EntityEvaluationTest, ASplitEntityLowersCoreference) {
    auto gold = readGumDocuments(kTiny);
    auto ex = tinySystem();
    ex.references.back().entity = 1;  // He -> Wang: wrong antecedent
    auto s = scoreEntities(gold, {ex});
    EXPECT_LT(s.muc, 1.0);
    EXPECT_LT(s.corefF1, scoreEntities(gold, {tinySystem()}).corefF1);
}

}  // namespace
}  // namespace kgraph::extract
