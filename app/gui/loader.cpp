#include "app/gui/loader.hpp"

#include <cmath>
#include <exception>
#include <filesystem>

namespace renoplan::gui {

Loader::~Loader() {
    if (m_progress) m_progress->cancel();
    if (m_worker.joinable()) m_worker.join();
}

bool Loader::start(const ingest::LoadOptions& options) {
    if (m_worker.joinable()) return false;
    m_progress = std::make_unique<Progress>();
    m_finished = false;
    m_worker = std::thread([this, options, progress = m_progress.get()] {
        Result result;
        result.sources = options.sources;
        try {
            result.dataset = ingest::load_dataset(options, *progress);
        } catch (const std::exception& e) {
            result.error = e.what();
        }
        const std::lock_guard lock(m_mutex);
        m_result = std::move(result);
        m_finished = true;
    });
    return true;
}

std::string Loader::progress_text() const {
    if (!m_progress) return {};
    const Progress::Snapshot snap = m_progress->snapshot();
    std::string text = snap.stage;
    if (snap.total > 0)
        text += " " + std::to_string(int(std::lround(100.0 * snap.fraction()))) + "%";
    return text;
}

std::optional<Loader::Result> Loader::take() {
    {
        const std::lock_guard lock(m_mutex);
        if (!m_finished) return std::nullopt;
        m_finished = false;
    }
    m_worker.join();
    return std::move(m_result);
}

std::string find_demo_town() {
    namespace fs = std::filesystem;
    std::error_code ec;
    std::vector<fs::path> candidates{fs::current_path(ec) / "data-samples" / "suining-demo.gpkg"};
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec && !exe.empty())
        candidates.push_back(exe.parent_path() / ".." / ".." / "data-samples" /
                             "suining-demo.gpkg");
    for (const fs::path& p : candidates) {
        std::error_code exists_ec;
        if (fs::is_regular_file(p, exists_ec)) return fs::weakly_canonical(p, exists_ec).string();
    }
    return {};
}

} // namespace renoplan::gui
