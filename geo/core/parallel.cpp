#include "geo/core/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include "geo/core/progress.hpp"

namespace renoplan {

int default_jobs() {
    const unsigned n = std::thread::hardware_concurrency();
    return n == 0 ? 1 : static_cast<int>(n);
}

void parallel_chunks(size_t n, size_t chunk, int jobs, Progress* progress,
                     const std::function<void(size_t, size_t, size_t)>& body) {
    if (n == 0) return;
    if (chunk == 0) chunk = n;
    const size_t chunks = chunk_count(n, chunk);
    const size_t threads =
        std::min(chunks, static_cast<size_t>(std::max(1, jobs <= 0 ? default_jobs() : jobs)));

    std::atomic<size_t> next{0};
    std::atomic<bool> failed{false};
    std::exception_ptr first_error;
    std::mutex error_mutex;

    auto worker = [&] {
        for (;;) {
            if (failed.load(std::memory_order_relaxed)) return;
            if (progress && progress->cancelled()) return;
            const size_t c = next.fetch_add(1, std::memory_order_relaxed);
            if (c >= chunks) return;
            const size_t begin = c * chunk;
            const size_t end = std::min(n, begin + chunk);
            try {
                body(c, begin, end);
            } catch (...) {
                std::lock_guard lock(error_mutex);
                if (!first_error) first_error = std::current_exception();
                failed.store(true, std::memory_order_relaxed);
                return;
            }
        }
    };

    if (threads <= 1) {
        worker();
    } else {
        std::vector<std::thread> pool;
        pool.reserve(threads - 1);
        for (size_t t = 1; t < threads; ++t)
            pool.emplace_back(worker);
        worker();
        for (auto& t : pool)
            t.join();
    }
    if (first_error) std::rethrow_exception(first_error);
    if (progress) progress->throw_if_cancelled();
}

} // namespace renoplan
