#include "engine/export/import_documents.h"

#include "engine/export/export_common.h"
#include "storage/document_ingest.h"

namespace kgraph::exporter {

std::map<std::string, storage::NodeId> documentNodes(storage::WriteTxn& txn) {
    std::map<std::string, storage::NodeId> out;
    txn.scanLabel("Document", [&](storage::NodeId id) {
        auto v = txn.nodeProperty(id, "id");
        if (v.isString()) out.emplace(v.asString(), id);
        return true;
    });
    return out;
}

uint64_t recordImportedDocuments(storage::WriteTxn& txn, const FactsByDocument& facts) {
    if (facts.empty()) return 0;
    auto nodes = documentNodes(txn);
    uint64_t made = 0;
    for (const auto& [id, edges] : facts) {
        storage::StoredDocument rec;
        if (auto raw = txn.getAux(storage::AuxSpace::Document, id)) {
            rec = storage::decodeStoredDocument(*raw);
        } else {
            auto it = nodes.find(id);
            if (it == nodes.end()) {
                storage::NodeId n = txn.createNode(
                    {"Document"},
                    {{"id", id}, {"title", id}, {"path", id}, {"sentences", int64_t{0}}});
                it = nodes.emplace(id, n).first;
                ++made;
            }
            rec.docNode = it->second;
            auto sha = txn.nodeProperty(rec.docNode, "sha256");
            rec.sha256 =
                sha.isString() && !sha.asString().empty() ? sha.asString() : "import:" + id;
            txn.expand(rec.docNode, storage::Direction::Incoming, "MENTIONED_IN",
                       [&](const storage::Adjacent& a) {
                           auto c = txn.edgeProperty(a.edge, "count");
                           rec.entities.emplace_back(
                               a.neighbor, c.isInt() ? static_cast<uint64_t>(c.asInt()) : 0);
                           return true;
                       });
        }
        for (const auto& e : edges) rec.facts.push_back(e);
        txn.putAux(storage::AuxSpace::Document, id, storage::encodeStoredDocument(rec));
    }
    return made;
}

}  // namespace kgraph::exporter
