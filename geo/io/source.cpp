#include "geo/io/source.hpp"

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>

#include "geo/core/error.hpp"
#include "geo/core/text.hpp"

namespace renoplan::io {

namespace fs = std::filesystem;

namespace {

// File extensions of vector formats that are a source on their own. Sidecars (.shx, .dbf
// next to a .shp, .prj, .cpg, .qix ...) are not listed.
constexpr std::array<const char*, 16> kVectorExtensions = {
    ".shp", ".gpkg",   ".geojson", ".json", ".fgb", ".csv",      ".dxf",      ".kml",
    ".gml", ".sqlite", ".tab",     ".mif",  ".gpx", ".geojsonl", ".geojsons", ".osm.pbf"};

bool has_vector_extension(const fs::path& p) {
    const std::string name = ascii_lower(p.filename().string());
    for (const char* ext : kVectorExtensions) {
        const std::string e = ext;
        if (name.size() > e.size() && name.compare(name.size() - e.size(), e.size(), e) == 0)
            return true;
    }
    return false;
}

bool is_standalone_dbf(const fs::path& p) {
    if (ascii_lower(p.extension().string()) != ".dbf") return false;
    fs::path shp = p;
    shp.replace_extension(".shp");
    fs::path shp_upper = p;
    shp_upper.replace_extension(".SHP");
    return !fs::exists(shp) && !fs::exists(shp_upper);
}

std::string read_prefix(const fs::path& p, size_t n) {
    std::ifstream in(p, std::ios::binary);
    std::string buf(n, '\0');
    in.read(buf.data(), static_cast<std::streamsize>(n));
    buf.resize(static_cast<size_t>(in.gcount()));
    return buf;
}

} // namespace

bool is_connection_string(const std::string& source) {
    static const std::array<const char*, 8> prefixes = {
        "PG:", "postgresql://", "postgres://", "MSSQL:", "MySQL:", "OCI:", "WFS:", "/vsicurl/"};
    for (const char* p : prefixes)
        if (source.rfind(p, 0) == 0) return true;
    return false;
}

std::vector<std::string> expand_sources(const std::vector<std::string>& inputs,
                                        Diagnostics& diagnostics) {
    std::vector<std::string> out;
    for (const auto& input : inputs) {
        if (is_connection_string(input)) {
            out.push_back(input);
            continue;
        }
        std::error_code ec;
        const fs::path p(input);
        if (!fs::exists(p, ec)) {
            diagnostics.add(Severity::Error, "source.not_found", {input, {}, {}},
                            "file or folder not found", "check the path and its spelling");
            continue;
        }
        const bool is_gdb = ascii_lower(p.extension().string()) == ".gdb";
        if (fs::is_directory(p, ec) && !is_gdb) {
            std::vector<std::string> found;
            for (const auto& entry : fs::directory_iterator(p, ec)) {
                const fs::path& f = entry.path();
                if (entry.is_directory() && ascii_lower(f.extension().string()) == ".gdb") {
                    found.push_back(f.string());
                } else if (entry.is_regular_file() &&
                           (has_vector_extension(f) || is_standalone_dbf(f))) {
                    // A project file beside the data is configuration, not data.
                    if (ascii_lower(f.filename().string()) == "renoplan.json") continue;
                    found.push_back(f.string());
                }
            }
            std::sort(found.begin(), found.end());
            if (found.empty())
                diagnostics.add(Severity::Error, "source.empty_folder", {input, {}, {}},
                                "folder holds no vector files renoplan can read",
                                "point at the folder with the .shp/.gpkg/.geojson files");
            out.insert(out.end(), found.begin(), found.end());
            continue;
        }
        out.push_back(input);
    }
    return out;
}

GdalDatasetPtr open_vector(const std::string& source, GdalOptions open_options) {
    gdal_init();
    const ErrorContext where{source, {}, {}};
    if (!is_connection_string(source)) {
        std::error_code ec;
        const fs::path p(source);
        if (!fs::exists(p, ec))
            throw SourceError(where, "file not found", "check the path and its spelling");
        if (fs::is_regular_file(p, ec)) {
            if (fs::file_size(p, ec) == 0)
                throw SourceError(where, "file is empty (0 bytes)",
                                  "the copy or export may have failed; get the file again");
            std::ifstream probe(p, std::ios::binary);
            if (!probe)
                throw SourceError(where, "file cannot be read (permission denied?)",
                                  "check the file's permissions");
        }
    }
    GdalErrorCapture capture;
    GDALDataset* ds = GDALDataset::FromHandle(
        GDALOpenEx(source.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR,
                   nullptr, open_options.empty() ? nullptr : open_options.list(), nullptr));
    if (ds) return GdalDatasetPtr(ds);

    const std::string gdal_message = capture.last_failure();
    std::string message = "cannot be opened as a vector data source";
    std::string hint = "renoplan reads GeoPackage, Shapefile, GeoJSON, FlatGeobuf, CSV with WKT, "
                       "DXF, FileGDB and PostGIS";
    if (!is_connection_string(source)) {
        const fs::path p(source);
        const std::string ext = ascii_lower(p.extension().string());
        const std::string head = read_prefix(p, 16);
        if (ext == ".gpkg" || head.rfind("SQLite format 3", 0) == 0) {
            message = "is not a readable GeoPackage";
            hint = "the file may be truncated or corrupt (an interrupted copy or download); "
                   "get a fresh copy";
        } else if (ext == ".shp") {
            message = "is not a readable Shapefile";
            hint = "a Shapefile needs its .shp, .shx and .dbf files side by side; check that "
                   "none is missing or truncated";
        } else if (ext == ".geojson" || ext == ".json") {
            message = "is not readable GeoJSON";
            hint = "check that the file is complete JSON with a FeatureCollection";
        }
    } else {
        message = "connection failed";
        hint = "check host, database, user and password in the connection string";
    }
    if (!gdal_message.empty()) message += " (GDAL: " + gdal_message + ")";
    throw SourceError(where, message, hint);
}

} // namespace renoplan::io
