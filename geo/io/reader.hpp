// Reading one OGR layer into a column-wise renoplan::Layer.
//
// GDAL's Arrow stream is used where the driver implements it natively (OLCFastGetArrowStream:
// GeoPackage in GDAL 3.6), the OGR feature loop otherwise. Either way the main thread pulls
// batches from GDAL while worker threads parse the geometry (WKB) of earlier batches; parsed
// batches are appended in order, so the result does not depend on the number of threads.
// Geometries are in the source CRS unless the chunk hook (geo/ingest) reprojects them.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "geo/core/diagnostics.hpp"
#include "geo/core/progress.hpp"
#include "geo/model/layer.hpp"

class OGRLayer;

namespace renoplan::io {

struct ReadOptions {
    int jobs = 0;              // worker threads; 0 = all cores
    size_t batch_size = 16384; // features per batch
    bool allow_arrow = true;   // use the Arrow stream where the driver is fast at it
    // Text values GDAL hands over undecoded are recoded from this encoding ("" = none).
    std::string recode_from;
    // Recode values that are not valid UTF-8 but are valid GBK (CP936), and note it.
    bool detect_gbk = true;
    // Force the geometry class instead of deciding from the layer's declared type and content.
    std::optional<GeomClass> geom_class;
    // Called by a worker thread on each parsed batch (a Layer holding that batch's rows, with
    // the layer's name and source) before it is appended: the loader reprojects and repairs
    // here, so that work runs in parallel with reading. Called concurrently on different
    // batches; it may change the batch's rows (and must keep fids, geometry and attributes
    // aligned) and add issues.
    std::function<void(Layer& batch)> chunk_hook;
};

// Reads `ogr_layer` (of the dataset opened from `source_path` with `driver`). Features without a
// geometry, with an empty or corrupt one, or of another dimension than the layer's are skipped
// and recorded in Layer::issues; curves are linearised; Z and M are dropped. Throws SourceError
// for a layer without geometry column; Cancelled when progress is cancelled.
Layer read_layer(OGRLayer& ogr_layer, const std::string& source_path, const std::string& driver,
                 const ReadOptions& options, Progress& progress);

} // namespace renoplan::io
