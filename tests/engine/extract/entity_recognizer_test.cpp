// The named-entity recogniser: training on a handful of tagged sentences written
// for this test learns their names; training is deterministic; the model file
// round-trips and a damaged one is refused; the GUM name spans it trains on.
#include "engine/extract/entity_recognizer.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/common/error.h"
#include "engine/extract/entity_training.h"
#include "test_util.h"

namespace kgraph::extract {
namespace {

// "word/UPOS/XPOS ..." -> a tagged sentence.
nlp::Sentence tagged(const std::string& text) {
    nlp::Sentence s;
    std::istringstream in(text);
    std::string item;
    while (in >> item) {
        nlp::Token t;
        auto a = item.find('/'), b = item.rfind('/');
        t.form = item.substr(0, a);
        t.upos = item.substr(a + 1, b - a - 1);
        t.xpos = item.substr(b + 1);
        s.tokens.push_back(t);
    }
    return s;
}

std::vector<NameTrainingSentence> trainingSet() {
    auto person = NameClass::Person, place = NameClass::Location, org = NameClass::Organization;
    std::vector<NameTrainingSentence> d;
    for (int copy = 0; copy < 5; ++copy) {
        d.push_back(
            {tagged("Maria/PROPN/NNP Lopez/PROPN/NNP visited/VERB/VBD Lima/PROPN/NNP ./PUNCT/."),
             {{0, 1, person}, {3, 3, place}}});
        d.push_back(
            {tagged("The/DET/DT Andes/PROPN/NNP Mining/PROPN/NNP Company/PROPN/NNP hired/VERB/VBD "
                    "Jon/PROPN/NNP Berg/PROPN/NNP ./PUNCT/."),
             {{1, 3, org}, {5, 6, person}}});
        d.push_back({tagged("She/PRON/PRP flew/VERB/VBD to/ADP/IN Quito/PROPN/NNP on/ADP/IN "
                            "Monday/PROPN/NNP ./PUNCT/."),
                     {{3, 3, place}}});
        d.push_back({tagged("Farmers/NOUN/NNS in/ADP/IN Peru/PROPN/NNP grow/VERB/VBP "
                            "potatoes/NOUN/NNS ./PUNCT/."),
                     {{2, 2, place}}});
    }
    return d;
}

const Lexicon& lexicon() {
    static Lexicon lx = Lexicon::load(testing::sourceDir() + "/models/lexicons");
    return lx;
}

TEST(EntityRecognizerTest, LearnsTheNamesOfItsTrainingSentences) {
    std::ostringstream log;
    auto r = EntityRecognizer::train(trainingSet(), lexicon(), 5, log);
    auto names = r.recognize(
        tagged("Maria/PROPN/NNP Lopez/PROPN/NNP visited/VERB/VBD Lima/PROPN/NNP ./PUNCT/."),
        lexicon());
    ASSERT_EQ(names.size(), 2u);
    EXPECT_EQ(names[0].first, 0);
    EXPECT_EQ(names[0].last, 1);
    EXPECT_EQ(names[0].cls, NameClass::Person);
    EXPECT_EQ(names[1].first, 3);
    EXPECT_EQ(names[1].cls, NameClass::Location);
    EXPECT_GT(r.score(trainingSet(), lexicon()).f1(), 0.9);
    // Lower-case words far from any capital are never names.
    EXPECT_TRUE(
        r.recognize(tagged("farmers/NOUN/NNS grow/VERB/VBP potatoes/NOUN/NNS"), lexicon()).empty());
}

TEST(EntityRecognizerTest, TrainingTwiceWritesTheSameBytes) {
    std::ostringstream log;
    auto dir = std::filesystem::temp_directory_path() / "kgraph_ner_test";
    std::filesystem::create_directories(dir);
    auto a = (dir / "a.entities").string(), b = (dir / "b.entities").string();
    EntityRecognizer::train(trainingSet(), lexicon(), 3, log).save(a);
    EntityRecognizer::train(trainingSet(), lexicon(), 3, log).save(b);
    auto bytes = [](const std::string& p) {
        std::ifstream in(p, std::ios::binary);
        return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    };
    EXPECT_EQ(bytes(a), bytes(b));
    auto loaded = EntityRecognizer::load(a);
    auto s = tagged("Jon/PROPN/NNP Berg/PROPN/NNP visited/VERB/VBD Quito/PROPN/NNP ./PUNCT/.");
    auto fresh = EntityRecognizer::train(trainingSet(), lexicon(), 3, log);
    auto x = loaded->recognize(s, lexicon()), y = fresh.recognize(s, lexicon());
    ASSERT_EQ(x.size(), y.size());
    for (size_t i = 0; i < x.size(); ++i) {
        EXPECT_EQ(x[i].first, y[i].first);
        EXPECT_EQ(x[i].last, y[i].last);
        EXPECT_EQ(x[i].cls, y[i].cls);
    }
    // A damaged file is refused with the remedy.
    std::string damaged = bytes(a);
    damaged[damaged.size() / 2] ^= 0x55;
    std::ofstream((dir / "c.entities").string(), std::ios::binary) << damaged;
    try {
        EntityRecognizer::load((dir / "c.entities").string());
        FAIL() << "a damaged model loaded";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("kgraph train entities"), std::string::npos);
    }
    EXPECT_THROW(EntityRecognizer::load((dir / "missing.entities").string()), Error);
    std::filesystem::remove_all(dir);
}

TEST(EntityTrainingTest, TheNameOfAGoldMentionIsItsProperNounRun) {
    // "the University of New South Wales 's school": the mention is words 0..5, head 1.
    auto s = tagged(
        "the/DET/DT University/PROPN/NNP of/ADP/IN New/PROPN/NNP South/PROPN/NNP "
        "Wales/PROPN/NNP 's/PART/POS school/NOUN/NN");
    auto n = nameSpanOf(s, 0, 5, 1, NameClass::Organization);
    EXPECT_EQ(n.first, 1);
    EXPECT_EQ(n.last, 5);
    // "U.S. President Donald Trump 's": possessive left out.
    auto t =
        tagged("U.S./PROPN/NNP President/PROPN/NNP Donald/PROPN/NNP Trump/PROPN/NNP 's/PART/POS");
    auto m = nameSpanOf(t, 0, 4, 3, NameClass::Person);
    EXPECT_EQ(m.first, 0);
    EXPECT_EQ(m.last, 3);
    NameClass c;
    EXPECT_TRUE(nameClassOfGumType("place", c));
    EXPECT_EQ(c, NameClass::Location);
    EXPECT_FALSE(nameClassOfGumType("time", c));
}

TEST(EntityTrainingTest, GumFixtureGivesNamesWithoutDemonyms) {
    auto docs = readGumDocuments(testing::sourceDir() + "/tests/data/extract/gum_tiny.conllu");
    ASSERT_EQ(docs.size(), 1u);
    auto sentences = gumNameSentences(docs[0]);
    ASSERT_EQ(sentences.size(), 3u);
    ASSERT_EQ(sentences[0].names.size(), 2u);  // Kassym-Jomart Tokayev, Wang Yi
    EXPECT_EQ(sentences[0].names[0].first, 0);
    EXPECT_EQ(sentences[0].names[0].last, 1);
    EXPECT_EQ(sentences[0].names[1].first, 3);
    EXPECT_EQ(sentences[0].names[1].last, 4);
    EXPECT_TRUE(sentences[1].names.empty());  // "Afghan" is an adjective
    ASSERT_EQ(sentences[2].names.size(), 1u);
    EXPECT_EQ(sentences[2].names[0].cls, NameClass::Location);
}

}  // namespace
}  // namespace kgraph::extract
