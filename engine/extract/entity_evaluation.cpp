#include "engine/extract/entity_evaluation.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <ostream>
#include <set>
#include <sstream>

#include "engine/common/error.h"

namespace kgraph::extract {

namespace {

std::vector<std::string> splitTabs(const std::string& line) {
    std::vector<std::string> cols;
    size_t start = 0;
    while (true) {
        size_t tab = line.find('\t', start);
        cols.push_back(line.substr(start, tab == std::string::npos ? tab : tab - start));
        if (tab == std::string::npos) break;
        start = tab + 1;
    }
    return cols;
}

std::string miscValue(const std::string& misc, std::string_view key) {
    size_t p = 0;
    while (p <= misc.size()) {
        size_t q = misc.find('|', p);
        if (q == std::string::npos) q = misc.size();
        std::string_view item(misc.data() + p, q - p);
        if (item.size() > key.size() && item.substr(0, key.size()) == key &&
            item[key.size()] == '=')
            return std::string(item.substr(key.size() + 1));
        p = q + 1;
    }
    return "";
}

std::string lowerAscii(std::string s) {
    for (auto& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

struct Word {
    size_t begin = 0, end = 0;
    int head = 0;  // 1-based within the sentence
    std::string upos;
    nlp::Token token;
};

struct OpenMention {
    int entity;
    int firstWord;  // document word index
    int sentenceStart;
};

// Builds documents while reading a GUM file line by line.
class GumReader {
public:
    explicit GumReader(std::string source) : source_(std::move(source)) {}

    void line(const std::string& raw, size_t lineNo) {
        lineNo_ = lineNo;
        std::string line = raw;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) {
            endSentence();
            return;
        }
        if (line[0] == '#') {
            comment(line);
            return;
        }
        if (!cur_) fail("a word line before '# newdoc id'");
        auto cols = splitTabs(line);
        if (cols.size() != 10) fail("expected 10 columns, found " + std::to_string(cols.size()));
        const std::string& id = cols[0];
        if (id.find('.') != std::string::npos) return;
        if (id.find('-') != std::string::npos) {
            // A multiword token: its surface is written once; its words share it.
            int a = std::atoi(id.c_str()), b = std::atoi(id.c_str() + id.find('-') + 1);
            startToken();
            size_t begin = text().size();
            text() += cols[1];
            mwtBegin_ = begin;
            mwtEnd_ = text().size();
            mwtLast_ = b;
            (void)a;
            pendingSpace_ = miscValue(cols[9], "SpaceAfter") != "No";
            return;
        }
        int wordId = std::atoi(id.c_str());
        Word w;
        if (wordId <= mwtLast_) {
            w.begin = mwtBegin_;
            w.end = mwtEnd_;
        } else {
            startToken();
            w.begin = text().size();
            text() += cols[1];
            w.end = text().size();
            pendingSpace_ = miscValue(cols[9], "SpaceAfter") != "No";
        }
        w.head = std::atoi(cols[6].c_str());
        w.upos = cols[3];
        w.token.form = cols[1];
        w.token.begin = w.begin;
        w.token.end = w.end;
        w.token.lemma = cols[2];
        w.token.upos = cols[3];
        w.token.xpos = cols[4];
        w.token.head = w.head;
        w.token.deprel = cols[7];
        w.token.spaceAfter = miscValue(cols[9], "SpaceAfter") != "No";
        int index = static_cast<int>(words_.size());
        words_.push_back(w);
        sentenceOf_.push_back(sentenceStart_);
        entityBrackets(miscValue(cols[9], "Entity"), index);
    }

    std::vector<GoldDocument> finish() {
        endDocument();
        return std::move(docs_);
    }

private:
    std::string& text() { return cur_->doc.text; }

    [[noreturn]] void fail(const std::string& what) const {
        throw Error(source_ + ":" + std::to_string(lineNo_) + ": " + what +
                    "; expected GUM CoNLL-U with CorefUD Entity= brackets");
    }

    void comment(const std::string& line) {
        auto value = [&](std::string_view prefix) -> std::string {
            return line.substr(prefix.size());
        };
        if (line.rfind("# newdoc id = ", 0) == 0) {
            endDocument();
            cur_ = std::make_unique<GoldDocument>();
            cur_->doc.id = value("# newdoc id = ");
            cur_->doc.path = source_;
            paragraph_ = true;
        } else if (line.rfind("# meta::dateCreated = ", 0) == 0 && cur_) {
            cur_->doc.published = value("# meta::dateCreated = ");
        } else if (line.rfind("# newpar", 0) == 0) {
            paragraph_ = true;
        }
    }

    // Separator before the next token: a blank line between paragraphs, a space
    // between sentences and words unless SpaceAfter=No.
    void startToken() {
        if (text().empty()) {
        } else if (paragraph_) {
            while (!text().empty() && text().back() == ' ') text().pop_back();
            text() += "\n\n";
        } else if (pendingSpace_) {
            text() += ' ';
        }
        paragraph_ = false;
        pendingSpace_ = false;
    }

    void entityBrackets(const std::string& v, int word) {
        size_t i = 0;
        while (i < v.size()) {
            if (v[i] == '(') {
                size_t j = i + 1;
                while (j < v.size() && v[j] != '(' && v[j] != ')') ++j;
                open(v.substr(i + 1, j - i - 1), word);
                if (j < v.size() && v[j] == ')') {
                    close(open_.back().entity, word);
                    ++j;
                }
                i = j;
            } else {
                size_t j = v.find(')', i);
                if (j == std::string::npos) fail("unbalanced Entity bracket '" + v + "'");
                std::string key = v.substr(i, j - i);
                auto br = key.find('[');
                if (br != std::string::npos) key.resize(br);
                auto e = ids_.find(key);
                if (e == ids_.end()) fail("Entity closes " + key + ", which is not open");
                close(e->second, word);
                i = j + 1;
            }
        }
    }

    void open(const std::string& content, int word) {
        std::vector<std::string> f;
        size_t p = 0;
        while (f.size() < 7) {
            size_t q = content.find('-', p);
            if (q == std::string::npos) {
                f.push_back(content.substr(p));
                p = content.size() + 1;
                break;
            }
            f.push_back(content.substr(p, q - p));
            p = q + 1;
        }
        std::string identity = p <= content.size() ? content.substr(p) : "";
        std::string key = f[0];
        auto br = key.find('[');
        if (br != std::string::npos) key.resize(br);
        if (key.empty()) fail("an Entity mention without an entity id");
        auto [it, added] = ids_.emplace(key, static_cast<int>(cur_->entities.size()));
        if (added) cur_->entities.emplace_back();
        auto& e = cur_->entities[static_cast<size_t>(it->second)];
        if (f.size() > 1 && e.type.empty()) e.type = f[1];
        if (!identity.empty() && e.identity.empty()) e.identity = identity;
        open_.push_back({it->second, word, sentenceStart_});
    }

    void close(int entity, int word) {
        for (size_t k = open_.size(); k-- > 0;) {
            if (open_[k].entity != entity) continue;
            addMention(open_[k], word);
            open_.erase(open_.begin() + static_cast<long>(k));
            return;
        }
        fail("Entity closes a mention that is not open");
    }

    // Heads need the whole sentence: mentions are finished when it ends.
    void addMention(const OpenMention& o, int last) {
        pending_.push_back({o.entity, o.firstWord, last});
    }

    void finishMention(int entity, int first, int last) {
        // The head: the word whose head lies outside the span (the highest one).
        auto headOf = [&](int w) {
            int h = words_[static_cast<size_t>(w)].head;
            return h == 0 ? -1 : sentenceOf_[static_cast<size_t>(w)] + h - 1;
        };
        int head = last;
        int bestDepth = std::numeric_limits<int>::max();
        for (int w = first; w <= last; ++w) {
            int hi = headOf(w);
            if (hi >= first && hi <= last) continue;
            int depth = 0;
            for (int x = w; x >= 0 && depth < 200; ++depth) x = headOf(x);
            if (depth < bestDepth) {
                bestDepth = depth;
                head = w;
            }
        }
        GoldMention m;
        m.begin = words_[static_cast<size_t>(first)].begin;
        m.end = words_[static_cast<size_t>(last)].end;
        m.headBegin = words_[static_cast<size_t>(head)].begin;
        m.headEnd = words_[static_cast<size_t>(head)].end;
        m.entity = entity;
        m.named = words_[static_cast<size_t>(head)].upos == "PROPN";
        int start = sentenceOf_[static_cast<size_t>(first)];
        if (start == sentenceOf_[static_cast<size_t>(last)]) {
            m.sentence = static_cast<int>(cur_->sentences.size());
            m.first = first - start;
            m.last = last - start;
            m.head = head - start;
        }
        cur_->mentions.push_back(m);
    }

    void endSentence() {
        for (const auto& p : pending_) finishMention(p.entity, p.first, p.last);
        pending_.clear();
        if (cur_ && static_cast<int>(words_.size()) > sentenceStart_) {
            nlp::Sentence sentence;
            for (size_t w = static_cast<size_t>(sentenceStart_); w < words_.size(); ++w)
                sentence.tokens.push_back(words_[w].token);
            sentence.begin = sentence.tokens.front().begin;
            sentence.end = sentence.tokens.back().end;
            cur_->sentences.push_back(std::move(sentence));
        }
        sentenceStart_ = static_cast<int>(words_.size());
        mwtLast_ = 0;
    }

    void endDocument() {
        if (!cur_) return;
        endSentence();
        if (!open_.empty()) fail("Entity mentions left open at the end of " + cur_->doc.id);
        std::sort(cur_->mentions.begin(), cur_->mentions.end(),
                  [](const GoldMention& a, const GoldMention& b) {
                      return std::tie(a.begin, a.end, a.entity) <
                             std::tie(b.begin, b.end, b.entity);
                  });
        for (const auto& m : cur_->mentions)
            if (m.named) cur_->entities[static_cast<size_t>(m.entity)].named = true;
        auto& d = cur_->doc;
        d.text += '\n';
        d.title = d.text.substr(0, d.text.find('\n'));
        docs_.push_back(std::move(*cur_));
        cur_.reset();
        words_.clear();
        sentenceOf_.clear();
        ids_.clear();
        open_.clear();
        sentenceStart_ = 0;
        mwtLast_ = 0;
        pendingSpace_ = false;
    }

    std::string source_;
    size_t lineNo_ = 0;
    std::vector<GoldDocument> docs_;
    std::unique_ptr<GoldDocument> cur_;
    std::vector<Word> words_;
    std::vector<int> sentenceOf_;  // word -> index of its sentence's first word
    struct Pending {
        int entity, first, last;
    };
    std::vector<Pending> pending_;
    std::map<std::string, int> ids_;
    std::vector<OpenMention> open_;
    int sentenceStart_ = 0;
    bool paragraph_ = false, pendingSpace_ = false;
    size_t mwtBegin_ = 0, mwtEnd_ = 0;
    int mwtLast_ = 0;
};

void readGumFile(const std::filesystem::path& file, std::vector<GoldDocument>& out) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw Error("cannot read " + file.string());
    GumReader r(file.string());
    std::string line;
    size_t n = 0;
    while (std::getline(in, line)) r.line(line, ++n);
    for (auto& d : r.finish()) out.push_back(std::move(d));
}

// ---------------------------------------------------------------- scoring

struct SysMention {
    size_t begin, end;
    int cluster;  // system entity (label, name) within the document
    bool anaphor;
    std::string label, name;
};

bool overlaps(size_t b1, size_t e1, size_t b2, size_t e2) { return b1 < e2 && b2 < e1; }

// Maximum-weight assignment (Hungarian method, O(n^3)) over a rows x cols matrix;
// returns the total weight of the best one-to-one matching.
double bestAssignment(const std::vector<std::vector<double>>& w) {
    size_t rows = w.size(), cols = rows ? w[0].size() : 0;
    size_t n = std::max(rows, cols);
    if (n == 0) return 0;
    // Minimise cost = -weight over a square matrix padded with zeros.
    std::vector<std::vector<double>> a(n + 1, std::vector<double>(n + 1, 0));
    for (size_t i = 0; i < rows; ++i)
        for (size_t j = 0; j < cols; ++j) a[i + 1][j + 1] = -w[i][j];
    const double inf = std::numeric_limits<double>::infinity();
    std::vector<double> u(n + 1), v(n + 1);
    std::vector<size_t> p(n + 1), way(n + 1);
    for (size_t i = 1; i <= n; ++i) {
        p[0] = i;
        size_t j0 = 0;
        std::vector<double> minv(n + 1, inf);
        std::vector<char> used(n + 1, 0);
        do {
            used[j0] = 1;
            size_t i0 = p[j0], j1 = 0;
            double delta = inf;
            for (size_t j = 1; j <= n; ++j) {
                if (used[j]) continue;
                double cur = a[i0][j] - u[i0] - v[j];
                if (cur < minv[j]) {
                    minv[j] = cur;
                    way[j] = j0;
                }
                if (minv[j] < delta) {
                    delta = minv[j];
                    j1 = j;
                }
            }
            for (size_t j = 0; j <= n; ++j) {
                if (used[j]) {
                    u[p[j]] += delta;
                    v[j] -= delta;
                } else {
                    minv[j] -= delta;
                }
            }
            j0 = j1;
        } while (p[j0] != 0);
        do {
            size_t j1 = way[j0];
            p[j0] = p[j1];
            j0 = j1;
        } while (j0);
    }
    double total = 0;
    for (size_t j = 1; j <= n; ++j)
        if (p[j] >= 1 && p[j] <= rows && j <= cols) total += w[p[j] - 1][j - 1];
    return total;
}

struct Counts {
    double num = 0, den = 0;
    void add(double n, double d) {
        num += n;
        den += d;
    }
    double value() const { return den > 0 ? num / den : 0; }
};

double f1(double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0; }

using Clusters = std::vector<std::vector<int>>;  // mention ids

void muc(const Clusters& key, const Clusters& response, Counts& out) {
    std::map<int, size_t> where;
    for (size_t r = 0; r < response.size(); ++r)
        for (int m : response[r]) where[m] = r;
    for (const auto& k : key) {
        if (k.empty()) continue;
        std::set<long> parts;
        long solo = -1;
        for (int m : k) {
            auto it = where.find(m);
            parts.insert(it == where.end() ? solo-- : static_cast<long>(it->second));
        }
        out.add(static_cast<double>(k.size() - parts.size()), static_cast<double>(k.size() - 1));
    }
}

void b3(const Clusters& key, const Clusters& response, Counts& out) {
    std::map<int, size_t> where;
    for (size_t r = 0; r < response.size(); ++r)
        for (int m : response[r]) where[m] = r;
    for (const auto& k : key) {
        std::map<size_t, int> overlap;
        for (int m : k) {
            auto it = where.find(m);
            if (it != where.end()) ++overlap[it->second];
        }
        for (int m : k) {
            auto it = where.find(m);
            double share = it == where.end() ? 0 : overlap[it->second];
            out.add(share / static_cast<double>(k.size()), 1);
        }
    }
}

void ceafe(const Clusters& key, const Clusters& response, Counts& recall, Counts& precision) {
    std::vector<std::vector<double>> w(key.size(), std::vector<double>(response.size(), 0));
    for (size_t i = 0; i < key.size(); ++i) {
        std::set<int> ks(key[i].begin(), key[i].end());
        for (size_t j = 0; j < response.size(); ++j) {
            size_t common = 0;
            for (int m : response[j]) common += ks.count(m);
            if (common)
                w[i][j] = 2.0 * static_cast<double>(common) /
                          static_cast<double>(key[i].size() + response[j].size());
        }
    }
    double sim = bestAssignment(w);
    recall.add(sim, static_cast<double>(key.size()));
    precision.add(sim, static_cast<double>(response.size()));
}

// The document's system mentions: every resolved reference, clustered by the
// (label, name) of its entity, as storage merges them.
std::vector<SysMention> systemMentions(const Extraction& ex) {
    std::vector<SysMention> out;
    std::map<std::pair<std::string, std::string>, int> clusters;
    for (const auto& r : ex.references) {
        if (r.entity >= ex.entities.size()) continue;
        const auto& e = ex.entities[r.entity];
        auto [it, added] =
            clusters.emplace(std::make_pair(e.label, e.name), static_cast<int>(clusters.size()));
        out.push_back({r.begin, r.end, it->second, r.anaphor, e.label, e.name});
    }
    return out;
}

std::string snippet(const std::string& text, size_t b, size_t e) {
    if (b > e || e > text.size()) return "?";
    std::string s = text.substr(b, e - b);
    for (auto& c : s)
        if (c == '\n') c = ' ';
    return s;
}

}  // namespace

std::vector<GoldDocument> readGumDocuments(const std::string& fileOrDir) {
    namespace fs = std::filesystem;
    std::vector<GoldDocument> out;
    std::error_code ec;
    if (fs::is_directory(fileOrDir, ec)) {
        std::vector<fs::path> files;
        for (const auto& e : fs::directory_iterator(fileOrDir))
            if (e.path().extension() == ".conllu") files.push_back(e.path());
        std::sort(files.begin(), files.end());
        if (files.empty()) throw Error("no .conllu files in " + fileOrDir);
        for (const auto& f : files) readGumFile(f, out);
    } else {
        readGumFile(fileOrDir, out);
    }
    return out;
}

bool typeMatches(const std::string& gumType, const std::string& label) {
    static const std::map<std::string, std::set<std::string>> kTable = {
        {"person", {"Person", "Group"}},
        {"place", {"Country", "Location"}},
        {"organization", {"Organization", "Media", "Group"}},
        {"event", {"Event"}},
        {"abstract", {"Initiative", "Concept"}},
        {"object", {"Concept"}},
    };
    auto it = kTable.find(gumType);
    return it != kTable.end() && it->second.count(label) > 0;
}

std::string titleAsName(const std::string& identity) {
    std::string s;
    for (size_t i = 0; i < identity.size(); ++i) {
        char c = identity[i];
        if (c == '%' && i + 2 < identity.size() &&
            std::isxdigit(static_cast<unsigned char>(identity[i + 1])) &&
            std::isxdigit(static_cast<unsigned char>(identity[i + 2]))) {
            s += static_cast<char>(std::stoi(identity.substr(i + 1, 2), nullptr, 16));
            i += 2;
        } else {
            s += c == '_' ? ' ' : c;
        }
    }
    if (!s.empty() && s.back() == ')') {
        auto open = s.rfind(" (");
        if (open != std::string::npos) s.resize(open);
    }
    return s;
}

EntityScores scoreEntities(const std::vector<GoldDocument>& gold,
                           const std::vector<Extraction>& system, std::ostream* errors) {
    if (gold.size() != system.size())
        throw Error("scoreEntities: " + std::to_string(gold.size()) + " gold documents but " +
                        std::to_string(system.size()) + " extractions",
                    Error::Kind::Internal);
    EntityScores s;
    size_t spuriousNamed = 0;
    Counts mucR, mucP, b3R, b3P, ceafR, ceafP;
    for (size_t d = 0; d < gold.size(); ++d) {
        const auto& g = gold[d];
        const auto& text = g.doc.text;
        auto sys = systemMentions(system[d]);
        // Gold named mentions: proper-noun heads, dates left out (kgraph puts dates on facts).
        auto counted = [&](const GoldMention& m) {
            const auto& type = g.entities[static_cast<size_t>(m.entity)].type;
            return m.named && type != "time" && type != "quantity";
        };
        // Named system mentions matched one-to-one to gold named mentions by head.
        std::vector<int> sysMatch(sys.size(), -1), goldMatch(g.mentions.size(), -1);
        for (size_t gi = 0; gi < g.mentions.size(); ++gi) {
            const auto& m = g.mentions[gi];
            if (!counted(m)) continue;
            for (size_t si = 0; si < sys.size(); ++si) {
                if (sys[si].anaphor || sysMatch[si] >= 0) continue;
                if (!overlaps(sys[si].begin, sys[si].end, m.headBegin, m.headEnd)) continue;
                sysMatch[si] = static_cast<int>(gi);
                goldMatch[gi] = static_cast<int>(si);
                break;
            }
        }
        for (size_t gi = 0; gi < g.mentions.size(); ++gi) {
            const auto& m = g.mentions[gi];
            if (!counted(m)) continue;
            ++s.goldNamed;
            if (goldMatch[gi] < 0) {
                if (errors)
                    *errors << g.doc.id << "\tmissed\t" << snippet(text, m.begin, m.end) << "\t"
                            << g.entities[static_cast<size_t>(m.entity)].type << "\n";
                continue;
            }
            ++s.matchedNamed;
            const auto& sm = sys[static_cast<size_t>(goldMatch[gi])];
            const auto& type = g.entities[static_cast<size_t>(m.entity)].type;
            if (typeMatches(type, sm.label)) {
                ++s.typeCorrect;
            } else if (errors) {
                *errors << g.doc.id << "\ttype\t" << snippet(text, m.begin, m.end) << "\t" << type
                        << "\t" << sm.label << "\n";
            }
        }
        // Unmatched named system mentions are false positives, unless they sit on the head
        // of a gold mention that is left out (a demonym adjective, a date).
        for (size_t si = 0; si < sys.size(); ++si) {
            if (sys[si].anaphor || sysMatch[si] >= 0) continue;
            bool excused = false;
            for (const auto& m : g.mentions) {
                if (counted(m) || !overlaps(sys[si].begin, sys[si].end, m.headBegin, m.headEnd))
                    continue;
                const auto& type = g.entities[static_cast<size_t>(m.entity)].type;
                if (m.named || type == "time" || type == "quantity") excused = true;
                // A demonym adjective standing for its country ("Afghan team").
                std::string head = snippet(text, m.headBegin, m.headEnd);
                if (!head.empty() && head[0] >= 'A' && head[0] <= 'Z' && !m.named &&
                    m.headEnd - m.headBegin == m.end - m.begin)
                    excused = true;
            }
            if (excused) continue;
            ++spuriousNamed;
            if (errors)
                *errors << g.doc.id << "\tspurious\t" << snippet(text, sys[si].begin, sys[si].end)
                        << "\t" << sys[si].label << "\n";
        }
        // Coreference over the gold entities with a named mention.
        // Every system mention (anaphors too) maps to at most one gold mention by head.
        std::vector<int> mapTo(sys.size(), -1);
        std::vector<char> taken(g.mentions.size(), 0);
        for (size_t si = 0; si < sys.size(); ++si)
            if (sysMatch[si] >= 0) {
                mapTo[si] = sysMatch[si];
                taken[static_cast<size_t>(sysMatch[si])] = 1;
            }
        for (size_t si = 0; si < sys.size(); ++si) {
            if (mapTo[si] >= 0) continue;
            // The smallest unmatched gold mention whose head the system mention covers.
            int best = -1;
            for (size_t gi = 0; gi < g.mentions.size(); ++gi) {
                const auto& m = g.mentions[gi];
                if (taken[gi] || !overlaps(sys[si].begin, sys[si].end, m.headBegin, m.headEnd))
                    continue;
                if (best < 0 || m.end - m.begin < g.mentions[static_cast<size_t>(best)].end -
                                                      g.mentions[static_cast<size_t>(best)].begin)
                    best = static_cast<int>(gi);
            }
            if (best >= 0) {
                mapTo[si] = best;
                taken[static_cast<size_t>(best)] = 1;
            }
        }
        std::map<int, std::vector<int>> keyByEntity;
        for (size_t gi = 0; gi < g.mentions.size(); ++gi) {
            const auto& e = g.entities[static_cast<size_t>(g.mentions[gi].entity)];
            if (e.named && e.type != "time" && e.type != "quantity")
                keyByEntity[g.mentions[gi].entity].push_back(static_cast<int>(gi));
        }
        Clusters key, response;
        for (auto& [e, ms] : keyByEntity) key.push_back(ms);
        std::map<int, std::vector<int>> respByCluster;
        int spurious = static_cast<int>(g.mentions.size());
        for (size_t si = 0; si < sys.size(); ++si) {
            int id;
            if (mapTo[si] >= 0) {
                const auto& gm = g.mentions[static_cast<size_t>(mapTo[si])];
                if (!keyByEntity.count(gm.entity)) continue;  // an entity outside the key
                id = mapTo[si];
            } else {
                id = spurious++;
            }
            respByCluster[sys[si].cluster].push_back(id);
        }
        for (auto& [c, ms] : respByCluster) response.push_back(ms);
        muc(key, response, mucR);
        muc(response, key, mucP);
        b3(key, response, b3R);
        b3(response, key, b3P);
        ceafe(key, response, ceafR, ceafP);
        // Canonical names: the name of the system entity most of the gold named mentions got.
        for (size_t ei = 0; ei < g.entities.size(); ++ei) {
            const auto& e = g.entities[ei];
            if (!e.named || e.identity.empty() || e.type == "time" || e.type == "quantity")
                continue;
            ++s.canonicalGold;
            std::map<std::string, int> votes;
            std::string best;
            int bestVotes = 0;
            for (size_t gi = 0; gi < g.mentions.size(); ++gi) {
                if (g.mentions[gi].entity != static_cast<int>(ei) || goldMatch[gi] < 0) continue;
                const auto& name = sys[static_cast<size_t>(goldMatch[gi])].name;
                int v = ++votes[name];
                if (v > bestVotes) {
                    bestVotes = v;
                    best = name;
                }
            }
            std::string want = titleAsName(e.identity);
            if (!best.empty() && lowerAscii(best) == lowerAscii(want)) {
                ++s.canonicalCorrect;
            } else if (errors) {
                *errors << g.doc.id << "\tname\t" << (best.empty() ? "(none)" : best) << "\t"
                        << want << "\n";
            }
        }
    }
    s.systemNamed = s.matchedNamed + spuriousNamed;
    auto ratio = [](size_t a, size_t b) {
        return b ? static_cast<double>(a) / static_cast<double>(b) : 0.0;
    };
    s.precision = ratio(s.matchedNamed, s.systemNamed);
    s.recall = ratio(s.matchedNamed, s.goldNamed);
    s.f1 = f1(s.precision, s.recall);
    s.typeAccuracy = ratio(s.typeCorrect, s.matchedNamed);
    s.muc = f1(mucP.value(), mucR.value());
    s.b3 = f1(b3P.value(), b3R.value());
    s.ceafe = f1(ceafP.value(), ceafR.value());
    s.corefF1 = (s.muc + s.b3 + s.ceafe) / 3;
    s.canonicalAccuracy = ratio(s.canonicalCorrect, s.canonicalGold);
    return s;
}

std::string entityScoresJson(const EntityScores& s) {
    auto num = [](double v) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.4f", std::round(v * 10000) / 10000);
        return std::string(buf);
    };
    std::ostringstream o;
    o << "{\"mention_precision\": " << num(s.precision) << ", \"mention_recall\": " << num(s.recall)
      << ", \"mention_f1\": " << num(s.f1) << ", \"type_accuracy\": " << num(s.typeAccuracy)
      << ", \"coref_muc\": " << num(s.muc) << ", \"coref_b3\": " << num(s.b3)
      << ", \"coref_ceafe\": " << num(s.ceafe) << ", \"coref_f1\": " << num(s.corefF1)
      << ", \"canonical_accuracy\": " << num(s.canonicalAccuracy)
      << ", \"gold_named_mentions\": " << s.goldNamed
      << ", \"system_named_mentions\": " << s.systemNamed
      << ", \"matched_named_mentions\": " << s.matchedNamed
      << ", \"canonical_entities\": " << s.canonicalGold << "}";
    return o.str();
}

}  // namespace kgraph::extract
