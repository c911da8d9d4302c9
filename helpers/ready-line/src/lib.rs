//! The ready line: the one log line a workbook server writes once it listens,
//! `listening on http://0.0.0.0:8000`, and the one thing everything that waits for a server
//! waits for - the test harness (`workbook_harness::ready_wait`), `workbook trouble check`,
//! the troubleshooting lab's tests and scripts/wait-ready (a shell script: a test in
//! tests/ci_files.rs keeps its copy of [`READY_LINE`] the same).
//!
//! The servers from lesson 03 on write it with [`line`]. Lessons 01 and 02 are a beginner's
//! first programs and write it with a plain `eprintln!`; their tests check that what they
//! write is [`line`]'s.

use std::fmt::Display;

/// What a server's log says once it listens, and what a waiter looks for.
pub const READY_LINE: &str = "listening on";

/// The ready line for the address a server listens on: `listening on http://ADDR`.
pub fn line(addr: impl Display) -> String {
    format!("{READY_LINE} http://{addr}")
}

/// The address of the first ready line in a log (`0.0.0.0:8000`), if there is one.
pub fn address(logs: &str) -> Option<&str> {
    let prefix = format!("{READY_LINE} http://");
    let at = logs.find(&prefix)? + prefix.len();
    logs[at..].split_whitespace().next()
}

/// The port of the first ready line in a log, if there is one.
pub fn port(logs: &str) -> Option<u16> {
    address(logs)?.rsplit(':').next()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_logged_line_gives_back_its_address_and_port() {
        let logs = format!(
            "2026-12-02T01:54:37Z  INFO model loaded\n2026-12-02T01:54:37Z  INFO {}\n",
            line("127.0.0.1:8000")
        );
        assert_eq!(line("0.0.0.0:8000"), "listening on http://0.0.0.0:8000");
        assert_eq!(address(&logs), Some("127.0.0.1:8000"));
        assert_eq!(port(&logs), Some(8000));
        assert_eq!(port("starting\n"), None);
    }
}
