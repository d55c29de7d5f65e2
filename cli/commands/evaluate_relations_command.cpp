// kgraph evaluate relations --redocred FILE: the extractor's typed facts scored
// against Re-DocRED (engine/extract/relation_eval.h, docs/extraction.md).
#include <iostream>

#include "cli/commands/command.h"
#include "engine/extract/parse_extractor.h"
#include "engine/extract/relation_eval.h"

namespace kgraph::cli {

void addEvaluateRelationsCommand(CLI::App& evaluate, Action& action) {
    struct Options {
        std::string redocred, models;
        size_t show = 0;
    };
    auto o = std::make_shared<Options>();
    auto* cmd = evaluate.add_subcommand(
        "relations", "Score extracted relations against Re-DocRED (JSON on standard output)");
    cmd->add_option("--redocred", o->redocred, "Re-DocRED JSON file (a list of documents)")
        ->required()
        ->check(CLI::ExistingFile);
    cmd->add_option("--models", o->models,
                    "Model folder (default: $KGRAPH_MODELS, else the shipped models/)");
    cmd->add_option("--show", o->show, "Print up to N false positives to standard error");
    cmd->footer(
        "Prints one JSON object: precision, recall, f1 (micro over the Wikidata properties the "
        "relation vocabulary maps), mapped_share (share of gold triples with a mapped property) "
        "and per_property.\nExample: kgraph evaluate relations --redocred "
        "../shared/redocred/dev_revised.json");
    cmd->callback([o, &action] {
        action = [o] {
            extract::ParseExtractor extractor(o->models.empty() ? modelDir() : o->models);
            auto scores = extract::evaluateRelations(extractor, o->redocred);
            for (size_t i = 0; i < scores.falsePositives.size() && i < o->show; ++i)
                std::cerr << "false positive: " << scores.falsePositives[i] << '\n';
            extract::writeRelationScores(scores, std::cout);
            return 0;
        };
    });
}

}  // namespace kgraph::cli
