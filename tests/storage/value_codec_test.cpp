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

namespace kgraph::storage::codec {
namespace {

// A record holding a value nested 30,000 deep crashed check, query and export (each reader
// recursed once per level). Such a value is refused when written and read as malformed.
TEST(ValueCodecTest, ValueNestedTooDeeplyIsRefusedNotAStackOverflow) {
    std::string bytes;
    for (int i = 0; i < 30000; ++i) bytes += "\x05\x01";  // a list of one element ...
    bytes += "\x02\x02";                                  // ... down to the integer 1
    size_t pos = 0;
    try {
        getValue(bytes, pos);
        FAIL() << "a value nested 30,000 deep was read";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("malformed"), std::string::npos) << e.what();
    }
    // The deepest value allowed round-trips; one level more is refused when written.
    PropertyValue v(int64_t{1});
    for (int i = 0; i < kMaxValueDepth; ++i) v = PropertyValue(PropertyList{v});
    std::string out;
    putValue(out, v);
    pos = 0;
    EXPECT_TRUE(getValue(out, pos) == v);
    PropertyValue deeper(PropertyList{v});
    std::string more;
    EXPECT_THROW(putValue(more, deeper), Error);
}

}  // namespace
}  // namespace kgraph::storage::codec
