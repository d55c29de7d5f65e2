// The extraction rules over hand-built UD trees: no NLP model needed, so these
// pin the rules down independently of the tagger's and parser's accuracy.
#include <gtest/gtest.h>

#include <sstream>

#include "engine/extract/parse_extractor.h"
#include "engine/nlp/document.h"
#include "test_util.h"

namespace kgraph::extract {
namespace {

using testing::Triple;

// Rows "form lemma UPOS head deprel" (head 1-based, 0 = root), one sentence.
struct Built {
    text::SourceDocument doc;
    nlp::Document parsed;
};

Built build(const std::vector<std::string>& rows, const std::string& published = "") {
    Built b;
    nlp::Sentence s;
    std::string text;
    for (const auto& row : rows) {
        std::istringstream in(row);
        nlp::Token t;
        in >> t.form >> t.lemma >> t.upos >> t.head >> t.deprel;
        if (!text.empty()) text += ' ';
        t.begin = text.size();
        text += t.form;
        t.end = text.size();
        t.xpos = t.upos == "VERB" ? "VBD" : t.upos;
        s.tokens.push_back(t);
    }
    s.begin = 0;
    s.end = text.size();
    b.doc = text::documentFromText(text + "\n", "t.txt", "t.txt");
    b.doc.published = published;
    b.parsed.sentences.push_back(std::move(s));
    return b;
}

const ParseExtractor& extractor() {
    static const ParseExtractor ex(nullptr,
                                   Lexicon::load(testing::sourceDir() + "/models/lexicons"));
    return ex;
}

bool has(const Extraction& ex, const Triple& t) { return testing::findFact(ex, t) != nullptr; }

TEST(HandBuiltTreeTest, TitlesLightVerbAndPrepositionalObject) {
    auto b =
        build({"Chinese Chinese ADJ 3 amod", "President President PROPN 3 compound",
               "Xi Xi PROPN 5 nsubj", "Jinping Jinping PROPN 3 flat", "sent send VERB 0 root",
               "a a DET 7 det", "message message NOUN 5 obj", "to to ADP 10 case",
               "Kazakh Kazakh ADJ 10 amod", "Tokayev Tokayev PROPN 5 obl", ". . PUNCT 5 punct"});
    auto ex = extractor().extractParsed(b.doc, b.parsed);
    EXPECT_TRUE(has(ex, {"Xi Jinping", "president_of", "China"})) << testing::dump(ex);
    EXPECT_TRUE(has(ex, {"Xi Jinping", "send_message_to", "Tokayev"})) << testing::dump(ex);
}

TEST(HandBuiltTreeTest, PassiveWithAgent) {
    auto b = build({"Estonia Estonia PROPN 3 nsubj:pass", "was be AUX 3 aux:pass",
                    "praised praise VERB 0 root", "by by ADP 5 case", "NATO NATO PROPN 3 obl",
                    ". . PUNCT 3 punct"});
    auto ex = extractor().extractParsed(b.doc, b.parsed);
    EXPECT_TRUE(has(ex, {"NATO", "praise", "Estonia"})) << testing::dump(ex);
}

TEST(HandBuiltTreeTest, CoordinationSpreadsOverConjuncts) {
    auto b = build({"Poland Poland PROPN 4 nsubj", "and and CCONJ 3 cc",
                    "Latvia Latvia PROPN 1 conj", "belong belong VERB 0 root", "to to ADP 6 case",
                    "NATO NATO PROPN 4 obl", ". . PUNCT 4 punct"});
    auto ex = extractor().extractParsed(b.doc, b.parsed);
    EXPECT_TRUE(has(ex, {"Poland", "belong_to", "NATO"})) << testing::dump(ex);
    EXPECT_TRUE(has(ex, {"Latvia", "belong_to", "NATO"})) << testing::dump(ex);
}

TEST(HandBuiltTreeTest, NegationAndDate) {
    auto b = build({"Japan Japan PROPN 4 nsubj", "did do AUX 4 aux", "not not PART 4 advmod",
                    "recognize recognize VERB 0 root", "Taiwan Taiwan PROPN 4 obj",
                    "on on ADP 7 case", "Friday Friday PROPN 4 obl", ". . PUNCT 4 punct"},
                   "2022-01-08T17:29");
    auto ex = extractor().extractParsed(b.doc, b.parsed);
    const auto* f = testing::findFact(ex, {"Japan", "recognize", "Taiwan"});
    ASSERT_NE(f, nullptr) << testing::dump(ex);
    EXPECT_TRUE(f->negated);
    EXPECT_EQ(f->date, "2022-01-07");  // the Friday before Saturday 8 January 2022
}

TEST(HandBuiltTreeTest, UnnamedArgumentsBecomeConcepts) {
    auto b = build({"Germany Germany PROPN 2 nsubj", "deployed deploy VERB 0 root",
                    "combat combat NOUN 4 compound", "troops troop NOUN 2 obj", "to to ADP 6 case",
                    "Lithuania Lithuania PROPN 2 obl", ". . PUNCT 2 punct"});
    auto ex = extractor().extractParsed(b.doc, b.parsed);
    EXPECT_TRUE(has(ex, {"Germany", "deploy_to", "Lithuania"})) << testing::dump(ex);
    const auto* f = testing::findFact(ex, {"Germany", "deploy", "combat troop"});
    ASSERT_NE(f, nullptr) << testing::dump(ex);
    EXPECT_EQ(ex.entities[f->object].label, "Concept");
}

TEST(HandBuiltTreeTest, DebrisLinesYieldNothing) {
    auto b = build({"Leave leave VERB 0 root", "a a DET 3 det", "Reply reply NOUN 1 obj"});
    auto ex = extractor().extractParsed(b.doc, b.parsed);
    EXPECT_TRUE(ex.facts.empty());
    EXPECT_TRUE(ex.entities.empty());
}

}  // namespace
}  // namespace kgraph::extract
