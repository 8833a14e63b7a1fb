#include "geo/model/layer.hpp"

#include <algorithm>

namespace renoplan {

namespace {

int find_by_name(const std::vector<Column>& columns, std::string_view name) {
    for (size_t k = 0; k < columns.size(); ++k)
        if (columns[k].name() == name) return static_cast<int>(k);
    return -1;
}

} // namespace

int Layer::find_attribute(std::string_view field_name) const {
    return find_by_name(attributes, field_name);
}

int Layer::find_canonical(std::string_view field_name) const {
    return find_by_name(canonical, field_name);
}

const Column* Layer::canonical_column(std::string_view field_name) const {
    const int k = find_canonical(field_name);
    return k < 0 ? nullptr : &canonical[static_cast<size_t>(k)];
}

void Layer::filter_rows(const std::vector<uint8_t>& keep) {
    std::vector<int64_t> new_fids;
    GeometryColumn new_geometry(geometry.geom_class());
    for (size_t i = 0; i < fids.size(); ++i) {
        if (!keep[i]) continue;
        new_fids.push_back(fids[i]);
        new_geometry.append_feature(geometry, i);
    }
    auto filter = [&](std::vector<Column>& columns) {
        for (auto& col : columns) {
            Column out(col.name(), col.type());
            out.reserve(new_fids.size());
            for (size_t i = 0; i < keep.size(); ++i)
                if (keep[i]) out.push_from(col, i);
            col = std::move(out);
        }
    };
    filter(attributes);
    filter(canonical);
    fids = std::move(new_fids);
    geometry = std::move(new_geometry);
    index = StrTree{};
}

int64_t Layer::row_of_fid(int64_t fid) const {
    for (size_t i = 0; i < fids.size(); ++i)
        if (fids[i] == fid) return static_cast<int64_t>(i);
    return -1;
}

size_t Layer::memory_bytes() const {
    size_t bytes =
        fids.capacity() * sizeof(int64_t) + geometry.memory_bytes() + index.memory_bytes();
    for (const auto& c : attributes)
        bytes += c.memory_bytes();
    for (const auto& c : canonical) {
        // Canonical fields that equal their source field share its values: count them once.
        const bool shared = std::any_of(attributes.begin(), attributes.end(),
                                        [&](const Column& a) { return c.shares_values_with(a); });
        if (!shared) bytes += c.memory_bytes();
    }
    return bytes;
}

const Layer* Dataset::first_with_role(Role role) const {
    for (const auto& l : layers)
        if (l.role == role) return &l;
    return nullptr;
}

std::vector<const Layer*> Dataset::with_role(Role role) const {
    std::vector<const Layer*> out;
    for (const auto& l : layers)
        if (l.role == role) out.push_back(&l);
    return out;
}

} // namespace renoplan
