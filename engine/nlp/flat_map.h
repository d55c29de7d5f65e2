// An open-addressing hash map from non-zero 64-bit keys (already hashed) to
// small values. Lookups do not allocate; concurrent reads are safe.
#pragma once

#include <cstdint>
#include <vector>

namespace kgraph::nlp {

template <typename V>
class FlatMap {
public:
    // Inserts or overwrites. REQUIRES: key != 0.
    void set(uint64_t key, V value) {
        if ((size_ + 1) * 2 > slots_.size()) grow();
        size_t i = find(key);
        if (slots_[i].key == 0) ++size_;
        slots_[i] = Slot{key, value};
    }
    const V* get(uint64_t key) const {
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
        uint64_t key = 0;
        V value{};
    };
    size_t find(uint64_t key) const {
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
