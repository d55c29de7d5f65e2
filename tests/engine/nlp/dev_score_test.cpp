// Where ../shared/ud is present: the shipped models still score what docs/nlp.md
// says they do. Runs the same evaluation as `kgraph evaluate parser --gold`.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <regex>
#include <sstream>
#include <string>

#include "engine/nlp/nlp_commands.h"

namespace kgraph::nlp {
namespace {

std::map<std::string, double> scores(const std::string& file) {
    std::ostringstream out;
    evaluate(file, false, KGRAPH_NLP_MODEL_DIR, out);
    std::string json = out.str().substr(out.str().rfind('{'));
    std::map<std::string, double> m;
    std::regex kv("\"(\\w+)\": ([0-9.]+)");
    for (std::sregex_iterator it(json.begin(), json.end(), kv), end; it != end; ++it) {
        m[(*it)[1]] = std::stod((*it)[2]);
    }
    return m;
}

std::string udFile(const char* name) {
    std::string path = std::string(KGRAPH_NLP_UD_DIR) + "/" + name;
    return std::filesystem::exists(path) ? path : "";
}

// Floors: the figures measured for the shipped models (docs/nlp.md) rounded down
// a little; a retrained model must not fall below them.
constexpr double kDevUpos = 95.0;
constexpr double kDevUas = 85.5;
constexpr double kDevLas = 82.5;

TEST(ShippedModelScoreTest, DevSetGoldTokens) {
    std::string dev = udFile("en_ewt-ud-dev.conllu");
    if (dev.empty())
        GTEST_SKIP() << "../shared/ud/en_ewt-ud-dev.conllu not found next to the repository";
    auto m = scores(dev);
    EXPECT_GE(m["upos"], kDevUpos);
    EXPECT_GE(m["uas"], kDevUas);
    EXPECT_GE(m["las"], kDevLas);
    EXPECT_GE(m["lemma"], 96.5);
}

}  // namespace
}  // namespace kgraph::nlp
