// Canonical fields per role and the binding of source fields onto them.
//
// The analyses read canonical fields (built_year, households, ...). Source files name them in
// Chinese, English, pinyin or pinyin initials; alias tables bind them, a project file may bind
// them explicitly, and values are parsed into typed canonical columns on the layer.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "geo/core/diagnostics.hpp"
#include "geo/model/layer.hpp"
#include "geo/model/role.hpp"

namespace renoplan::ingest {

enum class ValueKind {
    Text,    // kept as UTF-8 text, trimmed
    Integer, // parse_number, rounded; Int64 column
    Real,    // parse_number; Real column
    Year,    // parse_year -> columns <name>_min, <name>_max (Int64) and <name>_approx (Bool)
    Bool,    // parse_bool (`values` "true"/"false" may add field-specific words); Bool column
    Share,   // parse_share -> fraction 0..1; Real column (0-100 columns divided by 100, noted)
    Enum,    // text mapped through the field's value aliases onto canonical values; String
};

struct EnumValue {
    std::string_view value;                // canonical value, e.g. "sewage"
    std::vector<std::string_view> aliases; // "污水", "WS", "sewer", ...
};

struct FieldSpec {
    std::string_view name{}; // canonical name, e.g. "built_year"
    ValueKind kind = ValueKind::Text;
    bool required = false;                   // the analyses cannot run for this role without it
    std::vector<std::string_view> aliases{}; // source names (matched after normalize_name)
    std::string_view label_zh{};             // 建成年份
    std::string_view label_en{};             // Built year
    std::string_view unit{};                 // "m", "m2", "mm", "" ...
    std::vector<EnumValue> values{};         // for Enum
    // Text holding a code (land-use "r2", "Ｒ２２", 701): full-width folded, spaces removed, ASCII
    // upper-cased; a number from a numeric column gets back the leading zero its odd digit count
    // shows it lost (701 -> "0701").
    bool code = false;
};

// The canonical fields of a role (empty for Role::Unknown).
const std::vector<FieldSpec>& field_specs(Role role);
const FieldSpec* find_field_spec(Role role, std::string_view name);

// Maps an enum field's text onto its canonical value; empty if none matches. The whole text is
// tried first against values and aliases (after normalize_name); then free text such as
// "XX社区养老服务中心" or "sewer main": Chinese aliases inside it and ASCII aliases as whole
// words, the longest alias winning ("生鲜超市" is a market, "华联超市" a supermarket).
std::string_view map_enum_value(const FieldSpec& spec, std::string_view text);

// Binds layer.attributes to the canonical fields of layer.role and fills layer.canonical,
// layer.bindings and layer.missing_required (all three are replaced, so binding again with a
// corrected project file is fine).
//
// Binding, in this order; a source field binds at most one canonical field:
//   1. `explicit_fields` (canonical -> source field, from a project file; FieldBinding.how
//      "project file"). The source name matches exactly or after normalize_name. An empty
//      source name leaves the canonical field unbound on purpose. A source field that does not
//      exist is an Error "field.binding_not_found" (automatic matching then runs for it); a
//      canonical name the role lacks is an Error "field.unknown_canonical".
//   2. exact aliases after normalize_name, earlier aliases first ("alias");
//   3. a source name containing a Chinese alias of at least two characters ("fuzzy", with an
//      Info "field.fuzzy" naming it): "建成年份(年)" -> built_year. A two-character alias
//      matches only with unit text around it ("户数(户)"), so "小区类型" is not a name. Longer
//      aliases bind first. Also "fuzzy": a name of 3+ Chinese characters and 9-10 bytes (GBK or
//      UTF-8) that starts an alias of exactly one canonical field, as a shapefile cuts names to
//      10 bytes ("同意面积比" -> consent_area_pct).
// Parsing follows the canonical kind whatever the source column's type. Text columns are read
// as text, numeric columns as numbers. Year fields: a numeric 0 is read as missing (DBF has no
// null; counted in unit_note). Share fields: per column, if any value without an explicit scale
// exceeds 1 the plain values are percent and divided by 100 (unit_note says so). Real fields with
// a unit ("m2", "mm") take a scale from the source name ("建筑面积(万平方米)" x 10,000, "亩",
// "公顷"; "管径(cm)", "管径(m)"), noted in unit_note.
// Non-empty values that cannot be read become null and count as unparsed: a Warning
// "field.unparsed" with the feature id for each of the first five, then (beyond five) one
// Warning "field.unparsed_total" with the count. A required field left unbound is an Error
// "field.missing_required" whose message lists the unbound source fields, likely ones first
// and marked '?' (by name resemblance and by how many values parse as the kind), and whose hint
// shows the project-file binding; its name goes into layer.missing_required.
void bind_fields(Layer& layer, const std::map<std::string, std::string>& explicit_fields,
                 Diagnostics& diagnostics);

} // namespace renoplan::ingest
