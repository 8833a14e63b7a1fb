#include "geo/ingest/project_file.hpp"

#include <algorithm>
#include <fstream>

#include <nlohmann/json.hpp>

#include "geo/core/error.hpp"

namespace renoplan::ingest {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string get_string(const json& j, const char* key, const ErrorContext& where) {
    if (!j.contains(key)) return {};
    if (!j[key].is_string())
        throw ConfigError(where, std::string("\"") + key + "\" must be a string");
    return j[key].get<std::string>();
}

} // namespace

ProjectFile read_project_file(const fs::path& path) {
    const ErrorContext where{path.string(), {}, {}};
    std::ifstream in(path);
    if (!in) throw ConfigError(where, "project file cannot be read", "check the path");
    json j;
    try {
        j = json::parse(in, nullptr, true, /*ignore_comments=*/true);
    } catch (const json::parse_error& e) {
        throw ConfigError(where, std::string("project file is not valid JSON: ") + e.what(),
                          "fix the syntax (JSON with // comments allowed)");
    }
    if (!j.is_object()) throw ConfigError(where, "project file must hold a JSON object");

    ProjectFile pf;
    pf.path = path;
    pf.working_crs = get_string(j, "working_crs", where);
    pf.assume_crs = get_string(j, "assume_crs", where);
    pf.encoding = get_string(j, "encoding", where);
    static const std::vector<std::string> known_top = {"working_crs", "assume_crs", "encoding",
                                                       "layers"};
    for (const auto& [key, value] : j.items()) {
        (void)value;
        if (std::find(known_top.begin(), known_top.end(), key) == known_top.end())
            throw ConfigError(where, "unknown entry \"" + key + "\"",
                              "known entries: working_crs, assume_crs, encoding, layers");
    }
    if (j.contains("layers")) {
        if (!j["layers"].is_array()) throw ConfigError(where, "\"layers\" must be a list");
        size_t n = 0;
        for (const auto& item : j["layers"]) {
            ++n;
            const ErrorContext at{path.string(), "layers[" + std::to_string(n - 1) + "]", {}};
            if (!item.is_object()) throw ConfigError(at, "each layer rule must be an object");
            LayerRule rule;
            rule.source = get_string(item, "source", at);
            rule.layer = get_string(item, "layer", at);
            if (const std::string role = get_string(item, "role", at); !role.empty()) {
                rule.role = parse_role(role);
                if (!rule.role)
                    throw ConfigError(at, "unknown role \"" + role + "\"",
                                      "use communities, buildings, pipelines, roads, water, "
                                      "zoning, facilities or protected");
            }
            rule.crs = get_string(item, "crs", at);
            rule.encoding = get_string(item, "encoding", at);
            if (item.contains("skip")) {
                if (!item["skip"].is_boolean())
                    throw ConfigError(at, "\"skip\" must be true/false");
                rule.skip = item["skip"].get<bool>();
            }
            if (item.contains("fields")) {
                if (!item["fields"].is_object())
                    throw ConfigError(at, "\"fields\" must map canonical names to source fields");
                for (const auto& [canonical, source] : item["fields"].items()) {
                    if (!source.is_string())
                        throw ConfigError(at,
                                          "field \"" + canonical + "\" must name a source field");
                    rule.fields[canonical] = source.get<std::string>();
                }
            }
            for (const auto& [key, value] : item.items()) {
                (void)value;
                static const std::vector<std::string> known = {"source",   "layer",  "role", "crs",
                                                               "encoding", "fields", "skip"};
                if (std::find(known.begin(), known.end(), key) == known.end())
                    throw ConfigError(at, "unknown entry \"" + key + "\"",
                                      "known entries: source, layer, role, crs, encoding, "
                                      "fields, skip");
            }
            pf.layers.push_back(std::move(rule));
        }
    }
    return pf;
}

std::vector<const LayerRule*> ProjectFile::rules_for(const std::string& source_path,
                                                     const std::string& layer_name) const {
    std::vector<const LayerRule*> out;
    std::error_code ec;
    const fs::path src(source_path);
    for (const auto& rule : layers) {
        if (!rule.layer.empty() && rule.layer != layer_name) continue;
        if (!rule.source.empty()) {
            const fs::path wanted = path.parent_path() / rule.source;
            const bool same_file = fs::equivalent(wanted, src, ec) && !ec;
            if (!same_file && src.filename() != fs::path(rule.source).filename() &&
                source_path != rule.source)
                continue;
        }
        out.push_back(&rule);
    }
    return out;
}

} // namespace renoplan::ingest
