// Shared helpers for the test suite: paths to fixtures, scratch directories, running the CLI.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "geo/core/gdal.hpp"

namespace renoplan::test {

// The repository root.
std::filesystem::path source_dir();
// A file under tests/data/real-data (a copy of shared/real-data with its SOURCE.md files).
std::filesystem::path real_data(const std::string& relative);
// A file under data-samples/.
std::filesystem::path sample(const std::string& relative);

// A fresh empty directory removed when the object goes out of scope.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return m_path; }
    std::filesystem::path operator/(const std::string& name) const { return m_path / name; }

private:
    std::filesystem::path m_path;
};

struct CommandResult {
    int exit_code = -1;
    std::string out; // stdout
    std::string err; // stderr
};
// Opens a vector file read-only through GDAL (all drivers registered); nullptr if it cannot.
renoplan::GdalDatasetPtr open_read_only(const std::filesystem::path& path);

// Runs the built `renoplan` binary with the given arguments (no shell involved). The child's
// XDG_CONFIG_HOME is a fresh empty folder (the viewer's settings file of the person running the
// tests never leaks in) unless `env` sets it; `env` entries ("NAME=value") are added or replace.
CommandResult run_renoplan(const std::vector<std::string>& args,
                           const std::vector<std::string>& env = {});

} // namespace renoplan::test
