//! Logs on stderr: one JSON object per line (`LOG_FORMAT=json`, the default) for log collectors
//! such as Loki or Elasticsearch, or text for humans (`LOG_FORMAT=text`). `LOG_LEVEL` filters
//! (`info` by default; `debug` adds a line per request).

use std::fmt::{self, Write};

use tracing::field::{Field, Visit};
use tracing_subscriber::{
    EnvFilter,
    field::RecordFields,
    fmt::{FormatFields, FormattedFields, format::Writer},
};

use crate::config::LogFormat;

// ANCHOR: logging
pub fn init(format: LogFormat) {
    let filter = EnvFilter::try_from_env("LOG_LEVEL").unwrap_or_else(|_| EnvFilter::new("info"));
    let logs = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false);
    match format {
        LogFormat::Json => logs
            .json()
            .flatten_event(true)
            .with_span_list(false)
            .fmt_fields(SpanFields)
            .init(),
        LogFormat::Text => logs
            .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
            .init(),
    }
}
// ANCHOR_END: logging

/// A span's fields as the JSON object that the JSON log lines embed (`"span": {...}`), written
/// straight out. Every request has a span (its method, path and request ID), formatted when the
/// request arrives whether or not a line is ever logged for it; tracing-subscriber's own JSON
/// field formatter builds a map of JSON values first, which was about 6,000 instructions of every
/// request (callgrind, `scripts/bench callgrind`).
pub struct SpanFields;

impl<'writer> FormatFields<'writer> for SpanFields {
    fn format_fields<R: RecordFields>(
        &self,
        mut writer: Writer<'writer>,
        fields: R,
    ) -> fmt::Result {
        let mut object = JsonObject::new(&mut writer, true);
        fields.record(&mut object);
        object.finish()
    }

    /// Fields recorded later go into the same object.
    fn add_fields(
        &self,
        current: &'writer mut FormattedFields<Self>,
        fields: &tracing::span::Record<'_>,
    ) -> fmt::Result {
        let opened = current.fields.ends_with('}');
        if opened {
            current.fields.pop();
        } else {
            current.fields.clear();
        }
        let first = !opened || current.fields == "{";
        let mut writer = current.as_writer();
        let mut object = JsonObject::new(&mut writer, first);
        object.opened = opened;
        fields.record(&mut object);
        object.finish()
    }
}

/// Writes `{"name": value, ...}`.
struct JsonObject<'a, 'w> {
    writer: &'a mut Writer<'w>,
    first: bool,
    /// Whether `{` is written already.
    opened: bool,
    result: fmt::Result,
}

impl<'a, 'w> JsonObject<'a, 'w> {
    fn new(writer: &'a mut Writer<'w>, first: bool) -> Self {
        JsonObject {
            writer,
            first,
            opened: false,
            result: Ok(()),
        }
    }

    fn key(&mut self, field: &Field) -> Result<&mut Writer<'w>, fmt::Error> {
        self.result?;
        if !self.opened {
            self.writer.write_char('{')?;
            self.opened = true;
        }
        if !self.first {
            self.writer.write_char(',')?;
        }
        self.first = false;
        string(self.writer, field.name())?;
        self.writer.write_char(':')?;
        Ok(self.writer)
    }

    fn value(&mut self, field: &Field, write: impl FnOnce(&mut Writer<'w>) -> fmt::Result) {
        self.result = self.key(field).and_then(write);
    }

    fn finish(self) -> fmt::Result {
        self.result?;
        if !self.opened {
            self.writer.write_char('{')?;
        }
        self.writer.write_char('}')
    }
}

impl Visit for JsonObject<'_, '_> {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.value(field, |w| string(w, value));
    }

    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.value(field, |w| {
            w.write_char('"')?;
            write!(Escaped(w), "{value:?}")?;
            w.write_char('"')
        });
    }

    fn record_i64(&mut self, field: &Field, value: i64) {
        self.value(field, |w| write!(w, "{value}"));
    }

    fn record_u64(&mut self, field: &Field, value: u64) {
        self.value(field, |w| write!(w, "{value}"));
    }

    fn record_bool(&mut self, field: &Field, value: bool) {
        self.value(field, |w| write!(w, "{value}"));
    }

    fn record_f64(&mut self, field: &Field, value: f64) {
        match value.is_finite() {
            true => self.value(field, |w| write!(w, "{value}")),
            false => self.value(field, |w| w.write_str("null")),
        }
    }
}

/// `text` as a JSON string: quoted, with `"`, `\` and control characters escaped.
fn string(writer: &mut Writer<'_>, text: &str) -> fmt::Result {
    writer.write_char('"')?;
    Escaped(writer).write_str(text)?;
    writer.write_char('"')
}

/// Writes what it is given with JSON's string escapes.
struct Escaped<'a, 'w>(&'a mut Writer<'w>);

impl Write for Escaped<'_, '_> {
    /// Every character to escape is ASCII, so the text is searched byte by byte and written
    /// in runs between them (a path or request ID usually in one run).
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let mut plain = 0;
        for (i, &b) in s.as_bytes().iter().enumerate() {
            if b == b'"' || b == b'\\' || b < b' ' {
                self.0.write_str(&s[plain..i])?;
                match b {
                    b'"' => self.0.write_str("\\\"")?,
                    b'\\' => self.0.write_str("\\\\")?,
                    b'\n' => self.0.write_str("\\n")?,
                    b'\r' => self.0.write_str("\\r")?,
                    b'\t' => self.0.write_str("\\t")?,
                    b => write!(self.0, "\\u{b:04x}")?,
                }
                plain = i + 1;
            }
        }
        self.0.write_str(&s[plain..])
    }
}

#[cfg(test)]
mod tests {
    use std::{
        io,
        sync::{Arc, Mutex},
    };

    use serde_json::{Value, json};

    use super::*;

    #[test]
    fn a_log_line_carries_its_spans_fields_as_json_however_they_were_recorded() {
        #[derive(Clone, Default)]
        struct Lines(Arc<Mutex<Vec<u8>>>);
        impl io::Write for Lines {
            fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
                self.0.lock().unwrap().write(bytes)
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let lines = Lines::default();
        let writer = lines.clone();
        let subscriber = tracing_subscriber::fmt()
            .json()
            .flatten_event(true)
            .with_span_list(false)
            .fmt_fields(SpanFields)
            .with_writer(move || writer.clone())
            .finish();
        tracing::subscriber::with_default(subscriber, || {
            let path = "/a\"b\\c\n\u{1}é";
            let span = tracing::info_span!("request", method = %"POST", path, n = 3, later = tracing::field::Empty);
            span.record("later", true);
            span.in_scope(|| tracing::info!(status = 422, "request refused"));
        });
        let text = String::from_utf8(lines.0.lock().unwrap().clone()).unwrap();
        let line: Value = serde_json::from_str(text.trim()).expect(&text);
        assert_eq!(
            line["span"],
            json!({"name": "request", "method": "POST", "path": "/a\"b\\c\n\u{1}é", "n": 3, "later": true})
        );
        assert_eq!(line["status"], 422);
    }
}
