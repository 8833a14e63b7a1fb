// Writes the plan's layers into one GeoPackage, safely.
//
// Safety: the file is written under a temporary name in the target's folder
// (`.<name>.tmp-<pid>-<n>.gpkg`) in SQLite rollback-journal mode (no -wal/-shm files), each layer
// in one transaction; it is then closed, reopened read-only and checked (feature counts, styles and
// aliases rows, spatial indexes, `PRAGMA integrity_check`), and only then renamed over the target
// (an atomic step). On any failure or cancellation the temporary file is removed and the target
// is left as it was. The target is refused when it is one of the inputs (or a Shapefile
// sidecar of one), when it exists and `force` is not set, and when a `-wal`/`-shm`/`-journal`
// file lies beside it (the file is open in QGIS or was not closed cleanly).
//
// Contents:
//   - one table per OutputLayer, FIDs 1..n in row order (column `fid`); geometry column `geom`
//     with an R-tree spatial index. Polygon and line layers are always declared Multi*
//     (MultiPolygon, MultiLineString: analyses produce multi-part results and QGIS edits them
//     alike); point layers are Point unless some feature has several parts (then MultiPoint);
//   - a field named `fid` (any case) is renamed `source_fid` and, in layers with geometry, one
//     named `geom` becomes `source_geom` (a number is appended if that name is taken too); the
//     field's comment says so;
//   - field types: bool -> INTEGER with the OFSTBoolean subtype (BOOLEAN), int64 -> INTEGER,
//     real -> REAL, string -> TEXT, date -> DATE, datetime -> DATETIME (UTC);
//   - `gpkg_data_columns` (GeoPackage "Schema" extension, registered in gpkg_extensions): one
//     row per field with an alias or comment: name = alias_zh, title = alias_en,
//     description = comment. Aliases must be unique within a table there: a repeated alias_zh
//     gets the column name appended ("片区编号 (district_id)"). GDAL 3.6 neither writes nor reads
//     this table, and QGIS 3.22 does not use it for aliases, so the aliases are also put into each
//     layer's style;
//   - `layer_styles`, the table QGIS creates (same columns, made through OGR as QGIS does), one
//     default style (useAsDefault = 1) per layer that has a QML style or aliases;
//   - no wall-clock time anywhere: gpkg_contents.last_change and layer_styles.update_time are
//     WriteOptions::timestamp, so the same layers and options give a byte-identical file.
#pragma once

#include <string>
#include <vector>

#include "geo/model/column.hpp"
#include "geo/model/geometry.hpp"

namespace renoplan {
class Progress;
}

namespace renoplan::exporter {

struct OutputField {
    Column column;        // name and values; one value per row of the layer
    std::string alias_zh; // shown by QGIS instead of the name, e.g. "小区名称"
    std::string alias_en; // e.g. "Community name"
    std::string comment;  // what the value means, its unit, where it comes from
};

struct OutputLayer {
    std::string name;        // table name, e.g. "communities"
    std::string title;       // gpkg_contents.identifier, e.g. "小区" (unique; empty: the name)
    std::string description; // gpkg_contents.description
    // Rows of a layer with geometry are its features; nullptr: an attribute table (rows are
    // the fields' rows). Not owned; must outlive the call.
    const GeometryColumn* geometry = nullptr;
    std::vector<OutputField> fields;
    // The default QGIS style (geo/export/qml.hpp); the writer adds the fields' aliases to it.
    // Empty: a style with only the aliases, or none when no field has an alias.
    std::string qml;
    std::string style_name; // layer_styles.styleName, at most 30 characters; empty: name
};

// The fixed time written where a GeoPackage wants one (the date of 国办发〔2020〕23号, the State
// Council's guidance on renovating old urban residential communities).
inline constexpr const char* kFixedTimestamp = "2020-07-10T00:00:00.000Z";

struct WriteOptions {
    std::string crs = "EPSG:4544"; // of all geometries (anything OGRSpatialReference reads)
    // Paths the caller read (files or folders; connection strings are ignored): the output must
    // not be one of them, a file in one of the folders, or a Shapefile sidecar of one.
    std::vector<std::string> inputs;
    bool force = false; // replace an existing output
    // "YYYY-MM-DDTHH:MM:SS.sssZ", written as gpkg_contents.last_change and
    // layer_styles.update_time.
    std::string timestamp = kFixedTimestamp;
    Progress* progress = nullptr; // stage per layer, rows written; cancel stops the write
};

// Writes `layers` (in this order) to the GeoPackage `path`. Throws ConfigError for refusals and
// for layer descriptions that cannot be written (empty or duplicate names, row counts that
// differ, a style name too long ...), CrsError for an unknown CRS, Error when writing or
// checking fails, Cancelled when cancelled; in every case the target is untouched.
void write_geopackage(const std::string& path, const std::vector<OutputLayer>& layers,
                      const WriteOptions& options = {});

// The column names `layer`'s fields get in the table (after the fid/geom renaming), in order.
std::vector<std::string> output_field_names(const OutputLayer& layer);

} // namespace renoplan::exporter
