// Renovation districts (片区): adjacent communities grouped for whole-area renovation
// (统一规划、成片改造).
//
// Two taking-part communities are neighbours when their footprints are within
// PlanParams::district_distance_m (D) of each other. With PlanParams::barriers on, a neighbour
// link is cut when the shortest segment between the two footprints crosses a barrier: a road
// whose class is listed in barrier_road_classes, or (water_barrier) a water feature. A district
// is a connected group of neighbours; with max_households / max_communities set, an oversized
// group is split into connected parts. The district outline is the members' union closed by a
// buffer of +c then -c (c = effective_closing_m()), so the gaps between members belong to it:
// GEOS round buffers with 8 segments per quadrant (PostGIS' ST_Buffer default), united with the
// members, because the chords of the +c arcs would otherwise shave up to c(1 - cos(π/32)) (12 cm
// for c = 25 m) off every exposed convex corner. The outline contains every member.
//
// With barriers and caps off the partition equals PostGIS ST_ClusterWithin(geom, D) (distance
// <= D, touching and overlapping footprints at distance 0) on the same footprints.
//
// Barrier semantics ("crosses"), decided here and tested:
//   - Communities whose footprints touch or overlap (distance 0) are never cut: touching
//     communities are not separated by a road in real data, whatever a centre line drawn
//     through the touching point says.
//   - Otherwise let s be the shortest segment between the footprints (GEOSNearestPoints; its
//     end points lie on the two footprints). A barrier line (road centre line, or a water layer
//     of lines) cuts the link when it meets s anywhere other than at one of the line's own end
//     points: crossing s, running through an end point of s (a road along a community's edge),
//     or overlapping s. A road that merely ends on s does not cut - one can walk around its end.
//   - A barrier polygon (water) cuts the link when s passes through its interior; s running
//     along or touching the water's edge does not cut.
// Only the shortest segment is tested: a road that passes beside the segment but still lies
// between the two footprints does not cut the link.
//
// Deterministic: the same footprints, attributes and FIDs give the same districts, ids, members
// and attributes whatever the row order, and bit-identical outlines whatever PlanParams::jobs
// (another row order gives the same outline as a point set; its vertices may start elsewhere).
// Districts are numbered D0001, D0002, ... in the order of the smallest source FID among their
// members.
//
// Work: candidate pairs from the communities' STR tree (each box buffered by D, pairs i < j),
// one exact GEOS distance per candidate, union-find; no quadratic step. Pairs are searched in
// parallel over the rows, outlines in parallel across districts (largest first), one GEOS
// context per thread. docs/benchmarks.md (Districts) compares it with PostGIS.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "geo/analysis/params.hpp"
#include "geo/core/diagnostics.hpp"
#include "geo/core/progress.hpp"
#include "geo/model/geometry.hpp"
#include "geo/model/layer.hpp"

namespace renoplan::analysis {

struct District {
    // "D0001", "D0002", ... numbered by the smallest source FID of the members (at least four
    // digits; more when there are 10,000 districts or more).
    std::string id;
    // The largest member's name + "片区" ("和平小区" -> "和平小区片区"); the largest member is
    // the one with most households, then the larger footprint, then the smaller FID, among the
    // members with a name. Without a named member: county + "片区" + the district's number
    // ("船山区片区12"), or "片区12" without a county. Names may repeat; ids do not.
    std::string name;
    std::vector<uint32_t> members; // community rows, ascending
    GeometryColumn geometry;       // one polygon feature (working CRS), covering every member
    int64_t households = 0;        // sum over members (missing values count 0)
    int64_t buildings = 0;         // sum over members (missing values count 0)
    double area_m2 = 0;            // area of `geometry`
    std::optional<int> built_year_min, built_year_max; // over members with a built year
    // Shares of the members by count (not by households): eligible members / members and
    // consented members / members, from DistrictInput::eligible and ::consented.
    double eligible_share = 0, consented_share = 0;
    // The most frequent non-empty county among the members (ties: the first in byte order).
    std::string county;
};

struct DistrictInput {
    const Layer* communities = nullptr; // polygons, with its index built
    const Layer* roads = nullptr;       // optional (barriers): canonical "class"
    const Layer* water = nullptr;       // optional (barriers): polygons or lines
    // Per community row: 1 if it takes part (the caller applies PlanParams::members). Empty:
    // every community takes part.
    std::vector<uint8_t> take_part;
    std::vector<uint8_t> eligible;  // per row, for eligible_share (empty: none eligible)
    std::vector<uint8_t> consented; // per row, for consented_share (empty: none consented)
};

struct DistrictResult {
    std::vector<District> districts;
    std::vector<int32_t> district_of; // per community row: index into districts, -1 if none
    size_t neighbour_pairs = 0;       // pairs within D (before barriers)
    size_t links_cut_by_barriers = 0; // of those, cut by a barrier
    size_t parts_split_by_caps = 0;   // districts that come from splitting an oversized group
    Diagnostics diagnostics;          // e.g. roads without a class column
};

// Groups the taking-part communities into districts. Throws ConfigError for unusable input (no
// communities layer, wrong geometry class, per-row vectors of the wrong length, negative
// distances) and Cancelled when progress is cancelled. Pure: reads the layers only.
DistrictResult build_districts(const DistrictInput& input, const PlanParams& params,
                               Progress& progress);

// [SECTION] Building blocks (exposed for tests) --------------------------------------------

namespace detail {

// A pair of community rows (a < b) within the district distance.
struct NeighbourPair {
    uint32_t a = 0, b = 0;
    double distance_m = 0;
    bool cut = false; // cut by a barrier
};

// Splits one connected group into connected parts none of which exceeds the caps (0 = no
// cap), unless a single member exceeds them alone. `members` are the group's community rows;
// `neighbours(row)` lists a row's kept neighbours. Parts grow breadth-first from the remaining
// member with the smallest FID, neighbours visited in FID order; a part is closed when adding the
// next member in that order would exceed a cap.
std::vector<std::vector<uint32_t>>
split_by_caps(const std::vector<uint32_t>& members,
              const std::vector<std::vector<uint32_t>>& neighbours,
              const std::vector<int64_t>& fids, const std::vector<int64_t>& households,
              int64_t max_households, int64_t max_communities);

} // namespace detail

} // namespace renoplan::analysis
