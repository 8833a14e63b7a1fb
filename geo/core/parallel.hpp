// Deterministic data parallelism over index ranges.
//
// Work is cut into fixed chunks independent of the thread count, so a result assembled chunk by
// chunk is the same with 1 or 16 threads. The first exception thrown by any chunk is rethrown on
// the calling thread after all workers have stopped; cancellation is checked between chunks.
#pragma once

#include <cstddef>
#include <functional>

namespace renoplan {

class Progress;

// Number of worker threads to use when the user did not say: the hardware concurrency (>= 1).
int default_jobs();

// Calls body(chunk_index, begin, end) for every chunk [begin, end) of [0, n) of size `chunk`
// (the last one shorter) on up to `jobs` threads. `progress` may be null.
void parallel_chunks(size_t n, size_t chunk, int jobs, Progress* progress,
                     const std::function<void(size_t chunk_index, size_t begin, size_t end)>& body);

// Number of chunks parallel_chunks() will use for n items.
inline size_t chunk_count(size_t n, size_t chunk) {
    return chunk ? (n + chunk - 1) / chunk : 0;
}

} // namespace renoplan
