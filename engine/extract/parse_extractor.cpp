// The document-level half of the extractor: page debris, per-sentence analysis
// (mentions.cpp, relations.cpp), names resolved across the document (surnames,
// acronyms, title forms, cautious he/she), dates, and the Extraction.
#include "engine/extract/parse_extractor.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <unordered_set>

#include "engine/common/error.h"
#include "engine/extract/analysis.h"
#include "engine/extract/coreference.h"
#include "engine/extract/entity_recognizer.h"
#include "engine/extract/relation_vocabulary.h"
#include "engine/nlp/pipeline.h"

namespace kgraph::extract {

namespace detail {

SentenceView::SentenceView(const nlp::Sentence& s, std::string_view text) : s_(&s), text_(text) {
    kids_.resize(s.tokens.size());
    for (size_t i = 0; i < s.tokens.size(); ++i) {
        int h = s.tokens[i].head - 1;
        if (h >= 0 && static_cast<size_t>(h) < s.tokens.size())
            kids_[static_cast<size_t>(h)].push_back(static_cast<int>(i));
    }
}

std::string_view SentenceView::rel(int i) const {
    std::string_view r = tok(i).deprel;
    auto colon = r.find(':');
    return colon == std::string_view::npos ? r : r.substr(0, colon);
}

int SentenceView::child(int i, std::string_view r) const {
    for (int c : kids(i))
        if (rel(c) == r) return c;
    return -1;
}

std::string SentenceView::lower(int i) const { return toLower(form(i)); }

std::string SentenceView::span(int first, int last) const {
    size_t b = tok(first).begin, e = tok(last).end;
    if (b <= e && e <= text_.size()) return std::string(text_.substr(b, e - b));
    std::string out;
    for (int k = first; k <= last; ++k) out += (k > first ? " " : "") + form(k);
    return out;
}

std::pair<int, int> SentenceView::subtreeSpan(int i) const {
    int b = i, e = i;
    std::vector<int> stack{i};
    int guard = 0;
    while (!stack.empty() && guard++ < 10000) {
        int x = stack.back();
        stack.pop_back();
        b = std::min(b, x);
        e = std::max(e, x);
        for (int c : kids(x)) stack.push_back(c);
    }
    return {b, e};
}

bool isCapitalized(std::string_view w) { return !w.empty() && w[0] >= 'A' && w[0] <= 'Z'; }

std::string toLower(std::string_view w) {
    std::string s(w);
    for (auto& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

}  // namespace detail

namespace {

using detail::Analysis;
using detail::SentenceView;

// Photo credits and captions: names in them are entities, but they state no facts.
bool isCaption(std::string_view s) {
    static const char* kCaptions[] = {"Photo:", "Photo :", "(Photo",    "Photo by",
                                      "Image:", "Credit:", "File photo"};
    for (const char* m : kCaptions) {
        size_t at = s.find(m);
        if (at == std::string_view::npos) continue;
        int words = 0;
        for (size_t i = 0; i < at; ++i) words += s[i] == ' ';
        if (words < 6) return true;
    }
    return false;
}

// A headline, byline, kicker or caption: a line of its own that does not end
// like a sentence ("China Supports Kazakhstan's Right to Restore Order", "By Jane
// Doe"). Its names are entities; its telegraphic grammar states no facts.
bool isHeadline(std::string_view text, const nlp::Sentence& s) {
    if (s.end > text.size() || s.begin >= s.end) return false;
    size_t b = s.begin, e = s.end;
    while (b < e && std::isspace(static_cast<unsigned char>(text[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(text[e - 1]))) --e;
    if (b == e) return false;
    bool lineStart = b == 0 || text[b - 1] == '\n';
    bool lineEnd = e == text.size() || text[e] == '\n' || text[e] == '\r';
    if (!lineStart || !lineEnd) return false;
    std::string_view last = text.substr(e - 1, 1);
    if (last == "." || last == "!" || last == "?" || last == "\"" || last == ")" || last == ":")
        return false;
    // closing curly quote (U+201D) ends a quoted sentence
    return !(e >= 3 && text.substr(e - 3, 3) == "\xE2\x80\x9D");
}

// Page debris: comment forms, share widgets, captions, bylines.
bool isDebris(std::string_view s) {
    static const char* kMarks[] = {"Leave a Reply",
                                   "Log Out",
                                   "Change )",
                                   "commenting using",
                                   "Fill in your details",
                                   "Connecting to %s",
                                   "Blog at",
                                   "bloggers like this",
                                   "Published:",
                                   "Share this",
                                   "Like this:",
                                   "Click to",
                                   "Subscribe",
                                   "All rights reserved",
                                   "Copyright",
                                   "Follow us",
                                   "Sign up",
                                   "Read more",
                                   "Related:",
                                   "Loading...",
                                   "Email (required)",
                                   "Notify me",
                                   "cookies"};
    for (const char* m : kMarks)
        if (s.find(m) != std::string_view::npos) return true;
    return false;
}

std::string trimmed(std::string_view s) {
    size_t b = 0, e = s.size();
    while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
    return std::string(s.substr(b, e - b));
}

std::vector<std::string> words(const std::string& name) {
    std::vector<std::string> out;
    size_t p = 0;
    while (p < name.size()) {
        size_t q = name.find(' ', p);
        if (q == std::string::npos) q = name.size();
        if (q > p) out.push_back(name.substr(p, q - p));
        p = q + 1;
    }
    return out;
}

// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
long daysFromCivil(int y, unsigned m, unsigned d) {
    y -= m <= 2;
    const long era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<long>(doe) - 719468;
}

std::string civilFromDays(long z) {
    z += 719468;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long y = static_cast<long>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp + (mp < 10 ? 3 : -9);
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04ld-%02u-%02u", y + (m <= 2), m, d);
    return buf;
}

// ASCII-lower-cased w in buf, or "" when w is longer than buf (no month or weekday
// name is): sentenceDate() asks about every word, so no string is built.
std::string_view lowerInto(std::string_view w, char (&buf)[10]) {
    if (w.size() > sizeof buf) return {};
    for (size_t i = 0; i < w.size(); ++i)
        buf[i] = (w[i] >= 'A' && w[i] <= 'Z') ? static_cast<char>(w[i] - 'A' + 'a') : w[i];
    return {buf, w.size()};
}

int monthOf(std::string_view w) {
    static constexpr std::string_view kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                                   "jul", "aug", "sep", "oct", "nov", "dec"};
    static constexpr std::string_view kFull[] = {"january",   "february", "march",    "april",
                                                 "may",       "june",     "july",     "august",
                                                 "september", "october",  "november", "december"};
    char buf[10];
    std::string_view l = lowerInto(w, buf);
    if (l.size() < 3) return 0;
    if (l == "may") return 5;
    for (int i = 0; i < 12; ++i) {
        if (l == kFull[i]) return i + 1;
        if (l == kMonths[i] || (l.size() == 4 && l.back() == '.' && l.substr(0, 3) == kMonths[i]) ||
            (i == 8 && (l == "sept" || l == "sept.")))
            return i + 1;
    }
    return 0;
}

int weekdayOf(std::string_view w) {
    static constexpr std::string_view kDays[] = {"monday", "tuesday",  "wednesday", "thursday",
                                                 "friday", "saturday", "sunday"};
    char buf[10];
    std::string_view l = lowerInto(w, buf);
    for (int i = 0; i < 7; ++i)
        if (l == kDays[i]) return i;
    return -1;
}

// The date a sentence gives its event ("on Friday", "January 5", "Jan. 6, 2022"),
// resolved against the publication date "YYYY-MM-DD..." when relative.
std::string sentenceDate(const SentenceView& s, const std::string& published) {
    int py = 0, pm = 0, pd = 0;
    bool havePub =
        published.size() >= 10 && std::sscanf(published.c_str(), "%d-%d-%d", &py, &pm, &pd) == 3;
    for (int i = 0; i < s.size(); ++i) {
        int wd = weekdayOf(s.form(i));
        if (wd >= 0 && havePub) {
            long pub = daysFromCivil(py, static_cast<unsigned>(pm), static_cast<unsigned>(pd));
            int pubWd = static_cast<int>(((pub % 7) + 7 + 3) % 7);  // 1970-01-01 was a Thursday (3)
            int back = (pubWd - wd + 7) % 7;
            return civilFromDays(pub - back);
        }
        int m = monthOf(s.form(i));
        if (m > 0 && i + 1 < s.size()) {
            int k = i + 1;
            if (s.form(k) == ".") ++k;
            if (k >= s.size()) continue;
            int d = std::atoi(s.form(k).c_str());
            if (d < 1 || d > 31) continue;
            int y = havePub ? py : 0;
            if (k + 2 < s.size() && s.form(k + 1) == ",") {
                int yy = std::atoi(s.form(k + 2).c_str());
                if (yy > 1800 && yy < 2200) y = yy;
            }
            if (y == 0) continue;
            char buf[48];
            std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
            return buf;
        }
    }
    return "";
}

class DocumentBuilder {
public:
    DocumentBuilder(const Lexicon& lx, const text::SourceDocument& doc,
                    const EntityRecognizer* recognizer)
        : lx_(lx), doc_(doc), recognizer_(recognizer) {}

    void add(const nlp::Sentence& sentence, bool filterDebris) {
        uint32_t index = static_cast<uint32_t>(ex_.sentences.size()) + 1;
        ex_.sentences.push_back(
            {static_cast<uint32_t>(sentence.begin), static_cast<uint32_t>(sentence.end)});
        std::string_view text = doc_.text;
        std::string surface =
            sentence.end <= text.size() && sentence.begin <= sentence.end
                ? trimmed(text.substr(sentence.begin, sentence.end - sentence.begin))
                : std::string();
        bool caption = filterDebris && isCaption(surface);
        if (filterDebris && ((isDebris(surface) && !caption) || !seen_.insert(surface).second))
            return;
        if (sentence.tokens.empty()) return;
        auto view = std::make_unique<SentenceView>(sentence, text);
        Analysis a;
        if (recognizer_) {
            auto names = recognizer_->recognize(sentence, lx_);
            detail::findMentions(lx_, *view, a, &names);
        } else {
            detail::findMentions(lx_, *view, a);
        }
        if (caption || (filterDebris && isHeadline(text, sentence)))
            a.facts.clear();
        else
            detail::findRelations(lx_, *view, a);
        for (auto& p : a.propositions) p.sentence = index;
        Item item{index, std::move(view), std::move(a), ""};
        item.date =
            sentenceDate(*item.view, doc_.published.empty() ? std::string() : doc_.published);
        items_.push_back(std::move(item));
    }

    Extraction finish() {
        possessiveOrganisations();
        organisationsOfCountries();
        resolveNames();
        resolveEntities();
        emit();
        return std::move(ex_);
    }

private:
    struct Item {
        uint32_t sentence;
        std::unique_ptr<SentenceView> view;
        Analysis a;
        std::string date;
    };

    // "China's Foreign Ministry" -> Chinese Foreign Ministry, part of China.
    void possessiveOrganisations() {
        for (auto& it : items_) {
            auto& ms = it.a.mentions;
            for (size_t i = 0; i < ms.size(); ++i) {
                const auto& c = ms[i];
                if (c.label != "Country" || c.demonym) continue;
                int p = c.last + 1;
                if (p + 1 >= it.view->size()) continue;
                auto pf = foldQuotes(it.view->form(p));
                if (pf != "'s") continue;
                int om = it.a.mentionAt[static_cast<size_t>(p + 1)];
                if (om < 0) continue;
                auto& o = ms[static_cast<size_t>(om)];
                if ((o.label != "Organization" && o.label != "Media") || o.role) continue;
                const auto* adj = lx_.countryAdjective(c.name);
                if (!adj) continue;
                if (o.label == "Organization" && !lx_.known(o.name) && o.name.find(*adj) != 0)
                    o.name = *adj + " " + o.name;
                detail::Fact f;
                f.subject.mention = om;
                f.subject.head = o.last;
                f.object.mention = static_cast<int>(i);
                f.object.head = c.last;
                f.predicate = o.label == "Media" ? "media_of" : "part_of";
                f.text = "'s";
                f.confidence = 0.7;
                it.a.facts.push_back(std::move(f));
            }
        }
    }

    // "Interior Ministry of the Republic of Kazakhstan": an organisation of a country.
    void organisationsOfCountries() {
        for (auto& it : items_) {
            auto& ms = it.a.mentions;
            size_t count = ms.size();
            for (size_t i = 0; i < count; ++i) {
                if (ms[i].label != "Organization" || ms[i].role) continue;
                for (int k = ms[i].first; k < ms[i].last; ++k) {
                    if (it.view->form(k) != "of") continue;
                    int b = k + 1;
                    if (b <= ms[i].last && it.view->form(b) == "the") ++b;
                    const auto* known = lx_.known(foldQuotes(it.view->span(b, ms[i].last)));
                    if (!known || known->label != "Country") continue;
                    // The recogniser's step may have added the country already.
                    int last = ms[i].last;
                    auto have = std::find_if(ms.begin(), ms.end(), [&](const detail::Mention& x) {
                        return x.first == b && x.last == last && x.label == "Country";
                    });
                    int country = have == ms.end() ? -1 : static_cast<int>(have - ms.begin());
                    detail::Mention c;
                    c.first = b;
                    c.last = ms[i].last;
                    c.text = foldQuotes(it.view->span(b, ms[i].last));
                    c.name = known->name;
                    c.label = "Country";
                    c.typed = true;
                    // One name for one body: "Interior Affairs Ministry of the Republic of X" is
                    // "Interior Ministry of X".
                    std::string prefix = foldQuotes(it.view->span(ms[i].first, k - 1));
                    auto affairs = prefix.find(" Affairs Ministry");
                    if (affairs != std::string::npos) prefix.erase(affairs, 8);
                    ms[i].name = prefix + " of " + known->name;
                    if (country < 0) {
                        ms.push_back(c);
                        country = static_cast<int>(ms.size() - 1);
                    }
                    detail::Fact f;
                    f.subject.mention = static_cast<int>(i);
                    f.subject.head = ms[i].last;
                    f.object.mention = country;
                    f.object.head = c.last;
                    f.predicate = "part_of";
                    f.text = "of";
                    f.confidence = 0.7;
                    it.a.facts.push_back(std::move(f));
                    break;
                }
            }
        }
    }

    void resolveNames() {
        // Acronyms defined in the text.
        std::map<std::string, std::string> acronyms;
        for (auto& it : items_)
            for (auto& [acr, full] : it.a.acronyms) acronyms.emplace(acr, full);
        // Full person names, in order of appearance; role holders.
        std::vector<std::string> people;
        std::map<std::string, std::string> typedLabel;
        std::map<std::pair<std::string, std::string>, std::string>
            roleHolder;  // (relation, body) -> person
        for (auto& it : items_) {
            for (auto& m : it.a.mentions) {
                if (m.role || m.anaphor) continue;
                auto a = acronyms.find(m.name);
                if (a != acronyms.end()) m.name = a->second;
                if (m.label == "Person" && m.typed && m.name.find(' ') != std::string::npos &&
                    std::find(people.begin(), people.end(), m.name) == people.end())
                    people.push_back(m.name);
            }
        }
        for (auto& it : items_) {
            for (auto& m : it.a.mentions) {
                if (m.role || m.anaphor || m.name.find(' ') != std::string::npos) continue;
                if (m.label != "Person" && m.typed && !m.learned) continue;
                // "Tokayev" / "Xi" / "Wang": the full name the document gave, the latest one first.
                std::string best;
                for (const auto& p : people) {
                    auto w = words(p);
                    if (w.front() == m.name || w.back() == m.name) {
                        best = p;
                        if (lastNamed_.count(p) && lastNamed_[p] <= it.sentence) break;
                    }
                }
                if (!best.empty()) {
                    m.name = best;
                    m.label = "Person";
                    m.typed = true;
                }
            }
            for (auto& m : it.a.mentions)
                if (m.label == "Person" && !m.role && !m.anaphor) lastNamed_[m.name] = it.sentence;
        }
        // One label per name: a typed label wins over a guess; among typed labels the one
        // most mentions have (the first seen on a tie), so "Tokayev" typed Organization once
        // and Person twice is one Person.
        std::map<std::string, std::vector<std::pair<std::string, int>>> votes;
        for (auto& it : items_)
            for (auto& m : it.a.mentions) {
                if (!m.typed || m.role || m.anaphor) continue;
                auto& v = votes[m.name];
                auto at = std::find_if(v.begin(), v.end(),
                                       [&](const auto& p) { return p.first == m.label; });
                if (at == v.end())
                    v.emplace_back(m.label, 1);
                else
                    ++at->second;
            }
        for (const auto& [name, v] : votes) {
            auto best = v.begin();
            for (auto p = v.begin(); p != v.end(); ++p)
                if (p->second > best->second) best = p;
            typedLabel.emplace(name, best->first);
        }
        for (auto& it : items_)
            for (auto& m : it.a.mentions) {
                auto t = typedLabel.find(m.name);
                if (!m.role && !m.anaphor && t != typedLabel.end()) m.label = t->second;
            }
        // Role facts found so far, to resolve "the Kazakh president" later.
        for (auto& it : items_)
            for (auto& f : it.a.facts) {
                if (f.subject.mention < 0 || f.object.mention < 0) continue;
                const auto& s = it.a.mentions[static_cast<size_t>(f.subject.mention)];
                const auto& o = it.a.mentions[static_cast<size_t>(f.object.mention)];
                if (s.label == "Person" && !s.role && !s.anaphor)
                    roleHolder.emplace(std::make_pair(f.predicate, o.name), s.name);
            }
        for (auto& it : items_)
            for (auto& m : it.a.mentions) {
                if (!m.role) continue;
                auto h = roleHolder.find({m.label, m.roleBody});
                if (h != roleHolder.end()) {
                    m.name = h->second;
                    m.label = "Person";
                    m.role = false;
                }
            }
    }

    // Entities for the names in document order, then coreference: each anaphor takes
    // its antecedent's entity (doc), or stays unresolved (-1). Every resolved mention
    // is recorded in Extraction::references.
    void resolveEntities() {
        for (auto& it : items_)
            for (size_t m = 0; m < it.a.mentions.size(); ++m) {
                const auto& mention = it.a.mentions[m];
                if (mention.role || mention.anaphor) continue;
                size_t e = entityOf(it, static_cast<int>(m));
                if (mention.demonym) continue;  // "Kazakh": an adjective, not a name
                ex_.references.push_back(
                    {e, it.sentence, ex_.entities[e].begin, ex_.entities[e].end, false});
            }
        std::vector<detail::CorefSentence> sentences;
        for (auto& it : items_) sentences.push_back({it.view.get(), &it.a});
        detail::resolveAnaphors(sentences);
        for (auto& it : items_)
            for (const auto& m : it.a.mentions)
                if (m.anaphor && m.doc >= 0)
                    ex_.references.push_back({static_cast<size_t>(m.doc), it.sentence,
                                              static_cast<uint32_t>(it.view->tok(m.first).begin),
                                              static_cast<uint32_t>(it.view->tok(m.last).end),
                                              true});
    }

    size_t entityOf(Item& it, int mention) {
        auto& m = it.a.mentions[static_cast<size_t>(mention)];
        if (m.doc >= 0) return static_cast<size_t>(m.doc);
        EntityMention e;
        e.text = m.text;
        e.name = m.name;
        e.label = m.label;
        e.sentence = it.sentence;
        e.begin = static_cast<uint32_t>(it.view->tok(m.first).begin);
        e.end = static_cast<uint32_t>(it.view->tok(m.last).end);
        m.doc = static_cast<int>(ex_.entities.size());
        ex_.entities.push_back(std::move(e));
        return static_cast<size_t>(m.doc);
    }

    // The entity of an argument; false when it cannot be resolved (a role nobody
    // holds, an unclear pronoun).
    bool resolve(Item& it, const detail::Arg& a, size_t& out) {
        if (a.mention >= 0) {
            const auto& m = it.a.mentions[static_cast<size_t>(a.mention)];
            if (m.role || (m.anaphor && m.doc < 0)) return false;  // no entity to attach to
            out = entityOf(it, a.mention);
            return true;
        }
        if (a.conceptName.empty()) return false;
        if (a.conceptName[0] == '@') {
            // he/she: only when the previous sentence named exactly one person, or this one
            // named exactly one before the pronoun.
            std::set<std::string> here;
            for (auto& m : it.a.mentions)
                if (m.label == "Person" && !m.role && m.last < a.head) here.insert(m.name);
            std::string who;
            if (here.size() == 1) {
                who = *here.begin();
            } else if (here.empty() && prevPeople_.size() == 1) {
                who = *prevPeople_.begin();
            }
            if (who.empty()) return false;
            EntityMention e;
            e.text = it.view->form(a.head);
            e.name = who;
            e.label = "Person";
            e.sentence = it.sentence;
            e.begin = static_cast<uint32_t>(it.view->tok(a.head).begin);
            e.end = static_cast<uint32_t>(it.view->tok(a.head).end);
            out = ex_.entities.size();
            ex_.entities.push_back(std::move(e));
            return true;
        }
        EntityMention e;
        e.text = a.head >= 0 ? it.view->form(a.head) : a.conceptName;
        e.name = a.conceptName;
        e.label = "Concept";
        e.sentence = it.sentence;
        if (a.head >= 0) {
            e.begin = static_cast<uint32_t>(it.view->tok(a.head).begin);
            e.end = static_cast<uint32_t>(it.view->tok(a.head).end);
        }
        out = ex_.entities.size();
        ex_.entities.push_back(std::move(e));
        return true;
    }

    void emit() {
        for (auto& it : items_) {
            for (size_t m = 0; m < it.a.mentions.size(); ++m)
                if (!it.a.mentions[m].role && !it.a.mentions[m].anaphor)
                    entityOf(it, static_cast<int>(m));
            std::set<std::tuple<size_t, std::string, size_t>> seen;
            for (auto& f : it.a.facts) {
                size_t s = 0, o = 0;
                if (!resolve(it, f.subject, s) || !resolve(it, f.object, o)) continue;
                const auto& se = ex_.entities[s];
                const auto& oe = ex_.entities[o];
                if (se.name == oe.name && se.label == oe.label) continue;
                if (se.label == "Concept" && oe.label == "Concept") continue;
                if (!seen.emplace(s, f.predicate, o).second) continue;
                ex_.facts.push_back(toFactMention(it, f, s, o));
            }
            for (auto& p : it.a.propositions) ex_.propositions.push_back(std::move(p));
            prevPeople_.clear();
            for (auto& m : it.a.mentions)
                if (m.label == "Person" && !m.role) prevPeople_.insert(m.name);
        }
    }

    // The rules' confidence, calibrated on the dev sets (docs/extraction.md, "Confidence"):
    // only facts of a vocabulary type keep 0.8 and more; a catch-all fact is often true
    // but vague, a fact with a Concept argument is often only partly right,
    // and a name whose label is a guess (no lexicon, cue or title typed it) often has
    // wrong boundaries ("Emeritus" as a body, "Iodine Nutrition" as a person).
    static double calibrated(double rule, const std::string& type, bool withConcept,
                             bool guessedName) {
        double c = rule;
        if (type == kCatchAll || guessedName) c = std::min(c, 0.75);
        if (withConcept) c -= 0.1;
        return std::clamp(c, 0.05, 0.99);
    }

    static bool guessed(const Item& it, const detail::Arg& a) {
        return a.mention >= 0 && !it.a.mentions[static_cast<size_t>(a.mention)].typed;
    }

    // One fact of a sentence as the Extraction reports it: typed by the relation
    // vocabulary (an inverse frame swaps the arguments), setting places and
    // phrases as properties, the speaker's canonical name.
    FactMention toFactMention(const Item& it, const detail::Fact& f, size_t s, size_t o) const {
        FactMention fm;
        auto c = classify(f.predicate);
        fm.type = c.type;
        fm.subject = c.inverse ? o : s;
        fm.object = c.inverse ? s : o;
        fm.predicate = f.predicate;
        fm.predicateText = f.text;
        fm.confidence =
            calibrated(f.confidence, fm.type,
                       ex_.entities[s].label == "Concept" || ex_.entities[o].label == "Concept",
                       guessed(it, f.subject) || guessed(it, f.object));
        fm.negated = f.negated;
        fm.modality = f.modality;
        fm.date = it.date;
        fm.sentence = it.sentence;
        fm.context = f.context;
        const auto& ms = it.a.mentions;
        if (f.place >= 0 && !ms[static_cast<size_t>(f.place)].role)
            fm.location = ms[static_cast<size_t>(f.place)].name;
        if (f.speaker >= 0 && !ms[static_cast<size_t>(f.speaker)].role)
            fm.attributedTo = ms[static_cast<size_t>(f.speaker)].name;
        if (fm.attributedTo == ex_.entities[fm.subject].name) fm.attributedTo.clear();  // own words
        return fm;
    }

    const Lexicon& lx_;
    const text::SourceDocument& doc_;
    const EntityRecognizer* recognizer_;
    Extraction ex_;
    std::vector<Item> items_;
    std::unordered_set<std::string> seen_;
    std::map<std::string, uint32_t> lastNamed_;
    std::set<std::string> prevPeople_;
};

}  // namespace

ParseExtractor::ParseExtractor(const std::string& modelDir)
    : pipeline_(nlp::Pipeline::load(modelDir)), lexicon_(Lexicon::load(modelDir + "/lexicons")) {
    std::string ner = modelDir + "/" + kEntityModelFile;
    if (std::filesystem::exists(ner)) recognizer_ = EntityRecognizer::load(ner);
}

ParseExtractor::ParseExtractor(std::shared_ptr<const nlp::Pipeline> pipeline, Lexicon lexicon,
                               std::shared_ptr<const EntityRecognizer> recognizer)
    : pipeline_(std::move(pipeline)),
      lexicon_(std::move(lexicon)),
      recognizer_(std::move(recognizer)) {}

ParseExtractor::~ParseExtractor() = default;

// Photo credits glued to a sentence ("...to Kazakhstan.(Photo: Xinhua)") are blanked
// out before parsing; the text keeps its length, so offsets still point into doc.text.
static std::string blankPhotoCredits(std::string text) {
    for (const char* mark : {"(Photo:", "(Photo :", "(PHOTO:"}) {
        size_t at = 0;
        while ((at = text.find(mark, at)) != std::string::npos) {
            size_t close = text.find(')', at);
            size_t eol = text.find('\n', at);
            if (close == std::string::npos || (eol != std::string::npos && eol < close)) {
                at += 1;
                continue;
            }
            for (size_t i = at; i <= close; ++i) text[i] = ' ';
            at = close + 1;
        }
    }
    return text;
}

Extraction ParseExtractor::extract(const text::SourceDocument& doc) const {
    if (!pipeline_) throw Error("ParseExtractor has no NLP pipeline", Error::Kind::Internal);
    return extractParsed(doc, pipeline_->annotate(blankPhotoCredits(doc.text)));
}

Extraction ParseExtractor::extractParsed(const text::SourceDocument& doc,
                                         const nlp::Document& parsed) const {
    DocumentBuilder b(lexicon_, doc, recognizer_.get());
    for (const auto& s : parsed.sentences) b.add(s, true);
    return b.finish();
}

Extraction ParseExtractor::extractLines(const text::SourceDocument& doc) const {
    if (!pipeline_) throw Error("ParseExtractor has no NLP pipeline", Error::Kind::Internal);
    DocumentBuilder b(lexicon_, doc, recognizer_.get());
    std::string_view text = doc.text;
    size_t pos = 0;
    std::vector<nlp::Sentence> sentences;
    while (pos < text.size()) {
        size_t eol = text.find('\n', pos);
        if (eol == std::string_view::npos) eol = text.size();
        nlp::Sentence s;
        s.begin = pos;
        s.end = eol;
        size_t p = pos;
        while (p < eol) {
            while (p < eol && (text[p] == ' ' || text[p] == '\t' || text[p] == '\r')) ++p;
            size_t q = p;
            while (q < eol && text[q] != ' ' && text[q] != '\t' && text[q] != '\r') ++q;
            if (q > p) {
                nlp::Token t;
                std::string f(text.substr(p, q - p));
                if (f == "-LRB-")
                    f = "(";
                else if (f == "-RRB-")
                    f = ")";
                else if (f == "-LSB-")
                    f = "[";
                else if (f == "-RSB-")
                    f = "]";
                else if (f == "``" || f == "''")
                    f = "\"";
                t.form = f;
                t.begin = p;
                t.end = q;
                s.tokens.push_back(std::move(t));
            }
            p = q;
        }
        if (!s.tokens.empty()) pipeline_->annotateTokens(s);
        sentences.push_back(std::move(s));
        pos = eol + 1;
    }
    for (const auto& s : sentences) b.add(s, false);
    return b.finish();
}

}  // namespace kgraph::extract
