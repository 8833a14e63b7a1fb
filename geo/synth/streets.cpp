// Streets, their trunk pipelines, and the river with the roads along its banks.
#include <algorithm>
#include <array>
#include <cmath>

#include "geo/synth/generator.hpp"

namespace renoplan::synth::detail {

namespace {

// Position across the street of each kind, as a share of the half width (positive: left of the
// segment's direction). Overhead lines hang on poles at the kerb.
constexpr std::array<double, kPipeKindCount> kBuriedOffset = {0.55, 0.12,  -0.12, -0.55,
                                                              0.82, -0.78, -0.90};
constexpr std::array<double, kPipeKindCount> kOverheadOffset = {0, 0, 0, 0, 0.97, -0.95, -0.93};

int old_install_year(Rng& rng) {
    static constexpr double w[] = {0.2, 0.3, 0.3, 0.2};
    static constexpr int from[] = {1978, 1985, 1990, 1995};
    static constexpr int to[] = {1984, 1989, 1994, 1999};
    const size_t k = rng.weighted(w);
    return rng.range(from[k], to[k]);
}

template <size_t N>
int pick_int(Rng& rng, const std::array<int, N>& values) {
    return values[rng.index(N)];
}

int trunk_diameter(PipeKind kind, RoadClass cls, Laying laying, Rng& rng) {
    const int c = static_cast<int>(cls); // arterial, secondary, branch, local
    switch (kind) {
    case PipeKind::WaterSupply: {
        static constexpr std::array<std::array<int, 3>, 4> d = {
            {{400, 500, 600}, {300, 300, 400}, {150, 200, 300}, {100, 100, 150}}};
        return pick_int(rng, d[static_cast<size_t>(c)]);
    }
    case PipeKind::Sewage: {
        static constexpr std::array<std::array<int, 3>, 4> d = {
            {{600, 800, 1000}, {500, 600, 600}, {300, 400, 400}, {200, 300, 300}}};
        return pick_int(rng, d[static_cast<size_t>(c)]);
    }
    case PipeKind::Storm: {
        static constexpr std::array<std::array<int, 3>, 4> d = {
            {{1000, 1200, 1500}, {600, 800, 1000}, {400, 500, 600}, {300, 300, 400}}};
        return pick_int(rng, d[static_cast<size_t>(c)]);
    }
    case PipeKind::Gas: {
        static constexpr std::array<std::array<int, 3>, 4> d = {
            {{200, 250, 300}, {150, 200, 200}, {100, 110, 160}, {63, 90, 110}}};
        return pick_int(rng, d[static_cast<size_t>(c)]);
    }
    case PipeKind::Power:
        return laying == Laying::Overhead ? pick_int(rng, std::array<int, 3>{35, 50, 70})
                                          : pick_int(rng, std::array<int, 3>{150, 175, 200});
    case PipeKind::Telecom:
        return laying == Laying::Overhead ? pick_int(rng, std::array<int, 2>{20, 30})
                                          : pick_int(rng, std::array<int, 2>{100, 110});
    case PipeKind::CableTv:
        return laying == Laying::Overhead ? pick_int(rng, std::array<int, 2>{12, 16})
                                          : pick_int(rng, std::array<int, 3>{50, 75, 100});
    }
    return 100;
}

} // namespace

Material pipe_material(PipeKind kind, int year, Rng& rng) {
    switch (kind) {
    case PipeKind::WaterSupply:
        if (year < 1995) return rng.chance(0.75) ? Material::CastIron : Material::Steel;
        if (year < 2010)
            return rng.chance(0.5) ? Material::DuctileIron
                                   : (rng.chance(0.6) ? Material::PE : Material::Steel);
        return rng.chance(0.5) ? Material::PE : Material::DuctileIron;
    case PipeKind::Sewage:
        if (year < 2005) return rng.chance(0.85) ? Material::Concrete : Material::PVC;
        return rng.chance(0.6) ? Material::HDPE
                               : (rng.chance(0.6) ? Material::Concrete : Material::PVC);
    case PipeKind::Storm:
        if (year < 2005) return Material::Concrete;
        return rng.chance(0.35) ? Material::HDPE : Material::Concrete;
    case PipeKind::Gas:
        if (year < 2000) return Material::Steel;
        return rng.chance(0.7) ? Material::PE : Material::Steel;
    case PipeKind::Power:
        return year < 2000 && rng.chance(0.4) ? Material::AluminiumCable : Material::CopperCable;
    case PipeKind::Telecom:
        return year < 2005 ? Material::CopperCable : Material::FiberOptic;
    case PipeKind::CableTv:
        return year < 2008 || rng.chance(0.4) ? Material::Coaxial : Material::FiberOptic;
    }
    return Material::Steel;
}

PipeSpec trunk_pipe(const TownPlan& plan, const Segment& segment, bool vertical, int i, int j,
                    PipeKind kind) {
    PipeSpec p;
    if (!segment.present || segment.bridge) return p;
    Rng rng(plan.seed(), Tag::Pipe,
            {vertical ? 1u : 0u, static_cast<uint64_t>(i), static_cast<uint64_t>(j),
             static_cast<uint64_t>(kind)});
    const RoadClass cls = segment.road_class;
    switch (kind) {
    case PipeKind::Storm:
        p.present = cls == RoadClass::Arterial || cls == RoadClass::Secondary ||
                    (cls == RoadClass::Branch && rng.chance(0.85));
        break;
    case PipeKind::Gas:
        p.present = cls != RoadClass::Local || rng.chance(0.3);
        break;
    case PipeKind::CableTv:
        p.present = cls == RoadClass::Arterial || cls == RoadClass::Secondary ||
                    (cls == RoadClass::Branch && rng.chance(0.75));
        break;
    default:
        p.present = true;
        break;
    }
    if (!p.present) return p;
    const Vec2 mid = lerp(segment.from, segment.to, 0.5);
    const bool east = plan.east_of_river(mid);
    if (east) {
        p.install_year = rng.range(2003, 2018);
    } else {
        p.install_year = old_install_year(rng);
        const double replaced = cls == RoadClass::Arterial ? 0.4 : 0.25;
        if (rng.chance(replaced)) p.install_year = rng.range(2010, 2021);
    }
    const bool wire =
        kind == PipeKind::Power || kind == PipeKind::Telecom || kind == PipeKind::CableTv;
    if (wire) {
        const bool minor = cls == RoadClass::Branch || cls == RoadClass::Local;
        const double overhead = east                     ? 0.05
                                : p.install_year >= 2010 ? 0.08
                                : p.install_year < 2005  ? (minor ? 0.45 : 0.12)
                                                         : 0.2;
        if (rng.chance(overhead)) p.laying = Laying::Overhead;
    }
    p.diameter_mm = trunk_diameter(kind, cls, p.laying, rng);
    p.material = pipe_material(kind, p.install_year, rng);
    const size_t k = static_cast<size_t>(kind);
    const double share = p.laying == Laying::Overhead ? kOverheadOffset[k] : kBuriedOffset[k];
    p.offset_m = share * 0.5 * segment.width_m;
    return p;
}

void TownGenerator::streets(int j) {
    const int cols = m_plan.cols(), rows = m_plan.rows();
    auto emit = [&](const Segment& s, bool vertical, int i, int jj, std::string name) {
        if (!s.present) return;
        RoadRecord road;
        road.name = std::move(name);
        road.road_class = s.road_class;
        road.width_m = s.width_m;
        road.line = {s.from, s.to};
        m_sink.road(road);
        for (int k = 0; k < kPipeKindCount; ++k) {
            const PipeSpec spec = trunk_pipe(m_plan, s, vertical, i, jj, static_cast<PipeKind>(k));
            if (!spec.present) continue;
            PipelineRecord pipe;
            pipe.kind = static_cast<PipeKind>(k);
            pipe.install_year = spec.install_year;
            pipe.diameter_mm = spec.diameter_mm;
            pipe.material = spec.material;
            pipe.laying = spec.laying;
            pipe.line = offset_line(road.line, spec.offset_m);
            m_sink.pipeline(pipe);
        }
    };
    for (int i = 0; i < cols; ++i)
        emit(m_plan.h_segment(i, j), false, i, j, m_plan.h_name(i, j));
    if (j < rows)
        for (int i = 0; i <= cols; ++i)
            emit(m_plan.v_segment(i, j), true, i, j, m_plan.v_name(i, j));
}

void TownGenerator::river() {
    const River& river = m_plan.river();
    WaterRecord fujiang;
    fujiang.name = "涪江";
    fujiang.kind = WaterKind::River;
    fujiang.ring = river.polygon();
    m_sink.water(fujiang);

    // 滨江路 on both banks, in pieces of about 600 m, with the trunk sewers that intercept the
    // outfalls (截污干管), storm mains, water, power and telecom. They stay inside the grid
    // (a small town's river may run close to its edge), so parcels cover them.
    double y_from = -INFINITY, y_to = INFINITY, x_from = -INFINITY, x_to = INFINITY;
    for (int i = 0; i <= m_plan.cols(); ++i) {
        y_from = std::max(y_from, m_plan.node(i, 0).y);
        y_to = std::min(y_to, m_plan.node(i, m_plan.rows()).y);
    }
    for (int j = 0; j <= m_plan.rows(); ++j) {
        x_from = std::max(x_from, m_plan.node(0, j).x);
        x_to = std::min(x_to, m_plan.node(m_plan.cols(), j).x);
    }
    const Bounds ext = m_plan.extent();
    const double third = (ext.max_y - ext.min_y) / 3.0;
    for (int side = 0; side < 2; ++side) {
        const bool east = side == 1;
        const Line bank = river.bank_line(east, 25.0, y_from, y_to);
        // Runs of consecutive points inside the grid, cut into pieces of up to 15 points.
        std::vector<Line> pieces;
        Line current;
        for (const Vec2& p : bank) {
            const bool inside = p.x > x_from + 20.0 && p.x < x_to - 20.0;
            if (inside) current.push_back(p);
            if ((!inside || current.size() == 16) && current.size() >= 2) {
                pieces.push_back(current);
                current = inside ? Line{current.back()} : Line{};
            } else if (!inside) {
                current.clear();
            }
        }
        if (current.size() >= 2) pieces.push_back(current);
        for (size_t start = 0; start < pieces.size(); ++start) {
            RoadRecord road;
            road.road_class = RoadClass::Secondary;
            road.width_m = 26.0;
            road.line = std::move(pieces[start]);
            const double y = road.line.front().y;
            if (east)
                road.name = "东滨江路";
            else
                road.name = y < ext.min_y + third       ? "滨江南路"
                            : y < ext.min_y + 2 * third ? "滨江中路"
                                                        : "滨江北路";
            m_sink.road(road);
            Rng rng(m_plan.seed(), Tag::Pipe, {2, static_cast<uint64_t>(side), start});
            // The river lies to the right (west bank, line runs north) or left (east bank).
            const double toward_river = east ? 1.0 : -1.0;
            struct Item {
                PipeKind kind;
                double offset;
            };
            const Item items[] = {{PipeKind::Sewage, 0.35 * toward_river},
                                  {PipeKind::Storm, 0.6 * toward_river},
                                  {PipeKind::WaterSupply, -0.5 * toward_river},
                                  {PipeKind::Power, -0.8 * toward_river},
                                  {PipeKind::Telecom, 0.8 * toward_river}};
            for (const Item& item : items) {
                PipelineRecord pipe;
                pipe.kind = item.kind;
                pipe.install_year = rng.range(2008, 2018);
                switch (item.kind) {
                case PipeKind::Sewage:
                    pipe.diameter_mm = pick_int(rng, std::array<int, 3>{800, 1000, 1200});
                    break;
                case PipeKind::Storm:
                    pipe.diameter_mm = pick_int(rng, std::array<int, 3>{1000, 1200, 1500});
                    break;
                case PipeKind::WaterSupply:
                    pipe.diameter_mm = pick_int(rng, std::array<int, 2>{300, 400});
                    break;
                case PipeKind::Power:
                    pipe.diameter_mm = 200;
                    break;
                default:
                    pipe.diameter_mm = 110;
                    break;
                }
                pipe.material = pipe_material(item.kind, pipe.install_year, rng);
                pipe.line = offset_line(road.line, item.offset * 0.5 * road.width_m);
                m_sink.pipeline(pipe);
            }
        }
    }
}

} // namespace renoplan::synth::detail
