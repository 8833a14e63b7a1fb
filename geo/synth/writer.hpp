// Writes the generated town: a GeoPackage with all seven layers (English or Chinese schema),
// optionally communities and buildings again as GBK Shapefiles without .cpg, and facilities as
// WGS84 GeoJSON. Files are written under temporary names beside their targets and renamed into
// place by commit(); the destructor removes whatever was not committed.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "geo/synth/records.hpp"
#include "geo/synth/town.hpp"

namespace renoplan {
class Progress;
}

namespace renoplan::synth::detail {

class TownWriter final : public TownSink {
public:
    TownWriter(const TownOutputs& outputs, bool chinese_fields);
    ~TownWriter() override;
    TownWriter(const TownWriter&) = delete;
    TownWriter& operator=(const TownWriter&) = delete;

    void community(const CommunityRecord& c) override;
    void building(const BuildingRecord& b, const std::string& community) override;
    void pipeline(const PipelineRecord& p) override;
    void road(const RoadRecord& r) override;
    void water(const WaterRecord& w) override;
    void parcel(const ParcelRecord& p) override;
    void facility(const FacilityRecord& f) override;

    // Closes the files (building the spatial indexes), fixes up the Shapefiles and renames
    // everything into place.
    void commit(Progress& progress);

    // Counts, households and extent of what was written so far.
    const TownSummary& summary() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// Labels of enumerated values in both variants (English keys, Chinese as real files spell them).
const char* label(County v, bool chinese);
const char* label(Management v, bool chinese);
const char* label(Structure v, bool chinese);
const char* label(PipeKind v, bool chinese);
const char* label(Material v, bool chinese);
const char* label(Laying v, bool chinese);
const char* label(RoadClass v, bool chinese);
const char* label(WaterKind v, bool chinese);
const char* label(FacilityKind v, bool chinese);
const char* land_use_code(LandUse v);
const char* land_use_name(LandUse v, bool chinese);
// 建成年代 as the Chinese variant writes it; empty for blank (see CommunityRecord::year_style).
std::string year_text(int year, YearStyle style);

} // namespace renoplan::synth::detail
