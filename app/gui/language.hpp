// The viewer's interface languages. Header only; pulls in no GUI library.
#pragma once

namespace renoplan::gui {

enum class Language { Chinese, English };

} // namespace renoplan::gui
