#include "engine/nlp/nlp_commands.h"

#include <filesystem>
#include <istream>
#include <iterator>
#include <ostream>

#include "engine/common/error.h"
#include "engine/nlp/conllu.h"
#include "engine/nlp/lemmatizer.h"
#include "engine/nlp/model_io.h"
#include "engine/nlp/parser.h"
#include "engine/nlp/pipeline.h"
#include "engine/nlp/tagger.h"

namespace kgraph::nlp {

namespace {

constexpr int kJackknifeFolds = 5;

}  // namespace

void trainTagger(const std::string& trainPath, const std::string& devPath,
                 const std::string& outPath, const LexiconPaths& lexicon, std::ostream& log) {
    auto train = readConlluFile(trainPath);
    auto dev = devPath.empty() ? std::vector<Sentence>{} : readConlluFile(devPath);
    TaggerOptions options;
    options.lexicon = lexicon;
    Tagger tagger = Tagger::train(train, dev, options, log);
    Lemmatizer lemmatizer = Lemmatizer::train(train);
    if (!dev.empty()) {
        auto tagged = dev;
        tagger.tagAndScore(tagged);
        size_t total = 0, correct = 0;
        for (size_t s = 0; s < dev.size(); ++s) {
            for (size_t i = 0; i < dev[s].tokens.size(); ++i) {
                const Token& t = tagged[s].tokens[i];
                correct += lemmatizer.lemmatize(t.form, t.upos, t.xpos) == dev[s].tokens[i].lemma;
                ++total;
            }
        }
        log << "lemmatizer: dev accuracy (predicted tags) " << 100.0 * correct / total << "\n";
    }
    BinaryWriter w;
    tagger.save(w);
    lemmatizer.save(w);
    writeModelFile(outPath, ModelKind::Tagger, w.bytes());
    log << "wrote " << outPath << " (" << w.bytes().size() << " bytes of payload)\n";
}

void trainParser(const std::string& trainPath, const std::string& devPath,
                 const std::string& outPath, const LexiconPaths& lexicon, std::ostream& log) {
    auto train = readConlluFile(trainPath);
    auto dev = devPath.empty() ? std::vector<Sentence>{} : readConlluFile(devPath);
    // Jackknifing: the parser learns from tags as noisy as the ones it will see.
    // Single-pass fold taggers keep this affordable; the shipped tagger is stacked.
    TaggerOptions foldOptions;
    foldOptions.stacked = false;
    foldOptions.lexicon = lexicon;
    Tagger::jackknife(train, kJackknifeFolds, foldOptions, log);
    std::filesystem::path taggerPath =
        std::filesystem::path(outPath).parent_path() / "en_ewt.tagger";
    if (!dev.empty()) {
        if (std::filesystem::exists(taggerPath)) {
            uint32_t version = 0;
            std::string payload = readModelFile(taggerPath.string(), ModelKind::Tagger, &version);
            BinaryReader r(payload, taggerPath.string());
            Tagger tagger = Tagger::load(r, version);
            tagger.tagAndScore(dev);
            log << "parser: dev tagged with " << taggerPath.string() << "\n";
        } else {
            log << "parser: no " << taggerPath.string() << ", dev is parsed with its gold tags\n";
        }
    }
    Parser parser = Parser::train(train, dev, ParserOptions{}, log);
    BinaryWriter w;
    parser.save(w);
    writeModelFile(outPath, ModelKind::Parser, w.bytes());
    log << "wrote " << outPath << " (" << w.bytes().size() << " bytes of payload)\n";
}

void parseText(std::istream& in, std::ostream& out, const std::string& modelDir) {
    auto pipeline = Pipeline::load(modelDir);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    Document doc = pipeline->annotate(text);
    int number = 0;
    for (Sentence& s : doc.sentences) {
        s.text = text.substr(s.begin, s.end - s.begin);
        for (char& c : s.text) {
            if (c == '\n' || c == '\r' || c == '\t') c = ' ';
        }
        writeConllu(out, s, ++number);
    }
}

}  // namespace kgraph::nlp
