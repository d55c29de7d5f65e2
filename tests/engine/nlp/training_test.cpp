// Training on a tiny hand-written CoNLL-U file runs end to end through the same
// functions as `kgraph train`, `kgraph parse` and `kgraph evaluate`, and is
// deterministic.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "engine/common/error.h"
#include "engine/nlp/conllu.h"
#include "engine/nlp/nlp_commands.h"

namespace kgraph::nlp {
namespace {

namespace fs = std::filesystem;

const std::string kFixture = std::string(KGRAPH_NLP_TEST_DATA) + "/tiny.conllu";
// A hand-written lexicon in WordNet's and the word list's formats.
const LexiconPaths kLexicon = {std::string(KGRAPH_NLP_TEST_DATA) + "/lexicon",
                               std::string(KGRAPH_NLP_TEST_DATA) + "/lexicon/words"};

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

class TrainingTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("kgraph_nlp_train_" + std::to_string(::getpid()));
        fs::create_directories(dir_ / "a");
        fs::create_directories(dir_ / "b");
    }
    void TearDown() override { fs::remove_all(dir_); }
    void trainInto(const fs::path& d) {
        std::ostringstream log;
        trainTagger(kFixture, kFixture, (d / "en_ewt.tagger").string(), kLexicon, log);
        trainParser(kFixture, kFixture, (d / "en_ewt.parser").string(), kLexicon, log);
        EXPECT_NE(log.str().find("dev tagged with"), std::string::npos) << log.str();
    }
    fs::path dir_;
};

TEST_F(TrainingTest, TrainParseEvaluateEndToEnd) {
    trainInto(dir_ / "a");
    std::istringstream in("Russia deployed combat troops.\n");
    std::ostringstream conllu;
    parseText(in, conllu, (dir_ / "a").string());
    auto parsed = readConllu(*std::make_unique<std::istringstream>(conllu.str()), "parse output");
    ASSERT_EQ(parsed.size(), 1u) << conllu.str();
    ASSERT_EQ(parsed[0].tokens.size(), 5u);
    EXPECT_EQ(parsed[0].text, "Russia deployed combat troops.");
    for (const Token& t : parsed[0].tokens) {
        EXPECT_GE(t.head, 0);
        EXPECT_LE(t.head, 5);
        EXPECT_FALSE(t.deprel.empty());
        EXPECT_FALSE(t.upos.empty());
    }

    std::ostringstream report;
    evaluate(kFixture, false, (dir_ / "a").string(), report);
    std::string last = report.str().substr(report.str().rfind('{'));
    EXPECT_NE(last.find("\"tokens\": 63"), std::string::npos) << report.str();
    for (const char* key :
         {"\"upos\"", "\"xpos\"", "\"lemma\"", "\"uas\"", "\"las\"", "\"tokens_per_s\""}) {
        EXPECT_NE(last.find(key), std::string::npos) << key;
    }
    std::ostringstream raw;
    evaluate(kFixture, true, (dir_ / "a").string(), raw);
    EXPECT_NE(raw.str().find("Words F1     100.00"), std::string::npos) << raw.str();
}

TEST_F(TrainingTest, TrainingIsDeterministic) {
    trainInto(dir_ / "a");
    trainInto(dir_ / "b");
    EXPECT_EQ(slurp(dir_ / "a" / "en_ewt.tagger"), slurp(dir_ / "b" / "en_ewt.tagger"));
    EXPECT_EQ(slurp(dir_ / "a" / "en_ewt.parser"), slurp(dir_ / "b" / "en_ewt.parser"));
}

TEST_F(TrainingTest, MissingTrainingFileIsAClearError) {
    std::ostringstream log;
    try {
        trainTagger("/nonexistent/train.conllu", "", (dir_ / "x").string(), {}, log);
        FAIL() << "expected kgraph::Error";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("/nonexistent/train.conllu"), std::string::npos);
    }
}

TEST(ConlluTest, MalformedLineNamesFileAndLine) {
    std::istringstream in("# text = a\n1\ta\ta\tX\n");
    try {
        readConllu(in, "bad.conllu");
        FAIL() << "expected kgraph::Error";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("bad.conllu:2"), std::string::npos) << e.what();
    }
}

TEST(ConlluTest, ReadsMultiwordTokensAndSpaceAfter) {
    auto s = readConlluFile(kFixture);
    ASSERT_EQ(s.size(), 10u);
    const Sentence& last = s.back();
    EXPECT_EQ(last.text, "China's army didn't move.");
    ASSERT_EQ(last.multiwords.size(), 1u);
    EXPECT_EQ(last.multiwords[0].form, "didn't");
    EXPECT_EQ(last.tokens.size(), 7u);
    EXPECT_FALSE(last.tokens[0].spaceAfter);
    EXPECT_TRUE(s[0].newDocument);
}

}  // namespace
}  // namespace kgraph::nlp
