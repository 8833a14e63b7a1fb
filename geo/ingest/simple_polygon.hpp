// A fast, conservative validity test for the common case: a polygon of one ring and few
// vertices (a building, a community footprint). It answers "certainly valid" only when every
// orientation test is decided beyond floating-point doubt (Shewchuk's static error bound);
// anything else - holes, several parts, many vertices, a near-degenerate configuration, or an
// actual defect - is left to GEOS. So the answer never differs from GEOSisValid for a polygon it
// accepts, and a million buildings are checked without building a million GEOS geometries.
#pragma once

#include <span>

namespace renoplan::ingest {

// Largest ring (in coordinates, closing point included) the fast test handles.
inline constexpr size_t kSimpleRingMaxCoords = 33;

// `ring` is interleaved x, y of a closed ring. True only if the ring is certainly a valid simple
// polygon shell: closed, at least three distinct vertices, no self-intersection or self-touch,
// no spike.
bool certainly_valid_simple_ring(std::span<const double> ring);

} // namespace renoplan::ingest
