// geo/render/plan_result: the layers the viewer's Plan panel adds are the plan's own (same
// feature counts as the plan, eligibility on the communities, kinds the styles know). No OpenGL.
#include <catch2/catch.hpp>

#include <string>

#include "geo/analysis/plan.hpp"
#include "geo/ingest/ingest.hpp"
#include "geo/render/plan_result.hpp"
#include "geo/render/style.hpp"
#include "support/test_support.hpp"

using namespace renoplan;
namespace rt = renoplan::test;

TEST_CASE("Plan result layers: the demo town's plan as map layers", "[render][plan]") {
    ingest::LoadOptions options;
    options.sources = {rt::sample("suining-demo.gpkg").string()};
    Progress progress;
    const Dataset input = ingest::load_dataset(options, progress);
    REQUIRE(!input.layers.empty());
    const analysis::PlanParams params;
    const analysis::Plan plan = analysis::run_plan(input, params, progress);
    REQUIRE(plan.communities != nullptr);

    const Dataset result = render::plan_result_layers(input, plan, params);
    REQUIRE(result.layers.size() == 3);
    CHECK(result.working_crs == input.working_crs);
    const Layer& communities = result.layers[0];
    const Layer& districts = result.layers[1];
    const Layer& spare = result.layers[2];
    CHECK(communities.name == "communities");
    CHECK(districts.name == "districts");
    CHECK(spare.name == "spare_land");
    CHECK(communities.size() == plan.communities->size());
    CHECK(districts.size() == plan.districts.districts.size());
    CHECK(spare.size() == plan.spare_land.pieces.size());
    CHECK(render::layer_kind(communities) == render::LayerKind::Communities);
    CHECK(render::layer_kind(districts) == render::LayerKind::Districts);
    CHECK(render::layer_kind(spare) == render::LayerKind::SpareLand);
    REQUIRE(communities.find_attribute("eligible") >= 0);
    CHECK(spare.find_attribute("use") >= 0);
    CHECK(districts.find_attribute("name") >= 0);
    // Labels find the communities' names through the canonical fields.
    CHECK(communities.canonical_column("name") != nullptr);
    for (const Layer& layer : result.layers) {
        REQUIRE(layer.fids.size() == layer.size());
        if (!layer.fids.empty()) {
            CHECK(layer.fids.front() == 1);
            CHECK(layer.fids.back() == int64_t(layer.size()));
        }
        for (const Column& c : layer.attributes)
            CHECK(c.size() == layer.size());
    }
    // Pick needs the index: a query over the whole extent finds every feature.
    CHECK(communities.query(communities.extent()).size() == communities.size());

    const analysis::SummaryRow* total = render::plan_total(plan);
    REQUIRE(total != nullptr);
    CHECK(total->communities == int64_t(plan.communities->size()));
}
