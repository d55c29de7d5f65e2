// kgraph_extract_tool: `kgraph extract` without the rest of the CLI, for
// working on the extractor while the other commands are being written.
//   kgraph_extract_tool MODELDIR [--format jsonl|tsv|openie] [--sentences] FILE...
#include <iostream>
#include <string>
#include <vector>

#include "engine/common/error.h"
#include "engine/extract/fact_writer.h"
#include "engine/extract/parse_extractor.h"
#include "engine/text/document_reader.h"

int main(int argc, char** argv) {
    using namespace kgraph;
    if (argc < 3) {
        std::cerr << "usage: kgraph_extract_tool MODELDIR [--format F] [--sentences] FILE...\n";
        return 2;
    }
    try {
        extract::ParseExtractor ex(argv[1]);
        extract::FactFormat format = extract::FactFormat::Jsonl;
        bool lines = false;
        std::vector<std::string> files;
        for (int i = 2; i < argc; ++i) {
            std::string a = argv[i];
            if (a == "--format" && i + 1 < argc) {
                if (!extract::parseFactFormat(argv[++i], format)) return 2;
            } else if (a == "--sentences") {
                lines = true;
            } else {
                files.push_back(a);
            }
        }
        for (const auto& f : files) {
            auto doc = text::readDocument(f, std::filesystem::path(f).filename().string());
            auto result = lines ? ex.extractLines(doc) : ex.extract(doc);
            extract::writeFacts(doc, result, format, std::cout);
        }
    } catch (const Error& e) {
        std::cerr << "error: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
