// What a layer is for in a renovation plan.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace renoplan {

enum class Role : uint8_t {
    Unknown,
    Communities, // 小区 footprints
    Buildings,   // 楼栋
    Pipelines,   // 管线
    Roads,       // 道路
    Water,       // 水系
    Zoning,      // 控规地块
    Facilities,  // 设施
    Protected,   // 保护范围
};

inline constexpr std::array<Role, 8> kAllRoles = {
    Role::Communities, Role::Buildings, Role::Pipelines,  Role::Roads,
    Role::Water,       Role::Zoning,    Role::Facilities, Role::Protected};

// Stable English key ("communities", ...), used in project files, JSON and the CLI.
std::string_view to_string(Role role);
// Chinese label ("小区", ...).
std::string_view label_zh(Role role);
// Parses a key or a Chinese label; nullopt when unknown.
std::optional<Role> parse_role(std::string_view text);

} // namespace renoplan
