// The export writers on a small graph with awkward names and every property
// type; the RDF checked by rapper when it is installed.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "engine/export/csv_writer.h"
#include "engine/export/dot_writer.h"
#include "engine/export/graphml_writer.h"
#include "engine/export/jsonl_writer.h"
#include "engine/export/ntriples_writer.h"
#include "engine/export/turtle_writer.h"
#include "storage/mention_record.h"
#include "tests/temp_dir.h"

namespace kgraph::exporter {
namespace {

class FormatsWriterTest : public ::testing::Test {
protected:
    void SetUp() override {
        store_ = storage::GraphStore::open(dir_.sub("db"));
        auto w = store_->write();
        auto a = w->createNode({"Location"}, {{"name", "Ürümqi \"Xinjiang\"\\\n\t~end."},
                                              {"aliases", PropertyList{"乌鲁木齐", "Urumchi"}},
                                              {"mentions", 3}});
        auto b = w->createNode(
            {"Person"}, {{"name", "-Kassym-Jomart Tokayev"}, {"score", 2.5}, {"flag", true}});
        auto e = w->createEdge(a, b, "hosted by",
                               {{"confidence", 0.7}, {"meta", PropertyMap{{"k", "v"}}}});
        storage::Mention m{"doc 1.txt", 2, 10, 40,
                           "Line with \"quotes\" and <angle> & ampersand\x01"};
        w->putAux(storage::AuxSpace::Mention, storage::mentionKey(e, 0), storage::encodeMention(m));
        w->commit();
        read_ = store_->read();
    }
    std::string file(const std::string& name, const std::string& text) {
        std::string path = dir_.sub(name);
        std::ofstream(path, std::ios::binary) << text;
        return path;
    }

    kgraph::testing::TempDir dir_;
    std::unique_ptr<storage::GraphStore> store_;
    std::unique_ptr<storage::ReadTxn> read_;
};

TEST_F(FormatsWriterTest, RdfFormatsAgreeAndRapperReadsThem) {
    std::ostringstream nt, nq, ttl;
    uint64_t n = writeNTriples(*read_, nt), q = writeNQuads(*read_, nq),
             t = writeTurtle(*read_, ttl);
    EXPECT_EQ(n, q);
    EXPECT_EQ(n, t);
    EXPECT_NE(nt.str().find(
                  "<urn:kgraph:entity/Location/%C3%9Cr%C3%BCmqi%20%22Xinjiang%22%5C%0A%09~end.>"),
              std::string::npos)
        << nt.str();
    EXPECT_NE(nt.str().find("<http://www.w3.org/2004/02/skos/core#altLabel> \"乌鲁木齐\" ."),
              std::string::npos);
    EXPECT_NE(nt.str().find("\"Line with \\\"quotes\\\" and <angle> & ampersand\\u0001\""),
              std::string::npos);
    EXPECT_NE(nq.str().find("<urn:kgraph:doc/doc%201.txt> .\n"), std::string::npos);
    if (std::system("rapper --version >/dev/null 2>&1") != 0)
        GTEST_SKIP() << "rapper not installed (raptor2-utils)";
    for (auto [name, parser, text] :
         {std::tuple<std::string, std::string, std::string>{"a.nt", "ntriples", nt.str()},
          {"a.nq", "nquads", nq.str()},
          {"a.ttl", "turtle", ttl.str()}}) {
        std::string path = file(name, text), err = dir_.sub(name + ".err");
        std::string cmd = "rapper -q -i " + parser + " -o ntriples " + path + " 2>" + err +
                          " | wc -l >" + err + ".n";
        ASSERT_EQ(std::system(cmd.c_str()), 0);
        std::ifstream e(err), c(err + ".n");
        std::stringstream errText;
        errText << e.rdbuf();
        uint64_t count = 0;
        c >> count;
        EXPECT_EQ(errText.str(), "") << name;
        EXPECT_EQ(count, n) << name << "\n" << text;
    }
}

TEST_F(FormatsWriterTest, JsonlCsvGraphmlAndDotEscape) {
    std::ostringstream jsonl, nodes, rels, graphml, dot;
    EXPECT_EQ(writeJsonl(*read_, jsonl), 1u);
    EXPECT_NE(jsonl.str().find("\"name\":\"Ürümqi \\\"Xinjiang\\\"\\\\\\n\\t~end.\""),
              std::string::npos)
        << jsonl.str();
    EXPECT_NE(jsonl.str().find("\"meta\":{\"k\":\"v\"}"), std::string::npos) << jsonl.str();
    auto counts = writeCsv(*read_, nodes, rels);
    EXPECT_EQ(counts.nodes, 2u);
    EXPECT_EQ(counts.relationships, 1u);
    EXPECT_EQ(nodes.str().substr(0, nodes.str().find('\n')),
              ":ID,:LABEL,aliases:string[],flag:boolean,mentions:long,name:string,score:double");
    EXPECT_NE(nodes.str().find(",\"Ürümqi \"\"Xinjiang\"\"\\\n\t~end.\","), std::string::npos)
        << nodes.str();
    EXPECT_EQ(rels.str(),
              ":START_ID,:END_ID,:TYPE,confidence:double,meta:string\n1,2,hosted "
              "by,0.7,\"{\"\"k\"\":\"\"v\"\"}\"\n");
    auto g = writeGraphml(*read_, graphml);
    EXPECT_EQ(g.nodes, 2u);
    EXPECT_EQ(g.edges, 1u);
    EXPECT_NE(graphml.str().find("attr.name=\"score\" attr.type=\"double\""), std::string::npos);
    EXPECT_NE(graphml.str().find("&quot;Xinjiang&quot;"), std::string::npos);
    writeDot(*read_, dot);
    EXPECT_NE(dot.str().find("label=\"Ürümqi \\\"Xinjiang\\\"\\\\\\n~end.\""), std::string::npos)
        << dot.str();
}

}  // namespace
}  // namespace kgraph::exporter
