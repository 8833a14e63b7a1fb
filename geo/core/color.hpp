// Colours, and the palette the plan's layers share wherever they are drawn: the QGIS styles
// written into the plan GeoPackage (geo/export/qml) and the map viewer (geo/render/style), so a
// planner sees the same green for "eligible" in both.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace renoplan {

struct Color {
    uint8_t r = 0, g = 0, b = 0, a = 255;

    // "#1a9850" or "#1a9850cc" (alpha last); throws std::invalid_argument for anything else.
    static Color hex(std::string_view text);
    // QGIS's spelling: "26,152,80,255".
    std::string qgis() const;
    bool operator==(const Color&) const = default;
};

namespace palette {
// communities.eligible
inline constexpr std::string_view kEligibleYes = "#1a9850";
inline constexpr std::string_view kEligibleNo = "#bdbdbd";
inline constexpr std::string_view kEligibleUnknown = "#fdae61";
// spare_land.use
inline constexpr std::string_view kUseParking = "#4575b4";
inline constexpr std::string_view kUseService = "#984ea3";
inline constexpr std::string_view kUseGreen = "#66bd63";
inline constexpr std::string_view kUseOther = "#d9d9d9";
} // namespace palette

} // namespace renoplan
