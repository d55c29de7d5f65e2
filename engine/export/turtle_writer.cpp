#include "engine/export/turtle_writer.h"

#include <cctype>
#include <unordered_map>
#include <utility>
#include <vector>

namespace kgraph::exporter {

namespace {

struct Prefix {
    std::string name;
    std::string ns;
};

// A local name that is a valid Turtle PN_LOCAL as is: letters, digits, '_',
// '-', percent escapes, not starting with '-' and not empty.
bool safeLocal(std::string_view s) {
    if (s.empty() || s.front() == '-') return false;
    for (char ch : s) {
        auto c = static_cast<unsigned char>(ch);
        if (!(std::isalnum(c) || c == '_' || c == '-' || c == '%')) return false;
    }
    return true;
}

std::string abbreviateIri(std::string_view term, const std::vector<Prefix>& prefixes) {
    if (term.size() < 2 || term.front() != '<') return std::string(term);
    std::string_view body = term.substr(1, term.size() - 2);
    for (const auto& p : prefixes) {
        if (body.size() > p.ns.size() && body.substr(0, p.ns.size()) == p.ns) {
            std::string_view local = body.substr(p.ns.size());
            if (safeLocal(local)) return p.name + ":" + std::string(local);
        }
    }
    return std::string(term);
}

std::string abbreviate(const std::string& term, const std::vector<Prefix>& prefixes) {
    if (term.front() == '<') return abbreviateIri(term, prefixes);
    auto dt = term.rfind("\"^^<");
    if (dt == std::string::npos) return term;
    return term.substr(0, dt + 3) + abbreviateIri(std::string_view(term).substr(dt + 3), prefixes);
}

}  // namespace

uint64_t writeTurtle(storage::GraphView& graph, std::ostream& out, const NTriplesOptions& options) {
    const std::string& base = options.baseIri;
    std::vector<Prefix> prefixes = {{"rdf", std::string(kRdfNs)},   {"rdfs", std::string(kRdfsNs)},
                                    {"skos", std::string(kSkosNs)}, {"xsd", std::string(kXsdNs)},
                                    {"rel", base + "rel/"},         {"type", base + "type/"},
                                    {"prop", base + "prop/"},       {"doc", base + "doc/"}};
    std::vector<std::pair<std::string, std::vector<std::pair<std::string, std::string>>>> subjects;
    std::unordered_map<std::string, size_t> index;
    uint64_t count = 0;
    forEachQuad(graph, options, [&](const Quad& q) {
        auto [it, inserted] = index.emplace(q.subject, subjects.size());
        if (inserted)
            subjects.emplace_back(q.subject, std::vector<std::pair<std::string, std::string>>{});
        subjects[it->second].second.emplace_back(q.predicate, q.object);
        ++count;
    });
    for (const auto& p : prefixes) out << "@prefix " << p.name << ": <" << p.ns << "> .\n";
    const std::string rdfType = "<" + std::string(kRdfNs) + "type>";
    for (const auto& [subject, pos] : subjects) {
        out << '\n' << abbreviate(subject, prefixes);
        for (size_t i = 0; i < pos.size(); ++i) {
            const auto& [p, o] = pos[i];
            bool samePredicate = i > 0 && pos[i - 1].first == p;
            if (samePredicate) {
                out << " ,\n        ";
            } else {
                out << (i == 0 ? " " : " ;\n    ")
                    << (p == rdfType ? std::string("a") : abbreviate(p, prefixes)) << ' ';
            }
            out << abbreviate(o, prefixes);
        }
        out << " .\n";
    }
    return count;
}

}  // namespace kgraph::exporter
