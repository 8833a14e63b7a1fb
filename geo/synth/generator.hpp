// Turns the town plan into features, streaming them into a sink: streets with their pipelines,
// the river with its banks' roads, and block after block of communities, buildings, service
// branches, parcels, ponds and facilities.
#pragma once

#include <cstdint>
#include <string>

#include "geo/synth/names.hpp"
#include "geo/synth/plan.hpp"
#include "geo/synth/records.hpp"

namespace renoplan::synth::detail {

// What a pipeline of one kind along one street segment is like (the branches into communities
// start from it, so both must agree).
struct PipeSpec {
    bool present = false;
    int install_year = 0;
    int diameter_mm = 0;
    Material material = Material::CastIron;
    Laying laying = Laying::Buried;
    double offset_m = 0; // from the centre line, positive to the left of the segment direction
};
Material pipe_material(PipeKind kind, int install_year, Rng& rng);
PipeSpec trunk_pipe(const TownPlan& plan, const Segment& segment, bool vertical, int i, int j,
                    PipeKind kind);

class TownGenerator {
public:
    TownGenerator(const TownPlan& plan, int communities, TownSink& sink);

    // East-west segments of line j and north-south segments starting on line j, with their
    // pipelines (bridges carry none).
    void streets(int j);
    // The Fujiang and the 滨江路 along both banks with their trunk sewers.
    void river();
    // Everything inside block (c, r). Blocks must be generated in row-major order (r, then c)
    // so that the community count comes out exactly (surplus lots are left vacant evenly).
    void block(int c, int r);

    int64_t communities() const { return m_communities; }

private:
    void residential(const BlockLayout& layout);
    void special(const BlockLayout& layout);
    void riverside(const BlockLayout& layout);
    void road_parcel(const BlockLayout& layout);
    bool take_slot();
    std::string block_stem(const BlockLayout& layout) const;
    // The name stem of one of the four streets around a block, drawn at random.
    std::string street_stem(const BlockLayout& layout, Rng& rng) const;
    std::string parcel_id(const BlockLayout& layout, int k) const;

    const TownPlan& m_plan;
    TownSink& m_sink;
    NameRegistry m_names;
    int64_t m_target = 0;
    int64_t m_slot = 0;
    int64_t m_communities = 0;
};

} // namespace renoplan::synth::detail
