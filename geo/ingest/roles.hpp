// Which role a layer plays, judged from its name, its file name, its geometry and its fields.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "geo/model/geometry.hpp"
#include "geo/model/role.hpp"

namespace renoplan::ingest {

struct RoleGuess {
    Role role = Role::Unknown;
    int score = 0; // higher is surer; 0 with Role::Unknown
    std::string
        reason; // "layer name '小区' (communities); polygon geometry; fields 户数, 建成年份"
};

// Names are matched in English, Chinese and pinyin (full and initials: "xiaoqu", "xq", "ld",
// "gx" ...) as whole tokens or substrings as appropriate; the geometry class must fit the role
// (pipelines and roads are lines, facilities points or polygons, the rest polygons); field names
// that belong to one role (层数 -> buildings, 管径 -> pipelines, 用地性质 -> zoning ...) add
// evidence.
//
// Chinese tokens match as substrings, ASCII tokens as whole words (split at non-letters, digits
// and camelCase; tokens of five letters or more also inside longer words). The token that ends
// last in a name counts more, as Chinese puts the head noun last: "老旧小区楼栋" is buildings,
// "小区道路" roads, "社区服务设施" facilities. The layer name counts fully, the file name (folders
// and extensions stripped; ignored when it equals the layer name) half. Field evidence is
// capped, yet several role-specific fields outweigh one name token. The score is name plus fields;
// below 5 the role is Unknown. The reason names the name token, the geometry, the fields, the
// runner-up ("runner-up" / "tie with") and a role that the geometry ruled out.
RoleGuess detect_role(std::string_view layer_name, std::string_view file_name, GeomClass geom_class,
                      const std::vector<std::string>& field_names);

// Whether a geometry class can serve a role.
bool geometry_fits_role(Role role, GeomClass geom_class);

} // namespace renoplan::ingest
