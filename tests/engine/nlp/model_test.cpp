// The shipped models (models/en_ewt.tagger, models/en_ewt.parser): they load,
// parse a handful of sentences into the expected trees, and fail clearly when
// a model file is missing or damaged.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "engine/common/error.h"
#include "engine/nlp/pipeline.h"

namespace kgraph::nlp {
namespace {

namespace fs = std::filesystem;

const Pipeline& shipped() {
    static std::unique_ptr<Pipeline> p = Pipeline::load(KGRAPH_NLP_MODEL_DIR);
    return *p;
}

// "word<-rel-head" for every word, e.g. "Russia<-nsubj-deployed".
std::vector<std::string> arcs(const Sentence& s) {
    std::vector<std::string> out;
    for (const Token& t : s.tokens) {
        std::string head = t.head == 0 ? "ROOT" : s.tokens[t.head - 1].form;
        out.push_back(t.form + "<-" + t.deprel + "-" + head);
    }
    return out;
}

TEST(ShippedModelTest, RussiaDeployedCombatTroops) {
    Document d = shipped().annotate("Russia deployed combat troops.");
    ASSERT_EQ(d.sentences.size(), 1u);
    EXPECT_EQ(arcs(d.sentences[0]),
              (std::vector<std::string>{"Russia<-nsubj-deployed", "deployed<-root-ROOT",
                                        "combat<-compound-troops", "troops<-obj-deployed",
                                        ".<-punct-deployed"}));
    const Token& deployed = d.sentences[0].tokens[1];
    EXPECT_EQ(deployed.upos, "VERB");
    EXPECT_EQ(deployed.xpos, "VBD");
    EXPECT_EQ(deployed.lemma, "deploy");
    EXPECT_EQ(d.sentences[0].tokens[0].lemma, "Russia");
}

TEST(ShippedModelTest, ExpectedTrees) {
    struct Case {
        const char* text;
        std::vector<std::string> mustContain;
    };
    const Case cases[] = {
        {"Russia deployed combat troops to Kazakhstan.",
         {"troops<-obj-deployed", "to<-case-Kazakhstan", "Kazakhstan<-obl-deployed"}},
        {"The president asked the alliance for help.",
         {"president<-nsubj-asked", "asked<-root-ROOT", "alliance<-obj-asked", "for<-case-help"}},
        {"Officials said that 44 people were killed.",
         {"Officials<-nsubj-said", "killed<-ccomp-said", "people<-nsubj:pass-killed",
          "were<-aux:pass-killed", "44<-nummod-people"}},
        {"Tokayev thanked Russia and Belarus.",
         {"Tokayev<-nsubj-thanked", "Russia<-obj-thanked", "Belarus<-conj-Russia",
          "and<-cc-Belarus"}},
        {"China's army did not move.",
         {"China<-nmod:poss-army", "'s<-case-China", "army<-nsubj-move", "not<-advmod-move"}},
    };
    for (const Case& c : cases) {
        Document d = shipped().annotate(c.text);
        ASSERT_EQ(d.sentences.size(), 1u) << c.text;
        auto got = arcs(d.sentences[0]);
        for (const std::string& arc : c.mustContain) {
            EXPECT_NE(std::find(got.begin(), got.end(), arc), got.end())
                << "missing " << arc << " in: " << c.text;
        }
    }
}

TEST(ShippedModelTest, OffsetsPointIntoTheText) {
    std::string text =
        "Kazakhstan asks CSTO for help\n\n\xE2\x80\x9CWe will restore order,\xE2\x80\x9D Tokayev "
        "said.";
    Document d = shipped().annotate(text);
    ASSERT_EQ(d.sentences.size(), 2u);
    for (const Sentence& s : d.sentences) {
        int roots = 0;
        for (const Token& t : s.tokens) {
            EXPECT_EQ(text.substr(t.begin, t.end - t.begin), t.form);
            EXPECT_GE(t.head, 0);
            EXPECT_LE(t.head, static_cast<int>(s.tokens.size()));
            roots += t.head == 0;
        }
        EXPECT_GE(roots, 1);
    }
}

TEST(ShippedModelTest, ConcurrentAnnotateGivesSameResults) {
    const std::string text =
        "Russia deployed combat troops. The alliance said the force would be temporary.";
    Document expected = shipped().annotate(text);
    std::vector<std::thread> threads;
    std::vector<int> mismatches(4, 0);
    for (int i = 0; i < 4; ++i) {
        threads.emplace_back([&, i] {
            for (int k = 0; k < 50; ++k) {
                Document d = shipped().annotate(text);
                for (size_t s = 0; s < d.sentences.size(); ++s) {
                    for (size_t w = 0; w < d.sentences[s].tokens.size(); ++w) {
                        const Token& a = d.sentences[s].tokens[w];
                        const Token& b = expected.sentences[s].tokens[w];
                        mismatches[i] +=
                            a.head != b.head || a.deprel != b.deprel || a.xpos != b.xpos;
                    }
                }
            }
        });
    }
    for (auto& t : threads) t.join();
    for (int m : mismatches) EXPECT_EQ(m, 0);
}

TEST(ShippedModelTest, EmptyText) {
    EXPECT_TRUE(shipped().annotate("").sentences.empty());
    EXPECT_TRUE(shipped().annotate("   \n ").sentences.empty());
}

std::string messageOf(const std::string& dir) {
    try {
        Pipeline::load(dir);
    } catch (const Error& e) {
        return e.what();
    }
    return "";
}

TEST(ModelFileTest, MissingDirectoryIsAClearError) {
    std::string msg = messageOf("/nonexistent/kgraph-models");
    EXPECT_NE(msg.find("/nonexistent/kgraph-models/en_ewt.tagger"), std::string::npos) << msg;
}

class DamagedModelTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("kgraph_nlp_damaged_" + std::to_string(::getpid()));
        fs::create_directories(dir_);
        for (const char* f : {"en_ewt.tagger", "en_ewt.parser"}) {
            fs::copy_file(fs::path(KGRAPH_NLP_MODEL_DIR) / f, dir_ / f,
                          fs::copy_options::overwrite_existing);
        }
    }
    void TearDown() override { fs::remove_all(dir_); }
    void patchByte(const char* file, size_t offset) {
        std::fstream f(dir_ / file, std::ios::in | std::ios::out | std::ios::binary);
        f.seekg(static_cast<std::streamoff>(offset));
        char c = 0;
        f.get(c);
        f.seekp(static_cast<std::streamoff>(offset));
        f.put(static_cast<char>(c ^ 0x5A));
    }
    fs::path dir_;
};

TEST_F(DamagedModelTest, CorruptPayloadFailsTheChecksum) {
    patchByte("en_ewt.parser", static_cast<size_t>(fs::file_size(dir_ / "en_ewt.parser") / 2));
    std::string msg = messageOf(dir_.string());
    EXPECT_NE(msg.find("checksum"), std::string::npos) << msg;
    EXPECT_NE(msg.find("retrain"), std::string::npos) << msg;
}

TEST_F(DamagedModelTest, OtherFormatVersionIsRejected) {
    patchByte("en_ewt.tagger", 8);  // the format version follows the 8-byte magic
    std::string msg = messageOf(dir_.string());
    EXPECT_NE(msg.find("format version"), std::string::npos) << msg;
}

TEST_F(DamagedModelTest, TruncatedFileIsRejected) {
    fs::resize_file(dir_ / "en_ewt.tagger", 100);
    std::string msg = messageOf(dir_.string());
    EXPECT_NE(msg.find("en_ewt.tagger"), std::string::npos) << msg;
}

TEST_F(DamagedModelTest, SwappedFilesAreRejected) {
    fs::copy_file(dir_ / "en_ewt.tagger", dir_ / "en_ewt.parser",
                  fs::copy_options::overwrite_existing);
    std::string msg = messageOf(dir_.string());
    EXPECT_NE(msg.find("not a parser model"), std::string::npos) << msg;
}

}  // namespace
}  // namespace kgraph::nlp
