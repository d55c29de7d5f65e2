// kgraph train entities : the named-entity recogniser (GUM + Re-DocRED);
// kgraph evaluate entities --gold FILE_OR_DIR : named mentions, types,
// coreference and canonical names against GUM-format CoNLL-U (docs/extraction.md).
#include <fstream>
#include <iostream>

#include "cli/commands/command.h"
#include "engine/common/error.h"
#include "engine/extract/entity_evaluation.h"
#include "engine/extract/entity_training.h"
#include "engine/extract/parse_extractor.h"

namespace kgraph::cli {

namespace {

struct EvaluateEntitiesOptions {
    std::string gold;
    std::string models;
    std::string errors;
};

}  // namespace

void addEntityCommands(CLI::App& app, Action& action) {
    auto t = std::make_shared<extract::EntityTrainingOptions>();
    auto* train = app.get_subcommand("train")->add_subcommand(
        "entities",
        "Train the named-entity recogniser on GUM and Re-DocRED (deterministic: the same files "
        "give the same model)");
    train->add_option("--gum", t->gum, "GUM CoNLL-U folder (../shared/gum/ud)")
        ->required()
        ->check(CLI::ExistingPath);
    train
        ->add_option("--redocred", t->redocred,
                     "Re-DocRED JSON (../shared/redocred/dev_revised.json)")
        ->check(CLI::ExistingFile);
    train
        ->add_option("--holdout", t->holdout,
                     "GUM's splits.md: its dev and test documents are left out of training and "
                     "scored")
        ->check(CLI::ExistingFile);
    train->add_option("--epochs", t->epochs, "Training passes")->capture_default_str();
    train
        ->add_option("--folds", t->folds,
                     "Cross-validate over documents with this many folds first (0: no)")
        ->capture_default_str();
    train->add_option("--models", t->models,
                      "Model folder with the tagger, parser and lexicons (default: $KGRAPH_MODELS, "
                      "else the shipped models/)");
    train->add_option("-o,--output", t->output, "Model file to write")->required();
    train->footer(
        "Example: kgraph train entities --gum ../shared/gum/ud --redocred "
        "../shared/redocred/dev_revised.json --holdout ../shared/gum/splits.md -o "
        "models/en_gum.entities");
    train->callback([t, &action] {
        action = [t] {
            auto o = *t;
            if (o.models.empty()) o.models = modelDir();
            extract::trainEntities(o, std::cerr);
            return 0;
        };
    });

    auto* evaluate = app.get_subcommand("evaluate");
    auto o = std::make_shared<EvaluateEntitiesOptions>();
    auto* cmd = evaluate->add_subcommand(
        "entities",
        "Named mentions, types, coreference and canonical names against GUM-format CoNLL-U");
    cmd->add_option("--gold", o->gold, "GUM CoNLL-U file, or a folder of them")
        ->required()
        ->check(CLI::ExistingPath);
    cmd->add_option("--models", o->models,
                    "Model folder (default: $KGRAPH_MODELS, else the shipped models/)");
    cmd->add_option("--errors", o->errors,
                    "Write every missed, spurious, mistyped and misnamed mention to this file");
    cmd->footer("Example: kgraph evaluate entities --gold ../shared/gum/ud");
    cmd->callback([o, &action] {
        action = [o] {
            auto gold = extract::readGumDocuments(o->gold);
            extract::ParseExtractor extractor(o->models.empty() ? modelDir() : o->models);
            std::vector<extract::Extraction> system;
            system.reserve(gold.size());
            for (const auto& g : gold) system.push_back(extractor.extract(g.doc));
            std::ofstream errors;
            if (!o->errors.empty()) {
                errors.open(o->errors);
                if (!errors) throw Error("cannot write " + o->errors);
            }
            auto scores =
                extract::scoreEntities(gold, system, errors.is_open() ? &errors : nullptr);
            std::cout << extract::entityScoresJson(scores) << "\n";
            return 0;
        };
    });
}

}  // namespace kgraph::cli
