// The tagger's lexicon features on the tiny fixture: the trained model keeps the
// lexicon classes it needs (tagging reads no lexicon files), saving is
// deterministic, and taggers of format version 2 (no lexicon) still load.
#include "engine/nlp/tagger.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "engine/common/error.h"
#include "engine/nlp/conllu.h"
#include "engine/nlp/model_io.h"

namespace kgraph::nlp {
namespace {

const std::string kData = KGRAPH_NLP_TEST_DATA;
const LexiconPaths kLexicon = {kData + "/lexicon", kData + "/lexicon/words"};

Tagger trainOnFixture(const LexiconPaths& lexicon, bool forAll, std::string* log = nullptr) {
    auto train = readConlluFile(kData + "/tiny.conllu");
    TaggerOptions o;
    o.epochs = 3;
    o.folds = 2;
    o.lexicon = lexicon;
    o.lexiconForAll = forAll;
    std::ostringstream out;
    Tagger t = Tagger::train(train, train, o, out);
    if (log) *log = out.str();
    return t;
}

std::string bytesOf(const Tagger& t) {
    BinaryWriter w;
    t.save(w);
    return w.bytes();
}

std::vector<std::string> tagsOf(const Tagger& t, const std::vector<std::string_view>& words) {
    std::vector<int> tags;
    t.tag(words, tags);
    std::vector<std::string> out;
    for (int x : tags) out.push_back(t.upos(x) + "/" + t.xpos(x));
    return out;
}

const std::vector<std::string_view> kSentence = {"Tokayev", "thanked", "the",     "soldiers",
                                                 "and",     "quicker", "xyzzies", "."};

TEST(TaggerLexiconTest, ModelStoresTheLexiconClasses) {
    std::string log;
    Tagger t = trainOnFixture(kLexicon, true, &log);
    EXPECT_GT(t.numLexiconWords(), 40u);
    EXPECT_NE(log.find("lexicon words"), std::string::npos) << log;
    // The saved model tags the same without any lexicon files.
    std::string bytes = bytesOf(t);
    BinaryReader r(bytes, "memory");
    Tagger loaded = Tagger::load(r, kFormatVersion);
    EXPECT_TRUE(r.atEnd());
    EXPECT_EQ(loaded.numLexiconWords(), t.numLexiconWords());
    EXPECT_EQ(tagsOf(loaded, kSentence), tagsOf(t, kSentence));
    EXPECT_EQ(bytesOf(loaded), bytes);
}

TEST(TaggerLexiconTest, RareWordsOnlyStoresFewerWords) {
    Tagger all = trainOnFixture(kLexicon, true);
    Tagger rare = trainOnFixture(kLexicon, false);
    EXPECT_GT(rare.numLexiconWords(), 0u);
    EXPECT_LT(rare.numLexiconWords(), all.numLexiconWords());
    EXPECT_EQ(tagsOf(rare, kSentence).size(), kSentence.size());
}

TEST(TaggerLexiconTest, TrainingWithALexiconIsDeterministic) {
    EXPECT_EQ(bytesOf(trainOnFixture(kLexicon, true)), bytesOf(trainOnFixture(kLexicon, true)));
}

TEST(TaggerLexiconTest, MissingLexiconFileIsAClearError) {
    try {
        trainOnFixture({kData + "/no-such-wordnet", kData + "/lexicon/words"}, true);
        FAIL() << "expected kgraph::Error";
    } catch (const Error& e) {
        std::string msg = e.what();
        EXPECT_NE(msg.find("no-such-wordnet/index.noun"), std::string::npos) << msg;
        EXPECT_NE(msg.find("wordnet-base"), std::string::npos) << msg;
    }
}

TEST(TaggerLexiconTest, FormatVersion2TaggersStillLoad) {
    // A tagger without a lexicon saves the version-2 layout plus an empty lexicon
    // section (mode byte 0, class and word counts 0): without those three bytes it
    // is a version-2 payload.
    Tagger t = trainOnFixture({}, true);
    EXPECT_EQ(t.numLexiconWords(), 0u);
    std::string bytes = bytesOf(t);
    ASSERT_GE(bytes.size(), 3u);
    ASSERT_EQ(bytes.substr(bytes.size() - 3), std::string(3, '\0'));
    std::string v2 = bytes.substr(0, bytes.size() - 3);
    BinaryReader r(v2, "version 2");
    Tagger old = Tagger::load(r, 2);
    EXPECT_TRUE(r.atEnd());
    EXPECT_EQ(tagsOf(old, kSentence), tagsOf(t, kSentence));
}

}  // namespace
}  // namespace kgraph::nlp
