// Disjoint sets over 0..n-1 with path halving and union by size (near-constant time per call).
//
// The partition it builds does not depend on the order of unite() calls; which element becomes
// a root does, so callers that need a deterministic order number the sets themselves (e.g. by
// their smallest element).
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace renoplan::analysis {

class UnionFind {
public:
    explicit UnionFind(size_t n) : m_parent(n), m_size(n, 1) {
        for (size_t i = 0; i < n; ++i)
            m_parent[i] = static_cast<uint32_t>(i);
    }

    uint32_t find(uint32_t x) {
        while (m_parent[x] != x) {
            m_parent[x] = m_parent[m_parent[x]]; // path halving
            x = m_parent[x];
        }
        return x;
    }

    // Joins the sets of a and b; returns false when they were already one set.
    bool unite(uint32_t a, uint32_t b) {
        a = find(a);
        b = find(b);
        if (a == b) return false;
        if (m_size[a] < m_size[b]) std::swap(a, b);
        m_parent[b] = a;
        m_size[a] += m_size[b];
        return true;
    }

    size_t size() const { return m_parent.size(); }

private:
    std::vector<uint32_t> m_parent;
    std::vector<uint32_t> m_size;
};

} // namespace renoplan::analysis
