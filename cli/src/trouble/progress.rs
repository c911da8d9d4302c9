//! What the learner has done: the last check of each exercise and test run of each lesson,
//! kept in `.progress.json` in the exercises folder.
//!
//! Dates: [`jiff`] (0.2, the version k8s-openapi already builds into this binary, so no new
//! crate) formats the UTC time of an outcome; it replaced a hand-written civil-from-days
//! conversion that had to get leap years and the epoch right by itself.

use std::{
    collections::BTreeMap,
    fs,
    path::PathBuf,
    time::{SystemTime, UNIX_EPOCH},
};

use serde::{Deserialize, Serialize};

use crate::t;

use super::paths::{PROGRESS, exercises_root, shown};

// ---------------------------------------------------------------------------------------------
// Progress

/// The last result of a check (`workbook trouble check N`) or of a lesson's tests
/// (`workbook verify N`), and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    pub passed: bool,
    /// Seconds since the Unix epoch.
    pub at: u64,
    /// What ran.
    pub command: String,
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Progress {
    #[serde(default)]
    pub exercises: BTreeMap<String, Outcome>,
    #[serde(default)]
    pub lessons: BTreeMap<String, Outcome>,
}

impl Progress {
    pub fn path() -> PathBuf {
        exercises_root().join(PROGRESS)
    }

    /// The saved progress (none yet is empty progress); a file that is not ours is an error,
    /// never silently replaced.
    pub fn load() -> Result<Progress, String> {
        let path = Self::path();
        match fs::read_to_string(&path) {
            Ok(text) => serde_json::from_str(&text).map_err(|e| {
                t!(
                    "trouble-progress-foreign",
                    path = shown(&path),
                    error = e.to_string()
                )
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Progress::default()),
            Err(e) => Err(t!(
                "trouble-cannot-read",
                path = shown(&path),
                error = e.to_string()
            )),
        }
    }

    /// Writes the whole file anew (a temporary file renamed over it: never half written).
    pub fn save(&self) -> Result<(), String> {
        let path = Self::path();
        let fail = |e: std::io::Error| {
            t!(
                "trouble-cannot-write",
                path = shown(&path),
                error = e.to_string()
            )
        };
        fs::create_dir_all(exercises_root()).map_err(fail)?;
        let temporary = path.with_extension("json.tmp");
        let text = serde_json::to_string_pretty(self).expect("progress is JSON") + "\n";
        fs::write(&temporary, text).map_err(fail)?;
        fs::rename(&temporary, &path).map_err(fail)
    }

    /// Loads, changes and saves.
    pub(super) fn record(change: impl FnOnce(&mut Progress)) -> Result<(), String> {
        let mut progress = Self::load()?;
        change(&mut progress);
        progress.save()
    }
}

pub(super) fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default()
}

/// `2025-11-28 04:50 UTC`; a time past jiff's range (after the year 9999) as its seconds.
pub fn utc(seconds: u64) -> String {
    i64::try_from(seconds)
        .ok()
        .and_then(|s| jiff::Timestamp::from_second(s).ok())
        .map_or_else(
            || format!("{seconds} s after 1970-01-01 UTC"),
            |at| at.strftime("%Y-%m-%d %H:%M UTC").to_string(),
        )
}

#[cfg(test)]
mod tests {
    use super::utc;

    #[test]
    fn dates_around_leap_days_and_centuries() {
        assert_eq!(utc(0), "1970-01-01 00:00 UTC");
        // 2024 is a leap year: 29 February, then 1 March.
        assert_eq!(utc(1_709_164_800), "2024-02-29 00:00 UTC");
        assert_eq!(utc(1_709_251_199), "2024-02-29 23:59 UTC");
        assert_eq!(utc(1_709_251_200), "2024-03-01 00:00 UTC");
        // 2100 is not (divisible by 100, not by 400); 2000 was (divisible by 400).
        assert_eq!(utc(4_107_456_000), "2100-02-28 00:00 UTC");
        assert_eq!(utc(4_107_542_400), "2100-03-01 00:00 UTC");
        assert_eq!(utc(951_782_400), "2000-02-29 00:00 UTC");
        assert_eq!(utc(1_764_305_400), "2025-11-28 04:50 UTC");
        assert_eq!(utc(u64::MAX), "18446744073709551615 s after 1970-01-01 UTC");
    }
}
