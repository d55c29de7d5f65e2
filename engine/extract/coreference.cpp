#include "engine/extract/coreference.h"

#include <algorithm>
#include <string_view>

namespace kgraph::extract::detail {

namespace {

enum class Kind { None, Person, Thing, Plural, Place, Body, Country };

Kind pronounKind(std::string_view w) {
    for (auto p : {"he", "him", "his", "himself", "she", "her", "hers", "herself"})
        if (w == p) return Kind::Person;
    for (auto p : {"it", "its", "itself"})
        if (w == p) return Kind::Thing;
    for (auto p : {"they", "them", "their", "theirs", "themselves"})
        if (w == p) return Kind::Plural;
    return Kind::None;
}

// Nouns that, after "the", stand for an entity named before.
Kind descriptionKind(std::string_view w) {
    for (auto n : {"president", "minister", "leader", "chairman", "spokesman", "spokeswoman",
                   "spokesperson", "premier", "chancellor", "secretary", "senator", "governor",
                   "mayor", "ambassador", "director", "professor", "king", "queen", "prime"})
        if (w == n) return Kind::Person;
    for (auto n : {"country", "nation", "republic", "kingdom"})
        if (w == n) return Kind::Country;
    for (auto n : {"organization", "organisation", "bloc", "alliance", "company", "firm", "group",
                   "union", "party", "ministry", "agency", "institute", "university", "council",
                   "committee", "association", "corporation", "team", "club"})
        if (w == n) return Kind::Body;
    for (auto n : {"city", "capital", "region", "province", "town", "island", "state"})
        if (w == n) return Kind::Place;
    return Kind::None;
}

bool compatible(Kind k, const std::string& label) {
    switch (k) {
        case Kind::Person:
            return label == "Person";
        case Kind::Thing:
            return label == "Organization" || label == "Country" || label == "Location" ||
                   label == "Media" || label == "Event" || label == "Initiative";
        case Kind::Plural:
            return label == "Group" || label == "Organization" || label == "Country" ||
                   label == "Media";
        case Kind::Country:
            return label == "Country";
        case Kind::Body:
            return label == "Organization" || label == "Media";
        case Kind::Place:
            return label == "Location" || label == "Country";
        case Kind::None:
            return false;
    }
    return false;
}

const char* guessLabel(Kind k) {
    switch (k) {
        case Kind::Person:
            return "Person";
        case Kind::Country:
            return "Country";
        case Kind::Place:
            return "Location";
        case Kind::Plural:
            return "Group";
        default:
            return "Organization";
    }
}

Kind kindOf(const SentenceView& s, const Mention& m) {
    Kind k = pronounKind(s.lower(m.last));
    return k != Kind::None ? k : descriptionKind(s.lower(m.last));
}

// The mention's word whose head lies outside it ("Jon" of "Jon Berg", flat).
int headOf(const SentenceView& s, const Mention& m) {
    for (int t = m.first; t <= m.last; ++t) {
        int h = s.head(t);
        if (h < m.first || h > m.last) return t;
    }
    return m.last;
}

bool isSubject(const SentenceView& s, const Mention& m) { return s.rel(headOf(s, m)) == "nsubj"; }

}  // namespace

void findAnaphors(const SentenceView& s, Analysis& a) {
    auto add = [&](int first, int last, Kind k) {
        Mention m;
        m.first = first;
        m.last = last;
        m.text = foldQuotes(s.span(first, last));
        m.name = m.text;
        m.label = guessLabel(k);
        m.anaphor = true;
        int idx = static_cast<int>(a.mentions.size());
        for (int t = first; t <= last; ++t) a.mentionAt[static_cast<size_t>(t)] = idx;
        a.mentions.push_back(std::move(m));
    };
    for (int i = 0; i < s.size(); ++i) {
        if (a.mentionAt[static_cast<size_t>(i)] >= 0) continue;
        if (s.upos(i) != "PRON" && s.upos(i) != "NOUN") continue;  // cheap test first
        std::string w = s.lower(i);
        Kind pk = pronounKind(w);
        if (pk != Kind::None && s.upos(i) == "PRON" && s.rel(i) != "expl") {
            add(i, i, pk);
            continue;
        }
        Kind dk = descriptionKind(w);
        if (dk == Kind::None || s.upos(i) != "NOUN" || s.form(i) != w) continue;
        // "the president": "the" and adjectives only (no "of" phrase, no name, no compound).
        int det = -1;
        bool plain = true;
        for (int c : s.kids(i)) {
            auto r = s.rel(c);
            if (r == "det" && (s.lower(c) == "the") && c < i) {
                det = c;
            } else if (r == "amod" && c < i && s.upos(c) == "ADJ" && !isCapitalized(s.form(c))) {
            } else if (r == "case" || r == "punct") {
            } else {
                plain = false;
            }
        }
        if (det < 0 || !plain) continue;
        bool free = true;
        for (int t = det; t < i; ++t) free = free && a.mentionAt[static_cast<size_t>(t)] < 0;
        if (free) add(det, i, dk);
    }
}

void resolveAnaphors(std::vector<CorefSentence>& doc) {
    for (size_t si = 0; si < doc.size(); ++si) {
        const auto& s = *doc[si].view;
        auto& ms = doc[si].analysis->mentions;
        for (size_t mi = 0; mi < ms.size(); ++mi) {
            auto& m = ms[mi];
            if (!m.anaphor) continue;
            Kind k = kindOf(s, m);
            bool pronoun = pronounKind(s.lower(m.last)) != Kind::None;
            bool objectPronoun = pronoun && (s.rel(m.last) == "obj" || s.rel(m.last) == "iobj") &&
                                 s.lower(m.last).find("self") == std::string::npos;
            const Mention* best = nullptr;
            // "Tokayev thanked him": not Tokayev, here or in any earlier sentence.
            const Mention* forbidden = nullptr;  // the same entity: same (label, name)
            if (objectPronoun)
                for (const auto& c : ms)
                    if (c.doc >= 0 && !c.anaphor && c.last < m.first &&
                        s.head(headOf(s, c)) == s.head(m.last) && isSubject(s, c))
                        forbidden = &c;
            auto usable = [&](const Mention& c) {
                if (forbidden && c.name == forbidden->name && c.label == forbidden->label)
                    return false;
                return c.doc >= 0 && !c.role && !c.demonym && compatible(k, c.label);
            };
            // The same sentence, before the anaphor: the nearest subject, else the nearest.
            const Mention* nearest = nullptr;
            const Mention* subject = nullptr;
            for (const auto& c : ms) {
                if (&c == &m || c.last >= m.first || !usable(c)) continue;
                if (!nearest || c.last > nearest->last) nearest = &c;
                if (isSubject(s, c) && (!subject || c.last > subject->last)) subject = &c;
            }
            best = pronoun && subject ? subject : nearest;
            // Up to three sentences back: a sentence's subject first, then left to right.
            for (size_t back = 1; !best && back <= 3 && back <= si; ++back) {
                const auto& ps = *doc[si - back].view;
                const auto& pms = doc[si - back].analysis->mentions;
                const Mention* first = nullptr;
                const Mention* last = nullptr;
                for (const auto& c : pms) {
                    if (!usable(c)) continue;
                    if (isSubject(ps, c) && (!best || c.first < best->first)) best = &c;
                    if (!first || c.first < first->first) first = &c;
                    if (!last || c.last > last->last) last = &c;
                }
                // A description takes the most recent entity; a pronoun the subject, else the
                // first.
                if (!pronoun)
                    best = last;
                else if (!best)
                    best = first;
            }
            if (!best) continue;
            m.doc = best->doc;
            m.name = best->name;
            m.label = best->label;
        }
    }
}

}  // namespace kgraph::extract::detail
