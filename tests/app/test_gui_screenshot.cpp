// `renoplan open --screenshot` as a user runs it on a plan GeoPackage: the PNG read back through
// GDAL shows each layer's style colour at the pixels of known features (found independently
// from the GeoPackage through OGR), community labels drawn in the label colour where the view
// record says they were placed, and a broken file is reported without a crash.
//
// Needs a display: these cases are hidden ([.gui]) and run by the CTest `gui_screenshot`, which
// wraps the test binary in `xvfb-run -a` (tests/app/run_under_xvfb.sh).
#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include <gdal_priv.h>
#include <nlohmann/json.hpp>
#include <ogr_api.h>
#include <ogrsf_frmts.h>

#include "support/test_support.hpp"

namespace fs = std::filesystem;
namespace rt = renoplan::test;

namespace {

struct Image {
    int width = 0, height = 0;
    std::vector<std::array<unsigned char, 3>> rgb;
    std::array<unsigned char, 3> at(int x, int y) const { return rgb[size_t(y) * width + x]; }
};

Image read_png(const fs::path& path) {
    renoplan::gdal_init();
    std::unique_ptr<GDALDataset> ds(GDALDataset::FromHandle(
        GDALOpenEx(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr, nullptr, nullptr)));
    REQUIRE(ds);
    REQUIRE(ds->GetRasterCount() >= 3);
    Image image;
    image.width = ds->GetRasterXSize();
    image.height = ds->GetRasterYSize();
    image.rgb.resize(size_t(image.width) * image.height);
    std::vector<unsigned char> band(image.rgb.size());
    for (int b = 0; b < 3; ++b) {
        REQUIRE(ds->GetRasterBand(b + 1)->RasterIO(GF_Read, 0, 0, image.width, image.height,
                                                   band.data(), image.width, image.height, GDT_Byte,
                                                   0, 0) == CE_None);
        for (size_t k = 0; k < band.size(); ++k)
            image.rgb[k][size_t(b)] = band[k];
    }
    return image;
}

std::array<unsigned char, 3> hex(const char* text) {
    const unsigned v = unsigned(std::stoul(std::string(text + 1), nullptr, 16));
    return {static_cast<unsigned char>(v >> 16), static_cast<unsigned char>((v >> 8) & 255),
            static_cast<unsigned char>(v & 255)};
}

bool close_to(const std::array<unsigned char, 3>& a, const std::array<unsigned char, 3>& b,
              int tolerance = 4) {
    for (size_t k = 0; k < 3; ++k)
        if (std::abs(int(a[k]) - int(b[k])) > tolerance) return false;
    return true;
}

std::string text(const std::array<unsigned char, 3>& c) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "#%02x%02x%02x", c[0], c[1], c[2]);
    return buf;
}

struct Feature {
    std::unique_ptr<OGRGeometry> geometry;
    std::string value; // the categorizing field
};

std::vector<Feature> read_layer(GDALDataset& ds, const char* name, const char* field) {
    OGRLayer* layer = ds.GetLayerByName(name);
    REQUIRE(layer);
    std::vector<Feature> out;
    layer->ResetReading();
    for (auto& f : *layer) {
        if (!f->GetGeometryRef()) continue;
        Feature feature;
        feature.geometry.reset(f->GetGeometryRef()->clone());
        const int index = field ? f->GetFieldIndex(field) : -1;
        if (index >= 0 && f->IsFieldSetAndNotNull(index))
            feature.value = f->GetFieldAsString(index);
        out.push_back(std::move(feature));
    }
    return out;
}

// A label the viewer placed: its text, layer and screen rectangle.
struct Label {
    std::string text, layer, color;
    double anchor_x = 0, anchor_y = 0;
    std::array<double, 4> rect{};
};

// The screenshot's view record: world extent of the image, the overlay windows' rectangles and
// the labels drawn.
struct View {
    double min_x = 0, min_y = 0, max_x = 0, max_y = 0;
    int width = 0, height = 0;
    std::vector<std::array<double, 4>> ui_rects;
    std::vector<Label> labels;
    std::string label_color;

    double units_per_pixel() const { return (max_x - min_x) / width; }
    // Pixel (column, row) of a world point, or false when outside the image or under the UI.
    bool pixel(double x, double y, int& px, int& py) const {
        const double fx = (x - min_x) / (max_x - min_x) * width;
        const double fy = (max_y - y) / (max_y - min_y) * height;
        if (fx < 2 || fy < 2 || fx > width - 2 || fy > height - 2) return false;
        const auto under = [&](const std::array<double, 4>& r) {
            return fx >= r[0] - 3 && fx <= r[2] + 3 && fy >= r[1] - 3 && fy <= r[3] + 3;
        };
        for (const auto& r : ui_rects)
            if (under(r)) return false;
        for (const auto& l : labels)
            if (under(l.rect)) return false;
        px = int(fx);
        py = int(fy);
        return true;
    }
};

View read_view(const fs::path& json_path) {
    std::ifstream in(json_path);
    REQUIRE(in);
    const nlohmann::json j = nlohmann::json::parse(in);
    View v;
    v.min_x = j.at("extent").at(0).get<double>();
    v.min_y = j.at("extent").at(1).get<double>();
    v.max_x = j.at("extent").at(2).get<double>();
    v.max_y = j.at("extent").at(3).get<double>();
    v.width = j.at("width").get<int>();
    v.height = j.at("height").get<int>();
    for (const auto& r : j.at("ui_rects"))
        v.ui_rects.push_back({r.at(0).get<double>(), r.at(1).get<double>(), r.at(2).get<double>(),
                              r.at(3).get<double>()});
    v.label_color = j.at("label_color").get<std::string>();
    for (const auto& l : j.at("labels")) {
        Label label;
        label.text = l.at("text").get<std::string>();
        label.layer = l.at("layer").get<std::string>();
        label.color = l.at("color").get<std::string>();
        label.anchor_x = l.at("anchor").at(0).get<double>();
        label.anchor_y = l.at("anchor").at(1).get<double>();
        for (size_t k = 0; k < 4; ++k)
            label.rect[k] = l.at("rect").at(k).get<double>();
        v.labels.push_back(label);
    }
    return v;
}

// Up to `wanted` points, one per feature of `features` whose value is `value`, that lie well
// inside the feature (margin from its boundary and from every feature of `others`), on the
// image and off the overlay windows.
std::vector<std::array<int, 2>> find_pixels(const std::vector<Feature>& features,
                                            const std::string& value,
                                            const std::vector<const std::vector<Feature>*>& others,
                                            const View& view, size_t wanted) {
    const double margin = 3.0 * view.units_per_pixel();
    std::vector<std::array<int, 2>> out;
    for (const Feature& f : features) {
        if (f.value != value || out.size() >= wanted) continue;
        std::unique_ptr<OGRGeometry> p(
            OGRGeometry::FromHandle(OGR_G_PointOnSurface(OGRGeometry::ToHandle(f.geometry.get()))));
        if (!p || p->IsEmpty()) continue;
        std::unique_ptr<OGRGeometry> boundary(f.geometry->Boundary());
        if (!p->Within(f.geometry.get()) || boundary->Distance(p.get()) <= margin) continue;
        bool clear = true;
        for (const auto* layer : others)
            for (const Feature& o : *layer)
                if (&o != &f && clear && o.geometry->Distance(p.get()) <= margin) clear = false;
        if (!clear) continue;
        const auto* point = p->toPoint();
        int px = 0, py = 0;
        if (view.pixel(point->getX(), point->getY(), px, py)) out.push_back({px, py});
    }
    return out;
}

// The demo town planned into DIR/plan.gpkg (what the screenshots show).
fs::path plan_demo(const rt::TempDir& dir) {
    const fs::path plan = dir / "plan.gpkg";
    const auto planned = rt::run_renoplan(
        {"plan", rt::sample("suining-demo.gpkg").string(), "-o", plan.string(), "--quiet"});
    INFO(planned.err);
    REQUIRE(planned.exit_code == 0);
    return plan;
}

} // namespace

TEST_CASE("gui screenshot: a plan GeoPackage shows its categories at known features", "[.gui]") {
    rt::TempDir dir;
    const fs::path plan = plan_demo(dir);

    const fs::path shot = dir / "shot.png";
    const auto opened = rt::run_renoplan(
        {"open", plan.string(), "--screenshot", shot.string(), "--size", "800x600"});
    INFO(opened.out << opened.err);
    REQUIRE(opened.exit_code == 0);
    CHECK(opened.out.find("screenshot written to") != std::string::npos);
    REQUIRE(fs::exists(shot));
    REQUIRE(fs::exists(dir / "shot.view.json"));
    // keep a copy for people to look at (build-*/tests/gui_screenshot_demo_plan.png)
    std::error_code ec;
    fs::copy_file(shot, fs::current_path() / "gui_screenshot_demo_plan.png",
                  fs::copy_options::overwrite_existing, ec);

    const Image image = read_png(shot);
    REQUIRE(image.width == 800);
    REQUIRE(image.height == 600);
    const View view = read_view(dir / "shot.view.json");
    REQUIRE(view.width == 800);
    REQUIRE(view.height == 600);
    CHECK(view.max_x > view.min_x);

    const auto ds = rt::open_read_only(plan);
    REQUIRE(ds);
    const auto communities = read_layer(*ds, "communities", "eligible");
    const auto spare = read_layer(*ds, "spare_land", "use");
    REQUIRE(!communities.empty());
    REQUIRE(!spare.empty());

    // The whole plan is on the image: its extent is inside the view's.
    OGREnvelope all;
    REQUIRE(ds->GetLayerByName("communities")->GetExtent(&all) == OGRERR_NONE);
    CHECK(all.MinX >= view.min_x);
    CHECK(all.MaxX <= view.max_x);
    CHECK(all.MinY >= view.min_y);
    CHECK(all.MaxY <= view.max_y);

    struct Expect {
        const std::vector<Feature>* layer;
        const char* value;
        const char* color;
        std::vector<const std::vector<Feature>*> above; // what could cover it
    };
    const std::vector<Expect> expectations = {
        {&communities, "yes", "#1a9850", {&communities, &spare}},
        {&communities, "no", "#bdbdbd", {&communities, &spare}},
        {&spare, "parking", "#4575b4", {&spare}},
    };
    for (const Expect& e : expectations) {
        const auto pixels = find_pixels(*e.layer, e.value, e.above, view, 3);
        INFO("category " << e.value);
        REQUIRE(!pixels.empty());
        for (const auto& p : pixels) {
            const auto got = image.at(p[0], p[1]);
            INFO("pixel " << p[0] << "," << p[1] << " is " << text(got) << ", expected "
                          << e.color);
            CHECK(close_to(got, hex(e.color)));
        }
    }
}

TEST_CASE("gui screenshot: community and district names are labelled", "[.gui]") {
    rt::TempDir dir;
    const fs::path plan = plan_demo(dir);
    const fs::path shot = dir / "labels.png";
    const auto opened = rt::run_renoplan(
        {"open", plan.string(), "--screenshot", shot.string(), "--size", "1000x750", "--quiet"});
    INFO(opened.out << opened.err);
    REQUIRE(opened.exit_code == 0);
    const Image image = read_png(shot);
    const View view = read_view(dir / "labels.view.json");

    // The community names from the GeoPackage, with their features.
    const auto ds = rt::open_read_only(plan);
    REQUIRE(ds);
    const auto communities = read_layer(*ds, "communities", "小区名称");
    const auto districts = read_layer(*ds, "districts", "name");

    size_t community_labels = 0, district_labels = 0;
    for (const Label& label : view.labels) {
        INFO("label " << label.text << " of " << label.layer);
        const std::vector<Feature>& features = label.layer == "districts" ? districts : communities;
        // a feature of that name contains the anchor (a point inside the feature)
        double wx = view.min_x + label.anchor_x * view.units_per_pixel();
        double wy = view.max_y - label.anchor_y * (view.max_y - view.min_y) / view.height;
        OGRPoint anchor(wx, wy);
        bool inside = false;
        for (const Feature& f : features)
            if (f.value == label.text &&
                f.geometry->Distance(&anchor) <= 2 * view.units_per_pixel())
                inside = true;
        CHECK(inside);
        (label.layer == "districts" ? district_labels : community_labels) += 1;

        // no two labels overlap, and none lies under an overlay window
        for (const Label& other : view.labels)
            if (&other != &label)
                CHECK_FALSE((label.rect[0] < other.rect[2] && other.rect[0] < label.rect[2] &&
                             label.rect[1] < other.rect[3] && other.rect[1] < label.rect[3]));
        for (const auto& r : view.ui_rects)
            CHECK_FALSE((label.rect[0] < r[2] && r[0] < label.rect[2] && label.rect[1] < r[3] &&
                         r[1] < label.rect[3]));

        // the text is drawn: pixels in the label's colour inside its rectangle
        size_t inked = 0;
        for (int y = int(label.rect[1]); y < int(label.rect[3]); ++y)
            for (int x = int(label.rect[0]); x < int(label.rect[2]); ++x)
                if (x >= 0 && y >= 0 && x < image.width && y < image.height &&
                    close_to(image.at(x, y), hex(label.color.c_str()), 24))
                    ++inked;
        CHECK(inked >= 10);
    }
    CHECK(community_labels >= 5);
    CHECK(district_labels >= 3);
    CHECK(view.label_color == "#1e1e1e");
}

TEST_CASE("gui screenshot: --identify lists the features at a point and highlights the top one",
          "[.gui]") {
    rt::TempDir dir;
    const fs::path plan = plan_demo(dir);

    // a point inside the first community, and its FID
    const auto ds = rt::open_read_only(plan);
    REQUIRE(ds);
    OGRLayer* layer = ds->GetLayerByName("communities");
    REQUIRE(layer);
    layer->ResetReading();
    std::unique_ptr<OGRFeature> feature(layer->GetNextFeature());
    REQUIRE(feature);
    std::unique_ptr<OGRGeometry> point(OGRGeometry::FromHandle(
        OGR_G_PointOnSurface(OGRGeometry::ToHandle(feature->GetGeometryRef()))));
    REQUIRE(point);
    char at[96];
    std::snprintf(at, sizeof at, "%.3f,%.3f", point->toPoint()->getX(), point->toPoint()->getY());

    const fs::path shot = dir / "identify.png";
    const auto opened = rt::run_renoplan({"open", plan.string(), "--screenshot", shot.string(),
                                          "--size", "900x700", "--quiet", "--identify", at});
    INFO(opened.out << opened.err);
    REQUIRE(opened.exit_code == 0);
    std::error_code ec;
    fs::copy_file(shot, fs::current_path() / "gui_screenshot_identify.png",
                  fs::copy_options::overwrite_existing, ec);
    std::ifstream in(dir / "identify.view.json");
    const nlohmann::json j = nlohmann::json::parse(in);
    const auto& identified = j.at("identified");
    REQUIRE(!identified.empty());
    bool found = false;
    for (const auto& hit : identified)
        if (hit.at("layer") == "communities" && hit.at("fid") == feature->GetFID()) found = true;
    CHECK(found);
    CHECK(identified.at(0).at("highlighted") == true);
    // topmost first: spare land (if any) above communities above districts
    const auto rank = [](const std::string& name) {
        return name == "spare_land" ? 0 : name == "communities" ? 1 : 2;
    };
    for (size_t k = 1; k < identified.size(); ++k)
        CHECK(rank(identified[k - 1].at("layer")) <= rank(identified[k].at("layer")));

    // the highlight outline is drawn
    const Image image = read_png(shot);
    const auto highlight = hex(j.at("highlight_color").get<std::string>().c_str());
    size_t outlined = 0;
    for (const auto& px : image.rgb)
        if (close_to(px, highlight, 8)) ++outlined;
    CHECK(outlined >= 20);
    // the identify window is an overlay recorded like the others
    CHECK(j.at("ui_rects").size() >= 4);
}

TEST_CASE("gui screenshot: --run-plan shows the plan's layers and summary as 'renoplan plan' "
          "writes them",
          "[.gui]") {
    rt::TempDir dir;
    const fs::path plan = plan_demo(dir);
    const fs::path shot = dir / "p.png";
    const auto opened =
        rt::run_renoplan({"open", rt::sample("suining-demo.gpkg").string(), "--run-plan",
                          "--screenshot", shot.string(), "--size", "1200x800", "--quiet"});
    INFO(opened.out << opened.err);
    REQUIRE(opened.exit_code == 0);
    REQUIRE(fs::exists(shot));
    std::error_code ec;
    fs::copy_file(shot, fs::current_path() / "gui_screenshot_run_plan.png",
                  fs::copy_options::overwrite_existing, ec);
    std::ifstream in(dir / "p.view.json");
    const nlohmann::json j = nlohmann::json::parse(in);

    renoplan::gdal_init();
    std::unique_ptr<GDALDataset> gpkg(GDALDataset::FromHandle(
        GDALOpenEx(plan.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr)));
    REQUIRE(gpkg);

    // The plan's result layers are on the map with the features the plan GeoPackage has.
    for (const std::string name : {"communities", "districts", "spare_land"}) {
        INFO(name);
        OGRLayer* layer = gpkg->GetLayerByName(name.c_str());
        REQUIRE(layer != nullptr);
        const nlohmann::json* shown = nullptr;
        for (const auto& l : j.at("layers"))
            if (l.at("plan") == true && l.at("name") == name) shown = &l;
        REQUIRE(shown != nullptr);
        CHECK(shown->at("features").get<int64_t>() == layer->GetFeatureCount());
        CHECK(shown->at("visible") == true);
        CHECK(shown->at("not_triangulated") == 0);
    }

    // The Plan panel's figures are plan_summary's total row.
    const auto& panel = j.at("plan");
    CHECK(panel.at("state") == "done");
    const auto& total = panel.at("total");
    OGRLayer* summary = gpkg->GetLayerByName("plan_summary");
    REQUIRE(summary != nullptr);
    int64_t district_rows = 0;
    bool found = false;
    summary->ResetReading();
    for (auto& feature : *summary) {
        const std::string scope = feature->GetFieldAsString("scope");
        if (scope == "district") ++district_rows;
        if (scope != "total") continue;
        found = true;
        for (const char* field :
             {"communities", "households", "buildings", "eligible_communities",
              "eligible_households", "eligible_buildings", "unknown_communities",
              "consented_communities", "parking_stalls"}) {
            INFO(field);
            CHECK(total.at(field).get<int64_t>() == feature->GetFieldAsInteger64(field));
        }
        CHECK(total.at("spare_area_m2").get<double>() ==
              Approx(feature->GetFieldAsDouble("spare_area_m2")).margin(1e-6));
    }
    CHECK(found);
    CHECK(total.at("districts").get<int64_t>() == district_rows);
    CHECK(total.at("districts").get<int64_t>() ==
          gpkg->GetLayerByName("districts")->GetFeatureCount());
    CHECK(!panel.at("counties").empty());

    // English: the same run in the other language.
    const fs::path shot_en = dir / "p_en.png";
    const auto english =
        rt::run_renoplan({"open", rt::sample("suining-demo.gpkg").string(), "--run-plan", "--lang",
                          "en", "--screenshot", shot_en.string(), "--size", "1200x800", "--quiet"});
    INFO(english.out << english.err);
    CHECK(english.exit_code == 0);
    fs::copy_file(shot_en, fs::current_path() / "gui_screenshot_run_plan_en.png",
                  fs::copy_options::overwrite_existing, ec);
}

TEST_CASE("gui screenshot: --run-plan without communities fails with the plan's message",
          "[.gui]") {
    rt::TempDir dir;
    const fs::path shot = dir / "fail.png";
    const auto r =
        rt::run_renoplan({"open", rt::sample("facilities-wgs84.geojson").string(), "--run-plan",
                          "--screenshot", shot.string(), "--size", "800x600", "--quiet"});
    INFO(r.out << r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("communities") != std::string::npos);
    REQUIRE(fs::exists(shot)); // the screenshot shows the form and the message
    std::ifstream in(dir / "fail.view.json");
    const nlohmann::json j = nlohmann::json::parse(in);
    CHECK(j.at("plan").at("state") == "failed");
    CHECK(j.at("plan").at("error").get<std::string>().find("communities") != std::string::npos);
    for (const auto& l : j.at("layers"))
        CHECK(l.at("plan") == false);
}

TEST_CASE("gui screenshot: a broken file is reported, not a crash", "[.gui]") {
    rt::TempDir dir;
    const fs::path broken = dir / "x.gpkg";
    std::ofstream(broken) << "this is not a GeoPackage\n";
    const fs::path shot = dir / "broken.png";
    const auto r = rt::run_renoplan({"open", broken.string(), "--screenshot", shot.string(),
                                     "--size", "640x480", "--lang", "en"});
    INFO(r.out << r.err);
    CHECK(r.exit_code == 1); // not a signal (128 + n)
    CHECK(r.err.find("x.gpkg") != std::string::npos);
    CHECK(r.err.find("nothing usable") != std::string::npos);
    // the screenshot shows the messages instead of a map
    CHECK(fs::exists(shot));
}

TEST_CASE("gui screenshot: open with no source shows an empty map and the hint", "[.gui]") {
    rt::TempDir dir;
    const fs::path shot = dir / "empty.png";
    const auto r = rt::run_renoplan(
        {"open", "--screenshot", shot.string(), "--size", "800x500", "--lang", "en"});
    INFO(r.out << r.err);
    CHECK(r.exit_code == 0);
    REQUIRE(fs::exists(shot));
    std::ifstream in(dir / "empty.view.json");
    const nlohmann::json j = nlohmann::json::parse(in);
    CHECK(j.at("layers").empty());
    CHECK(j.at("hint").get<std::string>().find("Drop files onto the window") != std::string::npos);
    // The demo town is found beside the build tree (the executable's ../../data-samples).
    const std::string demo = j.at("demo").get<std::string>();
    REQUIRE(!demo.empty());
    CHECK(fs::exists(demo));
    CHECK(fs::path(demo).filename() == "suining-demo.gpkg");
    std::error_code ec;
    fs::copy_file(shot, fs::current_path() / "gui_screenshot_empty.png",
                  fs::copy_options::overwrite_existing, ec);
}

TEST_CASE("gui screenshot: --panel attributes shows a layer's table", "[.gui]") {
    rt::TempDir dir;
    const fs::path shot = dir / "attributes.png";
    const auto r = rt::run_renoplan({"open", rt::sample("suining-demo.gpkg").string(), "--panel",
                                     "attributes", "--attributes-layer", "小区", "--screenshot",
                                     shot.string(), "--size", "1280x800", "--quiet"});
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    std::ifstream in(dir / "attributes.view.json");
    const nlohmann::json j = nlohmann::json::parse(in);
    REQUIRE(j.contains("attributes"));
    const auto& attributes = j.at("attributes");
    CHECK(attributes.at("layer") == "小区");
    size_t features = 0;
    for (const auto& layer : j.at("layers"))
        if (layer.at("name") == "小区") features = layer.at("features").get<size_t>();
    CHECK(features > 0);
    CHECK(attributes.at("rows").get<size_t>() == features);
    CHECK(!attributes.at("columns").empty());
    // unsorted, unfiltered: row order (fids ascending)
    const auto& fids = attributes.at("first_fids");
    REQUIRE(fids.size() >= 2);
    for (size_t k = 1; k < fids.size(); ++k)
        CHECK(fids[k - 1].get<int64_t>() < fids[k].get<int64_t>());
    std::error_code ec;
    fs::copy_file(shot, fs::current_path() / "gui_screenshot_attributes.png",
                  fs::copy_options::overwrite_existing, ec);
}

TEST_CASE("renoplan open: bad --size and --lang are usage errors", "[cli][bad-input]") {
    const std::string demo = rt::sample("suining-demo.gpkg").string();
    const auto size = rt::run_renoplan({"open", demo, "--screenshot", "x.png", "--size", "80"});
    CHECK(size.exit_code == 2);
    CHECK(size.err.find("--size") != std::string::npos);
    const auto lang = rt::run_renoplan({"open", demo, "--lang", "fr"});
    CHECK(lang.exit_code == 2);
    CHECK(lang.err.find("--lang") != std::string::npos);
    const auto identify = rt::run_renoplan(
        {"open", demo, "--screenshot", "x.png", "--identify", "556100.9;3379366.9"});
    CHECK(identify.exit_code == 2);
    CHECK(identify.err.find("--identify") != std::string::npos);
    const auto panel =
        rt::run_renoplan({"open", demo, "--screenshot", "x.png", "--panel", "settings"});
    CHECK(panel.exit_code == 2);
    CHECK(panel.err.find("--panel") != std::string::npos);
    const auto help = rt::run_renoplan({"open", "--help"});
    CHECK(help.exit_code == 0);
    CHECK(help.out.find("--screenshot") != std::string::npos);
    CHECK(help.out.find("--identify") != std::string::npos);
}

TEST_CASE("gui screenshot: --measure draws the path and records its length and area", "[.gui]") {
    rt::TempDir dir;
    const fs::path shot = dir / "measure.png";
    // A right angle of 400 m and 300 m in the demo town (EPSG:4544): 700 m long, 60,000 m² = 90 亩
    const auto r =
        rt::run_renoplan({"open", rt::sample("suining-demo.gpkg").string(), "--screenshot",
                          shot.string(), "--size", "1000x700", "--lang", "en", "--quiet",
                          "--measure", "556000,3379000;556400,3379000;556400,3379300"});
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    std::ifstream in(dir / "measure.view.json");
    const nlohmann::json j = nlohmann::json::parse(in);
    const auto& m = j.at("measure");
    CHECK(m.at("points") == 3);
    CHECK(m.at("length_m").get<double>() == Approx(700.0));
    CHECK(m.at("perimeter_m").get<double>() == Approx(1200.0));
    CHECK(m.at("area_m2").get<double>() == Approx(60000.0));
    CHECK(m.at("area_mu").get<double>() == Approx(90.0));
    // The path is drawn in the measure colour: sample along the middle of each segment.
    const View view = read_view(dir / "measure.view.json");
    const Image image = read_png(shot);
    const auto color = hex(j.at("measure_color").get<std::string>().c_str());
    size_t hits = 0, tried = 0;
    for (const auto& [x, y] : std::vector<std::array<double, 2>>{
             {556150, 3379000}, {556250, 3379000}, {556400, 3379100}, {556400, 3379200}}) {
        int px = 0, py = 0;
        if (!view.pixel(x, y, px, py)) continue;
        ++tried;
        for (int d = -1; d <= 1 && px + d >= 0; ++d)
            if (close_to(image.at(px + (y == 3379000 ? 0 : d), py + (y == 3379000 ? d : 0)), color,
                         12)) {
                ++hits;
                break;
            }
    }
    CHECK(tried >= 3);
    CHECK(hits == tried);
}

TEST_CASE("gui screenshot: --select-box selects what the box touches", "[.gui]") {
    rt::TempDir dir;
    const fs::path shot = dir / "select.png";
    const auto r = rt::run_renoplan({"open", rt::sample("suining-demo.gpkg").string(),
                                     "--screenshot", shot.string(), "--size", "800x600", "--quiet",
                                     "--select-box", "555500,3378500,556000,3379000"});
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    std::ifstream in(dir / "select.view.json");
    const nlohmann::json j = nlohmann::json::parse(in);
    const auto& selection = j.at("selection");
    REQUIRE(!selection.empty());
    // Every feature of the box's layers that GDAL finds intersecting the box is selected.
    const auto ds = rt::open_read_only(rt::sample("suining-demo.gpkg"));
    REQUIRE(ds);
    OGRPolygon box;
    OGRLinearRing ring;
    for (const auto& [x, y] : std::vector<std::array<double, 2>>{
             {555500, 3378500}, {556000, 3378500}, {556000, 3379000}, {555500, 3379000}})
        ring.addPoint(x, y);
    ring.closeRings();
    box.addRing(&ring);
    size_t expected = 0;
    for (auto* layer : ds->GetLayers()) {
        // the demo town is stored in EPSG:4544, the working CRS
        for (auto& f : *layer)
            if (f->GetGeometryRef() && f->GetGeometryRef()->Intersects(&box)) ++expected;
    }
    CHECK(selection.size() == expected);
}

TEST_CASE("gui screenshot: the empty map lists the recent files of the settings", "[.gui]") {
    rt::TempDir dir;
    const fs::path shot = dir / "recent.png";
    const fs::path config = dir / "config";
    const std::string demo = rt::sample("suining-demo.gpkg").string();
    // first start: no settings file
    auto r = rt::run_renoplan({"open", "--screenshot", shot.string(), "--size", "800x500"},
                              {"XDG_CONFIG_HOME=" + config.string()});
    REQUIRE(r.exit_code == 0);
    {
        std::ifstream in(dir / "recent.view.json");
        const nlohmann::json j = nlohmann::json::parse(in);
        CHECK(j.at("first_start") == true);
        CHECK(j.at("recent").empty());
    }
    CHECK_FALSE(fs::exists(config / "renoplan" / "settings.json")); // screenshots never write
    fs::create_directories(config / "renoplan");
    std::ofstream(config / "renoplan" / "settings.json")
        << nlohmann::json{{"language", "zh"}, {"recent_files", {demo, "/no/such/小区.shp"}}}.dump();
    r = rt::run_renoplan({"open", "--screenshot", shot.string(), "--size", "800x500"},
                         {"XDG_CONFIG_HOME=" + config.string(), "LC_ALL=en_US.UTF-8"});
    REQUIRE(r.exit_code == 0);
    std::ifstream in(dir / "recent.view.json");
    const nlohmann::json j = nlohmann::json::parse(in);
    CHECK(j.at("first_start") == false);
    CHECK(j.at("language") == "zh"); // the settings over the locale
    REQUIRE(j.at("recent").size() == 2);
    CHECK(j.at("recent")[0].at("path") == fs::absolute(demo).lexically_normal().string());
    CHECK(j.at("recent")[0].at("exists") == true);
    CHECK(j.at("recent")[1].at("exists") == false);
    // --lang over the settings; the locale when neither says
    r = rt::run_renoplan(
        {"open", "--screenshot", shot.string(), "--size", "800x500", "--lang", "en"},
        {"XDG_CONFIG_HOME=" + config.string()});
    std::ifstream in2(dir / "recent.view.json");
    CHECK(nlohmann::json::parse(in2).at("language") == "en");
    r = rt::run_renoplan({"open", "--screenshot", shot.string(), "--size", "800x500"},
                         {"XDG_CONFIG_HOME=" + (dir / "none").string(),
                          "LC_ALL=", "LC_MESSAGES=zh_CN.UTF-8", "LANG=en_US.UTF-8"});
    std::ifstream in3(dir / "recent.view.json");
    CHECK(nlohmann::json::parse(in3).at("language") == "zh");
}

TEST_CASE("gui screenshot: --style colours a layer by a field and the legend records its classes",
          "[.gui]") {
    rt::TempDir dir;
    const std::string demo = rt::sample("suining-demo.gpkg").string();
    const auto ds = rt::open_read_only(demo);
    REQUIRE(ds);
    for (const bool graduated : {false, true}) {
        const std::string field = graduated ? "户数" : "所属区县";
        const fs::path shot = dir / (graduated ? "graduated.png" : "categorized.png");
        const auto r = rt::run_renoplan(
            {"open", demo, "--layer", "小区", "--screenshot", shot.string(), "--size", "1000x700",
             "--quiet", "--style",
             "小区:" + std::string(graduated ? "graduated:" : "categorized:") + field + ":4"});
        INFO(r.out << r.err);
        if (!graduated) { // categorized takes no class count: a usage error
            CHECK(r.exit_code == 2);
            const auto ok = rt::run_renoplan({"open", demo, "--layer", "小区", "--screenshot",
                                              shot.string(), "--size", "1000x700", "--quiet",
                                              "--style", "小区:categorized:" + field});
            REQUIRE(ok.exit_code == 0);
        } else {
            REQUIRE(r.exit_code == 0);
        }
        std::ifstream in(fs::path(shot).replace_extension(".view.json"));
        const nlohmann::json j = nlohmann::json::parse(in);
        const auto& style = j.at("layers").at(0).at("style");
        CHECK(style.at("mode") == (graduated ? "graduated" : "categorized"));
        const auto& classes = style.at("classes");
        REQUIRE(classes.size() >= 2);
        // The class of each feature, independently from the record's values or bounds.
        const auto color_of = [&](const std::string& value) -> std::string {
            for (const auto& c : classes) {
                if (!graduated && c.at("label") == value) return c.at("color");
                if (graduated && c.contains("upper")) {
                    const double v = std::stod(value);
                    if (v <= c.at("upper").get<double>() && v >= c.at("lower").get<double>())
                        return c.at("color");
                }
            }
            return {};
        };
        const auto communities = read_layer(*ds, "小区", field.c_str());
        const View view = read_view(fs::path(shot).replace_extension(".view.json"));
        const Image image = read_png(shot);
        size_t checked = 0;
        for (const auto& c : classes) {
            if (c.at("kind") != "value") continue;
            // a feature of this class
            std::string value;
            for (const Feature& f : communities)
                if (color_of(f.value) == c.at("color")) value = f.value;
            REQUIRE(!value.empty());
            for (const auto& p : find_pixels(communities, value, {&communities}, view, 2)) {
                const auto got = image.at(p[0], p[1]);
                INFO(field << " = " << value << ": pixel " << text(got) << ", class "
                           << c.at("color").get<std::string>());
                CHECK(close_to(got, hex(c.at("color").get<std::string>().c_str())));
                ++checked;
            }
        }
        CHECK(checked >= classes.size());
        if (graduated) {
            size_t total = 0;
            for (const auto& c : classes)
                total += c.at("count").get<size_t>();
            CHECK(total == communities.size());
        }
    }
    const auto bad = rt::run_renoplan({"open", demo, "--screenshot", (dir / "x.png").string(),
                                       "--style", "小区:graduated:所属区县"});
    CHECK(bad.exit_code == 2);
    CHECK(bad.err.find("--style") != std::string::npos);
}

TEST_CASE("gui screenshot: messages that name a feature link to it", "[.gui]") {
    rt::TempDir dir;
    const fs::path shot = dir / "messages.png";
    // 4 of the 5 counties are repaired at load: each message names its feature id
    const auto r = rt::run_renoplan(
        {"open", rt::real_data("sichuan-echarts/suining_counties_echarts_gcj02.geojson").string(),
         "--screenshot", shot.string(), "--size", "1100x600", "--quiet", "--panel", "messages"});
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    std::ifstream in(dir / "messages.view.json");
    const nlohmann::json j = nlohmann::json::parse(in);
    size_t linked = 0, plain = 0;
    for (const auto& m : j.at("messages")) {
        const std::string text = m.at("text");
        INFO(text);
        const size_t at = text.find(": feature ");
        if (m.at("code") == "geometry.repaired") {
            REQUIRE(at != std::string::npos);
            REQUIRE(m.contains("link"));
            CHECK(m.at("link").at("fid").get<int64_t>() == std::stoll(text.substr(at + 10)));
            CHECK(m.at("link").at("layer") == "suining_counties");
            const auto& box = m.at("link").at("box");
            CHECK(box[2].get<double>() > box[0].get<double>());
            ++linked;
        } else if (at == std::string::npos) {
            CHECK_FALSE(m.contains("link")); // about the whole layer: plain text
            ++plain;
        }
    }
    CHECK(linked == 4);
    CHECK(plain >= 1);
}

TEST_CASE("gui screenshot: the status line's scale and the north arrow, turned by the convergence",
          "[.gui]") {
    rt::TempDir dir;
    const fs::path shot = dir / "north.png";
    const auto r =
        rt::run_renoplan({"open", rt::sample("suining-demo.gpkg").string(), "--screenshot",
                          shot.string(), "--size", "1000x700", "--quiet", "--lang", "zh"});
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    std::ifstream in(dir / "north.view.json");
    const nlohmann::json j = nlohmann::json::parse(in);
    REQUIRE(j.at("crs") == "EPSG:4544");

    // The status line: 1 px = x m and 1:N at 96 dpi (screenshots), N to three figures.
    const auto& status = j.at("status");
    const double upp = j.at("units_per_pixel").get<double>();
    CHECK(status.at("mm_per_pixel").get<double>() == Approx(25.4 / 96.0));
    const double n = upp * 1000.0 / (25.4 / 96.0);
    const double step = std::pow(10.0, std::floor(std::log10(n)) - 2.0);
    const long long rounded = std::llround(std::round(n / step) * step);
    std::string digits = std::to_string(rounded);
    for (int k = int(digits.size()) - 3; k > 0; k -= 3)
        digits.insert(size_t(k), ",");
    CHECK(status.at("scale").get<std::string>() == "1:" + digits);
    char pixel[64];
    std::snprintf(pixel, sizeof pixel, "1 像素 = %.2f 米", upp);
    CHECK(status.at("pixel").get<std::string>() == pixel);
    CHECK(status.at("drawing") == false); // screenshots draw the map at once
    CHECK(status.at("lonlat") == "");     // no cursor in a screenshot

    // The view centre as lon/lat is in Suining, and the arrow's convergence is the Gauss-Kruger
    // figure there (central meridian 105E): gamma = atan(tan(dlon) sin(lat)), to 0.01 degrees.
    const double lon = j.at("center_lonlat").at(0).get<double>();
    const double lat = j.at("center_lonlat").at(1).get<double>();
    CHECK(lon > 105.0);
    CHECK(lon < 106.5);
    CHECK(lat > 30.0);
    CHECK(lat < 31.0);
    const auto& arrow = j.at("north_arrow");
    REQUIRE(arrow.at("shown") == true);
    const double rad = 3.14159265358979323846 / 180.0;
    const double gamma = std::atan(std::tan((lon - 105.0) * rad) * std::sin(lat * rad)) / rad;
    CHECK(arrow.at("convergence_deg").get<double>() == Approx(gamma).margin(0.01));
    CHECK(arrow.at("convergence_deg").get<double>() > 0.0); // east of the central meridian

    // The arrow lies on the image, clear of every other overlay (legend, scale bar, panels), and
    // its pixels are there: dark ink and a white half.
    std::array<double, 4> rect{};
    for (size_t k = 0; k < 4; ++k)
        rect[k] = arrow.at("rect").at(k).get<double>();
    CHECK(rect[0] >= 0);
    CHECK(rect[1] >= 0);
    CHECK(rect[2] <= 1000);
    CHECK(rect[3] <= 700);
    int others = 0;
    for (const auto& u : j.at("ui_rects")) {
        const std::array<double, 4> o{u.at(0).get<double>(), u.at(1).get<double>(),
                                      u.at(2).get<double>(), u.at(3).get<double>()};
        if (o == rect) continue;
        ++others;
        const bool overlap = o[0] < rect[2] && rect[0] < o[2] && o[1] < rect[3] && rect[1] < o[3];
        INFO("overlay " << o[0] << "," << o[1] << "," << o[2] << "," << o[3]);
        CHECK_FALSE(overlap);
    }
    CHECK(others >= 3); // the Layers panel, the status line, the legend, the scale bar
    const Image image = read_png(shot);
    int dark = 0, white = 0;
    for (int y = int(rect[1]); y < int(rect[3]); ++y)
        for (int x = int(rect[0]); x < int(rect[2]); ++x) {
            const auto c = image.at(x, y);
            if (close_to(c, {30, 30, 30}, 20)) ++dark;
            if (close_to(c, {255, 255, 255}, 6)) ++white;
        }
    CHECK(dark > 60);
    CHECK(white > 60);
    // The letter sits above the arrow: ink in the disc's top third (the letter; the tip ends
    // lower) and in its bottom third (the arrow's wings).
    int top = 0, bottom = 0;
    const double h = rect[3] - rect[1];
    for (int y = int(rect[1]); y < int(rect[3]); ++y)
        for (int x = int(rect[0]); x < int(rect[2]); ++x)
            if (const auto c = image.at(x, y); c[0] < 110 && c[1] < 110 && c[2] < 110) {
                if (y < rect[1] + h / 3.0) ++top;
                if (y > rect[3] - h / 3.0) ++bottom;
            }
    CHECK(top > 10);
    CHECK(bottom > 10);
}

TEST_CASE("gui screenshot: --panel open shows the Open dialog on the remembered folder", "[.gui]") {
    rt::TempDir dir;
    const fs::path shot = dir / "dialog.png";
    const fs::path config = dir / "config";
    const fs::path data = dir / "遂宁 数据";
    fs::create_directories(data / "乡镇");
    fs::create_directories(data / ".git");
    fs::copy_file(rt::sample("suining-demo.gpkg"), data / "遂宁城区.gpkg");
    std::ofstream(data / "道路.geojson") << "{}";
    std::ofstream(data / "说明.txt") << "x";
    fs::create_directories(config / "renoplan");
    std::ofstream(config / "renoplan" / "settings.json")
        << nlohmann::json{{"file_dialog", {{"folder", data.string()}}}}.dump();
    const auto r = rt::run_renoplan({"open", "--screenshot", shot.string(), "--size", "900x600",
                                     "--lang", "zh", "--panel", "open"},
                                    {"XDG_CONFIG_HOME=" + config.string()});
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    std::ifstream in(dir / "dialog.view.json");
    const nlohmann::json j = nlohmann::json::parse(in);
    const auto& dialog = j.at("file_dialog");
    CHECK(dialog.at("folder") == fs::absolute(data).lexically_normal().string());
    CHECK(dialog.at("error") == "");
    // The folder first, then the openable files by name; no hidden folder, no .txt.
    std::vector<std::string> names;
    for (const auto& e : dialog.at("entries"))
        names.push_back(e.at("name").get<std::string>() + (e.at("folder") == true ? "/" : ""));
    CHECK(names == std::vector<std::string>{"乡镇/", "遂宁城区.gpkg", "道路.geojson"});
    // The dialog is a window of the image, in the middle.
    bool centred = false;
    for (const auto& u : j.at("ui_rects"))
        centred = centred || (u.at(0).get<double>() < 450 && u.at(2).get<double>() > 450 &&
                              u.at(1).get<double>() < 300 && u.at(3).get<double>() > 300 &&
                              u.at(2).get<double>() - u.at(0).get<double>() > 400);
    CHECK(centred);
    CHECK_FALSE(fs::exists(config / "renoplan" / "settings.json.tmp"));

    // A remembered folder that is gone: the dialog starts in the current directory instead.
    std::ofstream(config / "renoplan" / "settings.json")
        << nlohmann::json{{"file_dialog", {{"folder", (dir / "gone").string()}}}}.dump();
    const auto r2 = rt::run_renoplan(
        {"open", "--screenshot", shot.string(), "--size", "900x600", "--panel", "open"},
        {"XDG_CONFIG_HOME=" + config.string()});
    REQUIRE(r2.exit_code == 0);
    std::ifstream in2(dir / "dialog.view.json");
    const nlohmann::json j2 = nlohmann::json::parse(in2);
    CHECK(j2.at("file_dialog").at("folder") != (dir / "gone").string());
    CHECK(j2.at("file_dialog").at("error") == "");
}
