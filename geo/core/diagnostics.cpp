#include "geo/core/diagnostics.hpp"

#include <algorithm>

namespace renoplan {

const char* to_string(Severity severity) {
    switch (severity) {
    case Severity::Info:
        return "info";
    case Severity::Warning:
        return "warning";
    case Severity::Error:
        return "error";
    }
    return "unknown";
}

std::string Diagnostic::format() const {
    std::string text = to_string(severity);
    text += ": ";
    const std::string where = format_context(context);
    if (!where.empty()) text += where + ": ";
    text += message;
    if (!hint.empty()) text += " (" + hint + ")";
    return text;
}

void Diagnostics::add(Diagnostic diagnostic) {
    std::lock_guard lock(m_mutex);
    m_items.push_back(std::move(diagnostic));
}

void Diagnostics::add(Severity severity, std::string code, ErrorContext context,
                      std::string message, std::string hint) {
    add(Diagnostic{severity, std::move(code), std::move(context), std::move(message),
                   std::move(hint)});
}

void Diagnostics::append(const Diagnostics& other) {
    if (&other == this) return;
    std::lock_guard lock(m_mutex);
    m_items.insert(m_items.end(), other.m_items.begin(), other.m_items.end());
}

size_t Diagnostics::count(Severity severity) const {
    return static_cast<size_t>(std::count_if(
        m_items.begin(), m_items.end(), [&](const auto& d) { return d.severity == severity; }));
}

size_t Diagnostics::count(const std::string& code) const {
    return static_cast<size_t>(std::count_if(m_items.begin(), m_items.end(),
                                             [&](const auto& d) { return d.code == code; }));
}

} // namespace renoplan
