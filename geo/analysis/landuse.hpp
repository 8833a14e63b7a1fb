// Land-use codes of a detailed regulatory plan (控规) and whether a suggested use fits them.
//
// Two code systems meet in Suining's plans (DOMAIN.md §6):
//   GB 50137-2011《城市用地分类与规划建设用地标准》: letters and digits (R2, R21, R22, S42, G1
//   ...); 用地用海分类 (自然资办发〔2020〕51号 trial, 自然资发〔2023〕234号 final): digits (07,
//   0701, 070102, 0702, 120803, 1401 ...).
// classify_landuse() reads either; use_permissibility() says whether parking, a service site or
// green may go on a parcel of that code: allowed as the parcel's own use, allowed as an ancillary
// (附属) use, only after a plan change (控规修改), or unknown. These are rules of thumb to be
// confirmed against the local 控规 管理规定; the notes say why in Chinese and English.
#pragma once

#include <string>
#include <string_view>

namespace renoplan::analysis {

enum class LanduseFamily {
    Unknown,            // empty or unreadable
    Residential,        // R, R1-R3, R11/R21/R31; 07, 0701, 070101-070103, 0703
    ResidentialService, // R12/R22/R32; 0702, 0704
    PublicService,      // A (and A33/A5/A6 ...); 08 (0804 education, 0806 health ...)
    Commercial,         // B; 09
    Road,               // S1; 1207
    TransportStation,   // S4, S41; 1208, 120801/120802 (not the public car park)
    PublicParking,      // S42; 120803
    OtherTransport,     // S (other); 12 (other)
    Utility,            // U; 13
    ParkGreen,          // G1; 1401
    ProtectiveGreen,    // G2; 1402
    Plaza,              // G3; 1403
    Other,              // read, but none of the above (industry, storage, water, 留白 ...)
};

const char* to_string(LanduseFamily family);

struct LanduseClass {
    std::string code;     // normalised: trimmed, full-width folded, upper-case ("R22", "0702")
    std::string standard; // "GB 50137-2011", "国土空间用地用海分类", or "" when unread
    LanduseFamily family = LanduseFamily::Unknown;
    std::string name_zh; // 二类居住用地
    std::string name_en; // Class-2 residential land
};

// Reads a code of either system. Mixed codes ("R2/B1", "R2+B1") are read by their first part.
LanduseClass classify_landuse(std::string_view code);

// The permissibility of a suggested use on a parcel.
struct Permissibility {
    std::string status; // "allowed" | "ancillary" | "plan_change" | "unknown"
    std::string note_zh;
    std::string note_en;
};

// `use` is "parking", "service" or "green" (anything else: unknown). An empty code (no zoning
// layer, or no parcel under the piece) is "unknown".
Permissibility use_permissibility(const LanduseClass& landuse, std::string_view use);
inline Permissibility use_permissibility(std::string_view code, std::string_view use) {
    return use_permissibility(classify_landuse(code), use);
}

} // namespace renoplan::analysis
