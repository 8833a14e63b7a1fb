// Naming and opening vector sources: files, folders of files, and database connections.
#pragma once

#include <string>
#include <vector>

#include "geo/core/diagnostics.hpp"
#include "geo/core/gdal.hpp"

namespace renoplan::io {

// True for GDAL connection strings ("PG:...", "postgresql://...", "MSSQL:...", ...) that are not
// files.
bool is_connection_string(const std::string& source);

// Expands what the user named into openable sources: files stay as they are, a folder becomes
// the vector files inside it (Shapefiles, GeoPackages, GeoJSON, FlatGeobuf, CSV, DXF, KML, GML,
// FileGDB folders ...; one level deep, sorted), connection strings pass through. A name that
// does not exist gives an error diagnostic and is dropped.
std::vector<std::string> expand_sources(const std::vector<std::string>& inputs,
                                        Diagnostics& diagnostics);

// Opens a vector source read-only. Throws SourceError with a message that says what is wrong
// (not found, empty, not readable, not a vector format GDAL knows, corrupt) and what to do.
GdalDatasetPtr open_vector(const std::string& source, GdalOptions open_options = {});

} // namespace renoplan::io
