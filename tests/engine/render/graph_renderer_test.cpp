#include "engine/render/graph_renderer.h"

#include <gtest/gtest.h>

#include <cstdio>
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

// The legend was a cluster of sample nodes: neato drew its frame over the graph and sfdp,
// circo and twopi scattered the samples. Now it is one node with a table, in every layout.
TEST(GraphRendererTest, LegendIsOneTableNodeWithEachLabelsColourAndShape) {
    std::string dot = graphSource(sample());
    EXPECT_EQ(dot.find("cluster_legend"), std::string::npos) << dot;
    auto legend = dot.find("label=<<TABLE");
    ASSERT_NE(legend, std::string::npos) << dot;
    std::string attrs = dot.substr(legend, dot.find("</TABLE>>", legend) - legend);
    // Country before Person (name order), each with its fill colour and its shape's name.
    auto country = attrs.find("BGCOLOR=\"#cdeccd\"");
    auto person = attrs.find("BGCOLOR=\"#fde2b3\"");
    ASSERT_NE(country, std::string::npos) << attrs;
    ASSERT_NE(person, std::string::npos) << attrs;
    EXPECT_LT(country, person);
    EXPECT_NE(attrs.find(">Country<", country), std::string::npos) << attrs;
    EXPECT_NE(attrs.find(">hexagon<", country), std::string::npos) << attrs;
    EXPECT_NE(attrs.find(">ellipse<", person), std::string::npos) << attrs;
    for (const char* layout : {"dot", "neato", "fdp", "sfdp", "circo", "twopi"}) {
        RenderOptions o;
        o.layout = layout;
        std::string svg = renderToString(sample(), o);
        EXPECT_NE(svg.find(">Legend</text>"), std::string::npos) << layout;
        EXPECT_NE(svg.find("<title>legend</title>"), std::string::npos) << layout;
    }
}

query::RelationshipValue fact(uint64_t id, uint64_t src, uint64_t dst, const std::string& type,
                              double confidence, bool negated = false) {
    RelationshipValue r;
    r.id = id;
    r.src = src;
    r.dst = dst;
    r.type = type;
    r.loaded = true;
    r.properties["confidence"] = Value(confidence);
    r.properties["mentions"] = Value(int64_t{2});
    r.properties["negated"] = Value(negated);
    r.properties["evidence"] = Value("China and Kazakhstan are friendly neighbors.");
    r.properties["date"] = Value("2022-01-07");
    r.properties["sources"] = Value(query::ValueList{Value("004_8fba14ac2590a363.txt")});
    return r;
}

// Twelve edges between China and Kazakhstan were drawn one by one.
TEST(GraphRendererTest, ParallelRelationshipsAreMergedWithTheirEvidenceInTheTooltip) {
    query::QueryResult r;
    r.columns = {"r"};
    query::PathValue p;
    p.nodes = {node(1, "Country", "China"), node(2, "Country", "Kazakhstan")};
    r.rows.push_back({Value(p.nodes[0]), Value(p.nodes[1])});
    r.rows.push_back({Value(fact(10, 1, 2, "neighbor_of", 0.9))});
    r.rows.push_back({Value(fact(11, 1, 2, "help", 0.75))});
    r.rows.push_back({Value(fact(12, 1, 2, "help", 0.7))});
    r.rows.push_back({Value(fact(13, 1, 2, "interfere_in", 0.8, true))});
    r.rows.push_back({Value(fact(14, 2, 1, "thank", 0.5))});
    RenderSummary s;
    RenderOptions o;
    o.format = "dot";
    std::string dot = renderToString(r, o, &s);
    EXPECT_EQ(s.edges, 5u);  // relationships drawn
    std::string source = graphSource(r);
    // China -> Kazakhstan: one edge for the three stated facts, one for the negated one;
    // Kazakhstan -> China: one.
    EXPECT_EQ(source.find("n1 -> n2\t[key=e10"), source.rfind("n1 -> n2\t[key=e10")) << source;
    EXPECT_NE(source.find("label=\"neighbor_of\nhelp (3)\""), std::string::npos) << source;
    EXPECT_NE(source.find("n1 -> n2\t[key=e13"), std::string::npos) << source;
    EXPECT_NE(source.find("n2 -> n1\t[key=e14"), std::string::npos) << source;
    EXPECT_EQ(source.find("key=e11"), std::string::npos) << source;
    // Width by mentions (6 in all: 1 + log2 6), colour by confidence, negated dashed red.
    auto merged = source.substr(source.find("n1 -> n2\t[key=e10"));
    merged = merged.substr(0, merged.find("];"));
    EXPECT_NE(merged.find("penwidth=3.6"), std::string::npos) << merged;
    EXPECT_NE(merged.find("color=\"#222222\""), std::string::npos) << merged;
    auto negated = source.substr(source.find("n1 -> n2\t[key=e13"));
    negated = negated.substr(0, negated.find("];"));
    EXPECT_NE(negated.find("style=dashed"), std::string::npos) << negated;
    EXPECT_NE(negated.find("#c0392b"), std::string::npos) << negated;
    // The tooltip: each fact with its confidence, date, evidence and source.
    EXPECT_NE(merged.find("help (confidence 0.75, 2022-01-07, 2 mentions): “China and "
                          "Kazakhstan are friendly neighbors.” — source: "
                          "004_8fba14ac2590a363.txt"),
              std::string::npos)
        << merged;
    o.format = "svg";
    std::string svg = renderToString(r, o);
    EXPECT_NE(svg.find("xlink:title=\"neighbor_of (confidence 0.9"), std::string::npos);
}

// Documents took over drawings of entities as huge boxes titled with the whole headline.
TEST(GraphRendererTest, DocumentsAreLeftOutUnlessAskedAndTheirTitlesCut) {
    query::QueryResult r;
    r.columns = {"n"};
    NodeValue doc;
    doc.id = 9;
    doc.labels = {"Document"};
    doc.properties["title"] =
        Value("China could provide assistance, support to help Kazakhstan restore order");
    doc.loaded = true;
    r.rows.push_back({Value(node(1, "Person", "Xi Jinping")), Value(doc)});
    EXPECT_EQ(graphSource(r).find("n9"), std::string::npos);
    RenderOptions o;
    o.documents = true;
    std::string dot = graphSource(r, o);
    EXPECT_NE(dot.find("label=\"China could provide assistance, support…\""), std::string::npos)
        << dot;
    query::QueryResult onlyDocs;
    onlyDocs.columns = {"d"};
    onlyDocs.rows.push_back({Value(doc)});
    EXPECT_NE(graphSource(onlyDocs).find("n9"), std::string::npos);  // nothing else to draw
}

// An empty picture was written and the command said it drew 0 nodes.
TEST(GraphRendererTest, AResultWithoutNodesIsNotDrawn) {
    query::QueryResult r;
    r.columns = {"x"};
    r.rows.push_back({Value(int64_t{1})});
    std::string path = std::string(::testing::TempDir()) + "/kgraph_nothing.svg";
    std::remove(path.c_str());
    EXPECT_THROW(renderToFile(r, path, RenderOptions{}), Error);
    EXPECT_FALSE(std::ifstream(path).good());
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
