// Hostile names in exports (issue 17, item 10): spreadsheet formulas in CSV, carriage returns
// and control characters in GraphML, labels Graphviz cannot read in DOT.
#include <gtest/gtest.h>

#include <sstream>

#include "engine/export/csv_writer.h"
#include "engine/export/dot_writer.h"
#include "engine/export/graphml_writer.h"
#include "tests/temp_dir.h"

namespace kgraph::exporter {
namespace {

class HostileOutputTest : public ::testing::Test {
protected:
    storage::NodeId add(const std::string& label, const PropertyMap& props) {
        auto w = store_->write();
        auto id = w->createNode({label}, props);
        w->commit();
        return id;
    }
    kgraph::testing::TempDir dir_;
    std::unique_ptr<storage::GraphStore> store_ = storage::GraphStore::open(dir_.sub("db"));
};

TEST_F(HostileOutputTest, CsvFormulaInjectionIsNeutralised) {
    add("Person", {{"name", "=HYPERLINK(\"http://x\")"}, {"n", -5}});
    add("Person", {{"name", "+1 555"}, {"n", 1}});
    add("Person", {{"name", "@SUM(A1)"}, {"n", 2}});
    add("Person", {{"name", "-cmd"}, {"n", 3}});
    add("Person", {{"name", "plain"}, {"n", 4}});
    std::ostringstream nodes, rels;
    writeCsv(*store_->read(), nodes, rels);
    const std::string csv = nodes.str();
    EXPECT_NE(csv.find(",\"'=HYPERLINK(\"\"http://x\"\")\""), std::string::npos) << csv;
    EXPECT_NE(csv.find(",'+1 555"), std::string::npos) << csv;
    EXPECT_NE(csv.find(",'@SUM(A1)"), std::string::npos) << csv;
    EXPECT_NE(csv.find(",'-cmd"), std::string::npos) << csv;
    EXPECT_NE(csv.find(",plain"), std::string::npos) << csv;
    // Numbers are not text: a negative number stays a number.
    EXPECT_NE(csv.find(",-5,"), std::string::npos) << csv;
    // No line has a cell that starts with a formula character.
    std::istringstream lines(csv);
    for (std::string line; std::getline(lines, line);) {
        for (size_t at = line.find(','); at != std::string::npos; at = line.find(',', at + 1)) {
            char next = at + 1 < line.size() ? line[at + 1] : ' ';
            EXPECT_TRUE(next != '=' && next != '+' && next != '@') << line;
        }
    }
}

TEST_F(HostileOutputTest, GraphmlKeepsCarriageReturnAndControlsDistinct) {
    add("Person", {{"name", "a\rb"}});
    add("Person", {{"name", "a\nb"}});
    add("Person", {{"name",
                    "a\x01"
                    "b"}});
    add("Person", {{"name", "ab"}});
    std::ostringstream out;
    writeGraphml(*store_->read(), out);
    const std::string g = out.str();
    EXPECT_NE(g.find("a&#13;b"), std::string::npos) << g;
    EXPECT_NE(g.find("a\nb"), std::string::npos) << g;
    EXPECT_NE(g.find("a\xE2\x90\x81"
                     "b"),
              std::string::npos)
        << g;  // U+2401
    EXPECT_EQ(g.find('\r'), std::string::npos);
    EXPECT_EQ(g.find('\x01'), std::string::npos);
}

TEST_F(HostileOutputTest, DotLabelOver16KBIsCut) {
    std::string huge;
    while (huge.size() < 40000) huge += "Ürümqi ";
    add("Person", {{"name", huge}});
    std::ostringstream out;
    writeDot(*store_->read(), out);
    const std::string d = out.str();
    auto at = d.find("label=\"");
    ASSERT_NE(at, std::string::npos);
    auto end = d.find("\"", at + 7);
    EXPECT_LT(end - at, 16000u);
    EXPECT_EQ(d.substr(end - 3, 3), "…");
}

}  // namespace
}  // namespace kgraph::exporter
