// Loading files from inside the viewer (drag and drop, the Layers panel's Open field): one
// ingest::load_dataset call on a worker thread with the `renoplan open` load options, the paths
// replaced; the viewer polls it every frame (progress line, Cancel) and adds the layers when it is
// done.
// Pulls in no GUI library.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "geo/core/progress.hpp"
#include "geo/ingest/ingest.hpp"
#include "geo/model/layer.hpp"

namespace renoplan::gui {

class Loader {
public:
    ~Loader(); // cancels a load and waits for it
    Loader() = default;
    Loader(const Loader&) = delete;
    Loader& operator=(const Loader&) = delete;

    // Starts loading `options` (ignored while a load runs: returns false).
    bool start(const ingest::LoadOptions& options);
    bool running() const { return m_worker.joinable(); }
    // "stage 42%" while running.
    std::string progress_text() const;
    // Asks the running load to stop; it ends soon after with the error "cancelled" (nothing of
    // it is added).
    void cancel() {
        if (m_progress) m_progress->cancel();
    }
    // The finished load since the last call (layers and diagnostics; an error becomes a
    // diagnostic-free dataset with `error` set), or nullopt.
    struct Result {
        Dataset dataset;
        std::string error;
        std::vector<std::string> sources;
    };
    std::optional<Result> take();

private:
    std::unique_ptr<Progress> m_progress;
    std::thread m_worker;
    std::mutex m_mutex;
    bool m_finished = false;
    Result m_result;
};

// The demo town (data-samples/suining-demo.gpkg) looked for under the current directory and
// under the executable's ../../data-samples (a build tree inside the source tree); "" = none.
std::string find_demo_town();

} // namespace renoplan::gui
