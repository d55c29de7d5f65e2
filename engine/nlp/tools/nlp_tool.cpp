// kgraph_nlp_tool: the NLP commands without the rest of kgraph.
//   kgraph_nlp_tool train-tagger TRAIN DEV OUT [--lexicon L]
//   kgraph_nlp_tool train-parser TRAIN DEV OUT [--lexicon L]
//   kgraph_nlp_tool parse MODELDIR [FILE]
//   kgraph_nlp_tool evaluate MODELDIR GOLD [--raw]
// and, for model experiments (see docs/nlp.md, "What was tried"):
//   jackknife TRAIN OUT [--lexicon L] | tag-file TAGGER IN OUT |
//   exp-tagger TRAIN DEV [--lexicon L] | exp-parser TRAIN DEV OUT |
//   prune-tagger IN OUT MINWEIGHT |
//   prune-parser IN OUT MINWEIGHT | score-parser PARSER FILE | parse-file PARSER IN OUT |
//   mean-parser OUT MINWEIGHT PARSER...
// The experiments take knobs as --name=VALUE anywhere on the line: --epochs, --stacked,
// --explore-from, --explore-p, --dev-every, --min-weight, --prune-list, --seed, --extra-seeds,
// --folds, --contiguous=1, --lex-all, --save (a knob the command does not read is
// an error). The lexicon L is "debian" or WORDNET_DIR,WORD_LIST
// (engine/nlp/lexicon.h). `jackknife` + `tag-file` write the parser's training and dev tags once,
// so exp-parser runs need not re-train the fold taggers.
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "engine/common/error.h"
#include "engine/nlp/conllu.h"
#include "engine/nlp/lemmatizer.h"
#include "engine/nlp/model_io.h"
#include "engine/nlp/nlp_commands.h"
#include "engine/nlp/parser.h"
#include "engine/nlp/tagger.h"

namespace {

bool lexiconArg(const char* arg) { return std::string(arg) == "--lexicon"; }

// "debian" or "WORDNET_DIR,WORD_LIST".
kgraph::nlp::LexiconPaths parseLexiconArg(const std::string& spec) {
    if (spec == "debian") return kgraph::nlp::debianLexiconPaths();
    size_t comma = spec.find(',');
    if (comma == std::string::npos)
        throw kgraph::Error("--lexicon takes 'debian' or WORDNET_DIR,WORD_LIST, not '" + spec +
                            "'");
    return {spec.substr(0, comma), spec.substr(comma + 1)};
}

kgraph::nlp::Parser loadParser(const std::string& path) {
    using namespace kgraph::nlp;
    std::string payload = readModelFile(path, ModelKind::Parser);
    BinaryReader r(payload, path);
    return Parser::load(r);
}

void saveParser(const kgraph::nlp::Parser& p, const std::string& path) {
    using namespace kgraph::nlp;
    BinaryWriter w;
    p.save(w);
    writeModelFile(path, ModelKind::Parser, w.bytes());
}

// The --name=VALUE knobs of the command line, and which of them a command read.
std::map<std::string, std::string> gKnobs;
std::set<std::string> gKnobsRead;

// The value of knob --name, or nullptr when it was not given.
const char* knob(const std::string& name) {
    auto it = gKnobs.find(name);
    if (it == gKnobs.end()) return nullptr;
    gKnobsRead.insert(name);
    return it->second.c_str();
}

}  // namespace

int main(int rawArgc, char** rawArgv) {
    using namespace kgraph::nlp;
    // --name=VALUE arguments are knobs; the others stay positional, as the commands read them.
    std::vector<char*> args;
    for (int i = 0; i < rawArgc; ++i) {
        std::string a = rawArgv[i];
        size_t eq = a.find('=');
        if (i > 0 && a.rfind("--", 0) == 0 && eq != std::string::npos) {
            gKnobs[a.substr(2, eq - 2)] = a.substr(eq + 1);
        } else {
            args.push_back(rawArgv[i]);
        }
    }
    int argc = static_cast<int>(args.size());
    char** argv = args.data();
    std::string cmd = argc > 1 ? argv[1] : "";
    try {
        if (cmd == "train-tagger" && (argc == 5 || (argc == 7 && lexiconArg(argv[5])))) {
            // train-tagger TRAIN DEV OUT [--lexicon L]
            LexiconPaths lexicon;
            if (argc == 7) lexicon = parseLexiconArg(argv[6]);
            trainTagger(argv[2], argv[3], argv[4], lexicon, std::cerr);
        } else if (cmd == "train-parser" && (argc == 5 || (argc == 7 && lexiconArg(argv[5])))) {
            LexiconPaths lexicon;
            if (argc == 7) lexicon = parseLexiconArg(argv[6]);
            trainParser(argv[2], argv[3], argv[4], lexicon, std::cerr);
        } else if (cmd == "parse" && (argc == 3 || argc == 4)) {
            if (argc == 4 && std::string(argv[3]) != "-") {
                std::ifstream in(argv[3]);
                if (!in) throw kgraph::Error(std::string("cannot open ") + argv[3]);
                parseText(in, std::cout, argv[2]);
            } else {
                parseText(std::cin, std::cout, argv[2]);
            }
        } else if (cmd == "evaluate" && (argc == 4 || argc == 5)) {
            evaluate(argv[3], argc == 5 && std::string(argv[4]) == "--raw", argv[2], std::cout);
        } else if (cmd == "prune-tagger" && argc == 5) {
            // Experiment: re-save a tagger (and its lemmatizer) without its small weights.
            uint32_t version = 0;
            std::string payload = readModelFile(argv[2], ModelKind::Tagger, &version);
            BinaryReader r(payload, argv[2]);
            Tagger t = Tagger::load(r, version);
            Lemmatizer l = Lemmatizer::load(r);
            t.prune(std::stoi(argv[4]));
            BinaryWriter w;
            t.save(w);
            l.save(w);
            writeModelFile(argv[3], ModelKind::Tagger, w.bytes());
        } else if (cmd == "exp-parser" && argc == 5) {
            // Experiment: train a parser on files as they are (no jackknifing).
            auto train = readConlluFile(argv[2]);
            auto dev = readConlluFile(argv[3]);
            ParserOptions o;
            if (const char* e = knob("epochs")) o.epochs = std::atoi(e);
            if (const char* e = knob("explore-from")) o.exploreFrom = std::atoi(e);
            if (const char* e = knob("explore-p")) o.exploreProb = std::atof(e);
            if (const char* e = knob("dev-every")) o.devEvery = std::atoi(e);
            if (const char* e = knob("min-weight")) o.minWeight = std::atoi(e);
            if (const char* e = knob("seed")) o.seed = std::stoul(e);
            // One training unless --extra-seeds="1 2" (the default of train-parser).
            o.extraSeeds.clear();
            if (const char* e = knob("extra-seeds")) {
                std::istringstream list(e);
                for (uint32_t sd; list >> sd;) o.extraSeeds.push_back(sd);
            }
            Parser p = Parser::train(train, dev, o, std::cerr);
            // --prune-list="100 200 300": dev figures of the same model pruned harder.
            if (const char* e = knob("prune-list")) {
                std::istringstream list(e);
                for (int m; list >> m;) {
                    Parser q = p;
                    q.prune(m);
                    BinaryWriter qw;
                    q.save(qw);
                    std::cerr << "pruned below " << m << ": " << q.numFeatures() << " features, "
                              << qw.bytes().size() << " bytes, dev " << q.devScore(dev) << "\n";
                }
            }
            saveParser(p, argv[4]);
        } else if (cmd == "tag-file" && argc == 5) {
            // Experiment: tag a CoNLL-U file with a tagger model.
            uint32_t version = 0;
            std::string payload = readModelFile(argv[2], ModelKind::Tagger, &version);
            BinaryReader r(payload, argv[2]);
            Tagger t = Tagger::load(r, version);
            auto sents = readConlluFile(argv[3]);
            std::cerr << "accuracy " << t.tagAndScore(sents) << "\n";
            std::ofstream out(argv[4]);
            for (size_t i = 0; i < sents.size(); ++i)
                writeConllu(out, sents[i], static_cast<int>(i + 1));
        } else if (cmd == "jackknife" && (argc == 4 || (argc == 6 && lexiconArg(argv[4])))) {
            auto train = readConlluFile(argv[2]);
            TaggerOptions o;  // as trainParser's folds: single pass unless --stacked=1
            o.stacked = false;
            if (const char* e = knob("stacked")) o.stacked = std::atoi(e);
            if (argc == 6) o.lexicon = parseLexiconArg(argv[5]);
            int folds = 5;
            if (const char* e = knob("folds")) folds = std::atoi(e);
            if (knob("contiguous")) {
                // Folds of consecutive sentences (whole documents) instead of every
                // folds-th sentence: jackknife() folds by i % folds, so permute.
                size_t n = train.size();
                std::vector<size_t> pos(n);  // pos[j]: where sentence j goes
                std::vector<size_t> count(folds, 0);
                for (size_t i = 0; i < n; ++i) ++count[i % folds];
                size_t j = 0;
                for (int f = 0; f < folds; ++f) {
                    for (size_t c = 0; c < count[f]; ++c) pos[j++] = f + c * folds;
                }
                std::vector<Sentence> permuted(n);
                for (size_t k = 0; k < n; ++k) permuted[pos[k]] = train[k];
                Tagger::jackknife(permuted, folds, o, std::cerr);
                for (size_t k = 0; k < n; ++k) train[k] = permuted[pos[k]];
            } else {
                Tagger::jackknife(train, folds, o, std::cerr);
            }
            std::ofstream out(argv[3]);
            for (size_t i = 0; i < train.size(); ++i)
                writeConllu(out, train[i], static_cast<int>(i + 1));
        } else if (cmd == "exp-tagger" && (argc == 4 || (argc == 6 && lexiconArg(argv[4])))) {
            // exp-tagger TRAIN DEV [--lexicon WORDNET_DIR,WORD_LIST | --lexicon debian]
            auto train = readConlluFile(argv[2]);
            auto dev = readConlluFile(argv[3]);
            TaggerOptions o;
            if (argc == 6) o.lexicon = parseLexiconArg(argv[5]);
            if (const char* e = knob("lex-all")) o.lexiconForAll = std::atoi(e);
            if (const char* e = knob("epochs")) o.epochs = std::atoi(e);
            if (const char* e = knob("stacked")) o.stacked = std::atoi(e);
            if (const char* e = knob("folds")) o.folds = std::atoi(e);
            Tagger t = Tagger::train(train, dev, o, std::cerr);
            BinaryWriter w;
            t.save(w);
            std::cerr << "tagger: " << w.bytes().size() << " bytes saved (without the lemmatizer), "
                      << t.numLexiconWords() << " lexicon words\n";
            // --save=PATH: also write this tagger (no lemmatizer; enough for BM_Tag).
            if (const char* e = knob("save")) writeModelFile(e, ModelKind::Tagger, w.bytes());
        } else if (cmd == "score-parser" && argc == 4) {
            // Experiment: UAS/LAS of a parser on a file's trees, with the file's own tags
            // (gold tags, or tags written by tag-file).
            Parser p = loadParser(argv[2]);
            std::cout << p.devScore(readConlluFile(argv[3])) << "\n";
        } else if (cmd == "parse-file" && argc == 5) {
            // Experiment: parse a CoNLL-U file with its own tags, write the trees.
            Parser p = loadParser(argv[2]);
            auto sents = readConlluFile(argv[3]);
            p.parseAll(sents);
            std::ofstream out(argv[4]);
            for (size_t i = 0; i < sents.size(); ++i)
                writeConllu(out, sents[i], static_cast<int>(i + 1));
        } else if (cmd == "mean-parser" && argc >= 6) {
            // Experiment: a parser with the mean weights of several (other seeds).
            std::vector<Parser> parts;
            for (int i = 4; i < argc; ++i) parts.push_back(loadParser(argv[i]));
            Parser p = Parser::mean(parts, std::stoi(argv[3]));
            saveParser(p, argv[2]);
        } else if (cmd == "prune-parser" && argc == 5) {
            // Experiment: re-save a parser without its small weights.
            Parser p = loadParser(argv[2]);
            p.prune(std::stoi(argv[4]));
            saveParser(p, argv[3]);
        } else {
            std::cerr << "usage: kgraph_nlp_tool train-tagger|train-parser TRAIN DEV OUT\n"
                         "       kgraph_nlp_tool parse MODELDIR [FILE]\n"
                         "       kgraph_nlp_tool evaluate MODELDIR GOLD [--raw]\n";
            return 2;
        }
        for (const auto& [name, value] : gKnobs) {
            if (!gKnobsRead.count(name)) {
                throw kgraph::Error("--" + name + " is not a knob of " + cmd +
                                    " (see the list at the top of nlp_tool.cpp)");
            }
        }
    } catch (const kgraph::Error& e) {
        std::cerr << "error: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
