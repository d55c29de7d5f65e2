#include "engine/render/graph_renderer.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <vector>

#include "engine/common/error.h"

namespace kgraph::render {
namespace {

using query::NodeValue;
using query::RelationshipValue;
using query::Value;

NodeValue node(uint64_t id, const std::string& label, const std::string& name) {
    NodeValue n;
    n.id = id;
    n.labels = {label};
    n.properties["name"] = Value(name);
    n.loaded = true;
    return n;
}

query::QueryResult sample() {
    query::QueryResult r;
    r.columns = {"p"};
    query::PathValue p;
    p.nodes = {node(1, "Person", "Xi Jinping"),
               node(2, "Person", "Kassym-Jomart \"KJ\" <Tokayev> & co")};
    RelationshipValue rel;
    rel.id = 7;
    rel.src = 1;
    rel.dst = 2;
    rel.type = "send_message_to";
    rel.loaded = true;
    p.relationships = {rel};
    r.rows.push_back({Value(p)});
    r.rows.push_back({Value(node(3, "Country", "Kazakhstan"))});
    return r;
}

TEST(GraphRendererTest, DotOutputIsDeterministicAndNamesEveryNode) {
    RenderOptions o;
    o.format = "dot";
    RenderSummary s;
    std::string a = renderToString(sample(), o, &s);
    std::string b = renderToString(sample(), o);
    EXPECT_EQ(a, b);
    EXPECT_EQ(s.nodes, 3u);
    EXPECT_EQ(s.edges, 1u);
    EXPECT_NE(a.find("Xi Jinping"), std::string::npos);
    EXPECT_NE(a.find("Kazakhstan"), std::string::npos);
    EXPECT_NE(a.find("send_message_to"), std::string::npos);
    // The quote inside the name is escaped for DOT.
    EXPECT_NE(a.find("Kassym-Jomart \\\"KJ\\\""), std::string::npos) << a;
}

// The graph handed to Graphviz for a fixed result, against
// tests/engine/render/golden/sample.dot. To accept a deliberate change:
//   KGRAPH_UPDATE_GOLDEN=1 build/release/tests/engine/kgraph_render_tests
TEST(GraphRendererTest, GraphSourceMatchesTheGoldenDot) {
    const std::string golden =
        std::string(KGRAPH_SOURCE_DIR) + "/tests/engine/render/golden/sample.dot";
    std::string dot = graphSource(sample());
    if (std::getenv("KGRAPH_UPDATE_GOLDEN")) std::ofstream(golden, std::ios::binary) << dot;
    std::ifstream in(golden, std::ios::binary);
    ASSERT_TRUE(in) << "missing " << golden;
    std::stringstream expected;
    expected << in.rdbuf();
    EXPECT_EQ(dot, expected.str());
}

TEST(GraphRendererTest, LegendShowsEachLabelInItsColourAndShape) {
    std::string dot = graphSource(sample());
    auto legend = dot.find("subgraph cluster_legend");
    ASSERT_NE(legend, std::string::npos) << dot;
    // One sample node per label drawn (Country, Person), in name order, styled as the nodes.
    auto country = dot.find("legend0\t[fillcolor=\"#cdeccd\"", legend);
    auto person = dot.find("legend1\t[fillcolor=\"#fde2b3\"", legend);
    ASSERT_NE(country, std::string::npos) << dot;
    ASSERT_NE(person, std::string::npos) << dot;
    std::string countryAttrs = dot.substr(country, person - country);
    EXPECT_NE(countryAttrs.find("label=Country"), std::string::npos) << countryAttrs;
    EXPECT_NE(countryAttrs.find("shape=hexagon"), std::string::npos) << countryAttrs;
    std::string personAttrs = dot.substr(person, dot.find(']', person) - person);
    EXPECT_NE(personAttrs.find("label=Person"), std::string::npos) << personAttrs;
    EXPECT_NE(personAttrs.find("shape=ellipse"), std::string::npos) << personAttrs;
    EXPECT_EQ(dot.find("legend2"), std::string::npos) << dot;
}

TEST(GraphRendererTest, NoLegendForAResultWithoutNodes) {
    query::QueryResult r;
    r.columns = {"x"};
    r.rows.push_back({Value(int64_t{1})});
    EXPECT_EQ(graphSource(r).find("Legend"), std::string::npos);
}

TEST(GraphRendererTest, SvgEscapesMarkup) {
    RenderOptions o;
    std::string svg = renderToString(sample(), o);
    EXPECT_NE(svg.find("<svg"), std::string::npos);
    EXPECT_NE(svg.find(">Legend</text>"), std::string::npos);
    EXPECT_NE(svg.find("&lt;Tokayev&gt; &amp; co"), std::string::npos);
    EXPECT_EQ(svg.find("<Tokayev>"), std::string::npos);
}

// Names with Graphviz escapes, markup, quotes, a newline and non-ASCII text:
// the SVG is well-formed XML (parsed by Python's ElementTree) and shows every
// name as written.
TEST(GraphRendererTest, SvgParsesAsXmlAndShowsHostileNamesAsWritten) {
    if (std::system("python3 -c 'import xml.etree.ElementTree' >/dev/null 2>&1") != 0)
        GTEST_SKIP() << "python3 is not installed";
    query::QueryResult r;
    r.columns = {"n"};
    const std::vector<std::string> names = {"back \\ slash \\N \\n \\l \\G end",
                                            "Ab \"quoted\" <tag> & amp; ]]>", "Алматы 東京 é",
                                            "two\nlines", "#1 'single' {x}"};
    for (size_t i = 0; i < names.size(); ++i)
        r.rows.push_back({Value(node(i + 1, i % 2 ? "Person" : "Event", names[i]))});
    std::string svgPath = std::string(::testing::TempDir()) + "/kgraph_hostile.svg";
    renderToFile(r, svgPath, RenderOptions{});
    // Prints the text of each node group, lines joined by '\n', one node per line (JSON).
    std::string cmd =
        "python3 -c \"import sys, json, xml.etree.ElementTree as ET\n"
        "S = '{http://www.w3.org/2000/svg}'\n"
        "for g in ET.parse(sys.argv[1]).getroot().iter(S + 'g'):\n"
        "    if g.get('class') == 'node' and g.find(S + 'title').text.startswith('n'):\n"
        "        print(json.dumps(chr(10).join(t.text or '' for t in g.iter(S + 'text'))))\" " +
        svgPath;
    FILE* p = popen(cmd.c_str(), "r");
    ASSERT_NE(p, nullptr);
    std::string out;
    char buf[4096];
    while (size_t n = fread(buf, 1, sizeof buf, p)) out.append(buf, n);
    ASSERT_EQ(pclose(p), 0) << "the SVG is not well-formed XML";
    std::vector<std::string> shown;  // JSON strings: non-ASCII as \uXXXX
    std::istringstream lines(out);
    for (std::string line; std::getline(lines, line);) shown.push_back(line);
    ASSERT_EQ(shown.size(), names.size()) << out;
    EXPECT_EQ(shown[0], "\"back \\\\ slash \\\\N \\\\n \\\\l \\\\G end\"");
    EXPECT_EQ(shown[1], "\"Ab \\\"quoted\\\" <tag> & amp; ]]>\"");
    EXPECT_EQ(shown[2], "\"\\u0410\\u043b\\u043c\\u0430\\u0442\\u044b \\u6771\\u4eac \\u00e9\"");
    EXPECT_EQ(shown[3], "\"two\\nlines\"");  // a line break, as the newline says
    EXPECT_EQ(shown[4], "\"#1 'single' {x}\"");
}

TEST(GraphRendererTest, CutsLargeResultsWithANote) {
    query::QueryResult r;
    r.columns = {"n"};
    for (uint64_t i = 1; i <= 20; ++i)
        r.rows.push_back({Value(node(i, "Concept", "c" + std::to_string(i)))});
    RenderOptions o;
    o.format = "dot";
    o.maxNodes = 5;
    RenderSummary s;
    std::string dot = renderToString(r, o, &s);
    EXPECT_TRUE(s.truncated);
    EXPECT_EQ(s.nodes, 5u);
    EXPECT_NE(dot.find("Only the first 5 of 20 nodes"), std::string::npos);
}

TEST(GraphRendererTest, UnknownFormatOrLayoutIsAnError) {
    RenderOptions o;
    o.format = "gif";
    EXPECT_THROW(renderToString(sample(), o), Error);
    o.format = "svg";
    o.layout = "spring";
    EXPECT_THROW(renderToString(sample(), o), Error);
}

}  // namespace
}  // namespace kgraph::render
