// Spare land (空地): where inside each renovation district something could still be built, and
// what it could become.
//
// Per area (district polygon): the area minus
//   - buildings buffered by the setback (params.setback_m, default 6 m),
//   - roads buffered by half their width plus a margin (width_m, else default_road_width_m; a
//     road layer of polygons is taken as road surfaces and buffered by the margin only),
//   - water and protected areas as they are,
//   - corridors along buried pipelines (laying not "overhead"), half-width = the kind's GB 50289
//     clearance to buildings plus half the diameter (geo/analysis/clearances.hpp); a corridor
//     that lies wholly inside a road's buffer is left out, since the road's removes it already.
// The rest is cut into polygons; a piece is kept if its area is at least min_area_m2 and its
// maximum inscribed circle has a radius of at least min_width_m, decided to 1 mm (the reported
// radius is a lower bound within 0.1 m or 5 % of the true one, by the branch and bound of
// GEOSMaximumInscribedCircle: see maximum_inscribed_radius(); where min_width_m falls within
// that margin a fine inset decides).
//
// Each kept piece is then classified (SpareLandInput::classify):
//   - stalls from a real parking layout (geo/analysis/parking.hpp), with the area ÷ 25 m² norm
//     beside it;
//   - accessible: the piece touches (within 1 cm) the area's outline or a road buffer - a car
//     reaches it from a road, or from the street around the district. A piece enclosed by
//     building setbacks, pipeline corridors or water is not accessible;
//   - use: "parking" if the layout holds at least min_parking_stalls stalls and the piece is
//     accessible; else "service" if a facility that needs its own site fits by land area
//     (geo/analysis/facility_sizes.hpp: open fitness and activity grounds, toilets and refuse
//     points fit anywhere and are listed, but a piece holding only those is green); else
//     "green" (pocket green or plaza);
//   - zoning: the code of the zoning parcel with the largest overlap, and whether the use is
//     allowed there (geo/analysis/landuse.hpp).
//
// Work is parallel across areas (parallel_chunks, one GEOS context per thread); the result does
// not depend on the number of threads. Obstacles are found through each layer's STR tree with
// the area's box; lines are clipped to the area's box grown by their buffer distance (exact
// inside the area, and a long road is not buffered whole for every area); the area minus the
// union of the buffers is one scan-beam sweep on a 0.1 mm integer grid (ClipOverlay,
// clip_overlay.hpp: the buffers' offset curves go into the difference directly). An area more
// than 300 m across is worked in tiles of about 200 m on the area's grid, whose pieces are
// joined again along the tile edges (spare_land.cpp: tiled_spare).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <geos_c.h>

#include "geo/analysis/clearances.hpp"
#include "geo/analysis/params.hpp"
#include "geo/core/diagnostics.hpp"
#include "geo/core/progress.hpp"
#include "geo/model/geometry.hpp"
#include "geo/model/layer.hpp"

namespace renoplan::analysis {

struct SparePiece {
    uint32_t area_index = 0; // which input area (district) it lies in
    GeometryColumn geometry; // one polygon feature (working CRS)
    double area_m2 = 0, inscribed_radius_m = 0;
    std::string use;         // "parking" | "service" | "green" (empty when not classified)
    bool accessible = false; // touches the area's outline or a road buffer
    int stalls = 0;          // from the layout (computed for every piece)
    int stalls_by_norm = 0;  // floor(area / land_per_stall_m2)
    std::vector<std::string> services_fitting; // facility keys that fit by land area
    std::string landuse_code;  // zoning parcel with the largest overlap; empty without zoning
    std::string zoning_status; // "allowed" | "ancillary" | "plan_change" | "unknown"
    std::string zoning_note_zh, zoning_note_en;
};

struct SpareLandInput {
    const GeometryColumn* areas = nullptr; // district polygons (one feature each)
    // Each optional; their STR trees must be built.
    const Layer* buildings = nullptr;
    const Layer* roads = nullptr;
    const Layer* water = nullptr;
    const Layer* protected_areas = nullptr;
    const Layer* pipelines = nullptr;
    const Layer* zoning = nullptr;
    // Pipeline corridor clearances; nullptr: ClearanceTable::gb50289().
    const ClearanceTable* clearances = nullptr;
    // Parking layout, facilities, access and zoning of each kept piece. Off: geometry, area and
    // inscribed radius only (what a plain GIS query gives; used by the benchmark).
    bool classify = true;
};

// What was subtracted and filtered, for the report. Obstacle counts are (feature, area) pairs:
// a building beside two districts counts in both.
struct SpareLandCounts {
    size_t areas = 0;
    size_t areas_failed = 0; // GEOS could not compute the difference (see diagnostics)
    size_t buildings = 0;
    size_t roads = 0;
    size_t pipelines_buried = 0;       // corridors subtracted
    size_t pipelines_overhead = 0;     // near an area but overhead: nothing subtracted
    size_t pipelines_inside_roads = 0; // buried, corridor inside a road's buffer: not buffered
    size_t water = 0;
    size_t protected_areas = 0;
    size_t pieces = 0;            // polygons left after the subtraction
    size_t pieces_too_small = 0;  // area below min_area_m2
    size_t pieces_too_narrow = 0; // inscribed radius below min_width_m
    size_t pieces_kept = 0;
    double area_m2 = 0;       // of the input areas
    double spare_area_m2 = 0; // left after the subtraction, before the filters
    double kept_area_m2 = 0;
    size_t parking = 0, service = 0, green = 0; // pieces by use
    long long stalls = 0;                       // in parking pieces
};

// Thread time spent in each step, summed over the workers (for `renoplan plan -vv` and the
// benchmarks; not part of the result proper).
struct SpareLandTimes {
    double subtract_s = 0; // obstacles collected, buffered and subtracted, of which ...
    double overlay_s = 0;  // ... the overlays (and pieces united across tiles)
    double width_s = 0;    // inscribed radius of each piece above the minimum area
    double classify_s = 0; // parking layout, facilities, access, zoning, of which ...
    double parking_s = 0;  // ... the parking layout
};

struct SpareLandResult {
    std::vector<SparePiece> pieces; // by area, then in GEOS's order within the area
    SpareLandCounts counts;
    SpareLandTimes times;
    Diagnostics diagnostics; // areas GEOS failed on, layers of the wrong geometry class
};

// The radius of the largest circle inside a polygon, within `tolerance` (or 5 % of the radius,
// if more) below the true radius:
// the branch and bound of GEOSMaximumInscribedCircle on a flat edge grid (spare_land.cpp says
// why). 0 for an empty geometry or anything but a Polygon.
double maximum_inscribed_radius(GEOSContextHandle_t ctx, const GEOSGeometry* polygon,
                                double tolerance = 0.1);

// Finds the spare land of every area. Throws ConfigError if the areas are missing or not
// polygons, Cancelled if progress is cancelled.
SpareLandResult find_spare_land(const SpareLandInput& input, const PlanParams& params,
                                Progress& progress);

} // namespace renoplan::analysis
