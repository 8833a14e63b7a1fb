// geo/render: polygon triangulation (holes left out, every part), line strips, point quads,
// the map view arithmetic and the default plan colours.
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>
#include <string>
#include <vector>

#include "geo/ingest/ingest.hpp"
#include "geo/render/style.hpp"
#include "geo/render/tessellate.hpp"
#include "geo/render/view.hpp"
#include "support/test_support.hpp"

using namespace renoplan;
using namespace renoplan::render;

namespace {

// Closed ring of a w x h rectangle at (x, y), counter-clockwise (or clockwise for holes).
std::vector<double> rect(double x, double y, double w, double h, bool clockwise = false) {
    if (clockwise) return {x, y, x, y + h, x + w, y + h, x + w, y, x, y};
    return {x, y, x + w, y, x + w, y + h, x, y + h, x, y};
}

// Adds a polygon feature: one part per entry of `parts`, each a list of rings (shell first).
void add_polygon(GeometryColumn& g, const std::vector<std::vector<std::vector<double>>>& parts) {
    g.begin_feature();
    for (const auto& rings : parts) {
        g.begin_part();
        for (const auto& ring : rings)
            g.add_ring(ring);
    }
    REQUIRE(g.end_feature());
}

bool point_in_triangle(double px, double py, const float* t) {
    const auto side = [&](int a, int b) {
        return (t[2 * b] - t[2 * a]) * (py - t[2 * a + 1]) -
               (t[2 * b + 1] - t[2 * a + 1]) * (px - t[2 * a]);
    };
    const double s0 = side(0, 1), s1 = side(1, 2), s2 = side(2, 0);
    return (s0 >= 0 && s1 >= 0 && s2 >= 0) || (s0 <= 0 && s1 <= 0 && s2 <= 0);
}

} // namespace

TEST_CASE("tessellate: triangle areas sum to the polygon area, holes left out", "[render]") {
    GeometryColumn g(GeomClass::Polygon);
    add_polygon(g, {{rect(0, 0, 10, 10)}});                         // square
    add_polygon(g, {{rect(0, 0, 10, 10), rect(3, 3, 4, 4, true)}}); // with a hole
    add_polygon(g, {{rect(0, 0, 4, 4)}, {rect(10, 0, 2, 3)}});      // multipolygon
    add_polygon(g, {{{0, 0, 6, 0, 6, 2, 2, 2, 2, 6, 0, 6, 0, 0}}}); // concave L
    add_polygon(g, {{rect(0, 0, 20, 20), rect(2, 2, 3, 3, true), rect(10, 10, 5, 5, true)},
                    {rect(30, 0, 5, 5)}}); // two holes + a second part

    const FillMesh mesh = triangulate_polygons(g, Origin{});
    CHECK(mesh.failed_features == 0);
    REQUIRE(mesh.vertex_count() % 3 == 0);
    REQUIRE(mesh.xy.size() == 2 * mesh.vertex_count());

    const double expected[] = {100.0, 84.0, 22.0, 20.0, 400.0 - 9.0 - 25.0 + 25.0};
    for (size_t f = 0; f < g.size(); ++f) {
        std::vector<float> xy;
        for (size_t v = 0; v < mesh.vertex_count(); ++v)
            if (mesh.feature[v] == f) xy.insert(xy.end(), {mesh.xy[2 * v], mesh.xy[2 * v + 1]});
        INFO("feature " << f);
        CHECK(triangles_area(xy) == Approx(expected[f]).epsilon(1e-9));
        CHECK(triangles_area(xy) == Approx(g.area(f)).epsilon(1e-9));
    }

    // No triangle covers the hole's centre (5, 5) of feature 1, nor the second hole of
    // feature 4, while the shell's interior (1, 1) is covered.
    size_t covering_hole = 0, covering_shell = 0, covering_hole2 = 0;
    for (size_t v = 0; v < mesh.vertex_count(); v += 3) {
        const float* t = &mesh.xy[2 * v];
        if (mesh.feature[v] == 1 && point_in_triangle(5.0, 5.0, t)) ++covering_hole;
        if (mesh.feature[v] == 1 && point_in_triangle(1.0, 1.0, t)) ++covering_shell;
        if (mesh.feature[v] == 4 && point_in_triangle(12.5, 12.5, t)) ++covering_hole2;
    }
    CHECK(covering_hole == 0);
    CHECK(covering_hole2 == 0);
    CHECK(covering_shell >= 1);
}

TEST_CASE("tessellate: city-scale coordinates stay exact relative to a local origin", "[render]") {
    // Gauss-Kruger coordinates in Suining: x ~ 3.56e5, y ~ 3.38e6 (float alone keeps ~0.25 m).
    const double x0 = 356123.37, y0 = 3381456.81;
    GeometryColumn g(GeomClass::Polygon);
    add_polygon(g, {{rect(x0, y0, 12.34, 5.67), rect(x0 + 1, y0 + 1, 2.5, 1.5, true)}});
    const FillMesh mesh = triangulate_polygons(g, Origin{x0 + 6.0, y0 + 2.0});
    CHECK(triangles_area(mesh.xy) == Approx(12.34 * 5.67 - 2.5 * 1.5).epsilon(1e-5));
    float min_x = 1e9f;
    for (size_t v = 0; v < mesh.vertex_count(); ++v)
        min_x = std::min(min_x, mesh.xy[2 * v]);
    CHECK(min_x == Approx(-6.0).margin(1e-4));
}

TEST_CASE("tessellate: a polygon GEOS 3.11 cannot triangulate as is is snapped and drawn",
          "[render]") {
    std::ifstream in(test::source_dir() / "tests/data/render/cdt_collinear.wkt");
    REQUIRE(in);
    std::string wkt;
    std::getline(in, wkt);
    const GeosGeometryPtr g = geos_from_wkt(wkt);
    GeometryColumn column(GeomClass::Polygon);
    REQUIRE(column.append_geos(geos_context(), g.get()));
    const Box e = column.extent();
    const FillMesh mesh = triangulate_polygons(column, {e.center_x(), e.center_y()});
    CHECK(mesh.failed_features == 0);
    CHECK(mesh.snapped_features <= 1);
    CHECK(triangles_area(mesh.xy) == Approx(column.area(0)).epsilon(1e-4));
}

TEST_CASE("tessellate: every community of the demo town", "[render]") {
    ingest::LoadOptions options;
    options.sources = {test::sample("suining-demo.gpkg").string()};
    options.layers = {"小区", "楼栋"};
    Progress progress;
    const Dataset dataset = ingest::load_dataset(options, progress);
    REQUIRE(dataset.layers.size() == 2);
    for (const Layer& layer : dataset.layers) {
        const Box e = layer.extent();
        const FillMesh mesh = triangulate_polygons(layer.geometry, {e.center_x(), e.center_y()});
        CHECK(mesh.failed_features == 0);
        std::vector<std::vector<float>> per_feature(layer.size());
        for (size_t v = 0; v < mesh.vertex_count(); ++v)
            per_feature[mesh.feature[v]].insert(per_feature[mesh.feature[v]].end(),
                                                {mesh.xy[2 * v], mesh.xy[2 * v + 1]});
        size_t wrong = 0;
        for (size_t f = 0; f < layer.size(); ++f)
            if (std::abs(triangles_area(per_feature[f]) - layer.geometry.area(f)) >
                1e-4 * layer.geometry.area(f) + 0.01)
                ++wrong;
        INFO(layer.name);
        CHECK(wrong == 0);
    }
}

TEST_CASE("tessellate: line strips and point quads", "[render]") {
    GeometryColumn lines(GeomClass::Line);
    lines.begin_feature();
    lines.begin_part();
    const std::vector<double> l = {0, 0, 10, 0, 10, 0, 10, 5}; // a repeated vertex
    lines.add_ring(l);
    REQUIRE(lines.end_feature());
    const StripMesh strip = line_strips(lines, Origin{});
    CHECK(strip.segment_count() == 2); // the zero-length one skipped
    CHECK(strip.ends.size() == strip.segment_count() * StripMesh::kFloatsPerSegment);
    // first vertex: at (0, 0), direction (10, 0), pushed back and to one side
    CHECK(strip.ends[0] == 0.0f);
    CHECK(strip.ends[1] == 0.0f);
    CHECK(strip.ends[2] == 10.0f);
    CHECK(strip.ends[3] == 0.0f);
    CHECK(strip.ends[4] == 10.0f); // the second segment starts where the first ends
    CHECK(strip.ends[7] == 5.0f);

    GeometryColumn outline(GeomClass::Polygon);
    add_polygon(outline, {{rect(0, 0, 10, 10), rect(3, 3, 4, 4, true)}});
    CHECK(line_strips(outline, Origin{}).segment_count() == 8); // shell and hole

    GeometryColumn points(GeomClass::Point);
    for (double x : {1.0, 2.0, 3.0}) {
        points.begin_feature();
        points.begin_part();
        const std::vector<double> p = {x, 7.0};
        points.add_ring(p);
        REQUIRE(points.end_feature());
    }
    const StripMesh quads = point_quads(points, Origin{1.0, 7.0});
    CHECK(quads.segment_count() == 3);
    CHECK(quads.feature[1] == 1);
    CHECK(quads.ends[4] == 1.0f); // second point's x relative to the origin, at both ends
    CHECK(quads.ends[6] == 1.0f);
    CHECK(quads.ends[5] == 0.0f);
    CHECK(line_strips(points, Origin{}).segment_count() == 0);
    CHECK(point_quads(lines, Origin{}).segment_count() == 0);
}

namespace {

double point_segment_distance(double px, double py, double ax, double ay, double bx, double by) {
    const double dx = bx - ax, dy = by - ay, l2 = dx * dx + dy * dy;
    const double t = l2 > 0 ? std::clamp(((px - ax) * dx + (py - ay) * dy) / l2, 0.0, 1.0) : 0.0;
    return std::hypot(px - (ax + t * dx), py - (ay + t * dy));
}

} // namespace

TEST_CASE("tessellate: simplified strips stay within the tolerance; levels of detail", "[render]") {
    // A wiggly line: 2,001 vertices along a sine, 1 m apart in x, amplitude 0.3 m.
    GeometryColumn lines(GeomClass::Line);
    std::vector<double> xy;
    for (int i = 0; i <= 2000; ++i) {
        xy.push_back(double(i));
        xy.push_back(0.3 * std::sin(i * 0.7));
    }
    lines.begin_feature();
    lines.begin_part();
    lines.add_ring(xy);
    REQUIRE(lines.end_feature());
    // ... and a ring 0.36 m across, which vanishes at tolerances above its size
    GeometryColumn small(GeomClass::Polygon);
    add_polygon(small, {{rect(5, 5, 0.3, 0.2)}});

    for (const double t : {0.5, 2.0, 8.0}) {
        const StripMesh s = line_strips(lines, Origin{}, t);
        REQUIRE(s.ends.size() == 4 * s.segment_count());
        REQUIRE(s.segment_count() > 0);
        // The segments. ends.
        std::vector<std::array<double, 4>> segments;
        for (size_t k = 0; k < s.segment_count(); ++k)
            segments.push_back(
                {s.ends[4 * k], s.ends[4 * k + 1], s.ends[4 * k + 2], s.ends[4 * k + 3]});
        // Ends kept exactly; consecutive segments joined; every original vertex within t
        // (plus float rounding) of the simplified line.
        CHECK(segments.front()[0] == 0.0);
        CHECK(segments.back()[2] == 2000.0);
        for (size_t k = 1; k < segments.size(); ++k) {
            CHECK(segments[k][0] == segments[k - 1][2]);
            CHECK(segments[k][1] == segments[k - 1][3]);
        }
        double worst = 0.0;
        for (size_t i = 0; i < xy.size(); i += 2) {
            double best = 1e300;
            for (const auto& g : segments)
                best = std::min(best,
                                point_segment_distance(xy[i], xy[i + 1], g[0], g[1], g[2], g[3]));
            worst = std::max(worst, best);
        }
        CHECK(worst <= t + 1e-4);
        // Fewer segments than the 2,000 of the original, the more so the coarser.
        CHECK(segments.size() <= size_t(2000 / t) + 1);
        CHECK(line_strips(small, Origin{}, t).segment_count() == 0);
    }
    CHECK(line_strips(small, Origin{}, 0.1).segment_count() == 4);
    CHECK(line_strips(lines, Origin{}, 0.0).segment_count() == 2000);

    LevelOptions options;
    options.min_segments = 0;
    const std::vector<StripLevel> levels = line_levels(lines, Origin{}, options);
    REQUIRE(levels.size() >= 3);
    CHECK(levels[0].tolerance == 0.0);
    CHECK(levels[0].mesh.segment_count() == 2000);
    for (size_t k = 1; k < levels.size(); ++k) {
        CHECK(levels[k].tolerance > levels[k - 1].tolerance);
        CHECK(double(levels[k].mesh.segment_count()) <=
              options.min_gain * double(levels[k - 1].mesh.segment_count()));
    }
    CHECK(level_for(levels, 0.0) == 0);
    CHECK(level_for(levels, 0.49) == 0);
    CHECK(level_for(levels, levels[1].tolerance) == 1);
    CHECK(level_for(levels, 1e9) == levels.size() - 1);
    // Few vertices: only the exact level.
    CHECK(line_levels(small, Origin{}).size() == 1);
}

TEST_CASE("gui map view: kept images grown by whole pixels, shown while they cover the view",
          "[render]") {
    MapView view;
    view.center_x = 1000.0;
    view.center_y = 2000.0;
    view.units_per_pixel = 2.0;
    view.width = 321;
    view.height = 203;
    const MapView image = grown_view(view, 0.25);
    CHECK(image.width == 321 + 2 * 81);
    CHECK(image.height == 203 + 2 * 51);
    CHECK(image.center_x == view.center_x);
    CHECK(image.units_per_pixel == view.units_per_pixel);
    // The view sits in the image at whole pixels: 81 and 51 from its left and top edges.
    ImageRect r = image_on_screen(image, view);
    CHECK(r.left == Approx(-81.0));
    CHECK(r.top == Approx(-51.0));
    CHECK(r.right == Approx(321.0 + 81.0));
    CHECK(r.bottom == Approx(203.0 + 51.0));
    CHECK(image_shows(image, view));
    // Panned within the margin: still shown, shifted by the pan.
    MapView panned = view;
    panned.pan_pixels(80.0, -50.0);
    CHECK(image_shows(image, panned));
    r = image_on_screen(image, panned);
    CHECK(r.left == Approx(-1.0));
    CHECK(r.top == Approx(-101.0));
    // Past the margin, or at another scale: not shown as it is.
    panned.pan_pixels(2.0, 0.0);
    CHECK_FALSE(image_shows(image, panned));
    MapView zoomed = view;
    zoomed.zoom_at(160.5, 101.5, 1.1);
    CHECK_FALSE(image_shows(image, zoomed));
    // ... but placed scaled as a preview: 1.1x larger about the zoom's centre.
    r = image_on_screen(image, zoomed);
    CHECK(r.right - r.left == Approx(1.1 * image.width));
    CHECK(0.5 * (r.left + r.right) == Approx(160.5));
}

TEST_CASE("gui map view: fit, screen mapping and zoom at the cursor", "[render]") {
    MapView view;
    view.fit(Box{1000, 2000, 3000, 3000}, 800, 600, 0.0);
    CHECK(view.units_per_pixel == Approx(2.5)); // width-bound: 2000 m on 800 px
    double px = 0, py = 0;
    view.to_screen(1000, 2500, px, py);
    CHECK(px == Approx(0.0));
    CHECK(py == Approx(300.0));
    const Box v = view.visible();
    CHECK(v.min_x == Approx(1000));
    CHECK(v.max_x == Approx(3000));
    CHECK(v.height() == Approx(1500));

    double x = 0, y = 0;
    view.to_world(200, 100, x, y);
    view.zoom_at(200, 100, 2.0);
    CHECK(view.units_per_pixel == Approx(1.25));
    double x2 = 0, y2 = 0;
    view.to_world(200, 100, x2, y2);
    CHECK(x2 == Approx(x));
    CHECK(y2 == Approx(y));
    view.pan_pixels(10, -4);
    view.to_world(210, 96, x2, y2);
    CHECK(x2 == Approx(x));
    CHECK(y2 == Approx(y));

    MapView empty;
    empty.fit(Box{}, 100, 100);
    CHECK(empty.units_per_pixel == 1.0);
}

TEST_CASE("gui styles: draw order and the plan's category colours", "[render]") {
    CHECK(draw_rank(LayerKind::Zoning) < draw_rank(LayerKind::Water));
    CHECK(draw_rank(LayerKind::Water) < draw_rank(LayerKind::Districts));
    CHECK(draw_rank(LayerKind::Districts) < draw_rank(LayerKind::Communities));
    CHECK(draw_rank(LayerKind::Communities) < draw_rank(LayerKind::SpareLand));
    CHECK(draw_rank(LayerKind::SpareLand) < draw_rank(LayerKind::Roads));
    CHECK(draw_rank(LayerKind::Roads) < draw_rank(LayerKind::Pipelines));
    CHECK(draw_rank(LayerKind::Pipelines) < draw_rank(LayerKind::Buildings));
    CHECK(draw_rank(LayerKind::Buildings) < draw_rank(LayerKind::Facilities));
    CHECK(eligibility_color("yes") == Rgba{0x1a, 0x98, 0x50, 255});
    CHECK(eligibility_color("no") == Rgba{0xbd, 0xbd, 0xbd, 255});
    CHECK(eligibility_color("") == Rgba{0xfd, 0xae, 0x61, 255});
    CHECK(spare_land_use_color("parking") == Rgba{0x45, 0x75, 0xb4, 255});
    CHECK(spare_land_use_color("service") == Rgba{0x98, 0x4e, 0xa3, 255});
    CHECK(spare_land_use_color("green") == Rgba{0x66, 0xbd, 0x63, 255});
    CHECK(kind_label_zh(LayerKind::Communities) == "小区");
    CHECK(kind_label_en(LayerKind::SpareLand) == "Spare land");

    Layer layer;
    layer.role = Role::Communities;
    layer.fids = {1, 2, 3};
    Column eligible("eligible", ColumnType::String);
    eligible.push_string("yes");
    eligible.push_string("no");
    eligible.push_null();
    layer.attributes.push_back(eligible);
    const LayerKind kind = layer_kind(layer);
    CHECK(kind == LayerKind::Communities);
    const auto colors = feature_fill_colors(layer, kind, default_style(kind));
    REQUIRE(colors.size() == 3);
    CHECK(colors[0] == eligibility_color("yes"));
    CHECK(colors[1] == eligibility_color("no"));
    CHECK(colors[2] == eligibility_color(""));
    layer.source.layer_name = "spare_land";
    CHECK(layer_kind(layer) == LayerKind::SpareLand);
}

TEST_CASE("tessellate: meshes in spatial runs record where each run starts", "[render]") {
    // 500 squares on a 25 x 20 grid, in row order; runs of 64 features.
    GeometryColumn squares(GeomClass::Polygon);
    for (int i = 0; i < 500; ++i)
        add_polygon(squares, {{rect(100.0 * (i % 25), 100.0 * (i / 25), 40, 40)}});
    const FeatureChunks chunks = feature_chunks(squares, 64);
    REQUIRE(chunks.count() == 8);
    REQUIRE(chunks.starts.size() == 9);
    CHECK(chunks.starts.back() == 500);
    std::vector<uint32_t> sorted = chunks.order;
    std::sort(sorted.begin(), sorted.end());
    for (uint32_t i = 0; i < 500; ++i)
        REQUIRE(sorted[i] == i); // a permutation
    std::vector<int> chunk_of(500, -1);
    double chunk_area = 0.0;
    for (size_t c = 0; c < chunks.count(); ++c) {
        chunk_area += chunks.boxes[c].width() * chunks.boxes[c].height();
        for (uint32_t k = chunks.starts[c]; k < chunks.starts[c + 1]; ++k) {
            const uint32_t f = chunks.order[k];
            chunk_of[f] = int(c);
            const Box& b = squares.box(f);
            CHECK(chunks.boxes[c].min_x <= b.min_x);
            CHECK(chunks.boxes[c].max_y >= b.max_y);
        }
    }
    // Spatial runs are compact: their boxes together cover little more than the grid (runs of
    // rows in feature order would each span the whole width).
    CHECK(chunk_area < 1.6 * 2440.0 * 1940.0);

    const FillMesh fill = triangulate_polygons(squares, Origin{}, &chunks);
    const StripMesh strips = line_strips(squares, Origin{}, 0.0, &chunks);
    REQUIRE(fill.chunk_offsets.size() == 9);
    REQUIRE(strips.chunk_offsets.size() == 9);
    CHECK(fill.chunk_offsets.back() == fill.vertex_count());
    CHECK(strips.chunk_offsets.back() == strips.segment_count());
    for (size_t c = 0; c < chunks.count(); ++c) {
        for (uint32_t v = fill.chunk_offsets[c]; v < fill.chunk_offsets[c + 1]; ++v)
            REQUIRE(chunk_of[fill.feature[v]] == int(c));
        for (uint32_t s = strips.chunk_offsets[c]; s < strips.chunk_offsets[c + 1]; ++s)
            REQUIRE(chunk_of[strips.feature[s]] == int(c));
    }
    // The same meshes as in row order, reordered.
    const FillMesh plain = triangulate_polygons(squares, Origin{});
    CHECK(plain.vertex_count() == fill.vertex_count());
    CHECK(plain.chunk_offsets == std::vector<uint32_t>{0, uint32_t(plain.vertex_count())});
    CHECK(line_strips(squares, Origin{}).segment_count() == strips.segment_count());
}
