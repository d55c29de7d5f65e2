#include "engine/export/ntriples_writer.h"

#include <gtest/gtest.h>

#include <sstream>

#include "tests/temp_dir.h"

namespace kgraph::exporter {
namespace {

TEST(NTriplesWriterTest, EscapesLiteralsAndIris) {
    EXPECT_EQ(escapeLiteral("say \"hi\"\\\n"), "say \\\"hi\\\"\\\\\\n");
    EXPECT_EQ(encodeIriPart("Kassym-Jomart Tokayev"), "Kassym-Jomart%20Tokayev");
    EXPECT_EQ(encodeIriPart("Ürümqi"), "%C3%9Cr%C3%BCmqi");
    EXPECT_EQ(encodeIriPart("<a>"), "%3Ca%3E");
}

TEST(NTriplesWriterTest, WritesTypesLabelsAndFactsDeterministically) {
    kgraph::testing::TempDir dir;
    auto store = storage::GraphStore::open(dir.sub("db"));
    auto w = store->write();
    auto xi = w->createNode({"Person"}, {{"name", "Xi Jinping"}});
    auto kz = w->createNode({"Country"}, {{"name", "Kazakhstan \"KZ\""}});
    w->createEdge(xi, kz, "send_message_to", {});
    w->commit();
    auto r = store->read();
    std::ostringstream a, b;
    EXPECT_EQ(writeNTriples(*r, a), 5u);
    writeNTriples(*r, b);
    EXPECT_EQ(a.str(), b.str());
    EXPECT_EQ(
        a.str(),
        "<urn:kgraph:entity/Person/Xi%20Jinping> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
        "<urn:kgraph:type/Person> .\n"
        "<urn:kgraph:entity/Person/Xi%20Jinping> <http://www.w3.org/2000/01/rdf-schema#label> \"Xi "
        "Jinping\" .\n"
        "<urn:kgraph:entity/Country/Kazakhstan%20%22KZ%22> "
        "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
        "<urn:kgraph:type/Country> .\n"
        "<urn:kgraph:entity/Country/Kazakhstan%20%22KZ%22> "
        "<http://www.w3.org/2000/01/rdf-schema#label> "
        "\"Kazakhstan \\\"KZ\\\"\" .\n"
        "<urn:kgraph:entity/Person/Xi%20Jinping> <urn:kgraph:rel/send_message_to> "
        "<urn:kgraph:entity/Country/Kazakhstan%20%22KZ%22> .\n");
}

}  // namespace
}  // namespace kgraph::exporter
