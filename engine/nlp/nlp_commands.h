// The work behind kgraph's NLP commands. Each function reads files or streams,
// writes its human-readable output to the given stream and throws kgraph::Error
// (only) when it cannot do its job.
#pragma once

#include <iosfwd>
#include <string>

#include "engine/nlp/lexicon.h"

namespace kgraph::nlp {

// `kgraph train tagger`: trains the tagger and the lemmatizer on trainPath
// (CoNLL-U), reports dev accuracy to log and writes the model to outPath. The
// tagger's lexicon features come from `lexicon` (engine/nlp/lexicon.h; empty:
// none); a missing lexicon file throws kgraph::Error naming its package.
void trainTagger(const std::string& trainPath, const std::string& devPath,
                 const std::string& outPath, const LexiconPaths& lexicon, std::ostream& log);

// `kgraph train parser`: trains the parser on trainPath with predicted tags
// (5-fold jackknifing: each fifth of train is tagged by a tagger trained on the
// other four fifths), so it needs no tagger file. Dev is tagged with the tagger
// model `en_ewt.tagger` in outPath's directory if it exists (train the tagger
// first), else dev is parsed with its gold tags; log says which. The fold
// taggers use `lexicon` as trainTagger does (pass the same one, so that the
// training tags are as good as the shipped tagger's).
void trainParser(const std::string& trainPath, const std::string& devPath,
                 const std::string& outPath, const LexiconPaths& lexicon, std::ostream& log);

// `kgraph parse [FILE|-]`: tokenizes, tags, lemmatizes and parses raw text and
// prints CoNLL-U. modelDir holds en_ewt.tagger and en_ewt.parser.
void parseText(std::istream& in, std::ostream& out, const std::string& modelDir);

// `kgraph evaluate parser --gold FILE [--raw]`: prints UPOS, XPOS, lemma, UAS and
// LAS (punctuation included; LAS compares universal relations, as the CoNLL 2018
// scorer does), and as the last line one JSON object with the same figures plus
// "tokens" and "tokens_per_s" (tagging + lemmatizing + parsing throughput,
// measured in the CPU time of the thread, so that other load does not count). With raw, the
// input is the gold file's `# text` run through our tokenizer and sentence
// splitter, and the scores are aligned F1 scores (CoNLL 2018), plus token and
// sentence F1.
void evaluate(const std::string& goldPath, bool raw, const std::string& modelDir,
              std::ostream& out);

}  // namespace kgraph::nlp
