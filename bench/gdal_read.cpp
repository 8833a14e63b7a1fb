// gdal_read: the plain GDAL feature loop over one layer - the baseline of bench/ingest.sh.
//
//   gdal_read SOURCE [--layer NAME]
//
// Opens the source with GDALOpenEx, loops OGR_L_GetNextFeature, touches the geometry (its WKB
// size is summed: the layer's WKB size) and every field value through the typed getters, and
// destroys the feature. Single-threaded, as GDAL's loop is. Prints one JSON line:
// {"tool":"gdal_read","seconds":..,"features":..,"wkb_bytes":..,"peak_rss_bytes":..}
#include <sys/resource.h>

#include <chrono>
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>

#include <gdal.h>
#include <ogr_api.h>

namespace {

long long peak_rss_bytes() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<long long>(usage.ru_maxrss) * 1024; // Linux: KiB
}

// Reads every field of `feature` through the getter of its type; returns a checksum so that
// nothing can be optimised away.
uint64_t touch_fields(OGRFeatureH feature, OGRFeatureDefnH defn) {
    uint64_t sum = 0;
    const int count = OGR_FD_GetFieldCount(defn);
    for (int i = 0; i < count; ++i) {
        if (!OGR_F_IsFieldSetAndNotNull(feature, i)) continue;
        switch (OGR_Fld_GetType(OGR_FD_GetFieldDefn(defn, i))) {
        case OFTInteger:
            sum += static_cast<uint64_t>(OGR_F_GetFieldAsInteger(feature, i));
            break;
        case OFTInteger64:
            sum += static_cast<uint64_t>(OGR_F_GetFieldAsInteger64(feature, i));
            break;
        case OFTReal:
            sum += static_cast<uint64_t>(OGR_F_GetFieldAsDouble(feature, i));
            break;
        case OFTDate:
        case OFTTime:
        case OFTDateTime: {
            int y = 0, mo = 0, d = 0, h = 0, mi = 0, tz = 0;
            float s = 0;
            OGR_F_GetFieldAsDateTimeEx(feature, i, &y, &mo, &d, &h, &mi, &s, &tz);
            sum += static_cast<uint64_t>(y * 372 + mo * 31 + d + h + mi);
            break;
        }
        default: // strings, lists, binary: as text
            sum += std::strlen(OGR_F_GetFieldAsString(feature, i));
            break;
        }
    }
    return sum;
}

} // namespace

int main(int argc, char** argv) {
    const char* source = nullptr;
    const char* layer_name = nullptr;
    for (int k = 1; k < argc; ++k) {
        if (std::strcmp(argv[k], "--layer") == 0 && k + 1 < argc) {
            layer_name = argv[++k];
        } else if (argv[k][0] != '-' && !source) {
            source = argv[k];
        } else {
            std::fprintf(stderr, "usage: gdal_read SOURCE [--layer NAME]\n");
            return 2;
        }
    }
    if (!source) {
        std::fprintf(stderr, "usage: gdal_read SOURCE [--layer NAME]\n");
        return 2;
    }

    const auto start = std::chrono::steady_clock::now();
    GDALAllRegister();
    GDALDatasetH ds = GDALOpenEx(source, GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR,
                                 nullptr, nullptr, nullptr);
    if (!ds) return 1;
    OGRLayerH layer =
        layer_name ? GDALDatasetGetLayerByName(ds, layer_name) : GDALDatasetGetLayer(ds, 0);
    if (!layer) {
        std::fprintf(stderr, "gdal_read: no layer '%s' in %s\n", layer_name ? layer_name : "#0",
                     source);
        GDALClose(ds);
        return 1;
    }
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);

    uint64_t features = 0, wkb_bytes = 0, checksum = 0;
    OGR_L_ResetReading(layer);
    while (OGRFeatureH feature = OGR_L_GetNextFeature(layer)) {
        ++features;
        if (OGRGeometryH geometry = OGR_F_GetGeometryRef(feature))
            wkb_bytes += static_cast<uint64_t>(OGR_G_WkbSize(geometry));
        checksum += touch_fields(feature, defn);
        OGR_F_Destroy(feature);
    }
    GDALClose(ds);
    const std::chrono::duration<double> wall = std::chrono::steady_clock::now() - start;

    std::printf("{\"tool\":\"gdal_read\",\"source\":\"%s\",\"seconds\":%.6f,\"features\":%" PRIu64
                ",\"wkb_bytes\":%" PRIu64 ",\"checksum\":%" PRIu64 ",\"peak_rss_bytes\":%lld}\n",
                source, wall.count(), features, wkb_bytes, checksum, peak_rss_bytes());
    return 0;
}
