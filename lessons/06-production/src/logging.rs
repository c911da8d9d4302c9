//! Logs on stderr: one JSON object per line (`LOG_FORMAT=json`, the default) for log collectors
//! such as Loki or Elasticsearch, or text for humans (`LOG_FORMAT=text`). `LOG_LEVEL` filters
//! (`info` by default; `debug` adds a line per request).

use tracing_subscriber::EnvFilter;

use crate::config::LogFormat;

// ANCHOR: logging
pub fn init(format: LogFormat) {
    let filter = EnvFilter::try_from_env("LOG_LEVEL").unwrap_or_else(|_| EnvFilter::new("info"));
    let logs = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false);
    match format {
        LogFormat::Json => logs.json().flatten_event(true).with_span_list(false).init(),
        LogFormat::Text => logs
            .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
            .init(),
    }
}
// ANCHOR_END: logging
