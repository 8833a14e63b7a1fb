// The plan of the synthetic town: the road grid, the river, and what each block holds.
//
// The grid has (cols+1) north-south lines and (rows+1) east-west lines with uneven spacing; its
// nodes are jittered and displaced by a gentle field so that blocks are irregular quadrilaterals
// and streets bend slightly from block to block. Block (c, r) lies between nodes (c, r) and
// (c+1, r+1); r grows northwards. Everything here is a pure function of the seed and the grid
// size, so the community count can be fitted before anything is written.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "geo/synth/random.hpp"
#include "geo/synth/records.hpp"
#include "geo/synth/shapes.hpp"

namespace renoplan::synth::detail {

// The Fujiang: banks sampled every `step` metres of northing, x as a function of y.
class River {
public:
    River() = default;
    River(uint64_t seed, double centre_x, double y_min, double y_max, double town_width);

    double left_at(double y) const { return sample(m_left, y); }
    double right_at(double y) const { return sample(m_right, y); }
    double centre_at(double y) const { return 0.5 * (left_at(y) + right_at(y)); }
    // Westmost left bank and eastmost right bank between y0 and y1.
    std::pair<double, double> span(double y0, double y1) const;
    // Whether [x0, x1] x [y0, y1] comes within `margin` (horizontally) of the water.
    bool near(double x0, double x1, double y0, double y1, double margin) const;
    // The river polygon (left bank northwards, right bank southwards).
    Ring polygon() const;
    // The stretch between y0 and y1 (extended by two samples), each bank moved `widen` metres
    // outwards, for clipping.
    Ring stretch(double y0, double y1, double widen = 0.0) const;
    // Points of a bank shifted outwards (west of the left bank, east of the right bank).
    Line bank_line(bool east, double offset, double y0, double y1) const;
    double y_min() const { return m_y0; }
    double y_max() const { return m_y0 + m_step * static_cast<double>(m_left.size() - 1); }

private:
    double sample(const std::vector<double>& v, double y) const;
    double m_y0 = 0;
    double m_step = 40;
    std::vector<double> m_left, m_right;
};

struct GridLine {
    RoadClass road_class = RoadClass::Branch;
    double width_m = 15;
    std::string stem;      // 和平
    std::string east_stem; // the name east of the river when the line does not cross it
    std::string suffix;    // 路, 街, 大道
};

struct Segment {
    bool present = true; // false: cut by the river
    bool bridge = false;
    RoadClass road_class = RoadClass::Branch;
    double width_m = 15;
    Vec2 from, to;
};

enum class BlockKind { Riverside, Residential, Park, School, Commercial, Hospital };
enum class CellUse { Community, Vacant, Service, Kindergarten, Market, Parking, Park, Utility };

struct BlockLayout {
    int c = 0, r = 0;
    BlockKind kind = BlockKind::Residential;
    County county = County::Chuanshan;
    Ring quad; // road centre-line corners, counter-clockwise from the south-west
    Ring land; // inside the road red lines (half widths), same corner order
    bool land_ok = false;
    int nu = 1, nv = 1; // cells west-east and south-north
    // Where the west-east cuts meet the south and north edges, and the south-north cuts the west
    // and east edges, as shares 0..1 along them (first 0, last 1).
    std::vector<double> south_cuts, north_cuts;
    std::vector<double> west_cuts, east_cuts;
    std::vector<double> ugap, vgap;  // gap at each interior cut (0: neighbours touch)
    std::array<double, 4> setback{}; // from land edges: south, east, north, west
    std::vector<CellUse> cells;      // index j * nu + i
    int community_slots = 0;
};

class TownPlan {
public:
    TownPlan(uint64_t seed, Vec2 centre, int cols, int rows);

    // The smallest grid (growing from an estimate) with room for `communities` communities.
    static TownPlan fit(uint64_t seed, Vec2 centre, int communities);

    int cols() const { return m_cols; }
    int rows() const { return m_rows; }
    uint64_t seed() const { return m_seed; }
    Vec2 centre() const { return m_centre; }
    const River& river() const { return m_river; }
    Bounds extent() const { return m_extent; }

    Vec2 node(int i, int j) const {
        return m_nodes[static_cast<size_t>(j) * static_cast<size_t>(m_cols + 1) +
                       static_cast<size_t>(i)];
    }
    // East-west segment from node (i, j) to (i+1, j) and north-south from (i, j) to (i, j+1).
    Segment h_segment(int i, int j) const;
    Segment v_segment(int i, int j) const;
    std::string h_name(int i, int j) const;
    std::string v_name(int i, int j) const;
    const GridLine& h_line(int j) const { return m_hlines[static_cast<size_t>(j)]; }
    const GridLine& v_line(int i) const { return m_vlines[static_cast<size_t>(i)]; }
    // The name stem of east-west line j on one side of the river (lines without a bridge are
    // different streets on the two banks).
    const std::string& h_stem(int j, bool east) const {
        const auto k = static_cast<size_t>(j);
        return east && m_bridge_ordinal[k] == 0 ? m_hlines[k].east_stem : m_hlines[k].stem;
    }
    bool east_of_river(Vec2 p) const { return p.x > m_river.centre_at(p.y); }

    BlockLayout block(int c, int r) const;
    int64_t capacity() const { return m_capacity; }

    // Smooth 0..1 field: how well served with shops and services a place is.
    double service_density(Vec2 p) const;

private:
    RoadClass segment_class(const GridLine& line, bool vertical, int i, int j) const;
    double segment_width(const GridLine& line, RoadClass cls, bool vertical, int i, int j) const;

    uint64_t m_seed;
    Vec2 m_centre;
    int m_cols, m_rows;
    std::vector<Vec2> m_nodes;
    std::vector<GridLine> m_vlines, m_hlines;
    River m_river;
    Bounds m_extent;
    double m_west_mid_x = 0; // splits 西/东 sections of east-west streets west of the river
    int m_bridge_count = 0;
    std::vector<int> m_bridge_ordinal; // per east-west line, 1-based; 0: no bridge
    int64_t m_capacity = 0;
};

} // namespace renoplan::synth::detail
