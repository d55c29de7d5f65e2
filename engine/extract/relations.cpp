// Relations of one sentence over its UD tree: verbal clauses (active, passive
// with a "by" agent, prepositional objects folded into the predicate, xcomp
// chains, shared subjects of coordinated verbs, relative clauses), light-verb
// and nominal constructions, copular clauses with a relational noun, noun
// phrase facts (part of, located in, membership), with negation, modality and
// the reporting speaker. Also the Open IE tuples of every clause.
#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "engine/extract/analysis.h"
#include "engine/extract/relation_vocabulary.h"

namespace kgraph::extract::detail {

namespace {

bool in(std::string_view w, std::initializer_list<std::string_view> set) {
    return std::find(set.begin(), set.end(), w) != set.end();
}

// Light verbs whose noun object folds into the predicate before a named target. Narrower
// than the vocabulary's list (isLightVerbLemma), which also reads folded predicates: the
// extra verbs (get, place, carry, reach, ...) cost precision on Re-DocRED dev when folded.
bool isLightVerb(std::string_view lemma) {
    return in(lemma, {"send",    "give",   "make",    "take",   "have",    "express", "offer",
                      "provide", "pay",    "hold",    "extend", "lodge",   "show",    "issue",
                      "deliver", "launch", "conduct", "file",   "sign",    "declare", "seek",
                      "impose",  "lift",   "voice",   "convey", "receive", "pledge",  "promise"});
}

bool isSpeechVerb(std::string_view lemma) {
    return in(lemma,
              {"say",    "tell",     "add",     "note",      "stress",    "report", "claim",
               "state",  "announce", "believe", "explain",   "argue",     "warn",   "insist",
               "reveal", "tweet",    "write",   "emphasize", "emphasise", "point",  "told",
               "accuse", "allege",   "assert",  "declare",   "think",     "urge",   "suggest"});
}

// Verbs whose clausal complement the subject does not perform: a speaker
// describing, an opposer rejecting or preventing, a failure ("rejects any attempt
// to disrupt", "described as seeking to destabilise", "refused to send").
bool blocksSubject(std::string_view lemma) {
    return in(lemma, {"reject",   "oppose",   "deny",     "condemn", "criticize", "criticise",
                      "denounce", "accuse",   "describe", "call",    "label",     "brand",
                      "refuse",   "fail",     "decline",  "prevent", "stop",      "block",
                      "forbid",   "prohibit", "ban",      "warn",    "allege",    "claim",
                      "fear",     "avoid",    "resist",   "blame",   "dismiss",   "slam",
                      "deplore",  "rule",     "refute",   "doubt",   "question",  "regret"});
}

// Verbs whose "of"/"for" complement names what the object did, as the subject
// says: "accused X of seeking", "blamed X for causing".
bool isAccusation(std::string_view lemma) {
    return in(lemma, {"accuse", "blame", "charge", "suspect", "condemn", "criticize", "criticise",
                      "denounce", "slam", "fault", "indict", "convict"});
}

// Governors whose complement is only intended, planned or possible: the fact is
// hedged by the governor ("plans to visit", "is ready to help").
bool isIntent(std::string_view lemma) {
    return in(lemma, {"plan",    "intend",     "hope",    "want",      "seek",     "try",
                      "aim",     "threaten",   "promise", "vow",       "pledge",   "expect",
                      "prepare", "offer",      "agree",   "decide",    "attempt",  "wish",
                      "propose", "consider",   "ready",   "willing",   "able",     "prepared",
                      "eager",   "determined", "likely",  "unlikely",  "set",      "urge",
                      "ask",     "request",    "invite",  "encourage", "order",    "push",
                      "need",    "would",      "wait",    "struggle",  "tend",     "due",
                      "poised",  "reluctant",  "keen",    "scheduled", "supposed", "going"});
}

// Verbs whose object performs their "to" complement ("prompted X to seek").
bool isDirective(std::string_view lemma) {
    return in(lemma, {"prompt", "urge",      "ask",    "force",    "allow",     "enable",
                      "invite", "encourage", "lead",   "push",     "order",     "persuade",
                      "cause",  "require",   "tell",   "call",     "help",      "get",
                      "permit", "compel",    "oblige", "pressure", "press",     "want",
                      "expect", "warn",      "advise", "instruct", "authorize", "authorise"});
}

// Adverbs that hedge a clause.
bool isHedge(std::string_view w) {
    return in(w, {"allegedly", "reportedly", "possibly", "probably", "perhaps", "maybe", "likely",
                  "apparently", "supposedly", "purportedly", "potentially", "presumably"});
}

// Nouns that name an event of a verb: "deployment of X to Y by Z".
const char* nominalVerb(std::string_view lemma) {
    static const std::map<std::string_view, const char*> kMap = {
        {"deployment", "deploy"},    {"call", "call"},
        {"visit", "visit"},          {"talk", "talk"},
        {"talks", "talk"},           {"meeting", "meet"},
        {"invasion", "invade"},      {"intervention", "intervene"},
        {"request", "request"},      {"attack", "attack"},
        {"criticism", "criticize"},  {"cooperation", "cooperate"},
        {"conversation", "talk"},    {"negotiation", "negotiate"},
        {"agreement", "agree"},      {"appeal", "appeal"},
        {"support", "support"},      {"sanction", "sanction"},
        {"condemnation", "condemn"}, {"withdrawal", "withdraw"},
        {"arrival", "arrive"}};
    auto it = kMap.find(lemma);
    return it == kMap.end() ? nullptr : it->second;
}

// Nouns a country stands for: "the Kazakh government".
bool isGovernmentNoun(std::string_view lemma) {
    return in(lemma,
              {"government", "authority", "authorities", "leadership", "administration", "side"});
}

bool isMemberNoun(std::string_view lemma) {
    return in(lemma, {"state", "country", "member", "nation", "members", "states", "countries"});
}

bool isRelationalNoun(std::string_view lemma) {
    return in(lemma, {"neighbor", "neighbour", "partner", "friend", "ally", "rival", "enemy",
                      "member", "counterpart", "competitor", "adversary"});
}

std::string snake(std::string s) {
    for (auto& c : s) {
        if (c == ' ' || c == '-')
            c = '_';
        else
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return s;
}

class RelationFinder {
public:
    RelationFinder(const Lexicon& lx, const SentenceView& s, Analysis& a) : lx_(lx), s_(s), a_(a) {}

    void run() {
        int n = s_.size();
        subj_.assign(static_cast<size_t>(n), -2);
        datelineEnd_ = datelineEnd();
        for (int v = 0; v < n; ++v) {
            if (isVerbPredicate(v))
                clause(v);
            else if (s_.child(v, "cop") >= 0)
                copula(v);
        }
        nounPhraseFacts();
        // The dateline's place is where the story was filed: the facts' location.
        int place = -1;
        for (int i = 0; i < datelineEnd_ && place < 0; ++i) {
            int m = mentionAt(i);
            if (m >= 0 && (a_.mentions[static_cast<size_t>(m)].label == "Location" ||
                           a_.mentions[static_cast<size_t>(m)].label == "Country"))
                place = m;
        }
        if (place >= 0)
            for (auto& f : a_.facts)
                if (f.place < 0) f.place = place;
    }

    // "ALMATY, Jan. 8 (Xinhua) -- ..." / "Taipei, Taiwan — ...": the token after the
    // dash that ends a dateline, or 0. A dateline is capitalised words, commas, dates and a
    // parenthesised agency before a dash within the first twelve tokens.
    int datelineEnd() const {
        int n = s_.size();
        if (n < 4 || !isCapitalized(s_.form(0))) return 0;
        bool comma = false;
        int depth = 0;  // "X ( August 20 , 1920 – January 16 , 1992 ) was": life dates
        for (int i = 1; i < std::min(n - 1, 12); ++i) {
            const auto& w = s_.form(i);
            if (w == "(") ++depth;
            if (w == ")") --depth;
            if (w == "—" || w == "–" || w == "--" || w == "-")
                return depth == 0 && (comma || s_.form(i - 1) == ")") ? i + 1 : 0;
            if (w == ",") {
                comma = true;
                continue;
            }
            bool ok = isCapitalized(w) || w == "(" || w == ")" || w == "." ||
                      (!w.empty() && std::isdigit(static_cast<unsigned char>(w[0])));
            if (!ok) return 0;
        }
        return 0;
    }

private:
    int mentionAt(int i) const { return i < 0 ? -1 : a_.mentionAt[static_cast<size_t>(i)]; }

    bool isVerbPredicate(int v) const {
        if (s_.upos(v) != "VERB") return false;
        auto r = s_.rel(v);
        // Participles modifying nouns ("forces trained abroad") are not clauses of their own.
        if (r == "amod" || r == "compound") return false;
        // "a group called the Sea Org", "a town named X": naming, not calling.
        if (r == "acl" && s_.tok(v).xpos == "VBN" &&
            in(s_.lemma(v), {"call", "name", "dub", "label", "term", "title", "nickname"}))
            return false;
        // "CSTO member states Kazakhstan, ..." with "states" tagged as a verb.
        return !(v > 0 && toLower(s_.form(v - 1)) == "member");
    }

    // The subject token of clause v (following conj, xcomp and relative clauses), or -1.
    int subjectOf(int v) {
        if (v < 0) return -1;
        auto& memo = subj_[static_cast<size_t>(v)];
        if (memo != -2) return memo;
        memo = -1;
        int s = s_.child(v, "nsubj");
        if (s >= 0 && s < datelineEnd_) {
            // "ALMATY, Jan. 8 (Xinhua) -- President X thanked Y" parsed with the dateline as
            // subject: the first name after the dash inside that subject is the subject.
            auto [b, e] = s_.subtreeSpan(s);
            int found = -1;
            for (int c : s_.kids(v))  // another subject after the dash
                if (found < 0 && c >= datelineEnd_ && c < v && s_.rel(c) == "nsubj") found = c;
            for (int t = datelineEnd_; t <= e && t < v && found < 0; ++t) {
                int m = mentionAt(t);
                if (m < 0) continue;
                const auto& mm = a_.mentions[static_cast<size_t>(m)];
                if (!mm.demonym && !mm.role)
                    found = mm.last;  // not "Kazakh" in "Kazakh President X"
            }
            (void)b;
            s = found;
            memo = s;
            return s;
        }
        if (s >= 0) {
            if (in(s_.lower(s), {"which", "who", "that"}) && s_.rel(v) == "acl") s = s_.head(v);
            memo = s;
            return s;
        }
        int h = s_.head(v);
        auto r = s_.rel(v);
        if (r == "conj" && h >= 0) {
            memo = subjectOf(h);
            // "CSTO member states Kazakhstan, ... also belong to": "states" mis-tagged as a verb
            // whose object is the list of members.
            if (s_.upos(h) == "VERB" && !isVerbPredicate(h) && s_.child(h, "obj") >= 0)
                memo = s_.child(h, "obj");
        } else if (h >= 0 && (r == "advcl" || r == "acl") && accusedBy(v) >= 0) {
            // "accused X of seeking ...": X is the agent (the accuser is the speaker).
            int acc = accusedBy(v);
            memo = r == "acl" ? h : s_.child(acc, "obj");
        } else if (h >= 0 && (r == "xcomp" || r == "advcl" || r == "ccomp") &&
                   blocksSubject(s_.lemma(h))) {
            // "China rejects any attempt to disrupt": not China's act.
            memo = -1;
        } else if (r == "xcomp" && h >= 0) {
            int o = s_.child(h, "obj");
            memo = o >= 0 ? o : subjectOf(h);
        } else if (r == "acl" && h >= 0) {
            // Relative clause or participle: "an opening that led to", "an armada preparing to
            // invade".
            memo = h;
        } else if (r == "advcl" && h >= 0 && s_.child(v, "mark") >= 0 &&
                   s_.lower(s_.child(v, "mark")) == "to") {
            // "prompted the government to seek help" (often parsed as advcl): the object of
            // a directive verb; a purpose clause ("provide support to help X") is the
            // subject's.
            int o = s_.child(h, "obj");
            memo = o >= 0 && isDirective(s_.lemma(h)) ? o : subjectOf(h);
        } else if (r == "advcl" && h >= 0 && s_.tok(v).xpos == "VBG" &&
                   (s_.child(v, "mark") < 0 ||
                    in(s_.lower(s_.child(v, "mark")),
                       {"by", "after", "before", "while", "when", "since", "without"}))) {
            // "..., holding meetings and keeping in touch with X": the main clause's subject.
            // An unmarked participle right after a noun is a reduced relative the parser
            // attached to the verb ("powers allegedly seeking to"): not the verb's subject.
            int before = s_.subtreeSpan(v).first - 1;
            if (s_.child(v, "mark") >= 0 || before == h || (before >= 0 && s_.form(before) == ","))
                memo = subjectOf(h);
        }
        return memo;
    }

    // The accusing verb when v is what an accusation says the accused did ("accused X
    // of seeking", "blamed X for causing"), else -1.
    int accusedBy(int v) const {
        int h = s_.head(v);
        if (h < 0) return -1;
        int mark = s_.child(v, "mark");
        std::string m = mark >= 0 ? s_.lower(mark) : "";
        if (m != "of" && m != "for") return -1;
        if (s_.rel(v) == "advcl" && isAccusation(s_.lemma(h))) return h;
        // "accused NATO of seeking": the clause hangs on the accused noun.
        int g = s_.head(h);
        if (s_.rel(v) == "acl" && g >= 0 && s_.rel(h) == "obj" && isAccusation(s_.lemma(g)))
            return g;
        return -1;
    }

    bool negated(int v) const {
        for (int c : s_.kids(v)) {
            if (s_.rel(c) != "advmod" || !in(s_.lower(c), {"not", "n't", "never"})) continue;
            // "not just/only/merely ... but also" adds, it does not deny.
            if (c + 1 < s_.size() && in(s_.lower(c + 1), {"just", "only", "merely", "simply"}))
                continue;
            return true;
        }
        return false;
    }

    std::string modality(int v, int depth = 0) const {
        for (int c : s_.kids(v)) {
            if (s_.rel(c) == "aux" && in(s_.lemma(c), {"can", "could", "may", "might", "must",
                                                       "shall", "should", "will", "would"}))
                return s_.lower(c);
            if (s_.rel(c) == "advmod" && isHedge(s_.lower(c))) return s_.lower(c);
        }
        int h = s_.head(v);
        if (h < 0 || depth > 3) return "";
        auto r = s_.rel(v);
        if (accusedBy(v) >= 0) return "alleged";
        int mark = s_.child(v, "mark");
        if (r == "advcl" && mark >= 0 && in(s_.lower(mark), {"if", "unless", "whether"}))
            return "if";
        // "plans to visit", "is ready to help", "urged X to leave".
        if ((r == "xcomp" || r == "advcl" || r == "acl") && mark >= 0 && s_.lower(mark) == "to" &&
            isIntent(s_.lemma(h)))
            return toLower(s_.lemma(h));
        if (r == "xcomp" && isIntent(s_.lemma(h))) return toLower(s_.lemma(h));
        // "to help X" as the purpose of a hedged act is as hedged as the act.
        if (r == "xcomp" || (r == "advcl" && mark >= 0 && s_.lower(mark) == "to"))
            return modality(h, depth + 1);
        return "";
    }

    int speakerOf(int v) {
        int cur = v;
        for (int depth = 0; depth < 4 && cur >= 0; ++depth) {
            // "..., and the people will stand with them, Xi added": a speech parataxis on the
            // last conjunct reports every conjunct.
            std::vector<int> around = s_.kids(cur);
            for (int c : s_.kids(cur))
                if (s_.rel(c) == "conj")
                    for (int x : s_.kids(c)) around.push_back(x);
            for (int c : around) {
                if (s_.rel(c) == "parataxis" && isSpeechVerb(s_.lemma(c))) {
                    int sp = s_.child(c, "nsubj");
                    if (sp >= 0 && mentionAt(sp) >= 0) return mentionAt(sp);
                }
                if (s_.rel(c) == "obl" && s_.child(c, "case") >= 0 &&
                    s_.lower(s_.child(c, "case")) == "according") {
                    if (mentionAt(c) >= 0) return mentionAt(c);
                }
            }
            int h = s_.head(cur);
            if (h >= 0 && (s_.rel(cur) == "ccomp" || s_.rel(cur) == "parataxis") &&
                isSpeechVerb(s_.lemma(h))) {
                // "X said ..., adding that Y": the speaker of "adding" is the subject of the
                // speech verb it continues; "X took to Twitter to reveal that Y": the
                // controller of the "to" clause.
                int sp = s_.child(h, "nsubj");
                int g = s_.head(h);
                int mark = s_.child(h, "mark");
                if (sp < 0 && g >= 0 && isSpeechVerb(s_.lemma(g))) sp = s_.child(g, "nsubj");
                if (sp < 0 && mark >= 0 && s_.lower(mark) == "to" &&
                    (s_.rel(h) == "xcomp" || s_.rel(h) == "advcl"))
                    sp = subjectOf(h);
                if (sp >= 0 && mentionAt(sp) >= 0) return mentionAt(sp);
                return -1;
            }
            if (s_.rel(cur) != "conj" && s_.rel(cur) != "xcomp") break;
            cur = h;
        }
        return -1;
    }

    // The argument a noun token stands for.
    Arg argOf(int h) const {
        Arg a;
        a.head = h;
        if (h < 0) return a;
        int m = mentionAt(h);
        if (m >= 0) {
            // "Kazakh President Kassym-Jomart Tokayev" may be headed by "Kazakh": the name is
            // the rightmost mention of the flat/compound group.
            for (int c : s_.kids(h)) {
                auto r = s_.rel(c);
                if (c > h && (r == "flat" || r == "compound" || s_.fullRel(c) == "nmod:desc")) {
                    int cm = mentionAt(c);
                    if (cm >= 0 && cm != m && !a_.mentions[static_cast<size_t>(cm)].role) m = cm;
                }
            }
            a.mention = m;
            return a;
        }
        const auto& lemma = s_.lemma(h);
        // "the Kazakh city of Almaty": the named place.
        if (in(s_.lower(h),
               {"city", "capital", "town", "region", "province", "village", "district", "state"})) {
            for (int c : s_.kids(h))
                if (s_.rel(c) == "nmod" && prepOf(c) == "of" && mentionAt(c) >= 0) {
                    a.mention = mentionAt(c);
                    return a;
                }
        }
        for (int c : s_.kids(h)) {
            int cm = mentionAt(c);
            if (cm < 0) continue;
            auto r = s_.rel(c);
            if (r != "compound" && r != "amod" && r != "nmod") continue;
            const auto& mm = a_.mentions[static_cast<size_t>(cm)];
            if (isGovernmentNoun(s_.lower(h)) && mm.label == "Country") {
                a.mention = cm;
                return a;
            }
            if (isMemberNoun(s_.lower(h)) && r == "compound" &&
                (mm.label == "Organization" || mm.label == "Group")) {
                a.mention = cm;
                return a;
            }
        }
        auto u = s_.upos(h);
        if (u == "PRON") {
            if (in(s_.lower(h), {"he", "she", "him", "her"})) a.conceptName = "@" + s_.lower(h);
            return a;
        }
        if (u != "NOUN" && u != "PROPN") return a;
        std::string hl = lemma.empty() ? s_.lower(h) : toLower(lemma);
        // "a large number of Russian troops": the troops.
        if (isQuantityNoun(hl)) {
            for (int c : s_.kids(h))
                if (s_.rel(c) == "nmod" && prepOf(c) == "of") return argOf(c);
            return a;
        }
        if (isGenericNoun(hl) || hl.size() < 2) return a;
        // A Concept is kept only with a content modifier ("combat troops", "firm
        // support"): a bare head noun says too little to query and would merge
        // unrelated mentions across documents.
        std::string name;
        for (int c : s_.kids(h)) {
            if (c > h) continue;
            auto r = s_.rel(c);
            if ((r == "compound" && s_.upos(c) == "NOUN") ||
                (r == "amod" && s_.upos(c) == "ADJ" && !isVagueAdjective(s_.lower(c))))
                name += s_.lower(c) + " ";
        }
        if (name.empty()) return a;
        a.conceptName = name + hl;
        return a;
    }

    // Nouns that count or measure what their "of" phrase names.
    static bool isQuantityNoun(std::string_view w) {
        return in(
            w, {"number",  "lot",      "lots",       "majority",  "minority", "dozen",     "dozens",
                "hundred", "hundreds", "thousand",   "thousands", "million",  "millions",  "series",
                "range",   "variety",  "amount",     "handful",   "couple",   "percent",   "share",
                "bunch",   "plenty",   "total",      "portion",   "fraction", "kind",      "type",
                "sort",    "set",      "host",       "array",     "wave",     "flood",     "influx",
                "batch",   "quantity", "proportion", "bulk",      "rest",     "remainder", "group",
                "team"});
    }

    // General English nouns of time, measure, setting and discourse: never a Concept.
    static bool isGenericNoun(std::string_view w) {
        return in(w, {"one",         "all",       "some",       "other",    "others",    "time",
                      "way",         "thing",     "part",       "number",   "point",     "year",
                      "attempt",     "hour",      "day",        "week",     "month",     "moment",
                      "minute",      "second",    "decade",     "century",  "period",    "today",
                      "fact",        "case",      "situation",  "place",    "side",      "end",
                      "beginning",   "result",    "reason",     "question", "step",      "process",
                      "level",       "rate",      "amount",     "percent",  "vote",      "figure",
                      "something",   "anything",  "everything", "nothing",  "everyone",  "someone",
                      "anyone",      "everybody", "somebody",   "aspect",   "term",      "view",
                      "regard",      "respect",   "basis",      "manner",   "sense",     "idea",
                      "word",        "address",   "task",       "lot",      "kind",      "type",
                      "sort",        "matter",    "area",       "field",    "front",     "course",
                      "effort",      "bit",       "piece",      "stage",    "phase",     "chance",
                      "opportunity", "time",      "date",       "deadline", "tonight",   "tomorrow",
                      "yesterday",   "morning",   "evening",    "night",    "afternoon", "weekend",
                      "season",      "round",     "instance",   "example",  "detail",    "item",
                      "meter",       "kilometer", "mile",       "dollar",   "euro",      "yuan",
                      "ruble",       "cent",      "people",     "person",   "man",       "woman",
                      "thousand",    "million",   "billion"});
    }

    // Adjectives that do not make a noun specific ("other", "recent", "large").
    static bool isVagueAdjective(std::string_view w) {
        return in(
            w, {"other",     "such",       "many",       "several",   "various",     "certain",
                "same",      "own",        "recent",     "new",       "current",     "further",
                "more",      "most",       "few",        "much",      "last",        "next",
                "first",     "second",     "previous",   "former",    "latest",      "whole",
                "entire",    "main",       "major",      "big",       "large",       "small",
                "great",     "good",       "bad",        "important", "significant", "possible",
                "real",      "true",       "particular", "specific",  "general",     "overall",
                "total",     "additional", "similar",    "different", "best",        "top",
                "full",      "high",       "low",        "long",      "short",       "early",
                "late",      "old",        "young",      "huge",      "little",      "numerous",
                "only",      "key",        "certain",    "relevant",  "related",     "respective",
                "individual"});
    }

    // The argument and its conjuncts ("Russia, Belarus and Armenia").
    std::vector<Arg> argsOf(int h) const {
        std::vector<Arg> out;
        // "CSTO member states Kazakhstan, Kyrgyzstan, ...": the members named in apposition.
        if (h >= 0 && mentionAt(h) < 0 && isMemberNoun(s_.lower(h))) {
            for (int c : s_.kids(h))
                if (s_.rel(c) == "appos" && mentionAt(c) >= 0) return argsOf(c);
        }
        Arg a = argOf(h);
        // "CSTO member states Kazakhstan, Kyrgyzstan ... belong to": the members, not the
        // organisation.
        bool orgOfMembers = a.mention >= 0 &&
                            a_.mentions[static_cast<size_t>(a.mention)].last + 1 < s_.size() &&
                            in(s_.lower(a_.mentions[static_cast<size_t>(a.mention)].last + 1),
                               {"member", "members"});
        if (a.valid() && !orgOfMembers) out.push_back(a);
        if (h < 0) return out;
        for (int c : s_.kids(h)) {
            if (s_.rel(c) != "conj") continue;
            Arg b = argOf(c);
            if (b.valid()) out.push_back(b);
        }
        // "CSTO member states Kazakhstan, Kyrgyzstan, ...": the names in apposition.
        if (a.mention < 0) {
            for (int c : s_.kids(h)) {
                if (s_.rel(c) == "appos" && mentionAt(c) >= 0) {
                    for (auto& b : argsOf(c)) out.push_back(b);
                }
            }
        }
        return out;
    }

    void addFact(const Arg& s, const std::string& pred, const Arg& o, const std::string& text,
                 double conf, int v) {
        if (!s.valid() || !o.valid() || pred.empty()) return;
        if (s.mention >= 0 && s.mention == o.mention) return;
        // A dateline names where the story was filed, not a participant.
        if ((s.head >= 0 && s.head < datelineEnd_) || (o.head >= 0 && o.head < datelineEnd_))
            return;
        if (s.mention < 0 && o.mention < 0) return;  // two concepts: too vague for the graph
        Fact f;
        f.subject = s;
        f.object = o;
        f.predicate = pred;
        f.text = text;
        f.confidence = conf;
        if (v >= 0) {
            f.negated = negated(v);
            f.modality = modality(v);
            f.speaker = speakerOf(v);
            int acc = accusedBy(v);
            if (acc >= 0 && f.speaker < 0) f.speaker = mentionAt(subjectOf(acc));
        }
        if (f.speaker >= 0 && f.speaker == s.mention) f.speaker = -1;  // said by its own agent
        a_.facts.push_back(std::move(f));
    }

    // The preposition of an oblique/nominal modifier ("to", "according to").
    std::string prepOf(int c) const {
        int k = s_.child(c, "case");
        if (k < 0) return "";
        std::string p = s_.lower(k);
        for (int x : s_.kids(k))
            if (s_.rel(x) == "fixed") p += "_" + s_.lower(x);
        return p;
    }

    bool isDateWord(int c) const {
        static const char* kWords[] = {
            "monday",   "tuesday",   "wednesday", "thursday", "friday",   "saturday", "sunday",
            "january",  "february",  "march",     "april",    "may",      "june",     "july",
            "august",   "september", "october",   "november", "december", "jan",      "feb",
            "aug",      "sept",      "oct",       "nov",      "dec",      "today",    "yesterday",
            "tomorrow", "week",      "year",      "month",    "day",      "morning",  "evening",
            "night",    "time",      "moment"};
        std::string l = s_.lower(c);
        for (const char* w : kWords)
            if (l == w) return true;
        return false;
    }

    std::string phrase(int h, int skipCase = false) const {
        auto [b, e] = s_.subtreeSpan(h);
        if (skipCase) {
            int k = s_.child(h, "case");
            if (k == b) ++b;
        }
        while (b <= e && s_.upos(b) == "PUNCT") ++b;
        while (e >= b && s_.upos(e) == "PUNCT") --e;
        if (b > e) return "";
        return s_.span(b, e);
    }

    // The relation phrase of v: auxiliaries, negation, the verb and its particle.
    std::string relationWords(int v) const {
        std::vector<int> toks;
        for (int c : s_.kids(v)) {
            auto r = s_.rel(c);
            if ((r == "aux" || r == "cop" ||
                 (r == "advmod" && in(s_.lower(c), {"not", "n't", "never"})) || r == "compound") &&
                c < v)
                toks.push_back(c);
            if (s_.fullRel(c) == "compound:prt") toks.push_back(c);
        }
        toks.push_back(v);
        std::sort(toks.begin(), toks.end());
        std::string out;
        for (int t : toks) out += (out.empty() ? "" : " ") + s_.form(t);
        return out;
    }

    void clause(int v) {
        std::string base = toLower(s_.lemma(v));
        for (int c : s_.kids(v))
            if (s_.fullRel(c) == "compound:prt") base += "_" + s_.lower(c);
        int subj = subjectOf(v);
        int subjPass = -1;
        bool passive = false;
        for (int c : s_.kids(v)) {
            if (s_.fullRel(c) == "nsubj:pass") subjPass = c;
            if (s_.fullRel(c) == "aux:pass") passive = true;
        }
        if (subjPass >= 0) passive = true;
        int obj = s_.child(v, "obj");
        if (obj < 0) obj = s_.child(v, "iobj");
        std::vector<std::pair<int, std::string>> obls;  // token, preposition
        std::vector<int> settings;                      // setting obliques: properties
        size_t firstFact = a_.facts.size();
        int agent = -1;
        for (int c : s_.kids(v)) {
            auto r = s_.rel(c);
            if (r != "obl") continue;
            if (isDateWord(c) || s_.fullRel(c) == "obl:tmod" || s_.fullRel(c) == "obl:npmod")
                continue;
            std::string p = prepOf(c);
            if (p.empty()) continue;
            if (p == "by" && passive) {
                agent = c;
                continue;
            }
            if (p == "according_to" || p == "according") continue;
            if (p == "by" && !passive) continue;  // means or the agent of a noun, not an object
            // "deployed troops with heavy equipment": beside an object, an unnamed "with"
            // phrase is what came along, not a partner.
            bool accompaniment = p == "with" && !passive && s_.child(v, "obj") >= 0 &&
                                 mentionAt(c) < 0 && argOf(c).mention < 0;
            if (accompaniment || isSettingOblique(base, p)) {
                settings.push_back(c);
                if (p == "as") obls.emplace_back(c, p);  // "As a neighbor of X": read below
                continue;
            }
            obls.emplace_back(c, p);
        }
        std::string text = relationWords(v);
        double conf = 0.85;
        if (s_.child(v, "nsubj") < 0) conf -= 0.1;  // subject inherited

        // Knowledge-graph facts.
        std::vector<Arg> subjects;
        if (passive) {
            if (agent >= 0) subjects = argsOf(agent);
        } else {
            subjects = argsOf(subj);
            // Who tells or says is named: an inherited unnamed subject of a speech verb is a
            // misparsed "..., X told Y" ("The call revealed ..., Yang Jin ... told Z").
            if (isSpeechVerb(base) && s_.child(v, "nsubj") < 0)
                subjects.erase(std::remove_if(subjects.begin(), subjects.end(),
                                              [](const Arg& a) { return a.mention < 0; }),
                               subjects.end());
        }
        std::vector<Arg> objects = passive ? argsOf(subjPass >= 0 ? subjPass : -1) : argsOf(obj);
        int objTok = passive ? subjPass : obj;
        bool folded = false;
        std::vector<int> foldedInto;  // obliques the light verb's noun took as its target
        if (!passive && obj >= 0 && mentionAt(obj) < 0 && isLightVerb(base)) {
            // "sent a verbal message to X": the noun joins the predicate.
            std::string noun = toLower(s_.lemma(obj));
            std::vector<std::pair<int, std::string>> targets;
            for (const auto& [c, p] : obls)
                if (p != "as") targets.emplace_back(c, p);
            // "declared a state of emergency in X": a setting preposition the noun licenses.
            for (int c : settings)
                if (isCoreOblique(noun, prepOf(c), true)) targets.emplace_back(c, prepOf(c));
            std::string lastPrep;
            for (int c : s_.kids(obj))
                if (s_.rel(c) == "nmod" && s_.fullRel(c) != "nmod:poss" && !prepOf(c).empty() &&
                    isCoreOblique(noun, prepOf(c), true)) {  // "China's support": an owner
                    targets.emplace_back(c, prepOf(c));
                    lastPrep = prepOf(c);
                }
            // "offered Kazakhstan assistance": the named indirect object is the target.
            int iobj = s_.child(v, "iobj");
            if (iobj >= 0 && iobj != obj && mentionAt(iobj) >= 0) targets.emplace_back(iobj, "");
            // "declared a state of emergency in A and B" with B attached to the noun.
            for (int c : s_.kids(obj))
                if (s_.rel(c) == "conj" && mentionAt(c) >= 0 && !lastPrep.empty() &&
                    lastPrep != "of")
                    targets.emplace_back(c, lastPrep);
            for (const auto& [t, p] : targets) {
                auto targetsArgs = argsOf(t);
                bool named = std::any_of(targetsArgs.begin(), targetsArgs.end(),
                                         [](const Arg& a) { return a.mention >= 0; });
                if (!named) continue;
                std::string pred =
                    base + "_" + snake(toLower(s_.lemma(obj))) + (p.empty() ? "" : "_" + p);
                for (const auto& sa : subjects)
                    for (const auto& ta : targetsArgs)
                        addFact(sa, pred, ta,
                                text + " " + s_.form(obj) + (p.empty() ? "" : " " + p), conf, v);
                folded = true;
                foldedInto.push_back(t);
            }
        }
        if (!folded) {
            for (const auto& sa : subjects)
                for (const auto& oa : objects) addFact(sa, base, oa, text, conf, v);
            // "supports Kazakhstan's right to ...": the possessor as the object.
            if (objTok >= 0 && mentionAt(objTok) < 0) {
                int poss = -1;
                if (in(toLower(s_.lemma(objTok)),
                       {"right", "effort", "sovereignty", "independence", "position", "decision",
                        "request", "proposal", "stance", "interest", "bid"}))
                    for (int c : s_.kids(objTok))
                        if (s_.fullRel(c) == "nmod:poss" && mentionAt(c) >= 0) poss = c;
                if (poss >= 0)
                    for (const auto& sa : subjects)
                        addFact(sa, base, argOf(poss), text, conf - 0.2, v);
            }
        }
        reciprocalFacts(v, base, subjects, passive ? -1 : obj, text, conf);
        std::vector<Arg> obliqueSubjects = subjects;
        if (passive && agent < 0) obliqueSubjects = objects;  // "X was elected to Y"
        for (const auto& [c, p] : obls) {
            auto targets = argsOf(c);
            // "expressed gratitude to X" is thanks, not also "express_to".
            bool usedByFold =
                std::find(foldedInto.begin(), foldedInto.end(), c) != foldedInto.end();
            if (p != "as" && !usedByFold)
                for (const auto& sa : obliqueSubjects)
                    for (const auto& ta : targets)
                        // "X was taken to Y": the patient is the subject, so the predicate
                        // says it is passive ("be_take_to"), not that X took Y.
                        addFact(sa, (passive && agent < 0 ? "be_" : "") + base + "_" + snake(p), ta,
                                text + " " + p, conf - 0.05, v);
            // "As a neighbor of Kazakhstan, China ...": the subject is that to X; with an
            // object, the "as" phrase describes the object ("sees K as part of X").
            if (p == "as" && mentionAt(c) < 0 && s_.upos(c) == "NOUN") {
                const auto& described = (!passive && obj >= 0) ? objects : subjects;
                for (int x : s_.kids(c)) {
                    if (s_.rel(x) != "nmod" || prepOf(x).empty()) continue;
                    for (const auto& sa : described)
                        for (const auto& ta : argsOf(x)) {
                            addFact(sa, snake(toLower(s_.lemma(c))) + "_" + snake(prepOf(x)), ta,
                                    s_.form(c) + " " + prepOf(x), conf - 0.1, v);
                            if (!a_.facts.empty())
                                a_.facts.back().negated = false;  // "not just sit and watch"
                        }
                }
            }
            // "took to his Twitter account": the named medium of a channel noun.
            if (mentionAt(c) < 0 && s_.upos(c) == "NOUN" &&
                in(toLower(s_.lemma(c)), {"account", "page", "channel", "website", "site", "feed",
                                          "platform", "blog", "broadcast", "show", "programme",
                                          "program", "newspaper", "column", "podcast"})) {
                for (int x : s_.kids(c)) {
                    if (s_.rel(x) != "compound" || mentionAt(x) < 0) continue;
                    for (const auto& sa : obliqueSubjects)
                        addFact(sa, base + "_" + snake(p) + "_" + snake(toLower(s_.lemma(c))),
                                argOf(x), text + " " + p + " " + s_.form(c), conf - 0.2, v);
                }
            }
        }
        // "during a phone call with Y": the clause subject calls Y.
        for (int c : settings) {
            std::string p = prepOf(c);
            const char* nv = nominalVerb(toLower(s_.lemma(c)));
            if (!nv || (p != "during" && p != "in" && p != "at")) continue;
            for (int x : s_.kids(c)) {
                if (s_.rel(x) != "nmod") continue;
                std::string xp = prepOf(x);
                if (xp != "with" && xp != "between") continue;
                for (const auto& sa : subjects)
                    for (const auto& ta : argsOf(x))
                        addFact(sa, nv, ta, s_.form(c) + " " + xp, conf - 0.1, v);
            }
        }
        applySettings(firstFact, settings);
        std::vector<std::pair<int, std::string>> propObls = obls;
        for (int c : settings)
            if (prepOf(c) != "as") propObls.emplace_back(c, prepOf(c));
        std::sort(propObls.begin(), propObls.end());
        propObls.erase(std::unique(propObls.begin(), propObls.end()), propObls.end());
        proposition(v, subj, passive ? subjPass : subj, obj, propObls, agent, passive, conf);
    }

    // "China and Kazakhstan met / held talks / signed an agreement": a symmetric relation
    // between the coordinated subjects themselves, when nothing else is its object.
    void reciprocalFacts(int v, const std::string& base, const std::vector<Arg>& subjects, int obj,
                         const std::string& text, double conf) {
        if (subjects.size() < 2) return;
        std::string pred = base;
        if (obj >= 0) {
            if (mentionAt(obj) >= 0 || !isLightVerb(base)) return;
            pred = base + "_" + snake(toLower(s_.lemma(obj)));
        } else {
            for (int c : s_.kids(v))
                if (s_.rel(c) == "obl" && prepOf(c) == "with") return;  // "X and Y met with Z"
        }
        const auto* t = relationType(classify(pred).type);
        if (!t || !t->symmetric || t->name == kCatchAll) return;
        for (size_t i = 0; i + 1 < subjects.size(); ++i)
            for (size_t j = i + 1; j < subjects.size(); ++j)
                if (subjects[i].mention >= 0 && subjects[j].mention >= 0)
                    addFact(subjects[i], pred, subjects[j], text, conf - 0.05, v);
    }

    // A setting oblique of verb `base`: its phrase describes when, where or in what
    // circumstance, not a participant ("said in an interview", "met in Beijing").
    bool isSettingOblique(const std::string& base, const std::string& p) const {
        if (isSettingPreposition(p)) return !isCoreOblique(base, p);
        // The reason of a stance: "thanked X for its support", "criticised X for ...".
        if (p == "for") {
            auto t = classify(base).type;
            return t == "thanks" || t == "praises" || t == "criticises" || t == "accuses" ||
                   t == "welcomes" || t == "detains" || t == "sanctions";
        }
        return false;
    }

    // The clause's setting obliques become properties of the facts it gave: a named
    // place in/at which it happened is `location`, the rest `context` as written.
    void applySettings(size_t firstFact, const std::vector<int>& settings) {
        if (settings.empty() || firstFact >= a_.facts.size()) return;
        int place = -1;
        std::string context;
        for (int c : settings) {
            std::string p = prepOf(c);
            if (p == "as") continue;
            int m = mentionAt(c);
            Arg arg = argOf(c);
            if (m < 0) m = arg.mention;
            bool placeLike = m >= 0 && in(p, {"in", "at", "near", "inside", "outside", "across",
                                              "throughout", "within", "around"});
            if (placeLike) {
                const auto& mm = a_.mentions[static_cast<size_t>(m)];
                placeLike = mm.label == "Location" || mm.label == "Country";
            }
            if (placeLike && place < 0) {
                place = m;
                continue;
            }
            std::string ph = phrase(c);
            if (ph.size() > 120) continue;  // a whole clause: not a setting worth keeping
            context += (context.empty() ? "" : "; ") + ph;
        }
        for (size_t i = firstFact; i < a_.facts.size(); ++i) {
            auto& f = a_.facts[i];
            if (place >= 0 && f.object.mention != place && f.subject.mention != place)
                f.place = place;
            if (!context.empty()) f.context = context;
        }
    }

    void proposition(int v, int subj, int subjShown, int obj,
                     const std::vector<std::pair<int, std::string>>& obls, int agent, bool passive,
                     double conf) {
        (void)subj;
        if (subjShown < 0) return;
        Proposition p;
        p.sentence = 0;
        p.arg1 = phrase(subjShown);
        if (s_.rel(v) == "acl" && subjShown == s_.head(v)) {
            // Relative clause: the antecedent noun alone, not its whole subtree.
            // Its left modifiers only: no preposition, punctuation or conjunction before it.
            int b = subjShown;
            for (int c : s_.kids(subjShown)) {
                auto r = s_.rel(c);
                if (c < subjShown && r != "case" && r != "punct" && r != "cc" && r != "mark")
                    b = std::min(b, s_.subtreeSpan(c).first);
            }
            p.arg1 = s_.span(b, subjShown);
        }
        if (p.arg1.empty()) return;
        std::string rel = relationWords(v);
        int xc = s_.child(v, "xcomp");
        int argVerb = v;
        if (xc >= 0 && s_.upos(xc) == "VERB" && obj < 0) {
            int mark = s_.child(xc, "mark");
            rel += (mark >= 0 ? " " + s_.form(mark) : std::string()) + " " + s_.form(xc);
            argVerb = xc;
        }
        std::vector<std::string> args;
        std::vector<std::pair<int, std::string>> argObls = obls;
        int argObj = obj;
        if (argVerb != v) {
            argObj = s_.child(argVerb, "obj");
            argObls.clear();
            for (int c : s_.kids(argVerb))
                if (s_.rel(c) == "obl" && !prepOf(c).empty()) argObls.emplace_back(c, prepOf(c));
        }
        if (argObj >= 0) args.push_back(phrase(argObj));
        int cc = s_.child(v, "ccomp");
        if (argObj < 0 && cc >= 0) args.push_back(phrase(cc));
        if (passive && agent >= 0) {
            if (args.empty()) {
                rel += " by";
                args.push_back(phrase(agent, true));
            } else {
                args.push_back(phrase(agent));
            }
        }
        for (const auto& [c, prep] : argObls) {
            // Time and place adjuncts the relation left out ("in 1941", "on Monday").
            if (!args.empty()) {
                for (int c : s_.kids(argVerb)) {
                    if (s_.rel(c) != "obl") continue;
                    bool listed = std::any_of(argObls.begin(), argObls.end(),
                                              [&](const auto& o) { return o.first == c; });
                    if (!listed && c != agent) args.push_back(phrase(c));
                }
            }
            if (args.empty()) {
                int k = s_.child(c, "case");
                rel += " " + (k >= 0 ? s_.form(k) : prep);
                args.push_back(phrase(c, true));
            } else {
                args.push_back(phrase(c));
            }
        }
        if (args.empty()) {
            for (int c : s_.kids(argVerb)) {
                if (s_.fullRel(c) == "obl:tmod" || (s_.rel(c) == "obl" && prepOf(c).empty()))
                    args.push_back(phrase(c));
            }
        }
        if (args.empty()) return;
        double c = conf;
        if (p.arg1.size() > 60) c -= 0.15;
        if (!args.empty() && args[0].size() > 80) c -= 0.1;
        if (args.size() > 2) c -= 0.05;
        p.relation = rel;
        p.args = std::move(args);
        p.confidence = std::clamp(c, 0.05, 0.99);
        // With an object and adjuncts, also each adjunct on its own: (X; taught at; Y) next to
        // (X; taught; the class; at Y), ranked below the full tuple.
        if (argObj >= 0 && !argObls.empty()) {
            for (const auto& [c2, prep] : argObls) {
                Proposition q;
                q.sentence = p.sentence;
                q.arg1 = p.arg1;
                int k = s_.child(c2, "case");
                q.relation = rel + " " + (k >= 0 ? s_.form(k) : prep);
                q.args.push_back(phrase(c2, true));
                q.confidence = std::clamp(c - 0.3, 0.05, 0.99);
                a_.propositions.push_back(std::move(q));
            }
        }
        a_.propositions.push_back(std::move(p));
    }

    // "X is a member of Y", "China and Kazakhstan are neighbors".
    void copula(int n) {
        int subj = subjectOf(n);  // "who is larger": the antecedent of a relative pronoun
        if (subj < 0) return;
        auto subjects = argsOf(subj);
        std::string noun = toLower(s_.lemma(n));
        std::string text = relationWords(n);
        bool neg = negated(n);
        double conf = 0.8;
        if (mentionAt(n) >= 0 && s_.child(n, "case") >= 0) {
            // "Nazarbayev is currently in Nur-Sultan"
            std::string p = prepOf(n);
            for (const auto& sa : subjects)
                for (const auto& ta : argsOf(n))
                    addFact(sa, "be_" + snake(p), ta, text + " " + p, conf, n);
        }
        if (mentionAt(n) < 0 && s_.upos(n) == "NOUN") {
            if (s_.child(n, "case") < 0)  // "is an American writer", not "is in the Kazakh capital"
                for (const auto& sa : subjects) demonymFact(sa, n, text);
            for (int c : s_.kids(n)) {
                if (s_.rel(c) != "nmod" && s_.rel(c) != "obl") continue;
                std::string p = prepOf(c);
                if (p.empty()) continue;
                for (const auto& sa : subjects)
                    for (const auto& ta : argsOf(c)) {
                        addFact(sa, snake(noun) + "_" + snake(p), ta, text + " " + p, conf, n);
                        if (neg && !a_.facts.empty()) a_.facts.back().negated = true;
                    }
            }
            if (isRelationalNoun(noun) && subjects.size() >= 2 && s_.child(n, "nmod") < 0) {
                for (size_t i = 0; i + 1 < subjects.size(); ++i)
                    for (size_t j = i + 1; j < subjects.size(); ++j)
                        addFact(subjects[i], snake(noun) + "_of", subjects[j], text, conf - 0.1, n);
            }
        }
        // Open IE: (X; is; a member of Y)
        Proposition p;
        p.arg1 = phrase(subj);
        int cop = s_.child(n, "cop");
        std::vector<int> relToks;
        for (int c : s_.kids(n)) {
            auto r = s_.rel(c);
            if ((r == "aux" || r == "cop" ||
                 (r == "advmod" && in(s_.lower(c), {"not", "n't", "never"}))) &&
                c < n)
                relToks.push_back(c);
        }
        std::sort(relToks.begin(), relToks.end());
        for (int t : relToks) p.relation += (p.relation.empty() ? "" : " ") + s_.form(t);
        // The predicate phrase: n's subtree without the subject, copula and clauses.
        auto [b, e] = s_.subtreeSpan(n);
        int start = std::max(b, cop + 1);
        int end = e;
        for (int c : s_.kids(n)) {
            auto r = s_.rel(c);
            if ((r == "advcl" || r == "parataxis" || r == "conj" || r == "ccomp") && c > n) {
                end = std::min(end, s_.subtreeSpan(c).first - 1);
            }
        }
        while (end >= start && (s_.upos(end) == "PUNCT" || s_.upos(end) == "CCONJ")) --end;
        if (p.arg1.empty() || start > end || p.relation.empty()) return;
        p.args.push_back(s_.span(start, end));
        p.confidence = 0.85;
        a_.propositions.push_back(std::move(p));
    }

    // "X is an American politician", "X, a Russian company,": a person is a citizen of
    // the demonym's country; an organisation or place is located in it.
    void demonymFact(const Arg& sa, int n, const std::string& text) {
        if (sa.mention < 0 || mentionAt(n) >= 0) return;
        const auto& sm = a_.mentions[static_cast<size_t>(sa.mention)];
        for (int c : s_.kids(n)) {
            auto r = s_.rel(c);
            int m = mentionAt(c);
            if (c > n || m < 0 || (r != "amod" && r != "compound")) continue;
            const auto& mm = a_.mentions[static_cast<size_t>(m)];
            if (!mm.demonym || mm.label != "Country") continue;
            Arg o;
            o.mention = m;
            o.head = c;
            if (sm.label == "Person")
                addFact(sa, "citizen_of", o, text + " " + s_.form(c), 0.7, -1);
            else if (sm.label == "Organization" || sm.label == "Location")
                addFact(sa, "located_in", o, text + " " + s_.form(c), 0.7, -1);
        }
    }

    // Open IE tuples of appositions: "Zhu, a professor from X" -> (Zhu; is; a professor from X).
    void appositions() {
        for (int h = 0; h < s_.size(); ++h) {
            if (s_.rel(h) != "appos") continue;
            int head = s_.head(h);
            if (head < 0 || head > h) continue;
            if (mentionAt(head) >= 0 && s_.upos(h) == "NOUN") demonymFact(argOf(head), h, ",");
            auto [b, e] = s_.subtreeSpan(h);
            int start = s_.subtreeSpan(head).first;
            int end = b - 1;
            while (end >= start && s_.upos(end) == "PUNCT") --end;
            while (b <= e && s_.upos(b) == "PUNCT") ++b;
            while (e >= b && s_.upos(e) == "PUNCT") --e;
            if (end < start || b > e) continue;
            Proposition p;
            p.arg1 = s_.span(start, end);
            p.relation = "is";
            p.args.push_back(s_.span(b, e));
            p.confidence = 0.7;
            a_.propositions.push_back(std::move(p));
        }
    }

    // Facts inside noun phrases.
    void nounPhraseFacts() {
        appositions();
        int n = s_.size();
        for (int h = 0; h < n; ++h) {
            // Nominal events: "deployment of peacekeepers to Kazakhstan by CSTO member states".
            if (const char* nv = nominalVerb(toLower(s_.lemma(h)))) {
                if (s_.upos(h) == "NOUN") {
                    std::vector<Arg> agents;
                    std::vector<std::pair<int, std::string>> targets;
                    std::vector<int> slots = s_.kids(h);
                    // "deployment of peacekeepers to X": the target may hang on the "of" noun.
                    for (int c : s_.kids(h))
                        if (s_.rel(c) == "nmod" && prepOf(c) == "of" && mentionAt(c) < 0)
                            for (int x : s_.kids(c))
                                if (s_.rel(x) == "nmod" && prepOf(x) != "of") slots.push_back(x);
                    for (int c : slots) {
                        std::string p = prepOf(c);
                        if (s_.rel(c) == "nmod" && p == "by")
                            agents = argsOf(c);
                        else if (s_.fullRel(c) == "nmod:poss" && mentionAt(c) >= 0)
                            agents = argsOf(c);
                        else if (s_.rel(c) == "nmod" &&
                                 in(p, {"to", "in", "with", "against", "into", "from", "for"}) &&
                                 isCoreOblique(nv, p))
                            targets.emplace_back(c, p);
                    }
                    for (const auto& [t, p] : targets) {
                        std::string pred = std::string(nv) + "_" + p;
                        if (std::string_view(nv) == "call" || std::string_view(nv) == "talk" ||
                            std::string_view(nv) == "meet")
                            pred = std::string(nv) + (p == "with" ? "" : "_" + p);
                        for (const auto& sa : agents)
                            for (const auto& ta : argsOf(t))
                                addFact(sa, pred, ta, s_.form(h) + " " + p, 0.7, -1);
                    }
                }
            }
            // "the friendship between China and Kazakhstan"
            if (s_.upos(h) == "NOUN" && mentionAt(h) < 0) {
                for (int c : s_.kids(h)) {
                    if (s_.rel(c) != "nmod" || prepOf(c) != "between") continue;
                    auto parties = argsOf(c);
                    std::string pred = snake(toLower(s_.lemma(h))) + "_with";
                    for (size_t i = 0; i + 1 < parties.size(); ++i)
                        for (size_t j = i + 1; j < parties.size(); ++j)
                            if (parties[i].mention >= 0 && parties[j].mention >= 0)
                                addFact(parties[i], pred, parties[j], s_.form(h) + " between", 0.7,
                                        -1);
                }
            }
            int m = mentionAt(h);
            if (m < 0 || a_.mentions[static_cast<size_t>(m)].last != h) continue;
            const auto& mm = a_.mentions[static_cast<size_t>(m)];
            if (mm.role) continue;
            // "the Kalkaman district of Almaty", "Mangystau Region in southwest Kazakhstan",
            // "the Research Center ... of the Lanzhou University".
            int j = h + 1;
            if (j + 1 < n && (s_.form(j) == "of" || s_.form(j) == "in" || s_.form(j) == "at")) {
                int k = j + 1;
                if (s_.lower(k) == "the") ++k;
                // skip one lower-case modifier ("southwest")
                if (k + 1 < n && mentionAt(k) < 0 && !isCapitalized(s_.form(k)) &&
                    mentionAt(k + 1) >= 0)
                    ++k;
                int m2 = mentionAt(k);
                if (m2 >= 0 && m2 != m) {
                    const auto& o = a_.mentions[static_cast<size_t>(m2)];
                    bool loc =
                        mm.label == "Location" && (o.label == "Location" || o.label == "Country");
                    bool org = mm.label == "Organization" && o.label == "Organization";
                    if (loc)
                        addNp(m, "located_in", m2, s_.form(j));
                    else if (org)
                        addNp(m, "part_of", m2, s_.form(j));
                }
            }
            // "Nur-Sultan, Kazakhstan"
            if (mm.label == "Location" && j + 1 < n && s_.form(j) == ",") {
                int m2 = mentionAt(j + 1);
                if (m2 >= 0 && a_.mentions[static_cast<size_t>(m2)].label == "Country" &&
                    a_.mentions[static_cast<size_t>(m2)].last + 1 < n &&
                    !in(s_.form(a_.mentions[static_cast<size_t>(m2)].last + 1), {"and"}))
                    addNp(m, "located_in", m2, ",");
            }
            // "the Kazakh city of Almaty"
            if (mm.label == "Location" && mm.first >= 3 && s_.form(mm.first - 1) == "of" &&
                in(s_.lower(mm.first - 2),
                   {"city", "capital", "town", "region", "province", "village"})) {
                int dm = mentionAt(mm.first - 3);
                if (dm >= 0 && a_.mentions[static_cast<size_t>(dm)].label == "Country")
                    addNp(m, "located_in", dm, s_.form(mm.first - 2));
            }
            // "CSTO member states Kazakhstan, Kyrgyzstan, ..." / "CSTO members X and Y"
            if ((mm.label == "Organization") && j + 1 < n &&
                in(s_.lower(j), {"member", "members"})) {
                int k = j + 1;
                if (k < n && in(s_.lower(k), {"states", "countries", "nations"})) ++k;
                while (k < n) {
                    int m2 = mentionAt(k);
                    if (m2 >= 0) {
                        addNp(m2, "member_of", m, "member");
                        k = a_.mentions[static_cast<size_t>(m2)].last + 1;
                    } else if (s_.form(k) == "," || s_.form(k) == "and") {
                        ++k;
                    } else {
                        break;
                    }
                }
            }
        }
    }

    void addNp(int s, const std::string& pred, int o, const std::string& text) {
        Arg a, b;
        a.mention = s;
        a.head = a_.mentions[static_cast<size_t>(s)].last;
        b.mention = o;
        b.head = a_.mentions[static_cast<size_t>(o)].last;
        addFact(a, pred, b, text, 0.75, -1);
    }

    const Lexicon& lx_;
    const SentenceView& s_;
    Analysis& a_;
    std::vector<int> subj_;
    int datelineEnd_ = 0;
};

}  // namespace

void findRelations(const Lexicon& lx, const SentenceView& s, Analysis& a) {
    RelationFinder(lx, s, a).run();
}

}  // namespace kgraph::extract::detail
