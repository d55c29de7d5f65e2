#include <gtest/gtest.h>

#include "engine/common/error.h"
#include "engine/query/parse/parser.h"
#include "engine/query/query_engine.h"

namespace kgraph::query {
namespace {

std::string syntaxError(const std::string& q) {
    try {
        parseScript(q);
    } catch (const Error& e) {
        return e.what();
    }
    return "";
}

TEST(ParserTest, SyntaxErrorShowsCaret) {
    std::string msg = syntaxError("MATCH (n) RETRN n");
    EXPECT_EQ(msg.rfind("syntax error at line 1, column 11: ", 0), 0u) << msg;
    EXPECT_NE(msg.find("'RETRN'"), std::string::npos) << msg;
    EXPECT_NE(msg.find("\nMATCH (n) RETRN n\n          ^"), std::string::npos) << msg;
}

TEST(ParserTest, SyntaxErrorOnSecondLine) {
    std::string msg = syntaxError("MATCH (n)\nRETURN n.name AS");
    EXPECT_EQ(msg.rfind("syntax error at line 2, column 17", 0), 0u) << msg;
    EXPECT_NE(msg.find("\nRETURN n.name AS\n                ^"), std::string::npos) << msg;
}

// Every construct of the grammar, as the engine should accept it.
TEST(ParserTest, AcceptsTheLanguage) {
    const char* queries[] = {
        "MATCH (n) RETURN n",
        "match (n:Person) where n.name = 'x' return n.name as name",
        "OPTIONAL MATCH (a)-[r:KNOWS|LIKES]->(b) RETURN *",
        "MATCH (a)<-[:T*]-(b), (c)-[*1..3]-(d), (e)-[*..6]->(f), (g)-[*2]-(h) RETURN a",
        "MATCH p = (a)-->(b) RETURN p",
        "MATCH p = shortestPath((a)-[*..6]-(b)) RETURN p",
        "MATCH p = allShortestPaths((a)-[:X*]-(b)) RETURN p",
        "MATCH (n {name: $name, `odd key`: 1}) RETURN n.`odd key`",
        "WITH 1 AS x, 'a' AS y WHERE x > 0 RETURN DISTINCT x, y ORDER BY x DESC, y SKIP 1 LIMIT 2",
        "UNWIND [1, 2, 3] AS x RETURN x UNION ALL RETURN 4 AS x",
        "RETURN 1 AS x UNION RETURN 2 AS x",
        "CREATE (a:A {k: 1})-[:T {w: 0.5}]->(b:B)",
        "MERGE (a:A {k: 1}) ON CREATE SET a.new = true ON MATCH SET a.seen = a.seen + 1",
        "MATCH (n) SET n.x = 1, n += {y: 2}, n:L:M, n = {z: 3}",
        "MATCH (n) REMOVE n.x, n:L",
        "MATCH (n) DELETE n",
        "MATCH (n) DETACH DELETE n",
        "CALL db.labels() YIELD label RETURN label",
        "CALL db.labels",
        "CALL db.schema() YIELD kind AS k, name WHERE k = 'label' RETURN name",
        "RETURN 0x1F, 1.5e3, .5, 'it\\'s'",
        "RETURN 'a\\'b\\n\\u00e9', \"dq\", true, false, null, [1, [2]], {a: {b: 1}}",
        "RETURN 1 + 2 - 3 * 4 / 5 % 6 ^ 7, -1, +2",
        "RETURN 1 < 2, 1 <= 2, 1 > 2, 1 >= 2, 1 = 2, 1 <> 2, 1 < 2 < 3",
        "RETURN NOT true AND false OR true XOR false",
        "RETURN 'ab' STARTS WITH 'a', 'ab' ENDS WITH 'b', 'ab' CONTAINS 'a', 'ab' =~ 'a.*'",
        "RETURN 1 IN [1], null IS NULL, 1 IS NOT NULL",
        "RETURN CASE WHEN true THEN 1 ELSE 2 END, CASE 1 WHEN 1 THEN 'one' END",
        "RETURN [1,2,3][0], [1,2,3][1..], [1,2,3][..2], [1,2,3][-1]",
        "MATCH (n) RETURN n.name, count(*), count(DISTINCT n.name), collect(n)",
        "RETURN [x IN range(1, 10) WHERE x % 2 = 0 | x * x], [x IN [1,2] | x]",
        "MATCH (a) RETURN [(a)-->(b) | b.name], size([(a)--() | 1])",
        "MATCH (a) WHERE (a)-[:KNOWS]->() RETURN a",
        "MATCH (a) WHERE exists((a)-->()) RETURN a",
        "RETURN all(x IN [1] WHERE x > 0), any(x IN [1] WHERE x > 0), none(x IN [] WHERE true), "
        "single(x IN [1] WHERE true)",
        "MATCH (n) WHERE n:Person:Employee RETURN n",
        "EXPLAIN MATCH (n) RETURN n",
        "PROFILE MATCH (n) RETURN n",
        "MATCH (n) RETURN n; MATCH (m) RETURN m;",
        "MATCH path = (a)-[*1..2]-() RETURN path RENDER",
        "MATCH path = (a)-[*1..2]-() RETURN path RENDER svg TO 'out.svg' LAYOUT neato",
        "MATCH p = (a)--() RETURN p RENDER png LAYOUT twopi",
        "MATCH p = (a)--() RETURN p RENDER TO 'x.pdf'",
        "// comment\nMATCH (n) /* block\ncomment */ RETURN n",
        "MATCH (from)-[r]->(to) RETURN from, to, count(r) AS count",
        "MATCH (n:Order {end: 1, match: 2}) RETURN n.order, n.type",
        "RETURN -9223372036854775808",
        "MATCH (n) RETURN n {.name, .*, k: 1, x}",
    };
    for (const char* q : queries) {
        try {
            parseScript(q);
        } catch (const Error& e) {
            ADD_FAILURE() << q << "\n" << e.what();
        }
    }
}

TEST(ParserTest, RejectsBadInput) {
    const char* queries[] = {
        "MATCH (n RETURN n",
        "RETURN 'unterminated",
        "MATCH (n) RETURN n RENDER gif",
        "MATCH (n) RETURN n RENDER svg LAYOUT spiral",
        "RETURN 99999999999999999999",
        "RETURN 1 +",
        "",
        "€",
    };
    for (const char* q : queries) {
        EXPECT_THROW(parseScript(q), Error) << q;
    }
}

// Inputs that would exhaust the stack of a recursive parser are refused with an error.
TEST(ParserTest, RefusesPathologicalNesting) {
    std::string deep = "RETURN " + std::string(5000, '(') + "1" + std::string(5000, ')');
    EXPECT_THROW(parseScript(deep), Error);
    std::string minus = "RETURN " + std::string(5000, '-') + "1";
    EXPECT_THROW(parseScript(minus), Error);
    std::string chain = "RETURN 1";
    for (int i = 0; i < 5000; ++i) chain += " + 1";
    EXPECT_THROW(parseScript(chain), Error);
    EXPECT_THROW(parseScript("RETURN 'caf\xC3'"), Error);
    EXPECT_THROW(parseScript("RETURN '\xff'"), Error);
    std::string fine = "RETURN " + std::string(100, '[') + "1" + std::string(100, ']');
    EXPECT_NO_THROW(parseScript(fine));
}

// Found by tests/fuzz/query_fuzzer.cpp: bytes that look like UTF-8 but are not well-formed
// (a lead byte beyond U+10FFFF here) made ANTLR throw std::range_error, which ended the
// process. Every ill-formed sequence is a syntax error naming the byte.
TEST(ParserTest, IllFormedUtf8IsASyntaxError) {
    const std::string fuzzed =
        "RETMATCH ()-[*]-()-[r]-(), (), ()-[*]-(r)\xF6\xAD\xBA\xA8URURN -0x8000000000000001 AS "
        "literal";
    const std::string cases[] = {
        fuzzed,
        "RETURN '\xF5\x80\x80\x80'",  // above U+10FFFF
        "RETURN '\xF4\x90\x80\x80'",  // U+110000
        "RETURN '\xC0\xAF'",          // overlong '/'
        "RETURN '\xE0\x80\xAF'",      // overlong '/'
        "RETURN '\xF0\x80\x80\xAF'",  // overlong '/'
        "RETURN '\xED\xA0\x80'",      // a surrogate
    };
    for (const auto& q : cases) {
        try {
            parseScript(q);
            ADD_FAILURE() << "accepted " << q;
        } catch (const Error& e) {
            EXPECT_NE(std::string(e.what()).find("not valid UTF-8"), std::string::npos) << e.what();
        }
    }
    EXPECT_NO_THROW(parseScript("RETURN '\xF4\x8F\xBF\xBF \xED\x9F\xBF \xE2\x82\xAC \xC3\xA9'"));
}

TEST(ParserTest, ParseLiteral) {
    EXPECT_EQ(formatValue(parseLiteral("42")), "42");
    EXPECT_EQ(formatValue(parseLiteral("-1.5")), "-1.5");
    EXPECT_EQ(formatValue(parseLiteral("'x'")), "'x'");
    EXPECT_EQ(formatValue(parseLiteral("[1, 'a', null]")), "[1, 'a', null]");
    EXPECT_EQ(formatValue(parseLiteral("{a: true}")), "{a: true}");
    EXPECT_THROW(parseLiteral("x"), Error);
    EXPECT_THROW(parseLiteral("1 +"), Error);
}

}  // namespace
}  // namespace kgraph::query
