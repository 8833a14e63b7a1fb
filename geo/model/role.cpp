#include "geo/model/role.hpp"

namespace renoplan {

std::string_view to_string(Role role) {
    switch (role) {
    case Role::Unknown:
        return "unknown";
    case Role::Communities:
        return "communities";
    case Role::Buildings:
        return "buildings";
    case Role::Pipelines:
        return "pipelines";
    case Role::Roads:
        return "roads";
    case Role::Water:
        return "water";
    case Role::Zoning:
        return "zoning";
    case Role::Facilities:
        return "facilities";
    case Role::Protected:
        return "protected";
    }
    return "unknown";
}

std::string_view label_zh(Role role) {
    switch (role) {
    case Role::Unknown:
        return "未识别";
    case Role::Communities:
        return "小区";
    case Role::Buildings:
        return "楼栋";
    case Role::Pipelines:
        return "管线";
    case Role::Roads:
        return "道路";
    case Role::Water:
        return "水系";
    case Role::Zoning:
        return "控规地块";
    case Role::Facilities:
        return "设施";
    case Role::Protected:
        return "保护范围";
    }
    return "未识别";
}

std::optional<Role> parse_role(std::string_view text) {
    if (text == "unknown" || text == "未识别") return Role::Unknown;
    for (Role r : kAllRoles)
        if (text == to_string(r) || text == label_zh(r)) return r;
    return std::nullopt;
}

} // namespace renoplan
