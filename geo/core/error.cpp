#include "geo/core/error.hpp"

namespace renoplan {

namespace {

std::string compose(const ErrorContext& context, const std::string& message,
                    const std::string& hint) {
    std::string text = format_context(context);
    if (!text.empty()) text += ": ";
    text += message;
    if (!hint.empty()) text += " (" + hint + ")";
    return text;
}

} // namespace

Error::Error(ErrorContext context, std::string message, std::string hint)
    : std::runtime_error(compose(context, message, hint)), m_context(std::move(context)),
      m_message(std::move(message)), m_hint(std::move(hint)) {}

std::string format_context(const ErrorContext& context) {
    std::string text = context.source;
    if (!context.layer.empty()) {
        if (!text.empty()) text += ": ";
        text += "layer '" + context.layer + "'";
    }
    if (context.feature_id) {
        if (!text.empty()) text += ": ";
        text += "feature " + std::to_string(*context.feature_id);
    }
    return text;
}

} // namespace renoplan
