#include "engine/nlp/pipeline.h"

#include <filesystem>

#include "engine/nlp/lemmatizer.h"
#include "engine/nlp/model_io.h"
#include "engine/nlp/parser.h"
#include "engine/nlp/tagger.h"
#include "engine/nlp/tokenizer.h"

namespace kgraph::nlp {

Pipeline::Pipeline() = default;
Pipeline::~Pipeline() = default;

std::unique_ptr<Pipeline> Pipeline::load(const std::string& modelDir) {
    namespace fs = std::filesystem;
    std::unique_ptr<Pipeline> p(new Pipeline());
    std::string taggerPath = (fs::path(modelDir) / "en_ewt.tagger").string();
    std::string parserPath = (fs::path(modelDir) / "en_ewt.parser").string();
    uint32_t tagVersion = 0;
    std::string tagBytes = readModelFile(taggerPath, ModelKind::Tagger, &tagVersion);
    BinaryReader tr(tagBytes, taggerPath);
    p->tagger_ = std::make_unique<Tagger>(Tagger::load(tr, tagVersion));
    p->lemmatizer_ = std::make_unique<Lemmatizer>(Lemmatizer::load(tr));
    if (!tr.atEnd()) tr.fail();
    std::string parseBytes = readModelFile(parserPath, ModelKind::Parser);
    BinaryReader pr(parseBytes, parserPath);
    p->parser_ = std::make_unique<Parser>(Parser::load(pr));
    if (!pr.atEnd()) pr.fail();
    return p;
}

void Pipeline::annotateTokens(Sentence& s) const {
    thread_local std::vector<std::string_view> words, xpos;
    thread_local std::vector<int> tags, heads, labels;
    words.clear();
    for (const Token& t : s.tokens) words.push_back(t.form);
    tagger_->tag(words, tags);
    xpos.clear();
    for (int t : tags) xpos.push_back(tagger_->xpos(t));
    parser_->parse(words, xpos, heads, labels);
    for (size_t i = 0; i < s.tokens.size(); ++i) {
        Token& t = s.tokens[i];
        t.upos = tagger_->upos(tags[i]);
        t.xpos = tagger_->xpos(tags[i]);
        t.lemma = lemmatizer_->lemmatize(t.form, t.upos, t.xpos);
        t.head = heads[i];
        t.deprel = parser_->label(labels[i]);
    }
}

Document Pipeline::annotate(std::string_view text) const {
    Document doc;
    doc.sentences = tokenize(text);
    for (Sentence& s : doc.sentences) annotateTokens(s);
    return doc;
}

}  // namespace kgraph::nlp
