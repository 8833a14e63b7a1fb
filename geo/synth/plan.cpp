#include "geo/synth/plan.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "geo/synth/names.hpp"

namespace renoplan::synth::detail {

namespace {

constexpr double kTwoPi = 2.0 * std::numbers::pi;
constexpr double kRiverStep = 40.0;     // m between bank samples
constexpr double kRiverMargin = 50.0;   // m of riverside green between water and residential land
constexpr double kRiverCentreAt = 0.70; // share of the town width west of the river

double smoothstep(double t) {
    return t * t * (3.0 - 2.0 * t);
}

double round_to(double v, double step) {
    return std::round(v / step) * step;
}

} // namespace

// [SECTION] River

River::River(uint64_t seed, double centre_x, double y_min, double y_max, double town_width)
    : m_y0(y_min), m_step(kRiverStep) {
    Rng rng(seed, Tag::River, {});
    const double amp1 = std::min(520.0, 0.09 * town_width + 60.0);
    const double amp2 = 0.35 * amp1;
    const double len1 = rng.uniform(4800, 6000), len2 = rng.uniform(1900, 2500);
    const double len3 = rng.uniform(2600, 3400);
    const double ph1 = rng.uniform(0, kTwoPi), ph2 = rng.uniform(0, kTwoPi);
    const double ph3 = rng.uniform(0, kTwoPi);
    const size_t n = static_cast<size_t>(std::ceil((y_max - y_min) / m_step)) + 1;
    m_left.resize(n);
    m_right.resize(n);
    for (size_t k = 0; k < n; ++k) {
        const double y = y_min + m_step * static_cast<double>(k);
        const double cx = centre_x + amp1 * std::sin(kTwoPi * y / len1 + ph1) +
                          amp2 * std::sin(kTwoPi * y / len2 + ph2);
        // Horizontal width; the channel is narrower across its own direction where it slants.
        const double w = 430.0 + 70.0 * std::sin(kTwoPi * y / len3 + ph3);
        // On the millimetre grid the writer uses, so clipping sees the banks as written.
        m_left[k] = std::round((cx - 0.5 * w) * 1000.0) / 1000.0;
        m_right[k] = std::round((cx + 0.5 * w) * 1000.0) / 1000.0;
    }
}

double River::sample(const std::vector<double>& v, double y) const {
    const double t = (y - m_y0) / m_step;
    if (t <= 0) return v.front();
    const size_t k = static_cast<size_t>(t);
    if (k + 1 >= v.size()) return v.back();
    const double f = t - static_cast<double>(k);
    return v[k] + (v[k + 1] - v[k]) * f;
}

std::pair<double, double> River::span(double y0, double y1) const {
    const double t0 = std::floor((y0 - m_y0) / m_step), t1 = std::ceil((y1 - m_y0) / m_step);
    const long last = static_cast<long>(m_left.size()) - 1;
    const long k0 = std::clamp(static_cast<long>(t0), 0L, last);
    const long k1 = std::clamp(static_cast<long>(t1), 0L, last);
    double lo = INFINITY, hi = -INFINITY;
    for (long k = k0; k <= k1; ++k) {
        lo = std::min(lo, m_left[static_cast<size_t>(k)]);
        hi = std::max(hi, m_right[static_cast<size_t>(k)]);
    }
    return {lo, hi};
}

bool River::near(double x0, double x1, double y0, double y1, double margin) const {
    const auto [lo, hi] = span(y0, y1);
    return x1 >= lo - margin && x0 <= hi + margin;
}

Ring River::polygon() const {
    Ring ring;
    ring.reserve(2 * m_left.size());
    for (size_t k = 0; k < m_left.size(); ++k)
        ring.push_back({m_left[k], m_y0 + m_step * static_cast<double>(k)});
    for (size_t k = m_right.size(); k-- > 0;)
        ring.push_back({m_right[k], m_y0 + m_step * static_cast<double>(k)});
    // Left bank northwards then right bank southwards runs clockwise; generated rings are CCW.
    std::reverse(ring.begin(), ring.end());
    return ring;
}

Ring River::stretch(double y0, double y1, double widen) const {
    const long last = static_cast<long>(m_left.size()) - 1;
    const long k0 = std::clamp(static_cast<long>(std::floor((y0 - m_y0) / m_step)) - 2, 0L, last);
    const long k1 = std::clamp(static_cast<long>(std::ceil((y1 - m_y0) / m_step)) + 2, 0L, last);
    Ring ring;
    for (long k = k1; k >= k0; --k)
        ring.push_back(
            {m_left[static_cast<size_t>(k)] - widen, m_y0 + m_step * static_cast<double>(k)});
    for (long k = k0; k <= k1; ++k)
        ring.push_back(
            {m_right[static_cast<size_t>(k)] + widen, m_y0 + m_step * static_cast<double>(k)});
    return ring;
}

Line River::bank_line(bool east, double offset, double y0, double y1) const {
    Line line;
    for (size_t k = 0; k < m_left.size(); ++k) {
        const double y = m_y0 + m_step * static_cast<double>(k);
        if (y < y0 || y > y1) continue;
        line.push_back({east ? m_right[k] + offset : m_left[k] - offset, y});
    }
    return line;
}

// [SECTION] Grid

TownPlan::TownPlan(uint64_t seed, Vec2 centre, int cols, int rows)
    : m_seed(seed), m_centre(centre), m_cols(cols), m_rows(rows) {
    // Uneven spacing: old-town blocks are 150-300 m across between road centre lines.
    std::vector<double> xs(static_cast<size_t>(cols) + 1), ys(static_cast<size_t>(rows) + 1);
    for (int i = 0; i < cols; ++i) {
        Rng rng(seed, Tag::ColumnWidth, {static_cast<uint64_t>(i)});
        xs[static_cast<size_t>(i) + 1] = xs[static_cast<size_t>(i)] + rng.uniform(175, 320);
    }
    for (int j = 0; j < rows; ++j) {
        Rng rng(seed, Tag::RowHeight, {static_cast<uint64_t>(j)});
        ys[static_cast<size_t>(j) + 1] = ys[static_cast<size_t>(j)] + rng.uniform(170, 300);
    }
    const double width = xs.back(), height = ys.back();
    const double x0 = centre.x - 0.5 * width, y0 = centre.y - 0.5 * height;

    // A gentle displacement field bends streets over a few blocks; jitter makes every block
    // an irregular quadrilateral.
    Rng town(seed, Tag::Town, {});
    const double amp = 45.0;
    const double lx = town.uniform(2000, 2800), ly = town.uniform(2200, 3000);
    const double px = town.uniform(0, kTwoPi), py = town.uniform(0, kTwoPi);
    m_nodes.resize(static_cast<size_t>(cols + 1) * static_cast<size_t>(rows + 1));
    for (int j = 0; j <= rows; ++j) {
        for (int i = 0; i <= cols; ++i) {
            Rng rng(seed, Tag::Node, {static_cast<uint64_t>(i), static_cast<uint64_t>(j)});
            const double bx = x0 + xs[static_cast<size_t>(i)], by = y0 + ys[static_cast<size_t>(j)];
            const double jitter = 20.0;
            const double dx = amp * std::sin(kTwoPi * by / ly + px) + rng.uniform(-jitter, jitter);
            const double dy = amp * std::sin(kTwoPi * bx / lx + py) + rng.uniform(-jitter, jitter);
            m_nodes[static_cast<size_t>(j) * static_cast<size_t>(cols + 1) +
                    static_cast<size_t>(i)] = {bx + dx, by + dy};
        }
    }
    for (const Vec2& p : m_nodes)
        m_extent.add(p);

    // Road classes repeat with a seeded phase: an arterial every sixth line, a secondary road
    // halfway between, branch streets elsewhere.
    const int phase_v = town.range(0, 5), phase_h = town.range(0, 5);
    auto make_line = [&](int index, int phase, int stem_index, int east_stem_index) {
        Rng rng(seed, Tag::Line, {static_cast<uint64_t>(stem_index)});
        GridLine line;
        const int p = (index + phase) % 6;
        line.road_class = p == 0   ? RoadClass::Arterial
                          : p == 3 ? RoadClass::Secondary
                                   : RoadClass::Branch;
        switch (line.road_class) {
        case RoadClass::Arterial:
            line.width_m = round_to(rng.uniform(40, 50), 0.5);
            line.suffix = rng.chance(0.25) ? "大道" : "路";
            break;
        case RoadClass::Secondary:
            line.width_m = round_to(rng.uniform(24, 30), 0.5);
            line.suffix = "路";
            break;
        default:
            line.width_m = round_to(rng.uniform(12, 18), 0.5);
            line.suffix = rng.chance(0.4) ? "街" : "路";
            break;
        }
        line.stem = road_stem(seed, stem_index);
        line.east_stem = east_stem_index >= 0 ? road_stem(seed, east_stem_index) : line.stem;
        return line;
    };
    for (int i = 0; i <= cols; ++i)
        m_vlines.push_back(make_line(i, phase_v, i, -1));
    for (int j = 0; j <= rows; ++j)
        m_hlines.push_back(make_line(j, phase_h, cols + 1 + j, cols + rows + 2 + j));

    // The river runs north-south a little east of the middle, beyond the grid at both ends.
    const double river_x = x0 + kRiverCentreAt * width;
    m_river = River(seed, river_x, m_extent.min_y - 400.0, m_extent.max_y + 400.0, width);
    m_west_mid_x = 0.5 * (x0 + river_x);

    // Arterials cross the river on bridges; a small town gets at least its middle line.
    m_bridge_ordinal.assign(static_cast<size_t>(rows) + 1, 0);
    for (int j = 0; j <= rows; ++j)
        if (m_hlines[static_cast<size_t>(j)].road_class == RoadClass::Arterial)
            m_bridge_ordinal[static_cast<size_t>(j)] = ++m_bridge_count;
    if (m_bridge_count == 0) m_bridge_ordinal[static_cast<size_t>(rows / 2)] = ++m_bridge_count;

    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c)
            m_capacity += block(c, r).community_slots;
}

TownPlan TownPlan::fit(uint64_t seed, Vec2 centre, int communities) {
    // About 2.4 communities per block once parks, schools and the river are taken out.
    int cols = std::max(3, static_cast<int>(std::ceil(std::sqrt(communities / 2.4 / 1.1))) + 1);
    auto rows_for = [](int c) { return std::max(3, static_cast<int>(std::lround(c * 1.1))); };
    TownPlan best(seed, centre, cols, rows_for(cols));
    while (best.capacity() < communities) {
        const double ratio = std::sqrt(static_cast<double>(communities) /
                                       static_cast<double>(std::max<int64_t>(1, best.capacity())));
        // Small grids grow a column at a time (the river may take most of a tiny one).
        cols = cols < 24 ? cols + 1
                         : std::max(cols + 1, static_cast<int>(std::ceil(cols * ratio * 1.01)));
        best = TownPlan(seed, centre, cols, rows_for(cols));
    }
    // Grids grow in steps; among nearby ones with room, take the one that leaves the fewest
    // lots vacant (the capacity grows about linearly with the number of rows).
    const int found_cols = cols;
    for (int c = std::max(3, found_cols - 2); c <= found_cols; ++c) {
        const TownPlan probe(seed, centre, c, rows_for(c));
        const double per_row = static_cast<double>(probe.capacity()) / rows_for(c);
        if (per_row <= 0) continue;
        const int guess = static_cast<int>(std::ceil(communities / per_row));
        const int lo = std::max({3, guess - 1, (4 * c) / 5});
        const int hi = std::min(guess + 3, (3 * c) / 2);
        for (int r = lo; r <= hi; ++r) {
            TownPlan candidate(seed, centre, c, r);
            if (candidate.capacity() < communities) continue;
            if (candidate.capacity() < best.capacity()) best = std::move(candidate);
            break;
        }
    }
    return best;
}

RoadClass TownPlan::segment_class(const GridLine& line, bool vertical, int i, int j) const {
    if (line.road_class != RoadClass::Branch) return line.road_class;
    // Some branch-street stretches are only lanes (小区道路/巷) between neighbouring blocks.
    Rng rng(m_seed, Tag::Segment,
            {vertical ? 1u : 0u, static_cast<uint64_t>(i), static_cast<uint64_t>(j)});
    return rng.chance(0.18) ? RoadClass::Local : RoadClass::Branch;
}

double TownPlan::segment_width(const GridLine& line, RoadClass cls, bool vertical, int i,
                               int j) const {
    if (cls != RoadClass::Local) return line.width_m;
    Rng rng(m_seed, Tag::Segment,
            {vertical ? 3u : 2u, static_cast<uint64_t>(i), static_cast<uint64_t>(j)});
    return round_to(rng.uniform(4, 7), 0.5);
}

Segment TownPlan::h_segment(int i, int j) const {
    const GridLine& line = m_hlines[static_cast<size_t>(j)];
    Segment s;
    s.from = node(i, j);
    s.to = node(i + 1, j);
    s.road_class = segment_class(line, false, i, j);
    s.width_m = segment_width(line, s.road_class, false, i, j);
    const double m = 0.5 * s.width_m + 8.0;
    if (m_river.near(std::min(s.from.x, s.to.x), std::max(s.from.x, s.to.x),
                     std::min(s.from.y, s.to.y), std::max(s.from.y, s.to.y), m)) {
        if (m_bridge_ordinal[static_cast<size_t>(j)] > 0) {
            s.bridge = true;
            if (s.road_class == RoadClass::Local) {
                s.road_class = RoadClass::Branch;
                s.width_m = line.width_m;
            }
        } else {
            s.present = false;
        }
    }
    return s;
}

Segment TownPlan::v_segment(int i, int j) const {
    const GridLine& line = m_vlines[static_cast<size_t>(i)];
    Segment s;
    s.from = node(i, j);
    s.to = node(i, j + 1);
    s.road_class = segment_class(line, true, i, j);
    s.width_m = segment_width(line, s.road_class, true, i, j);
    const double m = 0.5 * s.width_m + 8.0;
    if (m_river.near(std::min(s.from.x, s.to.x), std::max(s.from.x, s.to.x),
                     std::min(s.from.y, s.to.y), std::max(s.from.y, s.to.y), m))
        s.present = false;
    return s;
}

std::string TownPlan::h_name(int i, int j) const {
    const Segment s = h_segment(i, j);
    const GridLine& line = m_hlines[static_cast<size_t>(j)];
    const int bridge = m_bridge_ordinal[static_cast<size_t>(j)];
    const Vec2 mid = lerp(s.from, s.to, 0.5);
    const bool east = mid.x > m_river.centre_at(mid.y);
    if (s.bridge && !east && mid.x > m_river.left_at(mid.y) - 0.5 * s.width_m)
        return "涪江" + chinese_number(bridge) + "桥";
    if (s.bridge && east && mid.x < m_river.right_at(mid.y) + 0.5 * s.width_m)
        return "涪江" + chinese_number(bridge) + "桥";
    const std::string& stem = east && bridge == 0 ? line.east_stem : line.stem;
    if (s.road_class == RoadClass::Local) {
        Rng rng(m_seed, Tag::Names, {0, static_cast<uint64_t>(i), static_cast<uint64_t>(j)});
        return rng.chance(0.5) ? stem + "巷" : std::string();
    }
    std::string section;
    if (!east && line.suffix != "大道" && m_cols >= 8) section = mid.x < m_west_mid_x ? "西" : "东";
    return stem + section + line.suffix;
}

std::string TownPlan::v_name(int i, int j) const {
    const Segment s = v_segment(i, j);
    const GridLine& line = m_vlines[static_cast<size_t>(i)];
    if (s.road_class == RoadClass::Local) {
        Rng rng(m_seed, Tag::Names, {1, static_cast<uint64_t>(i), static_cast<uint64_t>(j)});
        return rng.chance(0.5) ? line.stem + "巷" : std::string();
    }
    std::string section;
    if (line.suffix != "大道") {
        if (m_rows >= 9)
            section = j < m_rows / 3 ? "南" : j < 2 * m_rows / 3 ? "中" : "北";
        else if (m_rows >= 5)
            section = j < m_rows / 2 ? "南" : "北";
    }
    return line.stem + section + line.suffix;
}

// [SECTION] Blocks

BlockLayout TownPlan::block(int c, int r) const {
    BlockLayout b;
    b.c = c;
    b.r = r;
    b.quad = {node(c, r), node(c + 1, r), node(c + 1, r + 1), node(c, r + 1)};
    const double half[4] = {0.5 * h_segment(c, r).width_m, 0.5 * v_segment(c + 1, r).width_m,
                            0.5 * h_segment(c, r + 1).width_m, 0.5 * v_segment(c, r).width_m};
    if (auto land = inset_convex(b.quad, half, 20.0)) {
        b.land = std::move(*land);
        b.land_ok = true;
    }
    const Bounds qb = bounds_of(b.quad);
    const Vec2 mid = centroid(b.quad);
    if (mid.x > m_river.centre_at(mid.y))
        b.county = County::Jingkai;
    else if (m_cols >= 8 && c < static_cast<int>(0.15 * m_cols))
        b.county = County::Anju;
    else
        b.county = County::Chuanshan;

    Rng rng(m_seed, Tag::Block, {static_cast<uint64_t>(c), static_cast<uint64_t>(r)});
    if (!b.land_ok || m_river.near(qb.min_x, qb.max_x, qb.min_y, qb.max_y, kRiverMargin)) {
        b.kind = BlockKind::Riverside;
        return b;
    }
    static constexpr double kind_weights[] = {0.04, 0.045, 0.025, 0.012, 0.878};
    switch (rng.weighted(kind_weights)) {
    case 0:
        b.kind = BlockKind::Park;
        return b;
    case 1:
        b.kind = BlockKind::School;
        return b;
    case 2:
        b.kind = BlockKind::Commercial;
        return b;
    case 3:
        b.kind = BlockKind::Hospital;
        return b;
    default:
        b.kind = BlockKind::Residential;
        break;
    }

    // Cells: 1-3 across each way, so a cell (a community's lot) is roughly 70-130 m wide.
    const double w = 0.5 * (length(b.land[1] - b.land[0]) + length(b.land[2] - b.land[3]));
    const double h = 0.5 * (length(b.land[3] - b.land[0]) + length(b.land[2] - b.land[1]));
    b.nu = std::clamp(static_cast<int>(std::lround(w / rng.uniform(88, 135))), 1, 3);
    b.nv = std::clamp(static_cast<int>(std::lround(h / rng.uniform(88, 135))), 1, 3);
    if (b.nu == 3 && b.nv == 3) b.nv = 2; // every cell keeps a street frontage
    auto cuts = [&](int n, std::vector<double>& first, std::vector<double>& second) {
        first.assign(static_cast<size_t>(n) + 1, 0.0);
        second.assign(static_cast<size_t>(n) + 1, 0.0);
        first[static_cast<size_t>(n)] = second[static_cast<size_t>(n)] = 1.0;
        for (int k = 1; k < n; ++k) {
            const double t = static_cast<double>(k) / n + rng.uniform(-0.07, 0.07);
            first[static_cast<size_t>(k)] = t;
            second[static_cast<size_t>(k)] = t + rng.uniform(-0.06, 0.06);
        }
    };
    cuts(b.nu, b.south_cuts, b.north_cuts);
    cuts(b.nv, b.west_cuts, b.east_cuts);
    auto gaps = [&](int n, std::vector<double>& gap) {
        gap.assign(static_cast<size_t>(n) + 1, 0.0);
        for (int k = 1; k < n; ++k) {
            const double x = rng.uniform();
            gap[static_cast<size_t>(k)] = x < 0.5    ? 0.0
                                          : x < 0.75 ? round_to(rng.uniform(4, 7), 0.5)
                                                     : round_to(rng.uniform(10, 24), 1.0);
        }
    };
    gaps(b.nu, b.ugap);
    gaps(b.nv, b.vgap);
    // Fences stand on or just behind the red line, or a few metres back.
    for (double& s : b.setback)
        s = rng.chance(0.25) ? round_to(rng.uniform(0.5, 1.5), 0.5)
                             : round_to(rng.uniform(2, 8), 0.5);

    static constexpr double use_weights[] = {0.80, 0.05, 0.035, 0.02, 0.02, 0.035, 0.03, 0.01};
    b.cells.resize(static_cast<size_t>(b.nu * b.nv));
    for (auto& cell : b.cells) {
        cell = static_cast<CellUse>(rng.weighted(use_weights));
        if (cell == CellUse::Community) ++b.community_slots;
    }
    return b;
}

double TownPlan::service_density(Vec2 p) const {
    auto lattice = [&](double spacing, uint64_t octave) {
        const double gx = (p.x - m_extent.min_x) / spacing, gy = (p.y - m_extent.min_y) / spacing;
        const double fx = std::floor(gx), fy = std::floor(gy);
        const auto ix = static_cast<int64_t>(fx), iy = static_cast<int64_t>(fy);
        auto value = [&](int64_t x, int64_t y) {
            Rng rng(
                m_seed, Tag::Noise,
                {octave, static_cast<uint64_t>(x + 1000000), static_cast<uint64_t>(y + 1000000)});
            return rng.uniform();
        };
        const double tx = smoothstep(gx - fx), ty = smoothstep(gy - fy);
        const double v0 = value(ix, iy) + (value(ix + 1, iy) - value(ix, iy)) * tx;
        const double v1 = value(ix, iy + 1) + (value(ix + 1, iy + 1) - value(ix, iy + 1)) * tx;
        return v0 + (v1 - v0) * ty;
    };
    const double n = 0.7 * lattice(900.0, 0) + 0.3 * lattice(350.0, 1);
    // Stretch so that whole neighbourhoods are poorly served (0) and others well (1).
    return std::clamp((n - 0.33) / 0.36, 0.0, 1.0);
}

} // namespace renoplan::synth::detail
