#include "geo/render/feature_link.hpp"

#include <string_view>
#include <unordered_map>

namespace renoplan::render {

namespace {

// "小区" names "小区" and the viewer's renamed copies "小区 (2)", "小区 (3)" ...
bool names_layer(std::string_view context_layer, std::string_view layer_name) {
    if (layer_name == context_layer) return true;
    if (layer_name.size() < context_layer.size() + 4) return false;
    if (layer_name.substr(0, context_layer.size()) != context_layer) return false;
    std::string_view rest = layer_name.substr(context_layer.size());
    if (rest.substr(0, 2) != " (" || rest.back() != ')') return false;
    rest = rest.substr(2, rest.size() - 3);
    for (char c : rest)
        if (c < '0' || c > '9') return false;
    return true;
}

// Row by feature id for each layer, built on first use.
class FidIndex {
public:
    explicit FidIndex(std::span<const Layer* const> layers) : m_layers(layers) {}

    std::optional<FeatureLink> find(const ErrorContext& context) {
        if (!context.feature_id) return std::nullopt;
        // The exact name first, then the renamed copies, in layer order.
        for (int pass = 0; pass < 2; ++pass)
            for (size_t k = 0; k < m_layers.size(); ++k) {
                const Layer* layer = m_layers[k];
                if (!layer || layer->source.path != context.source) continue;
                const bool exact = layer->name == context.layer;
                if (pass == 0 ? !exact : (exact || !names_layer(context.layer, layer->name)))
                    continue;
                const auto& rows = rows_of(k);
                const auto it = rows.find(*context.feature_id);
                if (it != rows.end())
                    return FeatureLink{k, it->second, layer->geometry.box(it->second)};
            }
        return std::nullopt;
    }

private:
    const std::unordered_map<int64_t, uint32_t>& rows_of(size_t k) {
        auto [it, added] = m_rows.try_emplace(k);
        if (added) {
            const Layer& layer = *m_layers[k];
            it->second.reserve(layer.size());
            for (size_t row = 0; row < layer.size(); ++row)
                it->second.emplace(layer.fids[row], uint32_t(row)); // the first row of an id
        }
        return it->second;
    }

    std::span<const Layer* const> m_layers;
    std::unordered_map<size_t, std::unordered_map<int64_t, uint32_t>> m_rows;
};

} // namespace

std::optional<FeatureLink> find_feature(std::span<const Layer* const> layers,
                                        const ErrorContext& context) {
    FidIndex index(layers);
    return index.find(context);
}

std::vector<std::optional<FeatureLink>> find_features(std::span<const Layer* const> layers,
                                                      std::span<const Diagnostic> diagnostics) {
    FidIndex index(layers);
    std::vector<std::optional<FeatureLink>> out;
    out.reserve(diagnostics.size());
    for (const Diagnostic& d : diagnostics)
        out.push_back(index.find(d.context));
    return out;
}

std::vector<const Diagnostic*> layer_diagnostics(const Diagnostics& diagnostics,
                                                 const Layer& layer) {
    std::vector<const Diagnostic*> out;
    for (const Diagnostic& d : diagnostics.items())
        if (d.severity != Severity::Info && d.context.source == layer.source.path &&
            d.context.layer == layer.source.layer_name)
            out.push_back(&d);
    return out;
}

} // namespace renoplan::render
