#include "cli/result_printer.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <sstream>

#include "engine/common/error.h"

namespace kgraph::cli {
namespace {

using query::Value;

query::QueryResult sample() {
    query::QueryResult r;
    r.columns = {"name", "mentions"};
    r.rows = {{Value("Xi Jinping"), Value(int64_t{12})}, {Value("Wang, \"Yi\""), Value()}};
    return r;
}

std::string print(const query::QueryResult& r, OutputFormat f, size_t width = 60) {
    std::ostringstream out;
    printResult(r, out, {f, width});
    return out.str();
}

TEST(ResultPrinterTest, TableIsBoxDrawnWithNumbersRightAligned) {
    EXPECT_EQ(print(sample(), OutputFormat::Table),
              "┌────────────┬──────────┐\n"
              "│ name       │ mentions │\n"
              "├────────────┼──────────┤\n"
              "│ Xi Jinping │       12 │\n"
              "│ Wang, \"Yi\" │     NULL │\n"
              "└────────────┴──────────┘\n");
}

TEST(ResultPrinterTest, TerminalEscapesAreNeutralised) {
    query::QueryResult r;
    r.columns = {"name\x1b[2J"};
    r.rows = {{Value("evil\x1b]0;owned\x07\x1b[31mred\x7f\xc2\x9b")}};
    for (auto f : {OutputFormat::Table, OutputFormat::Csv, OutputFormat::Tsv}) {
        std::string out = print(r, f);
        EXPECT_EQ(out.find('\x1b'), std::string::npos) << out;
        EXPECT_EQ(out.find('\x07'), std::string::npos) << out;
        EXPECT_EQ(out.find('\x7f'), std::string::npos) << out;
        EXPECT_EQ(out.find("\xc2\x9b"), std::string::npos) << out;
        EXPECT_NE(out.find("evil␛]0;owned␇␛[31mred␡"), std::string::npos) << out;
    }
    EXPECT_EQ(printable("tab\tand\nnewline stay"), "tab\tand\nnewline stay");
    EXPECT_EQ(printable("Ürümqi"), "Ürümqi");
    // JSON escapes controls itself.
    EXPECT_EQ(print(r, OutputFormat::Jsonl).find('\x1b'), std::string::npos);
}

TEST(ResultPrinterTest, LongCellsAreCutWithAnEllipsis) {
    query::QueryResult r;
    r.columns = {"s"};
    r.rows = {{Value("Collective Security Treaty Organization")}};
    EXPECT_NE(print(r, OutputFormat::Table, 10).find("│ Collectiv… │"), std::string::npos);
}

TEST(ResultPrinterTest, WideCharactersTakeTwoColumns) {
    query::QueryResult r;
    r.columns = {"city"};
    r.rows = {{Value("Алматы")}, {Value("東京")}, {Value("北京市朝阳区建国门外大街")}};
    // The cut cell is 9 columns: a fifth wide character and "…" would need 11.
    EXPECT_EQ(print(r, OutputFormat::Table, 10),
              "┌───────────┐\n"
              "│ city      │\n"
              "├───────────┤\n"
              "│ Алматы    │\n"
              "│ 東京      │\n"
              "│ 北京市朝… │\n"
              "└───────────┘\n");
}

TEST(ResultPrinterTest, CsvQuotesPerRfc4180) {
    EXPECT_EQ(print(sample(), OutputFormat::Csv),
              "name,mentions\nXi Jinping,12\n\"Wang, \"\"Yi\"\"\",\n");
}

TEST(ResultPrinterTest, JsonlHasOneObjectPerRow) {
    EXPECT_EQ(print(sample(), OutputFormat::Jsonl),
              "{\"name\":\"Xi Jinping\",\"mentions\":12}\n{\"name\":\"Wang, "
              "\\\"Yi\\\"\",\"mentions\":null}\n");
}

TEST(ResultPrinterTest, NodesPrintReadably) {
    query::NodeValue n;
    n.id = 3;
    n.labels = {"Country"};
    n.properties["name"] = Value("Kazakhstan");
    n.loaded = true;
    query::QueryResult r;
    r.columns = {"n"};
    r.rows = {{Value(n)}};
    EXPECT_EQ(print(r, OutputFormat::Tsv), "n\n(:Country {name: 'Kazakhstan'})\n");
    auto json = nlohmann::json::parse(print(r, OutputFormat::Json));
    EXPECT_EQ(json[0]["n"]["labels"][0], "Country");
    EXPECT_EQ(json[0]["n"]["properties"]["name"], "Kazakhstan");
    EXPECT_EQ(json[0]["n"]["id"], 3);
}

// A null and the string 'null' looked the same; now NULL in a table, an empty field in CSV/TSV.
TEST(ResultPrinterTest, NullDiffersFromTheStringNull) {
    query::QueryResult r;
    r.columns = {"a", "b"};
    r.rows = {{Value(), Value("null")}};
    EXPECT_EQ(print(r, OutputFormat::Table),
              "┌──────┬──────┐\n"
              "│ a    │ b    │\n"
              "├──────┼──────┤\n"
              "│ NULL │ null │\n"
              "└──────┴──────┘\n");
    EXPECT_EQ(print(r, OutputFormat::Csv), "a,b\n,null\n");
    EXPECT_EQ(print(r, OutputFormat::Tsv), "a\tb\n\tnull\n");
}

// A text column with nulls, and a column of only nulls, stay left-aligned.
TEST(ResultPrinterTest, TextColumnsWithNullsAreLeftAligned) {
    query::QueryResult r;
    r.columns = {"name", "none"};
    r.rows = {{Value("Wang Yi"), Value()}, {Value(), Value()}};
    EXPECT_EQ(print(r, OutputFormat::Table),
              "┌─────────┬──────┐\n"
              "│ name    │ none │\n"
              "├─────────┼──────┤\n"
              "│ Wang Yi │ NULL │\n"
              "│ NULL    │ NULL │\n"
              "└─────────┴──────┘\n");
}

TEST(ResultPrinterTest, MaxRowsElidesTheMiddle) {
    query::QueryResult r;
    r.columns = {"i"};
    for (int64_t i = 1; i <= 10; ++i) r.rows.push_back({Value(i)});
    std::ostringstream out;
    printResult(r, out, {.format = OutputFormat::Table, .maxRows = 4});
    EXPECT_EQ(out.str(),
              "┌────┐\n"
              "│ i  │\n"
              "├────┤\n"
              "│  1 │\n"
              "│  2 │\n"
              "│ ⋮  │\n"
              "│  9 │\n"
              "│ 10 │\n"
              "└────┘\n");
}

TEST(ResultPrinterTest, MaxWidthFitsTheTableToTheTerminal) {
    query::QueryResult r;
    r.columns = {"id", "text"};
    r.rows = {{Value(int64_t{1}), Value(std::string(50, 'x'))}};
    std::ostringstream out;
    printResult(r, out, {.format = OutputFormat::Table, .maxWidth = 30});
    std::string line;
    std::istringstream lines(out.str());
    while (std::getline(lines, line)) {
        size_t columns = 0;  // every character here is one column; count code points
        for (unsigned char c : line) columns += (c & 0xC0) != 0x80;
        EXPECT_LE(columns, 30u) << line;
    }
    EXPECT_NE(out.str().find("│  1 │ xxxxxxxxxxxxxxxxxxxx… │"), std::string::npos) << out.str();
}

TEST(ResultPrinterTest, PathsPrintCompactlyByName) {
    query::NodeValue xi, wang;
    xi.id = 1;
    xi.labels = {"Person"};
    xi.properties["name"] = Value("Xi Jinping");
    wang.id = 2;
    wang.labels = {"Person"};
    wang.properties["name"] = Value("Wang Yi");
    query::RelationshipValue meet;
    meet.id = 7;
    meet.type = "meet";
    meet.src = 2;
    meet.dst = 1;
    query::PathValue p;
    p.nodes = {xi, wang};
    p.relationships = {meet};
    query::QueryResult r;
    r.columns = {"p"};
    r.rows = {{Value(p)}};
    EXPECT_EQ(print(r, OutputFormat::Tsv), "p\n(Xi Jinping)<-[:meet]-(Wang Yi)\n");
}

TEST(ResultPrinterTest, MarkdownIsAPipeTable) {
    EXPECT_EQ(print(sample(), OutputFormat::Markdown),
              "| name | mentions |\n"
              "| --- | ---: |\n"
              "| Xi Jinping | 12 |\n"
              "| Wang, \"Yi\" | NULL |\n");
    EXPECT_EQ(parseOutputFormat("markdown"), OutputFormat::Markdown);
}

TEST(ResultPrinterTest, UnknownFormatIsUsageError) {
    try {
        parseOutputFormat("xml");
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), Error::Kind::Usage);
    }
}

}  // namespace
}  // namespace kgraph::cli
