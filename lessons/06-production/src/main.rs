//! `production`: serve the model (default), or `production healthcheck` for the image's
//! HEALTHCHECK (no curl in a distroless image).

use std::process::ExitCode;

use production::{Config, config::LogFormat, logging};

// mimalloc instead of the system's malloc: a request allocates and frees a few hundred small
// blocks (headers, JSON, the tensors), and glibc's malloc and free were about a fifth of the
// instructions of a request (callgrind, `just bench`). The crate's `override` feature (the
// workspace's Cargo.toml) makes mimalloc's malloc and free the whole process's, so Rust's default
// allocator, which calls malloc, and ONNX Runtime's C++ both use it. No `#[global_allocator]`:
// the crate's own calls `mi_malloc_aligned` for every allocation, which costs more than `malloc`
// for the usual alignment of 16 bytes or less (callgrind: 78,584 instructions per request before,
// 77,382 and 76,175 in two counts after).
use mimalloc as _;

fn main() -> ExitCode {
    // Docker runs the HEALTHCHECK inside the container (as `docker exec` does) every 5 s, on the
    // server's own cores, so the check starts no async runtime: a worker thread per core for one
    // blocking request doubled its CPU time (2.1 ms against 1.2 ms, `perf stat`; runc's part of
    // each probe is about 12 ms more, `just bench`).
    if std::env::args().nth(1).as_deref() == Some("healthcheck") {
        return model_in_image::healthcheck::run();
    }
    serve_until_stopped()
}

#[tokio::main]
async fn serve_until_stopped() -> ExitCode {
    let config = Config::from_env();
    logging::init(config.as_ref().map_or(LogFormat::Json, |c| c.log_format));
    let served = match config {
        Ok(config) => production::serve(config).await.map_err(|e| e.to_string()),
        Err(error) => Err(error.to_string()),
    };
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!("{error}");
            ExitCode::FAILURE
        }
    }
}
