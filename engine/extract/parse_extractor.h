// ParseExtractor: kgraph's extractor. Runs the NLP pipeline (tokens, tags,
// lemmas, UD dependency tree) and finds entity mentions, canonical entities and
// facts with provenance over the parse (docs/extraction.md describes the rules).
//
// Immutable after construction; extract() may be called from several threads
// at once.
#pragma once

#include <memory>
#include <string>

#include "engine/extract/extraction.h"
#include "engine/extract/lexicon.h"

namespace kgraph::nlp {
class Pipeline;
struct Document;
}  // namespace kgraph::nlp

namespace kgraph::extract {

class EntityRecognizer;

// The recogniser's file name in a model folder.
inline constexpr char kEntityModelFile[] = "en_gum.entities";

class ParseExtractor : public Extractor {
public:
    // modelDir holds en_ewt.tagger, en_ewt.parser, lexicons/ and the entity recogniser
    // (kEntityModelFile; without it names come from the capitalised-span rules alone).
    // Throws kgraph::Error naming the missing or corrupt file.
    explicit ParseExtractor(const std::string& modelDir);
    // For tests: a pipeline may be null when only extractParsed() is used; a null
    // recognizer means the capitalised-span rules.
    ParseExtractor(std::shared_ptr<const nlp::Pipeline> pipeline, Lexicon lexicon,
                   std::shared_ptr<const EntityRecognizer> recognizer = nullptr);
    ~ParseExtractor() override;

    Extraction extract(const text::SourceDocument& doc) const override;

    // The same over a document the caller has parsed (sentences with tokens whose
    // offsets point into doc.text).
    Extraction extractParsed(const text::SourceDocument& doc, const nlp::Document& parsed) const;

    // One sentence per line (CaRB input, already tokenised: tokens are split on
    // spaces and only tagged and parsed). Sentence i is line i (1-based).
    Extraction extractLines(const text::SourceDocument& doc) const;

    const Lexicon& lexicon() const { return lexicon_; }

private:
    std::shared_ptr<const nlp::Pipeline> pipeline_;
    Lexicon lexicon_;
    std::shared_ptr<const EntityRecognizer> recognizer_;
};

}  // namespace kgraph::extract
