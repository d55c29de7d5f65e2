// An open-addressing hash map from non-zero integer keys (already hashed;
// 64-bit unless K says otherwise) to small values. Lookups do not allocate; concurrent reads are
// safe.
#pragma once

#include <cstdint>
#include <vector>

namespace kgraph::nlp {

template <typename V, typename K = uint64_t>
class FlatMap {
public:
    // Inserts or overwrites. REQUIRES: key != 0.
    void set(K key, V value) {
        if ((size_ + 1) * 2 > slots_.size()) grow();
        size_t i = find(key);
        if (slots_[i].key == 0) ++size_;
        slots_[i] = Slot{key, value};
    }
    const V* get(K key) const {
        if (slots_.empty()) return nullptr;
        const Slot& s = slots_[find(key)];
        return s.key == key ? &s.value : nullptr;
    }
    size_t size() const { return size_; }
    template <typename F>
    void forEach(F f) const {
        for (const Slot& s : slots_) {
            if (s.key) f(s.key, s.value);
        }
    }

private:
    struct Slot {
        K key = 0;
        V value{};
    };
    size_t find(K key) const {
        size_t mask = slots_.size() - 1;
        size_t i = key & mask;
        while (slots_[i].key != 0 && slots_[i].key != key) i = (i + 1) & mask;
        return i;
    }
    void grow() {
        std::vector<Slot> old = std::move(slots_);
        slots_.assign(old.empty() ? 16 : old.size() * 2, Slot{});
        size_ = 0;
        for (const Slot& s : old) {
            if (s.key) set(s.key, s.value);
        }
    }
    std::vector<Slot> slots_;
    size_t size_ = 0;
};

}  // namespace kgraph::nlp
