// EntityResolver: names of other tools resolved to the stored entities.
#include "engine/export/entity_resolver.h"

#include <gtest/gtest.h>

#include "tests/temp_dir.h"

namespace kgraph::exporter {
namespace {

class EntityResolverTest : public ::testing::Test {
protected:
    void SetUp() override {
        store_ = storage::GraphStore::open(dir_.sub("db"));
        auto w = store_->write();
        w->createNode({"Person"}, {{"name", "Kassym-Jomart Tokayev"},
                                   {"aliases", PropertyList{"Kassym-Jomart Tokayev", "Tokayev"}},
                                   {"mentions", 9}});
        w->createNode({"Country"}, {{"name", "Georgia"}, {"mentions", 2}});
        w->createNode({"Person"}, {{"name", "Georgia"}, {"mentions", 5}});
        // Two entities share an alias: the one mentioned more wins.
        w->createNode({"Person"}, {{"name", "Karim Massimov"},
                                   {"aliases", PropertyList{"Massimov", "the former chief"}},
                                   {"mentions", 4}});
        w->createNode(
            {"Person"},
            {{"name", "Sergei Massimov"}, {"aliases", PropertyList{"Massimov"}}, {"mentions", 1}});
        w->createNode({"Document"}, {{"id", "Tokayev"}, {"name", "Tokayev"}});
        w->commit();
    }

    std::optional<ResolvedEntity> resolve(const std::string& label, const std::string& name,
                                          bool strict = false) {
        EntityResolver r(store_.get());
        return r.resolve(label, name, strict);
    }

    kgraph::testing::TempDir dir_;
    std::unique_ptr<storage::GraphStore> store_;
};

TEST_F(EntityResolverTest, NameThenAliasThenCase) {
    auto exact = resolve("", "Kassym-Jomart Tokayev");
    ASSERT_TRUE(exact);
    EXPECT_EQ(exact->label, "Person");
    auto alias = resolve("", "Tokayev");  // never the Document node of that name
    ASSERT_TRUE(alias);
    EXPECT_EQ(alias->name, "Kassym-Jomart Tokayev");
    auto folded = resolve("", "THE FORMER CHIEF");
    ASSERT_TRUE(folded);
    EXPECT_EQ(folded->name, "Karim Massimov");
    EXPECT_FALSE(resolve("", "Astana"));
}

TEST_F(EntityResolverTest, MostMentionedWinsAndLabelsChoose) {
    EXPECT_EQ(resolve("", "Massimov")->name, "Karim Massimov");
    EXPECT_EQ(resolve("", "Georgia")->label, "Person");  // 5 mentions against 2
    EXPECT_EQ(resolve("Country", "Georgia")->label, "Country");
    // A label nobody has: preferred, not required, unless strict.
    EXPECT_EQ(resolve("Location", "Tokayev")->name, "Kassym-Jomart Tokayev");
    EXPECT_FALSE(resolve("Location", "Tokayev", true));
    EXPECT_EQ(resolve("Person", "Tokayev", true)->name, "Kassym-Jomart Tokayev");
}

TEST_F(EntityResolverTest, NoStoreResolvesNothing) {
    EntityResolver r(nullptr);
    EXPECT_FALSE(r.resolve("", "Tokayev", false));
}

}  // namespace
}  // namespace kgraph::exporter
