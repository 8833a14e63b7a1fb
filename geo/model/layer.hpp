// A loaded layer: geometries and attributes column-wise, in the working CRS, with its index and
// the record of how it was read (for `renoplan info` and the GUI's layer panel).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "geo/core/diagnostics.hpp"
#include "geo/index/strtree.hpp"
#include "geo/model/column.hpp"
#include "geo/model/geometry.hpp"
#include "geo/model/role.hpp"

namespace renoplan {

// How a source field was bound to a canonical field.
struct FieldBinding {
    std::string canonical;  // canonical field name, e.g. "built_year"
    std::string source;     // source field name, e.g. "建成年代"
    std::string how;        // "alias", "project file", "fuzzy" ...
    size_t parsed = 0;      // values parsed
    size_t approximate = 0; // values parsed as a range or estimate ("90年代")
    size_t unparsed = 0;    // non-empty values that could not be parsed
    std::string unit_note;  // e.g. "percent given as 0-100, divided by 100"
};

// A feature the loader repaired, skipped or otherwise changed.
struct FeatureIssue {
    int64_t fid = 0;
    std::string code;   // "geometry.repaired", "geometry.null", "geometry.wrong_type", ...
    std::string detail; // GEOS reason, source type ...
};

// Where and how the layer was read.
struct LayerSource {
    std::string path;          // file, folder or connection string as given
    std::string layer_name;    // name inside the source
    std::string driver;        // GDAL driver short name
    std::string read_method;   // "arrow" or "feature loop"
    std::string geometry_type; // as declared by the source ("Multi Polygon", ...)
    int64_t features_in_source = 0;
    std::string encoding;        // text encoding used ("UTF-8", "CP936")
    std::string encoding_reason; // why ("from .cpg", "DBF code page 0x4D", "detected: ...")
    std::string source_crs;      // e.g. "EPSG:4490 (China Geodetic Coordinate System 2000)"
    std::string crs_note;        // how the CRS was decided when not declared, or overrides
    Box source_extent;           // in source coordinates
};

struct Layer {
    std::string name; // display name (unique within a dataset)
    Role role = Role::Unknown;
    std::string role_reason;
    LayerSource source;

    std::vector<int64_t> fids; // source feature id per row
    GeometryColumn geometry;
    std::vector<Column> attributes; // source fields, UTF-8
    std::vector<Column> canonical;  // canonical fields parsed from them (same rows)
    std::vector<FieldBinding> bindings;
    std::vector<std::string> missing_required; // canonical fields required but not found
    std::vector<FeatureIssue> issues;          // repairs and skipped features, by source FID
    StrTree index;

    size_t size() const { return fids.size(); }
    // Rows whose bounding box intersects `box` (ascending); needs index built.
    std::vector<uint32_t> query(const Box& box) const { return index.query(geometry.boxes(), box); }
    void build_index() { index.build(geometry.boxes()); }
    int find_attribute(std::string_view field_name) const;
    int find_canonical(std::string_view field_name) const;
    const Column* canonical_column(std::string_view field_name) const;
    // Keeps the rows with keep[row] != 0 (fids, geometry, attributes, canonical columns); the
    // index must be rebuilt afterwards.
    void filter_rows(const std::vector<uint8_t>& keep);
    // Row of a source feature id, or -1.
    int64_t row_of_fid(int64_t fid) const;
    Box extent() const { return geometry.extent(); }
    size_t memory_bytes() const;
};

// Wall time of one loading stage of one layer (shown by `renoplan info --verbose`).
struct StageTiming {
    std::string layer;
    std::string stage; // "read", "transform", "check", "fields", "index"
    double seconds = 0.0;
};

// Everything loaded in one go: layers in the working CRS plus the messages.
struct Dataset {
    std::vector<Layer> layers;
    std::string working_crs;      // "EPSG:4544"
    std::string working_crs_name; // "CGCS2000 / 3-degree Gauss-Kruger CM 105E"
    std::string working_crs_reason;
    Diagnostics diagnostics;
    std::vector<StageTiming> timings;

    const Layer* first_with_role(Role role) const;
    std::vector<const Layer*> with_role(Role role) const;
};

} // namespace renoplan
