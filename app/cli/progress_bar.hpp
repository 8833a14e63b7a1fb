// A terminal progress bar that polls a renoplan::Progress from its own thread. Drawn on stderr
// only when stderr is a terminal and output is not quiet; otherwise it does nothing.
#pragma once

#include <atomic>
#include <thread>

#include "geo/core/progress.hpp"

namespace renoplan::cli {

class ProgressBar {
public:
    ProgressBar(const Progress& progress, bool enabled);
    ~ProgressBar();
    ProgressBar(const ProgressBar&) = delete;
    ProgressBar& operator=(const ProgressBar&) = delete;

    // Stops drawing and clears the line.
    void finish();

    // Whether a bar would be drawn for this verbosity (stderr is a terminal and not quiet).
    static bool wanted(int verbosity);

private:
    void draw(bool final_draw);
    const Progress& m_progress;
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
    bool m_enabled;
};

} // namespace renoplan::cli
