//! `workbook trouble`: the troubleshooting lab's cases as exercises, in the manner of rustlings.
//!
//! The cases, their titles, hints and what each fixed variant must do are the lab's manifest,
//! `lessons/05-troubleshooting/cases.toml` ([`crate::cases`]). Messages are in the locale's
//! language ([`crate::i18n`]).
//!
//! `start N` copies case N's broken variant (a Kubernetes case's: the plain manifests its
//! overlay renders, [`write_plain`]) into the learner's own folder (`exercises/NN-name/`
//! at the repository root, or `$WORKBOOK_EXERCISES/NN-name/`); the learner edits it; `check N`
//! runs on it the checks the lab's tests run on the fixed variant - the doctor must find
//! nothing, and for a Docker case the learner's Dockerfile is built (from the repository root,
//! as `scripts/docker-build` builds every image) and run until the real symptom is gone. `hint N`
//! prints the case's hint; `list` shows the exercises fixed and the lessons whose tests
//! passed when last run through `workbook verify N`. Progress is kept in `.progress.json` in the
//! exercises folder, so it survives restarts. Nothing the learner wrote is overwritten:
//! `start` refuses an existing folder, `reset` moves it to `.old/` before copying again.

mod case;
mod check;
mod exercise;
mod paths;
mod plain;
mod progress;

pub use case::{Case, cases, find};
pub use check::check;
pub use exercise::{hint, lessons, list, reset, start, verify};
pub use paths::{CASES, NOT_FIXED, OK, PROGRESS, USAGE, exercises_root, repo_root};
pub use plain::write_plain;
pub use progress::{Outcome, Progress, utc};
