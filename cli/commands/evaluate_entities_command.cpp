// kgraph evaluate entities --gold FILE_OR_DIR : named mentions, types,
// coreference and canonical names against GUM-format CoNLL-U (docs/extraction.md).
#include <fstream>
#include <iostream>

#include "cli/commands/command.h"
#include "engine/common/error.h"
#include "engine/extract/entity_evaluation.h"
#include "engine/extract/parse_extractor.h"

namespace kgraph::cli {

namespace {

struct EvaluateEntitiesOptions {
    std::string gold;
    std::string models;
    std::string errors;
};

}  // namespace

void addEvaluateEntitiesCommand(CLI::App& app, Action& action) {
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
