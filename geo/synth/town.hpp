// A synthetic but realistic Suining-like town for demos, tests and benchmarks.
//
// Deterministic for a seed and a size: the same parameters give the same features in the same
// order (and, with the fixed GeoPackage timestamp, the same file). The town lies in EPSG:4544
// (CGCS2000 3-degree GK, CM 105E) around the real centre of Suining (105.59E, 30.53N):
//   - roads: a perturbed grid of 主干路/次干路/支路 lines, lanes (小区道路) between and inside
//     communities, 滨江路 along both banks, a few bridges;
//   - water: the Fujiang (涪江) meandering north-south, 300-500 m wide, plus ponds in parks;
//   - communities: 2-6 per block (0.5-3 ha), many touching, others a lane or a few tens of
//     metres apart; irregular quadrilaterals and pentagons; mixed age (about 70 % before 2000),
//     a few self-built or slated for expropriation, consent shares around the 2/3 threshold;
//   - buildings: slab rows (板楼) with sunlight spacing inside each community's setback;
//   - pipelines: all seven kinds along roads at their own offsets, branching into communities;
//   - zoning: GB 50137 parcels tiling the town but the water (S1 for the road land);
//   - facilities: services placed unevenly, so some communities lack them within 300/500 m;
//   - spare ground: courtyards, skipped slabs, vacant cells and block corners.
//
// Everything is streamed block by block into the output, so memory stays small for 100,000
// communities (about 23 s and 70 MB on two cores). Index of this folder:
//   town.hpp/.cpp       this API; orchestration (plan, stream streets and blocks, commit files)
//   random.hpp          splitmix64 / xoshiro256** streams keyed by (seed, tag, indices)
//   shapes.hpp/.cpp     convex-polygon helpers (insets, chords, chamfers, line offsets)
//   plan.hpp/.cpp       the town plan: grid, road classes, river, block layouts, sizing
//   names.hpp/.cpp      names of streets, communities and facilities
//   records.hpp         the feature records the generator emits and the sink interface
//   generator.hpp       the generator over a plan
//   streets.cpp         street segments with trunk pipelines; the river and its bank roads
//   blocks.cpp          one block -> communities, buildings, branches, parcels, facilities
//   writer.hpp/.cpp     GeoPackage / GBK Shapefile / WGS84 GeoJSON, English and Chinese schemas
#pragma once

#include <cstdint>
#include <string>

namespace renoplan {
class Progress;
}

namespace renoplan::synth {

struct TownParams {
    int communities = 300;       // number of community polygons, exactly
    uint64_t seed = 20201;       // random seed
    bool chinese_fields = false; // Chinese layer and field names and values, as real files
    double center_lon = 105.59;  // town centre, CGCS2000 longitude/latitude
    double center_lat = 30.53;
};

// Where to write. The GeoPackage is required; the other two are extra copies of some layers.
struct TownOutputs {
    std::string gpkg_path;
    // Directory for communities and buildings as Shapefiles (xiaoqu.*, loudong.*) with Chinese
    // field names, DBF text in GBK/CP936, no .cpg and language driver id 0. Empty: none.
    std::string shapefile_gbk_dir;
    // Facilities as GeoJSON in WGS84 longitude/latitude (EPSG:4326). Empty: none.
    std::string geojson_wgs84_path;
};

struct TownSummary {
    int64_t communities = 0;
    int64_t buildings = 0;
    int64_t households = 0;
    int64_t pipelines = 0;
    int64_t roads = 0;
    int64_t water = 0;
    int64_t zoning_parcels = 0;
    int64_t facilities = 0;
    int blocks_x = 0; // road grid size in blocks
    int blocks_y = 0;
    // Extent of all layers in EPSG:4544 metres.
    double min_x = 0, min_y = 0, max_x = 0, max_y = 0;
};

// Layer names of the GeoPackage: communities, buildings, pipelines, roads, water, zoning,
// facilities; in the Chinese variant 小区, 楼栋, 管线, 道路, 水系, 控规地块, 设施.
struct TownLayerNames {
    const char* communities;
    const char* buildings;
    const char* pipelines;
    const char* roads;
    const char* water;
    const char* zoning;
    const char* facilities;
};
const TownLayerNames& town_layer_names(bool chinese_fields);

// Generates the town and writes it. Every file is written beside its target under a temporary
// name and renamed into place at the end, replacing an existing file (the CLI decides whether
// that is allowed). Throws renoplan::ConfigError for bad parameters, renoplan::Error when a file
// cannot be written, renoplan::Cancelled when `progress` is cancelled (temporary files removed).
TownSummary generate_town(const TownParams& params, const TownOutputs& outputs, Progress& progress);

} // namespace renoplan::synth
