// The features the town generator emits, independent of how they are written (field names and
// value spellings of the English and Chinese variants live in writer.cpp).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "geo/synth/shapes.hpp"

namespace renoplan::synth::detail {

enum class County { Chuanshan, Anju, Jingkai };
// How the Chinese variant spells a community's 建成年代: "1998", "1998年", "90年代", "约1998年",
// "1998.0", or blank (empty text or NULL).
enum class YearStyle { Plain, WithNian, Decade, Approx, Decimal, BlankText, Null };
enum class Management { Professional, Employer, Residents, None };
enum class Structure { BrickConcrete, Frame };
enum class PipeKind { WaterSupply, Sewage, Storm, Gas, Power, Telecom, CableTv };
inline constexpr int kPipeKindCount = 7;
enum class Material {
    CastIron,
    DuctileIron,
    Steel,
    PE,
    PVC,
    HDPE,
    Concrete,
    CopperCable,
    AluminiumCable,
    FiberOptic,
    Coaxial
};
enum class Laying { Buried, Overhead };
enum class RoadClass { Arterial, Secondary, Branch, Local };
enum class WaterKind { River, Pond };
enum class LandUse { R2, R22, A33, A5, B1, S1, S42, G1, G2, U1 };
enum class FacilityKind {
    ElderlyCare,
    Childcare,
    Kindergarten,
    Clinic,
    Market,
    ConvenienceStore,
    ExpressDelivery,
    Fitness,
    CommunityService
};

struct CommunityRecord {
    std::string name;
    County county = County::Chuanshan;
    int built_year = 0;
    YearStyle year_style = YearStyle::Plain;
    int households = 0;
    int buildings = 0;
    double floor_area_m2 = 0;
    bool self_built = false;
    bool expropriation_planned = false;
    std::optional<double> consent_area_pct;  // 0..100
    std::optional<double> consent_owner_pct; // 0..100
    Management management = Management::None;
    Ring ring;
};

struct BuildingRecord {
    int floors = 0;
    int built_year = 0;
    bool has_elevator = false;
    Structure structure = Structure::BrickConcrete;
    int households = 0; // not written; summed into the community
    Ring ring;
};

struct PipelineRecord {
    PipeKind kind = PipeKind::WaterSupply;
    int install_year = 0;
    int diameter_mm = 0;
    Material material = Material::CastIron;
    Laying laying = Laying::Buried;
    Line line;
};

struct RoadRecord {
    std::string name; // empty: unnamed (written as NULL)
    RoadClass road_class = RoadClass::Branch;
    double width_m = 0;
    Line line;
};

struct WaterRecord {
    std::string name;
    WaterKind kind = WaterKind::River;
    Ring ring;
};

struct ParcelRecord {
    std::string parcel_id;
    LandUse use = LandUse::R2;
    bool has_indicators = true; // road land (S1) has none: written as NULL
    double far_max = 0;
    double density_max = 0; // fraction 0..1
    double green_min = 0;   // fraction 0..1
    double height_max_m = 0;
    Ring ring;
    std::vector<Ring> holes;
};

struct FacilityRecord {
    FacilityKind kind = FacilityKind::ConvenienceStore;
    std::string name;
    Vec2 at;
};

// Receives the features in generation order.
class TownSink {
public:
    virtual ~TownSink() = default;
    // A community after its buildings (building.community is the community's name).
    virtual void community(const CommunityRecord& c) = 0;
    virtual void building(const BuildingRecord& b, const std::string& community) = 0;
    virtual void pipeline(const PipelineRecord& p) = 0;
    virtual void road(const RoadRecord& r) = 0;
    virtual void water(const WaterRecord& w) = 0;
    virtual void parcel(const ParcelRecord& p) = 0;
    virtual void facility(const FacilityRecord& f) = 0;
};

} // namespace renoplan::synth::detail
