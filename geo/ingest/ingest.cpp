#include "geo/ingest/ingest.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <thread>

#include <ogrsf_frmts.h>

#include "geo/core/error.hpp"
#include "geo/core/gdal.hpp"
#include "geo/core/text.hpp"
#include "geo/crs/crs.hpp"
#include "geo/ingest/fields.hpp"
#include "geo/ingest/project_file.hpp"
#include "geo/ingest/repair.hpp"
#include "geo/ingest/roles.hpp"
#include "geo/io/encoding.hpp"
#include "geo/io/reader.hpp"
#include "geo/io/source.hpp"

namespace renoplan::ingest {

namespace fs = std::filesystem;

namespace {

class Stopwatch {
public:
    double seconds() const {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
    }

private:
    std::chrono::steady_clock::time_point m_start = std::chrono::steady_clock::now();
};

// [SECTION] per-layer state while loading -------------------------------------------------

// An opened source; its dataset stays open until its layers are read.
struct OpenSource {
    std::string path;
    std::string driver;
    GdalDatasetPtr dataset;
    bool shapefile = false;
    io::DbfEncoding dbf; // shapefiles: the encoding decided before opening
    std::string explicit_encoding;
};

// A layer planned for reading: where it is, its CRS and how to read it. `layer` holds only the
// source description until it is read.
struct Pending {
    Layer layer;
    OGRLayer* ogr = nullptr;
    const OpenSource* source = nullptr;
    io::ReadOptions read_options;
    crs::CrsSpec crs;
    const ProjectFile* project = nullptr;
    std::vector<const LayerRule*> rules;
};

bool is_shapefile_source(const std::string& source, const std::string& driver) {
    if (driver == "ESRI Shapefile") return true;
    const std::string ext = ascii_lower(fs::path(source).extension().string());
    return ext == ".shp" || ext == ".dbf";
}

// Formats whose text is UTF-8 by definition.
bool utf8_by_format(const std::string& driver) {
    return driver == "GPKG" || driver == "GeoJSON" || driver == "GeoJSONSeq" ||
           driver == "FlatGeobuf" || driver == "SQLite" || driver == "OpenFileGDB" ||
           driver == "OSM" || driver == "KML" || driver == "LIBKML" || driver == "PostgreSQL";
}

// The explicit setting for a layer: the last matching rule's value, else a global one.
template <typename Get>
std::string rule_value(const std::vector<const LayerRule*>& rules, Get get,
                       const std::string& fallback) {
    for (auto it = rules.rbegin(); it != rules.rend(); ++it)
        if (!get(**it).empty()) return get(**it);
    return fallback;
}

// The project files that apply: the one given, else renoplan.json beside each source.
std::vector<ProjectFile> find_project_files(const LoadOptions& options) {
    std::vector<ProjectFile> out;
    if (!options.project_file.empty()) {
        out.push_back(read_project_file(options.project_file));
        return out;
    }
    std::set<std::string> seen;
    for (const auto& src : options.sources) {
        if (io::is_connection_string(src)) continue;
        std::error_code ec;
        const fs::path p(src);
        const fs::path dir = fs::is_directory(p, ec) ? p : p.parent_path();
        const fs::path candidate = (dir.empty() ? fs::path(".") : dir) / kProjectFileName;
        if (!fs::exists(candidate, ec)) continue;
        const std::string key = fs::weakly_canonical(candidate, ec).string();
        if (!seen.insert(key).second) continue;
        out.push_back(read_project_file(candidate));
    }
    return out;
}

// [SECTION] CRS of a layer -------------------------------------------------------------------

// Decides the CRS of a freshly read layer; false (with an error diagnostic) when it cannot.
bool decide_crs(Pending& p, OGRLayer& ogr_layer, const LoadOptions& options,
                Diagnostics& diagnostics) {
    Layer& layer = p.layer;
    const ErrorContext where{layer.source.path, layer.name, {}};
    const std::string forced = rule_value(
        p.rules, [](const LayerRule& r) -> const std::string& { return r.crs; }, options.force_crs);
    const auto declared = crs::spec_from_srs(ogr_layer.GetSpatialRef());
    if (declared) layer.source.source_crs = declared->label;

    if (!forced.empty()) {
        p.crs = crs::parse_crs(forced);
        const bool from_rule =
            !rule_value(
                 p.rules, [](const LayerRule& r) -> const std::string& { return r.crs; }, "")
                 .empty();
        layer.source.crs_note = std::string("set to ") + p.crs.label +
                                (from_rule ? " in the project file" : " by --force-crs");
        if (declared) layer.source.crs_note += " (the layer declares " + declared->label + ")";
        layer.source.source_crs = p.crs.label;
        return true;
    }
    if (declared) {
        p.crs = *declared;
        if (auto fix = crs::check_zone_prefix(*declared, layer.source.source_extent)) {
            diagnostics.add(Severity::Warning, "crs.zone_prefix", where,
                            "declares " + declared->label + " but " + fix->reason + "; using " +
                                fix->spec.label,
                            "if this is wrong, set the layer's \"crs\" in renoplan.json");
            p.crs = fix->spec;
            layer.source.crs_note = fix->reason;
            layer.source.source_crs = fix->spec.label;
        }
        return true;
    }
    // No CRS declared.
    const std::string assume =
        !options.assume_crs.empty()
            ? options.assume_crs
            : (p.project && !p.project->assume_crs.empty() ? p.project->assume_crs : "");
    if (!assume.empty()) {
        p.crs = crs::parse_crs(assume);
        layer.source.source_crs = p.crs.label;
        layer.source.crs_note =
            "no CRS declared; assumed " + p.crs.label +
            (options.assume_crs.empty() ? " (project file)" : " (--assume-crs)");
        return true;
    }
    if (auto guess = crs::guess_crs(layer.source.source_extent)) {
        p.crs = guess->spec;
        layer.source.source_crs = p.crs.label;
        layer.source.crs_note = "no CRS declared; " + guess->reason;
        diagnostics.add(Severity::Warning, "crs.assumed", where,
                        "declares no CRS; " + guess->reason,
                        "if the data was traced from a web map (AMap, Baidu) it may be GCJ-02 or "
                        "BD-09: say so with --force-crs GCJ-02 or \"crs\" in renoplan.json");
        return true;
    }
    char extent[160];
    const Box& e = layer.source.source_extent;
    std::snprintf(extent, sizeof extent, "x %.1f..%.1f, y %.1f..%.1f", e.min_x, e.max_x, e.min_y,
                  e.max_y);
    diagnostics.add(Severity::Error, "crs.missing", where,
                    std::string("has no coordinate reference system and its coordinates (") +
                        extent + ") do not tell which; layer not loaded",
                    "declare it with --assume-crs (e.g. --assume-crs EPSG:4544 for CGCS2000 "
                    "Gauss-Kruger CM 105E) or \"crs\" for this layer in renoplan.json");
    return false;
}

// [SECTION] opening sources and planning their layers ------------------------------------

// Opens a source, deciding a Shapefile's text encoding first. Null (with a diagnostic) when it
// cannot be opened.
std::unique_ptr<OpenSource> open_source(const std::string& source, const LoadOptions& options,
                                        const std::vector<ProjectFile>& projects,
                                        Diagnostics& diagnostics) {
    auto out = std::make_unique<OpenSource>();
    out->path = source;
    // Which rules apply to the source as a whole (for its encoding, before opening).
    std::vector<const LayerRule*> source_rules;
    const ProjectFile* project = projects.empty() ? nullptr : &projects.front();
    for (const auto& pf : projects)
        for (const LayerRule* r : pf.rules_for(source, ""))
            if (r->layer.empty()) source_rules.push_back(r);
    out->explicit_encoding = rule_value(
        source_rules, [](const LayerRule& r) -> const std::string& { return r.encoding; },
        !options.encoding.empty() ? options.encoding : (project ? project->encoding : ""));

    GdalOptions open_options;
    if (!io::is_connection_string(source) && is_shapefile_source(source, "")) {
        out->shapefile = true;
        fs::path dbf_path = fs::path(source);
        dbf_path.replace_extension(".dbf");
        std::error_code ec;
        if (!fs::exists(dbf_path, ec)) {
            fs::path upper = fs::path(source);
            upper.replace_extension(".DBF");
            if (fs::exists(upper, ec)) dbf_path = upper;
        }
        if (!out->explicit_encoding.empty()) {
            out->dbf = {out->explicit_encoding, "given explicitly", true, false};
        } else if (fs::exists(dbf_path, ec)) {
            try {
                out->dbf = io::detect_dbf_encoding(dbf_path);
            } catch (const std::exception& e) {
                out->dbf = {"UTF-8", std::string("DBF unreadable: ") + e.what(), false, true};
            }
        }
        if (out->dbf.needs_open_option) open_options.set("ENCODING", out->dbf.encoding);
        if (out->dbf.uncertain)
            diagnostics.add(Severity::Warning, "text.encoding_uncertain", {source, {}, {}},
                            "text encoding could not be recognised (" + out->dbf.reason + ")",
                            "give it with --encoding (e.g. --encoding CP936)");
    }
    if (!io::is_connection_string(source)) {
        const std::string name = ascii_lower(fs::path(source).filename().string());
        // GDAL's fast OSM node index needs sorted node ids, which extracts do not guarantee.
        if (name.ends_with(".osm.pbf") || name.ends_with(".osm"))
            open_options.set("USE_CUSTOM_INDEXING", "NO");
        // Tables exported from spreadsheets carry points as longitude/latitude or X/Y columns
        // (经度/纬度); a WKT column is recognised by GDAL itself.
        if (name.ends_with(".csv")) {
            open_options.set("X_POSSIBLE_NAMES", "lon,lng,long,longitude,x,经度,*_lon,*_lng,*_x");
            open_options.set("Y_POSSIBLE_NAMES", "lat,latitude,y,纬度,*_lat,*_y");
            open_options.set("KEEP_GEOM_COLUMNS", "YES");
        }
    }
    try {
        out->dataset = io::open_vector(source, open_options);
    } catch (const SourceError& e) {
        diagnostics.add(Severity::Error, "source.unreadable", e.context(), e.message(), e.hint());
        return nullptr;
    }
    out->driver = out->dataset->GetDriver() ? out->dataset->GetDriver()->GetDescription() : "";
    if (out->dataset->GetLayerCount() == 0) {
        diagnostics.add(Severity::Error, "source.no_layers", {source, {}, {}},
                        "holds no layers (" + out->driver + ")",
                        "check that this is the file with the data");
        return nullptr;
    }
    return out;
}

// ECharts map JSON ("UTF8Encoding": true) looks like GeoJSON but holds its coordinates as
// encoded strings; GDAL reads it as features without geometry.
// Plain tables that travel with map layers and are not data to load: QGIS's layer_styles and
// the tables renoplan plan writes beside its layers.
bool is_companion_table(std::string_view name) {
    return name == "layer_styles" || name == "plan_summary" || name == "run_info" ||
           name == "district_members";
}

bool is_echarts_map(const std::string& source) {
    if (io::is_connection_string(source)) return false;
    std::ifstream in(source, std::ios::binary);
    std::string head(8192, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<size_t>(in.gcount()));
    return head.find("UTF8Encoding") != std::string::npos ||
           head.find("encodeOffsets") != std::string::npos;
}

// The extent a layer declares (cheaply where the format keeps one, else by scanning);
// empty for a layer without features or geometry.
Box declared_extent(OGRLayer& layer) {
    OGREnvelope env;
    GdalErrorCapture quiet;
    if (layer.GetExtent(&env, FALSE) != OGRERR_NONE && layer.GetExtent(&env, TRUE) != OGRERR_NONE)
        return Box{};
    return Box{env.MinX, env.MinY, env.MaxX, env.MaxY};
}

// Plans the layers of an opened source: rules, encoding, CRS. Layers that cannot be used are
// reported and left out.
void plan_layers(const OpenSource& src, const LoadOptions& options,
                 const std::vector<ProjectFile>& projects, std::vector<Pending>& out,
                 Diagnostics& diagnostics) {
    const std::string& source = src.path;
    for (int k = 0; k < src.dataset->GetLayerCount(); ++k) {
        OGRLayer* ogr_layer = src.dataset->GetLayer(k);
        if (!ogr_layer) continue;
        const std::string layer_name = ogr_layer->GetName();
        if (!options.layers.empty() && std::find(options.layers.begin(), options.layers.end(),
                                                 layer_name) == options.layers.end())
            continue;
        Pending p;
        p.ogr = ogr_layer;
        p.source = &src;
        p.project = projects.empty() ? nullptr : &projects.front();
        for (const auto& pf : projects)
            for (const LayerRule* r : pf.rules_for(source, layer_name))
                p.rules.push_back(r);
        if (std::any_of(p.rules.begin(), p.rules.end(), [](auto* r) { return r->skip; })) {
            diagnostics.add(Severity::Info, "layer.skipped", {source, layer_name, {}},
                            "skipped as the project file says");
            continue;
        }
        Layer& layer = p.layer;
        layer.name = layer_name;
        layer.source.path = source;
        layer.source.layer_name = layer_name;
        layer.source.driver = src.driver;

        // Text encoding.
        io::ReadOptions& ro = p.read_options;
        ro.jobs = options.jobs;
        const std::string layer_encoding = rule_value(
            p.rules, [](const LayerRule& r) -> const std::string& { return r.encoding; },
            src.explicit_encoding);
        if (!src.shapefile && !layer_encoding.empty() && ascii_lower(layer_encoding) != "utf-8" &&
            ascii_lower(layer_encoding) != "utf8")
            ro.recode_from = layer_encoding;
        if (src.shapefile) {
            layer.source.encoding = src.dbf.encoding.empty() ? "UTF-8" : src.dbf.encoding;
            layer.source.encoding_reason = src.dbf.reason;
        } else if (!ro.recode_from.empty()) {
            layer.source.encoding = ro.recode_from;
            layer.source.encoding_reason = "given explicitly";
        } else if (utf8_by_format(src.driver)) {
            layer.source.encoding = "UTF-8";
            layer.source.encoding_reason = "the " + src.driver + " format stores UTF-8";
        } else {
            layer.source.encoding = "UTF-8";
            layer.source.encoding_reason = "text is valid UTF-8";
        }

        // A plain table is reported here; an empty layer has no CRS question to answer.
        if (ogr_layer->GetGeomType() == wkbNone ||
            ogr_layer->GetLayerDefn()->GetGeomFieldCount() == 0) {
            // QGIS's style table and the tables of a renoplan plan come with the map layers
            // they describe: expected, so only noted.
            if (is_companion_table(layer_name)) {
                diagnostics.add(Severity::Info, "layer.companion_table", {source, layer_name, {}},
                                "is a plain table that comes with the map layers (styles or plan "
                                "figures); not loaded as a layer");
                continue;
            }
            diagnostics.add(Severity::Error, "layer.unreadable", {source, layer_name, {}},
                            "has no geometry column (it is a plain table)",
                            "renoplan needs spatial layers; join the table to a layer with "
                            "geometry first, or export it with coordinates (WKT or X/Y columns)");
            continue;
        }
        layer.source.source_extent = declared_extent(*ogr_layer);
        if (layer.source.source_extent.empty()) {
            if (is_echarts_map(source))
                diagnostics.add(Severity::Error, "source.echarts_encoded", {source, layer_name, {}},
                                "is ECharts map data whose coordinates are encoded strings "
                                "(\"UTF8Encoding\"), not GeoJSON coordinates",
                                "decode it to plain GeoJSON first, or use the boundary it was "
                                "made from");
            else
                diagnostics.add(Severity::Warning, "layer.empty", {source, layer_name, {}},
                                "has no features with geometry", "");
            continue;
        }
        if (!decide_crs(p, *ogr_layer, options, diagnostics)) continue;
        out.push_back(std::move(p));
    }
}

// [SECTION] after all layers are read --------------------------------------------------------

void summarise_issues(const Layer& layer, Diagnostics& diagnostics) {
    // Per code: the first few features by id, then a count; all stay in Layer::issues.
    constexpr size_t kListed = 5;
    std::map<std::string, std::vector<const FeatureIssue*>> by_code;
    for (const auto& issue : layer.issues)
        by_code[issue.code].push_back(&issue);
    for (const auto& [code, list] : by_code) {
        const Severity severity = code == "geometry.linearised" || code == "geometry.zm_dropped" ||
                                          code == "text.recoded_gbk" ||
                                          code == "field.duplicate_renamed"
                                      ? Severity::Info
                                      : Severity::Warning;
        for (size_t k = 0; k < std::min(kListed, list.size()); ++k) {
            const FeatureIssue& issue = *list[k];
            std::optional<int64_t> fid;
            if (issue.fid >= 0) fid = issue.fid;
            diagnostics.add(severity, code, {layer.source.path, layer.name, fid}, issue.detail);
        }
        if (list.size() > kListed)
            diagnostics.add(severity, code, {layer.source.path, layer.name, {}},
                            std::to_string(list.size() - kListed) + " more (" +
                                std::to_string(list.size()) + " in all)",
                            "renoplan info --json lists every feature");
    }
}

void make_names_unique(std::vector<Pending>& pending) {
    std::map<std::string, int> seen;
    for (auto& p : pending) {
        const int n = seen[p.layer.name]++;
        if (n > 0) p.layer.name += " (" + std::to_string(n + 1) + ")";
    }
}

} // namespace

namespace {

// A layer renoplan wrote into a plan GeoPackage (exporter::plan_layers): districts and
// spare_land, known by name and their own fields. They have no input role, and that is no
// reason for a warning.
bool is_plan_output(const Layer& layer) {
    const std::string& name = layer.source.layer_name;
    if (name == "districts")
        return layer.find_attribute("district_id") >= 0 && layer.find_attribute("district_no") >= 0;
    if (name == "spare_land")
        return layer.find_attribute("piece_no") >= 0 && layer.find_attribute("stalls") >= 0;
    return false;
}

} // namespace

Dataset load_dataset(const LoadOptions& options, Progress& progress) {
    gdal_init();
    Dataset dataset;
    Diagnostics& diagnostics = dataset.diagnostics;
    const std::vector<ProjectFile> projects = find_project_files(options);

    // Validate CRS options before reading anything.
    if (!options.assume_crs.empty()) crs::parse_crs(options.assume_crs);
    if (!options.force_crs.empty()) crs::parse_crs(options.force_crs);

    // Phase 1: open every source and decide each layer's CRS from what it declares.
    std::vector<std::unique_ptr<OpenSource>> sources;
    std::vector<Pending> pending;
    for (const auto& source : io::expand_sources(options.sources, diagnostics)) {
        progress.throw_if_cancelled();
        auto opened = open_source(source, options, projects, diagnostics);
        if (!opened) continue;
        plan_layers(*opened, options, projects, pending, diagnostics);
        sources.push_back(std::move(opened));
    }
    make_names_unique(pending);

    // Phase 2: the working CRS - explicit, project file, or the zone containing all data.
    std::string working = options.working_crs;
    if (working.empty())
        for (const auto& pf : projects)
            if (!pf.working_crs.empty()) {
                working = pf.working_crs;
                break;
            }
    crs::CrsSpec working_spec;
    if (!working.empty()) {
        working_spec = crs::parse_crs(working);
        if (working_spec.kind != crs::CrsSpec::Kind::Proj || working_spec.is_geographic)
            throw ConfigError({}, "working CRS " + working_spec.label + " is not a projected CRS",
                              "choose a metric CRS such as EPSG:4544");
        dataset.working_crs_reason = "chosen explicitly";
    } else {
        Box lonlat;
        std::map<std::string, Box> seen; // one PROJ lookup per distinct source CRS and extent
        for (const auto& p : pending) {
            const std::string key = p.crs.label + "|" + p.crs.definition;
            Box e = p.layer.source.source_extent;
            if (p.crs.is_geographic && p.crs.kind == crs::CrsSpec::Kind::Proj) {
                lonlat.expand(e); // already degrees (traditional GIS order)
                continue;
            }
            auto it = seen.find(key);
            if (it == seen.end()) it = seen.emplace(key, Box{}).first;
            it->second.expand(e);
        }
        for (const auto& p : pending) {
            const std::string key = p.crs.label + "|" + p.crs.definition;
            auto it = seen.find(key);
            if (it == seen.end() || it->second.empty()) continue;
            lonlat.expand(crs::to_lonlat(p.crs, it->second));
            it->second = Box{}; // done for this CRS
        }
        if (lonlat.empty()) {
            // Nothing readable: fall back to Suining's zone so the report is still complete.
            lonlat = Box{105.59, 30.53, 105.59, 30.53};
        }
        const crs::WorkingCrs choice = crs::choose_working_crs(lonlat);
        working_spec = choice.spec;
        dataset.working_crs_reason = choice.reason;
    }
    dataset.working_crs =
        working_spec.epsg ? "EPSG:" + std::to_string(working_spec.epsg) : working_spec.label;
    dataset.working_crs_name = working_spec.label;

    // Phase 3: read each layer; its batches are reprojected and repaired by the reading
    // workers as they arrive, then roles, fields and the index.
    // One transformer per source CRS, told the extent of all layers in it (so it may use a
    // validated faster approximation).
    std::map<std::string, Box> crs_extents;
    for (const auto& p : pending)
        crs_extents[p.crs.label + "|" + p.crs.definition].expand(p.layer.source.source_extent);
    std::map<std::string, std::unique_ptr<crs::Transformer>> transformers;
    for (auto& p : pending) {
        progress.throw_if_cancelled();
        const std::string layer_label = p.layer.name;
        auto timed = [&](const char* stage, auto&& work) {
            const Stopwatch watch;
            work();
            dataset.timings.push_back({layer_label, stage, watch.seconds()});
        };
        const crs::Transformer* transformer = nullptr;
        try {
            const std::string key = p.crs.label + "|" + p.crs.definition;
            auto it = transformers.find(key);
            if (it == transformers.end())
                it = transformers
                         .emplace(key, std::make_unique<crs::Transformer>(p.crs, working_spec,
                                                                          &crs_extents[key]))
                         .first;
            transformer = it->second.get();
        } catch (const CrsError& e) {
            diagnostics.add(Severity::Error, "crs.transform_failed",
                            {p.layer.source.path, p.layer.name, {}}, e.message(), e.hint());
            continue;
        }
        p.read_options.chunk_hook = [&, transformer](Layer& batch) {
            if (!transformer->is_identity()) {
                transformer->transform(batch.geometry.coords());
                batch.geometry.recompute_boxes();
            }
            if (options.repair) {
                Progress local;
                check_and_repair(batch, 1, local);
            }
        };

        Layer layer;
        try {
            timed("read", [&] {
                layer = io::read_layer(*p.ogr, p.source->path, p.source->driver, p.read_options,
                                       progress);
            });
        } catch (const SourceError& e) {
            diagnostics.add(Severity::Error, "layer.unreadable", e.context(), e.message(),
                            e.hint());
            continue;
        }
        // Keep what planning decided about the source; the reader adds how it read it.
        layer.name = p.layer.name;
        layer.source.encoding = p.layer.source.encoding;
        layer.source.encoding_reason = p.layer.source.encoding_reason;
        layer.source.source_crs = p.layer.source.source_crs;
        layer.source.crs_note = p.layer.source.crs_note;
        layer.source.source_extent = p.layer.source.source_extent;
        if (std::any_of(layer.issues.begin(), layer.issues.end(),
                        [](auto& i) { return i.code == "text.recoded_gbk"; })) {
            layer.source.encoding = "CP936";
            layer.source.encoding_reason = "detected: text is not UTF-8 but valid GBK (CP936)";
        }
        if (layer.size() == 0) {
            diagnostics.add(Severity::Warning, "layer.empty", {layer.source.path, layer.name, {}},
                            "has no usable features (see the skipped features)", "");
            summarise_issues(layer, diagnostics);
            continue;
        }

        // Role: the project file decides if it says; otherwise detection.
        std::optional<Role> ruled;
        for (const LayerRule* r : p.rules)
            if (r->role) ruled = r->role;
        std::vector<std::string> field_names;
        for (const auto& c : layer.attributes)
            field_names.push_back(c.name());
        if (ruled) {
            layer.role = *ruled;
            layer.role_reason = "set in the project file";
            if (!geometry_fits_role(*ruled, layer.geometry.geom_class()))
                diagnostics.add(Severity::Warning, "role.geometry_mismatch",
                                {layer.source.path, layer.name, {}},
                                std::string("project file makes it ") +
                                    std::string(to_string(*ruled)) + " but its geometry is " +
                                    to_string(layer.geometry.geom_class()));
        } else {
            const RoleGuess guess =
                detect_role(layer.source.layer_name, fs::path(layer.source.path).stem().string(),
                            layer.geometry.geom_class(), field_names);
            layer.role = guess.role;
            layer.role_reason = guess.reason;
        }
        std::map<std::string, std::string> explicit_fields;
        for (const LayerRule* r : p.rules)
            for (const auto& [k, v] : r->fields)
                explicit_fields[k] = v;
        // The index needs only the geometry and the fields only the attributes: build the
        // index on another thread meanwhile.
        progress.set_stage("indexing " + layer.name, 0);
        double index_seconds = 0.0;
        std::thread indexer([&layer, &index_seconds] {
            const Stopwatch watch;
            layer.build_index();
            index_seconds = watch.seconds();
        });
        try {
            timed("fields", [&] { bind_fields(layer, explicit_fields, diagnostics); });
        } catch (...) {
            indexer.join();
            throw;
        }
        indexer.join();
        dataset.timings.push_back({layer_label, "index", index_seconds});
        if (layer.role == Role::Unknown && is_plan_output(layer))
            diagnostics.add(Severity::Info, "role.plan_output", {layer.source.path, layer.name, {}},
                            "a layer of a renoplan plan (" + layer.source.layer_name +
                                "); shown, not used as an input by the analyses");
        else if (layer.role == Role::Unknown)
            diagnostics.add(Severity::Warning, "role.unknown", {layer.source.path, layer.name, {}},
                            "role not recognised from the layer name, geometry or fields; "
                            "loaded but not used by the analyses",
                            "set \"role\" for this layer in renoplan.json");

        summarise_issues(layer, diagnostics);
        dataset.layers.push_back(std::move(layer));
    }
    if (dataset.layers.empty())
        diagnostics.add(Severity::Error, "dataset.empty", {}, "nothing usable was read",
                        "check the messages above");
    return dataset;
}

} // namespace renoplan::ingest
