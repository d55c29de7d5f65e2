// The NLP pipeline as one object: text -> sentences -> words with offsets,
// UPOS/XPOS tags, lemmas and a labelled dependency tree (Universal Dependencies,
// as in UD English EWT).
//
// Load once and share: Pipeline is immutable after load() and annotate() may be
// called from any number of threads at once (per-thread scratch buffers only).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "engine/nlp/document.h"

namespace kgraph::nlp {

class Tagger;
class Lemmatizer;
class Parser;

class Pipeline {
public:
    // Reads modelDir/en_ewt.tagger and modelDir/en_ewt.parser. Throws kgraph::Error
    // naming the file and the remedy when one is missing, corrupt or of another
    // format version.
    static std::unique_ptr<Pipeline> load(const std::string& modelDir);

    // Annotates text (UTF-8; invalid bytes are passed through as parts of words).
    // Every Token's begin/end are byte offsets into `text`; heads are 1-based
    // within the sentence, 0 = root. Sentence::begin/end span the sentence.
    // Never throws for any input; an empty or all-space text yields no sentences.
    Document annotate(std::string_view text) const;

    // Tags, lemmatizes and parses already-tokenized sentences in place (form is
    // read; upos, xpos, lemma, head and deprel are overwritten).
    void annotateTokens(Sentence& sentence) const;

    ~Pipeline();

private:
    Pipeline();
    std::unique_ptr<Tagger> tagger_;
    std::unique_ptr<Lemmatizer> lemmatizer_;
    std::unique_ptr<Parser> parser_;
};

}  // namespace kgraph::nlp
