#include "storage/consistency_check.h"

#include <algorithm>
#include <functional>
#include <map>
#include <unordered_map>

#include "engine/common/error.h"
#include "storage/document_ingest.h"
#include "storage/key_format.h"
#include "storage/mention_record.h"
#include "storage/record_codec.h"
#include "storage/store_internal.h"

namespace kgraph::storage {

namespace {

struct NodeInfo {
    std::vector<TokenId> labels;
    std::optional<std::string> name;
};

struct EdgeInfo {
    NodeId src;
    NodeId dst;
    TokenId type;
};

std::string u64(uint64_t v) { return std::to_string(v); }

class Checker {
public:
    Checker(internal::RawView& raw, size_t maxProblems) : raw_(raw), maxProblems_(maxProblems) {}

    CheckReport run() {
        checkMeta();
        checkDictionary();
        checkNodes();
        checkEdges();
        checkLabelIndex();
        checkNameIndex();
        checkAdjacency(keys::kOut);
        checkAdjacency(keys::kIn);
        checkTypeIndex();
        checkCounts();
        checkDocuments();
        return std::move(report_);
    }

private:
    void problem(std::string what) {
        if (report_.problems.size() < maxProblems_) {
            report_.problems.push_back(std::move(what));
        } else {
            ++report_.moreProblems;
        }
    }
    void warning(std::string what) {
        if (report_.warnings.size() < maxProblems_) report_.warnings.push_back(std::move(what));
    }
    void checked(std::string what, uint64_t n) { report_.checked.emplace_back(std::move(what), n); }

    void scan(char tag, const std::function<void(std::string_view, std::string_view)>& fn) {
        raw_.scan(std::string(1, tag), [&](std::string_view k, std::string_view v) {
            fn(k, v);
            return true;
        });
    }
    std::string token(TokenId id) const {
        auto it = tokens_.find(id);
        return it == tokens_.end() ? "#" + u64(id) + " (not in the dictionary)"
                                   : "'" + it->second + "'";
    }
    bool knownToken(TokenId id) const { return tokens_.count(id) > 0; }

    uint64_t metaId(std::string_view name) {
        auto v = raw_.get(keys::meta(name));
        if (!v) return 1;
        if (v->size() != 8) {
            problem("meta record '" + std::string(name) + "' is malformed");
            return 1;
        }
        return keys::getU64(v->data());
    }

    void checkMeta() {
        auto format = raw_.get(keys::meta(keys::kMetaFormat));
        if (!format || *format != keys::kFormatVersion)
            problem("the format record is missing or wrong");
        nextNode_ = metaId(keys::kMetaNextNode);
        nextEdge_ = metaId(keys::kMetaNextEdge);
        nextToken_ = metaId(keys::kMetaNextToken);
    }

    void checkDictionary() {
        uint64_t byId = 0, byName = 0;
        scan(keys::kTokenById, [&](std::string_view k, std::string_view v) {
            ++byId;
            if (k.size() != 5)
                return problem("malformed dictionary key (D, " + u64(k.size()) + " bytes)");
            TokenId id = keys::getU32(k.data() + 1);
            if (id == keys::kAnyToken || id >= nextToken_) {
                problem("dictionary id " + u64(id) + " is outside the allocated range 1.." +
                        u64(nextToken_ - 1));
            }
            if (v.empty()) {
                // The store reads it (so the database can be repaired) but refuses to write
                // one since: no query can name it.
                problem("dictionary id " + u64(id) +
                        " has an empty name (written by an older kgraph); rename what uses it, "
                        "e.g. MATCH (n:``) SET n:Named REMOVE n:``");
            }
            tokens_.emplace(id, std::string(v));
            std::string byNameKey(1, keys::kTokenByName);
            byNameKey.append(v);
            auto back = raw_.get(byNameKey);
            if (!back || back->size() != 4 || keys::getU32(back->data()) != id) {
                problem("dictionary id " + u64(id) + " -> '" + std::string(v) +
                        "' has no matching name -> id entry");
            }
        });
        scan(keys::kTokenByName, [&](std::string_view k, std::string_view v) {
            ++byName;
            std::string name(k.substr(1));
            if (v.size() != 4) return problem("dictionary entry '" + name + "' is malformed");
            TokenId id = keys::getU32(v.data());
            auto it = tokens_.find(id);
            if (it == tokens_.end() || it->second != name) {
                problem("dictionary name '" + name + "' -> id " + u64(id) +
                        " has no matching id -> name entry");
            }
            tokenIds_.emplace(name, id);
        });
        checked("dictionary entries (id -> name)", byId);
        checked("dictionary entries (name -> id)", byName);
    }

    void checkNodes() {
        auto nameTok = tokenIds_.find("name");
        scan(keys::kNode, [&](std::string_view k, std::string_view v) {
            if (k.size() != 9) return problem("malformed node key (" + u64(k.size()) + " bytes)");
            NodeId id = keys::getU64(k.data() + 1);
            if (id == 0 || id >= nextNode_)
                problem("node " + u64(id) + " is outside the allocated id range");
            codec::NodeRecord rec;
            try {
                rec = codec::decodeNode(v);
            } catch (const Error&) {
                return problem("node " + u64(id) + ": the record is malformed");
            }
            NodeInfo info;
            for (TokenId l : rec.labels) {
                if (!knownToken(l))
                    problem("node " + u64(id) + " has label id " + u64(l) +
                            ", not in the dictionary");
                if (std::find(info.labels.begin(), info.labels.end(), l) != info.labels.end()) {
                    problem("node " + u64(id) + " has label " + token(l) + " twice");
                    continue;
                }
                info.labels.push_back(l);
                ++labelCounts_[l];
            }
            for (const auto& [key, value] : rec.props) {
                if (!knownToken(key))
                    problem("node " + u64(id) + " has property key id " + u64(key) +
                            ", not in the dictionary");
                if (nameTok != tokenIds_.end() && key == nameTok->second && value.isString()) {
                    info.name = value.asString();
                }
            }
            expectedLabelEntries_ += info.labels.size();
            expectedNameEntries_ += info.name ? 1 : 0;
            nodes_.emplace(id, std::move(info));
        });
        checked("nodes", nodes_.size());
    }

    void addPatterns(const std::vector<TokenId>& src, TokenId type,
                     const std::vector<TokenId>& dst) {
        std::vector<TokenId> s(src), d(dst);
        s.push_back(keys::kAnyToken);
        d.push_back(keys::kAnyToken);
        for (TokenId a : s) {
            for (TokenId b : d) {
                if (a == keys::kAnyToken && b == keys::kAnyToken) continue;
                ++patterns_[keys::patternCount(a, type, b)];
                ++patterns_[keys::patternCount(a, keys::kAnyToken, b)];
            }
        }
    }

    void checkEdges() {
        static const NodeInfo kNoNode;
        scan(keys::kEdge, [&](std::string_view k, std::string_view v) {
            if (k.size() != 9)
                return problem("malformed relationship key (" + u64(k.size()) + " bytes)");
            EdgeId id = keys::getU64(k.data() + 1);
            if (id == 0 || id >= nextEdge_)
                problem("relationship " + u64(id) + " is outside the allocated id range");
            codec::EdgeRecord rec;
            try {
                rec = codec::decodeEdge(v);
            } catch (const Error&) {
                return problem("relationship " + u64(id) + ": the record is malformed");
            }
            auto src = nodes_.find(rec.src);
            auto dst = nodes_.find(rec.dst);
            if (src == nodes_.end())
                problem("relationship " + u64(id) + " starts at node " + u64(rec.src) +
                        ", which does not exist");
            if (dst == nodes_.end())
                problem("relationship " + u64(id) + " ends at node " + u64(rec.dst) +
                        ", which does not exist");
            if (!knownToken(rec.type))
                problem("relationship " + u64(id) + " has type id " + u64(rec.type) +
                        ", not in the dictionary");
            for (const auto& [key, value] : rec.props) {
                if (!knownToken(key))
                    problem("relationship " + u64(id) + " has property key id " + u64(key) +
                            ", not in the dictionary");
            }
            ++typeCounts_[rec.type];
            ++degrees_[keys::degreeCount('O', rec.src)];
            ++degrees_[keys::degreeCount('I', rec.dst)];
            if (rec.src == rec.dst) ++degrees_[keys::degreeCount('S', rec.src)];
            addPatterns(src == nodes_.end() ? kNoNode.labels : src->second.labels, rec.type,
                        dst == nodes_.end() ? kNoNode.labels : dst->second.labels);
            edges_.emplace(id, EdgeInfo{rec.src, rec.dst, rec.type});
        });
        checked("relationships", edges_.size());
    }

    // Reports a mismatch between the matching entries of an index and the
    // number the primary records call for; `missing` names each missing one.
    void compareEntryCount(const std::string& index, uint64_t matching, uint64_t expected,
                           const std::function<void()>& missing) {
        if (matching == expected) return;
        problem(index + " has " + u64(matching) + " valid entries but the records call for " +
                u64(expected));
        if (matching < expected) missing();
    }

    void checkLabelIndex() {
        uint64_t total = 0, matching = 0;
        scan(keys::kLabel, [&](std::string_view k, std::string_view) {
            ++total;
            if (k.size() != 13)
                return problem("malformed label index key (" + u64(k.size()) + " bytes)");
            TokenId label = keys::getU32(k.data() + 1);
            NodeId node = keys::getU64(k.data() + 5);
            auto it = nodes_.find(node);
            if (it == nodes_.end() || std::find(it->second.labels.begin(), it->second.labels.end(),
                                                label) == it->second.labels.end()) {
                return problem("label index entry (" + token(label) + ", node " + u64(node) +
                               ") has no node record with that label");
            }
            ++matching;
        });
        compareEntryCount("the label index", matching, expectedLabelEntries_, [&] {
            for (const auto& [id, info] : nodes_) {
                for (TokenId l : info.labels) {
                    if (!raw_.get(keys::label(l, id))) {
                        problem("node " + u64(id) + " has label " + token(l) +
                                " but no label index entry");
                    }
                }
            }
        });
        checked("label index entries", total);
    }

    void checkNameIndex() {
        uint64_t total = 0, matching = 0;
        scan(keys::kName, [&](std::string_view k, std::string_view) {
            ++total;
            if (k.size() < 10 || k[k.size() - 9] != '\0')
                return problem("malformed name index key");
            std::string name(k.substr(1, k.size() - 10));
            NodeId node = keys::getU64(k.data() + k.size() - 8);
            auto it = nodes_.find(node);
            if (it == nodes_.end() || it->second.name != name) {
                return problem("name index entry ('" + name + "', node " + u64(node) +
                               ") has no node record with that name");
            }
            ++matching;
        });
        compareEntryCount("the name index", matching, expectedNameEntries_, [&] {
            for (const auto& [id, info] : nodes_) {
                if (info.name && !raw_.get(keys::name(*info.name, id))) {
                    problem("node " + u64(id) + " is named '" + *info.name +
                            "' but has no name index entry");
                }
            }
        });
        checked("name index entries", total);
    }

    void checkAdjacency(char tag) {
        const bool out = tag == keys::kOut;
        const std::string index =
            out ? "the outgoing adjacency index" : "the incoming adjacency index";
        uint64_t total = 0, matching = 0;
        scan(tag, [&](std::string_view k, std::string_view) {
            ++total;
            if (k.size() != 29) return problem("malformed key in " + index);
            NodeId from = keys::getU64(k.data() + 1);
            TokenId type = keys::getU32(k.data() + 9);
            NodeId to = keys::getU64(k.data() + 13);
            EdgeId edge = keys::getU64(k.data() + 21);
            auto it = edges_.find(edge);
            bool ok = it != edges_.end() && it->second.type == type &&
                      (out ? it->second.src == from && it->second.dst == to
                           : it->second.dst == from && it->second.src == to);
            if (!ok) {
                return problem(index + " entry (node " + u64(from) + ", " + token(type) +
                               ", node " + u64(to) + ", relationship " + u64(edge) +
                               ") has no matching relationship record");
            }
            ++matching;
        });
        compareEntryCount(index, matching, edges_.size(), [&] {
            for (const auto& [id, e] : edges_) {
                auto key = out ? keys::adjacency(tag, e.src, e.type, e.dst, id)
                               : keys::adjacency(tag, e.dst, e.type, e.src, id);
                if (!raw_.get(key))
                    problem("relationship " + u64(id) + " has no entry in " + index);
            }
        });
        checked(out ? "outgoing adjacency entries" : "incoming adjacency entries", total);
    }

    void checkTypeIndex() {
        uint64_t total = 0, matching = 0;
        scan(keys::kType, [&](std::string_view k, std::string_view) {
            ++total;
            if (k.size() != 13) return problem("malformed type index key");
            TokenId type = keys::getU32(k.data() + 1);
            EdgeId edge = keys::getU64(k.data() + 5);
            auto it = edges_.find(edge);
            if (it == edges_.end() || it->second.type != type) {
                return problem("type index entry (" + token(type) + ", relationship " + u64(edge) +
                               ") has no relationship record of that type");
            }
            ++matching;
        });
        compareEntryCount("the type index", matching, edges_.size(), [&] {
            for (const auto& [id, e] : edges_) {
                if (!raw_.get(keys::type(e.type, id))) {
                    problem("relationship " + u64(id) + " has no type index entry");
                }
            }
        });
        checked("type index entries", total);
    }

    std::string describeCount(std::string_view k) const {
        if (k.size() == 2 && k[1] == 'N') return "the node count";
        if (k.size() == 2 && k[1] == 'E') return "the relationship count";
        if (k.size() == 6 && k[1] == 'L')
            return "the count of label " + token(keys::getU32(k.data() + 2));
        if (k.size() == 6 && k[1] == 'T')
            return "the count of type " + token(keys::getU32(k.data() + 2));
        if (k.size() == 10 && (k[1] == 'O' || k[1] == 'I' || k[1] == 'S')) {
            const char* what = k[1] == 'O'   ? "relationships from"
                               : k[1] == 'I' ? "relationships to"
                                             : "self-loops at";
            return std::string("the count of ") + what + " node " + u64(keys::getU64(k.data() + 2));
        }
        if (k.size() == 14 && k[1] == 'P') {
            auto part = [&](size_t at) {
                TokenId t = keys::getU32(k.data() + at);
                return t == keys::kAnyToken ? std::string("any") : token(t);
            };
            return "the pattern count (" + part(2) + ")-[" + part(6) + "]->(" + part(10) + ")";
        }
        return "a malformed count key";
    }

    void checkCounts() {
        std::map<std::string, uint64_t> expected;
        auto expect = [&](std::string key, uint64_t n) {
            if (n > 0) expected.emplace(std::move(key), n);
        };
        expect(keys::count('N'), nodes_.size());
        expect(keys::count('E'), edges_.size());
        for (auto [t, n] : labelCounts_) expect(keys::count('L', t), n);
        for (auto [t, n] : typeCounts_) expect(keys::count('T', t), n);
        for (auto& [k, n] : patterns_) expect(k, n);
        for (auto& [k, n] : degrees_) expect(k, n);
        uint64_t stored = 0;
        scan(keys::kCount, [&](std::string_view k, std::string_view v) {
            ++stored;
            std::string what = describeCount(k);
            if (v.size() != 8) return problem(what + " is malformed");
            uint64_t n = keys::getU64(v.data());
            auto it = expected.find(std::string(k));
            uint64_t want = it == expected.end() ? 0 : it->second;
            if (n != want) problem(what + " is " + u64(n) + " but a recount gives " + u64(want));
            if (it != expected.end()) expected.erase(it);
        });
        for (const auto& [k, n] : expected) {
            problem(describeCount(k) + " is missing; a recount gives " + u64(n));
        }
        checked("counts (recounted)", stored);
    }

    void checkDocuments() {
        std::map<std::pair<EdgeId, std::string>, uint64_t> claimed;  // (fact, document) -> mentions
        std::unordered_map<std::string, bool> documents;
        auto docLabel = tokenIds_.find("Document");
        scan(static_cast<char>(AuxSpace::Document), [&](std::string_view k, std::string_view v) {
            std::string doc(k.substr(1));
            documents.emplace(doc, true);
            StoredDocument rec;
            try {
                rec = decodeStoredDocument(v);
            } catch (const Error&) {
                return problem("document record '" + doc + "' is malformed");
            }
            auto node = nodes_.find(rec.docNode);
            if (node == nodes_.end()) {
                warning("document '" + doc + "': its node " + u64(rec.docNode) +
                        " no longer exists (deleted by a query?)");
            } else if (docLabel == tokenIds_.end() ||
                       std::find(node->second.labels.begin(), node->second.labels.end(),
                                 docLabel->second) == node->second.labels.end()) {
                warning("document '" + doc + "': its node " + u64(rec.docNode) +
                        " has no Document label");
            }
            for (auto [entity, mentions] : rec.entities) {
                if (!nodes_.count(entity)) {
                    warning("document '" + doc + "': entity node " + u64(entity) +
                            " no longer exists");
                }
            }
            for (auto [edge, mentions] : rec.facts) {
                if (!edges_.count(edge)) {
                    warning("document '" + doc + "': fact relationship " + u64(edge) +
                            " no longer exists");
                    continue;
                }
                claimed[{edge, doc}] += mentions;
            }
        });
        checked("documents", documents.size());

        std::map<std::pair<EdgeId, std::string>, uint64_t> found;
        uint64_t mentions = 0;
        scan(static_cast<char>(AuxSpace::Mention), [&](std::string_view k, std::string_view v) {
            ++mentions;
            if (k.size() != 13) return problem("malformed fact mention key");
            EdgeId edge = keys::getU64(k.data() + 1);
            Mention m;
            try {
                m = decodeMention(v);
            } catch (const Error&) {
                return problem("fact mention " + u64(keys::getU32(k.data() + 9)) +
                               " of relationship " + u64(edge) + " is malformed");
            }
            if (!edges_.count(edge)) {
                return problem("fact mention of relationship " + u64(edge) + " (document '" +
                               m.doc + "'): the relationship does not exist");
            }
            if (!documents.count(m.doc)) {
                return problem("fact mention of relationship " + u64(edge) + " names document '" +
                               m.doc + "', which has no document record");
            }
            ++found[{edge, m.doc}];
        });
        for (const auto& [key, n] : claimed) {
            auto it = found.find(key);
            uint64_t have = it == found.end() ? 0 : it->second;
            if (have != n) {
                problem("document '" + key.second + "' added " + u64(n) +
                        " mentions of relationship " + u64(key.first) + " but " + u64(have) +
                        " are stored");
            }
        }
        for (const auto& [key, n] : found) {
            if (!claimed.count(key)) {
                problem(u64(n) + " mentions of relationship " + u64(key.first) +
                        " name document '" + key.second +
                        "', whose record does not list that relationship");
            }
        }
        checked("fact mentions", mentions);
    }

    internal::RawView& raw_;
    size_t maxProblems_;
    CheckReport report_;
    uint64_t nextNode_ = 1, nextEdge_ = 1, nextToken_ = 1;
    std::unordered_map<TokenId, std::string> tokens_;
    std::unordered_map<std::string, TokenId> tokenIds_;
    std::unordered_map<NodeId, NodeInfo> nodes_;
    std::unordered_map<EdgeId, EdgeInfo> edges_;
    std::unordered_map<TokenId, uint64_t> labelCounts_, typeCounts_;
    std::unordered_map<std::string, uint64_t> patterns_;
    std::unordered_map<std::string, uint64_t> degrees_;  // degree count key -> recount
    uint64_t expectedLabelEntries_ = 0, expectedNameEntries_ = 0;
};

}  // namespace

CheckReport checkConsistency(GraphStore& store, size_t maxProblems) {
    // Every block of every table file against its checksum first: a damaged block is named
    // as damage, whichever record it holds (a scan below would stop at it with less to say).
    auto verified = internal::rocksDb(store).VerifyChecksum();
    if (!verified.ok()) {
        CheckReport report;
        report.problems.push_back(internal::describeFailure(verified, "checksum verification"));
        return report;
    }
    auto raw = internal::rawSnapshot(store);
    return Checker(*raw, maxProblems).run();
}

}  // namespace kgraph::storage
