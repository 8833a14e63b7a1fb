// Warnings and notes that travel with results instead of being printed from deep inside.
//
// A loader or an analysis appends Diagnostics; the CLI prints them, `--json` serialises them and
// the GUI lists them with a link to the feature they name.
#pragma once

#include <cstddef>
#include <mutex>
#include <string>
#include <vector>

#include "geo/core/error.hpp"

namespace renoplan {

enum class Severity { Info, Warning, Error };

const char* to_string(Severity severity);

struct Diagnostic {
    Severity severity = Severity::Warning;
    std::string code; // stable machine-readable code, e.g. "geometry.repaired"
    ErrorContext context;
    std::string message;
    std::string hint;

    // One line for a terminal: "warning: file: layer 'x': feature 3: message (hint)".
    std::string format() const;
};

// An ordered list of diagnostics. Appending is thread-safe; reading is not and happens after the
// producing work has finished.
class Diagnostics {
public:
    Diagnostics() = default;
    Diagnostics(const Diagnostics& other) : m_items(other.m_items) {}
    Diagnostics& operator=(const Diagnostics& other) {
        if (this != &other) m_items = other.m_items;
        return *this;
    }

    void add(Diagnostic diagnostic);
    void add(Severity severity, std::string code, ErrorContext context, std::string message,
             std::string hint = {});
    void append(const Diagnostics& other);

    const std::vector<Diagnostic>& items() const { return m_items; }
    size_t size() const { return m_items.size(); }
    bool empty() const { return m_items.empty(); }
    size_t count(Severity severity) const;
    size_t count(const std::string& code) const;

private:
    mutable std::mutex m_mutex;
    std::vector<Diagnostic> m_items;
};

} // namespace renoplan
