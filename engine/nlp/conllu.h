// Reading and writing CoNLL-U (https://universaldependencies.org/format.html).
//
// readConllu keeps the syntactic words (integer ids), the multiword-token lines
// (ranges "4-5") and the comments kgraph uses (# sent_id, # text, # newpar,
// # newdoc); empty nodes ("8.1") and the FEATS/DEPS columns are skipped.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "engine/nlp/document.h"

namespace kgraph::nlp {

// Throws kgraph::Error naming the file and line of the first malformed line.
std::vector<Sentence> readConllu(std::istream& in, const std::string& source);
std::vector<Sentence> readConlluFile(const std::string& path);

// Writes one sentence block (comments, word lines, blank line). Offsets are kept
// in MISC as TokenRange=begin:end, as UDPipe does.
void writeConllu(std::ostream& out, const Sentence& sentence, int number);

}  // namespace kgraph::nlp
