#include "geo/synth/town.hpp"

#include <stdexcept>

#include "geo/core/error.hpp"
#include "geo/core/gdal.hpp"
#include "geo/core/progress.hpp"
#include "geo/synth/generator.hpp"
#include "geo/synth/plan.hpp"
#include "geo/synth/writer.hpp"

namespace renoplan::synth {

namespace {

// The town centre in EPSG:4544 from CGCS2000 longitude/latitude (EPSG:4490, lon/lat order).
detail::Vec2 projected_centre(double lon, double lat) {
    OsrPtr geographic(new OGRSpatialReference), projected(new OGRSpatialReference);
    if (geographic->importFromEPSG(4490) != OGRERR_NONE ||
        projected->importFromEPSG(4544) != OGRERR_NONE)
        throw CrsError(ErrorContext{}, "PROJ does not know EPSG:4490 or EPSG:4544",
                       "check the PROJ database (proj.db)");
    geographic->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    projected->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    OctPtr ct(OGRCreateCoordinateTransformation(geographic.get(), projected.get()));
    double x = lon, y = lat;
    if (!ct || !ct->Transform(1, &x, &y))
        throw CrsError(ErrorContext{}, "cannot transform the town centre to EPSG:4544");
    return {x, y};
}

} // namespace

TownSummary generate_town(const TownParams& params, const TownOutputs& outputs,
                          Progress& progress) {
    // A million communities make a town about 150 km across, still inside the 3-degree zone.
    if (params.communities < 1 || params.communities > 1'000'000)
        throw ConfigError(ErrorContext{}, "the number of communities must be 1 to 1,000,000, not " +
                                              std::to_string(params.communities));
    if (outputs.gpkg_path.empty()) throw ConfigError(ErrorContext{}, "no output file given");
    // The 3-degree zone on 105E (EPSG:4544) spans 103.5E-106.5E; stay well inside it.
    if (params.center_lon < 103.6 || params.center_lon > 106.4 || params.center_lat < 20.0 ||
        params.center_lat > 45.0)
        throw ConfigError(ErrorContext{}, "the town centre must lie in the 3-degree zone on 105E");
    gdal_init();

    progress.set_stage("planning the town");
    const detail::Vec2 centre = projected_centre(params.center_lon, params.center_lat);
    const detail::TownPlan plan = detail::TownPlan::fit(params.seed, centre, params.communities);
    progress.throw_if_cancelled();

    detail::TownWriter writer(outputs, params.chinese_fields);
    detail::TownGenerator generator(plan, params.communities, writer);

    progress.set_stage("generating the town",
                       static_cast<uint64_t>(plan.rows()) + static_cast<uint64_t>(plan.rows()) + 2);
    for (int j = 0; j <= plan.rows(); ++j) {
        generator.streets(j);
        progress.advance();
    }
    generator.river();
    progress.advance();
    for (int r = 0; r < plan.rows(); ++r) {
        progress.throw_if_cancelled();
        for (int c = 0; c < plan.cols(); ++c)
            generator.block(c, r);
        progress.advance();
    }
    if (generator.communities() != params.communities)
        throw std::logic_error("synthetic town: generated " +
                               std::to_string(generator.communities()) +
                               " communities instead of " + std::to_string(params.communities));
    writer.commit(progress);

    TownSummary summary = writer.summary();
    summary.blocks_x = plan.cols();
    summary.blocks_y = plan.rows();
    return summary;
}

} // namespace renoplan::synth
