// Writing small vector files through GDAL for tests: a layer from WKT and attribute values.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace renoplan::test {

struct FieldDef {
    std::string name;
    enum class Type { Integer, Real, String } type = Type::String;
};

struct FeatureDef {
    std::string wkt;                 // empty = no geometry
    std::vector<std::string> values; // one per field; "" = null
};

struct LayerDef {
    std::string name;
    std::string geometry_type = "polygon"; // point, line, polygon, none
    int epsg = 4544;                       // 0 = no CRS
    std::vector<FieldDef> fields;
    std::vector<FeatureDef> features;
};

// Writes the layers into `path` with the GDAL driver (e.g. "GPKG", "ESRI Shapefile",
// "GeoJSON"); `creation_options` are layer creation options ("ENCODING=CP936").
void write_layers(const std::filesystem::path& path, const std::string& driver,
                  const std::vector<LayerDef>& layers,
                  const std::vector<std::string>& creation_options = {});

} // namespace renoplan::test
