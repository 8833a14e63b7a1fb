#include "app/cli/progress_bar.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <string>

namespace renoplan::cli {

ProgressBar::ProgressBar(const Progress& progress, bool enabled)
    : m_progress(progress), m_enabled(enabled) {
    if (!m_enabled) return;
    m_thread = std::thread([this] {
        using namespace std::chrono_literals;
        while (!m_stop.load()) {
            draw(false);
            std::this_thread::sleep_for(100ms);
        }
    });
}

ProgressBar::~ProgressBar() {
    finish();
}

void ProgressBar::finish() {
    if (!m_enabled) return;
    m_stop.store(true);
    if (m_thread.joinable()) m_thread.join();
    std::fprintf(stderr, "\r\033[K");
    std::fflush(stderr);
    m_enabled = false;
}

bool ProgressBar::wanted(int verbosity) {
    return verbosity > 0 && ::isatty(2) == 1;
}

void ProgressBar::draw(bool) {
    const auto s = m_progress.snapshot();
    if (s.stage.empty()) return;
    constexpr int kWidth = 30;
    std::string bar;
    if (s.total > 0) {
        const double f = std::min(1.0, s.fraction());
        const int filled = static_cast<int>(f * kWidth);
        bar = "[" + std::string(static_cast<size_t>(filled), '#') +
              std::string(static_cast<size_t>(kWidth - filled), '.') + "]";
        std::fprintf(stderr, "\r\033[K%s %s %3d%% (%llu/%llu)", s.stage.c_str(), bar.c_str(),
                     static_cast<int>(f * 100.0), static_cast<unsigned long long>(s.done),
                     static_cast<unsigned long long>(s.total));
    } else {
        std::fprintf(stderr, "\r\033[K%s %llu", s.stage.c_str(),
                     static_cast<unsigned long long>(s.done));
    }
    std::fflush(stderr);
}

} // namespace renoplan::cli
