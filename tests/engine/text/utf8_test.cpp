// engine/text/utf8.h: the one UTF-8 decoder the query parser, the string functions and the
// document reader share.
#include "engine/text/utf8.h"

#include <gtest/gtest.h>

namespace kgraph::text {
namespace {

TEST(Utf8Test, SequenceLengthFollowsUnicodeTable3_7) {
    EXPECT_EQ(utf8SequenceLength("a", 0), 1u);
    EXPECT_EQ(utf8SequenceLength("\xC3\xA9", 0), 2u);          // é
    EXPECT_EQ(utf8SequenceLength("\xE2\x82\xAC", 0), 3u);      // €
    EXPECT_EQ(utf8SequenceLength("\xF0\x9F\x98\x80", 0), 4u);  // an emoji
    EXPECT_EQ(utf8SequenceLength("x\xC3\xA9", 1), 2u);         // from the middle
    EXPECT_EQ(utf8SequenceLength("\xC0\x80", 0), 0u);          // overlong NUL
    EXPECT_EQ(utf8SequenceLength("\xE0\x80\x80", 0), 0u);      // overlong
    EXPECT_EQ(utf8SequenceLength("\xED\xA0\x80", 0), 0u);      // a surrogate
    EXPECT_EQ(utf8SequenceLength("\xF4\x90\x80\x80", 0), 0u);  // above U+10FFFF
    EXPECT_EQ(utf8SequenceLength("\xC3", 0), 0u);              // truncated
    EXPECT_EQ(utf8SequenceLength("\xC3(", 0), 0u);             // no continuation byte
    EXPECT_EQ(utf8SequenceLength("\x80", 0), 0u);              // a lone continuation byte
}

TEST(Utf8Test, FirstInvalidNamesTheOffset) {
    EXPECT_EQ(firstInvalidUtf8("plain \xC3\xA9t\xC3\xA9"), std::nullopt);
    EXPECT_EQ(firstInvalidUtf8("ab\xED\xA0\x80"), 2u);
    EXPECT_EQ(firstInvalidUtf8("\xE2\x82"), 0u);
}

}  // namespace
}  // namespace kgraph::text
