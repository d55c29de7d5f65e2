// kgraph_nlp_tool: the NLP commands without the rest of kgraph.
//   kgraph_nlp_tool train-tagger TRAIN DEV OUT
//   kgraph_nlp_tool train-parser TRAIN DEV OUT
//   kgraph_nlp_tool parse MODELDIR [FILE]
//   kgraph_nlp_tool evaluate MODELDIR GOLD [--raw]
#include <fstream>
#include <iostream>
#include <string>

#include "engine/common/error.h"
#include "engine/nlp/nlp_commands.h"

int main(int argc, char** argv) {
    using namespace kgraph::nlp;
    std::string cmd = argc > 1 ? argv[1] : "";
    try {
        if (cmd == "train-tagger" && argc == 5) {
            trainTagger(argv[2], argv[3], argv[4], std::cerr);
        } else if (cmd == "train-parser" && argc == 5) {
            trainParser(argv[2], argv[3], argv[4], std::cerr);
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
        } else {
            std::cerr << "usage: kgraph_nlp_tool train-tagger|train-parser TRAIN DEV OUT\n"
                         "       kgraph_nlp_tool parse MODELDIR [FILE]\n"
                         "       kgraph_nlp_tool evaluate MODELDIR GOLD [--raw]\n";
            return 2;
        }
    } catch (const kgraph::Error& e) {
        std::cerr << "error: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
