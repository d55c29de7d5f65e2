#include "storage/value_codec.h"

#include <gtest/gtest.h>

#include <limits>

#include "engine/common/error.h"

namespace kgraph::storage {
namespace {

TEST(ValueCodecTest, RoundTripsEveryType) {
    const std::vector<PropertyValue> values = {
        PropertyValue(),
        PropertyValue(true),
        PropertyValue(false),
        PropertyValue(int64_t{0}),
        PropertyValue(int64_t{-1}),
        PropertyValue(std::numeric_limits<int64_t>::min()),
        PropertyValue(std::numeric_limits<int64_t>::max()),
        PropertyValue(3.25),
        PropertyValue("Kassym-Jomart Tokayev"),
        PropertyValue("Ürümqi \xe2\x80\x94 \"quoted\""),
        PropertyValue(PropertyList{1, "two", 3.0, PropertyList{}}),
        PropertyValue(PropertyMap{{"b", 1}, {"a", PropertyMap{{"x", nullptr}}}}),
    };
    for (const auto& v : values) {
        std::string bytes;
        codec::putValue(bytes, v);
        size_t pos = 0;
        EXPECT_EQ(codec::getValue(bytes, pos), v) << "tag " << v.variant().index();
        EXPECT_EQ(pos, bytes.size());
    }
}

TEST(ValueCodecTest, TruncatedInputIsAnError) {
    std::string bytes;
    codec::putValue(bytes, PropertyValue("hello"));
    bytes.pop_back();
    size_t pos = 0;
    EXPECT_THROW(codec::getValue(bytes, pos), Error);
}

}  // namespace
}  // namespace kgraph::storage
