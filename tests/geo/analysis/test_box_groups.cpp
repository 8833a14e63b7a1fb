// Groups of boxes that meet (the tile-border pieces of spare land, the district closing's cuts)
// against a brute-force computation on random boxes.
#include <catch2/catch.hpp>

#include <random>
#include <vector>

#include "geo/analysis/box_groups.hpp"
#include "geo/analysis/union_find.hpp"

using namespace renoplan;
using namespace renoplan::analysis;

TEST_CASE("box groups: a chain, a gap within and beyond the tolerance", "[districts]") {
    const std::vector<Box> boxes = {{0, 0, 1, 1}, {5, 0, 6, 1}, {1, 0, 2, 1}, {2.0005, 0, 3, 1}};
    CHECK(meeting_box_groups(boxes) ==
          std::vector<std::vector<uint32_t>>{{0, 2}, {1}, {3}}); // 3 is 0.5 mm off 2
    CHECK(meeting_box_groups(boxes, 0.001) == std::vector<std::vector<uint32_t>>{{0, 2, 3}, {1}});
}

TEST_CASE("box groups: the same partition as comparing every pair", "[districts]") {
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> pos(0, 1000), size(1, 40);
    std::vector<Box> boxes;
    for (int i = 0; i < 400; ++i) {
        const double x = pos(rng), y = pos(rng);
        boxes.push_back({x, y, x + size(rng), y + size(rng)});
    }
    const double tolerance = 2.0;
    UnionFind brute(boxes.size());
    for (uint32_t a = 0; a < boxes.size(); ++a)
        for (uint32_t b = a + 1; b < boxes.size(); ++b)
            if (boxes[a].buffered(tolerance).intersects(boxes[b])) brute.unite(a, b);
    const auto groups = meeting_box_groups(boxes, tolerance);
    size_t total = 0;
    for (const auto& g : groups) {
        total += g.size();
        for (const uint32_t k : g)
            CHECK(brute.find(k) == brute.find(g.front()));
    }
    CHECK(total == boxes.size());
    // As many groups as brute force has sets.
    size_t roots = 0;
    for (uint32_t k = 0; k < boxes.size(); ++k)
        if (brute.find(k) == k) ++roots;
    CHECK(groups.size() == roots);
    CHECK(groups.size() > 50);
    CHECK(groups.size() < boxes.size());
}
