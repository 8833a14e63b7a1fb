// Surface parking laid out in a polygon: how many perpendicular stalls really fit.
//
// The stall count of a spare-land piece comes from a layout, not from area ÷ 25 m²: rows of
// stall_width × stall_depth perpendicular stalls (JGJ 100-2015: 2.4 × 5.3 m) along aisles of
// aisle_width (5.5 m, back-in parking), fitted into the piece.
//
// Method (all in a frame rotated so that the rows run along the piece's main direction):
//   1. Orientation: the longest side of the piece's minimum-area rotated rectangle (rotating
//      calipers over the convex hull, computed here relative to the piece's centre because
//      GEOSMinimumRotatedRectangle loses ~1e-4 degrees at Gauss-Kruger coordinates); the
//      perpendicular direction is tried as well and the better of the two is kept.
//   2. Bands across the rows: a double-loaded module (row, aisle, row: 2 x depth + aisle =
//      16.1 m by default) or a single-loaded band (row + aisle, either side, 10.8 m) where a full
//      module does not fit. Bands start on lines 0.1 m apart across the rows (coarser for pieces
//      more than 400 m across), and dynamic programming over those lines finds the stacking
//      with the most stalls - every offset of a simple grid of modules, and more, is tried.
//   3. Along a row no grid is imposed: the strip of each row and of each aisle is intersected
//      with the piece, giving the stretches where the full strip lies inside; a stall may stand
//      where both its own strip and the aisle strip in front of it are inside (its access), and
//      stalls are packed from the start of each such stretch (floor(length / width) stalls - the
//      best any offset along the row can do). The strips come from the piece cut into trapezoids
//      at its vertices (see StripTable in parking.cpp), not from one overlay each.
//   4. Every stall of the chosen layout is checked with GEOSPreparedContains against the
//      prepared piece (shrunk by 1 mm so that a stall touching the boundary counts) - a run of
//      stalls along a stretch at once, and stall by stall where the run is not wholly inside;
//      only stalls wholly inside are counted (ParkingLayout::rejected counts any the plan got
//      wrong: none on the synthetic town's 18,761 pieces).
// Access: a stall counts only if the aisle segment in front of it (its width along the row, the
// full aisle width deep) lies inside the piece, as part of a stretch of aisle at least as long
// as the aisle is wide (a shorter patch is a gap between obstacles, not a lane a car can drive
// along and turn from). Aisle stretches end at the piece's boundary, where the car comes in. A
// strip one stall deep therefore holds no stall in either direction: along it there is no room
// for the aisle, across it the aisle would be shorter than it is wide. Whether the piece itself
// can be reached from a road is decided by the spare-land analysis, not here.
//
// Stall depths and aisle widths that are not multiples of 0.1 m are rounded up to the grid for
// planning (never a stall too many). The layout leaves out what a design adds - entrances, fire
// lanes, planting, turning space at dead ends - so it is the capacity of the ground, an upper
// bound for a drawn scheme; the 25 m²/stall norm is reported beside it.
#pragma once

#include <geos_c.h>

#include "geo/analysis/params.hpp"
#include "geo/model/geometry.hpp"

namespace renoplan::analysis {

struct ParkingLayout {
    int stalls = 0;         // stalls wholly inside the piece, each with access
    int rows = 0;           // stall rows holding at least one stall
    int rejected = 0;       // stalls of the plan that GEOS found not wholly inside (dropped;
                            // the strip scan and GEOS agree when this is 0)
    double angle_deg = 0.0; // direction of the rows, counter-clockwise from the x axis
    GeometryColumn stall_geometry{GeomClass::Polygon}; // one rectangle per stall (if asked)
    // The aisle stretch in front of each run of stalls (if asked); the two rows of a double-loaded
    // module share their aisle, so its stretches overlap.
    GeometryColumn aisle_geometry{GeomClass::Polygon};
};

// Lays out parking in `piece` (a Polygon or MultiPolygon in a metric CRS). Geometry is filled
// only when with_geometry is true.
ParkingLayout layout_parking(GEOSContextHandle_t ctx, const GEOSGeometry* piece,
                             const PlanParams& params, bool with_geometry = false);

// The stall count of layout_parking(); stalls_out (optional) receives one polygon per stall.
int count_stalls(GEOSContextHandle_t ctx, const GEOSGeometry* piece, const PlanParams& params,
                 GeometryColumn* stalls_out = nullptr);

} // namespace renoplan::analysis
