#include "engine/export/entity_resolver.h"

#include <algorithm>
#include <tuple>

#include "engine/export/export_common.h"

namespace kgraph::exporter {

namespace {

std::string fold(const std::string& s) {
    std::string out = s;
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

}  // namespace

EntityResolver::EntityResolver(storage::GraphStore* store) {
    if (store) view_ = store->read();
}

EntityResolver::~EntityResolver() = default;

void EntityResolver::buildIndex() {
    indexed_ = true;
    if (!view_) return;
    view_->scanNodes([&](storage::NodeId id) {
        auto n = view_->node(id);
        if (!n || n->labels.empty() || isDocument(*n)) return true;
        std::string name = stringProp(n->props, "name");
        if (name.empty()) return true;
        auto m = n->props.find("mentions");
        int64_t mentions = m != n->props.end() && m->second.isInt() ? m->second.asInt() : 0;
        size_t at = candidates_.size();
        candidates_.push_back({id, n->labels.front(), name, mentions});
        byName_[name].push_back(at);
        std::vector<std::string> folded{fold(name)};
        if (auto a = n->props.find("aliases"); a != n->props.end() && a->second.isList()) {
            for (const auto& alias : a->second.asList()) {
                if (!alias.isString() || alias.asString().empty()) continue;
                byAlias_[alias.asString()].push_back(at);
                folded.push_back(fold(alias.asString()));
            }
        }
        std::sort(folded.begin(), folded.end());
        folded.erase(std::unique(folded.begin(), folded.end()), folded.end());
        for (const auto& f : folded) byFolded_[f].push_back(at);
        return true;
    });
}

std::optional<ResolvedEntity> EntityResolver::pick(const std::vector<size_t>& found,
                                                   const std::string& label, bool strict) const {
    const Candidate* best = nullptr;
    bool bestLabel = false;
    for (size_t i : found) {
        const Candidate& c = candidates_[i];
        bool sameLabel = !label.empty() && c.label == label;
        if (strict && !label.empty() && !sameLabel) continue;
        auto better = [&] {
            if (!best) return true;
            if (sameLabel != bestLabel) return sameLabel;
            if (c.mentions != best->mentions) return c.mentions > best->mentions;
            return c.id < best->id;
        };
        if (better()) {
            best = &c;
            bestLabel = sameLabel;
        }
    }
    if (!best) return std::nullopt;
    return ResolvedEntity{best->label, best->name};
}

std::optional<ResolvedEntity> EntityResolver::resolve(const std::string& label,
                                                      const std::string& name, bool strict) {
    if (!view_ || name.empty()) return std::nullopt;
    auto key = std::make_tuple(label, name, strict);
    if (auto it = cache_.find(key); it != cache_.end()) return it->second;
    std::optional<ResolvedEntity> out;
    // The exact (label, name) is the common case: the name index answers it without the scan.
    if (!label.empty()) {
        view_->findByName(name, [&](storage::NodeId id) {
            if (view_->hasLabel(id, label) && !view_->hasLabel(id, "Document")) {
                out = ResolvedEntity{label, name};
                return false;
            }
            return true;
        });
    }
    if (!out) {
        if (!indexed_) buildIndex();
        for (const auto* index : {&byName_, &byAlias_, &byFolded_}) {
            auto it = index->find(index == &byFolded_ ? fold(name) : name);
            if (it == index->end()) continue;
            if ((out = pick(it->second, label, strict))) break;
        }
    }
    cache_.emplace(key, out);
    return out;
}

}  // namespace kgraph::exporter
