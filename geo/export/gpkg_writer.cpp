// Index:
//   [SECTION] Helpers        names, UTF-8 length, thread-local GDAL options, SQL results
//   [SECTION] Plan           checking the layers and deciding column names before writing
//   [SECTION] Paths          refusals: inputs, existing output, folder, SQLite side files
//   [SECTION] Writing        layers, features, gpkg_data_columns, layer_styles
//   [SECTION] Checking       reopening the temporary file read-only
//   [SECTION] Committing     the temporary file's guard and the rename into place
//   [SECTION] write_geopackage
#include "geo/export/gpkg_writer.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <optional>
#include <set>
#include <string_view>

#include <cpl_conv.h>
#include <cpl_error.h>

#include "geo/core/error.hpp"
#include "geo/core/gdal.hpp"
#include "geo/core/progress.hpp"
#include "geo/export/qml.hpp"
#include "geo/io/source.hpp"

namespace renoplan::exporter {

namespace {

namespace fs = std::filesystem;

// [SECTION] Helpers

std::string ascii_lower(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

bool starts_with_ci(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() && ascii_lower(text.substr(0, prefix.size())) == prefix;
}

// Characters (code points) in a UTF-8 string.
size_t utf8_length(std::string_view text) {
    size_t n = 0;
    for (const char c : text)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
    return n;
}

// SQL string literal.
std::string sql_text(std::string_view text) {
    std::string out = "'";
    for (const char c : text) {
        out += c;
        if (c == '\'') out += '\'';
    }
    return out + "'";
}

std::string sql_text_or_null(const std::string& text) {
    return text.empty() ? "NULL" : sql_text(text);
}

// The result set of GDALDataset::ExecuteSQL, released with its dataset.
class SqlResult {
public:
    SqlResult(GDALDataset& ds, const std::string& sql)
        : m_ds(ds), m_layer(ds.ExecuteSQL(sql.c_str(), nullptr, nullptr)) {}
    ~SqlResult() {
        if (m_layer) m_ds.ReleaseResultSet(m_layer);
    }
    SqlResult(const SqlResult&) = delete;
    SqlResult& operator=(const SqlResult&) = delete;

    // The first column of the first row as text; empty when there is none.
    std::string first_text() {
        if (!m_layer) return {};
        OGRFeatureUniquePtr f(m_layer->GetNextFeature());
        if (!f || f->GetFieldCount() < 1 || !f->IsFieldSetAndNotNull(0)) return {};
        return f->GetFieldAsString(0);
    }

private:
    GDALDataset& m_ds;
    OGRLayer* m_layer;
};

// [SECTION] Plan

// A layer as it will be written: checked, with its final column names.
struct PlannedLayer {
    const OutputLayer* source = nullptr;
    size_t rows = 0;
    std::vector<std::string> columns; // final names, one per field
    std::vector<std::string> notes;   // per field: why it was renamed, or empty
    OGRwkbGeometryType geometry_type = wkbNone;
    std::string style_name;
    std::string style_qml;             // empty: no style row
    std::vector<std::string> alias_zh; // per field, made unique within the table
    std::vector<FieldAlias> aliases;   // the non-empty ones, for the style
};

struct FinalNames {
    std::vector<std::string> names;
    std::vector<std::string> notes;
};

FinalNames final_names(const OutputLayer& layer) {
    FinalNames out;
    std::set<std::string> taken; // lower case: SQLite column names ignore ASCII case
    for (const OutputField& f : layer.fields)
        taken.insert(ascii_lower(f.column.name()));
    for (const OutputField& f : layer.fields) {
        const std::string& name = f.column.name();
        const std::string lower = ascii_lower(name);
        const bool reserved = lower == "fid" || (layer.geometry && lower == "geom");
        if (!reserved) {
            out.names.push_back(name);
            out.notes.emplace_back();
            continue;
        }
        std::string candidate = "source_" + lower;
        for (int k = 2; taken.count(ascii_lower(candidate)); ++k)
            candidate = "source_" + lower + "_" + std::to_string(k);
        taken.insert(ascii_lower(candidate));
        out.names.push_back(candidate);
        out.notes.push_back(
            lower == "fid" ? "renamed from '" + name +
                                 "': fid is this table's own feature id (原字段 " + name + ")"
                           : "renamed from '" + name +
                                 "': geom is this table's geometry column (原字段 " + name + ")");
    }
    return out;
}

bool has_multi_part_feature(const GeometryColumn& g) {
    for (size_t i = 0; i < g.size(); ++i)
        if (g.part_end(i) - g.part_begin(i) > 1) return true;
    return false;
}

OGRwkbGeometryType declared_type(const GeometryColumn& g) {
    switch (g.geom_class()) {
    case GeomClass::Polygon:
        return wkbMultiPolygon;
    case GeomClass::Line:
        return wkbMultiLineString;
    case GeomClass::Point:
        return has_multi_part_feature(g) ? wkbMultiPoint : wkbPoint;
    }
    return wkbUnknown;
}

bool valid_timestamp(const std::string& t) {
    // YYYY-MM-DDTHH:MM:SS.sssZ
    static constexpr std::string_view pattern = "dddd-dd-ddTdd:dd:dd.dddZ";
    if (t.size() != pattern.size()) return false;
    for (size_t i = 0; i < t.size(); ++i) {
        if (pattern[i] == 'd' ? (t[i] < '0' || t[i] > '9') : t[i] != pattern[i]) return false;
    }
    return true;
}

std::vector<PlannedLayer> plan_layers(const std::string& path,
                                      const std::vector<OutputLayer>& layers,
                                      const WriteOptions& options) {
    auto refuse = [&](const std::string& layer, const std::string& message,
                      const std::string& hint = {}) {
        throw ConfigError(ErrorContext{path, layer, std::nullopt}, message, hint);
    };
    if (layers.empty()) refuse({}, "nothing to write: no layers");
    if (!valid_timestamp(options.timestamp))
        refuse({}, "timestamp '" + options.timestamp + "' is not YYYY-MM-DDTHH:MM:SS.sssZ");

    std::set<std::string> names, titles{"layer_styles"};
    std::vector<PlannedLayer> planned;
    for (const OutputLayer& layer : layers) {
        const std::string lower = ascii_lower(layer.name);
        if (layer.name.empty()) refuse({}, "a layer has no name");
        if (lower == "layer_styles" || starts_with_ci(lower, "gpkg_") ||
            starts_with_ci(lower, "rtree_") || starts_with_ci(lower, "sqlite_"))
            refuse(layer.name, "the name is reserved by GeoPackage, SQLite or QGIS");
        if (!names.insert(lower).second)
            refuse(layer.name, "two layers have this name (names ignore case)");
        const std::string title = layer.title.empty() ? layer.name : layer.title;
        if (!titles.insert(title).second)
            refuse(layer.name, "the title '" + title + "' is used by another table",
                   "gpkg_contents.identifier must be unique");

        PlannedLayer p;
        p.source = &layer;
        if (layer.geometry)
            p.rows = layer.geometry->size();
        else
            p.rows = layer.fields.empty() ? 0 : layer.fields.front().column.size();
        for (const OutputField& f : layer.fields) {
            if (f.column.name().empty()) refuse(layer.name, "a field has no name");
            if (f.column.size() != p.rows)
                refuse(layer.name, "field '" + f.column.name() + "' has " +
                                       std::to_string(f.column.size()) + " values for " +
                                       std::to_string(p.rows) + " rows");
        }
        FinalNames fn = final_names(layer);
        std::set<std::string> columns;
        for (size_t i = 0; i < fn.names.size(); ++i)
            if (!columns.insert(ascii_lower(fn.names[i])).second)
                refuse(layer.name, "two fields are named '" + fn.names[i] + "' (names ignore case)",
                       "rename one of them before writing");
        // gpkg_data_columns wants one alias per table: a repeated alias (a source field called
        // like a field the plan adds) gets its column name appended, "片区编号 (district_id)".
        std::set<std::string> aliases;
        for (size_t i = 0; i < fn.names.size(); ++i) {
            std::string alias = layer.fields[i].alias_zh;
            if (!alias.empty() && !aliases.insert(alias).second) {
                const std::string base = alias + " (" + fn.names[i] + ")";
                alias = base;
                for (int k = 2; !aliases.insert(alias).second; ++k)
                    alias = base + " " + std::to_string(k);
            }
            p.alias_zh.push_back(alias);
            if (!alias.empty()) p.aliases.push_back({fn.names[i], alias});
        }
        p.columns = std::move(fn.names);
        p.notes = std::move(fn.notes);
        p.geometry_type = layer.geometry ? declared_type(*layer.geometry) : wkbNone;

        p.style_name = layer.style_name.empty() ? layer.name : layer.style_name;
        if (utf8_length(p.style_name) > 30)
            refuse(layer.name, "style name '" + p.style_name + "' is longer than 30 characters",
                   "QGIS's layer_styles table holds at most 30");
        if (!layer.qml.empty()) {
            if (layer.qml.find("</qgis>") == std::string::npos)
                refuse(layer.name, "the style is not a QGIS QML document (no </qgis>)");
            p.style_qml = with_aliases(layer.qml, p.aliases);
        } else if (!p.aliases.empty()) {
            p.style_qml = aliases_only_qml(p.aliases);
        }
        planned.push_back(std::move(p));
    }
    return planned;
}

// [SECTION] Paths

std::string sqlite_side_file(const fs::path& db, const char* suffix) {
    return db.string() + suffix;
}

// A file that lies beside a SQLite database while it is open or after a crash. Replacing the
// database while one exists would have SQLite apply stale pages to the new file.
void refuse_if_sqlite_side_files(const fs::path& target) {
    for (const char* suffix : {"-wal", "-shm", "-journal"}) {
        const fs::path side = sqlite_side_file(target, suffix);
        std::error_code ec;
        if (fs::exists(side, ec))
            throw ConfigError(ErrorContext{target.string(), {}, std::nullopt},
                              "'" + side.filename().string() +
                                  "' lies beside the output: the GeoPackage is open in QGIS or "
                                  "another program, or was not closed cleanly",
                              "close it there (or, if nothing has it open, open it once in QGIS "
                              "to recover it), then run again");
    }
}

// Files that belong to one input: the file itself, the files of a folder (one level, as
// io::expand_sources reads them), and a Shapefile's sidecars.
std::vector<fs::path> files_of_input(const std::string& input) {
    std::vector<fs::path> out;
    if (io::is_connection_string(input) || input.rfind("/vsi", 0) == 0) return out;
    std::error_code ec;
    const fs::path p(input);
    if (fs::is_directory(p, ec)) {
        for (const auto& entry : fs::directory_iterator(p, ec))
            out.push_back(entry.path());
        return out;
    }
    out.push_back(p);
    const std::string ext = ascii_lower(p.extension().string());
    if (ext == ".shp" || ext == ".dbf" || ext == ".shx") {
        // Sidecars share the stem, in any case: a.shp, a.DBF, a.shp.xml, a.cpg ...
        const std::string stem = ascii_lower(p.stem().string()) + ".";
        const fs::path folder = p.has_parent_path() ? p.parent_path() : fs::path(".");
        for (const auto& entry : fs::directory_iterator(folder, ec))
            if (starts_with_ci(entry.path().filename().string(), stem)) out.push_back(entry.path());
    }
    return out;
}

void check_target(const fs::path& target, const WriteOptions& options) {
    const ErrorContext where{target.string(), {}, std::nullopt};
    if (target.empty()) throw ConfigError(where, "no output file given");
    if (ascii_lower(target.extension().string()) != ".gpkg")
        throw ConfigError(where, "the output must be a GeoPackage file ending in .gpkg",
                          "name it, for example, plan.gpkg");
    const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        throw ConfigError(where, "the folder '" + folder.string() + "' does not exist",
                          "create it first or choose another output");
    if (::access(folder.c_str(), W_OK | X_OK) != 0)
        throw ConfigError(
            where, "cannot write in the folder '" + folder.string() + "': " + std::strerror(errno),
            "choose a folder you can write to");

    if (fs::exists(target, ec)) {
        if (fs::is_directory(target, ec))
            throw ConfigError(where, "the output is a folder", "give a file name ending in .gpkg");
        // Existing files only: a file that does not exist yet cannot be overwritten.
        for (const std::string& input : options.inputs) {
            for (const fs::path& file : files_of_input(input)) {
                std::error_code eq;
                if (fs::equivalent(target, file, eq))
                    throw ConfigError(
                        where, "writing here would overwrite an input ('" + file.string() + "')",
                        "choose another output file; renoplan never changes its inputs");
            }
        }
        if (!options.force)
            throw ConfigError(where, "the output exists; use --force to replace it",
                              "or choose another output file");
    }
    refuse_if_sqlite_side_files(target);
}

// [SECTION] Writing

class GpkgWriter {
public:
    GpkgWriter(const std::string& temp, const std::string& target, const WriteOptions& options)
        : m_temp(temp), m_target(target), m_options(options) {}

    void write(const std::vector<PlannedLayer>& layers) {
        m_srs.reset(new OGRSpatialReference);
        if (m_srs->SetFromUserInput(m_options.crs.c_str()) != OGRERR_NONE)
            throw CrsError(ErrorContext{m_target, {}, std::nullopt},
                           "cannot read the CRS '" + m_options.crs + "'",
                           "give it as EPSG:4544 or as WKT");
        m_srs->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
        if (!driver) fail({}, "GDAL has no GPKG driver");
        m_ds.reset(driver->Create(m_temp.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
        if (!m_ds) fail({}, "cannot create the temporary file '" + m_temp + "'");

        for (const PlannedLayer& layer : layers)
            write_layer(layer);
        write_data_columns(layers);
        write_styles(layers);
        m_messages.clear();
        m_ds.reset(); // GDALClose builds the deferred R-trees and writes everything
        check_gdal({}, "cannot finish the file");
    }

private:
    [[noreturn]] void fail(const std::string& layer, const std::string& message,
                           std::optional<int64_t> fid = std::nullopt) const {
        const std::string gdal = m_messages.last_failure();
        throw Error(ErrorContext{m_target, layer, fid},
                    message + (gdal.empty() ? std::string() : ": " + gdal),
                    "check the free disk space and that the folder is writable");
    }
    void check_gdal(const std::string& layer, const std::string& message) {
        if (!m_messages.last_failure().empty()) fail(layer, message);
    }

    void write_layer(const PlannedLayer& p) {
        const OutputLayer& layer = *p.source;
        m_current_type = p.geometry_type;
        GdalOptions creation;
        creation.set("FID", "fid");
        if (layer.geometry) {
            creation.set("GEOMETRY_NAME", "geom");
            creation.set("SPATIAL_INDEX", "YES");
        }
        creation.set("IDENTIFIER", layer.title.empty() ? layer.name : layer.title);
        if (!layer.description.empty()) creation.set("DESCRIPTION", layer.description);
        OGRLayer* out =
            m_ds->CreateLayer(layer.name.c_str(), layer.geometry ? m_srs.get() : nullptr,
                              p.geometry_type, creation.list());
        if (!out) fail(layer.name, "cannot create the table");
        for (size_t i = 0; i < layer.fields.size(); ++i) {
            OGRFieldDefn defn(p.columns[i].c_str(), OFTString);
            switch (layer.fields[i].column.type()) {
            case ColumnType::Bool:
                defn.SetType(OFTInteger);
                defn.SetSubType(OFSTBoolean);
                break;
            case ColumnType::Int64:
                defn.SetType(OFTInteger64);
                break;
            case ColumnType::Real:
                defn.SetType(OFTReal);
                break;
            case ColumnType::String:
                break;
            case ColumnType::Date:
                defn.SetType(OFTDate);
                break;
            case ColumnType::DateTime:
                defn.SetType(OFTDateTime);
                break;
            }
            if (out->CreateField(&defn, FALSE) != OGRERR_NONE)
                fail(layer.name, "cannot create the field '" + p.columns[i] + "'");
        }

        if (m_options.progress) m_options.progress->set_stage("writing " + layer.name, p.rows);
        if (m_ds->StartTransaction() != OGRERR_NONE) fail(layer.name, "cannot start a transaction");
        OGRFeatureUniquePtr feature(OGRFeature::CreateFeature(out->GetLayerDefn()));
        std::string text;
        for (size_t row = 0; row < p.rows; ++row) {
            const int64_t fid = static_cast<int64_t>(row) + 1;
            feature->SetFID(fid);
            for (size_t i = 0; i < layer.fields.size(); ++i)
                set_value(*feature, static_cast<int>(i), layer.fields[i].column, row, text,
                          layer.name, p.columns[i], fid);
            if (layer.geometry) feature->SetGeometryDirectly(make_geometry(*layer.geometry, row));
            if (out->CreateFeature(feature.get()) != OGRERR_NONE)
                fail(layer.name, "cannot write a feature", fid);
            if ((row & 1023) == 1023 && m_options.progress) {
                m_options.progress->advance(1024);
                m_options.progress->throw_if_cancelled();
            }
        }
        if (m_ds->CommitTransaction() != OGRERR_NONE) fail(layer.name, "cannot commit the table");
        if (m_options.progress) {
            m_options.progress->advance(p.rows % 1024);
            m_options.progress->throw_if_cancelled();
        }
    }

    void set_value(OGRFeature& feature, int index, const Column& column, size_t row,
                   std::string& text, const std::string& layer, const std::string& field,
                   int64_t fid) const {
        if (column.is_null(row)) {
            feature.SetFieldNull(index);
            return;
        }
        switch (column.type()) {
        case ColumnType::Bool:
            feature.SetField(index, column.get_bool(row) ? 1 : 0);
            return;
        case ColumnType::Int64:
            feature.SetField(index, static_cast<GIntBig>(column.get_int(row)));
            return;
        case ColumnType::Real:
            feature.SetField(index, column.get_real(row));
            return;
        case ColumnType::String:
            text.assign(column.get_string(row));
            feature.SetField(index, text.c_str());
            return;
        case ColumnType::Date:
        case ColumnType::DateTime: {
            text.assign(column.get_string(row));
            OGRField value;
            if (!OGRParseDate(text.c_str(), &value, 0))
                throw ConfigError(ErrorContext{m_target, layer, fid},
                                  "field '" + field + "' holds '" + text + "', not a " +
                                      (column.type() == ColumnType::Date
                                           ? "date (YYYY-MM-DD)"
                                           : "date and time (YYYY-MM-DDTHH:MM:SS)"),
                                  "this is a bug in the step that made the field; please report "
                                  "it");
            feature.SetField(index, &value);
            return;
        }
        }
    }

    static OGRLinearRing* make_ring(std::span<const double> xy) {
        auto* ring = new OGRLinearRing;
        const int n = static_cast<int>(xy.size() / 2);
        ring->setNumPoints(n, FALSE);
        for (int k = 0; k < n; ++k)
            ring->setPoint(k, xy[2 * static_cast<size_t>(k)], xy[2 * static_cast<size_t>(k) + 1]);
        return ring;
    }

    OGRGeometry* make_geometry(const GeometryColumn& g, size_t i) const {
        switch (g.geom_class()) {
        case GeomClass::Polygon: {
            auto* multi = new OGRMultiPolygon;
            for (size_t part = g.part_begin(i); part < g.part_end(i); ++part) {
                auto* polygon = new OGRPolygon;
                for (size_t r = g.ring_begin(part); r < g.ring_end(part); ++r)
                    polygon->addRingDirectly(make_ring(g.ring(r)));
                multi->addGeometryDirectly(polygon);
            }
            return multi;
        }
        case GeomClass::Line: {
            auto* multi = new OGRMultiLineString;
            for (size_t part = g.part_begin(i); part < g.part_end(i); ++part) {
                auto* line = new OGRLineString;
                const auto xy = g.ring(g.ring_begin(part));
                const int n = static_cast<int>(xy.size() / 2);
                line->setNumPoints(n, FALSE);
                for (int k = 0; k < n; ++k)
                    line->setPoint(k, xy[2 * static_cast<size_t>(k)],
                                   xy[2 * static_cast<size_t>(k) + 1]);
                multi->addGeometryDirectly(line);
            }
            return multi;
        }
        case GeomClass::Point: {
            auto point_of = [&](size_t part) {
                const auto xy = g.ring(g.ring_begin(part));
                return new OGRPoint(xy[0], xy[1]);
            };
            if (m_current_type == wkbPoint) return point_of(g.part_begin(i));
            auto* multi = new OGRMultiPoint;
            for (size_t part = g.part_begin(i); part < g.part_end(i); ++part)
                multi->addGeometryDirectly(point_of(part));
            return multi;
        }
        }
        return nullptr;
    }

    void execute(const std::string& sql, const std::string& what) {
        m_messages.clear();
        SqlResult result(*m_ds, sql);
        check_gdal({}, what);
    }

    // The GeoPackage "Schema" extension (http://www.geopackage.org/spec121/#extension_schema),
    // as GeoPackage 1.2.1 defines its tables.
    void write_data_columns(const std::vector<PlannedLayer>& layers) {
        std::vector<std::string> rows;
        for (const PlannedLayer& p : layers) {
            const OutputLayer& layer = *p.source;
            for (size_t i = 0; i < layer.fields.size(); ++i) {
                const OutputField& f = layer.fields[i];
                std::string comment = f.comment;
                if (!p.notes[i].empty()) comment += (comment.empty() ? "" : "; ") + p.notes[i];
                if (f.alias_zh.empty() && f.alias_en.empty() && comment.empty()) continue;
                rows.push_back("INSERT INTO gpkg_data_columns (table_name, column_name, name, "
                               "title, description) VALUES (" +
                               sql_text(layer.name) + ", " + sql_text(p.columns[i]) + ", " +
                               sql_text_or_null(p.alias_zh[i]) + ", " +
                               sql_text_or_null(f.alias_en) + ", " + sql_text_or_null(comment) +
                               ")");
            }
        }
        if (rows.empty()) return;
        const std::string what = "cannot write gpkg_data_columns";
        if (m_ds->StartTransaction() != OGRERR_NONE) fail({}, what);
        execute("CREATE TABLE IF NOT EXISTS gpkg_extensions (table_name TEXT, column_name TEXT, "
                "extension_name TEXT NOT NULL, definition TEXT NOT NULL, scope TEXT NOT NULL, "
                "CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name))",
                what);
        execute("CREATE TABLE gpkg_data_columns (table_name TEXT NOT NULL, column_name TEXT NOT "
                "NULL, name TEXT, title TEXT, description TEXT, mime_type TEXT, constraint_name "
                "TEXT, CONSTRAINT pk_gdc PRIMARY KEY (table_name, column_name), CONSTRAINT gdc_tn "
                "UNIQUE (table_name, name))",
                what);
        execute("CREATE TABLE gpkg_data_column_constraints (constraint_name TEXT NOT NULL, "
                "constraint_type TEXT NOT NULL, value TEXT, min NUMERIC, min_is_inclusive "
                "BOOLEAN, max NUMERIC, max_is_inclusive BOOLEAN, description TEXT, CONSTRAINT "
                "gdcc_ntv UNIQUE (constraint_name, constraint_type, value))",
                what);
        for (const char* table : {"gpkg_data_columns", "gpkg_data_column_constraints"})
            execute(std::string("INSERT INTO gpkg_extensions VALUES ('") + table +
                        "', NULL, 'gpkg_schema', "
                        "'http://www.geopackage.org/spec121/#extension_schema', 'read-write')",
                    what);
        for (const std::string& row : rows)
            execute(row, what);
        if (m_ds->CommitTransaction() != OGRERR_NONE) fail({}, what);
    }

    // The table QGIS 3.22 creates when it saves a style into a GeoPackage
    // (QgsOgrProviderMetadata::saveStyle): made through OGR with the same fields, so it is
    // registered in gpkg_contents as an attributes table as QGIS's own would be.
    void write_styles(const std::vector<PlannedLayer>& layers) {
        bool any = false;
        for (const PlannedLayer& p : layers)
            any = any || !p.style_qml.empty();
        if (!any) return;
        const std::string what = "cannot write the QGIS styles (layer_styles)";
        GdalOptions creation;
        creation.set("FID", "id");
        OGRLayer* styles = m_ds->CreateLayer("layer_styles", nullptr, wkbNone, creation.list());
        if (!styles) fail({}, what);
        struct FieldSpec {
            const char* name;
            OGRFieldType type;
            int width;
        };
        for (const FieldSpec& spec :
             {FieldSpec{"f_table_catalog", OFTString, 256},
              FieldSpec{"f_table_schema", OFTString, 256},
              FieldSpec{"f_table_name", OFTString, 256},
              FieldSpec{"f_geometry_column", OFTString, 256}, FieldSpec{"styleName", OFTString, 30},
              FieldSpec{"styleQML", OFTString, 0}, FieldSpec{"styleSLD", OFTString, 0},
              FieldSpec{"useAsDefault", OFTInteger, 0}, FieldSpec{"description", OFTString, 0},
              FieldSpec{"owner", OFTString, 30}, FieldSpec{"ui", OFTString, 30},
              FieldSpec{"update_time", OFTDateTime, 0}}) {
            OGRFieldDefn defn(spec.name, spec.type);
            if (spec.width) defn.SetWidth(spec.width);
            if (std::strcmp(spec.name, "useAsDefault") == 0) defn.SetSubType(OFSTBoolean);
            if (spec.type == OFTDateTime) defn.SetDefault("CURRENT_TIMESTAMP");
            if (styles->CreateField(&defn, FALSE) != OGRERR_NONE) fail({}, what);
        }
        OGRField time;
        if (!OGRParseDate(m_options.timestamp.c_str(), &time, 0)) fail({}, what);

        if (m_ds->StartTransaction() != OGRERR_NONE) fail({}, what);
        OGRFeatureUniquePtr f(OGRFeature::CreateFeature(styles->GetLayerDefn()));
        int64_t id = 0;
        for (const PlannedLayer& p : layers) {
            if (p.style_qml.empty()) continue;
            f->SetFID(++id);
            f->SetField("f_table_catalog", "");
            f->SetField("f_table_schema", ""); // QGIS looks styles up with f_table_schema=''
            f->SetField("f_table_name", p.source->name.c_str());
            f->SetField("f_geometry_column", p.source->geometry ? "geom" : "");
            f->SetField("styleName", p.style_name.c_str());
            f->SetField("styleQML", p.style_qml.c_str());
            f->SetField("styleSLD", "");
            f->SetField("useAsDefault", 1);
            f->SetField("description", ("renoplan: " + p.style_name).c_str());
            f->SetField("owner", "");
            f->SetFieldNull(f->GetFieldIndex("ui"));
            f->SetField(f->GetFieldIndex("update_time"), &time);
            if (styles->CreateFeature(f.get()) != OGRERR_NONE) fail(p.source->name, what);
        }
        if (m_ds->CommitTransaction() != OGRERR_NONE) fail({}, what);
    }

    std::string m_temp, m_target;
    const WriteOptions& m_options;
    GdalErrorCapture m_messages; // GDAL's messages become the exceptions' text
    GdalDatasetPtr m_ds;
    OsrPtr m_srs;
    OGRwkbGeometryType m_current_type = wkbUnknown;
};

// [SECTION] Checking

void check_written(const std::string& temp, const std::string& target,
                   const std::vector<PlannedLayer>& layers) {
    GdalErrorCapture messages;
    auto fail = [&](const std::string& layer, const std::string& message) {
        throw Error(ErrorContext{target, layer, std::nullopt},
                    "the file written does not read back correctly: " + message,
                    "nothing was replaced; check the disk and run again");
    };
    const char* const drivers[] = {"GPKG", nullptr};
    GdalDatasetPtr ds(GDALDataset::FromHandle(
        GDALOpenEx(temp.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, nullptr, nullptr)));
    if (!ds) fail({}, "cannot reopen it: " + messages.last_failure());

    if (const std::string ok = SqlResult(*ds, "PRAGMA integrity_check").first_text(); ok != "ok")
        fail({}, "SQLite integrity check: " + ok);
    if (const std::string mode = SqlResult(*ds, "PRAGMA journal_mode").first_text();
        ascii_lower(mode) != "delete")
        fail({}, "journal mode is '" + mode + "', not delete");

    size_t styles = 0, data_columns = 0;
    for (const PlannedLayer& p : layers) {
        const OutputLayer& layer = *p.source;
        OGRLayer* l = ds->GetLayerByName(layer.name.c_str());
        if (!l) fail(layer.name, "the table is missing");
        const GIntBig count = l->GetFeatureCount(TRUE);
        if (count != static_cast<GIntBig>(p.rows))
            fail(layer.name,
                 std::to_string(count) + " features instead of " + std::to_string(p.rows));
        if (l->GetLayerDefn()->GetFieldCount() != static_cast<int>(p.columns.size()))
            fail(layer.name, "wrong number of fields");
        if (layer.geometry) {
            if (wkbFlatten(l->GetGeomType()) != p.geometry_type)
                fail(layer.name, "wrong geometry type");
            if (SqlResult(*ds, "SELECT HasSpatialIndex(" + sql_text(layer.name) + ", 'geom')")
                    .first_text() != "1")
                fail(layer.name, "no spatial index");
        }
        if (!p.style_qml.empty()) ++styles;
        for (size_t i = 0; i < layer.fields.size(); ++i) {
            const OutputField& f = layer.fields[i];
            if (!f.alias_zh.empty() || !f.alias_en.empty() || !f.comment.empty() ||
                !p.notes[i].empty())
                ++data_columns;
        }
    }
    if (styles > 0 &&
        SqlResult(*ds, "SELECT COUNT(*) FROM layer_styles WHERE useAsDefault = 1").first_text() !=
            std::to_string(styles))
        fail("layer_styles", "not one default style per styled layer");
    if (data_columns > 0 && SqlResult(*ds, "SELECT COUNT(*) FROM gpkg_data_columns").first_text() !=
                                std::to_string(data_columns))
        fail("gpkg_data_columns", "not one row per described field");
}

// [SECTION] Committing

// Owns the temporary file: removes it (and any SQLite side file) unless committed.
class TemporaryFile {
public:
    explicit TemporaryFile(fs::path path) : m_path(std::move(path)) { remove_all(); }
    ~TemporaryFile() {
        if (!m_committed) remove_all();
    }
    TemporaryFile(const TemporaryFile&) = delete;
    TemporaryFile& operator=(const TemporaryFile&) = delete;

    const fs::path& path() const { return m_path; }
    void remove_side_files() const {
        std::error_code ec;
        for (const char* suffix : {"-wal", "-shm", "-journal"})
            fs::remove(sqlite_side_file(m_path, suffix), ec);
    }
    void committed() { m_committed = true; }

private:
    void remove_all() const {
        std::error_code ec;
        fs::remove(m_path, ec);
        remove_side_files();
    }
    fs::path m_path;
    bool m_committed = false;
};

void sync_folder(const fs::path& folder) {
    const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY);
    if (fd < 0) return;
    ::fsync(fd); // best effort: the rename is durable once the folder is
    ::close(fd);
}

// Renames the finished file over the target: atomically replacing it with `force`, failing if
// it appeared meanwhile without.
void move_into_place(const fs::path& temp, const fs::path& target, bool force) {
    const ErrorContext where{target.string(), {}, std::nullopt};
    refuse_if_sqlite_side_files(target);
    if (!force) {
#ifdef RENAME_NOREPLACE
        if (::renameat2(AT_FDCWD, temp.c_str(), AT_FDCWD, target.c_str(), RENAME_NOREPLACE) == 0)
            return;
        if (errno == EEXIST)
            throw ConfigError(where, "the output appeared while it was being written",
                              "use --force to replace it, or choose another output file");
        if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
            throw Error(where, std::string("cannot move the finished file into place: ") +
                                   std::strerror(errno));
#endif
        std::error_code ec;
        if (fs::exists(target, ec))
            throw ConfigError(where, "the output appeared while it was being written",
                              "use --force to replace it, or choose another output file");
    }
    std::error_code ec;
    fs::rename(temp, target, ec);
    if (ec)
        throw Error(where, "cannot move the finished file into place: " + ec.message(),
                    "the old file, if any, is unchanged");
}

} // namespace

// [SECTION] write_geopackage

std::vector<std::string> output_field_names(const OutputLayer& layer) {
    return final_names(layer).names;
}

void write_geopackage(const std::string& path, const std::vector<OutputLayer>& layers,
                      const WriteOptions& options) {
    gdal_init();
    const fs::path target(path);
    check_target(target, options);
    const std::vector<PlannedLayer> planned = plan_layers(path, layers, options);

    const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
    // The pid keeps other processes apart, the sequence number other threads of this one (the
    // GUI may export while a previous export still runs).
    static std::atomic<unsigned> sequence{0};
    TemporaryFile temp(folder /
                       ("." + target.filename().string() + ".tmp-" + std::to_string(::getpid()) +
                        "-" + std::to_string(sequence++) + ".gpkg"));
    {
        // Rollback journal (no -wal/-shm), fixed timestamps, R-trees built at close (GDAL 3.6's
        // background R-tree thread is not needed for one layer at a time).
        ScopedConfig journal("OGR_SQLITE_JOURNAL", "DELETE");
        ScopedConfig date("OGR_CURRENT_DATE", options.timestamp);
        ScopedConfig rtree("OGR_GPKG_ALLOW_THREADED_RTREE", "NO");
        GpkgWriter writer(temp.path().string(), path, options);
        writer.write(planned);
    }
    if (options.progress) options.progress->set_stage("checking " + target.filename().string());
    check_written(temp.path().string(), path, planned);
    temp.remove_side_files();
    move_into_place(temp.path(), target, options.force);
    temp.committed();
    sync_folder(folder);
}

} // namespace renoplan::exporter
