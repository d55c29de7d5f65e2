// The annotation types shared by the tokenizer, tagger, parser, CoNLL-U I/O and
// the Pipeline API.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace kgraph::nlp {

// One syntactic word (UD "word"). begin/end are byte offsets into the text the
// document was made from: text.substr(begin, end - begin) is the surface of the
// word, except for words split from a contraction by rule, whose span is the
// part of the surface they came from ("do" + "n't" from "don't").
struct Token {
    std::string form;
    size_t begin = 0;
    size_t end = 0;
    std::string lemma;
    std::string upos;
    std::string xpos;
    int head = 0;  // 1-based index of the head word in its sentence, 0 = root
    std::string deprel;
    bool spaceAfter = true;
};

// A multiword token of a CoNLL-U file (lines "4-5"); words first..last, 1-based.
struct MultiwordToken {
    int first = 0;
    int last = 0;
    std::string form;
    bool spaceAfter = true;
};

struct Sentence {
    std::vector<Token> tokens;
    size_t begin = 0;  // byte span of the sentence in the document text
    size_t end = 0;
    // Only from CoNLL-U files:
    std::string id;
    std::string text;
    bool newParagraph = false;
    bool newDocument = false;
    std::vector<MultiwordToken> multiwords;
};

struct Document {
    std::vector<Sentence> sentences;
};

}  // namespace kgraph::nlp
