#include "storage/document_ingest.h"

#include <algorithm>

#include "engine/common/error.h"
#include "storage/key_format.h"
#include "storage/mention_record.h"
#include "storage/value_codec.h"

namespace kgraph::storage {

namespace {

constexpr std::string_view kMentionedIn = "MENTIONED_IN";

// What a document added, so that it can be taken back.
using DocumentRecord = StoredDocument;

std::string encodeRecord(const DocumentRecord& r) {
    std::string out;
    codec::putString(out, r.sha256);
    codec::putVarint(out, r.docNode);
    codec::putVarint(out, r.entities.size());
    for (auto [n, c] : r.entities) {
        codec::putVarint(out, n);
        codec::putVarint(out, c);
    }
    codec::putVarint(out, r.facts.size());
    for (auto [e, c] : r.facts) {
        codec::putVarint(out, e);
        codec::putVarint(out, c);
    }
    return out;
}

DocumentRecord decodeRecord(std::string_view in) {
    DocumentRecord r;
    size_t pos = 0;
    r.sha256 = std::string(codec::getString(in, pos));
    r.docNode = codec::getVarint(in, pos);
    for (uint64_t i = 0, n = codec::getVarint(in, pos); i < n; ++i) {
        NodeId id = codec::getVarint(in, pos);
        r.entities.emplace_back(id, codec::getVarint(in, pos));
    }
    for (uint64_t i = 0, n = codec::getVarint(in, pos); i < n; ++i) {
        EdgeId id = codec::getVarint(in, pos);
        r.facts.emplace_back(id, codec::getVarint(in, pos));
    }
    return r;
}

int64_t intProp(GraphView& v, NodeId id, std::string_view key) {
    auto p = v.nodeProperty(id, key);
    return p.isInt() ? p.asInt() : 0;
}

std::optional<NodeId> findEntity(GraphView& v, const std::string& label, const std::string& name) {
    std::optional<NodeId> found;
    v.findByName(name, [&](NodeId id) {
        if (v.hasLabel(id, label)) {
            found = id;
            return false;
        }
        return true;
    });
    return found;
}

std::optional<EdgeId> findFact(GraphView& v, NodeId src, NodeId dst, const std::string& type,
                               bool negated, const std::string& modality,
                               const std::string* predicate) {
    std::optional<EdgeId> found;
    v.expand(src, Direction::Outgoing, type, [&](const Adjacent& a) {
        if (a.neighbor != dst) return true;
        auto sources = v.edgeProperty(a.edge, "sources");
        auto neg = v.edgeProperty(a.edge, "negated");
        bool isNeg = neg.isBool() && neg.asBool();
        auto mod = v.edgeProperty(a.edge, "modality");
        std::string hedge = mod.isString() ? std::string(mod.asString()) : std::string();
        bool samePredicate = true;
        if (predicate) {
            auto p = v.edgeProperty(a.edge, "predicate");
            samePredicate = p.isString() ? p.asString() == *predicate : predicate->empty();
        }
        if (sources.isList() && isNeg == negated && hedge == modality && samePredicate) {
            found = a.edge;
            return false;
        }
        return true;
    });
    return found;
}

uint32_t nextMentionSeq(GraphView& v, EdgeId edge) {
    uint32_t next = 0;
    v.scanAux(AuxSpace::Mention, mentionPrefix(edge), [&](std::string_view k, std::string_view) {
        if (k.size() == 12) next = keys::getU32(k.data() + 8) + 1;
        return true;
    });
    return next;
}

void addUnique(PropertyList& list, const std::string& s) {
    for (const auto& v : list) {
        if (v.isString() && v.asString() == s) return;
    }
    list.emplace_back(s);
}

}  // namespace

StoredDocument decodeStoredDocument(std::string_view bytes) { return decodeRecord(bytes); }

std::string encodeStoredDocument(const StoredDocument& record) { return encodeRecord(record); }

std::optional<std::string> storedDocumentHash(GraphView& view, const std::string& docId) {
    auto raw = view.getAux(AuxSpace::Document, docId);
    if (!raw) return std::nullopt;
    return decodeRecord(*raw).sha256;
}

bool removeDocument(WriteTxn& txn, const std::string& docId) {
    auto raw = txn.getAux(AuxSpace::Document, docId);
    if (!raw) return false;
    DocumentRecord rec = decodeRecord(*raw);

    for (auto [edge, added] : rec.facts) {
        if (!txn.edge(edge)) continue;
        // Drop this document's mentions, keep the others'.
        std::vector<std::string> drop;
        txn.scanAux(AuxSpace::Mention, mentionPrefix(edge),
                    [&](std::string_view k, std::string_view v) {
                        if (decodeMention(v).doc == docId) drop.emplace_back(k);
                        return true;
                    });
        for (const auto& k : drop) txn.deleteAux(AuxSpace::Mention, k);
        auto m = txn.edgeProperty(edge, "mentions");
        int64_t left = (m.isInt() ? m.asInt() : 0) - static_cast<int64_t>(added);
        if (left <= 0) {
            txn.deleteEdge(edge);
            continue;
        }
        txn.setEdgeProperty(edge, "mentions", left);
        auto sources = txn.edgeProperty(edge, "sources");
        if (sources.isList()) {
            PropertyList kept;
            for (const auto& s : sources.asList()) {
                if (!(s.isString() && s.asString() == docId)) kept.push_back(s);
            }
            txn.setEdgeProperty(edge, "sources", PropertyValue(std::move(kept)));
        }
        // The evidence sentence may have been this document's: take the first remaining.
        std::optional<Mention> first;
        txn.scanAux(AuxSpace::Mention, mentionPrefix(edge),
                    [&](std::string_view, std::string_view v) {
                        first = decodeMention(v);
                        return false;
                    });
        if (first) txn.setEdgeProperty(edge, "evidence", first->text);
    }
    txn.detachDeleteNode(rec.docNode);
    for (auto [node, added] : rec.entities) {
        if (!txn.node(node)) continue;
        int64_t left = intProp(txn, node, "mentions") - static_cast<int64_t>(added);
        bool hasEdges = false;
        txn.expand(node, Direction::Both, std::nullopt, [&](const Adjacent&) {
            hasEdges = true;
            return false;
        });
        if (left <= 0 && !hasEdges) {
            txn.deleteNode(node);
        } else {
            txn.setNodeProperty(node, "mentions", std::max<int64_t>(left, 0));
        }
    }
    txn.deleteAux(AuxSpace::Document, docId);
    return true;
}

IngestResult ingestDocument(GraphStore& store, const DocumentInput& doc) {
    IngestResult result;
    auto txn = store.write();
    if (auto raw = txn->getAux(AuxSpace::Document, doc.id)) {
        if (decodeRecord(*raw).sha256 == doc.sha256) {
            result.outcome = IngestOutcome::Unchanged;
            return result;
        }
        removeDocument(*txn, doc.id);
        result.outcome = IngestOutcome::Replaced;
    }

    DocumentRecord rec;
    rec.sha256 = doc.sha256;
    PropertyMap docProps{{"id", doc.id},
                         {"title", doc.title},
                         {"path", doc.path},
                         {"sha256", doc.sha256},
                         {"sentences", static_cast<int64_t>(doc.sentences)}};
    if (!doc.published.empty()) docProps["published"] = doc.published;
    rec.docNode = txn->createNode({"Document"}, docProps);

    std::vector<NodeId> entityIds;
    for (const auto& e : doc.entities) {
        NodeId id;
        if (auto found = findEntity(*txn, e.label, e.name)) {
            id = *found;
            txn->setNodeProperty(id, "mentions", intProp(*txn, id, "mentions") + e.mentions);
            auto aliases = txn->nodeProperty(id, "aliases");
            PropertyList list = aliases.isList() ? aliases.asList() : PropertyList{};
            for (const auto& a : e.aliases) addUnique(list, a);
            txn->setNodeProperty(id, "aliases", PropertyValue(std::move(list)));
        } else {
            PropertyList list;
            for (const auto& a : e.aliases) addUnique(list, a);
            id = txn->createNode({e.label}, {{"name", e.name},
                                             {"aliases", PropertyValue(std::move(list))},
                                             {"mentions", static_cast<int64_t>(e.mentions)}});
            ++result.entitiesCreated;
        }
        entityIds.push_back(id);
        rec.entities.emplace_back(id, e.mentions);
        txn->createEdge(id, rec.docNode, kMentionedIn,
                        {{"count", static_cast<int64_t>(e.mentions)}});
    }

    for (const auto& f : doc.facts) {
        if (f.subject >= entityIds.size() || f.object >= entityIds.size()) {
            throw Error("fact refers to an entity that is not in the document",
                        Error::Kind::Internal);
        }
        NodeId src = entityIds[f.subject];
        NodeId dst = entityIds[f.object];
        auto n = static_cast<int64_t>(f.mentions.size());
        EdgeId edge;
        if (auto found = findFact(*txn, src, dst, f.type, f.negated, f.modality,
                                  f.predicateIsIdentity ? &f.predicate : nullptr)) {
            edge = *found;
            auto m = txn->edgeProperty(edge, "mentions");
            txn->setEdgeProperty(edge, "mentions", (m.isInt() ? m.asInt() : 0) + n);
            auto sources = txn->edgeProperty(edge, "sources");
            PropertyList list = sources.isList() ? sources.asList() : PropertyList{};
            addUnique(list, doc.id);
            txn->setEdgeProperty(edge, "sources", PropertyValue(std::move(list)));
            auto c = txn->edgeProperty(edge, "confidence");
            if (!c.isFloat() || c.asFloat() < f.confidence) {
                txn->setEdgeProperty(edge, "confidence", f.confidence);
            }
        } else {
            PropertyMap props{{"mentions", n},
                              {"confidence", f.confidence},
                              {"sources", PropertyList{doc.id}},
                              {"negated", f.negated},
                              {"text", f.text}};
            // No sentence (a hand-written triple) means no evidence, not an empty one.
            if (!f.mentions.empty() && !f.mentions.front().text.empty())
                props["evidence"] = f.mentions.front().text;
            if (!f.attributedTo.empty()) props["attributed_to"] = f.attributedTo;
            if (!f.date.empty()) props["date"] = f.date;
            if (!f.modality.empty()) props["modality"] = f.modality;
            if (!f.predicate.empty()) props["predicate"] = f.predicate;
            if (!f.location.empty()) props["location"] = f.location;
            if (!f.context.empty()) props["context"] = f.context;
            edge = txn->createEdge(src, dst, f.type, props);
            ++result.factsCreated;
        }
        uint32_t seq = nextMentionSeq(*txn, edge);
        for (const auto& m : f.mentions) {
            txn->putAux(AuxSpace::Mention, mentionKey(edge, seq++),
                        encodeMention(Mention{doc.id, m.sentence, m.begin, m.end, m.text}));
        }
        rec.facts.emplace_back(edge, f.mentions.size());
    }
    txn->putAux(AuxSpace::Document, doc.id, encodeRecord(rec));
    txn->commit();
    return result;
}

}  // namespace kgraph::storage
