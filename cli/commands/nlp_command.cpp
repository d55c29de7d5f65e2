// kgraph train | parse | evaluate : the NLP models (engine/nlp/), see docs/nlp.md.
#include <fstream>
#include <iostream>

#include "cli/commands/command.h"
#include "engine/common/error.h"
#include "engine/nlp/nlp_commands.h"

namespace kgraph::cli {

namespace {

struct TrainOptions {
    std::string train, dev, output;
    nlp::LexiconPaths lexicon = nlp::debianLexiconPaths();
    bool noLexicon = false;
};

struct ParseOptions {
    std::string input = "-";
    std::string models;
};

struct EvaluateOptions {
    std::string gold;
    bool raw = false;
    std::string models;
};

}  // namespace

void addNlpCommands(CLI::App& app, Action& action) {
    auto* train =
        app.add_subcommand("train", "Train the tagger or the parser on a CoNLL-U treebank");
    train->require_subcommand(1);
    for (const char* what : {"tagger", "parser"}) {
        auto o = std::make_shared<TrainOptions>();
        std::string name = what;
        auto* cmd = train->add_subcommand(
            name, "Train the " + name + " (deterministic: the same files give the same model)");
        cmd->add_option("--train", o->train, "Training CoNLL-U file")
            ->required()
            ->check(CLI::ExistingFile);
        cmd->add_option("--dev", o->dev, "Development CoNLL-U file (accuracy is reported)")
            ->required()
            ->check(CLI::ExistingFile);
        cmd->add_option("-o,--output", o->output, "Model file to write")->required();
        // The tagger's lexicon (the parser's fold taggers use it too).
        cmd->add_option("--wordnet", o->lexicon.wordnetDir,
                        "WordNet folder with index.* and *.exc (Debian package wordnet-base)")
            ->capture_default_str();
        cmd->add_option("--word-list", o->lexicon.wordList,
                        "Word list, one word a line (Debian package wamerican-huge)")
            ->capture_default_str();
        cmd->add_flag("--no-lexicon", o->noLexicon,
                      "Train the tagger without the WordNet and word-list features");
        cmd->footer("Example: kgraph train " + name +
                    " --train ../shared/ud/en_ewt-ud-train.conllu --dev "
                    "../shared/ud/en_ewt-ud-dev.conllu -o models/en_ewt." +
                    name);
        cmd->callback([o, name, &action] {
            action = [o, name] {
                if (name == "tagger") {
                    nlp::trainTagger(o->train, o->dev, o->output,
                                     o->noLexicon ? nlp::LexiconPaths{} : o->lexicon, std::cerr);
                } else {
                    nlp::trainParser(o->train, o->dev, o->output,
                                     o->noLexicon ? nlp::LexiconPaths{} : o->lexicon, std::cerr);
                }
                return 0;
            };
        });
    }

    auto p = std::make_shared<ParseOptions>();
    auto* parse = app.add_subcommand("parse", "Tokenize, tag and parse raw text; print CoNLL-U");
    parse->add_option("input", p->input, "Text file, or - for standard input (default: -)");
    parse->add_option("--models", p->models,
                      "Model folder (default: $KGRAPH_MODELS, else the shipped models/)");
    parse->footer("Example: echo 'Russia deployed combat troops.' | kgraph parse");
    parse->callback([p, &action] {
        action = [p] {
            std::string dir = p->models.empty() ? modelDir() : p->models;
            if (p->input == "-") {
                nlp::parseText(std::cin, std::cout, dir);
            } else {
                std::ifstream in(p->input, std::ios::binary);
                if (!in) throw Error("cannot read " + p->input);
                nlp::parseText(in, std::cout, dir);
            }
            return 0;
        };
    });

    auto e = std::make_shared<EvaluateOptions>();
    auto* evaluate = app.add_subcommand("evaluate", "Score the models against gold data");
    evaluate->require_subcommand(1);
    addEvaluateRelationsCommand(*evaluate, action);
    auto* evalParser =
        evaluate->add_subcommand("parser", "UPOS, XPOS, lemma, UAS and LAS against a CoNLL-U file");
    evalParser->add_option("--gold", e->gold, "Gold CoNLL-U file")
        ->required()
        ->check(CLI::ExistingFile);
    evalParser->add_flag(
        "--raw", e->raw,
        "Start from the raw text with our tokenizer (aligned scores, as CoNLL 2018)");
    evalParser->add_option("--models", e->models,
                           "Model folder (default: $KGRAPH_MODELS, else the shipped models/)");
    evalParser->footer("Example: kgraph evaluate parser --gold ../shared/ud/en_ewt-ud-test.conllu");
    evalParser->callback([e, &action] {
        action = [e] {
            nlp::evaluate(e->gold, e->raw, e->models.empty() ? modelDir() : e->models, std::cout);
            return 0;
        };
    });
}

}  // namespace kgraph::cli
