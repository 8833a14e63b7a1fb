#include <catch2/catch.hpp>

#include <string>

#include "geo/analysis/landuse.hpp"

using namespace renoplan::analysis;

TEST_CASE("Land-use codes of both systems are read into families", "[landuse]") {
    struct Case {
        const char* code;
        const char* normalised;
        LanduseFamily family;
        const char* standard;
    };
    using F = LanduseFamily;
    const char* gb = "GB 50137-2011";
    const char* ls = "国土空间用地用海分类";
    for (const Case& c : {
             Case{"R", "R", F::Residential, gb},
             Case{"R2", "R2", F::Residential, gb},
             Case{" r21 ", "R21", F::Residential, gb},
             Case{"R3", "R3", F::Residential, gb},
             Case{"Ｒ２２", "R22", F::ResidentialService, gb}, // full-width
             Case{"R12", "R12", F::ResidentialService, gb},
             Case{"R2/B1", "R2", F::Residential, gb}, // mixed: first part
             Case{"07", "07", F::Residential, ls},
             Case{"0701", "0701", F::Residential, ls},
             Case{"701", "0701", F::Residential, ls}, // lost its leading zero
             Case{"070102", "070102", F::Residential, ls},
             Case{"0702", "0702", F::ResidentialService, ls},
             Case{"S42", "S42", F::PublicParking, gb},
             Case{"120803", "120803", F::PublicParking, ls},
             Case{"S4", "S4", F::TransportStation, gb},
             Case{"1208", "1208", F::TransportStation, ls},
             Case{"S1", "S1", F::Road, gb},
             Case{"1207", "1207", F::Road, ls},
             Case{"G1", "G1", F::ParkGreen, gb},
             Case{"1401", "1401", F::ParkGreen, ls},
             Case{"G2", "G2", F::ProtectiveGreen, gb},
             Case{"1402", "1402", F::ProtectiveGreen, ls},
             Case{"G3", "G3", F::Plaza, gb},
             Case{"1403", "1403", F::Plaza, ls},
             Case{"A33", "A33", F::PublicService, gb},
             Case{"080404", "080404", F::PublicService, ls},
             Case{"B1", "B1", F::Commercial, gb},
             Case{"0901", "0901", F::Commercial, ls},
             Case{"U1", "U1", F::Utility, gb},
             Case{"M1", "M1", F::Other, gb},
             Case{"16", "16", F::Other, ls},
         }) {
        INFO(c.code);
        const LanduseClass l = classify_landuse(c.code);
        CHECK(l.code == c.normalised);
        CHECK(l.family == c.family);
        CHECK(l.standard == c.standard);
        CHECK_FALSE(l.name_zh.empty());
        CHECK_FALSE(l.name_en.empty());
    }
    CHECK(classify_landuse("").family == LanduseFamily::Unknown);
    CHECK(classify_landuse("  ").family == LanduseFamily::Unknown);
    CHECK(classify_landuse("居住").family == LanduseFamily::Unknown);
}

TEST_CASE("Permissibility of parking, service and green per DOMAIN §6", "[landuse]") {
    struct Case {
        const char* code;
        const char* use;
        const char* status;
    };
    for (const Case& c : {
             // residential land: parking and pocket green are ancillary uses
             Case{"R2", "parking", "ancillary"},
             Case{"R21", "parking", "ancillary"},
             Case{"0701", "parking", "ancillary"},
             Case{"070102", "green", "ancillary"},
             Case{"R", "green", "ancillary"},
             Case{"R21", "service", "ancillary"},
             // service land: the planned place of 5-minute facilities
             Case{"R22", "service", "allowed"},
             Case{"0702", "service", "allowed"},
             Case{"R22", "parking", "ancillary"},
             // public car parks
             Case{"S42", "parking", "allowed"},
             Case{"120803", "parking", "allowed"},
             Case{"S42", "service", "plan_change"},
             // parks and protective green: parking is a change of the plan, green is the plan
             Case{"G1", "parking", "plan_change"},
             Case{"1401", "parking", "plan_change"},
             Case{"G2", "parking", "plan_change"},
             Case{"1402", "parking", "plan_change"},
             Case{"G1", "green", "allowed"},
             Case{"1402", "green", "allowed"},
             Case{"G1", "service", "plan_change"},
             // others: no rule
             Case{"B1", "parking", "unknown"},
             Case{"A33", "service", "unknown"},
             Case{"S1", "parking", "unknown"},
             Case{"", "parking", "unknown"},
             Case{"R2", "swimming pool", "unknown"},
         }) {
        INFO(c.code << " / " << c.use);
        const Permissibility p = use_permissibility(c.code, c.use);
        CHECK(p.status == c.status);
        CHECK_FALSE(p.note_zh.empty());
        CHECK_FALSE(p.note_en.empty());
    }
    // The notes say why: the parking-on-park note names the plan change.
    CHECK(use_permissibility("G1", "parking").note_zh.find("控规") != std::string::npos);
    CHECK(use_permissibility("0702", "service").note_en.find("kindergarten") != std::string::npos);
}
