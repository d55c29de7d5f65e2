// Entity mentions of one sentence: runs of capitalised name words (joined over
// "of"/"for"/"and" inside organisation names), split into demonyms, titles and
// the name they introduce; lower-case titles and appositions; acronyms defined
// in parentheses. Titles also give role facts ("Chinese President Xi Jinping"
// -> Xi Jinping president_of China).
#include <algorithm>

#include "engine/extract/analysis.h"
#include "engine/extract/coreference.h"

namespace kgraph::extract::detail {

namespace {

bool isMonthOrDay(std::string_view w) {
    if (w.size() > 1 && w.back() == '.') w.remove_suffix(1);  // "Jan."

    static const char* kWords[] = {
        "January",   "February", "March",     "April",    "May",    "June",     "July",  "August",
        "September", "October",  "November",  "December", "Jan",    "Feb",      "Mar",   "Apr",
        "Jun",       "Jul",      "Aug",       "Sep",      "Sept",   "Oct",      "Nov",   "Dec",
        "Monday",    "Tuesday",  "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
    for (const char* k : kWords)
        if (w == k) return true;
    return false;
}

bool isAllCaps(std::string_view w) {
    int letters = 0;
    for (char c : w) {
        if (c >= 'a' && c <= 'z') return false;
        if (c >= 'A' && c <= 'Z') ++letters;
    }
    return letters >= 2;
}

// Words that are capitalised in news text without naming anything.
bool isCapitalisedCommonWord(std::string_view w) {
    static const char* kWords[] = {"Photo", "Video",  "Source",   "Published", "Updated",
                                   "Read",  "Editor", "Note",     "Related",   "Share",
                                   "Click", "Follow", "Reporter", "Page"};
    for (const char* k : kWords)
        if (w == k) return true;
    return false;
}

class MentionFinder {
public:
    MentionFinder(const Lexicon& lx, const SentenceView& s, Analysis& a) : lx_(lx), s_(s), a_(a) {
        a_.mentionAt.assign(static_cast<size_t>(s.size()), -1);
    }

    void run(const std::vector<NamedSpan>* names) {
        int n = s_.size();
        if (!names) {
            for (int i = 0; i < n; ++i) {
                if (!isNameWord(i)) continue;
                int end = extendRun(i);
                handleRun(i, end);
                i = end;
            }
        } else {
            // The capitalised runs give the spans (they know titles, "of" joins and the
            // lexicons); the recogniser types them and decides which runs are names: a run
            // it marks nowhere is kept only when a lexicon vouches for it or, outside a
            // headline, it is all proper nouns.
            bool headline = titleCase();
            for (int i = 0; i < n; ++i) {
                if (!isNameWord(i)) continue;
                int end = extendRun(i);
                if (headline) {
                    // Title Case alone makes no entity: in a headline only the names a
                    // lexicon knows ("China Supports Kazakhstan" -> China, Kazakhstan).
                    for (int k = i; k <= end; ++k) {
                        for (int e = end; e >= k; --e) {
                            if (!lx_.known(foldQuotes(s_.span(k, e))) &&
                                !(k == e && lx_.demonymCountry(s_.form(k))))
                                continue;
                            handleRun(k, e);
                            k = e;
                            break;
                        }
                    }
                    i = end;
                    continue;
                }
                // A lone capitalised adjective or adjectival modifier ("Communist",
                // "Western", "Islamist extremist groups") names nothing unless a lexicon
                // knows it (a demonym).
                if (i == end &&
                    (s_.upos(i) == "ADJ" || s_.tok(i).xpos == "JJ" || s_.rel(i) == "amod") &&
                    !vouched(i, end))
                    continue;
                const NameClass* cls = nullptr;
                for (const auto& name : *names)
                    if (name.first <= end && name.last >= i) cls = &name.cls;
                if (cls || vouched(i, end) || properNouns(i, end)) {
                    spanClass_ = cls;
                    spanLast_ = end;
                    handleRun(i, end);
                    spanClass_ = nullptr;
                    if (cls) innerKnownNames(i, end);
                }
                i = end;
            }
        }
        findAppositionTitles();
        findAnaphors(s_, a_);
    }

private:
    std::string form(int i) const { return foldQuotes(s_.form(i)); }

    // A known place or body named inside a longer name after "of"/"in" ("University of
    // Copenhagen", "Emperor of the United States") is a mention of its own too; the
    // words stay with the longer name for the relations.
    void innerKnownNames(int first, int last) {
        for (int k = first + 1; k < last; ++k) {
            if (s_.form(k) != "of" && s_.form(k) != "in") continue;
            int b = k + 1;
            if (b <= last && s_.form(b) == "the") ++b;
            for (int e = last; e >= b; --e) {
                const auto* known = lx_.known(foldQuotes(s_.span(b, e)));
                if (!known) continue;
                Mention m;
                m.first = b;
                m.last = e;
                m.text = foldQuotes(s_.span(b, e));
                m.name = known->name;
                m.label = known->label;
                m.typed = true;
                a_.mentions.push_back(std::move(m));
                k = e;
                break;
            }
        }
    }

    // Proper nouns the recogniser left out, outside headlines (Title Case sentences,
    // where capitals say nothing): "Eton", "Reagan".
    bool properNouns(int first, int last) const {
        if (titleCase()) return false;
        // One word modifying a common noun ("Islamist extremist groups", "Soviet nation"):
        // an adjective in all but its tag, unless the recogniser says otherwise.
        if (first == last && (s_.rel(first) == "compound" || s_.rel(first) == "amod")) {
            int h = s_.head(first);
            if (h > first && !isCapitalized(s_.form(h))) return false;
        }
        for (int k = first; k <= last; ++k)
            if (s_.upos(k) != "PROPN" || isCapitalisedCommonWord(s_.form(k))) return false;
        return true;
    }

    // No full stop at the end, most words of four letters or more capitalised, and one
    // of them a common word written with a capital ("China Supports Kazakhstan"): a
    // headline. A line that is only names ("Lotte Wilms") is not one.
    bool titleCase() const {
        if (titleCase_ < 0) {
            int alpha = 0, capital = 0, commonCapital = 0;
            for (int k = 0; k < s_.size(); ++k) {
                const auto& w = s_.form(k);
                if (w.size() < 4 || !std::all_of(w.begin(), w.end(), [](char c) {
                        return std::isalpha(static_cast<unsigned char>(c));
                    }))
                    continue;
                ++alpha;
                if (!isCapitalized(w)) continue;
                ++capital;
                const auto& u = s_.upos(k);
                commonCapital += k > 0 && (u == "VERB" || u == "NOUN" || u == "ADJ" || u == "ADV");
            }
            // Headlines do not end with a full stop.
            int last = s_.size() - 1;
            while (last > 0 && (s_.form(last) == "\"" || s_.form(last) == ")")) --last;
            bool stop =
                last >= 0 && (s_.form(last) == "." || s_.form(last) == "!" || s_.form(last) == "?");
            titleCase_ =
                !stop && alpha >= 3 && capital * 4 >= alpha * 3 && commonCapital > 0 ? 1 : 0;
        }
        return titleCase_ == 1;
    }

    // A run outside the recogniser's names is kept only when a lexicon knows a word
    // of it: a known name, a demonym, a title ("President").
    bool vouched(int first, int last) const {
        if (lx_.known(foldQuotes(s_.span(first, last)))) return true;
        for (int k = first; k <= last; ++k)
            if (lx_.known(form(k)) || lx_.demonymCountry(s_.form(k)) || lx_.title(s_.lower(k)))
                return true;
        return false;
    }

    bool isNameWord(int i) const {
        if (i < 0 || i >= s_.size()) return false;
        const auto& w = s_.form(i);
        if (!isCapitalized(w) || isMonthOrDay(w) || isCapitalisedCommonWord(w)) return false;
        const auto& u = s_.upos(i);
        if (u == "DET" || u == "PRON" || u == "ADP" || u == "CCONJ" || u == "SCONJ" || u == "AUX" ||
            u == "PART" || u == "PUNCT" || u == "SYM" || u == "INTJ" || u == "NUM")
            return lx_.known(form(i)) != nullptr;
        if (u == "ADV" || u == "VERB") {
            if (lx_.known(form(i)) || lx_.demonymCountry(w)) return true;
            if (u == "VERB" && i > 0 && isCapitalized(s_.form(i - 1)) && s_.upos(i - 1) == "PROPN")
                return true;
            return false;
        }
        if (i == 0 || s_.form(i - 1) == "\"" || s_.form(i - 1) == "“") {
            // Sentence-initial: only proper nouns and known words.
            return u == "PROPN" || lx_.known(form(i)) || lx_.demonymCountry(w) ||
                   lx_.startsPersonName(w) || isAllCaps(w);
        }
        return true;
    }

    bool hasCue(int first, int last) const {
        for (int k = first; k <= last; ++k) {
            if (lx_.cue(s_.form(k)) || lx_.title(s_.lower(k))) return true;
            if (s_.form(k) == "Republic" || s_.form(k) == "Kingdom" || s_.form(k) == "President")
                return true;
        }
        return false;
    }

    // The last token of the run of name words starting at i, joined over
    // "of"/"for" (+ "the") when the left part is an organisation or title,
    // and over "and" / "," inside such an "of" tail when the tail ends in a cue word.
    int extendRun(int i) const {
        int n = s_.size();
        int end = i;
        // "US-dominated NATO": a name with a lower-case hyphen suffix stands alone.
        auto hyphenSuffix = [&](int t) {
            auto dash = s_.form(t).find('-');
            return dash != std::string::npos && dash + 1 < s_.form(t).size() &&
                   !isCapitalized(s_.form(t).substr(dash + 1));
        };
        if (hyphenSuffix(i)) return i;
        while (end + 1 < n && isNameWord(end + 1) && !hyphenSuffix(end + 1)) ++end;
        // Hyphen-joined tokens ("Nur" "-" "Sultan") written without spaces.
        while (end + 2 < n && !s_.tok(end).spaceAfter && s_.form(end + 1) == "-" &&
               isNameWord(end + 2)) {
            end += 2;
            while (end + 1 < n && isNameWord(end + 1)) ++end;
        }
        // Hyphenated given names with a lower-case second part ("Cheng Chung-tai", "Kwok
        // Ka-ki"), written without spaces; a verb or adjective there is a modifier instead
        // ("US-led", "Beijing-based").
        if (end > i && end + 2 < n && !s_.tok(end).spaceAfter && s_.form(end + 1) == "-" &&
            !s_.tok(end + 1).spaceAfter) {
            const auto& w = s_.form(end + 2);
            const auto& u = s_.upos(end + 2);
            bool lower = !w.empty() && w.size() <= 4 && std::all_of(w.begin(), w.end(), [](char c) {
                return c >= 'a' && c <= 'z';
            });
            if (lower && (u == "PROPN" || u == "NUM" || u == "X")) end += 2;
        }
        int j = end + 1;
        // "Belt and Road Initiative": a single word joined by "and" to a name ending in a cue word.
        if (j + 1 < n && s_.form(j) == "and" && end == i && !lx_.known(form(i)) &&
            !lx_.demonymCountry(s_.form(i)) && !hasCue(i, end) && isNameWord(j + 1)) {
            int e2 = j + 1;
            while (e2 + 1 < n && isNameWord(e2 + 1)) ++e2;
            const auto* c = lx_.cue(s_.form(e2));
            if (c && !lx_.known(form(j + 1))) return e2;
        }
        if (j < n && (s_.form(j) == "of" || s_.form(j) == "for") && hasCue(i, end)) {
            int k = j + 1;
            if (k < n && s_.form(k) == "the") ++k;
            if (isNameWord(k)) {
                int tailEnd = tailOfName(k);
                bool rightIsOrg = false;
                for (int t = k; t <= tailEnd; ++t) {
                    const auto* c = lx_.cue(s_.form(t));
                    if (c && *c != "Location") rightIsOrg = true;
                }
                const auto* rightKnown = lx_.known(form(k));
                bool rightIsCountry = rightKnown && rightKnown->label == "Country";
                bool leftIsTitle = lx_.title(s_.lower(end)) != nullptr;
                // "Center for X of the Y University": the second organisation stays apart;
                // "Ministry of the Republic of Kazakhstan" and "President of Kazakhstan" join.
                if (!(rightIsOrg && s_.form(j + 1) == "the" && !rightIsCountry) || leftIsTitle) {
                    if (rightIsCountry && !hasCue(i, end - 0) && !leftIsTitle) return end;
                    return extendRunFrom(tailEnd);
                }
            }
        }
        return end;
    }

    int extendRunFrom(int end) const {
        int n = s_.size();
        int j = end + 1;
        if (j < n && (s_.form(j) == "of" || s_.form(j) == "for") && hasCue(end, end)) {
            int k = j + 1;
            if (k < n && s_.form(k) == "the") ++k;
            if (isNameWord(k)) return extendRunFrom(tailOfName(k));
        }
        return end;
    }

    // From k (a name word after "of"), the end of the name tail: name words,
    // with "and" and "," allowed when what follows still ends in a cue word.
    int tailOfName(int k) const {
        int n = s_.size();
        int end = k;
        while (end + 1 < n && isNameWord(end + 1)) ++end;
        int j = end + 1;
        while (j + 1 < n && (s_.form(j) == "and" || s_.form(j) == ",") && isNameWord(j + 1)) {
            int e2 = j + 1;
            while (e2 + 1 < n && isNameWord(e2 + 1)) ++e2;
            bool endsInCue = lx_.cue(s_.form(e2)) != nullptr;
            bool knownBoth = lx_.known(form(end)) || lx_.known(form(j + 1));
            if (s_.form(j) == "," && !endsInCue) {
                // "Russian, Eastern European and Central Asian Studies": a comma list
                // joins only if a later "and" conjunct ends in a cue word.
                int t = e2 + 1;
                bool ok = false;
                while (t + 1 < n && (s_.form(t) == "," || s_.form(t) == "and") &&
                       isNameWord(t + 1)) {
                    int e3 = t + 1;
                    while (e3 + 1 < n && isNameWord(e3 + 1)) ++e3;
                    if (lx_.cue(s_.form(e3))) ok = true;
                    t = e3 + 1;
                }
                if (!ok) break;
            } else if (!endsInCue && knownBoth) {
                break;
            }
            end = e2;
            j = end + 1;
        }
        return end;
    }

    // Longest title phrase starting at token k within [k, last]; returns its length (0 if none).
    int titleAt(int k, int last, const Title** out) const {
        int best = 0;
        std::string phrase;
        for (int len = 1; len <= static_cast<int>(lx_.maxTitleWords()) && k + len - 1 <= last;
             ++len) {
            if (len > 1) phrase += ' ';
            phrase += s_.lower(k + len - 1);
            if (const auto* t = lx_.title(phrase)) {
                best = len;
                *out = t;
            }
        }
        return best;
    }

    int addMention(int first, int last, std::string name, std::string label, bool typed) {
        Mention m;
        m.first = first;
        m.last = last;
        m.text = foldQuotes(s_.span(first, last));
        m.name = std::move(name);
        m.label = std::move(label);
        m.typed = typed;
        int idx = static_cast<int>(a_.mentions.size());
        for (int k = first; k <= last; ++k) a_.mentionAt[static_cast<size_t>(k)] = idx;
        a_.mentions.push_back(std::move(m));
        return idx;
    }

    void addRole(int person, int body, const std::string& relation, const std::string& text,
                 double conf) {
        if (person < 0 || body < 0 || relation.empty()) return;
        Fact f;
        f.subject.mention = person;
        f.subject.head = a_.mentions[static_cast<size_t>(person)].last;
        f.object.mention = body;
        f.object.head = a_.mentions[static_cast<size_t>(body)].last;
        f.predicate = relation;
        f.text = text;
        f.confidence = conf;
        a_.facts.push_back(std::move(f));
    }

    // Name and label of a plain name span (no title inside).
    int typedMention(int first, int last, bool personContext) {
        std::string text = foldQuotes(s_.span(first, last));
        if (const auto* k = lx_.known(text))
            return addMention(first, last, k->name, k->label, true);
        if (first == last) {
            if (const auto* c = lx_.demonymCountry(s_.form(first))) {
                // "Kazakhs": the people, a Group.
                const auto* adj = lx_.countryAdjective(*c);
                if (adj && *adj != s_.form(first) && s_.form(first).back() == 's' &&
                    s_.upos(first) != "ADJ")
                    return addMention(first, last, s_.form(first), "Group", true);
                int m = addMention(first, last, *c, "Country", true);
                a_.mentions[static_cast<size_t>(m)].demonym = true;
                return m;
            }
        }
        // "US-led": the known part before the hyphen.
        if (first == last) {
            auto dash = text.find('-');
            if (dash != std::string::npos && dash > 0) {
                if (const auto* k = lx_.known(text.substr(0, dash)))
                    return addMention(first, last, k->name, k->label, true);
                return -1;
            }
        }
        if (personContext) return addMention(first, last, text, "Person", true);
        for (int k = last; k >= first; --k) {
            if (const auto* c = lx_.cue(s_.form(k))) return addMention(first, last, text, *c, true);
        }
        if (spanClass_ && last == spanLast_) {
            // "Kazinform reported": the subject of a reporting verb is a news outlet.
            int h = s_.head(last);
            if (first == last && h >= 0 && s_.rel(first) == "nsubj" &&
                (s_.lemma(h) == "report" || s_.lemma(h) == "cite" || s_.lemma(h) == "quote" ||
                 s_.lemma(h) == "publish" || s_.lemma(h) == "broadcast"))
                return addMention(first, last, text, "Media", true);
            // The recogniser's class, for the name part of its span: learned, so it counts
            // as typed (it wins over a rule's guess for the same name in the document).
            static const char* kLabels[] = {"Person", "Organization", "Location", "Event",
                                            "Concept"};
            int at = addMention(first, last, text, kLabels[static_cast<int>(*spanClass_)], true);
            a_.mentions[static_cast<size_t>(at)].learned = true;
            return at;
        }
        // Two-word cues ("Middle East") and lower-case place words are rare enough to skip.
        if (lx_.startsPersonName(s_.form(first)) && last > first)
            return addMention(first, last, text, "Person", true);
        if (isAllCaps(text) && first == last)
            return addMention(first, last, text, "Organization", false);
        // "NGOs": an abbreviation in the plural.
        if (first == last && text.size() > 2 && isCapitalized(text.substr(1, 1)))
            return addMention(first, last, text, "Organization", false);
        // "Uyghur Muslims", "Uyghurs": people named in the plural.
        const auto& lastX = s_.tok(last).xpos;
        if ((lastX == "NNPS" || lastX == "NNS") && s_.form(last).back() == 's')
            return addMention(first, last, text, "Group", false);
        bool allPropn = true;
        for (int k = first; k <= last; ++k) allPropn = allPropn && s_.upos(k) == "PROPN";
        if (last > first && last - first <= 2 && allPropn)
            return addMention(first, last, text, "Person", false);
        if (first == last) {
            int h = s_.head(first);
            // "Kazinform reported": the subject of a reporting verb is a news outlet.
            if (h >= 0 && s_.rel(first) == "nsubj" &&
                (s_.lemma(h) == "report" || s_.lemma(h) == "cite" || s_.lemma(h) == "quote" ||
                 s_.lemma(h) == "publish" || s_.lemma(h) == "broadcast"))
                return addMention(first, last, text, "Media", true);
            int c = s_.child(first, "case");
            std::string prep = c >= 0 ? s_.lower(c) : "";
            if (prep == "in" || prep == "at" || prep == "near" || prep == "from" || prep == "to" ||
                prep == "across")
                return addMention(first, last, text, "Location", false);
            (void)h;
        }
        return addMention(first, last, text, last > first ? "Organization" : "Person", false);
    }

    void handleRun(int first, int last) {
        int n = s_.size();
        // Lower-case place words after a name: "Almaty region", "Almaty city".
        if (last + 1 < n) {
            std::string w = s_.lower(last + 1);
            if (s_.form(last + 1) == w &&
                (w == "region" || w == "district" || w == "province" || w == "county" ||
                 w == "prefecture" || w == "city" || w == "oblast")) {
                const auto* k = lx_.known(foldQuotes(s_.span(first, last)));
                bool demonym = first == last && lx_.demonymCountry(s_.form(first));
                if (!(k && k->label == "Country") && !demonym) {
                    std::string name = foldQuotes(s_.span(first, last));
                    if (w == "city" ||
                        (k && k->label == "Location" && !lx_.placeCountry(k->name))) {
                        // "Almaty city" is Almaty; "Xinjiang region" is the region Xinjiang.
                        if (k) name = k->name;
                    } else {
                        name += " " + s_.form(last + 1);
                    }
                    addMention(first, last + 1, name, "Location", true);
                    return;
                }
            }
        }
        // Demonyms, titles and bodies in front of a name.
        std::vector<int> bodies;                                   // body mentions for the title(s)
        std::vector<std::pair<const Title*, std::string>> titles;  // title, its words
        int k = first;
        while (k <= last) {
            const Title* t = nullptr;
            int len = titleAt(k, last, &t);
            if (len > 0) {
                titles.emplace_back(t, s_.span(k, k + len - 1));
                k += len;
                // "President of Kazakhstan Nursultan Nazarbayev"
                if (k <= last && s_.form(k) == "of") {
                    int b = k + 1;
                    if (b <= last && s_.form(b) == "the") ++b;
                    int best = -1;
                    for (int e = last; e >= b; --e)
                        if (lx_.known(foldQuotes(s_.span(b, e)))) {
                            best = e;
                            break;
                        }
                    if (best < 0) best = b;
                    if (best <= last) {
                        bodies.push_back(typedMention(b, best, false));
                        k = best + 1;
                    }
                }
                continue;
            }
            if (!titles.empty()) break;  // the name after the title(s)
            // Before any title: demonyms or a body name ("Russian International Affairs Council").
            int titleStart = -1;
            for (int t2 = k + 1; t2 <= last && titleStart < 0; ++t2) {
                const Title* tt = nullptr;
                if (titleAt(t2, last, &tt) > 0) titleStart = t2;
            }
            if (titleStart < 0) {
                // "Kazakh Tokayev": a demonym in front of a name that is not itself an
                // organisation ("Chinese Academy of Sciences") is the country.
                bool cueAfter = false;
                for (int q = k + 1; q <= last; ++q)
                    cueAfter = cueAfter || lx_.cue(s_.form(q)) != nullptr;
                if (k < last && lx_.demonymCountry(s_.form(k)) && !cueAfter &&
                    !lx_.known(foldQuotes(s_.span(k, last)))) {
                    bodies.push_back(typedMention(k, k, false));
                    ++k;
                }
                break;
            }
            // Split the prefix into demonym words and one body name.
            int b = k;
            while (b < titleStart && lx_.demonymCountry(s_.form(b)) && b + 1 < titleStart &&
                   !lx_.cue(s_.form(titleStart - 1))) {
                bodies.push_back(typedMention(b, b, false));
                ++b;
            }
            if (b < titleStart) bodies.push_back(typedMention(b, titleStart - 1, false));
            k = titleStart;
        }
        int person = -1;
        if (k <= last) {
            bool personContext = !titles.empty();
            person = typedMention(k, last, personContext);
        }
        bodies.erase(std::remove(bodies.begin(), bodies.end(), -1), bodies.end());
        // A body right before the run: "China's Foreign Ministry spokesman", "Council director
        // Kortunov" (the body is its own run) — and lower-case titles before the run.
        int before = first - 1;
        if (titles.empty() && before >= 0) {
            for (int len = static_cast<int>(lx_.maxTitleWords()); len >= 1; --len) {
                int ts = first - len;
                if (ts < 0) continue;
                const Title* t = nullptr;
                if (titleAt(ts, first - 1, &t) == len) {
                    titles.emplace_back(t, s_.span(ts, first - 1));
                    before = ts - 1;
                    if (person < 0) person = a_.mentionAt[static_cast<size_t>(first)];
                    if (person >= 0) {
                        auto& pm = a_.mentions[static_cast<size_t>(person)];
                        if (!pm.typed || pm.label != "Person") {
                            pm.label = "Person";
                            pm.typed = true;
                        }
                    }
                    break;
                }
            }
            if (!titles.empty() && bodies.empty()) {
                int b = before;
                if (b >= 0 && (s_.form(b) == "'s" || s_.form(b) == "’s" || s_.form(b) == "'")) --b;
                if (b >= 0 && a_.mentionAt[static_cast<size_t>(b)] >= 0) {
                    // "Center of X Studies at the Shanghai Academy ... director Pan Guang": the
                    // first organisation of an "at/of the" chain.
                    int body = a_.mentionAt[static_cast<size_t>(b)];
                    while (true) {
                        int f = a_.mentions[static_cast<size_t>(body)].first;
                        int q = f - 1;
                        if (q >= 0 && s_.lower(q) == "the") --q;
                        if (q < 1 || (s_.form(q) != "at" && s_.form(q) != "of")) break;
                        int prev = a_.mentionAt[static_cast<size_t>(q - 1)];
                        if (prev < 0 || a_.mentions[static_cast<size_t>(prev)].label == "Person")
                            break;
                        body = prev;
                    }
                    bodies.push_back(body);
                } else if (b >= 0 && (s_.lower(b) == "his" || s_.lower(b) == "her")) {
                    // "his spokesperson Aidos Ukibai": the person named last before.
                    for (int q = b - 1; q >= 0; --q) {
                        int m = a_.mentionAt[static_cast<size_t>(q)];
                        if (m >= 0 && a_.mentions[static_cast<size_t>(m)].label == "Person") {
                            bodies.push_back(m);
                            break;
                        }
                    }
                }
            }
        }
        if (person < 0) {
            // A title without a name: "the Kazakh president", "President of Kazakhstan".
            if (!titles.empty() && titles.back().first && !titles.back().first->relation.empty()) {
                int rm = addMention(first, last, titles.back().second, "Role", false);
                auto& m = a_.mentions[static_cast<size_t>(rm)];
                m.role = true;
                m.label = titles.back().first->relation;
                if (!bodies.empty())
                    m.roleBody = a_.mentions[static_cast<size_t>(bodies.back())].name;
                pendingTitles_ = titles;
                pendingBodies_ = bodies;
                pendingEnd_ = last;
            }
            return;
        }
        // "Deputy Prime Minister and Foreign Minister X": titles of the run before "and".
        if (pendingEnd_ >= 0 && pendingEnd_ + 2 == first && s_.form(pendingEnd_ + 1) == "and") {
            for (const auto& t : pendingTitles_) {
                for (int b : pendingBodies_) addRole(person, b, t.first->relation, t.second, 0.8);
                if (pendingBodies_.empty()) {
                    for (int b : bodies) addRole(person, b, t.first->relation, t.second, 0.8);
                }
            }
        }
        pendingEnd_ = -1;
        // The title words stand for the person in the tree ("the First President of X Y is ...").
        for (int q = first; q < a_.mentions[static_cast<size_t>(person)].first; ++q)
            if (a_.mentionAt[static_cast<size_t>(q)] < 0)
                a_.mentionAt[static_cast<size_t>(q)] = person;
        for (const auto& t : titles) {
            if (!t.first || t.first->relation.empty()) continue;
            for (int b : bodies) {
                if (b == person) continue;
                addRole(person, b, t.first->relation, t.second, 0.9);
            }
            if (bodies.empty()) roleWithoutBody_.push_back({person, t.first});
        }
        // "research fellow Yang Jin at the Institute ..."
        int j = a_.mentions[static_cast<size_t>(person)].last + 1;
        if (bodies.empty() && !titles.empty() && j + 1 < n) {
            const Title* t = titles.back().first;
            if (t && !t->relation.empty() &&
                (s_.form(j) == "at" || s_.form(j) == "of" || s_.form(j) == "from")) {
                titleBodyAfter_.push_back({person, t, j});
            }
        }
        // Acronym defined in parentheses: "Collective Security Treaty Organization (CSTO)".
        if (last + 3 < n && s_.form(last + 1) == "(" && s_.form(last + 3) == ")" &&
            isAllCaps(s_.form(last + 2))) {
            auto& full = a_.mentions[static_cast<size_t>(person)];
            if (full.last - full.first >= 1) {
                a_.acronyms.emplace_back(s_.form(last + 2), full.name);
                addMention(last + 2, last + 2, full.name, full.label, full.typed);
            }
        }
    }

    // Titles in apposition: "Zhu Yongbiao, a professor from the Research Center ...",
    // and a title before a name whose body follows ("research fellow X at the Institute").
    void findAppositionTitles() {
        int n = s_.size();
        for (size_t p = 0; p < a_.mentions.size(); ++p) {
            auto& m = a_.mentions[p];
            if (m.role || m.label != "Person" || m.last + 3 >= n) continue;
            int j = m.last + 1;
            if (s_.form(j) != ",") continue;
            ++j;
            if (s_.lower(j) == "a" || s_.lower(j) == "an" || s_.lower(j) == "the") ++j;
            // Skip adjectives before the title ("senior", "associate").
            const Title* t = nullptr;
            int len = 0;
            for (int skip = 0; skip < 3 && j + skip < n && len == 0; ++skip) {
                len = titleAt(j + skip, n - 1, &t);
                if (len > 0) j += skip;
            }
            if (len == 0 || !t || t->relation.empty()) continue;
            int q = j + len;
            if (q < n && a_.mentionAt[static_cast<size_t>(q)] < 0 &&
                (s_.form(q) == "of" || s_.form(q) == "at" || s_.form(q) == "from" ||
                 s_.form(q) == "with" || s_.form(q) == "to")) {
                int b = q + 1;
                if (b < n && s_.lower(b) == "the") ++b;
                if (b < n && a_.mentionAt[static_cast<size_t>(b)] >= 0) {
                    if (m.typed == false) m.typed = true;
                    addRole(static_cast<int>(p), a_.mentionAt[static_cast<size_t>(b)], t->relation,
                            s_.span(j, j + len - 1), 0.8);
                }
            }
        }
        for (const auto& [person, t, j] : titleBodyAfter_) {
            int b = j + 1;
            if (b < n && s_.lower(b) == "the") ++b;
            if (b < n && a_.mentionAt[static_cast<size_t>(b)] >= 0) {
                addRole(person, a_.mentionAt[static_cast<size_t>(b)], t->relation, t->relation,
                        0.8);
            }
        }
    }

    const Lexicon& lx_;
    const SentenceView& s_;
    Analysis& a_;
    mutable int titleCase_ = -1;
    const NameClass* spanClass_ = nullptr;  // the recogniser's class of the run being handled
    int spanLast_ = -1;
    std::vector<std::pair<const Title*, std::string>> pendingTitles_;
    std::vector<int> pendingBodies_;
    int pendingEnd_ = -1;
    std::vector<std::pair<int, const Title*>> roleWithoutBody_;
    struct After {
        int person;
        const Title* title;
        int at;
    };
    std::vector<After> titleBodyAfter_;
};

}  // namespace

void findMentions(const Lexicon& lx, const SentenceView& s, Analysis& a,
                  const std::vector<NamedSpan>* names) {
    MentionFinder(lx, s, a).run(names);
}

}  // namespace kgraph::extract::detail
