// One block of the town: its lots (cells), the communities on them with their slab buildings,
// internal roads and service branches, the zoning parcels tiling the block, ponds, facilities.
//
// Index:
//   [SECTION] Helpers           cell grid, land-use indicators, GEOS clipping along the river
//   [SECTION] Buildings         slab rows with sunlight spacing inside a community
//   [SECTION] Communities       attributes, shape, buildings, branches
//   [SECTION] Blocks            residential, special (park, school, ...) and riverside blocks
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "geo/core/geos.hpp"
#include "geo/synth/generator.hpp"

namespace renoplan::synth::detail {

namespace {

// [SECTION] Helpers

double round2(double v) {
    return std::round(v * 100.0) / 100.0;
}

// Corner points of the cells of a residential block, shared bit for bit by neighbouring cells.
class CellGrid {
public:
    explicit CellGrid(const BlockLayout& b) : m_nu(b.nu), m_nv(b.nv) {
        const Vec2 l0 = b.land[0], l1 = b.land[1], l2 = b.land[2], l3 = b.land[3];
        m_points.resize(static_cast<size_t>((b.nu + 1) * (b.nv + 1)));
        auto at = [](const std::vector<double>& v, int k) { return v[static_cast<size_t>(k)]; };
        for (int j = 0; j <= b.nv; ++j) {
            for (int i = 0; i <= b.nu; ++i) {
                Vec2 p;
                const bool west = i == 0, east = i == b.nu, south = j == 0, north = j == b.nv;
                if (south)
                    p = west ? l0 : east ? l1 : lerp(l0, l1, at(b.south_cuts, i));
                else if (north)
                    p = west ? l3 : east ? l2 : lerp(l3, l2, at(b.north_cuts, i));
                else if (west)
                    p = lerp(l0, l3, at(b.west_cuts, j));
                else if (east)
                    p = lerp(l1, l2, at(b.east_cuts, j));
                else {
                    const Vec2 s = lerp(l0, l1, at(b.south_cuts, i)),
                               n = lerp(l3, l2, at(b.north_cuts, i));
                    const Vec2 w = lerp(l0, l3, at(b.west_cuts, j)),
                               e = lerp(l1, l2, at(b.east_cuts, j));
                    p = intersect_lines(s, n - s, w, e - w)
                            .value_or(lerp(s, n, at(b.west_cuts, j)));
                }
                m_points[index(i, j)] = p;
            }
        }
    }
    Vec2 at(int i, int j) const { return m_points[index(i, j)]; }
    // The block's outline through every grid point on it, so neighbours meet vertex to vertex.
    Ring boundary() const {
        Ring ring;
        for (int i = 0; i < m_nu; ++i)
            ring.push_back(at(i, 0));
        for (int j = 0; j < m_nv; ++j)
            ring.push_back(at(m_nu, j));
        for (int i = m_nu; i > 0; --i)
            ring.push_back(at(i, m_nv));
        for (int j = m_nv; j > 0; --j)
            ring.push_back(at(0, j));
        return ring;
    }
    Ring cell(int i, int j) const {
        return {at(i, j), at(i + 1, j), at(i + 1, j + 1), at(i, j + 1)};
    }

private:
    size_t index(int i, int j) const { return static_cast<size_t>(j * (m_nu + 1) + i); }
    int m_nu, m_nv;
    std::vector<Vec2> m_points;
};

LandUse land_use_of(CellUse use) {
    switch (use) {
    case CellUse::Community:
    case CellUse::Vacant:
        return LandUse::R2;
    case CellUse::Service:
    case CellUse::Kindergarten:
        return LandUse::R22;
    case CellUse::Market:
        return LandUse::B1;
    case CellUse::Parking:
        return LandUse::S42;
    case CellUse::Park:
        return LandUse::G1;
    case CellUse::Utility:
        return LandUse::U1;
    }
    return LandUse::R2;
}

// Control indicators of a 控规 parcel, typical for Sichuan cities.
void set_indicators(ParcelRecord& p, Rng& rng) {
    auto pick = [&](std::initializer_list<double> v) {
        return *(v.begin() + static_cast<long>(rng.index(v.size())));
    };
    switch (p.use) {
    case LandUse::R2:
        p.far_max = round2(rng.uniform(1.8, 2.8));
        p.density_max = pick({0.28, 0.30, 0.32, 0.35});
        p.green_min = pick({0.25, 0.30, 0.35});
        p.height_max_m = pick({24, 30, 36, 45, 54, 60});
        break;
    case LandUse::R22:
        p.far_max = round2(rng.uniform(1.0, 2.0));
        p.density_max = pick({0.35, 0.40, 0.45});
        p.green_min = pick({0.20, 0.25, 0.30});
        p.height_max_m = pick({18, 24});
        break;
    case LandUse::A33:
        p.far_max = round2(rng.uniform(0.8, 1.2));
        p.density_max = pick({0.25, 0.30, 0.35});
        p.green_min = 0.35;
        p.height_max_m = 24;
        break;
    case LandUse::A5:
        p.far_max = round2(rng.uniform(1.5, 2.5));
        p.density_max = 0.35;
        p.green_min = 0.35;
        p.height_max_m = 45;
        break;
    case LandUse::B1:
        p.far_max = round2(rng.uniform(2.5, 4.0));
        p.density_max = pick({0.45, 0.50, 0.55});
        p.green_min = pick({0.15, 0.20});
        p.height_max_m = pick({60, 80, 100});
        break;
    case LandUse::S1:
        p.has_indicators = false;
        break;
    case LandUse::S42:
        p.far_max = 0.5;
        p.density_max = 0.10;
        p.green_min = 0.10;
        p.height_max_m = 15;
        break;
    case LandUse::G1:
    case LandUse::G2:
        p.far_max = 0.05;
        p.density_max = pick({0.03, 0.05});
        p.green_min = pick({0.65, 0.70});
        p.height_max_m = pick({6, 8});
        break;
    case LandUse::U1:
        p.far_max = 0.8;
        p.density_max = 0.40;
        p.green_min = 0.25;
        p.height_max_m = 15;
        break;
    }
}

// An irregular pond around `centre`, star-shaped so the ring is simple, within `radius`.
Ring pond_ring(Vec2 centre, double radius, Rng& rng) {
    constexpr int kVertices = 18;
    const double p1 = rng.uniform(0, 6.283), p2 = rng.uniform(0, 6.283);
    const double squash = rng.uniform(0.65, 1.0), turn = rng.uniform(0, 3.1416);
    Ring ring;
    for (int k = 0; k < kVertices; ++k) {
        const double t = 6.283185307179586 * k / kVertices;
        const double r = radius * (0.8 + 0.12 * std::sin(2 * t + p1) + 0.07 * std::sin(3 * t + p2));
        const Vec2 local{r * std::cos(t), r * std::sin(t) * squash};
        ring.push_back(centre + from_frame(local, {std::cos(turn), std::sin(turn)}));
    }
    return ring;
}

// [SECTION] GEOS helpers (riverside land minus the river)

// Clipping keeps 1 cm clear of the banks, so snapping to the millimetre grid the writer uses
// cannot reach into the water.
constexpr double kRiverClearance = 0.01;

GEOSGeometry* geos_ring(GEOSContextHandle_t ctx, const Ring& ring) {
    GEOSCoordSequence* seq = GEOSCoordSeq_create_r(ctx, static_cast<unsigned>(ring.size() + 1), 2);
    for (size_t k = 0; k <= ring.size(); ++k) {
        const Vec2 p = ring[k % ring.size()];
        GEOSCoordSeq_setXY_r(ctx, seq, static_cast<unsigned>(k), p.x, p.y);
    }
    return GEOSGeom_createLinearRing_r(ctx, seq);
}

GeosGeometryPtr geos_polygon(GEOSContextHandle_t ctx, const Ring& ring,
                             const Ring* hole = nullptr) {
    GEOSGeometry* holes[1] = {hole ? geos_ring(ctx, *hole) : nullptr};
    return make_geos_ptr(ctx, GEOSGeom_createPolygon_r(ctx, geos_ring(ctx, ring),
                                                       hole ? holes : nullptr, hole ? 1 : 0));
}

Ring ring_from_geos(GEOSContextHandle_t ctx, const GEOSGeometry* ring) {
    const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(ctx, ring);
    unsigned n = 0;
    GEOSCoordSeq_getSize_r(ctx, seq, &n);
    Ring out;
    for (unsigned k = 0; k + 1 < n; ++k) {
        double x = 0, y = 0;
        GEOSCoordSeq_getXY_r(ctx, seq, k, &x, &y);
        out.push_back({x, y});
    }
    return out;
}

// Calls fn(part, outer ring, holes, area) for each polygon of `a` less `b`, snapped to the
// millimetre grid (which keeps it valid), that is at least `min_area` large.
template <class Fn>
void for_each_part(GEOSContextHandle_t ctx, const GEOSGeometry* a, const GEOSGeometry* b,
                   double min_area, Fn fn) {
    GeosGeometryPtr rest = make_geos_ptr(ctx, GEOSDifference_r(ctx, a, b));
    if (!rest) throw std::runtime_error("GEOS: riverside difference failed");
    GeosGeometryPtr snapped =
        make_geos_ptr(ctx, GEOSGeom_setPrecision_r(ctx, rest.get(), 0.001, 0));
    if (!snapped) throw std::runtime_error("GEOS: riverside snapping failed");
    const int parts = GEOSGetNumGeometries_r(ctx, snapped.get());
    for (int k = 0; k < parts; ++k) {
        const GEOSGeometry* part = GEOSGetGeometryN_r(ctx, snapped.get(), k);
        if (GEOSGeomTypeId_r(ctx, part) != GEOS_POLYGON) continue;
        double area = 0;
        GEOSArea_r(ctx, part, &area);
        if (area < min_area) continue;
        std::vector<Ring> holes;
        const int n_holes = GEOSGetNumInteriorRings_r(ctx, part);
        for (int h = 0; h < n_holes; ++h)
            holes.push_back(ring_from_geos(ctx, GEOSGetInteriorRingN_r(ctx, part, h)));
        fn(part, ring_from_geos(ctx, GEOSGetExteriorRing_r(ctx, part)), std::move(holes), area);
    }
}

// [SECTION] Buildings

struct CommunityStyle {
    bool self_built = false;
    int year = 1990;
    int base_floors = 6;
    bool tall = false;        // 8-11 floors with lifts
    double unit_area_m2 = 85; // floor area per household
};

struct PlacedBuildings {
    std::vector<BuildingRecord> buildings;
    std::vector<std::pair<double, double>> rows; // placed row bands (v from, v to) in the frame
};

Ring frame_rect(double u0, double v0, double u1, double v1, Vec2 origin, Vec2 axis) {
    return {origin + from_frame({u0, v0}, axis), origin + from_frame({u1, v0}, axis),
            origin + from_frame({u1, v1}, axis), origin + from_frame({u0, v1}, axis)};
}

BuildingRecord make_building(Ring ring, int floors, const CommunityStyle& style, Rng& rng) {
    BuildingRecord b;
    b.ring = std::move(ring);
    b.floors = floors;
    b.built_year = style.year + (rng.chance(0.85) ? rng.range(0, 1) : rng.range(2, 8));
    if (style.self_built) {
        b.has_elevator = false;
        b.structure = Structure::BrickConcrete;
    } else {
        b.has_elevator = floors >= 8 ? rng.chance(0.97) : rng.chance(0.04);
        const double brick = floors >= 8           ? 0.0
                             : b.built_year < 1995 ? 0.85
                             : b.built_year < 2000 ? 0.6
                                                   : 0.15;
        b.structure = rng.chance(brick) ? Structure::BrickConcrete : Structure::Frame;
    }
    const double floor_area = std::abs(signed_area(b.ring)) * floors;
    const double per_household = style.self_built ? rng.uniform(110, 170) : style.unit_area_m2;
    b.households = std::max(1, static_cast<int>(std::lround(floor_area / per_household)));
    return b;
}

int row_floors(const CommunityStyle& style, Rng& rng) {
    if (style.self_built) return rng.chance(0.1) ? 4 : rng.range(2, 3);
    int f = style.base_floors;
    const double x = rng.uniform();
    if (x < 0.12)
        --f;
    else if (x < 0.22)
        ++f;
    return style.tall ? std::clamp(f, 8, 11) : std::clamp(f, 4, 7);
}

// Rows of slabs (or of small houses for self-built areas) facing south across the community's
// axis, spaced for sunlight (1.0-1.3 times the height of the southern row), with gable gaps of
// 6-12 m (fire separation between multi-storey blocks is 6 m), some slabs and rows left out as
// courtyards.
PlacedBuildings place_buildings(const Ring& inner, Vec2 axis, const CommunityStyle& style,
                                Rng& rng) {
    PlacedBuildings out;
    const Vec2 origin = centroid(inner);
    Ring f;
    f.reserve(inner.size());
    for (const Vec2& p : inner)
        f.push_back(to_frame(p - origin, axis));
    double v_min = INFINITY, v_max = -INFINITY;
    for (const Vec2& p : f) {
        v_min = std::min(v_min, p.y);
        v_max = std::max(v_max, p.y);
    }
    const double min_len = style.self_built ? 9.0 : 24.0;
    double v = v_min + rng.uniform(0.0, 3.0);
    for (int row = 0;; ++row) {
        const int floors = row_floors(style, rng);
        const double depth = style.self_built ? rng.uniform(10, 16) : rng.uniform(10, 14);
        if (v + depth > v_max) break;
        const auto c0 = chord_at(f, v), c1 = chord_at(f, v + depth);
        const double height = floors * 3.0 + 0.6;
        const double next =
            v + depth + (style.self_built ? rng.uniform(4, 8) : rng.uniform(1.0, 1.3) * height);
        const bool skip_row = row > 0 && rng.chance(0.05);
        if (c0 && c1 && !skip_row) {
            const double lo = std::max(c0->first, c1->first), hi = std::min(c0->second, c1->second);
            double u = lo + rng.uniform(0.0, style.self_built ? 2.0 : 4.0);
            bool placed = false;
            while (hi - u >= min_len) {
                double len;
                if (style.self_built) {
                    len = std::min(rng.uniform(9, 15), hi - u);
                } else {
                    // 2-5 stair units (单元) of 12-15 m, mostly 3 or 4.
                    static constexpr double unit_weights[] = {0.2, 0.35, 0.3, 0.15};
                    const double unit = rng.uniform(12, 15);
                    int units = 2 + static_cast<int>(rng.weighted(unit_weights));
                    while (units > 2 && u + units * unit > hi)
                        --units;
                    len = units * unit;
                    if (u + len > hi) break;
                }
                if (!rng.chance(style.self_built ? 0.12 : 0.06)) {
                    out.buildings.push_back(make_building(
                        frame_rect(u, v, u + len, v + depth, origin, axis), floors, style, rng));
                    placed = true;
                }
                u += len + (style.self_built ? rng.uniform(3, 6) : rng.uniform(6, 12));
            }
            if (placed) out.rows.emplace_back(v, v + depth);
        }
        v = next;
    }
    if (!out.buildings.empty()) return out;

    // A small or narrow lot: one building in the middle, a shrunken copy of the lot at worst.
    const double depth = std::min(12.0, 0.6 * (v_max - v_min));
    const double vm = 0.5 * (v_min + v_max) - 0.5 * depth;
    const auto c0 = chord_at(f, vm), c1 = chord_at(f, vm + depth);
    if (depth >= 6.0 && c0 && c1) {
        const double lo = std::max(c0->first, c1->first), hi = std::min(c0->second, c1->second);
        if (hi - lo >= 10.0) {
            const double len = std::min(hi - lo - 2.0, 40.0), mid = 0.5 * (lo + hi);
            out.buildings.push_back(make_building(
                frame_rect(mid - 0.5 * len, vm, mid + 0.5 * len, vm + depth, origin, axis),
                row_floors(style, rng), style, rng));
            out.rows.emplace_back(vm, vm + depth);
            return out;
        }
    }
    Ring shrunk;
    for (const Vec2& p : inner)
        shrunk.push_back(lerp(origin, p, 0.5));
    out.buildings.push_back(make_building(std::move(shrunk), row_floors(style, rng), style, rng));
    return out;
}

// The direction of the community edge closest to east-west: slab rows run along it.
Vec2 community_axis(const Ring& ring) {
    Vec2 best{1, 0};
    double best_score = -1;
    for (size_t k = 0; k < ring.size(); ++k) {
        const Vec2 d = ring[(k + 1) % ring.size()] - ring[k];
        if (length(d) < 20.0) continue;
        const Vec2 u = normalized(d);
        if (std::abs(u.x) > best_score) {
            best_score = std::abs(u.x);
            best = u.x < 0 ? Vec2{-u.x, -u.y} : u;
        }
    }
    return best;
}

int community_year(Rng& rng, double p_old) {
    if (rng.chance(p_old)) {
        static constexpr double w[] = {0.06, 0.14, 0.22, 0.27, 0.31};
        const int bin = static_cast<int>(rng.weighted(w));
        return 1975 + 5 * bin + rng.range(0, 4);
    }
    return rng.range(2000, 2012);
}

} // namespace

// [SECTION] Communities and blocks

TownGenerator::TownGenerator(const TownPlan& plan, int communities, TownSink& sink)
    : m_plan(plan), m_sink(sink), m_target(communities) {}

bool TownGenerator::take_slot() {
    // Spread the surplus lots evenly over the town: lot k is left vacant when the running share
    // of surplus steps up at k.
    const int64_t capacity = m_plan.capacity();
    const int64_t surplus = capacity - m_target;
    const int64_t k = m_slot++;
    return (k + 1) * surplus / capacity == k * surplus / capacity;
}

std::string TownGenerator::block_stem(const BlockLayout& b) const {
    return m_plan.h_stem(b.r, b.county == County::Jingkai);
}

std::string TownGenerator::street_stem(const BlockLayout& b, Rng& rng) const {
    const bool east = b.county == County::Jingkai;
    switch (rng.range(0, 3)) {
    case 0:
        return m_plan.h_stem(b.r, east);
    case 1:
        return m_plan.h_stem(b.r + 1, east);
    case 2:
        return m_plan.v_line(b.c).stem;
    default:
        return m_plan.v_line(b.c + 1).stem;
    }
}

std::string TownGenerator::parcel_id(const BlockLayout& b, int k) const {
    const char* prefix = b.county == County::Jingkai ? "JK"
                         : b.county == County::Anju  ? "AJ"
                                                     : "CS";
    char text[48];
    std::snprintf(text, sizeof text, "%s-%03d-%03d-%02d", prefix, b.c + 1, b.r + 1, k);
    return text;
}

void TownGenerator::block(int c, int r) {
    const BlockLayout layout = m_plan.block(c, r);
    switch (layout.kind) {
    case BlockKind::Riverside:
        riverside(layout);
        break;
    case BlockKind::Residential:
        residential(layout);
        break;
    default:
        special(layout);
        break;
    }
    road_parcel(layout);
}

namespace {

struct FacilityDraw {
    FacilityKind kind;
    double base;
    double per_density;
};

} // namespace

void TownGenerator::residential(const BlockLayout& b) {
    const uint64_t seed = m_plan.seed();
    const auto uc = static_cast<uint64_t>(b.c), ur = static_cast<uint64_t>(b.r);
    Rng brng(seed, Tag::BlockDetail, {uc, ur});
    const CellGrid grid(b);
    const std::string stem = block_stem(b);
    const Bounds ext = m_plan.extent();
    const double half_size = 0.5 * std::max(ext.max_x - ext.min_x, ext.max_y - ext.min_y);

    std::vector<CellUse> uses = b.cells;
    for (auto& use : uses)
        if (use == CellUse::Community && !take_slot()) use = CellUse::Vacant;

    std::vector<Ring> community_rings;
    for (int j = 0; j < b.nv; ++j) {
        for (int i = 0; i < b.nu; ++i) {
            if (uses[static_cast<size_t>(j * b.nu + i)] != CellUse::Community) continue;
            const auto ui = static_cast<uint64_t>(i), uj = static_cast<uint64_t>(j);
            Rng rng(seed, Tag::Community, {uc, ur, ui, uj});
            const Ring cell = grid.cell(i, j);
            const size_t nu = static_cast<size_t>(b.nu);
            const auto& ug = b.ugap;
            const auto& vg = b.vgap;
            const auto ii = static_cast<size_t>(i), jj = static_cast<size_t>(j);
            const double inset[4] = {j == 0 ? b.setback[0] : 0.5 * vg[jj],
                                     ii + 1 == nu ? b.setback[1] : 0.5 * ug[ii + 1],
                                     j == b.nv - 1 ? b.setback[2] : 0.5 * vg[jj + 1],
                                     i == 0 ? b.setback[3] : 0.5 * ug[ii]};
            const bool on_street[4] = {j == 0, ii + 1 == nu, j == b.nv - 1, i == 0};
            bool free_edge[4];
            for (int e = 0; e < 4; ++e)
                free_edge[e] = on_street[e] || inset[e] > 0;
            const Ring quad = inset_convex(cell, inset, 15.0).value_or(cell);

            // Which street the community's services come from, and its name.
            int sides[4], n_sides = 0;
            for (int e = 0; e < 4; ++e)
                if (on_street[e]) sides[n_sides++] = e;
            const int side = sides[rng.index(static_cast<size_t>(n_sides))];
            const bool east = b.county == County::Jingkai;
            const std::string& street_stem = side == 0   ? m_plan.h_stem(b.r, east)
                                             : side == 2 ? m_plan.h_stem(b.r + 1, east)
                                             : side == 1 ? m_plan.v_line(b.c + 1).stem
                                                         : m_plan.v_line(b.c).stem;

            // Attributes. About 70 % before 2000: older near the centre, newer in the east.
            CommunityRecord rec;
            rec.county = b.county;
            const double dist = length(centroid(cell) - m_plan.centre()) / half_size;
            const double p_old = east ? 0.5 : 0.88 - 0.12 * std::min(1.0, dist);
            rec.self_built = rng.chance(0.04);
            rec.built_year = rec.self_built ? rng.range(1980, 1998) : community_year(rng, p_old);
            rec.expropriation_planned = rng.chance(rec.self_built ? 0.25 : 0.025);
            rec.name = m_names.unique(
                community_base_name(rng, street_stem, rec.built_year, rec.self_built));
            {
                const double x = rng.uniform();
                const bool old = rec.built_year < 2000;
                rec.year_style = x < 0.47   ? YearStyle::Plain
                                 : x < 0.77 ? YearStyle::WithNian
                                 : x < 0.86 ? (old ? YearStyle::Decade : YearStyle::Plain)
                                 : x < 0.90 ? YearStyle::Approx
                                 : x < 0.94 ? YearStyle::Decimal
                                 : x < 0.97 ? YearStyle::BlankText
                                            : YearStyle::Null;
            }
            {
                static constexpr double before_1990[] = {0.10, 0.30, 0.20, 0.40};
                static constexpr double nineties[] = {0.30, 0.25, 0.20, 0.25};
                static constexpr double later[] = {0.75, 0.05, 0.10, 0.10};
                const size_t m = rng.weighted(rec.built_year < 1990   ? before_1990
                                              : rec.built_year < 2000 ? nineties
                                                                      : later);
                rec.management = static_cast<Management>(m);
            }

            // Shape: a few corners cut (corner plazas, lanes), mostly at block corners.
            Ring ring = quad;
            for (int k = 3; k >= 0; --k) {
                const int before = (k + 3) % 4;
                if (!free_edge[before] || !free_edge[k]) continue;
                const bool block_corner = on_street[before] && on_street[k];
                if (!rng.chance(block_corner ? 0.45 : 0.12)) continue;
                const double shortest = std::min(
                    length(quad[static_cast<size_t>(k)] - quad[static_cast<size_t>(before)]),
                    length(quad[static_cast<size_t>((k + 1) % 4)] - quad[static_cast<size_t>(k)]));
                const double cut = std::min(rng.uniform(8, 20), 0.2 * shortest);
                if (cut >= 4.0) ring = chamfer(ring, static_cast<size_t>(k), cut);
            }

            // Buildings inside a setback from the fence.
            CommunityStyle style;
            style.self_built = rec.self_built;
            style.year = rec.built_year;
            if (!rec.self_built) {
                if (rec.built_year >= 2000) {
                    style.tall = rng.chance(0.3);
                    style.base_floors = style.tall ? rng.range(8, 11) : rng.range(6, 7);
                } else {
                    static constexpr double w[] = {0.10, 0.25, 0.45, 0.20};
                    style.base_floors = 4 + static_cast<int>(rng.weighted(w));
                }
                style.unit_area_m2 = rec.built_year < 1990   ? rng.uniform(60, 78)
                                     : rec.built_year < 2000 ? rng.uniform(72, 95)
                                                             : rng.uniform(88, 115);
            }
            const double setback = rec.self_built ? rng.uniform(3.0, 5.0) : rng.uniform(4.0, 7.0);
            const std::vector<double> setbacks(ring.size(), setback);
            Ring inner = inset_convex(ring, setbacks, 8.0).value_or(Ring{});
            if (inner.empty()) {
                const std::vector<double> small(ring.size(), 3.0);
                inner = inset_convex(ring, small, 4.0).value_or(Ring{});
            }
            if (inner.empty()) {
                const Vec2 o = centroid(ring);
                for (const Vec2& p : ring)
                    inner.push_back(lerp(o, p, 0.7));
            }
            const Vec2 axis = community_axis(ring);
            PlacedBuildings placed = place_buildings(inner, axis, style, rng);
            for (const BuildingRecord& building : placed.buildings) {
                m_sink.building(building, rec.name);
                rec.households += building.households;
                rec.floor_area_m2 += std::abs(signed_area(building.ring)) * building.floors;
            }
            rec.buildings = static_cast<int>(placed.buildings.size());
            rec.floor_area_m2 = round2(rec.floor_area_m2);

            // Owner consent, spread around the double-2/3 threshold: some exactly 66.67, some
            // exactly 2/3 of the households (just above or below when not divisible by 3).
            {
                const double x = rng.uniform();
                if (x < 0.06) {
                    // not surveyed yet: blank
                } else if (x < 0.12) {
                    rec.consent_area_pct = 66.67;
                    rec.consent_owner_pct = 66.67;
                } else if (x < 0.18) {
                    const int h = rec.households;
                    const int k = (2 * h) / 3 + ((2 * h) % 3 != 0 && rng.chance(0.5) ? 1 : 0);
                    rec.consent_owner_pct = 100.0 * k / h;
                    rec.consent_area_pct = rng.chance(0.5) ? 200.0 / 3.0 : 66.66;
                } else if (x < 0.21) {
                    rec.consent_area_pct = 66.66;
                    rec.consent_owner_pct = round2(rng.uniform(60, 90));
                } else {
                    const double area = std::clamp(76.0 + 11.0 * rng.normal(), 40.0, 99.5);
                    rec.consent_area_pct = round2(area);
                    rec.consent_owner_pct =
                        round2(std::clamp(area + 5.0 * rng.normal(), 40.0, 100.0));
                }
            }

            // A community road along the first courtyard.
            if (placed.rows.size() >= 2) {
                const double vm = 0.5 * (placed.rows[0].second + placed.rows[1].first);
                const Vec2 origin = centroid(inner);
                Ring f;
                for (const Vec2& p : ring)
                    f.push_back(to_frame(p - origin, axis));
                if (const auto ch = chord_at(f, vm)) {
                    RoadRecord road;
                    road.road_class = RoadClass::Local;
                    road.width_m = std::round(rng.uniform(4, 6) * 2.0) / 2.0;
                    road.line = {origin + from_frame({ch->first, vm}, axis),
                                 origin + from_frame({ch->second, vm}, axis)};
                    m_sink.road(road);
                }
            }

            // Service branches from the street's trunk lines into the community.
            {
                const Vec2 e0 = quad[static_cast<size_t>(side)];
                const Vec2 e1 = quad[static_cast<size_t>((side + 1) % 4)];
                const Vec2 dir = normalized(e1 - e0);
                const double edge_len = length(e1 - e0);
                const bool vertical = side == 1 || side == 3;
                const int si = side == 1 ? b.c + 1 : b.c;
                const int sj = side == 2 ? b.r + 1 : b.r;
                const Segment seg = vertical ? m_plan.v_segment(si, sj) : m_plan.h_segment(si, sj);
                const Vec2 sd = normalized(seg.to - seg.from);
                for (int k = 0; k < kPipeKindCount; ++k) {
                    const auto kind = static_cast<PipeKind>(k);
                    if (kind == PipeKind::Storm && !rng.chance(0.5)) continue;
                    if (kind == PipeKind::Gas && rec.self_built && !rng.chance(0.4)) continue;
                    if (kind == PipeKind::CableTv && !rng.chance(0.8)) continue;
                    const PipeSpec trunk = trunk_pipe(m_plan, seg, vertical, si, sj, kind);
                    if (!trunk.present) continue;
                    PipelineRecord pipe;
                    pipe.kind = kind;
                    pipe.install_year = rec.built_year + rng.range(0, 1);
                    if (rec.built_year < 2000 && rng.chance(0.3))
                        pipe.install_year = rng.range(2010, 2022);
                    const bool wire = kind == PipeKind::Power || kind == PipeKind::Telecom ||
                                      kind == PipeKind::CableTv;
                    if (wire && rng.chance(pipe.install_year < 2005 ? 0.55 : 0.1))
                        pipe.laying = Laying::Overhead;
                    switch (kind) {
                    case PipeKind::WaterSupply:
                        pipe.diameter_mm = rng.chance(0.5) ? 75 : 100;
                        break;
                    case PipeKind::Sewage:
                        pipe.diameter_mm = rng.chance(0.5) ? 200 : 300;
                        break;
                    case PipeKind::Storm:
                        pipe.diameter_mm = rng.chance(0.5) ? 300 : 400;
                        break;
                    case PipeKind::Gas:
                        pipe.diameter_mm = rng.chance(0.5) ? 63 : 90;
                        break;
                    case PipeKind::Power:
                        pipe.diameter_mm = pipe.laying == Laying::Overhead ? 25 : 100;
                        break;
                    case PipeKind::Telecom:
                        pipe.diameter_mm = pipe.laying == Laying::Overhead ? 15 : 50;
                        break;
                    case PipeKind::CableTv:
                        pipe.diameter_mm = pipe.laying == Laying::Overhead ? 10 : 50;
                        break;
                    }
                    pipe.material = pipe_material(kind, pipe.install_year, rng);
                    const double t = 0.28 + 0.06 * k;
                    const Vec2 at_edge = lerp(e0, e1, t);
                    const Vec2 inside = at_edge + left_normal(dir) * 2.0;
                    const double along = std::min(rng.uniform(10, 30), (0.92 - t) * edge_len);
                    const Vec2 at_trunk = seg.from + sd * dot(at_edge - seg.from, sd) +
                                          left_normal(sd) * trunk.offset_m;
                    pipe.line = {at_trunk, inside, inside + dir * along};
                    m_sink.pipeline(pipe);
                }
            }

            rec.ring = std::move(ring);
            community_rings.push_back(rec.ring);
            m_sink.community(rec);
            ++m_communities;
        }
    }

    // Lanes (巷) along cuts where neighbouring lots leave a lane-wide gap.
    auto lane = [&](Vec2 from, Vec2 to, double width) {
        RoadRecord road;
        road.road_class = RoadClass::Local;
        road.width_m = width;
        road.name = brng.chance(0.3) ? stem + "巷" : std::string();
        road.line = {from, to};
        m_sink.road(road);
    };
    for (int k = 1; k < b.nu; ++k) {
        const double g = b.ugap[static_cast<size_t>(k)];
        if (g >= 4.0 && g < 8.0) lane(grid.at(k, 0), grid.at(k, b.nv), g);
    }
    for (int k = 1; k < b.nv; ++k) {
        const double g = b.vgap[static_cast<size_t>(k)];
        if (g >= 4.0 && g < 8.0) lane(grid.at(0, k), grid.at(b.nu, k), g);
    }

    // Ponds in some pocket parks; facilities in service, kindergarten, market and park lots.
    std::vector<std::vector<Ring>> holes(uses.size());
    auto facility = [&](FacilityKind kind, Vec2 at) {
        FacilityRecord f;
        f.kind = kind;
        f.name = facility_name(brng, kind, street_stem(b, brng));
        f.at = at;
        m_sink.facility(f);
    };
    for (int j = 0; j < b.nv; ++j) {
        for (int i = 0; i < b.nu; ++i) {
            const size_t k = static_cast<size_t>(j * b.nu + i);
            const Ring cell = grid.cell(i, j);
            const Vec2 mid = centroid(cell);
            const double room = inner_distance(cell, mid);
            switch (uses[k]) {
            case CellUse::Park:
                if (room > 30.0 && brng.chance(0.3)) {
                    WaterRecord pond;
                    pond.kind = WaterKind::Pond;
                    pond.name = stem + (brng.chance(0.5) ? "塘" : "池");
                    pond.ring = pond_ring(mid, std::min(0.5 * room, 45.0), brng);
                    holes[k].push_back(pond.ring);
                    m_sink.water(pond);
                    facility(FacilityKind::Fitness, mid + Vec2{0.0, 0.75 * room});
                } else if (brng.chance(0.7)) {
                    facility(FacilityKind::Fitness, mid);
                }
                break;
            case CellUse::Service: {
                const FacilityKind kinds[] = {FacilityKind::CommunityService,
                                              FacilityKind::ElderlyCare, FacilityKind::Clinic,
                                              FacilityKind::Childcare};
                const double chance[] = {0.7, 0.5, 0.4, 0.3};
                int n = 0;
                for (int q = 0; q < 4; ++q) {
                    if (!brng.chance(chance[q])) continue;
                    facility(kinds[q], mid + Vec2{-9.0 + 6.0 * q, 4.0 * (q % 2)});
                    ++n;
                }
                if (n == 0) facility(FacilityKind::CommunityService, mid);
                break;
            }
            case CellUse::Kindergarten:
                facility(FacilityKind::Kindergarten, mid);
                if (brng.chance(0.3)) facility(FacilityKind::Childcare, mid + Vec2{8.0, 0.0});
                break;
            case CellUse::Market:
                facility(FacilityKind::Market, mid);
                if (brng.chance(0.5))
                    facility(FacilityKind::ConvenienceStore, mid + Vec2{10.0, 0.0});
                break;
            default:
                break;
            }
        }
    }

    // Shops and services in the ground floors along the street, more where the neighbourhood
    // is well served (the density field), few or none elsewhere.
    const double density = m_plan.service_density(centroid(b.land));
    auto somewhere = [&]() {
        if (community_rings.empty()) {
            const Vec2 mid = centroid(b.land);
            const double room = inner_distance(b.land, mid);
            return mid + Vec2{brng.uniform(-0.4, 0.4) * room, brng.uniform(-0.4, 0.4) * room};
        }
        const Ring& ring = community_rings[brng.index(community_rings.size())];
        const size_t e = brng.index(ring.size());
        const Vec2 p0 = ring[e], p1 = ring[(e + 1) % ring.size()];
        return lerp(p0, p1, brng.uniform(0.3, 0.7)) + left_normal(normalized(p1 - p0)) * 2.5;
    };
    const int stores = static_cast<int>(density * 2.2 + brng.uniform());
    for (int s = 0; s < stores; ++s)
        facility(FacilityKind::ConvenienceStore, somewhere());
    static constexpr FacilityDraw draws[] = {
        {FacilityKind::ExpressDelivery, 0.10, 0.60}, {FacilityKind::Fitness, 0.08, 0.40},
        {FacilityKind::ElderlyCare, 0.03, 0.20},     {FacilityKind::Childcare, 0.02, 0.12},
        {FacilityKind::Clinic, 0.03, 0.15},          {FacilityKind::CommunityService, 0.04, 0.20},
        {FacilityKind::Market, 0.02, 0.10},          {FacilityKind::Kindergarten, 0.02, 0.08}};
    for (const FacilityDraw& d : draws)
        if (brng.chance(d.base + d.per_density * density)) facility(d.kind, somewhere());

    // Zoning parcels tile the block: one parcel when every lot has the same use, otherwise
    // runs of equal use along each row of lots. Shared corners are the grid's own points, so
    // parcels meet exactly.
    Rng zrng(seed, Tag::BlockDetail, {uc, ur, 1});
    int parcel_no = 0;
    auto emit_parcel = [&](LandUse use, Ring ring, std::vector<Ring> parcel_holes) {
        ParcelRecord p;
        p.use = use;
        p.parcel_id = parcel_id(b, ++parcel_no);
        set_indicators(p, zrng);
        p.ring = std::move(ring);
        p.holes = std::move(parcel_holes);
        m_sink.parcel(p);
    };
    bool uniform = true;
    for (const auto use : uses)
        uniform = uniform && land_use_of(use) == land_use_of(uses[0]);
    if (uniform) {
        Ring ring = grid.boundary();
        std::vector<Ring> all_holes;
        for (auto& h : holes)
            all_holes.insert(all_holes.end(), h.begin(), h.end());
        emit_parcel(land_use_of(uses[0]), std::move(ring), std::move(all_holes));
    } else {
        for (int j = 0; j < b.nv; ++j) {
            int i0 = 0;
            while (i0 < b.nu) {
                const LandUse use = land_use_of(uses[static_cast<size_t>(j * b.nu + i0)]);
                int i1 = i0;
                while (i1 + 1 < b.nu &&
                       land_use_of(uses[static_cast<size_t>(j * b.nu + i1 + 1)]) == use)
                    ++i1;
                Ring ring;
                std::vector<Ring> run_holes;
                for (int i = i0; i <= i1 + 1; ++i)
                    ring.push_back(grid.at(i, j));
                for (int i = i1 + 1; i >= i0; --i)
                    ring.push_back(grid.at(i, j + 1));
                for (int i = i0; i <= i1; ++i) {
                    auto& h = holes[static_cast<size_t>(j * b.nu + i)];
                    run_holes.insert(run_holes.end(), h.begin(), h.end());
                }
                emit_parcel(use, std::move(ring), std::move(run_holes));
                i0 = i1 + 1;
            }
        }
    }
}

void TownGenerator::special(const BlockLayout& b) {
    const auto uc = static_cast<uint64_t>(b.c), ur = static_cast<uint64_t>(b.r);
    Rng rng(m_plan.seed(), Tag::BlockDetail, {uc, ur});
    const std::string stem = block_stem(b);
    const Vec2 mid = centroid(b.land);
    const double room = inner_distance(b.land, mid);
    auto facility = [&](FacilityKind kind, Vec2 at) {
        FacilityRecord f;
        f.kind = kind;
        f.name = facility_name(rng, kind, street_stem(b, rng));
        f.at = at;
        m_sink.facility(f);
    };
    ParcelRecord p;
    p.parcel_id = parcel_id(b, 1);
    p.ring = b.land;
    switch (b.kind) {
    case BlockKind::Park:
        p.use = LandUse::G1;
        if (room > 40.0 && rng.chance(0.6)) {
            WaterRecord pond;
            pond.kind = WaterKind::Pond;
            pond.name = stem + (rng.chance(0.5) ? "湖" : "塘");
            pond.ring = pond_ring(mid, std::min(0.55 * room, 90.0), rng);
            p.holes.push_back(pond.ring);
            m_sink.water(pond);
            facility(FacilityKind::Fitness, mid + Vec2{0.0, 0.8 * room});
        } else if (rng.chance(0.8)) {
            facility(FacilityKind::Fitness, mid);
        }
        break;
    case BlockKind::School:
        p.use = LandUse::A33;
        if (rng.chance(0.3)) facility(FacilityKind::Kindergarten, mid + Vec2{0.3 * room, 0.0});
        break;
    case BlockKind::Commercial:
        p.use = LandUse::B1;
        if (rng.chance(0.6)) facility(FacilityKind::Market, mid);
        if (rng.chance(0.9)) facility(FacilityKind::ConvenienceStore, mid + Vec2{0.4 * room, 0.0});
        if (rng.chance(0.6)) facility(FacilityKind::ExpressDelivery, mid - Vec2{0.4 * room, 0.0});
        break;
    case BlockKind::Hospital:
        p.use = LandUse::A5;
        if (rng.chance(0.9)) facility(FacilityKind::Clinic, mid);
        break;
    default:
        return;
    }
    set_indicators(p, rng);
    m_sink.parcel(p);
}

void TownGenerator::riverside(const BlockLayout& b) {
    if (!b.land_ok) return;
    const auto uc = static_cast<uint64_t>(b.c), ur = static_cast<uint64_t>(b.r);
    Rng rng(m_plan.seed(), Tag::BlockDetail, {uc, ur});
    GeosContext& ctx = geos_context();
    const Bounds lb = bounds_of(b.land);
    const River& river = m_plan.river();
    GeosGeometryPtr land = geos_polygon(ctx, b.land);
    GeosGeometryPtr water =
        geos_polygon(ctx, river.stretch(lb.min_y - 50.0, lb.max_y + 50.0, kRiverClearance));
    int parcel_no = 0;
    double best_area = 0;
    Vec2 best_point;
    for_each_part(ctx, land.get(), water.get(), 300.0,
                  [&](const GEOSGeometry* part, Ring outer, std::vector<Ring> holes, double area) {
                      ParcelRecord p;
                      p.use = LandUse::G1;
                      p.parcel_id = parcel_id(b, ++parcel_no);
                      set_indicators(p, rng);
                      p.ring = std::move(outer);
                      p.holes = std::move(holes);
                      m_sink.parcel(p);
                      if (area <= best_area) return;
                      GeosGeometryPtr point = make_geos_ptr(ctx, GEOSPointOnSurface_r(ctx, part));
                      if (!point) return;
                      GEOSGeomGetX_r(ctx, point.get(), &best_point.x);
                      GEOSGeomGetY_r(ctx, point.get(), &best_point.y);
                      best_area = area;
                  });
    if (best_area > 2000.0 && rng.chance(0.3)) {
        FacilityRecord f;
        f.kind = FacilityKind::Fitness;
        f.name = "滨江" + facility_name(rng, FacilityKind::Fitness, block_stem(b));
        f.at = best_point;
        m_sink.facility(f);
    }
}

void TownGenerator::road_parcel(const BlockLayout& b) {
    // Half of each street around the block: the block's quadrilateral of road centre lines less
    // its land, so that parcels tile the whole town but for the water.
    ParcelRecord p;
    p.use = LandUse::S1;
    p.has_indicators = false;
    p.parcel_id = parcel_id(b, 0);
    Ring hole;
    if (b.land_ok) hole = b.kind == BlockKind::Residential ? CellGrid(b).boundary() : b.land;
    if (b.kind != BlockKind::Riverside) {
        p.ring = b.quad;
        if (!hole.empty()) p.holes.push_back(std::move(hole));
        m_sink.parcel(p);
        return;
    }
    GeosContext& ctx = geos_context();
    const Bounds qb = bounds_of(b.quad);
    GeosGeometryPtr ring = geos_polygon(ctx, b.quad, hole.empty() ? nullptr : &hole);
    GeosGeometryPtr water = geos_polygon(
        ctx, m_plan.river().stretch(qb.min_y - 50.0, qb.max_y + 50.0, kRiverClearance));
    for_each_part(ctx, ring.get(), water.get(), 20.0,
                  [&](const GEOSGeometry*, Ring outer, std::vector<Ring> holes, double) {
                      ParcelRecord part = p;
                      part.ring = std::move(outer);
                      part.holes = std::move(holes);
                      m_sink.parcel(part);
                  });
}

} // namespace renoplan::synth::detail
