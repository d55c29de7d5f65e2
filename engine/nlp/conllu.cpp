#include "engine/nlp/conllu.h"

#include <charconv>
#include <fstream>
#include <istream>
#include <ostream>
#include <string_view>

#include "engine/common/error.h"

namespace kgraph::nlp {

namespace {

std::vector<std::string_view> splitTabs(std::string_view line) {
    std::vector<std::string_view> cols;
    size_t start = 0;
    while (true) {
        size_t tab = line.find('\t', start);
        cols.push_back(line.substr(start, tab == std::string_view::npos ? tab : tab - start));
        if (tab == std::string_view::npos) break;
        start = tab + 1;
    }
    return cols;
}

bool parseInt(std::string_view s, int& v) {
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    return ec == std::errc() && p == s.data() + s.size();
}

bool hasSpaceAfterNo(std::string_view misc) {
    size_t pos = misc.find("SpaceAfter=No");
    return pos != std::string_view::npos;
}

}  // namespace

std::vector<Sentence> readConllu(std::istream& in, const std::string& source) {
    std::vector<Sentence> out;
    Sentence cur;
    bool pendingPar = false, pendingDoc = false;
    std::string line;
    size_t lineNo = 0;
    auto fail = [&](const std::string& what) {
        throw Error(source + ":" + std::to_string(lineNo) + ": " + what +
                    "; expected CoNLL-U (10 tab-separated columns per word line)");
    };
    auto flush = [&] {
        if (cur.tokens.empty()) return;
        cur.newParagraph = pendingPar || pendingDoc;
        cur.newDocument = pendingDoc;
        pendingPar = pendingDoc = false;
        out.push_back(std::move(cur));
        cur = Sentence();
    };
    while (std::getline(in, line)) {
        ++lineNo;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) {
            flush();
            continue;
        }
        if (line[0] == '#') {
            std::string_view l(line);
            if (l.starts_with("# text = "))
                cur.text = line.substr(9);
            else if (l.starts_with("# sent_id = "))
                cur.id = line.substr(12);
            else if (l.starts_with("# newpar"))
                pendingPar = true;
            else if (l.starts_with("# newdoc"))
                pendingDoc = true;
            continue;
        }
        auto cols = splitTabs(line);
        if (cols.size() != 10) fail("expected 10 columns, found " + std::to_string(cols.size()));
        std::string_view id = cols[0];
        if (id.find('.') != std::string_view::npos) continue;  // empty node
        size_t dash = id.find('-');
        if (dash != std::string_view::npos) {
            MultiwordToken m;
            if (!parseInt(id.substr(0, dash), m.first) || !parseInt(id.substr(dash + 1), m.last)) {
                fail("bad multiword id '" + std::string(id) + "'");
            }
            m.form = cols[1];
            m.spaceAfter = !hasSpaceAfterNo(cols[9]);
            cur.multiwords.push_back(std::move(m));
            continue;
        }
        int n = 0;
        if (!parseInt(id, n) || n != static_cast<int>(cur.tokens.size()) + 1) {
            fail("word id '" + std::string(id) + "' out of sequence");
        }
        Token t;
        t.form = cols[1];
        t.lemma = cols[2];
        t.upos = cols[3];
        t.xpos = cols[4];
        if (cols[6] == "_")
            t.head = -1;
        else if (!parseInt(cols[6], t.head))
            fail("bad head '" + std::string(cols[6]) + "'");
        t.deprel = cols[7];
        t.spaceAfter = !hasSpaceAfterNo(cols[9]);
        cur.tokens.push_back(std::move(t));
    }
    flush();
    return out;
}

std::vector<Sentence> readConlluFile(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw Error("cannot open CoNLL-U file " + path + ": check the path");
    return readConllu(in, path);
}

void writeConllu(std::ostream& out, const Sentence& s, int number) {
    out << "# sent_id = " << number << "\n";
    if (!s.text.empty()) out << "# text = " << s.text << "\n";
    for (size_t i = 0; i < s.tokens.size(); ++i) {
        const Token& t = s.tokens[i];
        auto field = [](const std::string& v) -> const std::string& {
            static const std::string kEmpty = "_";
            return v.empty() ? kEmpty : v;
        };
        out << i + 1 << '\t' << t.form << '\t' << field(t.lemma) << '\t' << field(t.upos) << '\t'
            << field(t.xpos) << "\t_\t" << t.head << '\t' << field(t.deprel) << "\t_\t";
        if (!t.spaceAfter) out << "SpaceAfter=No|";
        out << "TokenRange=" << t.begin << ':' << t.end << '\n';
    }
    out << '\n';
}

}  // namespace kgraph::nlp
