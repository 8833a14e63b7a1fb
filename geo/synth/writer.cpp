// Index:
//   [SECTION] Labels          value spellings of both variants
//   [SECTION] Schemas         field lists of the seven layers (English / Chinese / GBK Shapefile)
//   [SECTION] LayerOut        one output layer with a reusable feature
//   [SECTION] TownWriter      datasets, temporary names, commit
#include "geo/synth/writer.hpp"

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <vector>

#include <cpl_conv.h>
#include <cpl_error.h>

#include "geo/core/error.hpp"
#include "geo/core/gdal.hpp"
#include "geo/core/geos.hpp"
#include "geo/core/progress.hpp"
#include "geo/export/gpkg_writer.hpp"

namespace renoplan::synth {

const TownLayerNames& town_layer_names(bool chinese_fields) {
    static const TownLayerNames en = {"communities", "buildings", "pipelines", "roads",
                                      "water",       "zoning",    "facilities"};
    static const TownLayerNames zh = {"小区", "楼栋", "管线", "道路", "水系", "控规地块", "设施"};
    return chinese_fields ? zh : en;
}

} // namespace renoplan::synth

namespace renoplan::synth::detail {

namespace fs = std::filesystem;

// [SECTION] Labels

const char* label(County v, bool) {
    switch (v) {
    case County::Chuanshan:
        return "船山区";
    case County::Anju:
        return "安居区";
    case County::Jingkai:
        return "遂宁市经开区";
    }
    return "";
}

const char* label(Management v, bool zh) {
    switch (v) {
    case Management::Professional:
        return zh ? "专业物业" : "professional";
    case Management::Employer:
        return zh ? "单位管理" : "employer";
    case Management::Residents:
        return zh ? "居民自治" : "residents";
    case Management::None:
        return zh ? "无物业" : "none";
    }
    return "";
}

const char* label(Structure v, bool zh) {
    return v == Structure::BrickConcrete ? (zh ? "砖混" : "brick_concrete")
                                         : (zh ? "框架" : "frame");
}

const char* label(PipeKind v, bool zh) {
    switch (v) {
    case PipeKind::WaterSupply:
        return zh ? "给水" : "water_supply";
    case PipeKind::Sewage:
        return zh ? "污水" : "sewage";
    case PipeKind::Storm:
        return zh ? "雨水" : "storm";
    case PipeKind::Gas:
        return zh ? "燃气" : "gas";
    case PipeKind::Power:
        return zh ? "电力" : "power";
    case PipeKind::Telecom:
        return zh ? "通信" : "telecom";
    case PipeKind::CableTv:
        return zh ? "广电" : "cable_tv";
    }
    return "";
}

const char* label(Material v, bool zh) {
    switch (v) {
    case Material::CastIron:
        return zh ? "铸铁" : "cast_iron";
    case Material::DuctileIron:
        return zh ? "球墨铸铁" : "ductile_iron";
    case Material::Steel:
        return zh ? "钢" : "steel";
    case Material::PE:
        return "PE";
    case Material::PVC:
        return "PVC";
    case Material::HDPE:
        return "HDPE";
    case Material::Concrete:
        return zh ? "混凝土" : "concrete";
    case Material::CopperCable:
        return zh ? "铜缆" : "copper_cable";
    case Material::AluminiumCable:
        return zh ? "铝缆" : "aluminium_cable";
    case Material::FiberOptic:
        return zh ? "光缆" : "fiber_optic";
    case Material::Coaxial:
        return zh ? "同轴电缆" : "coaxial";
    }
    return "";
}

const char* label(Laying v, bool zh) {
    return v == Laying::Buried ? (zh ? "直埋" : "buried") : (zh ? "架空" : "overhead");
}

const char* label(RoadClass v, bool zh) {
    switch (v) {
    case RoadClass::Arterial:
        return zh ? "主干路" : "arterial";
    case RoadClass::Secondary:
        return zh ? "次干路" : "secondary";
    case RoadClass::Branch:
        return zh ? "支路" : "branch";
    case RoadClass::Local:
        return zh ? "小区道路" : "local";
    }
    return "";
}

const char* label(WaterKind v, bool zh) {
    return v == WaterKind::River ? (zh ? "河流" : "river") : (zh ? "坑塘" : "pond");
}

const char* label(FacilityKind v, bool zh) {
    switch (v) {
    case FacilityKind::ElderlyCare:
        return zh ? "养老" : "elderly_care";
    case FacilityKind::Childcare:
        return zh ? "托育" : "childcare";
    case FacilityKind::Kindergarten:
        return zh ? "幼儿园" : "kindergarten";
    case FacilityKind::Clinic:
        return zh ? "卫生服务站" : "clinic";
    case FacilityKind::Market:
        return zh ? "菜市场" : "market";
    case FacilityKind::ConvenienceStore:
        return zh ? "便利店" : "convenience_store";
    case FacilityKind::ExpressDelivery:
        return zh ? "快递" : "express_delivery";
    case FacilityKind::Fitness:
        return zh ? "健身" : "fitness";
    case FacilityKind::CommunityService:
        return zh ? "社区服务站" : "community_service";
    }
    return "";
}

const char* land_use_code(LandUse v) {
    switch (v) {
    case LandUse::R2:
        return "R2";
    case LandUse::R22:
        return "R22";
    case LandUse::A33:
        return "A33";
    case LandUse::A5:
        return "A5";
    case LandUse::B1:
        return "B1";
    case LandUse::S1:
        return "S1";
    case LandUse::S42:
        return "S42";
    case LandUse::G1:
        return "G1";
    case LandUse::G2:
        return "G2";
    case LandUse::U1:
        return "U1";
    }
    return "";
}

const char* land_use_name(LandUse v, bool zh) {
    switch (v) {
    case LandUse::R2:
        return zh ? "二类居住用地" : "residential, class 2";
    case LandUse::R22:
        return zh ? "服务设施用地" : "residential services";
    case LandUse::A33:
        return zh ? "中小学用地" : "primary and secondary schools";
    case LandUse::A5:
        return zh ? "医疗卫生用地" : "medical and health care";
    case LandUse::B1:
        return zh ? "商业用地" : "commercial";
    case LandUse::S1:
        return zh ? "城市道路用地" : "urban roads";
    case LandUse::S42:
        return zh ? "社会停车场用地" : "public parking";
    case LandUse::G1:
        return zh ? "公园绿地" : "park";
    case LandUse::G2:
        return zh ? "防护绿地" : "protective green";
    case LandUse::U1:
        return zh ? "供应设施用地" : "supply facilities";
    }
    return "";
}

std::string year_text(int year, YearStyle style) {
    switch (style) {
    case YearStyle::Plain:
        return std::to_string(year);
    case YearStyle::WithNian:
        return std::to_string(year) + "年";
    case YearStyle::Decade:
        return std::to_string((year / 10 % 10) * 10) + "年代";
    case YearStyle::Approx:
        return "约" + std::to_string(year) + "年";
    case YearStyle::Decimal:
        return std::to_string(year) + ".0";
    case YearStyle::BlankText:
    case YearStyle::Null:
        return {};
    }
    return {};
}

namespace {

// [SECTION] Schemas

struct FieldDef {
    const char* en;
    const char* zh;
    const char* shp; // Chinese name within the DBF's 10 bytes (GBK: 5 characters); null: none
    OGRFieldType en_type;
    OGRFieldSubType en_subtype;
    OGRFieldType zh_type;
};

constexpr OGRFieldSubType kNone = OFSTNone;
constexpr OGRFieldSubType kBool = OFSTBoolean;

enum CommunityField {
    kCName,
    kCCounty,
    kCYear,
    kCHouseholds,
    kCBuildings,
    kCArea,
    kCSelfBuilt,
    kCExpropriation,
    kCConsentArea,
    kCConsentOwner,
    kCManagement
};
const std::vector<FieldDef> kCommunityFields = {
    {"name", "小区名称", "小区名称", OFTString, kNone, OFTString},
    {"county", "所属区县", "所属区县", OFTString, kNone, OFTString},
    {"built_year", "建成年代", "建成年代", OFTInteger, kNone, OFTString},
    {"households", "户数", "户数", OFTInteger, kNone, OFTInteger},
    {"buildings", "楼栋数", "楼栋数", OFTInteger, kNone, OFTInteger},
    {"floor_area_m2", "建筑面积", "建筑面积", OFTReal, kNone, OFTReal},
    {"self_built", "是否自建房", "是否自建房", OFTInteger, kBool, OFTString},
    {"expropriation_planned", "是否拟征收", "是否拟征收", OFTInteger, kBool, OFTString},
    {"consent_area_pct", "同意面积比例", "同意面积比", OFTReal, kNone, OFTReal},
    {"consent_owner_pct", "同意户数比例", "同意户数比", OFTReal, kNone, OFTReal},
    {"property_management", "物业管理", "物业管理", OFTString, kNone, OFTString},
};

enum BuildingField { kBFloors, kBYear, kBElevator, kBStructure, kBCommunity };
const std::vector<FieldDef> kBuildingFields = {
    {"floors", "层数", "层数", OFTInteger, kNone, OFTInteger},
    {"built_year", "建成年份", "建成年份", OFTInteger, kNone, OFTInteger},
    {"has_elevator", "有无电梯", "有无电梯", OFTInteger, kBool, OFTString},
    {"structure", "结构", "结构", OFTString, kNone, OFTString},
    {"community", "所属小区", "所属小区", OFTString, kNone, OFTString},
};

const std::vector<FieldDef> kPipelineFields = {
    {"kind", "管线类型", nullptr, OFTString, kNone, OFTString},
    {"install_year", "埋设年份", nullptr, OFTInteger, kNone, OFTInteger},
    {"diameter_mm", "管径", nullptr, OFTInteger, kNone, OFTInteger},
    {"material", "材质", nullptr, OFTString, kNone, OFTString},
    {"laying", "敷设方式", nullptr, OFTString, kNone, OFTString},
};

const std::vector<FieldDef> kRoadFields = {
    {"name", "道路名称", nullptr, OFTString, kNone, OFTString},
    {"class", "道路等级", nullptr, OFTString, kNone, OFTString},
    {"width_m", "路宽", nullptr, OFTReal, kNone, OFTReal},
};

const std::vector<FieldDef> kWaterFields = {
    {"name", "名称", nullptr, OFTString, kNone, OFTString},
    {"kind", "类型", nullptr, OFTString, kNone, OFTString},
};

const std::vector<FieldDef> kZoningFields = {
    {"parcel_id", "地块编号", nullptr, OFTString, kNone, OFTString},
    {"landuse_code", "用地性质", nullptr, OFTString, kNone, OFTString},
    {"landuse_name", "用地名称", nullptr, OFTString, kNone, OFTString},
    {"far_max", "容积率", nullptr, OFTReal, kNone, OFTReal},
    {"density_max", "建筑密度", nullptr, OFTReal, kNone, OFTReal},
    {"green_min", "绿地率", nullptr, OFTReal, kNone, OFTReal},
    {"height_max_m", "限高", nullptr, OFTReal, kNone, OFTReal},
};

const std::vector<FieldDef> kFacilityFields = {
    {"kind", "设施类型", nullptr, OFTString, kNone, OFTString},
    {"name", "名称", nullptr, OFTString, kNone, OFTString},
};

double round_mm(double v) {
    return std::round(v * 1000.0) / 1000.0;
}

// The GeoPackage's timestamps (gpkg_contents.last_change) are fixed so that the same parameters
// give the same bytes: the plan writer's (the date of 国办发〔2020〕23号).
using exporter::kFixedTimestamp;

// [SECTION] LayerOut

// Which names and types a layer's fields get.
enum class Schema { English, Chinese, ShapefileGbk };

class LayerOut {
public:
    LayerOut() = default;
    LayerOut(GDALDataset* ds, const std::string& path, const char* name,
             const OGRSpatialReference* srs, OGRwkbGeometryType type,
             const std::vector<FieldDef>& fields, Schema schema, GdalOptions options)
        : m_path(path), m_name(name) {
        m_layer =
            ds->CreateLayer(name, const_cast<OGRSpatialReference*>(srs), type, options.list());
        if (!m_layer) fail("cannot create the layer");
        for (const FieldDef& f : fields) {
            const char* fname = schema == Schema::English   ? f.en
                                : schema == Schema::Chinese ? f.zh
                                                            : f.shp;
            if (!fname) continue;
            const OGRFieldType ftype = schema == Schema::English ? f.en_type : f.zh_type;
            OGRFieldDefn defn(fname, ftype);
            if (schema == Schema::English) defn.SetSubType(f.en_subtype);
            if (schema == Schema::ShapefileGbk) {
                // DBF columns need widths: text in GBK bytes, numbers with their decimals.
                if (ftype == OFTString) defn.SetWidth(60);
                if (ftype == OFTInteger) defn.SetWidth(9);
                if (ftype == OFTReal) {
                    defn.SetWidth(16);
                    defn.SetPrecision(6);
                }
            }
            if (m_layer->CreateField(&defn) != OGRERR_NONE)
                fail(std::string("cannot create field ") + fname);
        }
        m_feature.reset(OGRFeature::CreateFeature(m_layer->GetLayerDefn()));
    }

    OGRFeature& begin() {
        m_feature->SetFID(OGRNullFID);
        return *m_feature;
    }
    void write() {
        if (m_layer->CreateFeature(m_feature.get()) != OGRERR_NONE)
            fail("cannot write feature " + std::to_string(m_count + 1) + ": " +
                 CPLGetLastErrorMsg());
        ++m_count;
    }
    int64_t count() const { return m_count; }
    explicit operator bool() const { return m_layer != nullptr; }

private:
    [[noreturn]] void fail(const std::string& message) const {
        throw Error(ErrorContext{m_path, m_name, std::nullopt}, message);
    }
    std::string m_path, m_name;
    OGRLayer* m_layer = nullptr;
    OGRFeatureUniquePtr m_feature;
    int64_t m_count = 0;
};

void set_text(OGRFeature& f, int i, const char* text) {
    f.SetField(i, text);
}
void set_text(OGRFeature& f, int i, const std::string& text) {
    if (text.empty())
        f.SetFieldNull(i);
    else
        f.SetField(i, text.c_str());
}
void set_optional(OGRFeature& f, int i, const std::optional<double>& v) {
    if (v)
        f.SetField(i, *v);
    else
        f.SetFieldNull(i);
}
void set_bool(OGRFeature& f, int i, bool v, bool zh, const char* yes, const char* no) {
    if (zh)
        f.SetField(i, v ? yes : no);
    else
        f.SetField(i, v ? 1 : 0);
}

} // namespace

// [SECTION] TownWriter

struct TownWriter::Impl {
    // GDAL 3.6 builds GeoPackage R-trees in a background thread that stalls when features go to
    // several layers in turn (100,000 communities: 39 s instead of 25 s); build them at close.
    ScopedConfig no_threaded_rtree{"OGR_GPKG_ALLOW_THREADED_RTREE", "NO"};
    // GDAL's own messages become exceptions with context instead of lines on stderr.
    GdalErrorCapture gdal_messages;
    bool zh = false;
    TownOutputs outputs;
    std::string gpkg_tmp, shp_tmp, geojson_tmp;
    bool committed = false;

    OsrPtr srs_gk;  // EPSG:4544
    OsrPtr srs_wgs; // EPSG:4326
    OctPtr to_wgs84;
    GdalDatasetPtr gpkg, shp, geojson;
    LayerOut communities, buildings, pipelines, roads, water, zoning, facilities;
    LayerOut shp_communities, shp_buildings, geo_facilities;
    int64_t since_commit = 0;
    TownSummary summary;
    Bounds bounds;

    OGRLinearRing* make_ring(const Ring& ring) {
        auto* lr = new OGRLinearRing;
        const int n = static_cast<int>(ring.size());
        lr->setNumPoints(n + 1, FALSE);
        for (int k = 0; k <= n; ++k) {
            const Vec2 p = ring[static_cast<size_t>(k % n)];
            const double x = round_mm(p.x), y = round_mm(p.y);
            lr->setPoint(k, x, y);
            extend(x, y);
        }
        return lr;
    }
    OGRPolygon* make_polygon(const Ring& ring, const std::vector<Ring>& holes = {}) {
        auto* poly = new OGRPolygon;
        poly->addRingDirectly(make_ring(ring));
        for (const Ring& h : holes)
            poly->addRingDirectly(make_ring(h));
        return poly;
    }
    OGRLineString* make_line(const Line& line) {
        auto* ls = new OGRLineString;
        ls->setNumPoints(static_cast<int>(line.size()), FALSE);
        for (size_t k = 0; k < line.size(); ++k) {
            const double x = round_mm(line[k].x), y = round_mm(line[k].y);
            ls->setPoint(static_cast<int>(k), x, y);
            extend(x, y);
        }
        return ls;
    }
    void extend(double x, double y) { bounds.add(Vec2{x, y}); }

    // Geometries are built valid by construction; this guards the construction (GEOS C API).
    static GEOSGeometry* geos_ring(GEOSContextHandle_t ctx, const OGRLinearRing& ring) {
        const int n = ring.getNumPoints();
        GEOSCoordSequence* seq = GEOSCoordSeq_create_r(ctx, static_cast<unsigned>(n), 2);
        for (int k = 0; k < n; ++k)
            GEOSCoordSeq_setXY_r(ctx, seq, static_cast<unsigned>(k), ring.getX(k), ring.getY(k));
        return GEOSGeom_createLinearRing_r(ctx, seq);
    }
    void check_valid(const OGRPolygon& poly, const char* layer) {
        GeosContext& ctx = geos_context();
        GEOSGeometry* shell = geos_ring(ctx, *poly.getExteriorRing());
        std::vector<GEOSGeometry*> holes;
        for (int k = 0; k < poly.getNumInteriorRings(); ++k)
            holes.push_back(geos_ring(ctx, *poly.getInteriorRing(k)));
        GeosGeometryPtr g =
            make_geos_ptr(ctx, GEOSGeom_createPolygon_r(ctx, shell, holes.data(),
                                                        static_cast<unsigned>(holes.size())));
        if (!g) throw std::logic_error(std::string("synthetic town: bad ") + layer + " ring");
        if (GEOSisValid_r(ctx, g.get()) == 1) return;
        char* reason = GEOSisValidReason_r(ctx, g.get());
        const std::string why = reason ? reason : "?";
        if (reason) GEOSFree_r(ctx, reason);
        throw std::logic_error(std::string("synthetic town: invalid ") + layer + " geometry (" +
                               why + "): " + geos_to_wkt(g.get(), 3));
    }

    void tick() {
        if (++since_commit < 200000) return;
        since_commit = 0;
        if (gpkg->CommitTransaction() != OGRERR_NONE || gpkg->StartTransaction() != OGRERR_NONE)
            throw Error(ErrorContext{outputs.gpkg_path, {}, std::nullopt},
                        std::string("cannot commit: ") + CPLGetLastErrorMsg());
    }

    void remove_temporaries() {
        gpkg.reset();
        shp.reset();
        geojson.reset();
        std::error_code ec;
        if (!gpkg_tmp.empty()) fs::remove(gpkg_tmp, ec);
        if (!shp_tmp.empty()) fs::remove_all(shp_tmp, ec);
        if (!geojson_tmp.empty()) fs::remove(geojson_tmp, ec);
    }
};

namespace {

// "dir/" and "dir/." name the folder "dir".
fs::path without_trailing_slash(const std::string& target) {
    fs::path p = fs::path(target).lexically_normal();
    if (p.filename().empty() && p.has_parent_path()) p = p.parent_path();
    return p;
}

fs::path folder_of(const std::string& target) {
    const fs::path p = without_trailing_slash(target);
    return p.has_parent_path() ? p.parent_path() : fs::path(".");
}

std::string temporary_beside(const std::string& target, const std::string& extension) {
    const fs::path p = without_trailing_slash(target);
    return (folder_of(target) /
            ("." + p.filename().string() + ".partial-" + std::to_string(::getpid()) + extension))
        .string();
}

// Creates `path` (a temporary name); messages name `target`, the file the user asked for.
GdalDatasetPtr create_dataset(const char* driver_name, const std::string& path,
                              const std::string& target) {
    const fs::path parent = folder_of(target);
    std::error_code ec;
    if (!fs::is_directory(parent, ec))
        throw Error(ErrorContext{target, {}, std::nullopt},
                    "the folder '" + parent.string() + "' does not exist",
                    "create it first or write somewhere else");
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driver_name);
    if (!driver)
        throw Error(ErrorContext{target, {}, std::nullopt},
                    std::string("GDAL has no ") + driver_name + " driver");
    GdalDatasetPtr ds(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds)
        throw Error(ErrorContext{target, {}, std::nullopt},
                    std::string("cannot create the file: ") + CPLGetLastErrorMsg(),
                    "check that the folder is writable");
    return ds;
}

OsrPtr make_srs(int epsg) {
    OsrPtr srs(new OGRSpatialReference);
    if (srs->importFromEPSG(epsg) != OGRERR_NONE)
        throw CrsError(ErrorContext{}, "PROJ does not know EPSG:" + std::to_string(epsg),
                       "check the PROJ database (proj.db)");
    srs->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    return srs;
}

} // namespace

TownWriter::TownWriter(const TownOutputs& outputs, bool chinese_fields)
    : m_impl(std::make_unique<Impl>()) {
    Impl& m = *m_impl;
    m.zh = chinese_fields;
    m.outputs = outputs;
    m.srs_gk = make_srs(4544);
    m.srs_wgs = make_srs(4326);
    const TownLayerNames& names = town_layer_names(chinese_fields);
    const Schema schema = chinese_fields ? Schema::Chinese : Schema::English;
    try {
        ScopedConfig date("OGR_CURRENT_DATE", kFixedTimestamp);
        m.gpkg_tmp = temporary_beside(outputs.gpkg_path, ".gpkg");
        m.gpkg = create_dataset("GPKG", m.gpkg_tmp, outputs.gpkg_path);
        auto gpkg_layer = [&](const char* name, OGRwkbGeometryType type,
                              const std::vector<FieldDef>& fields, const char* description) {
            GdalOptions o;
            o.set("FID", "fid");
            o.set("GEOMETRY_NAME", "geom");
            o.set("SPATIAL_INDEX", "YES");
            o.set("DESCRIPTION", description);
            return LayerOut(m.gpkg.get(), outputs.gpkg_path, name, m.srs_gk.get(), type, fields,
                            schema, o);
        };
        m.communities = gpkg_layer(names.communities, wkbPolygon, kCommunityFields,
                                   "synthetic old residential communities (小区)");
        m.buildings = gpkg_layer(names.buildings, wkbPolygon, kBuildingFields,
                                 "synthetic residential buildings (楼栋)");
        m.pipelines = gpkg_layer(names.pipelines, wkbLineString, kPipelineFields,
                                 "synthetic pipelines of seven kinds (管线)");
        m.roads = gpkg_layer(names.roads, wkbLineString, kRoadFields, "synthetic roads (道路)");
        m.water = gpkg_layer(names.water, wkbPolygon, kWaterFields,
                             "synthetic Fujiang river and ponds (水系)");
        m.zoning = gpkg_layer(names.zoning, wkbPolygon, kZoningFields,
                              "synthetic regulatory-plan parcels, GB 50137 codes (控规地块)");
        m.facilities = gpkg_layer(names.facilities, wkbPoint, kFacilityFields,
                                  "synthetic community service facilities (设施)");
        if (m.gpkg->StartTransaction() != OGRERR_NONE)
            throw Error(ErrorContext{outputs.gpkg_path, {}, std::nullopt},
                        "cannot start a transaction");

        if (!outputs.shapefile_gbk_dir.empty()) {
            m.shp_tmp = temporary_beside(outputs.shapefile_gbk_dir, "");
            m.shp = create_dataset("ESRI Shapefile", m.shp_tmp, outputs.shapefile_gbk_dir);
            auto shp_layer = [&](const char* name, const std::vector<FieldDef>& fields) {
                GdalOptions o;
                // GDAL recodes UTF-8 to CP936 and writes a .cpg; commit() removes the .cpg and
                // clears the language driver id, leaving raw GBK with nothing to say so.
                o.set("ENCODING", "CP936");
                o.set("DBF_DATE_LAST_UPDATE", "2020-07-10");
                return LayerOut(m.shp.get(), outputs.shapefile_gbk_dir, name, m.srs_gk.get(),
                                wkbPolygon, fields, Schema::ShapefileGbk, o);
            };
            m.shp_communities = shp_layer("xiaoqu", kCommunityFields);
            m.shp_buildings = shp_layer("loudong", kBuildingFields);
        }
        if (!outputs.geojson_wgs84_path.empty()) {
            m.geojson_tmp = temporary_beside(outputs.geojson_wgs84_path, ".geojson");
            m.geojson = create_dataset("GeoJSON", m.geojson_tmp, outputs.geojson_wgs84_path);
            GdalOptions o;
            o.set("RFC7946", "YES");
            m.geo_facilities =
                LayerOut(m.geojson.get(), outputs.geojson_wgs84_path, names.facilities,
                         m.srs_wgs.get(), wkbPoint, kFacilityFields, schema, o);
            m.to_wgs84.reset(OGRCreateCoordinateTransformation(m.srs_gk.get(), m.srs_wgs.get()));
            if (!m.to_wgs84)
                throw CrsError(ErrorContext{outputs.geojson_wgs84_path, {}, std::nullopt},
                               "cannot transform EPSG:4544 to EPSG:4326");
        }
    } catch (...) {
        m.remove_temporaries();
        throw;
    }
}

TownWriter::~TownWriter() {
    if (!m_impl->committed) m_impl->remove_temporaries();
}

const TownSummary& TownWriter::summary() const {
    Impl& m = *m_impl;
    if (!m.bounds.empty()) {
        m.summary.min_x = m.bounds.min_x;
        m.summary.min_y = m.bounds.min_y;
        m.summary.max_x = m.bounds.max_x;
        m.summary.max_y = m.bounds.max_y;
    }
    return m.summary;
}

void TownWriter::community(const CommunityRecord& c) {
    Impl& m = *m_impl;
    auto fill = [&](LayerOut& out, bool zh) -> OGRFeature& {
        OGRFeature& f = out.begin();
        set_text(f, kCName, c.name);
        set_text(f, kCCounty, label(c.county, zh));
        const bool blank = c.year_style == YearStyle::BlankText || c.year_style == YearStyle::Null;
        if (zh) {
            if (c.year_style == YearStyle::Null)
                f.SetFieldNull(kCYear);
            else
                f.SetField(kCYear, year_text(c.built_year, c.year_style).c_str());
        } else {
            if (blank)
                f.SetFieldNull(kCYear);
            else
                f.SetField(kCYear, c.built_year);
        }
        f.SetField(kCHouseholds, c.households);
        f.SetField(kCBuildings, c.buildings);
        f.SetField(kCArea, c.floor_area_m2);
        set_bool(f, kCSelfBuilt, c.self_built, zh, "是", "否");
        set_bool(f, kCExpropriation, c.expropriation_planned, zh, "是", "否");
        set_optional(f, kCConsentArea, c.consent_area_pct);
        set_optional(f, kCConsentOwner, c.consent_owner_pct);
        set_text(f, kCManagement, label(c.management, zh));
        f.SetGeometryDirectly(m.make_polygon(c.ring));
        return f;
    };
    m.check_valid(*fill(m.communities, m.zh).GetGeometryRef()->toPolygon(), "community");
    m.communities.write();
    if (m.shp_communities) {
        fill(m.shp_communities, true);
        m.shp_communities.write();
    }
    ++m.summary.communities;
    m.summary.households += c.households;
    m.tick();
}

void TownWriter::building(const BuildingRecord& b, const std::string& community) {
    Impl& m = *m_impl;
    auto fill = [&](LayerOut& out, bool zh) -> OGRFeature& {
        OGRFeature& f = out.begin();
        f.SetField(kBFloors, b.floors);
        f.SetField(kBYear, b.built_year);
        set_bool(f, kBElevator, b.has_elevator, zh, "有", "无");
        set_text(f, kBStructure, label(b.structure, zh));
        set_text(f, kBCommunity, community);
        f.SetGeometryDirectly(m.make_polygon(b.ring));
        return f;
    };
    m.check_valid(*fill(m.buildings, m.zh).GetGeometryRef()->toPolygon(), "building");
    m.buildings.write();
    if (m.shp_buildings) {
        fill(m.shp_buildings, true);
        m.shp_buildings.write();
    }
    ++m.summary.buildings;
    m.tick();
}

void TownWriter::pipeline(const PipelineRecord& p) {
    Impl& m = *m_impl;
    OGRFeature& f = m.pipelines.begin();
    f.SetField(0, label(p.kind, m.zh));
    f.SetField(1, p.install_year);
    f.SetField(2, p.diameter_mm);
    f.SetField(3, label(p.material, m.zh));
    f.SetField(4, label(p.laying, m.zh));
    f.SetGeometryDirectly(m.make_line(p.line));
    m.pipelines.write();
    ++m.summary.pipelines;
    m.tick();
}

void TownWriter::road(const RoadRecord& r) {
    Impl& m = *m_impl;
    OGRFeature& f = m.roads.begin();
    set_text(f, 0, r.name);
    f.SetField(1, label(r.road_class, m.zh));
    f.SetField(2, r.width_m);
    f.SetGeometryDirectly(m.make_line(r.line));
    m.roads.write();
    ++m.summary.roads;
    m.tick();
}

void TownWriter::water(const WaterRecord& w) {
    Impl& m = *m_impl;
    OGRFeature& f = m.water.begin();
    set_text(f, 0, w.name);
    f.SetField(1, label(w.kind, m.zh));
    f.SetGeometryDirectly(m.make_polygon(w.ring));
    m.check_valid(*f.GetGeometryRef()->toPolygon(), "water");
    m.water.write();
    ++m.summary.water;
    m.tick();
}

void TownWriter::parcel(const ParcelRecord& p) {
    Impl& m = *m_impl;
    OGRFeature& f = m.zoning.begin();
    const double scale = m.zh ? 100.0 : 1.0; // the Chinese variant writes shares as 0-100
    set_text(f, 0, p.parcel_id);
    f.SetField(1, land_use_code(p.use));
    f.SetField(2, land_use_name(p.use, m.zh));
    if (p.has_indicators) {
        f.SetField(3, p.far_max);
        f.SetField(4, std::round(p.density_max * scale * 100.0) / 100.0);
        f.SetField(5, std::round(p.green_min * scale * 100.0) / 100.0);
        f.SetField(6, p.height_max_m);
    } else {
        for (int i = 3; i <= 6; ++i)
            f.SetFieldNull(i);
    }
    f.SetGeometryDirectly(m.make_polygon(p.ring, p.holes));
    m.check_valid(*f.GetGeometryRef()->toPolygon(), "zoning");
    m.zoning.write();
    ++m.summary.zoning_parcels;
    m.tick();
}

void TownWriter::facility(const FacilityRecord& fr) {
    Impl& m = *m_impl;
    const double x = round_mm(fr.at.x), y = round_mm(fr.at.y);
    OGRFeature& f = m.facilities.begin();
    f.SetField(0, label(fr.kind, m.zh));
    set_text(f, 1, fr.name);
    f.SetGeometryDirectly(new OGRPoint(x, y));
    m.extend(x, y);
    m.facilities.write();
    if (m.geo_facilities) {
        double lon = x, lat = y;
        if (!m.to_wgs84->Transform(1, &lon, &lat))
            throw CrsError(ErrorContext{m.outputs.geojson_wgs84_path, {}, std::nullopt},
                           "cannot transform a facility to WGS84");
        OGRFeature& g = m.geo_facilities.begin();
        g.SetField(0, label(fr.kind, m.zh));
        set_text(g, 1, fr.name);
        g.SetGeometryDirectly(new OGRPoint(lon, lat));
        m.geo_facilities.write();
    }
    ++m.summary.facilities;
    m.tick();
}

namespace {

// Removes the .cpg GDAL wrote and sets the DBF language driver id (byte 29) to 0: a Shapefile
// as ArcGIS users often hand it over, GBK text with nothing that says so.
void strip_encoding_marks(const fs::path& dir, const std::string& layer) {
    std::error_code ec;
    fs::remove(dir / (layer + ".cpg"), ec);
    const fs::path dbf = dir / (layer + ".dbf");
    std::fstream io(dbf, std::ios::in | std::ios::out | std::ios::binary);
    if (!io) throw Error(ErrorContext{dbf.string(), layer, std::nullopt}, "cannot reopen the DBF");
    io.seekp(29);
    io.put('\0');
    if (!io) throw Error(ErrorContext{dbf.string(), layer, std::nullopt}, "cannot patch the DBF");
}

void rename_into_place(const fs::path& from, const fs::path& to) {
    std::error_code ec;
    fs::rename(from, to, ec);
    if (ec)
        throw Error(ErrorContext{to.string(), {}, std::nullopt},
                    "cannot move the finished file into place: " + ec.message());
}

} // namespace

void TownWriter::commit(Progress& progress) {
    Impl& m = *m_impl;
    {
        ScopedConfig date("OGR_CURRENT_DATE", kFixedTimestamp);
        if (m.gpkg->CommitTransaction() != OGRERR_NONE)
            throw Error(ErrorContext{m.outputs.gpkg_path, {}, std::nullopt},
                        std::string("cannot commit: ") + CPLGetLastErrorMsg());
        progress.set_stage("building spatial indexes");
        m.gpkg.reset(); // GDALClose builds the deferred R-trees
    }
    m.shp.reset();
    m.geojson.reset();
    progress.throw_if_cancelled();

    if (!m.shp_tmp.empty()) {
        strip_encoding_marks(m.shp_tmp, "xiaoqu");
        strip_encoding_marks(m.shp_tmp, "loudong");
    }
    rename_into_place(m.gpkg_tmp, m.outputs.gpkg_path);
    m.gpkg_tmp.clear();
    if (!m.shp_tmp.empty()) {
        const fs::path target(m.outputs.shapefile_gbk_dir);
        std::error_code ec;
        fs::create_directories(target, ec);
        for (const char* layer : {"xiaoqu", "loudong"}) {
            for (const char* ext : {".shp", ".shx", ".dbf", ".prj"}) {
                const std::string name = std::string(layer) + ext;
                rename_into_place(fs::path(m.shp_tmp) / name, target / name);
            }
            fs::remove(target / (std::string(layer) + ".cpg"), ec);
        }
        fs::remove_all(m.shp_tmp, ec);
        m.shp_tmp.clear();
    }
    if (!m.geojson_tmp.empty()) {
        rename_into_place(m.geojson_tmp, m.outputs.geojson_wgs84_path);
        m.geojson_tmp.clear();
    }
    m.committed = true;
}

} // namespace renoplan::synth::detail
