#include <catch2/catch.hpp>

#include <random>

#include "geo/index/strtree.hpp"

using namespace renoplan;

TEST_CASE("STR tree queries equal a brute-force scan", "[strtree]") {
    std::mt19937_64 rng(42);
    std::uniform_real_distribution<double> pos(0, 10000), size(0, 80);
    for (size_t n : {0u, 1u, 15u, 16u, 17u, 257u, 20000u}) {
        std::vector<Box> boxes;
        for (size_t k = 0; k < n; ++k) {
            const double x = pos(rng), y = pos(rng);
            boxes.push_back({x, y, x + size(rng), y + size(rng)});
        }
        StrTree tree;
        tree.build(boxes);
        CHECK(tree.size() == n);
        for (int q = 0; q < 50; ++q) {
            const double x = pos(rng), y = pos(rng), w = size(rng) * 10;
            const Box query{x, y, x + w, y + w};
            std::vector<uint32_t> expected;
            for (size_t k = 0; k < n; ++k)
                if (boxes[k].intersects(query)) expected.push_back(static_cast<uint32_t>(k));
            CHECK(tree.query(boxes, query) == expected);
        }
    }
}

TEST_CASE("STR tree early stop", "[strtree]") {
    std::vector<Box> boxes(100, Box{0, 0, 1, 1});
    StrTree tree;
    tree.build(boxes);
    int visited = 0;
    tree.query(boxes, Box{0, 0, 1, 1}, [&](uint32_t) { return ++visited < 3; });
    CHECK(visited == 3);
}
