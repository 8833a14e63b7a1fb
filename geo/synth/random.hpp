// Deterministic random numbers for the synthetic town.
//
// std::uniform_*_distribution gives different sequences on different standard libraries, so the
// generator uses its own: splitmix64 to derive seeds, xoshiro256** for streams, and plain
// arithmetic to map them onto ranges. Every entity (a grid line, a block, a community) draws from
// its own stream keyed by (seed, tag, indices), so the result does not depend on the order in
// which entities are generated.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <span>

namespace renoplan::synth::detail {

inline uint64_t splitmix64(uint64_t& state) {
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

// A well-mixed 64-bit key from a seed and a list of integers.
inline uint64_t hash_key(uint64_t seed, std::initializer_list<uint64_t> parts) {
    uint64_t state = seed;
    uint64_t h = splitmix64(state);
    for (uint64_t p : parts) {
        state = h ^ (p + 0x632BE59BD9B4E019ull);
        h = splitmix64(state);
    }
    return h;
}

// Stream tags: one per kind of entity, so that streams never collide.
enum class Tag : uint64_t {
    Town = 1,
    ColumnWidth,
    RowHeight,
    Node,
    Line,
    Segment,
    Block,
    BlockDetail,
    Cell,
    Community,
    Pipe,
    Facility,
    Noise,
    Names,
    River,
};

class Rng {
public:
    explicit Rng(uint64_t seed) {
        uint64_t state = seed;
        for (auto& word : m_s)
            word = splitmix64(state);
    }
    // A stream for one entity.
    Rng(uint64_t seed, Tag tag, std::initializer_list<uint64_t> indices)
        : Rng(keyed(seed, tag, indices)) {}

    static uint64_t keyed(uint64_t seed, Tag tag, std::initializer_list<uint64_t> indices) {
        uint64_t h = hash_key(seed, {static_cast<uint64_t>(tag)});
        for (uint64_t i : indices)
            h = hash_key(h, {i});
        return h;
    }

    // xoshiro256**
    uint64_t next() {
        const uint64_t result = rotl(m_s[1] * 5, 7) * 9;
        const uint64_t t = m_s[1] << 17;
        m_s[2] ^= m_s[0];
        m_s[3] ^= m_s[1];
        m_s[1] ^= m_s[2];
        m_s[0] ^= m_s[3];
        m_s[2] ^= t;
        m_s[3] = rotl(m_s[3], 45);
        return result;
    }

    // [0, 1)
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    // [lo, hi)
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    // lo..hi inclusive
    int range(int lo, int hi) {
        const uint64_t span = static_cast<uint64_t>(hi - lo) + 1;
        return lo + static_cast<int>((next() >> 32) * span >> 32);
    }
    size_t index(size_t n) { return static_cast<size_t>((next() >> 32) * n >> 32); }
    bool chance(double p) { return uniform() < p; }
    // Roughly normal (sum of uniforms), mean 0, standard deviation 1.
    double normal() {
        double s = 0;
        for (int i = 0; i < 4; ++i)
            s += uniform();
        return (s - 2.0) * 1.7320508075688772;
    }
    template <class T>
    const T& pick(std::span<const T> items) {
        return items[index(items.size())];
    }
    // An index drawn with the given weights (not necessarily normalised).
    size_t weighted(std::span<const double> weights) {
        double total = 0;
        for (double w : weights)
            total += w;
        double x = uniform() * total;
        for (size_t i = 0; i < weights.size(); ++i) {
            if (x < weights[i]) return i;
            x -= weights[i];
        }
        return weights.size() - 1;
    }

private:
    static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    uint64_t m_s[4];
};

} // namespace renoplan::synth::detail
