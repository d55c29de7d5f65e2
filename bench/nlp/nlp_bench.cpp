// Throughput of the NLP pipeline on one core, in words per second.
//
//   kgraph_nlp_bench [--benchmark_filter=...]
// Environment: KGRAPH_MODELS (default: the repository's models/), KGRAPH_UD
// (default: ../shared/ud next to the repository). Sentences come from
// en_ewt-ud-dev.conllu, or from a built-in paragraph when it is absent.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "engine/nlp/conllu.h"
#include "engine/nlp/model_io.h"
#include "engine/nlp/pipeline.h"
#include "engine/nlp/tagger.h"
#include "engine/nlp/tokenizer.h"

namespace {

using namespace kgraph::nlp;

std::string envOr(const char* name, const char* fallback) {
    const char* v = std::getenv(name);
    return v && *v ? v : fallback;
}

const Pipeline& pipeline() {
    static std::unique_ptr<Pipeline> p =
        Pipeline::load(envOr("KGRAPH_MODELS", KGRAPH_NLP_MODEL_DIR));
    return *p;
}

const char kParagraph[] =
    "Russia deployed combat troops to Kazakhstan on Thursday after President Kassym-Jomart "
    "Tokayev asked the Collective Security Treaty Organization (CSTO) for help. The alliance, "
    "which also includes Armenia, Belarus, Kyrgyzstan and Tajikistan, said the force would be "
    "temporary. Protests over a rise in fuel prices turned violent, and officials said 44 "
    "people had been killed. \"We will restore order,\" Tokayev told the nation on Jan. 7.";

const std::vector<Sentence>& sentences() {
    static std::vector<Sentence> s = [] {
        std::string dev =
            envOr("KGRAPH_UD", KGRAPH_NLP_UD_DIR) + std::string("/en_ewt-ud-dev.conllu");
        if (std::filesystem::exists(dev)) return readConlluFile(dev);
        std::vector<Sentence> out;
        for (int i = 0; i < 200; ++i) {
            for (Sentence& x : tokenize(kParagraph)) out.push_back(std::move(x));
        }
        return out;
    }();
    return s;
}

// Tagging, lemmatization and parsing of pre-tokenized sentences.
void BM_TagParse(benchmark::State& state) {
    const Pipeline& p = pipeline();
    std::vector<Sentence> work = sentences();
    size_t words = 0;
    for (auto _ : state) {
        for (Sentence& s : work) {
            p.annotateTokens(s);
            words += s.tokens.size();
        }
        benchmark::DoNotOptimize(work.data());
    }
    state.counters["words_per_s"] =
        benchmark::Counter(static_cast<double>(words), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_TagParse)->Unit(benchmark::kMillisecond)->MinTime(2.0);

// Tagging alone (the tagger of the same model folder) on pre-tokenized sentences.
void BM_Tag(benchmark::State& state) {
    static Tagger tagger = [] {
        std::string path =
            envOr("KGRAPH_MODELS", KGRAPH_NLP_MODEL_DIR) + std::string("/en_ewt.tagger");
        uint32_t version = 0;
        std::string payload = readModelFile(path, ModelKind::Tagger, &version);
        BinaryReader r(payload, path);
        return Tagger::load(r, version);
    }();
    std::vector<std::vector<std::string_view>> words;
    for (const Sentence& s : sentences()) {
        words.emplace_back();
        for (const Token& t : s.tokens) words.back().push_back(t.form);
    }
    std::vector<int> tags;
    size_t n = 0;
    for (auto _ : state) {
        for (const auto& w : words) {
            tagger.tag(w, tags);
            n += w.size();
        }
        benchmark::DoNotOptimize(tags.data());
    }
    state.counters["words_per_s"] =
        benchmark::Counter(static_cast<double>(n), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Tag)->Unit(benchmark::kMillisecond)->MinTime(2.0);

// The whole pipeline from raw text: tokenizing and sentence splitting too.
void BM_AnnotateText(benchmark::State& state) {
    const Pipeline& p = pipeline();
    std::string text;
    for (const Sentence& s : sentences()) {
        for (const Token& t : s.tokens) text += t.form + (t.spaceAfter ? " " : "");
        text += "\n\n";
    }
    size_t words = 0;
    for (auto _ : state) {
        Document d = p.annotate(text);
        for (const Sentence& s : d.sentences) words += s.tokens.size();
        benchmark::DoNotOptimize(d.sentences.data());
    }
    state.counters["words_per_s"] =
        benchmark::Counter(static_cast<double>(words), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_AnnotateText)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_Tokenize(benchmark::State& state) {
    std::string text;
    for (int i = 0; i < 100; ++i) text += std::string(kParagraph) + "\n\n";
    size_t bytes = 0;
    for (auto _ : state) {
        auto s = tokenize(text);
        bytes += text.size();
        benchmark::DoNotOptimize(s.data());
    }
    state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_Tokenize);

void BM_LoadModels(benchmark::State& state) {
    for (auto _ : state) {
        auto p = Pipeline::load(envOr("KGRAPH_MODELS", KGRAPH_NLP_MODEL_DIR));
        benchmark::DoNotOptimize(p.get());
    }
}
BENCHMARK(BM_LoadModels)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
