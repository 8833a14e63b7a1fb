#include "support/fixtures.hpp"

#include <stdexcept>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "geo/core/gdal.hpp"

namespace renoplan::test {

void write_layers(const std::filesystem::path& path, const std::string& driver_name,
                  const std::vector<LayerDef>& layers,
                  const std::vector<std::string>& creation_options) {
    gdal_init();
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driver_name.c_str());
    if (!driver) throw std::runtime_error("no GDAL driver " + driver_name);
    GdalDatasetPtr ds(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds) throw std::runtime_error("cannot create " + path.string());
    for (const auto& def : layers) {
        OGRSpatialReference srs;
        srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        if (def.epsg) srs.importFromEPSG(def.epsg);
        const OGRwkbGeometryType type = def.geometry_type == "point"          ? wkbPoint
                                        : def.geometry_type == "line"         ? wkbLineString
                                        : def.geometry_type == "none"         ? wkbNone
                                        : def.geometry_type == "multipolygon" ? wkbMultiPolygon
                                        : def.geometry_type == "unknown"      ? wkbUnknown
                                                                              : wkbPolygon;
        GdalOptions options;
        // Shapefile field names in Chinese need an encoding that can hold them.
        if (driver_name == "ESRI Shapefile") options.set("ENCODING", "UTF-8");
        for (const auto& o : creation_options) {
            const auto eq = o.find('=');
            options.set(o.substr(0, eq), o.substr(eq + 1));
        }
        OGRLayer* layer = ds->CreateLayer(def.name.c_str(), def.epsg ? &srs : nullptr, type,
                                          options.empty() ? nullptr : options.list());
        if (!layer) throw std::runtime_error("cannot create layer " + def.name);
        for (const auto& f : def.fields) {
            OGRFieldDefn fd(f.name.c_str(), f.type == FieldDef::Type::Integer ? OFTInteger64
                                            : f.type == FieldDef::Type::Real  ? OFTReal
                                                                              : OFTString);
            if (layer->CreateField(&fd) != OGRERR_NONE)
                throw std::runtime_error("cannot create field " + f.name);
        }
        for (const auto& feat : def.features) {
            OGRFeatureUniquePtr feature(OGRFeature::CreateFeature(layer->GetLayerDefn()));
            if (!feat.wkt.empty()) {
                OGRGeometry* g = nullptr;
                if (OGRGeometryFactory::createFromWkt(feat.wkt.c_str(), nullptr, &g) != OGRERR_NONE)
                    throw std::runtime_error("bad WKT in fixture: " + feat.wkt);
                feature->SetGeometryDirectly(g);
            }
            for (size_t k = 0; k < feat.values.size() && k < def.fields.size(); ++k) {
                if (feat.values[k].empty()) continue;
                feature->SetField(static_cast<int>(k), feat.values[k].c_str());
            }
            if (layer->CreateFeature(feature.get()) != OGRERR_NONE)
                throw std::runtime_error("cannot write a feature to " + def.name);
        }
    }
}

} // namespace renoplan::test
