// `renoplan plan` as a user runs it on the demo town: the GeoPackage read back through GDAL
// (layers, fields, styles, aliases), its figures recomputed independently from the layers it
// holds, determinism, and the refusals that protect the user's files.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <nlohmann/json.hpp>

#include "geo/analysis/params.hpp"
#include "geo/core/gdal.hpp"
#include "geo/core/sha256.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;
namespace rt = renoplan::test;

namespace {

renoplan::GdalDatasetPtr open_plan(const fs::path& path) {
    auto ds = renoplan::test::open_read_only(path);
    REQUIRE(ds);
    return ds;
}

// Every value of every feature of every layer, geometry as WKB hex; run_info rows that change
// from run to run (time, command line) left out.
std::string dump(GDALDataset& ds) {
    std::ostringstream out;
    for (int l = 0; l < ds.GetLayerCount(); ++l) {
        OGRLayer* layer = ds.GetLayer(l);
        out << "layer " << layer->GetName() << "\n";
        layer->ResetReading();
        for (auto& f : *layer) {
            std::ostringstream row;
            row << f->GetFID();
            for (int i = 0; i < f->GetFieldCount(); ++i)
                row << "|" << (f->IsFieldSetAndNotNull(i) ? f->GetFieldAsString(i) : "NULL");
            if (const OGRGeometry* g = f->GetGeometryRef()) {
                std::vector<unsigned char> wkb(g->WkbSize());
                g->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
                static const char* hex = "0123456789abcdef";
                row << "|";
                for (unsigned char b : wkb)
                    row << hex[b >> 4] << hex[b & 15];
            }
            const std::string text = row.str();
            if (text.find("|created_utc|") != std::string::npos ||
                text.find("|command|") != std::string::npos)
                continue;
            out << text << "\n";
        }
    }
    return out.str();
}

std::vector<std::map<std::string, std::string>> rows(GDALDataset& ds, const std::string& sql) {
    std::vector<std::map<std::string, std::string>> out;
    OGRLayer* result = ds.ExecuteSQL(sql.c_str(), nullptr, nullptr);
    REQUIRE(result);
    for (auto& f : *result) {
        std::map<std::string, std::string> row;
        for (int i = 0; i < f->GetFieldCount(); ++i)
            row[f->GetFieldDefnRef(i)->GetNameRef()] =
                f->IsFieldSetAndNotNull(i) ? f->GetFieldAsString(i) : "";
        out.push_back(std::move(row));
    }
    ds.ReleaseResultSet(result);
    return out;
}

long long as_int(const std::string& s) {
    return std::stoll(s);
}

} // namespace

TEST_CASE("renoplan plan on the demo town: layers, fields, styles, aliases and figures",
          "[cli][plan]") {
    rt::TempDir dir;
    const fs::path input = rt::sample("suining-demo.gpkg");
    const std::string input_hash = renoplan::sha256_file(input.string());
    const fs::path out = dir / "plan.gpkg";
    const auto r = rt::run_renoplan({"plan", input.string(), "-o", out.string(), "-q"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(renoplan::sha256_file(input.string()) == input_hash); // the input is never touched
    // Rollback journal, checked and renamed: nothing beside the plan.
    CHECK(!fs::exists(out.string() + "-wal"));
    CHECK(!fs::exists(out.string() + "-shm"));
    CHECK(!fs::exists(out.string() + "-journal"));
    size_t files = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir.path()))
        ++files;
    CHECK(files == 1);

    auto ds = open_plan(out);
    std::set<std::string> names;
    for (int l = 0; l < ds->GetLayerCount(); ++l)
        names.insert(ds->GetLayer(l)->GetName());
    for (const char* name : {"communities", "districts", "district_members", "spare_land",
                             "plan_summary", "run_info"}) {
        INFO(name);
        CHECK(names.count(name) == 1);
    }
    OGRLayer* communities = ds->GetLayerByName("communities");
    REQUIRE(communities);
    CHECK(communities->GetFeatureCount() == 300);
    CHECK(communities->GetSpatialRef()->GetAuthorityCode(nullptr) == std::string("4544"));
    // Source fields kept (Chinese names), plan fields added.
    const OGRFeatureDefn* defn = communities->GetLayerDefn();
    for (const char* field : {"小区名称", "所属区县", "建成年代", "户数", "eligible", "reasons_zh",
                              "reasons_en", "reason_codes", "consent_stage", "district_id"}) {
        INFO(field);
        CHECK(defn->GetFieldIndex(field) >= 0);
    }
    CHECK(ds->GetLayerByName("districts")->GetGeomType() != wkbNone);
    CHECK(ds->GetLayerByName("spare_land")->GetGeomType() != wkbNone);

    // Styles: a default QML for each layer; Chinese aliases in gpkg_data_columns.
    const auto styles = rows(*ds, "SELECT f_table_name, useAsDefault, styleQML FROM layer_styles");
    std::set<std::string> styled;
    for (const auto& s : styles) {
        if (s.at("useAsDefault") == "1") styled.insert(s.at("f_table_name"));
        CHECK(s.at("styleQML").find("<qgis") != std::string::npos);
    }
    CHECK(styled.count("communities") == 1);
    CHECK(styled.count("districts") == 1);
    CHECK(styled.count("spare_land") == 1);
    const auto alias = rows(*ds, "SELECT name FROM gpkg_data_columns WHERE table_name = "
                                 "'communities' AND column_name = 'eligible'");
    REQUIRE(alias.size() == 1);
    CHECK(alias[0].at("name") == "是否纳入改造");

    // The summary, recomputed from the communities layer the plan holds.
    const auto total = rows(*ds, "SELECT * FROM plan_summary WHERE scope = 'total'");
    REQUIRE(total.size() == 1);
    const auto mine = rows(*ds, "SELECT count(*) AS n, sum(\"户数\") AS hh, sum(\"楼栋数\") AS b, "
                                "sum(CASE WHEN eligible = 'yes' THEN 1 ELSE 0 END) AS en, "
                                "sum(CASE WHEN eligible = 'yes' THEN \"户数\" ELSE 0 END) AS eh, "
                                "sum(CASE WHEN eligible = 'unknown' THEN 1 ELSE 0 END) AS un "
                                "FROM communities");
    CHECK(as_int(total[0].at("communities")) == as_int(mine[0].at("n")));
    CHECK(as_int(total[0].at("households")) == as_int(mine[0].at("hh")));
    CHECK(as_int(total[0].at("buildings")) == as_int(mine[0].at("b")));
    CHECK(as_int(total[0].at("eligible_communities")) == as_int(mine[0].at("en")));
    CHECK(as_int(total[0].at("eligible_households")) == as_int(mine[0].at("eh")));
    CHECK(as_int(total[0].at("unknown_communities")) == as_int(mine[0].at("un")));
    CHECK(as_int(mine[0].at("en")) > 100); // the demo town is mostly old
    CHECK(as_int(mine[0].at("un")) > 0);   // and has "90年代"-style years to verify
    // Per county, likewise.
    const auto counties = rows(*ds, "SELECT key, communities, households FROM plan_summary "
                                    "WHERE scope = 'county'");
    const auto by_county = rows(*ds, "SELECT \"所属区县\" AS c, count(*) AS n, sum(\"户数\") AS hh "
                                     "FROM communities GROUP BY \"所属区县\"");
    CHECK(counties.size() == by_county.size());
    for (const auto& c : counties)
        for (const auto& m : by_county)
            if (m.at("c") == c.at("key")) {
                INFO(c.at("key"));
                CHECK(c.at("communities") == m.at("n"));
                CHECK(c.at("households") == m.at("hh"));
            }

    // Districts, members and communities agree with each other.
    const auto districts = rows(*ds, "SELECT district_id, communities, households FROM districts");
    REQUIRE(districts.size() > 5);
    const auto members = rows(*ds, "SELECT m.district_id AS md, c.district_id AS cd, c.eligible "
                                   "AS e FROM district_members m JOIN communities c ON c.fid = "
                                   "m.community_fid");
    long long member_sum = 0;
    for (const auto& d : districts)
        member_sum += as_int(d.at("communities"));
    CHECK(members.size() == size_t(member_sum));
    for (const auto& m : members) {
        CHECK(m.at("md") == m.at("cd"));
        CHECK(m.at("e") == "yes"); // default: eligible communities form the districts
    }
    const auto in_no_district = rows(*ds, "SELECT count(*) AS n FROM communities WHERE eligible "
                                          "= 'yes' AND district_id IS NULL");
    CHECK(in_no_district[0].at("n") == "0");

    // Every spare piece lies inside its district (1 cm tolerance), and parking pieces have
    // stalls from the layout, not the area norm.
    std::map<std::string, std::unique_ptr<OGRGeometry>> outline;
    for (auto& f : *ds->GetLayerByName("districts"))
        outline[f->GetFieldAsString("district_id")].reset(f->GetGeometryRef()->Buffer(0.01));
    size_t pieces = 0, parking = 0, layout_differs = 0;
    for (auto& f : *ds->GetLayerByName("spare_land")) {
        ++pieces;
        const auto& d = outline.at(f->GetFieldAsString("district_id"));
        CHECK(f->GetGeometryRef()->Within(d.get()));
        if (std::string(f->GetFieldAsString("use")) == "parking") {
            ++parking;
            CHECK(f->GetFieldAsInteger("stalls") >= 10);
            if (f->GetFieldAsInteger("stalls") != f->GetFieldAsInteger("stalls_by_norm"))
                ++layout_differs;
        }
    }
    CHECK(pieces > 50);
    CHECK(parking > 10);
    CHECK(layout_differs > parking / 2);

    // run_info: parameters and the input with its size and hash.
    const auto info = rows(*ds, "SELECT key, value, detail FROM run_info");
    bool saw_input = false, saw_distance = false;
    for (const auto& row : info) {
        if (row.at("key") == "input") {
            saw_input = true;
            CHECK(row.at("detail").find(input_hash) != std::string::npos);
            CHECK(row.at("detail").find(std::to_string(fs::file_size(input))) != std::string::npos);
        }
        if (row.at("key") == "param.district_distance_m") {
            saw_distance = true;
            CHECK(row.at("value") == "50");
        }
    }
    CHECK(saw_input);
    CHECK(saw_distance);

    // The plan loads back as data (for the viewer, or a later plan): its plain tables are noted
    // as companions of the map layers, not reported as errors.
    const auto again = rt::run_renoplan({"info", "--json", "--quiet", out.string()});
    REQUIRE(again.exit_code == 0);
    const auto report = nlohmann::json::parse(again.out);
    std::set<std::string> companions, plan_layers;
    for (const auto& d : report["diagnostics"]) {
        CHECK(d["severity"] != "error");
        // Its own map layers are known as such: a note, not a "role not recognised" warning.
        CHECK(d["code"] != "role.unknown");
        if (d["code"] == "layer.companion_table") companions.insert(d["layer"]);
        if (d["code"] == "role.plan_output") {
            CHECK(d["severity"] == "info");
            plan_layers.insert(d["layer"]);
        }
    }
    CHECK(companions ==
          std::set<std::string>{"district_members", "layer_styles", "plan_summary", "run_info"});
    CHECK(plan_layers == std::set<std::string>{"districts", "spare_land"});
}

TEST_CASE("renoplan plan is deterministic: two runs, the same features and ids", "[cli][plan]") {
    rt::TempDir dir;
    const std::string input = rt::sample("suining-demo.gpkg").string();
    const auto a = rt::run_renoplan({"plan", input, "-o", (dir / "a.gpkg").string(), "-q"});
    const auto b =
        rt::run_renoplan({"plan", input, "-o", (dir / "b.gpkg").string(), "-q", "--jobs", "1"});
    REQUIRE(a.exit_code == 0);
    REQUIRE(b.exit_code == 0);
    auto da = open_plan(dir / "a.gpkg");
    auto db = open_plan(dir / "b.gpkg");
    const std::string ta = dump(*da), tb = dump(*db);
    CHECK(ta.size() > 100000);
    // (run_info records --jobs; everything else is the same, byte for byte.)
    const auto strip_jobs = [](std::string s) {
        for (const char* key : {"\"jobs\":0", "\"jobs\":1"})
            for (size_t at; (at = s.find(key)) != std::string::npos;)
                s.erase(at, std::string(key).size());
        for (const char* row : {"|param.jobs|0|", "|param.jobs|1|"})
            for (size_t at; (at = s.find(row)) != std::string::npos;)
                s.erase(at, std::string(row).size());
        return s;
    };
    CHECK(strip_jobs(ta) == strip_jobs(tb));
}

TEST_CASE("renoplan plan: parameters from options and config change the plan", "[cli][plan]") {
    rt::TempDir dir;
    const std::string input = rt::sample("suining-demo.gpkg").string();
    auto district_count = [&](const fs::path& p) {
        auto ds = open_plan(p);
        return ds->GetLayerByName("districts")->GetFeatureCount();
    };
    REQUIRE(rt::run_renoplan({"plan", input, "-o", (dir / "base.gpkg").string(), "-q"}).exit_code ==
            0);
    const auto base = district_count(dir / "base.gpkg");
    // Every community takes part, no barriers, 100 m: fewer, larger districts.
    REQUIRE(rt::run_renoplan({"plan", input, "-o", (dir / "all.gpkg").string(), "-q", "--members",
                              "all", "--no-barriers", "--district-distance", "100"})
                .exit_code == 0);
    CHECK(district_count(dir / "all.gpkg") < base);
    // The same through a config file (a renoplan.json "plan" section).
    {
        std::ofstream(dir / "cfg.json")
            << R"({"plan": {"members": "all", "barriers": false, "district_distance_m": 100}})";
    }
    REQUIRE(rt::run_renoplan({"plan", input, "-o", (dir / "cfg.gpkg").string(), "-q", "--config",
                              (dir / "cfg.json").string()})
                .exit_code == 0);
    CHECK(district_count(dir / "cfg.gpkg") == district_count(dir / "all.gpkg"));
    // A cap on households splits districts.
    REQUIRE(rt::run_renoplan({"plan", input, "-o", (dir / "cap.gpkg").string(), "-q",
                              "--max-households", "1500"})
                .exit_code == 0);
    CHECK(district_count(dir / "cap.gpkg") > base);
}

TEST_CASE("renoplan plan --help lists every parameter with its default", "[cli][plan]") {
    const auto h = rt::run_renoplan({"plan", "--help"});
    REQUIRE(h.exit_code == 0);
    const renoplan::analysis::PlanParams defaults;
    for (const auto& spec : renoplan::analysis::plan_param_specs()) {
        INFO(spec.flag);
        CHECK(h.out.find("--" + std::string(spec.flag)) != std::string::npos);
        if (spec.type == renoplan::analysis::ParamType::Bool)
            CHECK(h.out.find("--no-" + std::string(spec.flag)) != std::string::npos);
        else
            CHECK(h.out.find("[default: " + renoplan::analysis::param_text(defaults, spec) + "]") !=
                  std::string::npos);
    }
}

TEST_CASE("renoplan plan protects the user's files and explains bad parameters",
          "[cli][plan][bad-input]") {
    rt::TempDir dir;
    const fs::path input = dir / "town.gpkg";
    fs::copy_file(rt::sample("suining-demo.gpkg"), input);
    const std::string hash = renoplan::sha256_file(input.string());

    // Never overwrite an input, not even with --force.
    for (bool force : {false, true}) {
        std::vector<std::string> args = {"plan", input.string(), "-o", input.string(), "-q"};
        if (force) args.push_back("--force");
        const auto r = rt::run_renoplan(args);
        CHECK(r.exit_code != 0);
        CHECK(r.err.find("input") != std::string::npos);
        CHECK(renoplan::sha256_file(input.string()) == hash);
    }
    // An existing output is replaced only with --force.
    const fs::path out = dir / "plan.gpkg";
    { std::ofstream(out) << "an older file"; }
    const auto refused = rt::run_renoplan({"plan", input.string(), "-o", out.string(), "-q"});
    CHECK(refused.exit_code != 0);
    CHECK(refused.err.find("--force") != std::string::npos);
    CHECK(fs::file_size(out) == std::string("an older file").size());
    const auto forced =
        rt::run_renoplan({"plan", input.string(), "-o", out.string(), "-q", "--force"});
    CHECK(forced.exit_code == 0);
    CHECK(fs::file_size(out) > 100000);

    // Bad values name the parameter and what is allowed.
    const auto bad = rt::run_renoplan(
        {"plan", input.string(), "-o", (dir / "x.gpkg").string(), "--district-distance", "-5"});
    CHECK(bad.exit_code != 0);
    CHECK(bad.err.find("district") != std::string::npos);
    const auto choice = rt::run_renoplan(
        {"plan", input.string(), "-o", (dir / "x.gpkg").string(), "--members", "some"});
    CHECK(choice.exit_code != 0);
    CHECK(choice.err.find("eligible") != std::string::npos);
    { std::ofstream(dir / "bad.json") << "{\"plan\": {\"no_such_param\": 1}}"; }
    const auto config = rt::run_renoplan({"plan", input.string(), "-o", (dir / "x.gpkg").string(),
                                          "--config", (dir / "bad.json").string()});
    CHECK(config.exit_code != 0);
    CHECK(config.err.find("bad.json") != std::string::npos);
    CHECK(config.err.find("no_such_param") != std::string::npos);
    CHECK(!fs::exists(dir / "x.gpkg"));

    // No communities layer: the plan says what is missing.
    const auto none = rt::run_renoplan(
        {"plan", rt::sample("facilities-wgs84.geojson").string(), "-o", (dir / "y.gpkg").string()});
    CHECK(none.exit_code != 0);
    CHECK(none.err.find("communities") != std::string::npos);
    CHECK(!fs::exists(dir / "y.gpkg"));
}
