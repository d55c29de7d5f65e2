// Tokenizer and sentence splitter for English news and web text, producing
// UD English EWT-style words with byte offsets into the input.
//
// Words follow EWT conventions: punctuation is split off, clitics are separate
// words ("China's" -> China 's, "don't" -> do n't, "cannot" -> can not,
// "I'm" -> I 'm), hyphenated words stay whole ("Kassym-Jomart"), numbers keep
// their commas and decimal points ("7,939", "3.5"), "$580" -> $ 580, and URLs,
// e-mail addresses, abbreviations ("Jan.", "U.S.", "Dr.") and initials ("J.")
// are single words. Sentences end at . ! ? (and … or runs of them) followed by
// a space and a likely sentence start, never after a known abbreviation or an
// initial; at blank lines; and at line breaks after a line that does not look
// like hard-wrapped prose (headlines, list items, lines without final punctuation).
//
// Pure function of its input: thread-safe, never throws.
#pragma once

#include <string_view>
#include <vector>

#include "engine/nlp/document.h"

namespace kgraph::nlp {

// Sentences whose tokens carry form, begin, end and spaceAfter (other fields empty).
std::vector<Sentence> tokenize(std::string_view text);

}  // namespace kgraph::nlp
