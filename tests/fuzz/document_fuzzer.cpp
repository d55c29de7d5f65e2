// libFuzzer target over the document reader and the tokenizer: any bytes as a document's text
// (binary, invalid UTF-8, runs of punctuation, huge "sentences").
//
// The contract checked: documentFromText() accepts the text or throws kgraph::Error; the
// tokenizer's sentences and tokens stay inside the text, in order, each sentence at most 250
// tokens. A crash, a sanitizer report or a leak is a bug; libFuzzer's -timeout catches
// quadratic behaviour (200,000 ')' once took 49 s).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "engine/common/error.h"
#include "engine/nlp/tokenizer.h"
#include "engine/text/document_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string text(reinterpret_cast<const char*>(data), size);
    try {
        auto doc = kgraph::text::documentFromText(text, "fuzz", "fuzz.txt");
        size_t last = 0;
        for (const auto& s : kgraph::nlp::tokenize(doc.text)) {
            if (s.tokens.empty() || s.tokens.size() > 250) std::abort();
            for (const auto& t : s.tokens) {
                if (t.begin < last || t.end < t.begin || t.end > doc.text.size()) std::abort();
                last = t.end;
            }
        }
    } catch (const kgraph::Error&) {
        // Binary or not UTF-8: refused with a message, the contract.
    }
    return 0;
}
