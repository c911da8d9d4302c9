//! What the learner has done: the last check of each exercise and test run of each lesson,
//! kept in `.progress.json` in the exercises folder.

use std::{
    collections::BTreeMap,
    fs,
    path::PathBuf,
    time::{SystemTime, UNIX_EPOCH},
};

use serde::{Deserialize, Serialize};

use crate::t;

use super::paths::*;

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
    pub(crate) fn record(change: impl FnOnce(&mut Progress)) -> Result<(), String> {
        let mut progress = Self::load()?;
        change(&mut progress);
        progress.save()
    }
}

pub(crate) fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default()
}

/// `2025-11-28 04:50 UTC`.
pub fn utc(seconds: u64) -> String {
    let days = (seconds / 86_400) as i64;
    let rest = seconds % 86_400;
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02} UTC",
        rest / 3600,
        rest % 3600 / 60
    )
}
