#include "geo/ingest/repair.hpp"

#include <algorithm>
#include <cmath>
#include <mutex>
#include <utility>

#include "geo/core/geos.hpp"
#include "geo/core/parallel.hpp"
#include "geo/ingest/simple_polygon.hpp"

namespace renoplan::ingest {

namespace {

enum class Outcome : uint8_t { Keep, Replace, Remove };

struct Change {
    size_t row;
    Outcome outcome;
    std::string code;
    std::string detail;
};

bool all_finite(std::span<const double> xy) {
    for (double v : xy)
        if (!std::isfinite(v)) return false;
    return true;
}

size_t distinct_points(std::span<const double> xy) {
    size_t n = xy.size() / 2;
    if (n == 0) return 0;
    size_t distinct = 1;
    for (size_t k = 1; k < n; ++k)
        if (xy[2 * k] != xy[2 * k - 2] || xy[2 * k + 1] != xy[2 * k - 1]) ++distinct;
    return distinct;
}

// A copy of polygon feature i with every ring closed and rings of fewer than 4 points dropped;
// GEOS refuses unclosed rings before it can say anything else.
GeometryColumn closed_rings(const GeometryColumn& g, size_t i, bool& changed) {
    GeometryColumn out(GeomClass::Polygon);
    out.begin_feature();
    std::vector<double> ring;
    for (size_t p = g.part_begin(i); p < g.part_end(i); ++p) {
        out.begin_part();
        bool shell = true;
        for (size_t r = g.ring_begin(p); r < g.ring_end(p); ++r) {
            auto xy = g.ring(r);
            ring.assign(xy.begin(), xy.end());
            const size_t n = ring.size() / 2;
            if (n >= 1 && (ring[0] != ring[2 * n - 2] || ring[1] != ring[2 * n - 1])) {
                ring.push_back(ring[0]);
                ring.push_back(ring[1]);
                changed = true;
            }
            if (ring.size() / 2 < 4) {
                changed = true;
                if (shell) break; // no shell: drop the whole part
                continue;
            }
            out.add_ring(ring);
            shell = false;
        }
    }
    out.end_feature();
    return out;
}

} // namespace

RepairCounts check_and_repair(Layer& layer, int jobs, Progress& progress) {
    GeometryColumn& geom = layer.geometry;
    const size_t n = geom.size();
    progress.set_stage("checking " + layer.name, n);

    std::mutex mutex;
    std::vector<Change> changes;
    std::vector<std::pair<size_t, GeometryColumn>> replacements;

    parallel_chunks(n, 4096, jobs, &progress, [&](size_t, size_t begin, size_t end) {
        GeosContext& ctx = geos_context();
        std::vector<Change> local;
        std::vector<std::pair<size_t, GeometryColumn>> local_repl;
        for (size_t i = begin; i < end; ++i) {
            if (!all_finite(std::as_const(geom).feature_coords(i))) {
                local.push_back({i, Outcome::Remove, "crs.transform_failed",
                                 "coordinates could not be transformed to the working CRS"});
                continue;
            }
            if (geom.geom_class() == GeomClass::Line) {
                bool degenerate_part = false, any_ok = false;
                for (size_t p = geom.part_begin(i); p < geom.part_end(i); ++p) {
                    if (distinct_points(geom.ring(geom.ring_begin(p))) >= 2)
                        any_ok = true;
                    else
                        degenerate_part = true;
                }
                if (!any_ok) {
                    local.push_back({i, Outcome::Remove, "geometry.degenerate",
                                     "line with fewer than two distinct points"});
                } else if (degenerate_part) {
                    GeometryColumn fixed(GeomClass::Line);
                    fixed.begin_feature();
                    for (size_t p = geom.part_begin(i); p < geom.part_end(i); ++p) {
                        if (distinct_points(geom.ring(geom.ring_begin(p))) < 2) continue;
                        fixed.begin_part();
                        fixed.add_ring(geom.ring(geom.ring_begin(p)));
                    }
                    fixed.end_feature();
                    local.push_back({i, Outcome::Replace, "geometry.repaired",
                                     "parts with fewer than two distinct points removed"});
                    local_repl.emplace_back(i, std::move(fixed));
                }
                continue;
            }
            if (geom.geom_class() != GeomClass::Polygon) continue;
            // Most footprints are one small ring: decide those without GEOS when certain.
            if (geom.part_end(i) - geom.part_begin(i) == 1 &&
                geom.ring_end(geom.part_begin(i)) - geom.ring_begin(geom.part_begin(i)) == 1 &&
                certainly_valid_simple_ring(geom.ring(geom.ring_begin(geom.part_begin(i)))))
                continue;

            bool ring_fix = false;
            GeometryColumn closed;
            const GeometryColumn* source = &geom;
            size_t row = i;
            for (size_t p = geom.part_begin(i); p < geom.part_end(i) && !ring_fix; ++p)
                for (size_t r = geom.ring_begin(p); r < geom.ring_end(p); ++r) {
                    auto xy = geom.ring(r);
                    const size_t m = xy.size() / 2;
                    if (m < 4 || xy[0] != xy[2 * m - 2] || xy[1] != xy[2 * m - 1]) {
                        ring_fix = true;
                        break;
                    }
                }
            if (ring_fix) {
                bool changed = false;
                closed = closed_rings(geom, i, changed);
                if (closed.empty()) {
                    local.push_back({i, Outcome::Remove, "geometry.collapsed",
                                     "polygon rings have fewer than 4 points"});
                    continue;
                }
                source = &closed;
                row = 0;
            }
            GeosGeometryPtr g;
            try {
                g = source->to_geos(ctx, row);
            } catch (const std::exception& e) {
                local.push_back({i, Outcome::Remove, "geometry.corrupt", e.what()});
                continue;
            }
            const char valid = GEOSisValid_r(ctx, g.get());
            if (valid == 1) {
                if (ring_fix) {
                    local.push_back({i, Outcome::Replace, "geometry.repaired",
                                     "unclosed or too short rings fixed"});
                    local_repl.emplace_back(i, std::move(closed));
                }
                continue;
            }
            std::string reason;
            if (char* why = GEOSisValidReason_r(ctx, g.get())) {
                reason = why;
                GEOSFree_r(ctx, why);
            }
            GEOSMakeValidParams* params = GEOSMakeValidParams_create_r(ctx);
            GEOSMakeValidParams_setMethod_r(ctx, params, GEOS_MAKE_VALID_STRUCTURE);
            GEOSMakeValidParams_setKeepCollapsed_r(ctx, params, 0);
            GeosGeometryPtr fixed =
                make_geos_ptr(ctx, GEOSMakeValidWithParams_r(ctx, g.get(), params));
            GEOSMakeValidParams_destroy_r(ctx, params);
            GeometryColumn repaired(GeomClass::Polygon);
            if (!fixed || !repaired.append_geos(ctx, fixed.get())) {
                local.push_back({i, Outcome::Remove, "geometry.collapsed",
                                 "invalid (" + reason + ") and nothing remains after repair"});
                continue;
            }
            local.push_back({i, Outcome::Replace, "geometry.repaired", reason});
            local_repl.emplace_back(i, std::move(repaired));
        }
        progress.advance(end - begin);
        std::lock_guard lock(mutex);
        changes.insert(changes.end(), local.begin(), local.end());
        for (auto& r : local_repl)
            replacements.push_back(std::move(r));
    });

    RepairCounts counts;
    counts.checked = n;
    if (changes.empty()) return counts;

    std::sort(changes.begin(), changes.end(),
              [](const Change& a, const Change& b) { return a.row < b.row; });
    std::sort(replacements.begin(), replacements.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });

    std::vector<uint8_t> keep(n, 1);
    for (const auto& c : changes) {
        layer.issues.push_back({layer.fids[c.row], c.code, c.detail});
        if (c.outcome == Outcome::Remove) {
            keep[c.row] = 0;
            ++counts.removed;
        } else {
            ++counts.repaired;
        }
    }
    // Rebuild the geometry column with the replacements, then drop removed rows.
    GeometryColumn rebuilt(geom.geom_class());
    rebuilt.reserve(n, geom.coord_count());
    size_t next = 0;
    for (size_t i = 0; i < n; ++i) {
        if (next < replacements.size() && replacements[next].first == i) {
            rebuilt.append_feature(replacements[next].second, 0);
            ++next;
        } else {
            // Removed rows are copied too, so rows stay aligned until filter_rows drops them.
            rebuilt.append_feature(geom, i);
        }
    }
    layer.geometry = std::move(rebuilt);
    if (counts.removed > 0) layer.filter_rows(keep);
    return counts;
}

} // namespace renoplan::ingest
