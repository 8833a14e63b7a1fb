// Typed exceptions of the renoplan core.
//
// Every error carries the context a user needs to find the problem: the file (or connection
// string), the layer, the feature id where known, and a hint saying what to do. `what()` is the
// full readable message; the parts stay available for the GUI (zoom to feature) and for JSON.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

namespace renoplan {

struct ErrorContext {
    std::string source;                // file path or connection string
    std::string layer;                 // layer name, empty when not layer-specific
    std::optional<int64_t> feature_id; // source FID, when one feature is at fault
};

class Error : public std::runtime_error {
public:
    Error(ErrorContext context, std::string message, std::string hint = {});

    const ErrorContext& context() const noexcept { return m_context; }
    const std::string& message() const noexcept { return m_message; }
    const std::string& hint() const noexcept { return m_hint; }

private:
    ErrorContext m_context;
    std::string m_message;
    std::string m_hint;
};

// A source could not be opened or read (missing, corrupt, not spatial, ...).
class SourceError : public Error {
public:
    using Error::Error;
};

// A coordinate reference system is missing, unknown or cannot be transformed.
class CrsError : public Error {
public:
    using Error::Error;
};

// A parameter, option or project file entry is invalid.
class ConfigError : public Error {
public:
    using Error::Error;
};

// The user cancelled a long operation.
class Cancelled : public std::runtime_error {
public:
    Cancelled() : std::runtime_error("cancelled") {}
};

// "file: layer 'x': feature 12: message (hint)" - the one place that formats a context.
std::string format_context(const ErrorContext& context);

} // namespace renoplan
