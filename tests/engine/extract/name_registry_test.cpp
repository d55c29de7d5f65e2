// Names across documents (NameRegistry) on hand-built extractions: surnames and
// acronyms learned from earlier documents, namesakes kept apart, and one label
// for a name typed differently in two documents (the merge recorded).
#include "engine/extract/name_registry.h"

#include <gtest/gtest.h>

namespace kgraph::extract {
namespace {

Extraction doc(std::vector<std::pair<std::string, std::string>> names,
               std::vector<std::string> texts = {}) {
    Extraction ex;
    for (size_t i = 0; i < names.size(); ++i) {
        EntityMention m;
        m.name = names[i].first;
        m.label = names[i].second;
        m.text = i < texts.size() ? texts[i] : m.name;
        ex.entities.push_back(m);
    }
    return ex;
}

TEST(NameRegistryTest, SurnamesAndAcronymsFromEarlierDocuments) {
    NameRegistry r;
    auto first = doc({{"Kassym-Jomart Tokayev", "Person"},
                      {"Collective Security Treaty Organization", "Organization"}},
                     {"Kassym-Jomart Tokayev", "CSTO"});
    r.resolve(first);
    r.learn(first);
    auto second = doc({{"Tokayev", "Organization"}, {"CSTO", "Organization"}});
    r.resolve(second);
    EXPECT_EQ(second.entities[0].name, "Kassym-Jomart Tokayev");
    EXPECT_EQ(second.entities[0].label, "Person");
    EXPECT_EQ(second.entities[1].name, "Collective Security Treaty Organization");
}

TEST(NameRegistryTest, NamesakesStayApart) {
    NameRegistry r;
    auto first = doc({{"Wang Yi", "Person"}, {"Wang Wenbin", "Person"}});
    r.resolve(first);
    r.learn(first);
    auto second = doc({{"Wang", "Person"}, {"Yi", "Person"}});
    r.resolve(second);
    EXPECT_EQ(second.entities[0].name, "Wang");  // two people: no guess
    EXPECT_EQ(second.entities[1].name, "Wang Yi");
}

TEST(NameRegistryTest, TheMajorityLabelWinsAndTheMergeIsRecorded) {
    NameRegistry r;
    auto first = doc({{"Kazinform", "Media"}, {"Kazinform", "Media"}, {"Almaty", "Location"}});
    r.resolve(first);
    r.learn(first);
    auto second = doc({{"Kazinform", "Organization"}, {"Almaty", "Location"}});
    r.resolve(second);
    EXPECT_EQ(second.entities[0].label, "Media");
    EXPECT_EQ(second.entities[1].label, "Location");
    ASSERT_EQ(r.merges().size(), 1u);
    EXPECT_EQ(r.merges()[0], "Kazinform: Organization -> Media");
}

}  // namespace
}  // namespace kgraph::extract
